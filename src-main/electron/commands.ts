/**
 * What the native menu and file drops do. Each reads paths only from native dialogs or drops (never from the
 * renderer) and does its work through the core, reporting through dialogs and the core's events.
 */
import path from 'node:path';
import { app, dialog, type BrowserWindow } from 'electron';
import type { CoreContext } from '../core/context';
import { backupDatabase } from '../core/store/db';
import { backupDirectory, backupFileName } from './backups';
import { aboutDetail } from './menu';

export interface DesktopCommands {
  importCsv(): void;
  importFiles(files: string[]): void;
  exportReport(): void;
  backupDatabase(): void;
  showAbout(): void;
}

export function createDesktopCommands(options: {
  ctx: CoreContext;
  window: () => BrowserWindow | null;
}): DesktopCommands {
  const { ctx } = options;

  /** Shows a message box attached to the window when there is one. */
  const tell = (type: 'info' | 'error', message: string, detail?: string) => {
    const win = options.window();
    const box = { type, title: 'Greenlight', message, detail, noLink: true };
    return win ? dialog.showMessageBox(win, box) : dialog.showMessageBox(box);
  };

  const commands: DesktopCommands = {
    importCsv() {
      void (async () => {
        const win = options.window();
        const dialogOptions: Electron.OpenDialogOptions = {
          title: 'Import CSV',
          properties: ['openFile', 'multiSelections'],
          filters: [
            { name: 'Tables', extensions: ['csv', 'tsv', 'txt'] },
            { name: 'All files', extensions: ['*'] },
          ],
        };
        const picked = win
          ? await dialog.showOpenDialog(win, dialogOptions)
          : await dialog.showOpenDialog(dialogOptions);
        if (!picked.canceled) commands.importFiles(picked.filePaths);
      })();
    },

    importFiles(files) {
      void files;
      void tell('error', 'Importing from the desktop menu is not available in this build yet.');
    },

    exportReport() {
      void tell('error', 'Exporting a report from the desktop menu is not available in this build yet.');
    },

    backupDatabase() {
      void (async () => {
        const win = options.window();
        const saveOptions: Electron.SaveDialogOptions = {
          title: 'Back up database',
          defaultPath: path.join(backupDirectory(ctx.databasePath), backupFileName(new Date())),
          filters: [{ name: 'Greenlight database', extensions: ['sqlite'] }],
        };
        const target = win ? await dialog.showSaveDialog(win, saveOptions) : await dialog.showSaveDialog(saveOptions);
        if (target.canceled || !target.filePath) return;
        if (path.resolve(target.filePath) === path.resolve(ctx.databasePath)) {
          await tell('error', 'Choose a different file: a backup cannot replace the database itself.');
          return;
        }
        try {
          await backupDatabase(ctx.db, target.filePath);
          await tell('info', 'Backup written.', target.filePath);
        } catch (err) {
          await tell('error', 'The backup could not be written.', (err as Error).message);
        }
      })();
    },

    showAbout() {
      void tell(
        'info',
        'Greenlight',
        aboutDetail({ version: app.getVersion(), databasePath: ctx.databasePath, electron: process.versions.electron }),
      );
    },
  };
  return commands;
}

/**
 * What the native menu and file drops do. Each reads paths only from native dialogs or drops (never from the
 * renderer) and does its work through the core, reporting through dialogs and the core's events.
 */
import path from 'node:path';
import fs from 'node:fs';
import { app, dialog, type BrowserWindow } from 'electron';
import { emitEvent, type CoreContext } from '../core/context';
import { importFileIsolated } from '../core/ingest/isolated';
import { buildScenarioReport } from '../core/report';
import { backupDatabase } from '../core/store/db';
import { listScenarios } from '../core/store/scenarios';
import { backupDirectory, backupFileName } from './backups';
import { formatNumber, plural } from '../shared/format';
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
      // One job per file, as the renderer's own imports: progress and the summary reach the window as events.
      for (const file of files) {
        const fileName = path.basename(file);
        const job = ctx.jobs.start('data.import', async (control) => {
          const summary = await importFileIsolated(
            ctx,
            { fileName, path: file },
            { signal: control.signal, onProgress: (p) => control.report(p) },
          );
          emitEvent(ctx, { type: 'data.changed', what: 'films' });
          return summary;
        });
        void ctx.jobs.wait(job).then((status) => {
          if (status.state === 'failed') void tell('error', `${fileName} could not be imported.`, status.error);
          if (status.state !== 'done') return;
          const s = status.result as { rows: number; loaded: number; quarantined: number; flagged: number };
          void tell(
            'info',
            `Imported ${fileName}`,
            `${plural(s.rows, 'row')} read: ${formatNumber(s.loaded)} loaded (${formatNumber(s.flagged)} flagged), ${formatNumber(s.quarantined)} quarantined.`,
          );
        });
      }
    },

    exportReport() {
      void (async () => {
        const scenarios = listScenarios(ctx.db);
        if (scenarios.length === 0) {
          await tell('info', 'There is nothing to report yet.', 'Save a scenario from the Forecast view first.');
          return;
        }
        const win = options.window();
        const saveOptions: Electron.SaveDialogOptions = {
          title: 'Export report',
          defaultPath: path.join(
            app.getPath('documents'),
            `greenlight-report-${new Date().toISOString().slice(0, 10)}.pdf`,
          ),
          filters: [{ name: 'PDF', extensions: ['pdf'] }],
        };
        const target = win ? await dialog.showSaveDialog(win, saveOptions) : await dialog.showSaveDialog(saveOptions);
        if (target.canceled || !target.filePath) return;
        const file = target.filePath;
        // All saved scenarios as a slate, as a job so the window shows progress.
        const job = ctx.jobs.start('reports.export', async (control) => {
          const pdf = await buildScenarioReport(ctx, { scenarioIds: scenarios.map((s) => s.id) }, (p) =>
            control.report(p),
          );
          await fs.promises.writeFile(file, pdf);
          return { file, bytes: pdf.length };
        });
        const status = await ctx.jobs.wait(job);
        if (status.state === 'done') await tell('info', 'Report saved.', file);
        else if (status.state === 'failed') await tell('error', 'The report could not be written.', status.error);
      })();
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

/**
 * Greenlight's Electron main process: a thin shell. It opens the database, builds the core context, answers the
 * renderer through the contract (ipc.ts), and adds what only a desktop app has: a window, menus, native dialogs,
 * file drops. Everything real lives in src-main/core.
 */
import path from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, Menu } from 'electron';
import { createContext, type CoreContext } from '../core/context';
import { handlers } from '../core/api/handlers';
import { defaultDatabasePath } from '../core/store/paths';
import { autoBackup } from './backups';
import { createDesktopCommands } from './commands';
import { openDatabaseWithRecovery } from './database';
import {
  applyDevServerCsp,
  builtPaths,
  hardenAllWebContents,
  openExternalSafely,
  registerAppScheme,
  serveRenderer,
} from './hardening';
import { forwardEvents, registerIpc } from './ipc';
import { menuTemplate } from './menu';
import { configureWorkerEntry, prepareCore } from './core-setup';
import { appOrigins, isTrustedSender } from './security';
import { createMainWindow } from './window';

const devServerUrl =
  !app.isPackaged && process.env.ELECTRON_RENDERER_URL ? process.env.ELECTRON_RENDERER_URL : undefined;
const origins = appOrigins(devServerUrl);
const paths = builtPaths(__dirname);

// Tests (and anyone keeping several profiles) give each run its own folder for window state and Chromium data.
if (process.env.GREENLIGHT_USER_DATA) app.setPath('userData', path.resolve(process.env.GREENLIGHT_USER_DATA));
// The bundled main runs from out/main, so tell the core where the project's resources and models are.
process.env.GREENLIGHT_RESOURCES ??= path.join(app.getAppPath(), 'resources');
process.env.GREENLIGHT_MODELS ??= path.join(app.getAppPath(), 'models');

app.enableSandbox();
registerAppScheme();
configureWorkerEntry();

let mainWindow: BrowserWindow | null = null;
let ctx: CoreContext | null = null;

if (!app.requestSingleInstanceLock()) {
  // Another Greenlight is running on this profile: it gets focus (below), this one leaves.
  app.quit();
} else {
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', () => ctx?.db.close());
  app.whenReady().then(start, fail);
}

async function start(): Promise<void> {
  const opened = await openDatabaseWithRecovery(defaultDatabasePath());
  if (!opened) return app.quit();
  ctx = createContext(opened.db, opened.file, 'electron');
  const core = ctx;
  const commands = createDesktopCommands({ ctx: core, window: () => mainWindow });

  hardenAllWebContents({ origins, onFileDropped: (file) => commands.importFiles([file]) });
  if (devServerUrl) applyDevServerCsp(devServerUrl);
  else serveRenderer(paths.rendererDir);

  registerIpc({
    ipcMain,
    handlers,
    ctx: core,
    isTrusted: (sender) => isTrustedSender(sender, { webContentsId: mainWindow?.webContents.id ?? null, origins }),
    onRefused: (sender, channel) =>
      console.warn(`Refused IPC ${String(channel).slice(0, 80)} from ${sender.frameUrl ?? 'a closed frame'}`),
  });
  forwardEvents(core, (channel, event) => {
    if (mainWindow && !mainWindow.isDestroyed()) mainWindow.webContents.send(channel, event);
  });

  Menu.setApplicationMenu(
    Menu.buildFromTemplate(
      menuTemplate(
        { ...commands, openExternal: openExternalSafely },
        { platform: process.platform, dev: Boolean(devServerUrl) },
      ),
    ),
  );
  mainWindow = createMainWindow({ preload: paths.preload, userDataDir: app.getPath('userData'), devServerUrl });
  mainWindow.on('closed', () => {
    mainWindow = null;
  });

  // First run: load the embedded films and install the shipped models, with progress in the window.
  await prepareCore(core);
  void autoBackup(core.db, core.databasePath).catch((err: Error) =>
    console.warn(`Automatic backup failed: ${err.message}`),
  );
}

/** An unexpected failure at start: one dialog with the message (no stack for the user), then quit. */
function fail(err: unknown): void {
  const message = err instanceof Error ? err.message : String(err);
  console.error(err);
  dialog.showErrorBox('Greenlight could not start', message);
  app.exit(1);
}

/**
 * The one main window: locked-down webPreferences, remembered size and position, and the renderer loaded from
 * app:// (or the dev server under `electron-vite dev`).
 */
import { BrowserWindow, screen } from 'electron';
import { APP_ENTRY_URL } from './security';
import { fitToDisplays, loadWindowState, MIN_HEIGHT, MIN_WIDTH, saveWindowState } from './window-state';

export interface MainWindowOptions {
  preload: string;
  userDataDir: string;
  /** `ELECTRON_RENDERER_URL` under `electron-vite dev`; otherwise the built renderer on app://. */
  devServerUrl?: string;
}

export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const saved = fitToDisplays(
    loadWindowState(options.userDataDir),
    screen.getAllDisplays().map((d) => d.workArea),
  );
  const window = new BrowserWindow({
    x: saved.x,
    y: saved.y,
    width: saved.width,
    height: saved.height,
    minWidth: MIN_WIDTH,
    minHeight: MIN_HEIGHT,
    title: 'Greenlight',
    show: false,
    backgroundColor: '#1e1f22',
    webPreferences: {
      preload: options.preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: true, // a dropped CSV navigates to file://…, which main turns into an import (hardening.ts)
      spellcheck: false,
      disableBlinkFeatures: 'Auxclick', // no middle-click navigation (Electronegativity AUXCLICK_JS_CHECK)
    },
  });
  if (saved.maximized) window.maximize();
  window.once('ready-to-show', () => window.show());
  rememberBounds(window, options.userDataDir);
  void window.loadURL(options.devServerUrl ?? APP_ENTRY_URL);
  return window;
}

/** Saves size, position and maximised state when the window closes (not on every move: no disk churn). */
function rememberBounds(window: BrowserWindow, userDataDir: string): void {
  window.on('close', () => {
    const bounds = window.getNormalBounds();
    try {
      saveWindowState(userDataDir, { ...bounds, maximized: window.isMaximized() });
    } catch (err) {
      console.warn(`Could not remember the window size: ${(err as Error).message}`);
    }
  });
}

/**
 * The native menu as a template (Electron's `Menu.buildFromTemplate` input). The actions are passed in, so the
 * template is built and tested without Electron.
 */
import type { MenuItemConstructorOptions } from 'electron';

export const TMDB_ATTRIBUTION = 'This product uses data from TMDB but is not endorsed or certified by TMDB.';
export const TMDB_URL = 'https://www.themoviedb.org/';

export interface MenuActions {
  importCsv(): void;
  exportReport(): void;
  backupDatabase(): void;
  showAbout(): void;
  openExternal(url: string): void;
}

/** The About box's text: what the app is, its version, where its data lives, and the TMDB attribution. */
export function aboutDetail(info: { version: string; databasePath: string; electron?: string }): string {
  return [
    `Version ${info.version}${info.electron ? ` (Electron ${info.electron})` : ''}`,
    'Forecast a film’s worldwide revenue and hit probability from what is known before it is made.',
    `Database: ${info.databasePath}`,
    '',
    TMDB_ATTRIBUTION,
  ].join('\n');
}

export function menuTemplate(
  actions: MenuActions,
  options: { platform: NodeJS.Platform; dev: boolean },
): MenuItemConstructorOptions[] {
  const mac = options.platform === 'darwin';
  const file: MenuItemConstructorOptions = {
    label: '&File',
    submenu: [
      { label: 'Import CSV…', accelerator: 'CmdOrCtrl+O', click: () => actions.importCsv() },
      { label: 'Export report…', accelerator: 'CmdOrCtrl+E', click: () => actions.exportReport() },
      { label: 'Back up database…', click: () => actions.backupDatabase() },
      { type: 'separator' },
      mac ? { role: 'close' } : { role: 'quit' },
    ],
  };
  const view: MenuItemConstructorOptions = {
    label: '&View',
    submenu: [
      { role: 'reload' },
      ...(options.dev ? [{ role: 'toggleDevTools' } as MenuItemConstructorOptions] : []),
      { type: 'separator' },
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { type: 'separator' },
      { role: 'togglefullscreen' },
    ],
  };
  const help: MenuItemConstructorOptions = {
    role: 'help',
    submenu: [
      { label: 'About Greenlight', click: () => actions.showAbout() },
      { label: 'TMDB website', click: () => actions.openExternal(TMDB_URL) },
    ],
  };
  return [
    ...(mac ? [{ role: 'appMenu' } as MenuItemConstructorOptions] : []),
    file,
    { role: 'editMenu' },
    view,
    { role: 'windowMenu' },
    help,
  ];
}

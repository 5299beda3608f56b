/**
 * Wires the decisions of security.ts into Electron: the app:// scheme that serves the built renderer with its CSP,
 * the CSP on the dev server's pages, and the rules every web contents gets (no navigation, no new windows, no
 * webviews, no permission prompts, external links to the OS browser only when http(s)).
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { app, net, protocol, session, shell, type WebContents } from 'electron';
import {
  APP_SCHEME,
  contentSecurityPolicy,
  droppedImportFile,
  isAllowedExternalUrl,
  isAllowedNavigation,
  resolveAppAsset,
} from './security';

/** Must run before `app` is ready: app:// behaves like https (relative URLs, fetch, a secure context). */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
  ]);
}

/** Serves `rendererDir` on app://greenlight/, every response with the CSP; anything outside it is a 404. */
export function serveRenderer(rendererDir: string): void {
  const csp = contentSecurityPolicy();
  protocol.handle(APP_SCHEME, async (request) => {
    const file = resolveAppAsset(request.url, rendererDir);
    if (!file || request.method !== 'GET') return new Response('Not found', { status: 404 });
    let response: Response;
    try {
      response = await net.fetch(pathToFileURL(file).toString());
    } catch {
      return new Response('Not found', { status: 404 }); // a missing file rejects rather than answering 404
    }
    const headers = new Headers(response.headers);
    headers.set('Content-Security-Policy', csp);
    headers.set('X-Content-Type-Options', 'nosniff');
    return new Response(response.body, { status: response.status, headers });
  });
}

/** In `electron-vite dev` the pages come from the dev server; give them the same CSP (plus the dev server). */
export function applyDevServerCsp(devServerUrl: string): void {
  const csp = contentSecurityPolicy({ devServerOrigin: devServerUrl });
  session.defaultSession.webRequest.onHeadersReceived(
    { urls: [`${devServerUrl.replace(/\/$/, '')}/*`] },
    (details, cb) => cb({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [csp] } }),
  );
}

/** Opens an http(s) URL in the user's browser; refuses (and logs) anything else. */
export function openExternalSafely(url: string): void {
  if (isAllowedExternalUrl(url)) void shell.openExternal(url);
  else console.warn(`Refused to open ${String(url).slice(0, 200)}: only http(s) links open outside the app.`);
}

export interface HardeningOptions {
  /** The app's own origins (security.ts `appOrigins`). */
  origins: readonly string[];
  /** A table file was dropped on the window (see security.ts `droppedImportFile`). */
  onFileDropped(file: string): void;
}

/** Applies the rules to every web contents the app ever creates, and denies every permission request. */
export function hardenAllWebContents(options: HardeningOptions): void {
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, options));
}

function hardenWebContents(contents: WebContents, options: HardeningOptions): void {
  contents.setWindowOpenHandler(({ url }) => {
    openExternalSafely(url);
    return { action: 'deny' };
  });
  contents.on('will-navigate', (event) => {
    if (isAllowedNavigation(event.url, options.origins)) return;
    event.preventDefault();
    const initiatedByPage = Boolean(event.initiator);
    const dropped = event.isMainFrame ? droppedImportFile(event.url, initiatedByPage) : null;
    if (dropped) options.onFileDropped(dropped);
    // A link the app shows was clicked: hand it to the browser. (A link dragged in from elsewhere is just refused.)
    else if (initiatedByPage && isAllowedExternalUrl(event.url)) openExternalSafely(event.url);
  });
  contents.on('will-redirect', (event) => {
    if (!isAllowedNavigation(event.url, options.origins)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.on('will-frame-navigate', (event) => {
    // Sub-frames may not load anything: the app has no iframes, so one is an attack.
    if (!event.isMainFrame) event.preventDefault();
  });
}

/** Where the built renderer and preload are, relative to the built main (out/main/index.js). */
export function builtPaths(mainDir: string): { rendererDir: string; preload: string } {
  return {
    rendererDir: path.join(mainDir, '..', 'renderer'),
    preload: path.join(mainDir, '..', 'preload', 'preload.js'),
  };
}

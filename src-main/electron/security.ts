/**
 * The Electron shell's security decisions, as pure functions with no Electron import, so each one is unit-tested
 * under plain Node (test/unit/electron-security.test.ts). main.ts and ipc.ts only wire these to Electron's events.
 *
 * The renderer is treated as untrusted: it may only reach main through the one IPC channel (and only from the
 * app's own window, main frame, app origin), may not navigate or open windows, may not load remote content
 * (the CSP), and may only ask the OS to open http(s) links.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The built renderer is served from this privileged custom scheme rather than file:// (Electron security guide #18). */
export const APP_SCHEME = 'app';
export const APP_HOST = 'greenlight';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/**
 * `scheme://host[:port]` of a URL, or null. Node's `URL.origin` is "null" for non-special schemes such as app://,
 * so origins are compared by this instead.
 */
export function originOf(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    const u = new URL(url);
    if (!u.host) return null;
    return `${u.protocol}//${u.host}`;
  } catch {
    return null;
  }
}

/**
 * The Content-Security-Policy of the app's pages. Scripts only from the app itself (no inline script, no eval),
 * no network but the app's own origin, no plugins, frames, forms or <base>. Stylesheets only from the app; inline
 * style attributes are allowed because chart tooltips are HTML strings carrying them (a style cannot run code).
 * `devServerOrigin` (electron-vite dev only) adds the dev server and its hot-reload websocket, and inline <style>
 * elements, which Vite's dev server injects.
 */
export function contentSecurityPolicy(options: { devServerOrigin?: string } = {}): string {
  const dev = options.devServerOrigin ? originOf(options.devServerOrigin) : null;
  const self = dev ? `'self' ${dev}` : "'self'";
  const connect = dev ? `${self} ${dev.replace(/^http/, 'ws')}` : self;
  const styles = dev ? `${self} 'unsafe-inline'` : self;
  return [
    "default-src 'none'",
    `script-src ${self}`,
    `style-src ${styles}`,
    "style-src-attr 'unsafe-inline'",
    `img-src ${self} data: blob:`,
    `font-src ${self} data:`,
    `connect-src ${connect}`,
    `worker-src ${self} blob:`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-src 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** The origins the app's own pages load from: the app scheme, plus the dev server when running `electron-vite dev`. */
export function appOrigins(devServerUrl?: string): string[] {
  const dev = originOf(devServerUrl);
  return dev ? [APP_ORIGIN, dev] : [APP_ORIGIN];
}

/** What main knows about who sent an IPC message (from `event.sender` and `event.senderFrame`). */
export interface IpcSenderInfo {
  /** `event.sender.id`. */
  webContentsId: number;
  /** `event.senderFrame?.url`; null when the frame is gone (navigated away or destroyed). */
  frameUrl: string | null;
  /** `event.senderFrame === event.sender.mainFrame`: false for iframes. */
  isMainFrame: boolean;
}

/**
 * Accepts IPC only from the app's own window, its main frame, showing the app's own origin. This protects the
 * handlers from any other page that might end up in a renderer (an iframe, a navigation that slipped through, a
 * second window): none of them can call into main.
 */
export function isTrustedSender(
  sender: IpcSenderInfo,
  trusted: { webContentsId: number | null; origins: readonly string[] },
): boolean {
  if (trusted.webContentsId === null || sender.webContentsId !== trusted.webContentsId) return false;
  if (!sender.isMainFrame) return false;
  const origin = originOf(sender.frameUrl);
  return origin !== null && trusted.origins.includes(origin);
}

const MAX_EXTERNAL_URL_LENGTH = 2048;

/**
 * Whether `shell.openExternal` may open this URL: http(s) only, with a host and no user:password part. Anything
 * else (file:, javascript:, custom protocol handlers of other apps, smb:) could run programs or leak files.
 */
export function isAllowedExternalUrl(url: string): boolean {
  if (typeof url !== 'string' || url.length > MAX_EXTERNAL_URL_LENGTH) return false;
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return false;
  if (!u.hostname || u.username || u.password) return false;
  return true;
}

/**
 * Whether the window may navigate to `url`: only within the app's own origins (a reload). Everything else is
 * denied; http(s) links are handed to the OS browser instead (see `isAllowedExternalUrl`).
 */
export function isAllowedNavigation(url: string, origins: readonly string[]): boolean {
  const origin = originOf(url);
  return origin !== null && origins.includes(origin);
}

const IMPORTABLE_EXTENSIONS = new Set(['.csv', '.tsv', '.txt']);

/**
 * A file dropped on the window makes Chromium navigate to its file:// URL. This returns the file's path when the
 * navigation is such a drop of a table file, else null. Only navigations with no initiating frame count (a drop
 * is started by the browser, not by page script), so a compromised page cannot make main read arbitrary files
 * by setting `location` to a file:// URL.
 */
export function droppedImportFile(url: string, initiatedByPage: boolean): string | null {
  if (initiatedByPage) return null;
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return null;
  }
  if (u.protocol !== 'file:' || u.host) return null;
  const file = fileURLToPath(u);
  return IMPORTABLE_EXTENSIONS.has(path.extname(file).toLowerCase()) ? file : null;
}

/**
 * Maps an app:// request to a file inside the built renderer folder, or null. Refuses other hosts and any path
 * that would leave `rootDir` (`..`, encoded slashes, absolute paths), so the scheme serves the renderer and
 * nothing else from disk.
 */
export function resolveAppAsset(requestUrl: string, rootDir: string): string | null {
  let u: URL;
  try {
    u = new URL(requestUrl);
  } catch {
    return null;
  }
  if (u.protocol !== `${APP_SCHEME}:` || u.host !== APP_HOST) return null;
  let pathname: string;
  try {
    pathname = decodeURIComponent(u.pathname);
  } catch {
    return null;
  }
  if (pathname.includes('\0') || pathname.includes('\\')) return null;
  if (pathname === '/' || pathname === '') pathname = '/index.html';
  const root = path.resolve(rootDir);
  const file = path.resolve(root, `.${pathname}`);
  const relative = path.relative(root, file);
  if (!relative || relative.startsWith('..') || path.isAbsolute(relative)) return null;
  return file;
}

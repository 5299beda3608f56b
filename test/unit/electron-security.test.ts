import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  APP_ENTRY_URL,
  APP_ORIGIN,
  appOrigins,
  contentSecurityPolicy,
  droppedImportFile,
  isAllowedExternalUrl,
  isAllowedNavigation,
  isTrustedSender,
  originOf,
  resolveAppAsset,
} from '../../src-main/electron/security';

describe('isTrustedSender (IPC accepted only from the app window, main frame, app origin)', () => {
  const trusted = { webContentsId: 7, origins: appOrigins() };
  const fromApp = { webContentsId: 7, frameUrl: `${APP_ORIGIN}/index.html#/models`, isMainFrame: true };

  it('accepts the app window’s main frame on the app origin', () => {
    expect(isTrustedSender(fromApp, trusted)).toBe(true);
  });
  it('refuses another web contents (a second window, a devtools page)', () => {
    expect(isTrustedSender({ ...fromApp, webContentsId: 8 }, trusted)).toBe(false);
  });
  it('refuses an iframe inside the app window', () => {
    expect(isTrustedSender({ ...fromApp, isMainFrame: false }, trusted)).toBe(false);
  });
  it('refuses the app window when it shows a foreign page', () => {
    for (const frameUrl of [
      'https://evil.example/index.html',
      'file:///etc/passwd',
      'app://other/index.html',
      'http://127.0.0.1:5173/',
      'data:text/html,<script>1</script>',
      'about:blank',
    ]) {
      expect(isTrustedSender({ ...fromApp, frameUrl }, trusted), frameUrl).toBe(false);
    }
  });
  it('refuses a destroyed frame and a window that does not exist yet', () => {
    expect(isTrustedSender({ ...fromApp, frameUrl: null }, trusted)).toBe(false);
    expect(isTrustedSender(fromApp, { ...trusted, webContentsId: null })).toBe(false);
  });
  it('accepts the dev server only when running under electron-vite dev', () => {
    const dev = { ...fromApp, frameUrl: 'http://localhost:5173/' };
    expect(isTrustedSender(dev, trusted)).toBe(false);
    expect(isTrustedSender(dev, { ...trusted, origins: appOrigins('http://localhost:5173') })).toBe(true);
  });
});

describe('isAllowedExternalUrl (shell.openExternal only for http(s))', () => {
  it.each(['https://www.themoviedb.org/', 'http://example.com/a?b=c#d'])('allows %s', (url) => {
    expect(isAllowedExternalUrl(url)).toBe(true);
  });
  it.each([
    'file:///etc/passwd',
    'javascript:alert(1)',
    'smb://server/share',
    'ms-msdt:/id PCWDiagnostic',
    'app://greenlight/index.html',
    'https://user:pass@example.com/',
    'http://',
    'not a url',
    '',
    `https://example.com/${'a'.repeat(5000)}`,
  ])('refuses %s', (url) => {
    expect(isAllowedExternalUrl(url)).toBe(false);
  });
});

describe('isAllowedNavigation (navigation stays inside the app)', () => {
  const origins = appOrigins();
  it('allows a reload of the app', () => {
    expect(isAllowedNavigation(APP_ENTRY_URL, origins)).toBe(true);
  });
  it.each(['https://example.com/', 'file:///tmp/x.html', 'app://evil/index.html', 'about:blank', 'chrome://gpu'])(
    'denies %s',
    (url) => {
      expect(isAllowedNavigation(url, origins)).toBe(false);
    },
  );
});

describe('droppedImportFile (a CSV dropped on the window starts an import)', () => {
  const csv = path.resolve('/tmp/films 2024.csv');
  it('returns the path of a dropped table file', () => {
    expect(droppedImportFile(pathToFileURL(csv).href, false)).toBe(csv);
    expect(droppedImportFile(pathToFileURL('/tmp/a.TSV').href, false)).toBe(path.resolve('/tmp/a.TSV'));
  });
  it('ignores a navigation started by page script (a compromised page cannot import arbitrary files)', () => {
    expect(droppedImportFile(pathToFileURL(csv).href, true)).toBeNull();
  });
  it('ignores other files and other schemes', () => {
    expect(droppedImportFile(pathToFileURL('/etc/passwd').href, false)).toBeNull();
    expect(droppedImportFile(pathToFileURL('/tmp/x.html').href, false)).toBeNull();
    expect(droppedImportFile('https://example.com/films.csv', false)).toBeNull();
    expect(droppedImportFile('file://server/share/films.csv', false)).toBeNull();
  });
});

describe('resolveAppAsset (app:// serves the built renderer and nothing else)', () => {
  const root = path.resolve('/srv/out/renderer');
  it('maps the app origin onto the renderer folder', () => {
    expect(resolveAppAsset(`${APP_ORIGIN}/`, root)).toBe(path.join(root, 'index.html'));
    expect(resolveAppAsset(APP_ENTRY_URL, root)).toBe(path.join(root, 'index.html'));
    expect(resolveAppAsset(`${APP_ORIGIN}/assets/index-abc.js?v=1`, root)).toBe(path.join(root, 'assets/index-abc.js'));
    expect(resolveAppAsset(`${APP_ORIGIN}/assets/a%20b.css`, root)).toBe(path.join(root, 'assets/a b.css'));
  });
  it.each([`${APP_ORIGIN}/../../etc/passwd`, `${APP_ORIGIN}/%2e%2e/%2e%2e/etc/passwd`])(
    'keeps %s inside the renderer folder (URL parsing collapses the dots)',
    (url) => {
      const file = resolveAppAsset(url, root);
      expect(file === null || file.startsWith(root + path.sep)).toBe(true);
    },
  );
  it.each([
    `${APP_ORIGIN}/assets/..%2f..%2f..%2fetc/passwd`,
    `${APP_ORIGIN}/assets/..%5c..%5csecret`,
    `${APP_ORIGIN}/a%00.js`,
    `${APP_ORIGIN}/%E0%A4%A`,
    'app://other/index.html',
    'file:///srv/out/renderer/index.html',
  ])('refuses %s', (url) => {
    expect(resolveAppAsset(url, root)).toBeNull();
  });
});

describe('contentSecurityPolicy', () => {
  const directives = (csp: string) =>
    new Map(
      csp
        .split(';')
        .map((d) => d.trim().split(/\s+/))
        .map(([name, ...values]) => [name, values]),
    );

  it('allows scripts only from the app itself: no inline script, no eval, no remote hosts', () => {
    const csp = directives(contentSecurityPolicy());
    expect(csp.get('default-src')).toEqual(["'none'"]);
    expect(csp.get('script-src')).toEqual(["'self'"]);
    expect(csp.get('connect-src')).toEqual(["'self'"]);
    expect(csp.get('object-src')).toEqual(["'none'"]);
    expect(csp.get('base-uri')).toEqual(["'none'"]);
    expect(csp.get('frame-src')).toEqual(["'none'"]);
    expect(csp.get('style-src')).toEqual(["'self'"]); // no injected <style>; style attributes only
    expect(csp.get('style-src-attr')).toEqual(["'unsafe-inline'"]);
    const all = contentSecurityPolicy();
    expect(all).not.toMatch(/unsafe-eval|\*|https?:/);
    expect(csp.get('script-src')).not.toContain("'unsafe-inline'");
  });
  it('adds the dev server (and its hot-reload socket) only when asked', () => {
    const csp = directives(contentSecurityPolicy({ devServerOrigin: 'http://localhost:5173/' }));
    expect(csp.get('script-src')).toEqual(["'self'", 'http://localhost:5173']);
    expect(csp.get('connect-src')).toContain('ws://localhost:5173');
  });
});

describe('originOf', () => {
  it('gives scheme://host for the custom scheme (where URL.origin would say "null")', () => {
    expect(new URL(APP_ENTRY_URL).origin).toBe('null');
    expect(originOf(APP_ENTRY_URL)).toBe(APP_ORIGIN);
    expect(originOf('http://127.0.0.1:8000/x')).toBe('http://127.0.0.1:8000');
    expect(originOf('about:blank')).toBeNull();
    expect(originOf(null)).toBeNull();
  });
});

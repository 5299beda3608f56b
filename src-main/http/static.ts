/**
 * Serving the built renderer (out/renderer) to the browser. index.html gets the API token injected as
 * <meta name="greenlight-token">; every other file is served as is with its MIME type. Paths are resolved
 * inside the static folder only (no traversal), and a missing build gets a page saying how to make it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { COMMON_HEADERS, HTML_CSP } from './security';

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm',
};

const TOKEN_PLACEHOLDER = '<!--greenlight-token-->';

export function mimeType(file: string): string {
  return MIME[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/** index.html with the token meta tag: replaces the placeholder when present, else goes first in <head>. */
export function injectToken(html: string, token: string): string {
  const meta = `<meta name="greenlight-token" content="${token.replace(/[^A-Za-z0-9_-]/g, '')}">`;
  if (html.includes(TOKEN_PLACEHOLDER)) return html.replace(TOKEN_PLACEHOLDER, meta);
  const head = /<head[^>]*>/i.exec(html);
  if (head) return html.slice(0, head.index + head[0].length) + meta + html.slice(head.index + head[0].length);
  return meta + html;
}

/**
 * The file a URL path names inside `root`, or null when it escapes the root, names a hidden file, or is not
 * a decodable path. Never touches the file system.
 */
export function resolveStaticPath(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  const segments = decoded.split('/').filter((s) => s.length > 0);
  if (segments.some((s) => s === '..' || s.startsWith('.'))) return null;
  const resolvedRoot = path.resolve(root);
  const file = path.resolve(resolvedRoot, ...segments);
  if (file !== resolvedRoot && !file.startsWith(resolvedRoot + path.sep)) return null;
  return file;
}

const NOT_BUILT_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Greenlight: renderer not built</title></head>
<body style="font-family: system-ui, sans-serif; max-width: 40em; margin: 4em auto; line-height: 1.5">
<h1>Greenlight's interface has not been built yet</h1>
<p>The local server is running, but there is no built renderer to show. Build it once, then reload this page:</p>
<pre>npm run build:renderer</pre>
<p>The API at <code>/api/&lt;channel&gt;</code> and the seed routes (<code>/health</code>,
<code>/predict_revenue</code>, <code>/predict_hit</code>) work without it.</p>
</body></html>`;

export interface StaticFileAnswer {
  status: number;
  headers: Record<string, string>;
  body: Buffer | string;
}

/** What to answer for GET `urlPath`: a file, index.html (token injected) for the app's routes, or a clear page. */
export function staticAnswer(root: string, urlPath: string, token: string): StaticFileAnswer {
  const index = path.join(root, 'index.html');
  const html = (body: string, status = 200): StaticFileAnswer => ({
    status,
    headers: {
      ...COMMON_HEADERS,
      'Content-Type': MIME['.html'],
      'Content-Security-Policy': HTML_CSP,
      'X-Frame-Options': 'DENY',
      'Cache-Control': 'no-store',
    },
    body,
  });
  if (!fs.existsSync(index)) return html(NOT_BUILT_PAGE, 503);
  const file = resolveStaticPath(root, urlPath);
  if (file === null)
    return { status: 404, headers: { ...COMMON_HEADERS, 'Content-Type': MIME['.txt'] }, body: 'Not found' };
  const isIndex = file === path.resolve(root) || file === path.resolve(index);
  let stat: fs.Stats | undefined;
  if (!isIndex) {
    try {
      stat = fs.statSync(file);
    } catch {
      stat = undefined;
    }
  }
  if (isIndex || (!stat && path.extname(file) === '')) {
    // The app itself (also for client-side routes such as /scenarios, which have no file).
    return html(injectToken(fs.readFileSync(index, 'utf8'), token));
  }
  if (!stat || !stat.isFile()) {
    return { status: 404, headers: { ...COMMON_HEADERS, 'Content-Type': MIME['.txt'] }, body: 'Not found' };
  }
  const hashedAsset = /[\\/]assets[\\/]/.test(file);
  return {
    status: 200,
    headers: {
      ...COMMON_HEADERS,
      'Content-Type': mimeType(file),
      'Cache-Control': hashedAsset ? 'public, max-age=31536000, immutable' : 'no-cache',
    },
    body: fs.readFileSync(file),
  };
}

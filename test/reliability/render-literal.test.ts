/**
 * Hostile strings from data are shown as text, never run: a CSV whose titles hold `<img src=x onerror=...>`,
 * `<script>` and template syntax is imported through the UI in a real Chromium against the HTTP host, found in
 * the film browser, and shown literally (no element created, no dialog raised); the same titles print literally
 * in the PDF report (pdftotext). Also the HTTP host's own guards against a hostile page: Host header, token, size.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import { openDatabase } from '../../src-main/core/store/db';
import { importFile } from '../../src-main/core/ingest/import';
import { prepareForecasting } from '../../src-main/core/forecast/prepare';
import { buildReport } from '../../src-main/core/report';
import { startServer, DEFAULT_BODY_LIMIT, type RunningServer } from '../../src-main/http/server';
import { dataSteps, openView } from '../e2e/pages/steps';
import { sel } from '../e2e/pages/selectors';
import { request } from '../integration/http/helpers';
import { HOSTILE_DIR, hostileTitles, NODE, ROOT } from './helpers';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const haveChromium = fs.existsSync(CHROMIUM);
const havePdftotext = spawnSync('pdftotext', ['-v']).error === undefined;

let dir: string;
let server: RunningServer;
let browser: Browser | undefined;

/** The built renderer: out/renderer when it is newer than every renderer source, else a fresh build in a temp dir. */
function rendererDir(): string {
  const built = path.join(ROOT, 'out', 'renderer', 'index.html');
  const newestSource = Math.max(
    ...(fs.readdirSync(path.join(ROOT, 'src-renderer'), { recursive: true }) as string[]).map(
      (f) => fs.statSync(path.join(ROOT, 'src-renderer', f)).mtimeMs,
    ),
  );
  if (fs.existsSync(built) && fs.statSync(built).mtimeMs >= newestSource) return path.dirname(built);
  const out = path.join(dir, 'renderer');
  execFileSync(
    NODE,
    [
      path.join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js'),
      'build',
      '--config',
      'vite.renderer.config.mts',
      '--outDir',
      out,
      '--emptyOutDir',
      '--logLevel',
      'error',
    ],
    { cwd: ROOT, stdio: 'pipe' },
  );
  return out;
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'greenlight-literal-'));
  const file = path.join(dir, 'literal.sqlite');
  // Films with hostile titles and the shipped models, so forecasts, comparables and reports have something to show.
  const db = openDatabase(file);
  await importFile(db, { fileName: 'hostile-titles.csv', path: path.join(HOSTILE_DIR, 'hostile-titles.csv') });
  await prepareForecasting(db);
  db.close();
  server = await startServer({ db: file, port: 0, staticDir: rendererDir(), log: () => {} });
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe.skipIf(!haveChromium)('hostile titles in the UI (Chromium, browser mode)', () => {
  let page: Page;
  const dialogs: string[] = [];

  beforeAll(async () => {
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    });
    page = await browser.newPage();
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await page.goto(server.url);
  });

  it('imports the hostile studio export through the wizard', async () => {
    const summary = await dataSteps.importFile(page, path.join(HOSTILE_DIR, 'hostile-studio-export.csv'));
    expect(summary.loaded).toBe(String(hostileTitles().length));
  });

  it('shows every hostile title as text in the film browser: no element created, no script run', async () => {
    await openView(page, 'data');
    await page.waitForSelector(sel.data.browser);
    for (const title of hostileTitles()) {
      await page.fill(sel.data.search, title.slice(0, 40));
      const cell = page.locator(`${sel.data.filmTable} td:first-child`).filter({ hasText: title }).first();
      await cell.waitFor({ timeout: 30_000 });
      expect(await cell.textContent()).toBe(title);
      // The cell holds exactly one element of the app's own making (the link to the film page), and the title inside
      // it created none.
      const link = cell.locator('a[data-testid="film-link"]');
      expect(await cell.locator('*').count(), `${title} created elements`).toBe(1);
      expect(await link.count()).toBe(1);
      expect(await link.textContent()).toBe(title);
      expect(await link.locator('*').count(), `${title} created elements inside the link`).toBe(0);
    }
    expect(await page.locator(`${sel.data.filmTable} img, ${sel.data.filmTable} script`).count()).toBe(0);
    expect(await page.locator('img[src="x"]').count()).toBe(0);
    expect(dialogs).toEqual([]);
  });
});

describe.skipIf(!havePdftotext)('hostile titles in the PDF report', () => {
  it('prints the scenario title and the comparable films literally', async () => {
    const title = '<img src=x onerror=alert(1)> & <script>alert(1)</script>';
    const report = await buildReport(server.ctx, {
      input: { title, budget: 1_000_000, runtime: 100, genres: ['Drama'], releaseDate: '2027-06-18', language: 'en' },
    });
    const pdf = path.join(dir, 'report.pdf');
    fs.writeFileSync(pdf, report.pdf);
    const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
    const flat = text.replace(/\s+/g, ' ');
    expect(flat).toContain(title);
    // The comparables are the imported hostile films (same budget): at least one prints as written.
    const printed = hostileTitles().filter((t) => flat.includes(t.replace(/\s+/g, ' ')));
    expect(printed.length).toBeGreaterThan(0);
  });
});

/** Sends raw bytes (node's client always adds a Host header) and returns the status code of the answer. */
function rawStatus(bytes: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(server.port, '127.0.0.1', () => socket.write(bytes));
    let answer = '';
    socket.on('data', (c: Buffer) => (answer += c.toString()));
    socket.on('end', () => resolve(Number(/^HTTP\/1\.[01] (\d{3})/.exec(answer)?.[1] ?? 0)));
    socket.on('error', reject);
  });
}

describe("the HTTP host's guards", () => {
  const api = (channel: string) => new URL(`/api/${channel}`, server.url).toString();
  const host = () => new URL(server.url).host;

  it('refuses a foreign Host header (DNS rebinding), even with the right token', async () => {
    const port = server.port;
    for (const foreign of [
      'evil.example',
      `evil.example:${port}`,
      `127.0.0.1.evil.example:${port}`,
      `localhost:${port + 1}`,
    ]) {
      const res = await request(api('app.info'), {
        method: 'POST',
        headers: { Host: foreign, 'Content-Type': 'application/json', 'X-Greenlight-Token': server.token },
        body: '{}',
      });
      expect(res.status, foreign).toBe(403);
    }
  });

  it('refuses a request with no Host header at all (HTTP/1.0 and 1.1)', async () => {
    for (const version of ['1.0', '1.1']) {
      const status = await rawStatus(
        `POST /api/app.info HTTP/${version}\r\nX-Greenlight-Token: ${server.token}\r\nContent-Type: application/json\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}`,
      );
      expect([400, 403], `HTTP/${version}`).toContain(status);
    }
  });

  it('refuses API calls without the token or with a wrong one', async () => {
    for (const token of [undefined, '', 'wrong', `${server.token}x`, server.token.slice(1)]) {
      const headers: Record<string, string> = { Host: host(), 'Content-Type': 'application/json' };
      if (token !== undefined) headers['X-Greenlight-Token'] = token;
      const res = await request(api('films.search'), { method: 'POST', headers, body: '{}' });
      expect(res.status).toBe(401);
    }
  });

  it('refuses a body over the limit with 413 and keeps serving', async () => {
    const res = await request(api('films.search'), {
      method: 'POST',
      headers: { Host: host(), 'Content-Type': 'application/json', 'X-Greenlight-Token': server.token },
      body: Buffer.alloc(DEFAULT_BODY_LIMIT + 1024, 0x20),
    });
    expect(res.status).toBe(413);
    const ok = await request(new URL('/health', server.url).toString(), { headers: { Host: host() } });
    expect(ok.status).toBe(200);
  });

  it('answers hostile JSON with 400, never a crash', async () => {
    for (const body of ['{', '{"__proto__": {"admin": true}}', '[]', 'null', '"x"', '{"q": {"$gt": ""}}']) {
      const res = await request(api('films.search'), {
        method: 'POST',
        headers: { Host: host(), 'Content-Type': 'application/json', 'X-Greenlight-Token': server.token },
        body,
      });
      expect([200, 400]).toContain(res.status);
      expect((res.json() as { ok: boolean }).ok === false || res.status === 200).toBe(true);
    }
    expect(({} as Record<string, unknown>).admin).toBeUndefined();
  });
});

describe('the renderer source', () => {
  it('never renders data as HTML (no v-html, innerHTML or outerHTML in src-renderer)', () => {
    const files = (fs.readdirSync(path.join(ROOT, 'src-renderer', 'src'), { recursive: true }) as string[]).filter(
      (f) => /\.(vue|ts)$/.test(f),
    );
    const offenders = files.filter((f) =>
      /v-html|\.innerHTML\s*=|outerHTML\s*=|insertAdjacentHTML/.test(
        fs.readFileSync(path.join(ROOT, 'src-renderer', 'src', f), 'utf8'),
      ),
    );
    expect(offenders).toEqual([]);
  });
});

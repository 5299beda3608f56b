/**
 * One running app for a browser test: a fresh database in a temp folder (prepared as the serve command does:
 * the embedded TMDB data imported and the shipped default models installed), the real HTTP host serving the built renderer, and Debian's
 * Chromium driven by playwright-core.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startServer, type RunningServer } from '../../../src-main/http/server';
import { prepareForecasting } from '../../../src-main/core/forecast/prepare';
import { loadActiveModels } from '../../../src-main/core/models/load';
import { trainModel } from '../../../src-main/core/models/train';
import { shutdownTrainingPool } from '../../../src-main/core/jobs/pool';
import { ensureRendererBuilt, RENDERER_OUT, ROOT } from './renderer-build';

export const CHROMIUM = process.env.GREENLIGHT_CHROMIUM ?? '/usr/bin/chromium';
export const SCREENSHOTS = path.join(ROOT, 'test', 'e2e', 'screenshots');

export function chromiumMissingReason(): string | null {
  return fs.existsSync(CHROMIUM)
    ? null
    : `Chromium not found at ${CHROMIUM} (apt-get install chromium, or set GREENLIGHT_CHROMIUM)`;
}

export interface RunningApp {
  server: RunningServer;
  browser: Browser;
  page: Page;
  dir: string;
  /** Screenshot of the whole page into test/e2e/screenshots/<name>.png. */
  screenshot(name: string): Promise<string>;
  close(): Promise<void>;
}

/**
 * The shipped default models (models/*.json) are what a fresh install forecasts with; prepareForecasting
 * installs them. Should they fail to install (say, a shipped file that no longer matches the feature code),
 * train small, quick ones instead so the suite still exercises forecasts, and say so.
 */
async function ensureModels(server: RunningServer): Promise<void> {
  const lines: string[] = [];
  await prepareForecasting(server.ctx.db, (line) => lines.push(line));
  const active = loadActiveModels(server.ctx.db);
  if (!active.revenue || !active.hit) {
    process.stderr.write(`e2e: the shipped models are not active, training small ones (${lines.join(' ')})\n`);
  }
  if (!active.revenue) {
    await trainModel(server.ctx, {
      target: 'revenue',
      features: 'greenlight',
      algorithm: 'gbdt',
      params: { n_estimators: 60, max_depth: 3, learning_rate: 0.1 },
      folds: 3,
      activate: true,
      note: 'e2e',
    });
  }
  if (!active.hit) {
    await trainModel(server.ctx, {
      target: 'hit',
      features: 'greenlight',
      algorithm: 'logistic',
      folds: 3,
      activate: true,
      note: 'e2e',
    });
  }
}

export async function startApp(options: { colorScheme?: 'light' | 'dark' } = {}): Promise<RunningApp> {
  ensureRendererBuilt();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'greenlight-e2e-'));
  const server = await startServer({
    db: path.join(dir, 'greenlight.sqlite'),
    port: 0,
    staticDir: RENDERER_OUT,
    log: () => {},
  });
  let browser: Browser | undefined;
  try {
    await ensureModels(server);
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
    const context = await browser.newContext({
      viewport: { width: 1400, height: 900 },
      colorScheme: options.colorScheme ?? 'light',
      acceptDownloads: true,
    });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (err) => errors.push(err.message));
    page.on('console', (message) => {
      // Vue's caught errors (main.ts prefixes them) and anything the page's CSP refused.
      const text = message.text();
      if (message.type() === 'error' && (text.startsWith('[greenlight]') || /Content Security Policy/i.test(text))) {
        errors.push(text);
      }
    });
    await page.goto(server.url);
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    const opened = browser;
    return {
      server,
      browser: opened,
      page,
      dir,
      async screenshot(name) {
        const file = path.join(SCREENSHOTS, `${name}.png`);
        // From the top, so the sticky sidebar sits where a user sees it.
        await page.evaluate(() => window.scrollTo(0, 0));
        await page.screenshot({ path: file, fullPage: true });
        return file;
      },
      async close() {
        await opened.close().catch(() => {});
        await server.close();
        await shutdownTrainingPool();
        fs.rmSync(dir, { recursive: true, force: true });
        if (errors.length) throw new Error(`The page threw: ${errors.join(' | ')}`);
      },
    };
  } catch (err) {
    await browser?.close().catch(() => {});
    await server.close();
    await shutdownTrainingPool();
    fs.rmSync(dir, { recursive: true, force: true });
    throw err;
  }
}

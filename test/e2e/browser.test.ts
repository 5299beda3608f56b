/**
 * End-to-end in Debian's Chromium against the real HTTP host and a real database in a temp folder: what an
 * analyst does, through the page objects in ./pages. Every run leaves a screenshot of every view in
 * test/e2e/screenshots/.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumMissingReason, startApp, type RunningApp } from './support/app';
import { sel } from './pages/selectors';
import { aboutSteps, dataSteps, forecastSteps, modelSteps, openView, scenarioSteps } from './pages/steps';

const missing = chromiumMissingReason();
const money = /^\$\d+(\.\d+)?[KMB]$/;

describe.skipIf(missing)(`Greenlight in Chromium${missing ? ` (skipped: ${missing})` : ''}`, () => {
  let app: RunningApp;

  beforeAll(async () => {
    app = await startApp();
  });
  afterAll(async () => {
    await app?.close();
  });

  it('forecasts a film as it is typed: revenue, its range and hit probability', async () => {
    const { page } = app;
    await forecastSteps.enterFilm(page, {
      title: 'Night Harbor',
      budget: '150M',
      runtime: '124',
      releaseDate: '2027-06-18',
      genres: ['Action', 'Science Fiction'],
    });
    const first = await forecastSteps.readForecast(page);
    expect(first.revenue).toMatch(money);
    expect(first.range).toMatch(/^80% range: \$[\d.]+[KMB] – \$[\d.]+[KMB]$/);
    expect(first.hit).toMatch(/^\d{1,3}%$/);
    expect(await page.locator(`${sel.forecast.comparables} tbody tr`).count()).toBeGreaterThan(0);

    // A much smaller budget changes the forecast without pressing anything.
    await page.fill(sel.forecast.budget, '$5,000,000');
    await forecastSteps.waitForForecast(page, '$5,000,000');
    expect((await forecastSteps.readForecast(page)).revenue).not.toBe(first.revenue);

    // Money it cannot read is named in words, next to the field.
    await page.fill(sel.forecast.budget, 'ninety');
    expect(await page.textContent(sel.forecast.budgetError)).toMatch(/not an amount/);
    await page.fill(sel.forecast.budget, '150M');
    await forecastSteps.waitForForecast(page, '150M');
    await page.waitForTimeout(300); // let the charts draw before the picture
    await app.screenshot('forecast');
  });

  it('saves two scenarios and compares them side by side', async () => {
    const { page } = app;
    await forecastSteps.enterFilm(page, { title: 'Small drama', budget: '12M', genres: ['Drama'] });
    await forecastSteps.saveScenario(page, 'Small drama');
    await forecastSteps.enterFilm(page, { title: 'Big action', budget: '180M', genres: ['Action', 'Adventure'] });
    await forecastSteps.saveScenario(page, 'Big action');

    await scenarioSteps.compare(page, ['Small drama', 'Big action']);
    const comparison = page.locator(sel.scenarios.comparison);
    await expect.poll(() => comparison.textContent()).toContain('Small drama');
    expect(await comparison.textContent()).toContain('Big action');
    expect(await page.textContent(sel.scenarios.slateRevenue)).toMatch(money);
    await app.screenshot('scenarios');
  });

  it('imports a studio CSV and shows what was loaded, flagged and quarantined', async () => {
    const { page } = app;
    const summary = await dataSteps.importFile(page, path.join(__dirname, 'fixtures', 'studio-export.csv'));
    expect(summary).toEqual({ rows: '5', loaded: '4', flagged: '1', quarantined: '1' });
    expect(await page.textContent(sel.data.problems)).toMatch(/Production Budget|budget/i);
    await page.waitForSelector(`${sel.data.history} table`);
    expect(await page.textContent(sel.data.history)).toContain('studio-export.csv');
    await page.fill(sel.data.search, 'Snow & Ash');
    await page.waitForSelector(`${sel.data.filmTable}:has-text("Snow & Ash <b>HTML</b>")`);
    expect(await page.locator(`${sel.data.filmTable} b`).count()).toBe(0);
    await page.waitForTimeout(300);
    await app.screenshot('data');
  });

  it('shows the TMDB attribution in the About box', async () => {
    const { page } = app;
    expect(await aboutSteps.open(page)).toBe(
      'This product uses data from TMDB but is not endorsed or certified by TMDB.',
    );
    await app.screenshot('about');
    await aboutSteps.close(page);
  });

  it('trains a small model with progress and shows the new version', async () => {
    const { page } = app;
    await modelSteps.startTraining(page, {
      target: 'revenue',
      algorithm: 'gbdt',
      params: { n_estimators: '40', max_depth: '3' },
      folds: '3',
      activate: false,
    });
    expect(await page.textContent(sel.job.progress)).toBeTruthy();
    const result = await modelSteps.waitForResult(page);
    const version = Number(/Trained version v(\d+)/.exec(result)?.[1]);
    expect(version).toBeGreaterThan(0);
    expect(result).toMatch(/r2 -?\d/);
    const row = page.locator(sel.models.versionRow(version));
    await expect.poll(() => row.textContent()).toContain('ready');
    await page.waitForSelector(sel.models.cvTable);
    await page.waitForSelector(sel.models.diagnostics);
    await page.waitForTimeout(300);
    await app.screenshot('models');
  });

  it('exports a PDF report of the chosen scenarios as a download', async () => {
    const { page } = app;
    await openView(page, 'reports');
    await page.locator(sel.reports.scenario).first().check();
    const download = page.waitForEvent('download', { timeout: 120_000 });
    await page.click(sel.reports.export);
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/\.pdf$/);
    await page.waitForSelector(sel.reports.done);
    await app.screenshot('reports');
  });

  it('follows a dark OS theme', async () => {
    const { page } = app;
    await page.emulateMedia({ colorScheme: 'dark' });
    await openView(page, 'forecast');
    const background = () => page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
    expect(await background()).toBe('rgb(18, 21, 27)');
    await page.waitForTimeout(300);
    await app.screenshot('forecast-dark');
    await page.emulateMedia({ colorScheme: 'light' });
    expect(await background()).toBe('rgb(245, 246, 248)');
  });
});

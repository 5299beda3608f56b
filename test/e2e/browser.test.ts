/**
 * End-to-end in Debian's Chromium against the real HTTP host and a real database in a temp folder: what an
 * analyst does, through the page objects in ./pages. Every run leaves a screenshot of every view in
 * test/e2e/screenshots/.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumMissingReason, SCREENSHOTS, startApp, type RunningApp } from './support/app';
import { sel } from './pages/selectors';
import {
  aboutSteps,
  dataSteps,
  filmSteps,
  forecastSteps,
  modelSteps,
  openView,
  quarantineSteps,
  scenarioSteps,
} from './pages/steps';

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

  it('opens a comparable film from the forecast, with what the model says of it', async () => {
    const { page } = app;
    await openView(page, 'forecast');
    const link = page.locator(sel.forecast.comparableLink).first();
    const title = (await link.textContent())!.trim();
    await link.click();
    await page.waitForSelector(sel.view('film'));
    expect((await page.textContent(sel.film.title))!.trim()).toBe(title);
    const model = await filmSteps.readModel(page);
    expect(model.predicted).toMatch(money);
    expect(model.versus).toMatch(/^Actual revenue: [\d.]+× the forecast, (inside|above|below) the 80% range\.$/);
    await page.click(sel.film.back);
    await page.waitForSelector(sel.forecast.summary);
  });

  it('exports a PDF of the forecast on screen without saving it', async () => {
    const { page } = app;
    await openView(page, 'forecast');
    const download = page.waitForEvent('download', { timeout: 120_000 });
    await page.click(sel.forecast.exportPdf);
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^greenlight-night-harbor-.*\.pdf$/);
    expect(await page.textContent(sel.forecast.exportDone)).toMatch(/pages\) is ready/);
  });

  it("names a sequel's earlier films beside the model's reading, and says the last PDF was of another film", async () => {
    const { page } = app;
    expect(await forecastSteps.readFranchise(page)).toBeNull();
    await forecastSteps.enterFilm(page, { title: 'Iron Man 4', budget: '200M', genres: ['Action'] });
    expect(await forecastSteps.readFranchise(page)).toMatch(
      /^Earlier films in this franchise \(found by title\): Iron Man \(2008\) \$585M, Iron Man 2 \(2010\) \$624M, Iron Man 3 \(2013\) \$1\.22B\. The model reads them as \$[\d.]+M, pulled toward the average film/,
    );
    expect(await page.textContent(sel.forecast.exportDone)).toMatch(/was made before the last change to the film/);
    await page.waitForTimeout(300); // let the charts draw before the picture
    await app.screenshot('forecast-franchise');
  });

  it('takes production countries by name or code, shows them by name and forecasts with their codes', async () => {
    const { page } = app;
    await forecastSteps.enterFilm(page, { title: 'Harbour Lights', budget: '40M', genres: ['Drama'] });
    expect(await forecastSteps.readCountries(page)).toEqual(['United States (US)']);
    await forecastSteps.addCountries(page, ['France', 'gb']);
    // A code no country has stays in the box with the reason, and is never sent.
    await forecastSteps.addCountries(page, ['XX']);
    expect(await page.inputValue(sel.forecast.countries)).toBe('XX');
    expect(await page.textContent(sel.forecast.countriesProblem)).toContain('Not a country we know: "XX"');
    await page.fill(sel.forecast.countries, '');
    // A suggestion from the list arrives whole, as picking it does.
    await page.fill(sel.forecast.countries, 'China (CN)');
    expect(await page.inputValue(sel.forecast.countries)).toBe('');
    expect(await forecastSteps.readCountries(page)).toEqual([
      'United States (US)',
      'France (FR)',
      'United Kingdom (GB)',
      'China (CN)',
    ]);
    await forecastSteps.waitForForecast(page, '40M');
    expect((await forecastSteps.readForecast(page)).revenue).toMatch(money);
    await page.locator(sel.forecast.form).screenshot({ path: path.join(SCREENSHOTS, 'forecast-countries.png') });
    // Back to the American film the other steps expect.
    for (const code of ['CN', 'GB', 'FR']) await page.click(sel.forecast.removeCountry(code));
    expect(await forecastSteps.readCountries(page)).toEqual(['United States (US)']);
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

  it('shows the quarantined row of that import, from its summary', async () => {
    const { page } = app;
    const rows = await quarantineSteps.openFromImportSummary(page);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toContain('studio-export.csv');
    expect(rows[0]).toMatch(/budget/i);
    const chosen = await page.$eval(sel.data.quarantineBatch, (el) => (el as HTMLSelectElement).value);
    expect(Number(chosen)).toBeGreaterThan(0);
    await page.locator(sel.data.quarantine).screenshot({ path: path.join(SCREENSHOTS, 'quarantine.png') });
  });

  it('opens a film from the film browser: fields, flags explained, the model against the actual revenue', async () => {
    const { page } = app;
    await filmSteps.openFromBrowser(page, 'Avatar');
    expect((await page.textContent(sel.film.title))!.trim()).toBe('Avatar');
    expect((await page.textContent(sel.film.budget))!.trim()).toBe('$237M');
    expect((await page.textContent(sel.film.countries))!.trim()).toBe('United States, United Kingdom');
    const model = await filmSteps.readModel(page);
    expect(model.predicted).toMatch(money);
    expect(model.versus).toMatch(/× the forecast/);
    expect(await page.textContent(sel.film.flags)).toBeTruthy();
    await page.waitForTimeout(200);
    await app.screenshot('film');
    await page.click(sel.film.back);
    await page.waitForSelector(sel.data.browser);
    // The browser kept the search.
    expect(await page.inputValue(sel.data.search)).toBe('Avatar');
  });

  it('shows the TMDB attribution in the About box', async () => {
    const { page } = app;
    expect(await aboutSteps.open(page)).toBe(
      'This product uses data from TMDB but is not endorsed or certified by TMDB.',
    );
    await app.screenshot('about');
    await aboutSteps.close(page);
  });

  it('trains a small model on a typed feature list with progress and shows the new version', async () => {
    const { page } = app;
    await modelSteps.startTraining(page, {
      target: 'revenue',
      algorithm: 'gbdt',
      features: 'greenlight, has_homepage',
      params: { n_estimators: '40', max_depth: '3' },
      folds: '3',
      activate: false,
    });
    expect(await page.textContent(sel.job.progress)).toBeTruthy();
    const result = await modelSteps.waitForResult(page);
    const version = Number(/Trained version v(\d+)/.exec(result)?.[1]);
    expect(version).toBeGreaterThan(0);
    expect(result).toMatch(/R² -?\d/);
    const row = page.locator(sel.models.versionRow(version));
    await expect.poll(() => row.textContent()).toContain('ready');
    expect(await row.textContent()).toContain('greenlight,has_homepage');
    await page.waitForSelector(sel.models.cvTable);
    await page.waitForSelector(sel.models.diagnostics);
    await page.waitForTimeout(300);
    await app.screenshot('models');
  });

  it('activates the new version after saying what changes, marks scenarios stale, and rolls back', async () => {
    const { page } = app;
    await openView(page, 'models');
    await page.waitForSelector(sel.models.versions);
    const rows = await page.$$eval('[data-testid^="model-row-"]', (trs) =>
      trs.map((tr) => {
        const cells = Array.from((tr as HTMLTableRowElement).cells).map((td) => (td.textContent ?? '').trim());
        return {
          id: Number(tr.getAttribute('data-testid')!.slice('model-row-'.length)),
          target: cells[2],
          status: cells[8],
        };
      }),
    );
    const revenue = rows.filter((r) => r.target === 'revenue');
    const active = revenue.find((r) => r.status === 'active')!;
    const ready = revenue.filter((r) => r.status === 'ready').sort((a, b) => b.id - a.id)[0];
    expect(active && ready).toBeTruthy();

    const said = await modelSteps.activate(page, ready.id);
    expect(said).toContain(`instead of v${active.id}`);
    expect(said).toContain('marked stale');

    await openView(page, 'scenarios');
    await page.waitForSelector(sel.scenarios.staleNote);
    await page.waitForSelector(sel.scenarios.freshRevenue);
    expect(await page.textContent(sel.scenarios.freshRevenue)).toMatch(/^\s*now \$[\d.]+[KMB]\s*$/);
    await page.waitForTimeout(200);
    await app.screenshot('scenarios-stale');

    await openView(page, 'models');
    expect(
      await page.locator(sel.models.versionRow(active.id)).locator(sel.models.activateVersion).textContent(),
    ).toContain('Roll back');
    await modelSteps.activate(page, active.id);
    await openView(page, 'scenarios');
    await expect.poll(() => page.locator(sel.scenarios.stale).count()).toBe(0);
    expect(await page.locator(sel.scenarios.fresh).count()).toBeGreaterThan(0);
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

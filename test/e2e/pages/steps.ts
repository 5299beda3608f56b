/**
 * What a user does, step by step, over the selectors in selectors.ts. Each step waits for the app to
 * answer, so tests read as a story. Works on any playwright Page (Chromium via HTTP, or Electron).
 */
import type { Page } from 'playwright-core';
import { sel } from './selectors';
import { parseMoney } from '../../../src-main/shared/format';

type View = 'forecast' | 'scenarios' | 'data' | 'models' | 'reports';

export async function openView(page: Page, view: View): Promise<void> {
  await page.click(sel.nav(view));
  await page.waitForSelector(sel.view(view));
}

export interface FilmEntry {
  title?: string;
  budget?: string;
  runtime?: string;
  releaseDate?: string;
  genres?: string[];
}

export const forecastSteps = {
  /** Types a film into the form (genres given replace the defaults) and waits for its forecast. */
  async enterFilm(page: Page, film: FilmEntry): Promise<void> {
    const f = sel.forecast;
    await openView(page, 'forecast');
    if (film.title !== undefined) await page.fill(f.title, film.title);
    if (film.runtime !== undefined) await page.fill(f.runtime, film.runtime);
    if (film.releaseDate !== undefined) await page.fill(f.releaseDate, film.releaseDate);
    if (film.genres) {
      for (const box of await page.locator('[data-testid^="genre-"]').all()) {
        const name = (await box.getAttribute('data-testid'))!.slice('genre-'.length);
        if ((await box.isChecked()) !== film.genres.includes(name)) await box.click();
      }
    }
    if (film.budget !== undefined) await page.fill(f.budget, film.budget);
    await forecastSteps.waitForForecast(page, film.budget);
  },

  /** Waits until the summary shows a settled forecast (for the budget typed, when given). */
  async waitForForecast(page: Page, budget?: string): Promise<void> {
    const dollars = budget === undefined ? null : parseMoney(budget);
    const forBudget = dollars === null ? '' : `[data-budget="${dollars}"]`;
    await page.waitForSelector(`${sel.forecast.summary}${forBudget}[aria-busy="false"]`);
  },

  async readForecast(page: Page): Promise<{ revenue: string; range: string; hit: string; roi: string }> {
    const f = sel.forecast;
    return {
      revenue: (await page.textContent(f.revenue))!.trim(),
      range: (await page.textContent(f.range))!.trim(),
      hit: (await page.textContent(f.hit))!.trim(),
      roi: (await page.textContent(f.roi))!.trim(),
    };
  },

  /** The sentence naming the earlier films of the film's franchise, or null when the forecast has none. */
  async readFranchise(page: Page): Promise<string | null> {
    const note = page.locator(sel.forecast.franchise);
    return (await note.count()) === 0 ? null : (await note.textContent())!.trim();
  },

  /** Types each country (a name or a code) into the countries box and presses Enter after it. */
  async addCountries(page: Page, entries: string[]): Promise<void> {
    for (const entry of entries) {
      await page.fill(sel.forecast.countries, entry);
      await page.press(sel.forecast.countries, 'Enter');
    }
  },

  /** The chosen production countries as their chips read ('United States (US)'). */
  async readCountries(page: Page): Promise<string[]> {
    const chips = await page.locator(`${sel.forecast.countryChips} span`).allTextContents();
    return chips.map((t) => t.trim());
  },

  async saveScenario(page: Page, name: string): Promise<void> {
    await page.fill(sel.forecast.scenarioName, name);
    await page.click(sel.forecast.saveButton);
    await page.waitForSelector(`${sel.forecast.saveMessage}:has-text("${name}")`);
  },
};

export const scenarioSteps = {
  async compare(page: Page, names: string[]): Promise<void> {
    await openView(page, 'scenarios');
    await page.waitForSelector(sel.scenarios.list);
    for (const name of names) {
      await page.locator(sel.scenarios.rowByName(name)).locator(sel.scenarios.select).check();
    }
    await page.click(sel.scenarios.compare);
    await page.waitForSelector(sel.scenarios.comparison);
  },
};

export const dataSteps = {
  /** Chooses a file, checks its preview, imports it and waits for the summary. */
  async importFile(
    page: Page,
    file: string,
  ): Promise<{ rows: string; loaded: string; flagged: string; quarantined: string }> {
    const d = sel.data;
    await openView(page, 'data');
    await page.setInputFiles(d.file, file);
    await page.waitForSelector(d.preview);
    await page.click(d.start);
    await page.waitForSelector(d.summary, { timeout: 120_000 });
    return {
      rows: (await page.textContent(d.rows))!.trim(),
      loaded: (await page.textContent(d.loaded))!.trim(),
      flagged: (await page.textContent(d.flagged))!.trim(),
      quarantined: (await page.textContent(d.quarantined))!.trim(),
    };
  },
};

export const filmSteps = {
  /** Searches the film browser for a title and opens the first match's page. */
  async openFromBrowser(page: Page, title: string): Promise<void> {
    const d = sel.data;
    await openView(page, 'data');
    await page.fill(d.search, title);
    const link = page.locator(`${d.filmTable} ${d.filmLink}`, { hasText: title }).first();
    await link.waitFor();
    await link.click();
    await page.waitForSelector(sel.film.title);
  },

  /** Waits for the model's forecast of the open film and reads it with the comparison to its actual revenue. */
  async readModel(page: Page): Promise<{ predicted: string; versus: string }> {
    await page.waitForSelector(sel.film.predicted);
    return {
      predicted: (await page.textContent(sel.film.predicted))!.trim(),
      versus: (await page.textContent(sel.film.versus))!.trim(),
    };
  },
};

export const quarantineSteps = {
  /** From the import summary, opens the quarantined rows of that batch; returns their text. */
  async openFromImportSummary(page: Page): Promise<string[]> {
    await page.click(sel.data.seeQuarantineFromImport);
    await page.waitForSelector(sel.data.quarantineTable);
    return (await page.locator(sel.data.quarantineRow).allTextContents()).map((t) => t.trim());
  },
};

export const modelSteps = {
  /** Fills the train form and starts training; returns once the progress bar shows. */
  async startTraining(
    page: Page,
    options: {
      target: string;
      algorithm: string;
      /** A typed feature list (the form's "custom list"); without it, the form's first set. */
      features?: string;
      params?: Record<string, string>;
      folds?: string;
      activate?: boolean;
    },
  ): Promise<void> {
    const m = sel.models;
    await openView(page, 'models');
    await page.waitForSelector(m.form);
    await page.selectOption(m.target, options.target);
    if (options.features) {
      await page.selectOption(m.features, '(custom)');
      await page.fill(m.customFeatures, options.features);
    }
    await page.selectOption(m.algorithm, options.algorithm);
    for (const [name, value] of Object.entries(options.params ?? {})) await page.fill(m.param(name), value);
    if (options.folds) await page.fill(m.folds, options.folds);
    if (options.activate !== undefined) await page.setChecked(m.activate, options.activate);
    await page.click(m.start);
    await page.waitForSelector(sel.job.progress);
  },

  /** Activates (or rolls back to) a version, through the confirmation; returns what the confirmation said. */
  async activate(page: Page, modelId: number): Promise<string> {
    const m = sel.models;
    await page.locator(m.versionRow(modelId)).locator(m.activateVersion).click();
    const said = (await page.textContent(m.activateConsequence))!.trim();
    await page.click(m.activateYes);
    await page.locator(m.versionRow(modelId)).locator(`${m.status}:text-is("active")`).waitFor();
    return said;
  },

  async waitForResult(page: Page): Promise<string> {
    await page.waitForSelector(sel.models.result, { timeout: 170_000 });
    return (await page.textContent(sel.models.result))!.trim();
  },
};

export const aboutSteps = {
  async open(page: Page): Promise<string> {
    await page.click(sel.nav('about'));
    await page.waitForSelector(sel.about.dialog);
    return (await page.textContent(sel.about.attribution))!.trim();
  },
  async close(page: Page): Promise<void> {
    await page.click(sel.about.close);
  },
};

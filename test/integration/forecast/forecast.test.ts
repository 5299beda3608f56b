/**
 * Forecasts with real models trained on the embedded TMDB films: contributions, conformal coverage on
 * out-of-fold films, hit calibration on held-out folds, comparables, the channels and the scenario life cycle.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../../src-main/core/store/db';
import { importDefaults } from '../../../src-main/core/ingest/import';
import { createContext, type CoreContext } from '../../../src-main/core/context';
import { trainModel } from '../../../src-main/core/models/train';
import { activateModel } from '../../../src-main/core/models/versions';
import { WorkerPool } from '../../../src-main/core/jobs/pool';
import { loadSilverFilms } from '../../../src-main/core/store/films';
import { getModelVersion } from '../../../src-main/core/store/models';
import { dispatch, InvalidInputError } from '../../../src-main/core/api/handler';
import { handlers } from '../../../src-main/core/api/handlers';
import { forecast, forecastState } from '../../../src-main/core/forecast/service';
import { crossCheckCoverage, shuffledIndices } from '../../../src-main/core/forecast/conformal';
import { scoreFile } from '../../../src-main/core/forecast/score';
import { expectedCalibrationError, sigmoid } from '../../../src-main/core/forecast/calibration';
import { fitPlatt } from '../../../src-main/core/models/calibration';
import { formatMoney } from '../../../src-main/shared/format';
import type { FilmInput } from '../../../src-main/shared/film';
import type { Forecast, ScenarioRecord } from '../../../src-main/shared/forecast';
import type { ScenarioView, SlateTotals } from '../../../src-main/shared/contract/scenarios';

let dir: string;
let db: Db;
let ctx: CoreContext;
const pool = new WorkerPool({ size: 2 });
const boosting = { n_estimators: 60, max_depth: 3, learning_rate: 0.1 };
let revenueId: number;
let hitId: number;

const scenario: FilmInput = {
  title: 'Untitled Summer Tentpole',
  budget: 90e6,
  runtime: 118,
  genres: ['Action', 'Adventure'],
  releaseDate: '2027-06-18',
  language: 'en',
};

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'greenlight-forecast-'));
  const file = path.join(dir, 'g.sqlite');
  db = openDatabase(file);
  ctx = createContext(db, file, 'cli');
  await importDefaults(db);
  const common = {
    features: 'greenlight',
    algorithm: 'gbdt' as const,
    params: boosting,
    folds: 5,
    seed: 7,
    activate: true,
  };
  revenueId = (await trainModel(db, { target: 'revenue', ...common }, { pool })).model;
  hitId = (await trainModel(db, { target: 'hit', ...common }, { pool })).model;
}, 600_000);

afterAll(async () => {
  await pool.close();
  db?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const call = <T>(channel: string, input: unknown) => dispatch(handlers, ctx, channel, input) as Promise<T>;

describe('forecast with the trained models', () => {
  it('adds contributions up to the raw prediction exactly, for revenue and hit', () => {
    const f = forecast(ctx, scenario, { explainHit: true });
    const state = forecastState(ctx);
    const raw = state.models.revenue.predictRaw(f.input);
    const sum = f.base + f.contributions.reduce((s, c) => s + c.effect, 0);
    expect(Math.abs(sum - raw)).toBeLessThan(1e-9);
    expect(f.revenue).toBeCloseTo(state.models.revenue.predict(f.input), 0);
    // In words from the model's labels: 'Budget: $90M (+1.75 on log revenue)', never a column name.
    for (const c of f.contributions) {
      expect(c.text).toBe(
        `${c.label} (${c.effect >= 0 ? '+' : '\u2212'}${Math.abs(c.effect).toFixed(2)} on log revenue)`,
      );
      expect(c.label).toMatch(/^[A-Z][^_=]*: \S/);
    }
    expect(f.contributions.find((c) => c.feature === 'log_budget')!.label).toBe('Budget: $90M');
    const hitExplained = state.models.hit!.explain(f.input);
    const hitSum = hitExplained.base + f.hitContributions!.reduce((s, c) => s + c.effect, 0);
    expect(Math.abs(hitSum - state.models.hit!.predictRaw(f.input))).toBeLessThan(1e-9);
    expect(f.models.revenue.id).toBe(revenueId);
    expect(f.models.hit?.id).toBe(hitId);
  });

  it("names a sequel's earlier films with what they earned beside the model's pulled-in reading of them", () => {
    const f = forecast(ctx, { ...scenario, title: 'Iron Man 4' });
    expect(f.franchise!.films.map((film) => [film.title, film.year])).toEqual([
      ['Iron Man', 2008],
      ['Iron Man 2', 2010],
      ['Iron Man 3', 2013],
    ]);
    expect(f.franchise!.films[2].revenue).toBeCloseTo(1_215_439_994, -5);
    // Shrunk toward the average film: below every earlier film's own revenue, and what the contribution says.
    const reading = f.franchise!.modelReading!;
    expect(reading).toBeLessThan(Math.min(...f.franchise!.films.map((film) => film.revenue)));
    const mean = f.contributions.find((c) => c.feature === 'franchise_prior_mean_log_revenue');
    if (mean) expect(mean.label).toBe(`Franchise: earlier films read as ${formatMoney(reading)}`);
    const roi = f.contributions.find((c) => c.feature === 'franchise_last_log_roi');
    if (roi) expect(roi.label).toBe('Franchise: latest returned 6.1× budget');
    expect(forecast(ctx, scenario).franchise).toBeUndefined();
  });

  it('widens the interval with the requested level, around the prediction', () => {
    const f = forecast(ctx, scenario, { levels: [0.5, 0.8, 0.95] });
    const [i50, i80, i95] = [f.intervals['0.5'], f.intervals['0.8'], f.intervals['0.95']];
    expect(i95.low).toBeLessThan(i80.low);
    expect(i80.low).toBeLessThan(i50.low);
    expect(i50.low).toBeLessThan(f.revenue);
    expect(f.revenue).toBeLessThan(i50.high);
    expect(i50.high).toBeLessThan(i80.high);
    expect(i80.high).toBeLessThan(i95.high);
    expect(f.revenueLow).toBe(i80.low);
  });

  it("keeps the stated coverage on out-of-fold films (conformal on the model's OOF residuals)", () => {
    const residuals = forecastState(ctx).models.revenue.calibration.absResiduals!;
    expect(residuals.length).toBeGreaterThan(3000);
    const predicted = (getModelVersion(db, revenueId)!.report as { oof: { predicted: number[] } }).oof.predicted;
    expect(forecastState(ctx).intervals.kind).toBe('mondrian');
    for (const level of [0.5, 0.8, 0.95]) {
      const { coverage, byPredictedQuintile } = crossCheckCoverage(residuals, level, 5, 1, predicted);
      expect(coverage).toBeGreaterThan(level - 0.02);
      expect(coverage).toBeLessThan(level + 0.02);
      // Small films as well as blockbusters: every band of predicted revenue keeps the level.
      for (const band of byPredictedQuintile) {
        expect(band).toBeGreaterThan(level - 0.06);
        expect(band).toBeLessThan(level + 0.06);
      }
    }
    // A small film gets a wider interval (on the log scale) than a blockbuster.
    const small = forecast(ctx, { ...scenario, budget: 2e6, genres: ['Drama'] });
    const big = forecast(ctx, { ...scenario, budget: 200e6 });
    expect(small.revenueHigh / small.revenueLow).toBeGreaterThan(big.revenueHigh / big.revenueLow);
  });

  it('gives hit probabilities that are calibrated on held-out folds', () => {
    const oof = forecastState(ctx).models.hit!.calibration.oof!;
    expect(oof.length).toBeGreaterThan(3000);
    const order = shuffledIndices(oof.length, 5);
    const probabilities: number[] = [];
    const labels: number[] = [];
    for (let fold = 0; fold < 5; fold++) {
      const train = order.filter((_, i) => i % 5 !== fold).map((i) => oof[i]);
      const test = order.filter((_, i) => i % 5 === fold).map((i) => oof[i]);
      const { a, b } = fitPlatt(
        train.map((p) => p.score),
        train.map((p) => p.label),
      );
      for (const p of test) {
        probabilities.push(sigmoid(a * p.score + b));
        labels.push(p.label);
      }
    }
    expect(expectedCalibrationError(probabilities, labels)).toBeLessThan(0.05);
    // The probability a forecast states is the model's calibrated one and lies strictly between 0 and 1.
    const p = forecast(ctx, scenario).hitProbability!;
    expect(p).toBeGreaterThan(0);
    expect(p).toBeLessThan(1);
  });

  it('finds comparables with actual revenue and the model prediction, leaving out the film itself', () => {
    const avatar = loadSilverFilms(db).find((f) => f.title === 'Avatar')!;
    const asInput: FilmInput = {
      title: avatar.title,
      budget: avatar.budget!,
      runtime: avatar.runtime,
      genres: avatar.genres,
      releaseDate: avatar.releaseDate,
      language: avatar.originalLanguage,
      companies: avatar.companies,
      directors: avatar.directors,
      cast: avatar.cast,
    };
    const itself = forecast(ctx, asInput, { comparables: 10 });
    expect(itself.comparables).toHaveLength(10);
    expect(itself.comparables.map((c) => c.id)).not.toContain(avatar.id);
    const renamed = forecast(ctx, { ...asInput, title: 'Not Avatar' }, { comparables: 10 });
    expect(renamed.comparables[0].id).toBe(avatar.id);
    for (const c of renamed.comparables) {
      expect(c.revenue).toBeGreaterThan(0);
      expect(c.predicted).toBeGreaterThan(0);
    }
    const sims = renamed.comparables.map((c) => c.similarity);
    expect(sims).toEqual([...sims].sort((a, b) => b - a));
  });

  it('answers through the contract: forecast.run validates, refuses unknown genres, warns outside the data', async () => {
    const f = await call<Forecast>('forecast.run', { input: { ...scenario, genres: ['action'] } });
    expect(f.input.genres).toEqual(['Action']);
    expect(f.warnings.join(' ')).toMatch(/2027.*past the data's last year/);
    expect(f.whatIf!.budget).toHaveLength(13);
    expect(f.whatIf!.month).toHaveLength(12);
    await expect(call('forecast.run', { input: { ...scenario, genres: ['Space Opera'] } })).rejects.toThrow(
      /unknown genre "Space Opera"; known genres: .*Action.*Western/,
    );
    await expect(call('forecast.run', { input: { ...scenario, runtime: 700 } })).rejects.toBeInstanceOf(
      InvalidInputError,
    );
    await expect(call('forecast.run', { input: { ...scenario, budget: -5 } })).rejects.toThrow(
      /budget must be positive/,
    );
    await expect(call('forecast.run', { input: { ...scenario, countries: ['US', 'xx'] } })).rejects.toThrow(
      /countries\.1: 'xx' is not a country code/,
    );
    const soviet = await call<Forecast>('forecast.run', { input: { ...scenario, countries: ['su', ' gb '] } });
    expect(soviet.input.countries).toEqual(['SU', 'GB']);
    // A blank director is read as a debut: the warning says so exactly when the model's director records move it.
    const directorEffect = f.contributions
      .filter((c) => c.feature.startsWith('director_'))
      .reduce((sum, c) => sum + c.effect, 0);
    expect(f.contributions.some((c) => c.feature.startsWith('director_'))).toBe(true);
    expect(f.warnings.some((w) => w.startsWith('No director given'))).toBe(Math.abs(directorEffect) >= 0.1);
    const named = await call<Forecast>('forecast.run', { input: { ...scenario, directors: ['James Cameron'] } });
    expect(named.warnings.some((w) => w.startsWith('No director given'))).toBe(false);
    const huge = await call<Forecast>('forecast.run', { input: { ...scenario, budget: 900e6 } });
    expect(huge.warnings.join(' ')).toMatch(/above the largest in the training data/);
    const choices = await call<{ genres: string[]; models: { revenue: number } }>('forecast.choices', {});
    expect(choices.genres).toContain('Science Fiction');
    expect(choices.models.revenue).toBe(revenueId);
  });
});

describe('scenarios', () => {
  it('save, rename, annotate, duplicate, compare with slate totals, delete', async () => {
    const a = await call<ScenarioRecord>('scenarios.save', { name: 'Tentpole', input: scenario });
    expect(a.forecast?.revenue).toBeGreaterThan(0);
    expect(a.modelIds).toEqual([revenueId, hitId]);
    expect(a.stale).toBe(false);
    const b = await call<ScenarioRecord>('scenarios.save', {
      name: 'Small drama',
      note: 'festival route',
      input: { budget: 5e6, genres: ['Drama'], releaseDate: '2026-10-02', runtime: 104 },
    });
    expect((await call<ScenarioRecord>('scenarios.rename', { id: a.id, name: 'Summer tentpole' })).name).toBe(
      'Summer tentpole',
    );
    expect((await call<ScenarioRecord>('scenarios.annotate', { id: a.id, note: 'check June' })).note).toBe(
      'check June',
    );
    const copy = await call<ScenarioRecord>('scenarios.duplicate', { id: a.id });
    expect(copy.name).toBe('Summer tentpole (copy)');
    expect(copy.forecast).toEqual(a.forecast);
    const list = await call<ScenarioRecord[]>('scenarios.list', {});
    expect(list.map((s) => s.id).sort()).toEqual([a.id, b.id, copy.id].sort());

    const compared = await call<{ scenarios: ScenarioView[]; totals: SlateTotals }>('scenarios.compare', {
      ids: [a.id, b.id],
    });
    expect(compared.scenarios.map((s) => s.id)).toEqual([a.id, b.id]);
    expect(compared.totals.budget).toBe(95e6);
    expect(compared.totals.expectedRevenue).toBeCloseTo(a.forecast!.revenue + b.forecast!.revenue, 0);
    expect(compared.totals.expectedHits).toBeCloseTo(a.forecast!.hitProbability! + b.forecast!.hitProbability!, 9);

    expect(await call('scenarios.delete', { id: copy.id })).toEqual({ deleted: true });
    expect(await call('scenarios.get', { id: copy.id })).toBeNull();
    await expect(call('scenarios.rename', { id: copy.id, name: 'x' })).rejects.toThrow(/no scenario/);
  });

  it('marks a scenario stale when the active model changes and shows a fresh forecast beside it', async () => {
    const saved = await call<ScenarioRecord>('scenarios.save', { name: 'Before', input: scenario });
    const linear = await trainModel(
      db,
      { target: 'revenue', features: 'greenlight', algorithm: 'linear', params: { alpha: 1 }, folds: 3, seed: 1 },
      { pool },
    );
    activateModel(db, linear.model);
    try {
      const view = (await call<ScenarioView>('scenarios.get', { id: saved.id }))!;
      expect(view.stale).toBe(true);
      expect(view.forecast!.models.revenue.id).toBe(revenueId);
      expect(view.fresh!.models.revenue.id).toBe(linear.model);
      expect(view.fresh!.revenue).not.toBeCloseTo(view.forecast!.revenue, 0);
      const refreshed = await call<ScenarioRecord>('scenarios.refresh', { id: saved.id });
      expect(refreshed.stale).toBe(false);
      expect(refreshed.modelIds).toEqual([linear.model, hitId]);
    } finally {
      activateModel(db, revenueId);
    }
    expect(forecast(ctx, scenario).models.revenue.id).toBe(revenueId);
  });
});

describe('a revenue model on a typed feature list with page signals', () => {
  it("warns that it reads the page's completeness, by as much as it moves this forecast", async () => {
    expect(forecast(ctx, scenario).warnings.join(' ')).not.toMatch(/TMDB page/);
    const paged = await trainModel(
      db,
      { target: 'revenue', features: 'greenlight,has_tagline', algorithm: 'gbdt', params: boosting, folds: 2, seed: 3 },
      { pool },
    );
    activateModel(db, paged.model);
    try {
      const f = forecast(ctx, scenario);
      const tagline = f.contributions.find((c) => c.feature === 'has_tagline')!;
      expect(tagline.label).toBe('Has a tagline: no');
      // The form asks no tagline, so a typed film reads as one without, and is marked down for it (seeded: -0.34).
      expect(tagline.effect).toBeLessThan(-0.1);
      const percent = Math.round(-Math.expm1(tagline.effect) * 100);
      expect(f.warnings).toContain(
        "The revenue model reads how complete the film's TMDB page is (has a tagline), which is filled in after " +
          `release: that puts this forecast ${percent}% lower than an average page would. A model on the greenlight ` +
          'set does not read it.',
      );
      // Most training films have a tagline, so one typed with it sits near the average page: too little to warn of.
      const tagged = forecast(ctx, { ...scenario, hasTagline: true });
      const taggedEffect = tagged.contributions.find((c) => c.feature === 'has_tagline')!.effect;
      expect(taggedEffect).toBeGreaterThan(0);
      expect(taggedEffect).toBeLessThan(0.1);
      expect(tagged.warnings.join(' ')).not.toMatch(/TMDB page/);
    } finally {
      activateModel(db, revenueId);
    }
  });
});

describe('batch scoring in worker threads', () => {
  it('writes exactly what the main thread writes, in row order, with the same problems', async () => {
    const input = path.join(dir, 'slate.csv');
    const genres = ['Action', 'Drama', 'Comedy', 'Horror', 'Nope'];
    const lines = ['Film,Budget,Genres,Release Date,Runtime'];
    for (let i = 0; i < 5000; i++) {
      const budget = i % 997 === 0 ? 'lots' : String(1e6 * (1 + (i % 250)));
      lines.push(`Film ${i},${budget},${genres[i % 5]},${2000 + (i % 20)}-0${1 + (i % 9)}-01,${80 + (i % 70)}`);
    }
    fs.writeFileSync(input, lines.join('\n'));
    const state = forecastState(ctx);
    const inThread = await scoreFile(state, { fileName: 'slate.csv', path: input }, path.join(dir, 'a.csv'));
    const threaded = await scoreFile(state, { fileName: 'slate.csv', path: input }, path.join(dir, 'b.csv'), {
      threads: 2,
      databasePath: ctx.databasePath,
    });
    expect(threaded.rows).toBe(5000);
    // Rows 1, 998, 1995, 2992, 3989 (i % 997 === 0) have budget 'lots'; every fifth row has the unknown genre.
    expect(threaded.skipped).toBe(inThread.skipped);
    expect(threaded.skipped).toBeGreaterThanOrEqual(1000);
    expect(threaded.scored + threaded.skipped).toBe(5000);
    expect(threaded.problems).toEqual(inThread.problems);
    expect(threaded.problems[0]).toMatchObject({ row: 1, field: 'Budget' });
    expect(threaded.problems[1]).toMatchObject({ row: 5, field: 'Genres' });
    expect(fs.readFileSync(path.join(dir, 'b.csv'), 'utf8')).toBe(fs.readFileSync(path.join(dir, 'a.csv'), 'utf8'));
  });
});

/**
 * Model blends (core/models/blend.ts): boosting that learns log(revenue / budget), a forest and a linear model
 * blended in, and the hit model's revenue score with a scale. Each member is fitted inside every CV fold on its
 * training rows only; the stored artifact predicts and explains exactly, and older two-model hit artifacts still
 * load and predict as they did.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../../src-main/core/store/db';
import { importDefaults } from '../../../src-main/core/ingest/import';
import {
  planFolds,
  prepareTrainingData,
  trainModel,
  validateTrainRequest,
  type PreparedData,
  type TrainRequest,
} from '../../../src-main/core/models/train';
import { loadModelVersion } from '../../../src-main/core/models/load';
import { requireModelVersion } from '../../../src-main/core/store/models';
import {
  BLEND_KIND,
  FOREST_MEMBER_PARAMS,
  HIT_REVENUE_BLEND_KIND,
  LOGISTIC_MEMBER_PARAMS,
  RIDGE_MEMBER_PARAMS,
  blendPlanOf,
  loadModelArtifact,
  type BlendArtifact,
} from '../../../src-main/core/models/blend';
import { createEstimator, loadEstimator } from '../../../src-main/core/ml/registry';
import { takeRows, takeValues } from '../../../src-main/core/ml/cv';
import { encode } from '../../../src-main/core/features/spec';
import { WorkerPool } from '../../../src-main/core/jobs/pool';
import type { Matrix, Params } from '../../../src-main/core/ml/types';
import type { FilmInput } from '../../../src-main/shared/film';

let dir: string;
let db: Db;
const pool = new WorkerPool({ size: 2 });
const small = { n_estimators: 15, max_depth: 2, learning_rate: 0.2, min_samples_leaf: 10 };
const revenueRequest: TrainRequest = {
  target: 'revenue',
  features: 'greenlight',
  algorithm: 'gbdt',
  params: { ...small, fit_roi: true, blend_forest: 0.25, blend_linear: 0.1 },
  folds: 3,
  seed: 7,
};
const hitRequest: TrainRequest = {
  target: 'hit',
  features: 'greenlight',
  algorithm: 'gbdt',
  params: { ...small, revenue_blend: 0.4, revenue_blend_scale: 2, fit_roi: true, blend_linear: 0.2 },
  folds: 3,
  seed: 7,
};
const film: FilmInput = {
  title: 'Night Harbor',
  budget: 80e6,
  runtime: 115,
  genres: ['Action'],
  releaseDate: '2027-05-01',
  directors: ['Christopher Nolan'],
  cast: ['Tom Cruise'],
  companies: ['Warner Bros.'],
  countries: ['US'],
};

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'greenlight-model-blend-'));
  db = openDatabase(path.join(dir, 'g.sqlite'));
  await importDefaults(db);
}, 120_000);
afterAll(async () => {
  await pool.close();
  db?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

type Fit = (
  algorithm: 'gbdt' | 'rf' | 'linear' | 'logistic',
  task: 'regression' | 'classification',
  params: Params,
  y: Float64Array,
) => number[];

/**
 * Per fold, the models fitted by hand on its training rows (combine gets a fitter for the fold, the training data
 * and the fold's test rows); returns film id -> the combined raw score on its test fold.
 */
function byHand(request: TrainRequest, combine: (fit: Fit, data: PreparedData, test: Uint32Array) => number[]) {
  const data = prepareTrainingData(db, request);
  const X: Matrix = { rows: data.films.length, cols: data.cols, data: data.X };
  const expected = new Map<number, number>();
  for (const fold of planFolds(request, data.films, data.y).folds) {
    const test = takeRows(X, fold.test);
    const fit: Fit = (algorithm, task, params, y) =>
      Array.from(createEstimator(algorithm, task, params, 7).fit(takeRows(X, fold.train), takeValues(y, fold.train)).predictRaw(test));
    const raw = combine(fit, data, fold.test);
    fold.test.forEach((row, k) => expected.set(data.films[row].id, raw[k]));
  }
  return { data, expected };
}

const logBudgetOf = (data: PreparedData) => data.films.map((f) => Math.log1p(f.budget as number));
const logRevenueOf = (data: PreparedData) => Float64Array.from(data.films, (f) => Math.log1p(f.revenue as number));

describe('revenue learning log(revenue / budget), blended with a forest and a ridge', () => {
  it('scores each fold with all three models fitted on that fold’s training rows only', async () => {
    const result = await trainModel(db, revenueRequest, { pool });
    const stored = requireModelVersion(db, result.model);
    const oof = stored.report.oof as { filmIds: number[]; predicted: number[] };
    const { data, expected } = byHand(revenueRequest, (fit, d, test) => {
      const logBudget = logBudgetOf(d);
      const logRoi = d.y.map((v, i) => v - logBudget[i]);
      const g = fit('gbdt', 'regression', small, logRoi);
      const f = fit('rf', 'regression', FOREST_MEMBER_PARAMS, d.y);
      const r = fit('linear', 'regression', RIDGE_MEMBER_PARAMS, d.y);
      return g.map((v, k) => 0.65 * (v + logBudget[test[k]]) + 0.25 * f[k] + 0.1 * r[k]);
    });
    expect(oof.filmIds.length).toBe(data.films.length);
    oof.filmIds.forEach((id, i) => expect(oof.predicted[i]).toBeCloseTo(expected.get(id) as number, 9));
    expect(stored.params).toMatchObject({ fit_roi: true, blend_forest: 0.25, blend_linear: 0.1 });
    expect(result.cv.r2).toBeGreaterThan(0.3);
  }, 180_000);

  it('stores one artifact that predicts and explains exactly after a JSON round trip, the budget term centred', async () => {
    const result = await trainModel(db, { ...revenueRequest, folds: 2 }, { pool });
    const stored = requireModelVersion(db, result.model);
    const artifact = JSON.parse(JSON.stringify(stored.artifact)) as BlendArtifact;
    expect(artifact.kind).toBe(BLEND_KIND);
    expect(artifact.members.map((m) => [m.role, m.y, m.weight, m.model.kind])).toEqual([
      ['main', 'log_roi', 0.65, 'gbdt-regression'],
      ['forest', 'target', 0.25, 'rf-regression'],
      ['linear', 'target', 0.1, 'linear-regression'],
    ]);
    expect(artifact.budgetWeight).toBeCloseTo(0.65, 12);
    const logBudget = logBudgetOf(prepareTrainingData(db, revenueRequest));
    const meanLogBudget = logBudget.reduce((a, b) => a + b, 0) / logBudget.length;
    expect(artifact.budgetMean).toBeCloseTo(meanLogBudget, 9);

    const x = encode(stored.featureSpec, film);
    const row: Matrix = { rows: 1, cols: x.length, data: x };
    const [g, f, r] = artifact.members.map((m) => loadEstimator(m.model).predictRaw(row)[0]);
    const expected = 0.65 * (g + Math.log1p(80e6)) + 0.25 * f + 0.1 * r;
    const blend = loadModelArtifact(artifact);
    expect(blend.predictRaw(row)[0]).toBeCloseTo(expected, 10);
    const model = loadModelVersion(db, result.model);
    expect(model.predictRaw(film)).toBeCloseTo(expected, 10);
    expect(model.predict(film)).toBeCloseTo(Math.expm1(expected), 0);
    const { base, contributions } = model.explain(film);
    expect(base + contributions.reduce((a, c) => a + c.effect, 0)).toBeCloseTo(expected, 9);

    // The budget term is centred: at the training films' mean budget it adds nothing beyond the members' own
    // contributions; above it, 0.65 x the excess on log budget.
    const budgetColumn = artifact.budgetColumn;
    const members = artifact.members.map((m) => loadEstimator(m.model));
    const at = (logBudget: number) => {
      const xb = Float64Array.from(x);
      xb[budgetColumn] = logBudget;
      const own = members.reduce((s, m, k) => s + artifact.members[k].weight * m.contributions(xb).values[budgetColumn], 0);
      return blend.contributions(xb).values[budgetColumn] - own;
    };
    expect(at(meanLogBudget)).toBeCloseTo(0, 12);
    expect(at(meanLogBudget + 1)).toBeCloseTo(0.65, 12);
  }, 180_000);

  it('with fit_roi alone, predicts boosting on log(revenue / budget) plus log budget', async () => {
    const request: TrainRequest = { ...revenueRequest, params: { ...small, fit_roi: true }, folds: 2 };
    const result = await trainModel(db, request, { pool });
    const artifact = requireModelVersion(db, result.model).artifact as BlendArtifact;
    expect(artifact.members).toHaveLength(1);
    const model = loadModelVersion(db, result.model);
    const x = encode(model.spec!, film);
    const g = loadEstimator(artifact.members[0].model).predictRaw({ rows: 1, cols: x.length, data: x })[0];
    expect(model.predictRaw(film)).toBeCloseTo(g + Math.log1p(80e6), 10);
    // The trees see the same columns for twice the budget except log budget: the prediction moves by log 2 plus
    // what the return-on-budget trees make of the bigger budget.
    const x2 = encode(model.spec!, { ...film, budget: 160e6 });
    const g2 = loadEstimator(artifact.members[0].model).predictRaw({ rows: 1, cols: x2.length, data: x2 })[0];
    expect(model.predictRaw({ ...film, budget: 160e6 }) - model.predictRaw(film)).toBeCloseTo(Math.log1p(160e6) - Math.log1p(80e6) + g2 - g, 10);
    // A past film with no budget still gets a prediction: the budget term reads the training mean, the trees
    // route the missing value as they learned to; explained exactly.
    const noBudget = { ...film, budget: NaN };
    const xn = encode(model.spec!, noBudget);
    expect(Number.isNaN(xn[artifact.budgetColumn])).toBe(true);
    const gn = loadEstimator(artifact.members[0].model).predictRaw({ rows: 1, cols: xn.length, data: xn })[0];
    expect(model.predictRaw(noBudget)).toBeCloseTo(gn + artifact.budgetMean, 10);
    const explained = model.explain(noBudget);
    expect(explained.base + explained.contributions.reduce((a, c) => a + c.effect, 0)).toBeCloseTo(gn + artifact.budgetMean, 9);
  }, 180_000);
});

describe('hit blended with a log(revenue / budget) model at a scale, and a logistic regression', () => {
  it('scores each fold as 0.4 hit + 0.4 x 2 x (predicted log multiple - log 2) + 0.2 logistic', async () => {
    const result = await trainModel(db, hitRequest, { pool });
    const stored = requireModelVersion(db, result.model);
    const oof = stored.report.oof as { filmIds: number[]; predicted: number[] };
    const { data, expected } = byHand(hitRequest, (fit, d) => {
      const logBudget = logBudgetOf(d);
      const logRoi = logRevenueOf(d).map((v, i) => v - logBudget[i]);
      const h = fit('gbdt', 'classification', small, d.y);
      const r = fit('gbdt', 'regression', small, logRoi);
      const l = fit('logistic', 'classification', LOGISTIC_MEMBER_PARAMS, d.y);
      return h.map((v, k) => 0.4 * v + 0.8 * (r[k] - Math.log(2)) + 0.2 * l[k]);
    });
    expect(oof.filmIds.length).toBe(data.films.length);
    oof.filmIds.forEach((id, i) => expect(oof.predicted[i]).toBeCloseTo(expected.get(id) as number, 9));
    expect(result.cv.auc).toBeGreaterThan(0.65);

    const artifact = JSON.parse(JSON.stringify(stored.artifact)) as BlendArtifact;
    expect(artifact.members.map((m) => [m.role, m.y, m.weight])).toEqual([
      ['main', 'target', 0.4],
      ['revenue', 'log_roi', 0.8],
      ['linear', 'target', 0.2],
    ]);
    expect(artifact.budgetWeight).toBe(0); // the revenue member learns the log multiple itself
    const model = loadModelVersion(db, result.model);
    const { base, contributions } = model.explain(film);
    expect(base + contributions.reduce((a, c) => a + c.effect, 0)).toBeCloseTo(model.predictRaw(film), 9);
    const p = model.predict(film);
    expect(p).toBeGreaterThan(0);
    expect(p).toBeLessThan(1);
  }, 180_000);
});

describe('blend plans', () => {
  it('loads an older two-model hit artifact and predicts and explains it as before', () => {
    const data = prepareTrainingData(db, { ...hitRequest, params: small });
    const X: Matrix = { rows: data.films.length, cols: data.cols, data: data.X };
    const logRevenue = logRevenueOf(data);
    const hit = createEstimator('gbdt', 'classification', small, 3).fit(X, data.y);
    const revenue = createEstimator('gbdt', 'regression', small, 3).fit(X, logRevenue);
    const budgetColumn = 0;
    const old = { kind: HIT_REVENUE_BLEND_KIND, version: 1, hit: hit.toJSON(), revenue: revenue.toJSON(), weight: 0.5, logMultiple: Math.log(2), budgetColumn };
    const loaded = loadModelArtifact(JSON.parse(JSON.stringify(old)));
    const x = encode(data.spec, film);
    const row: Matrix = { rows: 1, cols: x.length, data: x };
    const expected = 0.5 * hit.predictRaw(row)[0] + 0.5 * (revenue.predictRaw(row)[0] - x[budgetColumn] - Math.log(2));
    expect(loaded.predictRaw(row)[0]).toBeCloseTo(expected, 12);
    const { base, values } = loaded.contributions(x);
    expect(base + values.reduce((a, b) => a + b, 0)).toBeCloseTo(expected, 9);
    // As the old artifact explained it: the whole -0.5 x log budget on the budget column.
    const members = 0.5 * hit.contributions(x).values[budgetColumn] + 0.5 * revenue.contributions(x).values[budgetColumn];
    expect(values[budgetColumn]).toBeCloseTo(members - 0.5 * x[budgetColumn], 12);
    // ... and, as before, no score without a budget.
    const xn = encode(data.spec, { ...film, budget: NaN });
    expect(Number.isNaN(loaded.predictRaw({ rows: 1, cols: xn.length, data: xn })[0])).toBe(true);
  });

  it('fits a member shared by several candidates once (a grid over blend weights)', async () => {
    const steps: { step: string; current: number; total: number }[] = [];
    const request: TrainRequest = { ...revenueRequest, params: { ...small, fit_roi: true }, grid: { blend_linear: [0, 0.1] }, folds: 2 };
    const result = await trainModel(db, request, { pool, report: (p) => steps.push(p) });
    // Boosting on log(revenue / budget) and the ridge, each on 2 folds: 4 fits, not 2 + 4.
    expect(steps.filter((s) => s.step === 'cross-validation' && s.current > 0)).toHaveLength(4);
    const last = steps[steps.length - 1];
    expect(last.current).toBe(last.total);
    const stored = requireModelVersion(db, result.model);
    const rows = stored.report.candidates as { params: Record<string, unknown>; score: number }[];
    expect(rows.map((r) => r.params.blend_linear)).toEqual([0, 0.1]);
  }, 180_000);

  it('refuses blends that make no sense, naming the parameter', () => {
    const revenue = (params: Params) => validateTrainRequest({ ...revenueRequest, params: { ...small, ...params } });
    const hit = (params: Params) => validateTrainRequest({ ...hitRequest, params: { ...small, ...params } });
    expect(() => hit({ blend_forest: 0.2 })).toThrow(/blend_forest.*regression target/);
    expect(() => validateTrainRequest({ ...revenueRequest, target: 'popularity', features: 'tracking' })).toThrow(/fit_roi.*revenue target/);
    expect(() => hit({ fit_roi: true })).toThrow(/fit_roi/);
    expect(() => revenue({ fit_roi: 'yes' as unknown as boolean })).toThrow(/fit_roi must be true or false/);
    expect(() => revenue({ blend_forest: 0.7, blend_linear: 0.5 })).toThrow(/must not exceed 1/);
    expect(() => revenue({ blend_linear: -0.1 })).toThrow(/blend_linear must be a number from 0 to 1/);
    expect(() => hit({ revenue_blend_scale: 2 })).toThrow(/set revenue_blend too/);
    expect(() => hit({ revenue_blend: 0.4, revenue_blend_scale: 0 })).toThrow(/revenue_blend_scale/);
    expect(() =>
      validateTrainRequest({ ...revenueRequest, algorithm: 'linear', params: { alpha: 1, blend_forest: 0.2 } }),
    ).toThrow(/tree model/);
    expect(() => validateTrainRequest({ ...revenueRequest, features: 'runtime,year' })).not.toThrow(); // data-free check
    expect(blendPlanOf('revenue', 'gbdt', small).members).toHaveLength(1);
  });

  it('refuses at training time a blend that reads the budget when the features leave it out', async () => {
    await expect(trainModel(db, { ...revenueRequest, features: 'runtime,year,genres' }, { pool })).rejects.toThrow(
      /need log_budget among the features/,
    );
  });
});

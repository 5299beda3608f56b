/**
 * The hit model blended with a revenue model's predicted log(revenue / budget): both fitted inside each CV
 * fold on its training rows only, stored as one artifact that predicts and explains exactly.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../../src-main/core/store/db';
import { importDefaults } from '../../../src-main/core/ingest/import';
import { planFolds, prepareTrainingData, trainModel, validateTrainRequest, type TrainRequest } from '../../../src-main/core/models/train';
import { loadModelVersion } from '../../../src-main/core/models/load';
import { requireModelVersion } from '../../../src-main/core/store/models';
import { BLEND_KIND, loadModelArtifact, type BlendArtifact } from '../../../src-main/core/models/blend';
import { createEstimator, loadEstimator } from '../../../src-main/core/ml/registry';
import { takeRows, takeValues } from '../../../src-main/core/ml/cv';
import { encode } from '../../../src-main/core/features/spec';
import { WorkerPool } from '../../../src-main/core/jobs/pool';
import type { FilmInput } from '../../../src-main/shared/film';

let dir: string;
let db: Db;
const pool = new WorkerPool({ size: 2 });
const small = { n_estimators: 15, max_depth: 2, learning_rate: 0.2, min_samples_leaf: 10 };
const request: TrainRequest = {
  target: 'hit',
  features: 'greenlight',
  algorithm: 'gbdt',
  params: { ...small, revenue_blend: 0.4 },
  folds: 3,
  seed: 7,
};

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'greenlight-blend-'));
  db = openDatabase(path.join(dir, 'g.sqlite'));
  await importDefaults(db);
}, 120_000);
afterAll(async () => {
  await pool.close();
  db?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('hit blended with revenue', () => {
  it('scores each fold with models fitted on that fold’s training rows only', async () => {
    const result = await trainModel(db, request, { pool });
    const stored = requireModelVersion(db, result.model);
    const oof = stored.report.oof as { filmIds: number[]; predicted: number[] };

    // The same blend by hand: per fold, a hit model and a revenue model on the training rows, scored on the test rows.
    const data = prepareTrainingData(db, request);
    const X = { rows: data.films.length, cols: data.cols, data: data.X };
    const logRevenue = Float64Array.from(data.films, (f) => Math.log1p(f.revenue as number));
    const expected = new Map<number, number>();
    for (const fold of planFolds(request, data.films, data.y).folds) {
      const hit = createEstimator('gbdt', 'classification', small, 7).fit(takeRows(X, fold.train), takeValues(data.y, fold.train));
      const revenue = createEstimator('gbdt', 'regression', small, 7).fit(takeRows(X, fold.train), takeValues(logRevenue, fold.train));
      const test = takeRows(X, fold.test);
      const h = hit.predictRaw(test);
      const r = revenue.predictRaw(test);
      fold.test.forEach((row, k) => {
        const film = data.films[row];
        const score = r[k] - Math.log1p(film.budget as number) - Math.log(2);
        expected.set(film.id, 0.6 * h[k] + 0.4 * score);
      });
    }
    expect(oof.filmIds.length).toBe(data.films.length);
    oof.filmIds.forEach((id, i) => expect(oof.predicted[i]).toBeCloseTo(expected.get(id) as number, 9));
    expect(stored.params).toMatchObject({ revenue_blend: 0.4 });
    expect(result.cv.auc).toBeGreaterThan(0.6);
  }, 180_000);

  it('stores one artifact that predicts the blend and explains it exactly, after a JSON round trip', async () => {
    const result = await trainModel(db, { ...request, folds: 2 }, { pool });
    const stored = requireModelVersion(db, result.model);
    const artifact = JSON.parse(JSON.stringify(stored.artifact)) as BlendArtifact;
    expect(artifact.kind).toBe(BLEND_KIND);
    expect(artifact.members.map((m) => [m.role, m.y, m.weight])).toEqual([
      ['main', 'target', 0.6],
      ['revenue', 'log_revenue', 0.4],
    ]);
    const film: FilmInput = {
      budget: 80e6,
      runtime: 115,
      genres: ['Action'],
      releaseDate: '2027-05-01',
      directors: ['Christopher Nolan'],
      cast: ['Tom Cruise'],
      companies: ['Warner Bros.'],
    };
    const x = encode(stored.featureSpec, film);
    const row = { rows: 1, cols: x.length, data: x };
    const hitRaw = loadEstimator(artifact.members[0].model).predictRaw(row)[0];
    const revenueRaw = loadEstimator(artifact.members[1].model).predictRaw(row)[0];
    const blended = 0.6 * hitRaw + 0.4 * (revenueRaw - Math.log1p(80e6) - Math.log(2));
    expect(loadModelArtifact(artifact).predictRaw(row)[0]).toBeCloseTo(blended, 12);
    const model = loadModelVersion(db, result.model);
    expect(model.predictRaw(film)).toBeCloseTo(blended, 12);
    const { base, contributions } = model.explain(film);
    expect(base + contributions.reduce((a, c) => a + c.effect, 0)).toBeCloseTo(blended, 9);
    // A bigger budget for the same film lowers the revenue multiple, so the hit score falls.
    expect(model.predictRaw({ ...film, budget: 300e6 })).toBeLessThan(model.predictRaw(film));
  }, 180_000);

  it('is refused for other targets, non-tree algorithms and weights outside 0..1', () => {
    expect(() => validateTrainRequest({ ...request, target: 'revenue' })).toThrow(/revenue_blend.*hit target/);
    expect(() => validateTrainRequest({ ...request, algorithm: 'logistic', params: { C: 1, revenue_blend: 0.5 } })).toThrow(
      /revenue_blend/,
    );
    expect(() => validateTrainRequest({ ...request, params: { ...small, revenue_blend: 1.5 } })).toThrow(/0 to 1/);
  });
});

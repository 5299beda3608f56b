import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../../src-main/core/store/db';
import { importDefaults } from '../../../src-main/core/ingest/import';
import { createContext } from '../../../src-main/core/context';
import { trainModel } from '../../../src-main/core/models/train';
import { activateModel, archiveModel, compareVersions } from '../../../src-main/core/models/versions';
import { loadActiveModels, loadModelVersion } from '../../../src-main/core/models/load';
import { countModelVersions, getModelVersion, listModelVersions } from '../../../src-main/core/store/models';
import { countGoldPredictions } from '../../../src-main/core/store/gold';
import { WorkerPool } from '../../../src-main/core/jobs/pool';
import type { TrainingReport } from '../../../src-main/core/models/report';
import type { FilmInput } from '../../../src-main/shared/film';

let dir: string;
let file: string;
let db: Db;
const pool = new WorkerPool({ size: 2 });
const small = { n_estimators: 20, max_depth: 3, learning_rate: 0.2 };
const input: FilmInput = {
  budget: 150e6,
  runtime: 120,
  genres: ['Action', 'Adventure'],
  releaseDate: '2027-06-18',
  language: 'en',
  directors: ['Christopher Nolan'],
};

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'greenlight-train-'));
  file = path.join(dir, 'g.sqlite');
  db = openDatabase(file);
  await importDefaults(db);
});
afterAll(async () => {
  await pool.close();
  db?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('trainModel on the embedded TMDB films', () => {
  let revenueId: number;

  it('trains a revenue model in the pool and stores one version with its evidence', async () => {
    const steps = new Set<string>();
    const result = await trainModel(
      db,
      { target: 'revenue', features: 'greenlight', algorithm: 'gbdt', params: small, folds: 3, seed: 7 },
      { pool, report: (p) => steps.add(p.step) },
    );
    revenueId = result.model;
    expect(result.rows).toBeGreaterThan(3000);
    expect(result.cv.r2).toBeGreaterThan(0.3);
    expect(result.featureNames).toContain('director_prior_films');
    expect([...steps]).toEqual(expect.arrayContaining(['preparing', 'cross-validation', 'refit', 'saving']));
    const stored = getModelVersion(db, result.model)!;
    expect(stored.status).toBe('ready');
    expect(stored.data.rows).toBe(result.rows);
    expect(stored.data.fingerprint).toMatch(/^[0-9a-f]{16}$/);
    expect(stored.data.batches.length).toBeGreaterThan(0);
    const report = stored.report as unknown as TrainingReport;
    // k-fold: every training row is predicted out of fold exactly once
    expect(report.oof.filmIds).toHaveLength(result.rows);
    expect(new Set(report.oof.filmIds).size).toBe(result.rows);
    expect((stored.calibration.absResiduals as number[]).length).toBe(result.rows);
    expect(report.importance.gain).toHaveLength(result.featureNames.length);
    expect(report.importance.permutation).toHaveLength(result.featureNames.length);
    expect(report.coverage.maxBudget).toBeGreaterThan(1e8);
  });

  it('predicts the same after the database is closed and reopened (spec and model round-trip)', () => {
    const before = loadModelVersion(db, revenueId);
    const raw = before.predictRaw(input);
    const explained = before.explain(input);
    const sum = explained.contributions.reduce((a, c) => a + c.effect, explained.base);
    expect(sum).toBeCloseTo(raw, 8);
    const other = openDatabase(file);
    try {
      const after = loadModelVersion(other, revenueId);
      expect(after.predictRaw(input)).toBe(raw);
      expect(after.predict(input)).toBeCloseTo(Math.expm1(raw), 0);
    } finally {
      other.close();
    }
  });

  it('tunes a hit model over a grid, keeps the whole CV table and calibrates on out-of-fold scores', async () => {
    const result = await trainModel(
      db,
      {
        target: 'hit',
        features: 'greenlight',
        algorithm: 'gbdt',
        params: small,
        grid: { max_depth: [2, 3] },
        folds: 3,
      },
      { pool },
    );
    expect(result.candidates).toBe(2);
    const stored = getModelVersion(db, result.model)!;
    const report = stored.report as unknown as TrainingReport;
    expect(report.candidates).toHaveLength(2);
    const best = Math.max(...report.candidates.map((c) => c.score));
    expect(report.candidates[report.chosen].score).toBe(best);
    expect(report.candidates[0].foldScores).toHaveLength(3);
    expect(result.cv.auc).toBeGreaterThan(0.6);
    expect(stored.calibration.platt).toBeDefined();
    expect(report.classification!.roc.length).toBeGreaterThan(2);
    const p = loadModelVersion(db, result.model).predict(input);
    expect(p).toBeGreaterThan(0);
    expect(p).toBeLessThan(1);
  });

  it('activates, fills gold, rolls back and archives', async () => {
    const films = db.prepare('SELECT count(*) FROM films').pluck().get() as number;
    activateModel(db, revenueId);
    expect(countGoldPredictions(db, revenueId)).toBe(films);
    const second = await trainModel(
      db,
      {
        target: 'revenue',
        features: 'runtime,popularity,vote_average,budget',
        algorithm: 'linear',
        folds: 3,
        activate: true,
      },
      { pool },
    );
    expect(loadActiveModels(db).revenue!.version.id).toBe(second.model);
    expect(getModelVersion(db, second.model)!.featureSet).toBe('runtime,popularity,vote_average,budget');
    expect(getModelVersion(db, revenueId)!.status).toBe('ready');
    expect(countGoldPredictions(db, revenueId)).toBe(0);
    expect(countGoldPredictions(db, second.model)).toBe(films);
    const comparison = compareVersions(db, [revenueId, second.model]);
    expect(comparison.metrics.find((m) => m.name === 'r2')!.values).toHaveLength(2);
    expect(comparison.sameData).toBe(false);
    // roll back
    expect(activateModel(db, revenueId).previous).toBe(second.model);
    expect(loadActiveModels(db).revenue!.version.id).toBe(revenueId);
    expect(() => archiveModel(db, revenueId)).toThrow(/active revenue model/);
    archiveModel(db, second.model);
    expect(listModelVersions(db).map((v) => v.id)).not.toContain(second.model);
    expect(listModelVersions(db, { includeArchived: true }).map((v) => v.id)).toContain(second.model);
  });

  it('writes nothing when a job is cancelled, and refuses bad parameters before any work', async () => {
    const ctx = createContext(db, file, 'cli');
    const before = countModelVersions(db);
    const job = ctx.jobs.start('models.train', (control) =>
      trainModel(
        ctx,
        { target: 'revenue', features: 'greenlight', algorithm: 'gbdt', params: { n_estimators: 400 }, folds: 5 },
        { ...control, pool },
      ),
    );
    ctx.events.on('event', (e) => {
      if (e.type === 'job.progress' && e.progress.step === 'cross-validation') ctx.jobs.cancel(job);
    });
    const status = await ctx.jobs.wait(job);
    expect(status.state).toBe('cancelled');
    expect(countModelVersions(db)).toBe(before);
    await expect(
      trainModel(
        db,
        { target: 'revenue', features: 'greenlight', algorithm: 'gbdt', params: { max_depth: -1 } },
        { pool },
      ),
    ).rejects.toThrow(/max_depth/);
    await expect(
      trainModel(
        db,
        { target: 'revenue', features: 'greenlight', algorithm: 'gbdt', params: { n_trees: 3 } },
        { pool },
      ),
    ).rejects.toThrow(/n_trees/);
    expect(countModelVersions(db)).toBe(before);
  });

  it('says how to load films when there are none', async () => {
    const empty = openDatabase(':memory:');
    await expect(
      trainModel(empty, { target: 'revenue', features: 'greenlight', algorithm: 'gbdt' }, { pool }),
    ).rejects.toThrow(/No films in the database yet/);
    empty.close();
  });
});

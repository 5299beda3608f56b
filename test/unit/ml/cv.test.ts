import { describe, expect, it } from 'vitest';
import {
  crossValidate,
  kFold,
  repeatedKFold,
  stratifiedKFold,
  temporalSplit,
  type Fold,
} from '../../../src-main/core/ml/cv';
import { gridCandidates, randomCandidates, searchCV } from '../../../src-main/core/ml/search';
import { createEstimator } from '../../../src-main/core/ml/registry';
import type { Estimator, Matrix } from '../../../src-main/core/ml/types';
import { randomMatrix } from './helpers';

function checkPartition(folds: Fold[], n: number) {
  const seen = new Uint8Array(n);
  for (const f of folds) {
    const test = new Set(f.test);
    for (const i of f.train) expect(test.has(i)).toBe(false);
    expect(f.train.length + f.test.length).toBe(n);
    for (const i of f.test) seen[i]++;
  }
  return seen;
}

describe('folds', () => {
  it('k-fold puts each row in exactly one test fold, sizes within one, seeded', () => {
    const folds = kFold(103, 5, 1);
    expect(Array.from(checkPartition(folds, 103)).every((c) => c === 1)).toBe(true);
    const sizes = folds.map((f) => f.test.length);
    expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
    expect(kFold(103, 5, 1)[0].test).toEqual(folds[0].test);
    expect(kFold(103, 5, 2)[0].test).not.toEqual(folds[0].test);
  });

  it('repeated k-fold reshuffles each repeat', () => {
    const folds = repeatedKFold(50, 5, 3, 9);
    expect(folds).toHaveLength(15);
    expect(Array.from(checkPartition(folds, 50)).every((c) => c === 3)).toBe(true);
    expect(folds[0].test).not.toEqual(folds[5].test);
    expect(folds[14].repeat).toBe(2);
  });

  it('stratified k-fold keeps the class ratio in every fold', () => {
    const y = Float64Array.from({ length: 200 }, (_, i) => (i % 4 === 0 ? 1 : 0));
    for (const f of stratifiedKFold(y, 5, 3)) {
      const pos = Array.from(f.test).filter((i) => y[i] === 1).length;
      expect(pos).toBe(10);
      expect(f.test.length).toBe(40);
    }
  });

  it('temporal split trains strictly before the year and leaves undated rows out', () => {
    const years = [2001, 2012, NaN, 2009, 2010, 1999];
    const [f] = temporalSplit(years, 2010);
    expect(Array.from(f.train)).toEqual([0, 3, 5]);
    expect(Array.from(f.test)).toEqual([1, 4]);
    expect(() => temporalSplit(years, 1900)).toThrow(/0 training/);
  });
});

describe('crossValidate', () => {
  it('never trains on its test fold and returns out-of-fold predictions', () => {
    // Column 0 holds the row id, so a spy estimator can see which rows it was trained on.
    const n = 60;
    const X: Matrix = { rows: n, cols: 1, data: Float64Array.from({ length: n }, (_, i) => i) };
    const y = Float64Array.from({ length: n }, (_, i) => i * 2);
    const trainedOn: Set<number>[] = [];
    const spy = (): Estimator => {
      const est = createEstimator('linear', 'regression', { alpha: 0 });
      const fit = est.fit.bind(est);
      est.fit = (Xt, yt) => {
        trainedOn.push(new Set(Xt.data));
        return fit(Xt, yt);
      };
      return est;
    };
    const folds = kFold(n, 4, 5);
    const progress: number[] = [];
    const cv = crossValidate(spy, X, y, folds, ['r2', 'rmse'], (d) => progress.push(d));
    folds.forEach((f, k) => {
      for (const i of f.test) expect(trainedOn[k].has(i)).toBe(false);
    });
    expect(progress).toEqual([1, 2, 3, 4]);
    for (let i = 0; i < n; i++) expect(cv.oof[i]).toBeCloseTo(i * 2, 6);
    expect(cv.mean.r2).toBeCloseTo(1, 9);
    expect(cv.folds).toHaveLength(4);
  });
});

describe('search spaces', () => {
  it('grid: every combination, null allowed', () => {
    const c = gridCandidates({ n_estimators: [10, 50], max_depth: [5, null], min_samples_split: [2, 5, 10] });
    expect(c).toHaveLength(12);
    expect(c[0]).toEqual({ n_estimators: 10, max_depth: 5, min_samples_split: 2 });
    expect(c[3]).toEqual({ n_estimators: 10, max_depth: null, min_samples_split: 2 });
    expect(new Set(c.map((p) => JSON.stringify(p))).size).toBe(12);
  });

  it('random: distinct, seeded, and the whole grid when it is small', () => {
    const space = { a: [1, 2, 3, 4, 5], b: [null, 1, 2, 3], c: ['x', 'y'] };
    const r = randomCandidates(space, 7, 3);
    expect(r).toHaveLength(7);
    expect(new Set(r.map((p) => JSON.stringify(p))).size).toBe(7);
    expect(randomCandidates(space, 7, 3)).toEqual(r);
    expect(randomCandidates({ a: [1, 2] }, 10)).toHaveLength(2);
    expect(() => gridCandidates({ a: [] })).toThrow(/non-empty list/);
  });

  it('searchCV keeps the whole table and picks the best mean', () => {
    const X = randomMatrix(150, 2, 8);
    const y = Float64Array.from({ length: 150 }, (_, i) => X.data[i * 2] * 3 + Math.sin(i));
    const res = searchCV(
      (p) => createEstimator('gbdt', 'regression', p),
      gridCandidates({ n_estimators: [5, 60], max_depth: [1, 3] }),
      X,
      y,
      kFold(150, 3, 1),
      'r2',
      ['rmse'],
    );
    expect(res.rows).toHaveLength(4);
    expect(res.best.score).toBe(Math.max(...res.rows.map((r) => r.score)));
    expect(res.best.cv.mean.rmse).toBeGreaterThan(0);
  });
});

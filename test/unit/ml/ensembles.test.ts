import { describe, expect, it } from 'vitest';
import { RandomForest } from '../../../src-main/core/ml/forest';
import { GradientBoosting } from '../../../src-main/core/ml/gbdt';
import { r2 } from '../../../src-main/core/ml/metrics';
import { matrix, randomMatrix, reference } from './helpers';

const X = matrix(reference.synthetic.X);
const y = Float64Array.from(reference.synthetic.y);
const ycls = Float64Array.from(reference.synthetic.ycls);

describe('gradient boosting', () => {
  it('lowers the training loss every round (squared error)', () => {
    const gb = new GradientBoosting('regression', { n_estimators: 60 }).fit(X, y);
    const losses = gb.history!.trainLoss;
    expect(losses).toHaveLength(60);
    for (let k = 1; k < losses.length; k++) expect(losses[k]).toBeLessThan(losses[k - 1]);
  });

  it('lowers the training loss every round (log loss)', () => {
    const gb = new GradientBoosting('classification', { n_estimators: 60 }).fit(X, ycls);
    const losses = gb.history!.trainLoss;
    for (let k = 1; k < losses.length; k++) expect(losses[k]).toBeLessThan(losses[k - 1]);
    const p = gb.predict(X);
    for (const v of p) expect(v > 0 && v < 1).toBe(true);
  });

  it('matches scikit-learn GradientBoostingRegressor on exactly binned data', () => {
    // reg_lambda 0: scikit-learn's boosting has no leaf penalty.
    const gb = new GradientBoosting('regression', {
      n_estimators: 100,
      learning_rate: 0.1,
      max_depth: 3,
      reg_lambda: 0,
    });
    gb.fit(X, y);
    expect(r2(y, gb.predict(X))).toBeCloseTo(reference.gb_reg.train_r2, 3);
    const p = gb.predict(X);
    const maxDiff = Math.max(...reference.gb_reg.train_pred.map((q, i) => Math.abs(q - p[i])));
    expect(maxDiff).toBeLessThan(0.05);
  });

  it('is close to scikit-learn GradientBoostingClassifier on training log loss', () => {
    const gb = new GradientBoosting('classification', { reg_lambda: 0 }).fit(X, ycls);
    const last = gb.history!.trainLoss.at(-1)!;
    expect(Math.abs(last - reference.gb_cls.train_logloss)).toBeLessThan(0.02);
  });

  it('stops early on a validation fold and keeps the best round', () => {
    const noisy = randomMatrix(400, 3, 5);
    const target = Float64Array.from({ length: 400 }, (_, i) => noisy.data[i * 3] + Math.sin(i * 12.9898) * 4);
    const gb = new GradientBoosting('regression', {
      n_estimators: 500,
      learning_rate: 0.3,
      max_depth: 4,
      n_iter_no_change: 5,
      validation_fraction: 0.2,
    }).fit(noisy, target);
    const h = gb.history!;
    expect(h.validationLoss.length).toBeLessThan(500);
    expect(gb.trees.length).toBe(h.bestRounds);
    const best = Math.min(...h.validationLoss);
    expect(h.validationLoss[h.bestRounds - 1]).toBe(best);
  });

  it('subsamples rows deterministically for a seed', () => {
    const a = new GradientBoosting('regression', { subsample: 0.5 }, 3).fit(X, y).predict(X);
    const b = new GradientBoosting('regression', { subsample: 0.5 }, 3).fit(X, y).predict(X);
    const c = new GradientBoosting('regression', { subsample: 0.5 }, 4).fit(X, y).predict(X);
    expect(Array.from(a)).toEqual(Array.from(b));
    expect(Array.from(a)).not.toEqual(Array.from(c));
  });

  it('handles missing values in training and prediction', () => {
    const Xn = randomMatrix(300, 3, 11, 0.2);
    const t = Float64Array.from({ length: 300 }, (_, i) => (Xn.data[i * 3] !== Xn.data[i * 3] ? 5 : Xn.data[i * 3]));
    const gb = new GradientBoosting('regression', { n_estimators: 50 }).fit(Xn, t);
    expect(r2(t, gb.predict(Xn))).toBeGreaterThan(0.9);
  });

  it('rejects bad parameters with a RangeError naming the value', () => {
    expect(() => new GradientBoosting('regression', { learning_rate: 0 })).toThrow(RangeError);
    expect(() => new GradientBoosting('regression', { subsample: 1.5 })).toThrow(/subsample.*1.5/);
    expect(() => new GradientBoosting('regression', { max_depth: 0 })).toThrow(/max_depth.*0/);
    expect(() => new GradientBoosting('classification', {}).fit(X, y)).toThrow(/0 or 1/);
  });
});

describe('random forest', () => {
  it('is deterministic for a seed and differs between seeds', () => {
    const a = new RandomForest('regression', { n_estimators: 20 }, 1).fit(X, y).predict(X);
    const b = new RandomForest('regression', { n_estimators: 20 }, 1).fit(X, y).predict(X);
    const c = new RandomForest('regression', { n_estimators: 20 }, 2).fit(X, y).predict(X);
    expect(Array.from(a)).toEqual(Array.from(b));
    expect(Array.from(a)).not.toEqual(Array.from(c));
  });

  it('grows the same first trees whatever n_estimators is', () => {
    const small = new RandomForest('regression', { n_estimators: 5, max_features: 'sqrt' }, 9).fit(X, y);
    const large = new RandomForest('regression', { n_estimators: 12, max_features: 'sqrt' }, 9).fit(X, y);
    for (let k = 0; k < 5; k++) expect(Array.from(large.trees[k].value)).toEqual(Array.from(small.trees[k].value));
  });

  it('fits well out of sample on the synthetic data', () => {
    const train = matrix(reference.synthetic.X.slice(0, 180));
    const test = matrix(reference.synthetic.X.slice(180));
    const rf = new RandomForest('regression', { n_estimators: 100 }).fit(train, y.slice(0, 180));
    expect(r2(y.slice(180), rf.predict(test))).toBeGreaterThan(0.8);
  });

  it('gives class probabilities between 0 and 1 for classification', () => {
    const rf = new RandomForest('classification', { n_estimators: 30 }).fit(X, ycls);
    const p = rf.predict(X);
    for (const v of p) expect(v >= 0 && v <= 1).toBe(true);
    expect(Array.from(rf.predictRaw(X))).toEqual(Array.from(p));
  });

  it('reads every max_features form', () => {
    for (const mf of ['sqrt', 'log2', 0.5, 2, null] as const) {
      expect(() => new RandomForest('regression', { n_estimators: 2, max_features: mf }).fit(X, y)).not.toThrow();
    }
    expect(() => new RandomForest('regression', { max_features: 'half' as never })).toThrow(/max_features.*half/);
  });

  it('stops between trees when the signal is aborted and reports progress', () => {
    const controller = new AbortController();
    const seen: number[] = [];
    expect(() =>
      new RandomForest('regression', { n_estimators: 50 }).fit(X, y, {
        signal: controller.signal,
        onProgress: (done) => {
          seen.push(done);
          if (done === 3) controller.abort();
        },
      }),
    ).toThrow(/cancelled/);
    expect(seen).toEqual([1, 2, 3]);
  });
});

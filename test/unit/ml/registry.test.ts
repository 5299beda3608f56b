import { describe, expect, it } from 'vitest';
import { createEstimator, loadEstimator } from '../../../src-main/core/ml/registry';
import type { AlgorithmName, Params, Task } from '../../../src-main/core/ml/types';
import { randomMatrix } from './helpers';

const X = randomMatrix(120, 3, 12, 0.05);
const y = Float64Array.from(
  { length: 120 },
  (_, i) => (X.data[i * 3] === X.data[i * 3] ? X.data[i * 3] : 2) + i * 0.01,
);
const ycls = Float64Array.from(y, (v) => (v > 5 ? 1 : 0));

const cases: [AlgorithmName, Task, Params][] = [
  ['gbdt', 'regression', { n_estimators: 20 }],
  ['gbdt', 'classification', { n_estimators: 20, subsample: 0.8 }],
  ['rf', 'regression', { n_estimators: 8 }],
  ['rf', 'classification', { n_estimators: 8, max_depth: 4 }],
  ['tree', 'regression', {}],
  ['tree', 'classification', { max_depth: 3 }],
  ['linear', 'regression', { alpha: 2 }],
  ['logistic', 'classification', { C: 0.5 }],
  ['mlrf', 'regression', { n_estimators: 3, max_depth: 4 }],
  ['mlrf', 'classification', { n_estimators: 3, max_depth: 4 }],
];

describe('registry', () => {
  for (const [algorithm, task, params] of cases) {
    it(`${algorithm} ${task} predicts identically after JSON.stringify and load`, () => {
      const est = createEstimator(algorithm, task, params, 5).fit(X, task === 'classification' ? ycls : y);
      const copy = loadEstimator(JSON.parse(JSON.stringify(est.toJSON())));
      expect(copy.algorithm).toBe(algorithm);
      expect(copy.task).toBe(task);
      const probe = randomMatrix(30, 3, 44, 0.1);
      expect(Array.from(copy.predict(probe))).toEqual(Array.from(est.predict(probe)));
      expect(Array.from(copy.featureImportance())).toEqual(Array.from(est.featureImportance()));
      const imp = est.featureImportance();
      expect(imp.reduce((s, v) => s + v, 0)).toBeCloseTo(1, 9);
    });
  }

  it('rejects unknown algorithms, tasks, parameter names and bad values with RangeError', () => {
    expect(() => createEstimator('xgb' as AlgorithmName, 'regression')).toThrow(/unknown algorithm "xgb"/);
    expect(() => createEstimator('linear', 'classification')).toThrow(RangeError);
    expect(() => createEstimator('rf', 'regression', { n_estimator: 10 })).toThrow(/no parameter "n_estimator"/);
    expect(() => createEstimator('rf', 'regression', { n_estimators: 0 })).toThrow(/n_estimators.*0/);
    expect(() => createEstimator('rf', 'regression', { min_samples_split: 1 })).toThrow(/min_samples_split/);
    expect(() => loadEstimator({ kind: 'svm-regression', version: 1 })).toThrow(/unknown model kind/);
  });

  it('mlrf survives a tiny forest that used to crash its out-of-bag pass', () => {
    const small = randomMatrix(12, 2, 3);
    const t = Float64Array.from({ length: 12 }, (_, i) => i);
    expect(() => createEstimator('mlrf', 'regression', { n_estimators: 2 }).fit(small, t)).not.toThrow();
  });
});

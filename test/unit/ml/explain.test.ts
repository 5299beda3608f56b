import { describe, expect, it } from 'vitest';
import { bruteForceTreeShap } from '../../../src-main/core/ml/explain';
import { DecisionTree } from '../../../src-main/core/ml/forest';
import { createEstimator } from '../../../src-main/core/ml/registry';
import type { AlgorithmName, Params, Task } from '../../../src-main/core/ml/types';
import { randomMatrix } from './helpers';

const X = randomMatrix(300, 5, 21, 0.1);
const y = Float64Array.from({ length: 300 }, (_, i) => {
  const a = X.data[i * 5];
  const b = X.data[i * 5 + 1];
  return (a === a ? a : 3) * 2 + (b === b && b > 5 ? 4 : 0) + Math.sin(i);
});
const ycls = Float64Array.from(y, (v, i) => (v > 10 + Math.cos(i) ? 1 : 0));

const cases: [AlgorithmName, Task, Params][] = [
  ['gbdt', 'regression', { n_estimators: 30, max_depth: 4 }],
  ['gbdt', 'classification', { n_estimators: 30 }],
  ['rf', 'regression', { n_estimators: 10, max_depth: null }],
  ['rf', 'classification', { n_estimators: 10, max_depth: 6 }],
  ['tree', 'regression', { max_depth: 8 }],
  ['linear', 'regression', { alpha: 1 }],
  ['logistic', 'classification', { C: 1 }],
];

describe('contributions', () => {
  for (const [algorithm, task, params] of cases) {
    it(`${algorithm} ${task}: base + sum(values) equals predictRaw on random rows`, () => {
      const est = createEstimator(algorithm, task, params, 7).fit(X, task === 'classification' ? ycls : y);
      const probe = randomMatrix(25, 5, 99, 0.15);
      const raw = est.predictRaw(probe);
      for (let i = 0; i < probe.rows; i++) {
        const row = probe.data.slice(i * 5, i * 5 + 5);
        const { base, values } = est.contributions(row);
        const total = base + values.reduce((s, v) => s + v, 0);
        expect(Math.abs(total - raw[i])).toBeLessThan(1e-9);
      }
    });
  }

  it('TreeSHAP equals brute-force Shapley values on a small tree', () => {
    const small = randomMatrix(120, 4, 3, 0.1);
    const target = Float64Array.from({ length: 120 }, (_, i) => {
      const r = small.data.subarray(i * 4, i * 4 + 4);
      return (r[0] > 5 ? 3 : 0) + (r[1] > 2 ? 1 : -1) * (r[2] === r[2] ? r[2] : 4) + (r[0] > 8 && r[3] < 3 ? 5 : 0);
    });
    const tree = new DecisionTree('regression', { max_depth: 5 }).fit(small, target);
    const probe = randomMatrix(10, 4, 77, 0.2);
    for (let i = 0; i < probe.rows; i++) {
      const row = probe.data.slice(i * 4, i * 4 + 4);
      const exact = bruteForceTreeShap(tree.trees[0], row, 4);
      const fast = tree.contributions(row).values;
      exact.forEach((v, j) => expect(fast[j]).toBeCloseTo(v, 10));
    }
  });

  it('gives a linear model coefficient x (value - mean), and 0 for a missing value', () => {
    const est = createEstimator('linear', 'regression', {}).fit(X, y);
    const row = X.data.slice(0, 5);
    row[2] = NaN;
    const { values } = est.contributions(row);
    expect(values[2]).toBe(0);
  });
});

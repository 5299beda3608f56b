import { describe, expect, it } from 'vitest';
import { DecisionTree } from '../../../src-main/core/ml/forest';
import type { Params } from '../../../src-main/core/ml/types';
import { matrix, reference } from './helpers';

describe('decision tree', () => {
  it('fits a step function exactly', () => {
    const xs = Array.from({ length: 300 }, (_, i) => i / 10);
    const step = (x: number) => (x < 7 ? 1 : x < 19.5 ? 5 : x < 25 ? -2 : 3);
    const X = matrix(xs.map((x) => [x]));
    const y = Float64Array.from(xs, step);
    const tree = new DecisionTree('regression').fit(X, y);
    expect(Array.from(tree.predict(X))).toEqual(Array.from(y));
    // Unseen points between training values land on the right step too.
    expect(Array.from(tree.predict(matrix([[3.33], [12.34], [22.22], [28.88]])))).toEqual([1, 5, -2, 3]);
    expect(tree.trees[0].nodeCount).toBe(7);
  });

  it('matches scikit-learn DecisionTreeRegressor(max_depth=3) on distinct values', () => {
    const { X, y } = reference.synthetic;
    const tree = new DecisionTree('regression', { max_depth: 3 }).fit(matrix(X), Float64Array.from(y));
    const ours = tree.predict(matrix(X));
    reference.tree_depth3.train_pred.forEach((p, i) => expect(ours[i]).toBeCloseTo(p, 10));
    expect(tree.trees[0].nodeCount).toBe(reference.tree_depth3.node_count);
  });

  it('matches scikit-learn with max_depth=4 and min_samples_leaf=10', () => {
    const { X, y } = reference.synthetic;
    const tree = new DecisionTree('regression', { max_depth: 4, min_samples_leaf: 10 }).fit(
      matrix(X),
      Float64Array.from(y),
    );
    const ours = tree.predict(matrix(X));
    reference.tree_depth4_leaf10.train_pred.forEach((p, i) => expect(ours[i]).toBeCloseTo(p, 10));
  });

  it('respects max_depth, min_samples_leaf and min_samples_split', () => {
    const { X, y } = reference.synthetic;
    const leafSizes = (params: Params) => {
      const t = new DecisionTree('regression', params).fit(matrix(X), Float64Array.from(y));
      const tree = t.trees[0];
      const depth = new Int32Array(tree.nodeCount);
      let maxDepth = 0;
      const sizes: number[] = [];
      for (let i = 0; i < tree.nodeCount; i++) {
        if (tree.feature[i] >= 0) {
          depth[tree.left[i]] = depth[tree.right[i]] = depth[i] + 1;
          maxDepth = Math.max(maxDepth, depth[i] + 1);
        } else sizes.push(tree.cover[i]);
      }
      return { maxDepth, sizes, tree };
    };
    expect(leafSizes({ max_depth: 2 }).maxDepth).toBe(2);
    expect(Math.min(...leafSizes({ min_samples_leaf: 17 }).sizes)).toBeGreaterThanOrEqual(17);
    const { tree } = leafSizes({ min_samples_split: 50 });
    for (let i = 0; i < tree.nodeCount; i++) if (tree.feature[i] >= 0) expect(tree.cover[i]).toBeGreaterThanOrEqual(50);
  });

  it('learns where missing values go and remembers it', () => {
    // Missing x behaves like a large x: y is high for x > 5 and for missing.
    const rows: number[][] = [];
    const ys: number[] = [];
    for (let i = 0; i < 100; i++) {
      const x = i % 4 === 0 ? NaN : (i % 10) + 0.5;
      rows.push([x]);
      ys.push(x !== x || x > 5 ? 10 : 0);
    }
    const tree = new DecisionTree('regression', { max_depth: 1 }).fit(matrix(rows), Float64Array.from(ys));
    expect(Array.from(tree.predict(matrix([[NaN], [1], [9]])))).toEqual([10, 0, 10]);
    expect(tree.trees[0].missingLeft[0]).toBe(0);
  });

  it('breaks ties between features that split alike in a seeded random order, as scikit-learn does', () => {
    // Two copies of the same column: every split ties. The lowest-numbered feature no longer always wins.
    const X = matrix(Array.from({ length: 60 }, (_, i) => [i % 17, i % 17]));
    const y = Float64Array.from({ length: 60 }, (_, i) => ((i % 17) * 7) % 5);
    const rootFeatures = [1, 2, 3, 4, 5, 6, 7, 8].map(
      (seed) => new DecisionTree('regression', { max_depth: 2 }, seed).fit(X, y).trees[0].feature[0],
    );
    expect(new Set(rootFeatures)).toEqual(new Set([0, 1]));
    // The same seed picks the same way.
    const again = new DecisionTree('regression', { max_depth: 2 }, 3).fit(X, y).trees[0];
    expect(again.feature[0]).toBe(rootFeatures[2]);
  });

  it('breaks ties by the widest gap in standard deviations, whatever the seed (tie_break widest_gap)', () => {
    // One outlier (row 0) and 39 ordinary rows. Feature 0 puts the outlier just below the others (gap 1 in a
    // spread of about 11), feature 1 far below them (gap 30): both isolate row 0, so their splits tie exactly.
    const rows = Array.from({ length: 40 }, (_, i) => (i === 0 ? [0, -29] : [i, i]));
    const y = Float64Array.from({ length: 40 }, (_, i) => (i === 0 ? 100 : 0));
    const X = matrix(rows);
    const rootFeature = (params: Params, seed: number) =>
      new DecisionTree('regression', { max_depth: 1, ...params }, seed).fit(X, y).trees[0].feature[0];
    const seeds = [1, 2, 3, 4, 5, 6, 7, 8];
    expect(new Set(seeds.map((seed) => rootFeature({}, seed)))).toEqual(new Set([1]));
    expect(new Set(seeds.map((seed) => rootFeature({ tie_break: 'first' }, seed)))).toEqual(new Set([0, 1]));
    // A new row between the outlier and the others on feature 1 follows the wide gap's midpoint (-14).
    const tree = new DecisionTree('regression', { max_depth: 1 }, 1).fit(X, y);
    expect(
      Array.from(
        tree.predict(
          matrix([
            [20, -20],
            [20, -10],
          ]),
        ),
      ),
    ).toEqual([100, 0]);
  });

  it('refuses an unknown tie_break', () => {
    expect(() => new DecisionTree('regression', { tie_break: 'random' as 'first' })).toThrow(
      /tie_break must be one of/,
    );
  });

  it('classifies with probabilities (Gini on 0/1 is squared error)', () => {
    const X = matrix(Array.from({ length: 40 }, (_, i) => [i]));
    const y = Float64Array.from({ length: 40 }, (_, i) => (i >= 20 ? 1 : 0));
    const tree = new DecisionTree('classification', { max_depth: 1 }).fit(X, y);
    expect(Array.from(tree.predict(matrix([[3], [30]])))).toEqual([0, 1]);
  });
});

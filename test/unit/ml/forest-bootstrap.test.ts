import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { binMatrix } from '../../../src-main/core/ml/binning';
import { takeRows, takeValues } from '../../../src-main/core/ml/cv';
import { Rng } from '../../../src-main/core/ml/rng';
import { growTree, predictTreeRow, type GrownTree } from '../../../src-main/core/ml/tree';
import type { Matrix } from '../../../src-main/core/ml/types';
import { reference, tmdbSeedSet } from './helpers';

/**
 * scikit-learn's forest fits each tree with sample_weight = bootstrap counts: rows drawn 0 times are dropped,
 * min_samples_split / min_samples_leaf count distinct rows (n_node_samples), leaf values and impurity are
 * weighted. Our forest passes the same rows once each with w = count, t = count x y; the fixture
 * (fixtures/make-sklearn-bootstrap-tree.py) is DecisionTreeRegressor fitted that way on a seed-set fold.
 */
const fixture = JSON.parse(readFileSync(path.join(__dirname, 'fixtures/sklearn-bootstrap-tree.json'), 'utf8')) as {
  counts: number[];
  cases: {
    max_depth: number | null;
    min_samples_split: number;
    min_samples_leaf: number;
    train_pred: number[];
    leaf_rows: number[];
    leaf_weight: number[];
  }[];
};

const { X, y } = tmdbSeedSet();
const foldIds = (reference.tmdb4 as unknown as { kfold_ids: number[][] }).kfold_ids[0];
const train = Uint32Array.from(foldIds.flatMap((v, i) => (v !== 0 ? [i] : [])));
const Xtr = takeRows(X, train);
const ytr = takeValues(y, train);
const counts = Float64Array.from(fixture.counts);
const inBag = Uint32Array.from(fixture.counts.flatMap((c, i) => (c > 0 ? [i] : [])));

function grow(Xm: Matrix, t: Float64Array, w: Float64Array, rows: Uint32Array, c: (typeof fixture.cases)[0]) {
  // One bin per distinct value (exact CART splits, as scikit-learn).
  return growTree(binMatrix(Xm, 4096), rows, t, w, {
    maxDepth: c.max_depth ?? Infinity,
    minSamplesSplit: c.min_samples_split,
    minSamplesLeaf: c.min_samples_leaf,
    maxFeatures: Xm.cols,
    lambda: 0,
    randomFeatureOrder: true,
    rng: new Rng(1),
  });
}

/** Distinct in-bag rows and their weight per leaf, sorted, for comparing leaves as multisets. */
function leafStats(tree: GrownTree) {
  const rows = new Map<number, number>();
  for (const i of inBag) {
    let node = 0;
    while (tree.feature[node] >= 0) {
      node = Xtr.data[i * Xtr.cols + tree.feature[node]] <= tree.threshold[node] ? tree.left[node] : tree.right[node];
    }
    rows.set(node, (rows.get(node) ?? 0) + 1);
  }
  const leaves = [...rows.keys()];
  return {
    rows: leaves.map((l) => rows.get(l)!).sort((a, b) => a - b),
    weight: leaves.map((l) => tree.cover[l]).sort((a, b) => a - b),
  };
}

describe('forest trees use scikit-learn bootstrap semantics (weights, distinct-row minimums)', () => {
  it('the fixture draws duplicates and leaves rows out, as a bootstrap does', () => {
    expect(counts.length).toBe(Xtr.rows);
    expect(inBag.length).toBeLessThan(0.7 * Xtr.rows);
    expect(Math.max(...fixture.counts)).toBeGreaterThan(3);
  });

  for (const c of fixture.cases) {
    const name = `max_depth ${c.max_depth}, min_samples_split ${c.min_samples_split}, min_samples_leaf ${c.min_samples_leaf}`;
    it(`${name}: same in-bag predictions and leaves as DecisionTreeRegressor with sample_weight`, () => {
      const t = Float64Array.from(counts, (k, i) => k * ytr[i]);
      const tree = grow(Xtr, t, counts, Uint32Array.from(inBag), c);
      let worst = 0;
      for (const i of inBag) worst = Math.max(worst, Math.abs(predictTreeRow(tree, Xtr.data, i * 4) - c.train_pred[i]));
      expect(worst).toBeLessThan(1e-9);
      const stats = leafStats(tree);
      expect(stats.rows).toEqual([...c.leaf_rows].sort((a, b) => a - b));
      expect(Math.min(...stats.rows)).toBe(c.min_samples_leaf);
      stats.weight.forEach((v, k) => expect(v).toBeCloseTo([...c.leaf_weight].sort((a, b) => a - b)[k], 9));
    });
  }

  it('counting each drawn copy as a row (duplicates expanded) would grow other trees', () => {
    const c = fixture.cases.find((k) => k.min_samples_leaf === 3)!;
    const expanded = Uint32Array.from(fixture.counts.flatMap((k, i) => Array<number>(k).fill(i)));
    const Xe = takeRows(Xtr, expanded);
    const ones = new Float64Array(expanded.length).fill(1);
    const tree = grow(
      Xe,
      takeValues(ytr, expanded),
      ones,
      Uint32Array.from(ones, (_, k) => k),
      c,
    );
    let differ = 0;
    for (const i of inBag) if (Math.abs(predictTreeRow(tree, Xtr.data, i * 4) - c.train_pred[i]) > 1e-9) differ++;
    expect(differ).toBeGreaterThan(50);
  });
});

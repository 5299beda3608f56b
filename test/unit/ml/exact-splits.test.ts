import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyBins, binMatrix, computeBinEdges, type BinnedData } from '../../../src-main/core/ml/binning';
import { DecisionTree } from '../../../src-main/core/ml/forest';
import { createEstimator, loadEstimator } from '../../../src-main/core/ml/registry';
import { Rng } from '../../../src-main/core/ml/rng';
import { TreeGrower, type GrowOptions } from '../../../src-main/core/ml/tree';
import type { Matrix, SerializedModel } from '../../../src-main/core/ml/types';
import { randomMatrix } from './helpers';

/** Classic CART by brute force: every feature, every gap between neighbouring distinct values, midpoint cut. */
interface Node {
  feature: number;
  threshold: number;
  left?: Node;
  right?: Node;
  value: number;
}

function bruteForceTree(X: Matrix, y: Float64Array, rows: number[], depth: number): Node {
  const mean = rows.reduce((s, i) => s + y[i], 0) / rows.length;
  const leaf: Node = { feature: -1, threshold: 0, value: mean };
  if (depth === 0 || rows.length < 2) return leaf;
  const total = rows.reduce((s, i) => s + y[i], 0);
  const parent = (total * total) / rows.length;
  let best = { gain: 1e-9, feature: -1, threshold: 0 };
  for (let f = 0; f < X.cols; f++) {
    const sorted = [...rows].sort((a, b) => X.data[a * X.cols + f] - X.data[b * X.cols + f]);
    let left = 0;
    for (let k = 0; k < sorted.length - 1; k++) {
      left += y[sorted[k]];
      const a = X.data[sorted[k] * X.cols + f];
      const b = X.data[sorted[k + 1] * X.cols + f];
      if (a === b) continue;
      const nL = k + 1;
      const nR = sorted.length - nL;
      const gain = (left * left) / nL + ((total - left) * (total - left)) / nR - parent;
      if (gain > best.gain) best = { gain, feature: f, threshold: a / 2 + b / 2 };
    }
  }
  if (best.feature < 0) return leaf;
  const goesLeft = (i: number) => X.data[i * X.cols + best.feature] <= best.threshold;
  return {
    feature: best.feature,
    threshold: best.threshold,
    value: mean,
    left: bruteForceTree(X, y, rows.filter(goesLeft), depth - 1),
    right: bruteForceTree(
      X,
      y,
      rows.filter((i) => !goesLeft(i)),
      depth - 1,
    ),
  };
}

function predictBruteForce(node: Node, row: Float64Array): number {
  while (node.left && node.right) node = row[node.feature] <= node.threshold ? node.left : node.right;
  return node.value;
}

function Matrix1(values: number[]): Matrix {
  return { rows: values.length, cols: 1, data: Float64Array.from(values) };
}

function thresholdsOf(node: Node): number[] {
  return node.left && node.right ? [node.threshold, ...thresholdsOf(node.left), ...thresholdsOf(node.right)] : [];
}

// 1,500 rows x 2 columns on a 0.01 grid: about 780 distinct values per column, far more than 255.
const X = randomMatrix(1500, 2, 31);
const y = Float64Array.from({ length: X.rows }, (_, i) => {
  const a = X.data[i * 2];
  const b = X.data[i * 2 + 1];
  return Math.sin(a) * 3 + (b > 6.123 ? 2 : 0) + a * b * 0.05;
});
const distinct = (f: number) => new Set(Array.from({ length: X.rows }, (_, i) => X.data[i * 2 + f])).size;

describe('exact splits on columns with more than 255 distinct values', () => {
  const expected = bruteForceTree(
    X,
    y,
    Array.from({ length: X.rows }, (_, i) => i),
    3,
  );
  // Probe points between the training values too, where a misplaced threshold would show.
  const probe = randomMatrix(400, 2, 99);
  for (let i = 0; i < probe.data.length; i++) probe.data[i] += 0.004;

  it('uses Uint16 codes and one bin per distinct value', () => {
    expect(distinct(0)).toBeGreaterThan(255);
    const data = binMatrix(X, 4096);
    expect(data.codes).toBeInstanceOf(Uint16Array);
    expect(data.nBins[0]).toBe(distinct(0));
    expect(binMatrix(X, 255).codes).toBeInstanceOf(Uint8Array);
  });

  it('a depth-3 tree with max_bins 4096 finds the brute-force CART splits and predictions', () => {
    const tree = new DecisionTree('regression', { max_depth: 3, max_bins: 4096 }).fit(X, y);
    const ours = tree.trees[0];
    const oursThresholds = Array.from(ours.threshold).filter((_, k) => ours.feature[k] >= 0);
    expect(oursThresholds.sort()).toEqual(thresholdsOf(expected).sort());
    const p = tree.predict(probe);
    for (let i = 0; i < probe.rows; i++) {
      expect(p[i]).toBeCloseTo(predictBruteForce(expected, probe.data.subarray(i * 2, i * 2 + 2)), 10);
    }
  });

  it('fits a 800-step function exactly on 40,000 distinct values (codes above 2^15 in the small-node sort)', () => {
    const n = 40_000;
    const xs = Matrix1(Array.from({ length: n }, (_, i) => (i * 7919) % n));
    const ys = Float64Array.from(xs.data, (x) => Math.floor(x / 50) % 2);
    const tree = new DecisionTree('regression', { max_bins: 65_535 }).fit(xs, ys);
    expect(Array.from(tree.predict(xs))).toEqual(Array.from(ys));
    // Thresholds sit midway (49.5, 99.5, ...): a quarter below stays on the lower step, a quarter above moves up.
    const below = Matrix1(Array.from({ length: 799 }, (_, k) => k * 50 + 49.25));
    const above = Matrix1(Array.from({ length: 799 }, (_, k) => k * 50 + 49.75));
    expect(Array.from(tree.predict(below))).toEqual(Array.from({ length: 799 }, (_, k) => k % 2));
    expect(Array.from(tree.predict(above))).toEqual(Array.from({ length: 799 }, (_, k) => (k + 1) % 2));
  });

  it('a tree by default splits a column of up to 1024 distinct values exactly', () => {
    // 900 distinct values and a step every 7 values: 255 quantile bins cannot put every cut where the steps are.
    const xs = Matrix1(Array.from({ length: 900 }, (_, i) => (i * 337) % 900));
    const ys = Float64Array.from(xs.data, (x) => Math.floor(x / 7) % 2);
    const exact = new DecisionTree('regression').fit(xs, ys);
    expect(Array.from(exact.predict(xs))).toEqual(Array.from(ys));
    const coarse = new DecisionTree('regression', { max_bins: 255 }).fit(xs, ys);
    expect(Array.from(coarse.predict(xs))).not.toEqual(Array.from(ys));
  });

  it('the same tree on 255 quantile bins (the Uint8 path) misses some exact thresholds (what wider codes fix)', () => {
    const tree = new DecisionTree('regression', { max_depth: 3, max_bins: 255 }).fit(X, y);
    const t = tree.trees[0];
    const thresholds = Array.from(t.threshold).filter((_, k) => t.feature[k] >= 0);
    expect(thresholds.sort()).not.toEqual(thresholdsOf(expected).sort());
  });
});

/** Copies binned data with its codes widened to Uint16, the layout max_bins > 255 produces. */
function widened(data: BinnedData): BinnedData {
  return { ...data, codes: Uint16Array.from(data.codes) };
}

function growBoth(data: BinnedData, t: Float64Array, w: Float64Array, opt: GrowOptions) {
  const rows = () => Uint32Array.from({ length: data.rows }, (_, i) => i);
  const narrow = new TreeGrower(data, t, w, { ...opt, rng: new Rng(5) }).grow(rows());
  const wide = new TreeGrower(widened(data), t, w, { ...opt, rng: new Rng(5) }).grow(rows());
  return { narrow, wide };
}

describe('Uint16 codes grow the same trees as Uint8 codes when values are few', () => {
  // 600 rows, 3 columns with at most ~100 distinct values each and 10% missing.
  const Xs = randomMatrix(600, 3, 8, 0.1);
  for (let i = 0; i < Xs.data.length; i++) if (Xs.data[i] === Xs.data[i]) Xs.data[i] = Math.round(Xs.data[i] * 10);
  const data = binMatrix(Xs);
  const t = Float64Array.from({ length: Xs.rows }, (_, i) => (Xs.data[i * 3] === Xs.data[i * 3] ? Xs.data[i * 3] : 50));
  const w = new Float64Array(Xs.rows).fill(1);

  it('starts from Uint8 codes, missing coded one past the last value bin', () => {
    expect(data.codes).toBeInstanceOf(Uint8Array);
    expect(Array.from(data.nBins).every((nb) => nb <= 255)).toBe(true);
    const missingRow = Array.from({ length: Xs.rows }, (_, i) => i).find((i) => Xs.data[i * 3] !== Xs.data[i * 3])!;
    expect(data.codes[missingRow * 3]).toBe(data.nBins[0]);
  });

  for (const [name, opt] of [
    ['deep, all features', { maxDepth: Infinity, minSamplesSplit: 2, minSamplesLeaf: 1, maxFeatures: 3, lambda: 0 }],
    ['depth 4, leaf 5, lambda 1', { maxDepth: 4, minSamplesSplit: 2, minSamplesLeaf: 5, maxFeatures: 3, lambda: 1 }],
    [
      'sampled features, random order',
      { maxDepth: 8, minSamplesSplit: 4, minSamplesLeaf: 1, maxFeatures: 2, lambda: 0, randomFeatureOrder: true },
    ],
  ] as [string, GrowOptions][]) {
    it(name, () => {
      const { narrow, wide } = growBoth(data, t, w, opt);
      expect(narrow.nodeCount).toBeGreaterThan(3);
      for (const key of ['feature', 'threshold', 'missingLeft', 'value', 'left', 'right', 'binThreshold'] as const) {
        expect(Array.from(wide[key])).toEqual(Array.from(narrow[key]));
      }
    });
  }

  it('maps new data with missing values to the same codes in either width', () => {
    const edges = computeBinEdges(Xs);
    const probe = randomMatrix(50, 3, 3, 0.2);
    const codes = applyBins(probe, edges).codes;
    expect(Array.from(codes).filter((c, k) => c === data.nBins[k % 3]).length).toBeGreaterThan(0);
  });
});

describe('saved models', () => {
  it('a model trained on Uint16 codes predicts identically after JSON save and load', () => {
    for (const [algorithm, params] of [
      ['gbdt', { n_estimators: 30, max_bins: 4096 }],
      ['rf', { n_estimators: 10, max_depth: 8, max_bins: 4096 }],
    ] as const) {
      const model = createEstimator(algorithm, 'regression', params, 4).fit(X, y);
      const copy = loadEstimator(JSON.parse(JSON.stringify(model.toJSON())) as SerializedModel);
      expect(Array.from(copy.predict(X))).toEqual(Array.from(model.predict(X)));
    }
  });

  it('artifacts saved by the Uint8-only engine still load and predict exactly as they did', () => {
    const fixture = JSON.parse(readFileSync(path.join(__dirname, 'fixtures/uint8-era-artifacts.json'), 'utf8')) as {
      probe: { rows: number; cols: number; data: (number | null)[] };
      models: { artifact: SerializedModel; predictions: number[] }[];
    };
    const probe: Matrix = {
      rows: fixture.probe.rows,
      cols: fixture.probe.cols,
      data: Float64Array.from(fixture.probe.data, (v) => v ?? NaN),
    };
    expect(fixture.probe.data.some((v) => v === null)).toBe(true);
    expect(fixture.models.map((m) => m.artifact.kind)).toEqual([
      'gbdt-regression',
      'rf-classification',
      'tree-regression',
    ]);
    for (const m of fixture.models) {
      expect(Array.from(loadEstimator(m.artifact).predict(probe))).toEqual(m.predictions);
    }
  });
});

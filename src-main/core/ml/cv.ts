/**
 * Cross-validation folds and the sequential cross-validation loop. Folds are plain, serialisable index lists
 * ({ train, test } as Uint32Array) so the training jobs can ship them to worker threads and run folds in parallel.
 */
import { METRICS, type MetricName } from './metrics';
import { Rng } from './rng';
import type { Estimator, Matrix } from './types';

export interface Fold {
  train: Uint32Array;
  test: Uint32Array;
  /** Which repetition this fold belongs to (repeated k-fold); 0 otherwise. */
  repeat?: number;
}

function checkK(n: number, k: number) {
  if (!Number.isInteger(k) || k < 2) throw new RangeError(`folds must be an integer >= 2, got ${k}`);
  if (k > n) throw new RangeError(`cannot make ${k} folds from ${n} rows`);
}

/** Builds folds from a fold number per row. */
function foldsFromAssignment(assign: Int32Array, k: number, repeat: number): Fold[] {
  const sizes = new Int32Array(k);
  for (const a of assign) sizes[a]++;
  const folds: Fold[] = [];
  for (let f = 0; f < k; f++) {
    const test = new Uint32Array(sizes[f]);
    const train = new Uint32Array(assign.length - sizes[f]);
    let ti = 0;
    let tr = 0;
    for (let i = 0; i < assign.length; i++) {
      if (assign[i] === f) test[ti++] = i;
      else train[tr++] = i;
    }
    folds.push({ train, test, repeat });
  }
  return folds;
}

/** Shuffled k-fold: rows shuffled by the seed, then cut into k folds whose sizes differ by at most one. */
export function kFold(n: number, k: number, seed = 42, repeat = 0): Fold[] {
  checkK(n, k);
  const perm = new Rng(seed).shuffle(Uint32Array.from({ length: n }, (_, i) => i));
  const assign = new Int32Array(n);
  let start = 0;
  for (let f = 0; f < k; f++) {
    const size = Math.floor(n / k) + (f < n % k ? 1 : 0);
    for (let i = start; i < start + size; i++) assign[perm[i]] = f;
    start += size;
  }
  return foldsFromAssignment(assign, k, repeat);
}

/** k-fold repeated with a different shuffle each time (seeds derived from `seed`). */
export function repeatedKFold(n: number, k: number, repeats: number, seed = 42): Fold[] {
  if (!Number.isInteger(repeats) || repeats < 1)
    throw new RangeError(`repeats must be an integer >= 1, got ${repeats}`);
  const rng = new Rng(seed);
  const out: Fold[] = [];
  for (let r = 0; r < repeats; r++) out.push(...kFold(n, k, rng.fork(), r));
  return out;
}

/** Stratified k-fold for 0/1 labels: each class shuffled and dealt round-robin, so folds keep the class ratio. */
export function stratifiedKFold(y: ArrayLike<number>, k: number, seed = 42, repeat = 0): Fold[] {
  checkK(y.length, k);
  const rng = new Rng(seed);
  const assign = new Int32Array(y.length);
  let next = 0;
  for (const cls of [0, 1]) {
    const members: number[] = [];
    for (let i = 0; i < y.length; i++) {
      if (y[i] !== 0 && y[i] !== 1) throw new RangeError(`stratified folds need 0/1 labels; row ${i} is ${y[i]}`);
      if (y[i] === cls) members.push(i);
    }
    const shuffled = rng.shuffle(Uint32Array.from(members));
    // Continue the round-robin where the previous class stopped, so fold sizes stay balanced overall.
    for (const i of shuffled) assign[i] = next++ % k;
  }
  return foldsFromAssignment(assign, k, repeat);
}

/** Repeated stratified k-fold. */
export function repeatedStratifiedKFold(y: ArrayLike<number>, k: number, repeats: number, seed = 42): Fold[] {
  const rng = new Rng(seed);
  const out: Fold[] = [];
  for (let r = 0; r < repeats; r++) out.push(...stratifiedKFold(y, k, rng.fork(), r));
  return out;
}

/**
 * Temporal split: train on rows whose year is before `year`, test on the rest. Rows without a year (NaN) are
 * left out of both sides, since their place in time is unknown.
 */
export function temporalSplit(years: ArrayLike<number>, year: number): Fold[] {
  const train: number[] = [];
  const test: number[] = [];
  for (let i = 0; i < years.length; i++) {
    const y = years[i];
    if (y !== y) continue;
    (y < year ? train : test).push(i);
  }
  if (train.length === 0 || test.length === 0) {
    throw new RangeError(`temporal split at ${year} leaves ${train.length} training and ${test.length} test rows`);
  }
  return [{ train: Uint32Array.from(train), test: Uint32Array.from(test), repeat: 0 }];
}

/** The rows of X listed in `rows`, as a new matrix. */
export function takeRows(X: Matrix, rows: Uint32Array): Matrix {
  const data = new Float64Array(rows.length * X.cols);
  for (let k = 0; k < rows.length; k++) data.set(X.data.subarray(rows[k] * X.cols, (rows[k] + 1) * X.cols), k * X.cols);
  return { rows: rows.length, cols: X.cols, data };
}

export function takeValues(y: Float64Array, rows: Uint32Array): Float64Array {
  const out = new Float64Array(rows.length);
  for (let k = 0; k < rows.length; k++) out[k] = y[rows[k]];
  return out;
}

export interface FoldResult {
  fold: number;
  repeat: number;
  metrics: Record<string, number>;
  trainRows: number;
  testRows: number;
  seconds: number;
  /** Predictions for the fold's test rows, in fold.test order. */
  predictions: Float64Array;
}

/** Trains on one fold's training rows and scores its test rows. Pure: the worker pool can call it directly. */
export function runFold(
  makeEstimator: () => Estimator,
  X: Matrix,
  y: Float64Array,
  fold: Fold,
  metrics: MetricName[],
  index = 0,
): FoldResult {
  const started = performance.now();
  const est = makeEstimator().fit(takeRows(X, fold.train), takeValues(y, fold.train));
  const predictions = est.predict(takeRows(X, fold.test));
  const yTest = takeValues(y, fold.test);
  const scores: Record<string, number> = {};
  for (const m of metrics) {
    const fn = METRICS[m];
    if (!fn) throw new RangeError(`unknown metric ${JSON.stringify(m)}`);
    scores[m] = fn(yTest, predictions);
  }
  return {
    fold: index,
    repeat: fold.repeat ?? 0,
    metrics: scores,
    trainRows: fold.train.length,
    testRows: fold.test.length,
    seconds: (performance.now() - started) / 1000,
    predictions,
  };
}

export interface CrossValidationResult {
  folds: FoldResult[];
  mean: Record<string, number>;
  std: Record<string, number>;
  /** Out-of-fold prediction per row (averaged over repeats); NaN for rows never in a test fold. */
  oof: Float64Array;
  /** How many test folds each row appeared in. */
  oofCount: Uint32Array;
}

/** Combines per-fold results into means, standard deviations and out-of-fold predictions. */
export function summariseFolds(
  n: number,
  folds: Fold[],
  results: FoldResult[],
  metrics: MetricName[],
): CrossValidationResult {
  const oof = new Float64Array(n);
  const oofCount = new Uint32Array(n);
  results.forEach((r, f) => {
    const test = folds[f].test;
    for (let k = 0; k < test.length; k++) {
      oof[test[k]] += r.predictions[k];
      oofCount[test[k]]++;
    }
  });
  for (let i = 0; i < n; i++) oof[i] = oofCount[i] > 0 ? oof[i] / oofCount[i] : NaN;
  const mean: Record<string, number> = {};
  const std: Record<string, number> = {};
  for (const m of metrics) {
    const values = results.map((r) => r.metrics[m]);
    const mu = values.reduce((a, b) => a + b, 0) / values.length;
    mean[m] = mu;
    std[m] = Math.sqrt(values.reduce((a, b) => a + (b - mu) ** 2, 0) / values.length);
  }
  return { folds: results, mean, std, oof, oofCount };
}

/**
 * Cross-validates sequentially: one fresh estimator per fold, trained only on that fold's training rows.
 * Reports progress after each fold.
 */
export function crossValidate(
  makeEstimator: () => Estimator,
  X: Matrix,
  y: Float64Array,
  folds: Fold[],
  metrics: MetricName[],
  onProgress?: (done: number, total: number) => void,
): CrossValidationResult {
  const results: FoldResult[] = [];
  folds.forEach((fold, f) => {
    results.push(runFold(makeEstimator, X, y, fold, metrics, f));
    onProgress?.(f + 1, folds.length);
  });
  return summariseFolds(X.rows, folds, results, metrics);
}

/**
 * Quantile binning: each feature column is mapped once to small integer codes (Uint8Array), so trees search
 * splits over at most 255 bins instead of every distinct value. Code 255 is reserved for missing (NaN).
 * The bin edges are kept so trained trees can store raw-value thresholds and predict on raw data.
 */
import type { Matrix } from './types';

/** The bin code of a missing value, whatever max_bins is. */
export const MISSING_BIN = 255;
/** Histogram slots per feature: 255 value bins + the missing bin. */
export const BIN_SLOTS = 256;

export interface BinnedData {
  rows: number;
  cols: number;
  /** Row-major codes: codes[row * cols + col]. */
  codes: Uint8Array;
  /** Number of value bins per feature (edges.length + 1); the missing bin is extra. */
  nBins: Int32Array;
  /** Upper edges per feature: value v falls in the first bin b with v <= edges[b], else the last bin. */
  edges: Float64Array[];
  /** Smallest and largest value seen in each bin of these rows, so split thresholds can sit mid-gap. */
  binMin: Float64Array[];
  binMax: Float64Array[];
}

/**
 * Computes bin edges per column from the training matrix. With at most maxBins distinct values a column gets
 * one bin per value (edges at midpoints, so trees split exactly where classic CART would); otherwise edges sit
 * at quantiles (midpoints of the surrounding order statistics).
 * @param maxBins value bins per feature, 2..255 (default 255).
 */
export function computeBinEdges(X: Matrix, maxBins = 255): Float64Array[] {
  if (!Number.isInteger(maxBins) || maxBins < 2 || maxBins > 255) {
    throw new RangeError(`max_bins must be an integer in [2, 255], got ${String(maxBins)}`);
  }
  const edges: Float64Array[] = [];
  const column = new Float64Array(X.rows);
  for (let j = 0; j < X.cols; j++) {
    let n = 0;
    for (let i = 0; i < X.rows; i++) {
      const v = X.data[i * X.cols + j];
      if (v === v) column[n++] = v;
    }
    const sorted = column.subarray(0, n).sort();
    const distinct: number[] = [];
    for (let i = 0; i < n; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) distinct.push(sorted[i]);
    if (distinct.length <= maxBins) {
      const e = new Float64Array(Math.max(0, distinct.length - 1));
      for (let b = 0; b < e.length; b++) e[b] = distinct[b] + (distinct[b + 1] - distinct[b]) / 2;
      edges.push(e);
    } else {
      edges.push(tailAwareCuts(sorted, distinct, maxBins));
    }
  }
  return edges;
}

/**
 * Cuts for a column with more distinct values than bins: the few smallest and largest distinct values keep a bin
 * each (outliers live in the tails, where one quantile bin would lump a $1 budget with a $10,000 one), and
 * the rest are cut at quantiles (midpoints of the surrounding order statistics).
 */
function tailAwareCuts(sorted: Float64Array, distinct: number[], maxBins: number): Float64Array {
  const tail = Math.min(TAIL_BINS, Math.floor(maxBins / 8));
  const cuts: number[] = [];
  const push = (cut: number) => {
    if (cuts.length === 0 || cut > cuts[cuts.length - 1]) cuts.push(cut);
  };
  for (let b = 0; b < tail; b++) push(distinct[b] + (distinct[b + 1] - distinct[b]) / 2);
  const lowest = distinct[tail];
  const highest = distinct[distinct.length - 1 - tail];
  let lo = 0;
  while (sorted[lo] < lowest) lo++;
  let hi = sorted.length - 1;
  while (sorted[hi] > highest) hi--;
  const middleBins = maxBins - 2 * tail;
  const n = hi - lo + 1;
  for (let q = 1; q < middleBins; q++) {
    const pos = lo + (q / middleBins) * (n - 1);
    const a = Math.floor(pos);
    const b = Math.ceil(pos);
    push(sorted[a] + (sorted[b] - sorted[a]) / 2);
  }
  for (let b = distinct.length - 1 - tail; b < distinct.length - 1; b++) {
    push(distinct[b] + (distinct[b + 1] - distinct[b]) / 2);
  }
  return Float64Array.from(cuts);
}

/** Distinct extreme values per side that keep their own bin when a column is cut at quantiles. */
const TAIL_BINS = 16;

/** The bin code of one raw value for a feature with these edges (binary search; NaN -> MISSING_BIN). */
export function binValue(edges: Float64Array, v: number): number {
  if (v !== v) return MISSING_BIN;
  let lo = 0;
  let hi = edges.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (v <= edges[mid]) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** Maps a raw matrix to codes with previously computed edges (training or new data alike). */
export function applyBins(X: Matrix, edges: Float64Array[]): BinnedData {
  if (edges.length !== X.cols) throw new RangeError(`expected ${edges.length} columns, got ${X.cols}`);
  const codes = new Uint8Array(X.rows * X.cols);
  const binMin: Float64Array[] = [];
  const binMax: Float64Array[] = [];
  for (let j = 0; j < X.cols; j++) {
    const e = edges[j];
    const lo = new Float64Array(e.length + 1).fill(Infinity);
    const hi = new Float64Array(e.length + 1).fill(-Infinity);
    for (let i = 0; i < X.rows; i++) {
      const v = X.data[i * X.cols + j];
      const c = binValue(e, v);
      codes[i * X.cols + j] = c;
      if (c !== MISSING_BIN) {
        if (v < lo[c]) lo[c] = v;
        if (v > hi[c]) hi[c] = v;
      }
    }
    binMin.push(lo);
    binMax.push(hi);
  }
  const nBins = Int32Array.from(edges, (e) => e.length + 1);
  return { rows: X.rows, cols: X.cols, codes, nBins, edges, binMin, binMax };
}

/** Bins a training matrix in one go. */
export function binMatrix(X: Matrix, maxBins = 255): BinnedData {
  return applyBins(X, computeBinEdges(X, maxBins));
}

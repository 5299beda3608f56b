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
      const cuts: number[] = [];
      for (let q = 1; q < maxBins; q++) {
        // Percentile q/maxBins with 'midpoint' interpolation, as scikit-learn's HistGradientBoosting does.
        const pos = (q / maxBins) * (n - 1);
        const lo = Math.floor(pos);
        const hi = Math.ceil(pos);
        const cut = sorted[lo] + (sorted[hi] - sorted[lo]) / 2;
        if (cuts.length === 0 || cut > cuts[cuts.length - 1]) cuts.push(cut);
      }
      edges.push(Float64Array.from(cuts));
    }
  }
  return edges;
}

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
  for (let j = 0; j < X.cols; j++) {
    const e = edges[j];
    for (let i = 0; i < X.rows; i++) codes[i * X.cols + j] = binValue(e, X.data[i * X.cols + j]);
  }
  const nBins = Int32Array.from(edges, (e) => e.length + 1);
  return { rows: X.rows, cols: X.cols, codes, nBins, edges };
}

/** Bins a training matrix in one go. */
export function binMatrix(X: Matrix, maxBins = 255): BinnedData {
  return applyBins(X, computeBinEdges(X, maxBins));
}

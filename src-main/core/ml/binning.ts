/**
 * Binning: each feature column is mapped once to small integer codes, so trees search splits over bins instead
 * of raw values. A column with at most max_bins distinct values gets one bin per value (so trees split exactly
 * where classic CART would); a column with more is cut at quantiles. Codes are Uint8 when every feature has at
 * most 255 value bins (the fast path) and Uint16 otherwise (max_bins up to 65,535).
 * The missing value (NaN) of feature f has code nBins[f], one past its last value bin, so each feature's
 * histogram is nBins[f] + 1 slots long with missing in the last slot.
 * The bin edges are kept so trained trees can store raw-value thresholds and predict on raw data.
 */
import type { Matrix } from './types';

/** Largest max_bins whose codes (value bins + the missing code) fit in a Uint8Array. */
export const UINT8_MAX_BINS = 255;
/** Largest max_bins accepted: value bins + the missing code must fit in a Uint16Array. */
export const MAX_BINS = 65_535;

export interface BinnedData {
  rows: number;
  cols: number;
  /** Row-major codes: codes[row * cols + col]; Uint8 when every feature has at most 255 value bins. */
  codes: Uint8Array | Uint16Array;
  /** Number of value bins per feature (edges.length + 1); it is also the feature's missing code. */
  nBins: Int32Array;
  /** Histogram slot where each feature starts (features are laid end to end, nBins[f] + 1 slots each). */
  slotOffset: Int32Array;
  /** Histogram slots over all features. */
  totalSlots: number;
  /** Upper edges per feature: value v falls in the first bin b with v <= edges[b], else the last bin. */
  edges: Float64Array[];
  /** Smallest and largest value seen in each bin of these rows, so split thresholds can sit mid-gap. */
  binMin: Float64Array[];
  binMax: Float64Array[];
  /** Standard deviation of each feature's non-missing values in these rows (0 when constant or all missing). */
  spread: Float64Array;
}

/**
 * The default max_bins: 255 quantile bins, the Uint8 fast path. Exact splits (one bin per distinct value, as
 * scikit-learn's and XGBoost's exact trees) are one parameter away: max_bins 4096 is exact for every raw column
 * of the TMDB 5000 films but popularity over the whole set (4,802 distinct). Measured before choosing: on the
 * revenue seed's set (3,228 films, popularity all distinct, 5-fold x 3) exact splits lift boosting's R^2 from
 * 0.5740 to 0.5753 at scikit-learn's settings, not at all with reg_lambda 1 (0.5788 / 0.5787) nor for the forest
 * (0.5690 / 0.5688), for about a third more boosting and a fifth more forest fit time; on the greenlight set
 * (shipped boosting settings, 5-fold x 3) they score lower (revenue R^2 0.5207 against 0.5226, hit AUC 0.7016
 * both) and take about twice as long.
 */
export const DEFAULT_MAX_BINS = 255;

/**
 * Forests' and single trees' default max_bins. Their deep trees keep splitting small nodes, where 255 quantile
 * bins lump neighbouring values that an exact tree would part. Chosen on the revenue seed's set over 40 shuffled
 * 5-fold splits other than the anchor's (100 trees of depth 10, learner seed 0): R^2 0.5691 with 255 bins (0.0015
 * below scikit-learn's forest on the same folds), 0.5703 with 1024 (parity) and 0.5708 with 4096, for about 5% and
 * 25% more time on the seed's 240-fit grid. Boosting keeps 255 (above: exact bins scored lower on the greenlight set).
 */
export const DEFAULT_FOREST_MAX_BINS = 1024;

/** max_bins that splits exactly on every column with up to this many distinct values (the bench's "exact"). */
export const EXACT_MAX_BINS = 4096;

/**
 * Computes bin edges per column from the training matrix. With at most maxBins distinct values a column gets
 * one bin per value (edges at midpoints, so trees split exactly where classic CART would); otherwise edges sit
 * at quantiles (midpoints of the surrounding order statistics).
 * @param maxBins value bins per feature, 2..65,535 (default DEFAULT_MAX_BINS).
 */
export function computeBinEdges(X: Matrix, maxBins = DEFAULT_MAX_BINS): Float64Array[] {
  if (!Number.isInteger(maxBins) || maxBins < 2 || maxBins > MAX_BINS) {
    throw new RangeError(`max_bins must be an integer in [2, ${MAX_BINS}], got ${String(maxBins)}`);
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

/** The bin code of one raw value for a feature with these edges (binary search; NaN -> edges.length + 1). */
export function binValue(edges: Float64Array, v: number): number {
  if (v !== v) return edges.length + 1;
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
  const nBins = Int32Array.from(edges, (e) => e.length + 1);
  // The largest code is a missing value's, nBins[f]; Uint8 holds it while every feature has <= 255 value bins.
  const wide = nBins.some((nb) => nb > UINT8_MAX_BINS);
  const codes = wide ? new Uint16Array(X.rows * X.cols) : new Uint8Array(X.rows * X.cols);
  const binMin: Float64Array[] = [];
  const binMax: Float64Array[] = [];
  const slotOffset = new Int32Array(X.cols);
  const spread = new Float64Array(X.cols);
  let totalSlots = 0;
  for (let j = 0; j < X.cols; j++) {
    const e = edges[j];
    const missing = nBins[j];
    slotOffset[j] = totalSlots;
    totalSlots += missing + 1;
    const lo = new Float64Array(missing).fill(Infinity);
    const hi = new Float64Array(missing).fill(-Infinity);
    // Welford's running variance: one pass, stable for large values such as budgets in dollars.
    let seen = 0;
    let mean = 0;
    let squares = 0;
    for (let i = 0; i < X.rows; i++) {
      const v = X.data[i * X.cols + j];
      const c = binValue(e, v);
      codes[i * X.cols + j] = c;
      if (c !== missing) {
        if (v < lo[c]) lo[c] = v;
        if (v > hi[c]) hi[c] = v;
        seen++;
        const delta = v - mean;
        mean += delta / seen;
        squares += delta * (v - mean);
      }
    }
    binMin.push(lo);
    binMax.push(hi);
    spread[j] = seen > 1 ? Math.sqrt(squares / seen) : 0;
  }
  return { rows: X.rows, cols: X.cols, codes, nBins, slotOffset, totalSlots, edges, binMin, binMax, spread };
}

/** Bins a training matrix in one go. */
export function binMatrix(X: Matrix, maxBins = DEFAULT_MAX_BINS): BinnedData {
  return applyBins(X, computeBinEdges(X, maxBins));
}

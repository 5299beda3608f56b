/**
 * Split-conformal prediction intervals from out-of-fold absolute residuals.
 *
 * The revenue model keeps |y - y_hat| on the raw scale (log1p dollars) for every training film, each predicted
 * by a model that did not see it. For a level a, the half-width is the ceil((n + 1) a)-th smallest residual:
 * then a new film exchangeable with the training films falls inside [y_hat - q, y_hat + q] with probability
 * at least a (and at most a + 1/(n + 1)). The interval is symmetric on the log scale, so in dollars it is
 * wider above the prediction than below, as revenue is.
 */

/** Sorted copy of the residuals, finite and non-negative ones only (computed once per model, then cached). */
export function sortResiduals(absResiduals: readonly number[]): Float64Array {
  const kept = absResiduals.filter((r) => Number.isFinite(r) && r >= 0);
  return Float64Array.from(kept).sort();
}

/**
 * The conformal half-width for `level` (0 < level < 1) from residuals sorted ascending. When there are too few
 * residuals to promise the level (ceil((n+1) a) > n) the interval is unbounded: Infinity, never a smaller lie.
 */
export function conformalHalfWidth(sorted: Float64Array, level: number): number {
  if (!(level > 0 && level < 1)) throw new RangeError(`interval level must be between 0 and 1, got ${level}`);
  const n = sorted.length;
  const rank = Math.ceil((n + 1) * level);
  if (n === 0 || rank > n) return Infinity;
  return sorted[rank - 1];
}

/** The interval in dollars around a raw (log1p) prediction; the lower end never goes below 0. */
export function dollarInterval(raw: number, halfWidth: number): { low: number; high: number } {
  return {
    low: Math.max(0, Math.expm1(raw - halfWidth)),
    high: Math.expm1(raw + halfWidth),
  };
}

/**
 * Conformal half-widths for a prediction. Plain split conformal uses one quantile for every film; but revenue
 * residuals are larger for small films than for blockbusters, so one quantile over-covers big films and
 * under-covers small ones. When the out-of-fold predictions are known, the residuals are split into bins by
 * predicted value (Mondrian conformal): each bin gets its own quantile, and coverage holds within each bin,
 * so it holds for a small film as well as for a tentpole.
 */
export interface IntervalModel {
  kind: 'plain' | 'mondrian';
  /** Upper edges (raw prediction) of every bin but the last; empty for plain. */
  edges: number[];
  /** Residuals of each bin, sorted ascending. */
  bins: Float64Array[];
  size: number;
}

/** At least this many residuals per bin, so even a 95% quantile rests on enough films. */
export const MIN_BIN_SIZE = 250;
export const MAX_BINS = 5;

export function buildIntervalModel(
  absResiduals: readonly number[],
  predicted?: readonly number[] | null,
): IntervalModel {
  const pairs: [number, number][] = [];
  const usePredicted = predicted != null && predicted.length === absResiduals.length;
  absResiduals.forEach((r, i) => {
    const p = usePredicted ? predicted[i] : 0;
    if (Number.isFinite(r) && r >= 0 && Number.isFinite(p)) pairs.push([p, r]);
  });
  const binCount = usePredicted ? Math.min(MAX_BINS, Math.floor(pairs.length / MIN_BIN_SIZE)) : 1;
  if (binCount <= 1) {
    return { kind: 'plain', edges: [], bins: [sortResiduals(pairs.map((p) => p[1]))], size: pairs.length };
  }
  pairs.sort((a, b) => a[0] - b[0]);
  const edges: number[] = [];
  const bins: Float64Array[] = [];
  for (let b = 0; b < binCount; b++) {
    const from = Math.floor((b * pairs.length) / binCount);
    const to = Math.floor(((b + 1) * pairs.length) / binCount);
    bins.push(Float64Array.from(pairs.slice(from, to), (p) => p[1]).sort());
    if (b < binCount - 1) edges.push(pairs[to - 1][0]);
  }
  return { kind: 'mondrian', edges, bins, size: pairs.length };
}

/** The bin a raw prediction falls in. */
export function binOf(model: IntervalModel, raw: number): number {
  let b = 0;
  while (b < model.edges.length && raw > model.edges[b]) b++;
  return b;
}

/** The half-width at `level` for a film predicted `raw` (0 when the model kept no residuals). */
export function halfWidthFor(model: IntervalModel, raw: number, level: number): number {
  if (model.size === 0) return 0;
  return conformalHalfWidth(model.bins[binOf(model, raw)], level);
}

/**
 * How often intervals built from the other folds cover held-out out-of-fold residuals: the films are split in
 * `folds` folds (after a seeded shuffle); each fold is checked against an interval model built from the rest.
 * Returns the pooled coverage, the mean half-width (log scale), and the coverage per bin of predicted value
 * (quintiles), so a method that over-covers blockbusters and under-covers small films shows it.
 */
export function crossCheckCoverage(
  absResiduals: readonly number[],
  level: number,
  folds = 5,
  seed = 1,
  predicted?: readonly number[] | null,
): { coverage: number; meanHalfWidth: number; n: number; byPredictedQuintile: number[] } {
  const n = absResiduals.length;
  const order = shuffledIndices(n, seed);
  const hits = new Uint8Array(n);
  let widthSum = 0;
  for (let f = 0; f < folds; f++) {
    const rest = order.filter((_, position) => position % folds !== f);
    const held = order.filter((_, position) => position % folds === f);
    const model = buildIntervalModel(
      rest.map((i) => absResiduals[i]),
      predicted ? rest.map((i) => predicted[i]) : null,
    );
    for (const i of held) {
      const q = halfWidthFor(model, predicted ? predicted[i] : 0, level);
      if (absResiduals[i] <= q) hits[i] = 1;
      widthSum += q;
    }
  }
  const quintiles: number[] = [];
  if (predicted) {
    const byPrediction = [...Array(n).keys()].sort((a, b) => predicted[a] - predicted[b]);
    for (let g = 0; g < 5; g++) {
      const part = byPrediction.slice(Math.floor((g * n) / 5), Math.floor(((g + 1) * n) / 5));
      quintiles.push(part.reduce((sum, i) => sum + hits[i], 0) / part.length);
    }
  }
  return {
    coverage: hits.reduce((a, b) => a + b, 0) / n,
    meanHalfWidth: widthSum / n,
    n,
    byPredictedQuintile: quintiles,
  };
}

/** A seeded Fisher-Yates permutation (mulberry32), so coverage checks are reproducible. */
export function shuffledIndices(n: number, seed: number): number[] {
  let state = seed >>> 0;
  const random = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const order = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  return order;
}

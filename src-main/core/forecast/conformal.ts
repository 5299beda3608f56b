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
 * How often conformal intervals built from the other folds cover held-out residuals: the residuals are split
 * in `folds` interleaved folds (after a seeded shuffle), each fold's coverage is measured against the
 * half-width computed from the rest. Returns the pooled coverage and the mean half-width (log scale).
 */
export function crossCheckCoverage(
  absResiduals: readonly number[],
  level: number,
  folds = 5,
  seed = 1,
): { coverage: number; meanHalfWidth: number; n: number } {
  const values = absResiduals.filter((r) => Number.isFinite(r) && r >= 0);
  const order = shuffledIndices(values.length, seed);
  let covered = 0;
  let widthSum = 0;
  for (let f = 0; f < folds; f++) {
    const rest: number[] = [];
    const held: number[] = [];
    order.forEach((idx, position) => (position % folds === f ? held : rest).push(values[idx]));
    const q = conformalHalfWidth(sortResiduals(rest), level);
    for (const r of held) if (r <= q) covered++;
    widthSum += q * held.length;
  }
  return { coverage: covered / values.length, meanHalfWidth: widthSum / values.length, n: values.length };
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

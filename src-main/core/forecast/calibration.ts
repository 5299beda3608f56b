/**
 * Checking that hit probabilities mean what they say: among films given about 30%, about 30% should be hits.
 * The hit model's own calibration map (fitted by training on out-of-fold scores) turns raw scores into
 * probabilities; these helpers measure reliability. Tests and the bench refit that same map
 * (core/models/calibration.ts `fitPlatt`) on some folds to check it on folds it never saw.
 */

export interface ReliabilityBin {
  /** Mean predicted probability in the bin. */
  predicted: number;
  /** Observed share of hits in the bin. */
  observed: number;
  count: number;
}

/** Reliability bins of equal width over [0, 1] (empty bins left out). */
export function reliabilityBins(
  probabilities: ArrayLike<number>,
  labels: ArrayLike<number>,
  bins = 10,
): ReliabilityBin[] {
  const sumP = new Float64Array(bins);
  const sumY = new Float64Array(bins);
  const count = new Float64Array(bins);
  for (let i = 0; i < probabilities.length; i++) {
    const b = Math.min(bins - 1, Math.max(0, Math.floor(probabilities[i] * bins)));
    sumP[b] += probabilities[i];
    sumY[b] += labels[i];
    count[b]++;
  }
  const out: ReliabilityBin[] = [];
  for (let b = 0; b < bins; b++) {
    if (count[b] > 0) out.push({ predicted: sumP[b] / count[b], observed: sumY[b] / count[b], count: count[b] });
  }
  return out;
}

/** Expected calibration error: the count-weighted mean gap between predicted and observed per bin. */
export function expectedCalibrationError(
  probabilities: ArrayLike<number>,
  labels: ArrayLike<number>,
  bins = 10,
): number {
  const total = probabilities.length;
  if (total === 0) return 0;
  return reliabilityBins(probabilities, labels, bins).reduce(
    (sum, bin) => sum + (bin.count / total) * Math.abs(bin.predicted - bin.observed),
    0,
  );
}

export function sigmoid(z: number): number {
  return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
}

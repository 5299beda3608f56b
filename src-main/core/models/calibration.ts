/**
 * Calibration of hit probabilities: Platt scaling (p = sigmoid(a x score + b)) fitted on out-of-fold raw
 * scores, so a stated 70% means about 70% of such films were hits on films the model had not seen.
 */

export interface PlattMap {
  method: 'platt';
  a: number;
  b: number;
}

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

/**
 * Fits Platt's map by Newton's method on the log loss, with Platt's smoothed targets
 * ((positives + 1) / (positives + 2) and 1 / (negatives + 2)) so that few or separable points stay finite.
 */
export function fitPlatt(scores: ArrayLike<number>, labels: ArrayLike<number>): PlattMap {
  const n = scores.length;
  let positives = 0;
  for (let i = 0; i < n; i++) positives += labels[i] ? 1 : 0;
  const hi = (positives + 1) / (positives + 2);
  const lo = 1 / (n - positives + 2);
  let a = 1;
  let b = 0;
  for (let iter = 0; iter < 100; iter++) {
    let ga = 0;
    let gb = 0;
    let haa = 1e-9;
    let hab = 0;
    let hbb = 1e-9;
    for (let i = 0; i < n; i++) {
      const t = labels[i] ? hi : lo;
      const p = sigmoid(a * scores[i] + b);
      const d = p - t;
      const w = p * (1 - p);
      ga += d * scores[i];
      gb += d;
      haa += w * scores[i] * scores[i];
      hab += w * scores[i];
      hbb += w;
    }
    const det = haa * hbb - hab * hab;
    if (Math.abs(det) < 1e-12) break;
    const da = (hbb * ga - hab * gb) / det;
    const db = (haa * gb - hab * ga) / det;
    a -= da;
    b -= db;
    if (Math.abs(da) < 1e-10 && Math.abs(db) < 1e-10) break;
  }
  return { method: 'platt', a, b };
}

export function applyCalibration(map: PlattMap | undefined, rawScore: number): number {
  if (!map) return sigmoid(rawScore);
  return sigmoid(map.a * rawScore + map.b);
}

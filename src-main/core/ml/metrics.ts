/**
 * Evaluation metrics over typed arrays. Regression metrics work on whatever scale they are given (the log scale
 * for revenue); maeDollars undoes log1p first. Classification metrics take 0/1 labels and P(y = 1).
 */
import { Rng } from './rng';
import type { Estimator, Matrix } from './types';

function checkLengths(a: ArrayLike<number>, b: ArrayLike<number>) {
  if (a.length !== b.length) throw new RangeError(`length mismatch: ${a.length} labels, ${b.length} predictions`);
  if (a.length === 0) throw new RangeError('metrics need at least one row');
}

export function r2(y: ArrayLike<number>, p: ArrayLike<number>): number {
  checkLengths(y, p);
  let mean = 0;
  for (let i = 0; i < y.length; i++) mean += y[i];
  mean /= y.length;
  let ssRes = 0;
  let ssTot = 0;
  for (let i = 0; i < y.length; i++) {
    ssRes += (y[i] - p[i]) ** 2;
    ssTot += (y[i] - mean) ** 2;
  }
  // As scikit-learn: a constant target scores 1 when predicted exactly, else 0.
  if (ssTot === 0) return ssRes === 0 ? 1 : 0;
  return 1 - ssRes / ssTot;
}

export function rmse(y: ArrayLike<number>, p: ArrayLike<number>): number {
  checkLengths(y, p);
  let s = 0;
  for (let i = 0; i < y.length; i++) s += (y[i] - p[i]) ** 2;
  return Math.sqrt(s / y.length);
}

export function mae(y: ArrayLike<number>, p: ArrayLike<number>): number {
  checkLengths(y, p);
  let s = 0;
  for (let i = 0; i < y.length; i++) s += Math.abs(y[i] - p[i]);
  return s / y.length;
}

/** Mean absolute error in dollars for targets and predictions on the log1p scale. */
export function maeDollars(yLog: ArrayLike<number>, pLog: ArrayLike<number>): number {
  checkLengths(yLog, pLog);
  let s = 0;
  for (let i = 0; i < yLog.length; i++) s += Math.abs(Math.expm1(yLog[i]) - Math.expm1(pLog[i]));
  return s / yLog.length;
}

/** Row order by descending score (ties keep input order). */
function orderByScoreDesc(p: ArrayLike<number>): Uint32Array {
  const order = Uint32Array.from({ length: p.length }, (_, i) => i);
  return order.sort((a, b) => p[b] - p[a] || a - b);
}

function countPositives(y: ArrayLike<number>): number {
  let pos = 0;
  for (let i = 0; i < y.length; i++) {
    if (y[i] !== 0 && y[i] !== 1) throw new RangeError(`label ${i} is ${y[i]}: expected 0 or 1`);
    pos += y[i];
  }
  return pos;
}

/** Area under the ROC curve; tied scores count one half (the trapezoid), as scikit-learn's roc_auc_score. */
export function auc(y: ArrayLike<number>, p: ArrayLike<number>): number {
  checkLengths(y, p);
  const pos = countPositives(y);
  const neg = y.length - pos;
  if (pos === 0 || neg === 0) throw new RangeError('AUC needs both classes among the labels');
  const order = orderByScoreDesc(p);
  let area = 0;
  let tp = 0;
  let k = 0;
  while (k < order.length) {
    // Take every row tied at this score together.
    const s = p[order[k]];
    let dtp = 0;
    let dfp = 0;
    while (k < order.length && p[order[k]] === s) {
      if (y[order[k]] === 1) dtp++;
      else dfp++;
      k++;
    }
    area += dfp * (tp + dtp / 2);
    tp += dtp;
  }
  return area / (pos * neg);
}

/** ROC points (false positive rate, true positive rate, threshold), one per distinct score, from (0, 0). */
export function rocPoints(
  y: ArrayLike<number>,
  p: ArrayLike<number>,
): { fpr: number; tpr: number; threshold: number }[] {
  checkLengths(y, p);
  const pos = countPositives(y);
  const neg = y.length - pos;
  const order = orderByScoreDesc(p);
  const points = [{ fpr: 0, tpr: 0, threshold: Infinity }];
  let tp = 0;
  let fp = 0;
  for (let k = 0; k < order.length; k++) {
    if (y[order[k]] === 1) tp++;
    else fp++;
    if (k === order.length - 1 || p[order[k + 1]] !== p[order[k]]) {
      points.push({ fpr: neg ? fp / neg : 0, tpr: pos ? tp / pos : 0, threshold: p[order[k]] });
    }
  }
  return points;
}

export interface Confusion {
  tp: number;
  fp: number;
  tn: number;
  fn: number;
}

/** Confusion counts with "positive" meaning probability >= threshold (default 0.5). */
export function confusionMatrix(y: ArrayLike<number>, p: ArrayLike<number>, threshold = 0.5): Confusion {
  checkLengths(y, p);
  countPositives(y);
  const c = { tp: 0, fp: 0, tn: 0, fn: 0 };
  for (let i = 0; i < y.length; i++) {
    const predicted = p[i] >= threshold;
    if (predicted && y[i] === 1) c.tp++;
    else if (predicted) c.fp++;
    else if (y[i] === 1) c.fn++;
    else c.tn++;
  }
  return c;
}

/** Precision, 0 when nothing is predicted positive (scikit-learn's zero_division=0). */
export function precision(y: ArrayLike<number>, p: ArrayLike<number>, threshold = 0.5): number {
  const c = confusionMatrix(y, p, threshold);
  return c.tp + c.fp === 0 ? 0 : c.tp / (c.tp + c.fp);
}

export function recall(y: ArrayLike<number>, p: ArrayLike<number>, threshold = 0.5): number {
  const c = confusionMatrix(y, p, threshold);
  return c.tp + c.fn === 0 ? 0 : c.tp / (c.tp + c.fn);
}

export function f1(y: ArrayLike<number>, p: ArrayLike<number>, threshold = 0.5): number {
  const c = confusionMatrix(y, p, threshold);
  return c.tp === 0 ? 0 : (2 * c.tp) / (2 * c.tp + c.fp + c.fn);
}

/** Mean log loss, probabilities clipped to [1e-15, 1 - 1e-15]. */
export function logloss(y: ArrayLike<number>, p: ArrayLike<number>): number {
  checkLengths(y, p);
  let s = 0;
  for (let i = 0; i < y.length; i++) {
    const q = Math.min(1 - 1e-15, Math.max(1e-15, p[i]));
    s -= y[i] === 1 ? Math.log(q) : Math.log(1 - q);
  }
  return s / y.length;
}

export function brier(y: ArrayLike<number>, p: ArrayLike<number>): number {
  checkLengths(y, p);
  let s = 0;
  for (let i = 0; i < y.length; i++) s += (p[i] - y[i]) ** 2;
  return s / y.length;
}

export type MetricName =
  'r2' | 'rmse' | 'mae' | 'mae_dollars' | 'auc' | 'f1' | 'precision' | 'recall' | 'logloss' | 'brier';

export const METRICS: Record<MetricName, (y: ArrayLike<number>, p: ArrayLike<number>) => number> = {
  r2,
  rmse,
  mae,
  mae_dollars: maeDollars,
  auc,
  f1: (y, p) => f1(y, p),
  precision: (y, p) => precision(y, p),
  recall: (y, p) => recall(y, p),
  logloss,
  brier,
};

/** Whether larger values of a metric are better (used to pick search winners and importance signs). */
export function higherIsBetter(metric: MetricName): boolean {
  return metric === 'r2' || metric === 'auc' || metric === 'f1' || metric === 'precision' || metric === 'recall';
}

export function metricByName(name: string): (y: ArrayLike<number>, p: ArrayLike<number>) => number {
  const m = METRICS[name as MetricName];
  if (!m) throw new RangeError(`unknown metric ${JSON.stringify(name)}; known: ${Object.keys(METRICS).join(', ')}`);
  return m;
}

/**
 * Permutation importance: how much the metric worsens when one column is shuffled (mean over `repeats`
 * shuffles, each seeded). Positive means the model relies on the feature.
 */
export function permutationImportance(
  estimator: Pick<Estimator, 'predict'>,
  X: Matrix,
  y: Float64Array,
  metric: MetricName,
  seed = 42,
  repeats = 5,
): Float64Array {
  const score = METRICS[metric];
  if (!score) throw new RangeError(`unknown metric ${JSON.stringify(metric)}`);
  const sign = higherIsBetter(metric) ? 1 : -1;
  const baseline = score(y, estimator.predict(X));
  const rng = new Rng(seed);
  const shuffled: Matrix = { rows: X.rows, cols: X.cols, data: Float64Array.from(X.data) };
  const perm = new Uint32Array(X.rows);
  const out = new Float64Array(X.cols);
  for (let j = 0; j < X.cols; j++) {
    let drop = 0;
    for (let r = 0; r < repeats; r++) {
      for (let i = 0; i < X.rows; i++) perm[i] = i;
      rng.shuffle(perm);
      for (let i = 0; i < X.rows; i++) shuffled.data[i * X.cols + j] = X.data[perm[i] * X.cols + j];
      drop += sign * (baseline - score(y, estimator.predict(shuffled)));
    }
    for (let i = 0; i < X.rows; i++) shuffled.data[i * X.cols + j] = X.data[i * X.cols + j];
    out[j] = drop / repeats;
  }
  return out;
}

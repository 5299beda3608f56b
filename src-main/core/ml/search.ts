/**
 * Hyperparameter candidates from a JSON search space (an object of lists, scikit-learn's names, null allowed:
 * {"n_estimators":[10,50],"max_depth":[5,null]}) and a sequential search that keeps the whole CV table.
 */
import { crossValidate, type CrossValidationResult, type Fold } from './cv';
import { higherIsBetter, type MetricName } from './metrics';
import { Rng } from './rng';
import type { Estimator, Matrix, Params } from './types';

export type SearchSpace = Record<string, unknown[]>;

function checkSpace(space: SearchSpace): string[] {
  if (space === null || typeof space !== 'object' || Array.isArray(space)) {
    throw new RangeError(`a search space must be an object of lists, got ${JSON.stringify(space)}`);
  }
  const keys = Object.keys(space);
  for (const k of keys) {
    if (!Array.isArray(space[k]) || space[k].length === 0) {
      throw new RangeError(`search space entry ${k} must be a non-empty list, got ${JSON.stringify(space[k])}`);
    }
  }
  return keys;
}

function candidateAt(space: SearchSpace, keys: string[], index: number): Params {
  const params: Params = {};
  for (let k = keys.length - 1; k >= 0; k--) {
    const list = space[keys[k]];
    params[keys[k]] = list[index % list.length] as Params[string];
    index = Math.floor(index / list.length);
  }
  // Keep the space's key order in the output object.
  return Object.fromEntries(keys.map((k) => [k, params[k]]));
}

function gridSize(space: SearchSpace, keys: string[]): number {
  return keys.reduce((n, k) => n * space[k].length, 1);
}

/** Every combination, the last key varying fastest. An empty space gives one candidate: {}. */
export function gridCandidates(space: SearchSpace): Params[] {
  const keys = checkSpace(space);
  const total = gridSize(space, keys);
  if (total > 100_000) throw new RangeError(`the grid has ${total} candidates; use random search`);
  return Array.from({ length: total }, (_, i) => candidateAt(space, keys, i));
}

/** n distinct combinations drawn at random (seeded); the whole grid when it has n or fewer. */
export function randomCandidates(space: SearchSpace, n: number, seed = 42): Params[] {
  const keys = checkSpace(space);
  if (!Number.isInteger(n) || n < 1)
    throw new RangeError(`the number of candidates must be a positive integer, got ${n}`);
  const total = gridSize(space, keys);
  if (total <= n) return Array.from({ length: total }, (_, i) => candidateAt(space, keys, i));
  const rng = new Rng(seed);
  const chosen = new Set<number>();
  const out: Params[] = [];
  while (out.length < n) {
    const i = Math.floor(rng.next() * total);
    if (chosen.has(i)) continue;
    chosen.add(i);
    out.push(candidateAt(space, keys, i));
  }
  return out;
}

export interface SearchRow {
  params: Params;
  cv: CrossValidationResult;
  score: number;
}

export interface SearchResult {
  rows: SearchRow[];
  best: SearchRow;
  metric: MetricName;
}

/** Picks the best row by a metric's mean (ties: the earlier candidate). */
export function pickBest(rows: SearchRow[], metric: MetricName): SearchRow {
  if (rows.length === 0) throw new RangeError('no candidates to choose from');
  const up = higherIsBetter(metric);
  return rows.reduce((best, r) => ((up ? r.score > best.score : r.score < best.score) ? r : best));
}

/** Cross-validates every candidate in turn (the worker-pool version spreads the same work over threads). */
export function searchCV(
  makeEstimator: (params: Params) => Estimator,
  candidates: Params[],
  X: Matrix,
  y: Float64Array,
  folds: Fold[],
  metric: MetricName,
  extraMetrics: MetricName[] = [],
  onProgress?: (done: number, total: number) => void,
): SearchResult {
  const metrics = [metric, ...extraMetrics.filter((m) => m !== metric)];
  const total = candidates.length * folds.length;
  const rows = candidates.map((params, c) => {
    const cv = crossValidate(
      () => makeEstimator(params),
      X,
      y,
      folds,
      metrics,
      (done) => onProgress?.(c * folds.length + done, total),
    );
    return { params, cv, score: cv.mean[metric] };
  });
  return { rows, best: pickBest(rows, metric), metric };
}

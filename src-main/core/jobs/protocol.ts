/**
 * The messages between the training pool (main thread) and its worker threads. Data travels once per job as
 * SharedArrayBuffers (no copy); tasks then name the dataset by id and carry only row indices and params.
 */
import type { AlgorithmName, Params, SerializedModel, Task } from '../ml/types';

/** A job's feature matrix (row-major, NaN = missing) and targets, shared with every worker. */
export interface SharedDataset {
  id: string;
  rows: number;
  cols: number;
  x: SharedArrayBuffer;
  y: SharedArrayBuffer;
}

/** Fit on `train` rows, predict the `test` rows; optionally measure permutation importance on them. */
export interface FoldTask {
  kind: 'fold';
  algorithm: AlgorithmName;
  task: Task;
  params: Params;
  seed: number;
  train: Uint32Array;
  test: Uint32Array;
  /** When set, also return per-column loss increase when that column is shuffled within the test rows. */
  permutationSeed?: number;
}

/** Fit on every row and return the portable model. */
export interface RefitTask {
  kind: 'refit';
  algorithm: AlgorithmName;
  task: Task;
  params: Params;
  seed: number;
}

/** Diagnostics for the pool's own tests and health checks: echo, throw, exit, run out of memory, wait. */
export interface SelfTestTask {
  kind: 'selftest';
  behaviour: 'echo' | 'throw' | 'exit' | 'oom' | 'sleep' | 'sum';
  ms?: number;
}

export type WorkerTask = FoldTask | RefitTask | SelfTestTask;

export interface FoldResult {
  kind: 'fold';
  /** Raw predictions for the test rows, in the order of `test`. */
  raw: Float64Array;
  seconds: number;
  permutation?: Float64Array;
}

export interface RefitResult {
  kind: 'refit';
  model: SerializedModel;
  importance: Float64Array;
  seconds: number;
}

export interface SelfTestResult {
  kind: 'selftest';
  value: number;
  threadId: number;
}

export type WorkerResult = FoldResult | RefitResult | SelfTestResult;

export type ToWorker =
  | { type: 'dataset'; dataset: SharedDataset }
  | { type: 'forget'; datasetId: string }
  | { type: 'run'; id: number; datasetId: string | null; task: WorkerTask };

export type FromWorker =
  | { type: 'done'; id: number; result: WorkerResult }
  | { type: 'failed'; id: number; message: string }
  | { type: 'progress'; id: number; done: number; total: number };

/** Copies arrays into SharedArrayBuffers so every worker reads the same memory. */
export function shareDataset(id: string, x: Float64Array, y: Float64Array, rows: number, cols: number): SharedDataset {
  if (x.length !== rows * cols) throw new RangeError(`X has ${x.length} values, expected ${rows} x ${cols}`);
  if (y.length !== rows) throw new RangeError(`y has ${y.length} values, expected ${rows}`);
  const xs = new SharedArrayBuffer(x.byteLength);
  new Float64Array(xs).set(x);
  const ys = new SharedArrayBuffer(y.byteLength);
  new Float64Array(ys).set(y);
  return { id, rows, cols, x: xs, y: ys };
}

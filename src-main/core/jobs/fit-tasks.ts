/**
 * What a worker does with a fit task: view the shared dataset, fit an estimator from the registry on the
 * task's rows, and send back raw predictions (fold) or the portable model (refit). Runs inside worker threads.
 */
import { takeRows, takeValues } from '../ml/cv';
import { permutationImportance } from '../ml/metrics';
import { createEstimator } from '../ml/registry';
import type { Matrix } from '../ml/types';
import type { FoldResult, FoldTask, RefitResult, RefitTask, SharedDataset } from './protocol';

/** The shared matrix and targets as typed-array views (no copy). */
export function datasetView(dataset: SharedDataset): { X: Matrix; y: Float64Array } {
  return {
    X: { rows: dataset.rows, cols: dataset.cols, data: new Float64Array(dataset.x) },
    y: new Float64Array(dataset.y),
  };
}

export function runFitTask(
  task: FoldTask | RefitTask,
  dataset: SharedDataset,
  onProgress: (done: number, total: number) => void,
): FoldResult | RefitResult {
  const started = performance.now();
  const { X, y } = datasetView(dataset);
  const estimator = createEstimator(task.algorithm, task.task, task.params, task.seed);
  if (task.kind === 'refit') {
    estimator.fit({ ...X, data: Float64Array.from(X.data) }, Float64Array.from(y), { onProgress });
    return {
      kind: 'refit',
      model: estimator.toJSON(),
      importance: estimator.featureImportance(),
      seconds: (performance.now() - started) / 1000,
    };
  }
  estimator.fit(takeRows(X, task.train), takeValues(y, task.train), { onProgress });
  const testX = takeRows(X, task.test);
  const raw = estimator.predictRaw(testX);
  const result: FoldResult = { kind: 'fold', raw, seconds: 0 };
  if (task.permutationSeed !== undefined) {
    // Measured on the held-out rows, so it shows what generalises; the selection metric, one shuffle per column.
    const metric = task.task === 'classification' ? 'auc' : 'r2';
    result.permutation = permutationImportance(
      estimator,
      testX,
      takeValues(y, task.test),
      metric,
      task.permutationSeed,
      1,
    );
  }
  result.seconds = (performance.now() - started) / 1000;
  return result;
}

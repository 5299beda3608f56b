/**
 * The one place that turns (algorithm, task, params, seed) into an estimator, and a saved model back into one.
 *
 * Algorithms and their defaults (see each class for the full list):
 * - gbdt: GradientBoosting: n_estimators 100, learning_rate 0.1, max_depth 3, subsample 1, min_samples_leaf 1,
 *   n_iter_no_change null, validation_fraction 0.1; regression or classification (log loss).
 * - rf: RandomForest: n_estimators 100, max_depth null, min_samples_split 2, min_samples_leaf 1, max_features
 *   null (regression) / 'sqrt' (classification), bootstrap true.
 * - tree: DecisionTree: max_depth null, min_samples_split 2, min_samples_leaf 1, max_features null.
 * - linear: Ridge (regression only): alpha 1.
 * - logistic: LogisticRegression (classification only): C 1.
 * - mlrf: ml-random-forest reference: n_estimators 100, max_features 1, max_depth null, min_samples_split 3.
 * Every tree model also reads max_bins (default 255; up to 65535, exact splits for columns with at most that many
 * distinct values). Unknown parameter names throw a RangeError, so a typo in a grid is caught before training.
 */
import { DecisionTree, RandomForest } from './forest';
import { GradientBoosting } from './gbdt';
import { LogisticRegression, Ridge } from './linear';
import { MlRandomForest } from './mlrf';
import type { AlgorithmName, Estimator, Params, SerializedModel, Task } from './types';

const TREE_PARAMS = ['max_depth', 'min_samples_split', 'min_samples_leaf', 'max_features', 'max_bins', 'tie_break'];

/** Parameter names each algorithm reads. */
export const KNOWN_PARAMS: Record<AlgorithmName, readonly string[]> = {
  gbdt: [
    ...TREE_PARAMS,
    'n_estimators',
    'learning_rate',
    'subsample',
    'n_iter_no_change',
    'validation_fraction',
    'reg_lambda',
  ],
  rf: [...TREE_PARAMS, 'n_estimators', 'bootstrap'],
  tree: TREE_PARAMS,
  linear: ['alpha'],
  logistic: ['C'],
  mlrf: ['n_estimators', 'max_features', 'max_depth', 'min_samples_split', 'max_samples'],
};

export const ALGORITHMS = Object.keys(KNOWN_PARAMS) as AlgorithmName[];

function checkParamNames(algorithm: AlgorithmName, params: Params) {
  const known = KNOWN_PARAMS[algorithm];
  for (const name of Object.keys(params)) {
    if (!known.includes(name)) {
      throw new RangeError(`${algorithm} has no parameter ${JSON.stringify(name)}; it reads: ${known.join(', ')}`);
    }
  }
}

/**
 * Creates an untrained estimator. Throws a RangeError for an unknown algorithm, a task it cannot do (linear is
 * regression only, logistic classification only), an unknown parameter name or a bad value.
 */
export function createEstimator(algorithm: AlgorithmName, task: Task, params: Params = {}, seed = 42): Estimator {
  if (!ALGORITHMS.includes(algorithm)) {
    throw new RangeError(`unknown algorithm ${JSON.stringify(algorithm)}; known: ${ALGORITHMS.join(', ')}`);
  }
  if (task !== 'regression' && task !== 'classification') throw new RangeError(`unknown task ${JSON.stringify(task)}`);
  if (params === null || typeof params !== 'object' || Array.isArray(params)) {
    throw new RangeError(`params must be an object, got ${JSON.stringify(params)}`);
  }
  if (!Number.isInteger(seed)) throw new RangeError(`seed must be an integer, got ${seed}`);
  checkParamNames(algorithm, params);
  switch (algorithm) {
    case 'gbdt':
      return new GradientBoosting(task, params, seed);
    case 'rf':
      return new RandomForest(task, params, seed);
    case 'tree':
      return new DecisionTree(task, params, seed);
    case 'linear':
      if (task !== 'regression') throw new RangeError(`linear is for regression; use logistic for ${task}`);
      return new Ridge(params);
    case 'logistic':
      if (task !== 'classification') throw new RangeError(`logistic is for classification; use linear for ${task}`);
      return new LogisticRegression(params);
    case 'mlrf':
      return new MlRandomForest(task, params, seed);
  }
}

/** Rebuilds a trained estimator from toJSON() output (also after JSON.stringify / JSON.parse). */
export function loadEstimator(json: SerializedModel): Estimator {
  if (!json || typeof json.kind !== 'string') throw new RangeError('not a saved model: missing kind');
  if (json.version !== 1) throw new RangeError(`unsupported model version ${String(json.version)} for ${json.kind}`);
  const match = /^(gbdt|rf|tree|linear|logistic|mlrf)-(regression|classification)$/.exec(json.kind);
  if (!match) throw new RangeError(`unknown model kind ${JSON.stringify(json.kind)}`);
  const algorithm = match[1] as AlgorithmName;
  const task = match[2] as Task;
  const params = (json.params ?? {}) as Params;
  const seed = typeof json.seed === 'number' ? json.seed : 42;
  // DecisionTree forces n_estimators/bootstrap into its params; pass them through untouched.
  const est =
    algorithm === 'tree' ? new DecisionTree(task, params, seed) : createEstimator(algorithm, task, params, seed);
  (est as unknown as { restore(j: SerializedModel): unknown }).restore(json);
  return est;
}

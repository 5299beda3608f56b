/**
 * What the train form offers: targets, feature sets with their features, and each algorithm with its
 * parameters and defaults (as core/ml documents them), which targets it can learn, and training defaults.
 */
import { FEATURE_SETS, FEATURE_SET_DESCRIPTIONS, knownFeatureNames } from '../features/catalog';
import { KNOWN_PARAMS } from '../ml/registry';
import { DEFAULT_FOREST_MAX_BINS, DEFAULT_MAX_BINS } from '../ml/binning';
import { DEFAULT_REG_LAMBDA } from '../ml/gbdt';
import { DEFAULT_TIE_BREAK } from '../ml/tree';
import type { AlgorithmName } from '../ml/types';
import type { ModelOptions } from '../../shared/contract/models';
import type { Target } from './types';

/** Defaults the engine applies when a parameter is left out (see each estimator's doc comment). */
const PARAM_DEFAULTS: Record<AlgorithmName, Record<string, unknown>> = {
  gbdt: {
    n_estimators: 100,
    learning_rate: 0.1,
    max_depth: 3,
    subsample: 1,
    min_samples_split: 2,
    min_samples_leaf: 1,
    max_features: null,
    n_iter_no_change: null,
    validation_fraction: 0.1,
    max_bins: DEFAULT_MAX_BINS,
    reg_lambda: DEFAULT_REG_LAMBDA,
    tie_break: DEFAULT_TIE_BREAK,
  },
  rf: {
    n_estimators: 100,
    max_depth: null,
    min_samples_split: 2,
    min_samples_leaf: 1,
    max_features: null,
    bootstrap: true,
    max_bins: DEFAULT_FOREST_MAX_BINS,
    tie_break: DEFAULT_TIE_BREAK,
  },
  tree: {
    max_depth: null,
    min_samples_split: 2,
    min_samples_leaf: 1,
    max_features: null,
    max_bins: DEFAULT_FOREST_MAX_BINS,
    tie_break: DEFAULT_TIE_BREAK,
  },
  linear: { alpha: 1 },
  logistic: { C: 1 },
  mlrf: { n_estimators: 100, max_features: 1, max_depth: null, min_samples_split: 3, max_samples: null },
};

const LABELS: Record<AlgorithmName, string> = {
  gbdt: 'Gradient-boosted trees',
  rf: 'Random forest',
  tree: 'Decision tree',
  linear: 'Ridge linear regression',
  logistic: 'Logistic regression (L2)',
  mlrf: 'ml-random-forest (reference, slow)',
};

const ALL_TARGETS: Target[] = ['revenue', 'hit', 'popularity'];

/** Targets an algorithm can learn: ridge is regression only, logistic classification only. */
export function targetsFor(algorithm: AlgorithmName): Target[] {
  if (algorithm === 'linear') return ['revenue', 'popularity'];
  if (algorithm === 'logistic') return ['hit'];
  return ALL_TARGETS;
}

export const TRAIN_DEFAULTS = { folds: 5, repeats: 1, hitMultiple: 2, seed: 42 };

export function modelOptions(): ModelOptions {
  return {
    targets: ALL_TARGETS,
    featureSets: Object.entries(FEATURE_SETS).map(([name, features]) => ({
      name,
      features,
      description: FEATURE_SET_DESCRIPTIONS[name],
    })),
    featureNames: knownFeatureNames(),
    algorithms: (Object.keys(KNOWN_PARAMS) as AlgorithmName[]).map((name) => ({
      name,
      label: LABELS[name],
      targets: targetsFor(name),
      params: KNOWN_PARAMS[name].map((p) => ({ name: p, default: PARAM_DEFAULTS[name][p] ?? null })),
    })),
    defaults: TRAIN_DEFAULTS,
  };
}

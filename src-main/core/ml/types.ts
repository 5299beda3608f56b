/**
 * The learning engine's interface. Everything in core/ml is pure TypeScript over typed arrays: no database,
 * no files, no Electron, so it runs the same in the main thread, a worker thread and the tests.
 */

/** A dense row-major matrix of features. NaN marks a missing value (trees route it; linear models impute). */
export interface Matrix {
  rows: number;
  cols: number;
  data: Float64Array;
}

export type Task = 'regression' | 'classification';

/** Algorithms by the names the CLI and UI use. */
export type AlgorithmName = 'gbdt' | 'rf' | 'tree' | 'linear' | 'logistic' | 'mlrf';

/** Hyperparameters by scikit-learn's names; each algorithm documents which it reads and their defaults. */
export interface Params {
  n_estimators?: number;
  max_depth?: number | null;
  min_samples_split?: number;
  min_samples_leaf?: number;
  max_features?: number | 'sqrt' | 'log2' | null;
  learning_rate?: number;
  subsample?: number;
  /** Inverse L2 strength (logistic); ridge takes `alpha`. */
  C?: number;
  alpha?: number;
  max_bins?: number;
  /** Tree learners: 'widest_gap' or 'first' (see GrowOptions.tieBreak). */
  tie_break?: 'widest_gap' | 'first';
  /** Gradient boosting: stop when the validation loss has not improved for this many rounds (null: off). */
  n_iter_no_change?: number | null;
  validation_fraction?: number;
  [name: string]: unknown;
}

export interface FitOptions {
  /** Called now and then with rounds/trees done, so long fits can show progress. */
  onProgress?: (done: number, total: number) => void;
  /** Checked between rounds/trees; an aborted signal stops the fit with an error. */
  signal?: AbortSignal;
}

/** A serialised model: plain JSON, portable across machines and versions of this code that know `kind`. */
export interface SerializedModel {
  kind: string;
  version: number;
  [key: string]: unknown;
}

/** A trained (or trainable) model. Regression predicts values; classification predicts P(y = 1). */
export interface Estimator {
  readonly algorithm: AlgorithmName;
  readonly task: Task;
  /**
   * How predict() derives from predictRaw(): 'logit' applies the logistic function (boosting, logistic
   * regression); 'identity' returns the raw score (regression, and forests and trees for classification, whose
   * raw score is already an averaged probability). Optional so older estimators still fit the interface.
   */
  readonly link?: 'identity' | 'logit';
  fit(X: Matrix, y: Float64Array, options?: FitOptions): this;
  /** Regression: predicted values. Classification: probabilities of class 1. */
  predict(X: Matrix): Float64Array;
  /** The raw score before any link: regression value; classification log-odds (or probability when link is 'identity'). */
  predictRaw(X: Matrix): Float64Array;
  toJSON(): SerializedModel;
  /** Gain-based importance per feature, summing to 1 (linear models: |coef x std|, normalised). */
  featureImportance(): Float64Array;
  /**
   * Per-feature contributions for one row on the raw scale (exact TreeSHAP for trees, coefficient x centred
   * value for linear models): base + sum(values) === predictRaw(row) up to floating-point error.
   */
  contributions(row: Float64Array): { base: number; values: Float64Array };
}

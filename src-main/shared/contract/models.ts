/**
 * Model channels: train/tune (a job), list, inspect, compare, activate (roll back = activate an older one),
 * archive, diagnostics for the charts, and the options the train form offers. Parameters use scikit-learn's
 * names; every value is bounded here, in main, before any training starts.
 */
import { z } from 'zod';
import type { ModelVersionSummary, Target } from '../../core/models/types';
import { channel, output } from './define';

export const TARGET_NAMES = ['revenue', 'hit', 'popularity'] as const;
export const ALGORITHM_NAMES = ['gbdt', 'rf', 'tree', 'linear', 'logistic', 'mlrf'] as const;

const int = (min: number, max: number) => z.number().int().min(min).max(max);
const fraction = z.number().gt(0).max(1);

/** Every parameter the engine reads, with the values the app accepts. */
const paramValues = {
  n_estimators: int(1, 2000),
  max_depth: int(1, 64).nullable(),
  min_samples_split: int(2, 100_000),
  min_samples_leaf: int(1, 100_000),
  max_features: z.union([fraction, int(1, 10_000), z.enum(['sqrt', 'log2']), z.null()]),
  learning_rate: fraction,
  subsample: fraction,
  C: z.number().gt(0).max(1e6),
  alpha: z.number().min(0).max(1e6),
  max_bins: int(2, 65_535),
  n_iter_no_change: int(1, 1000).nullable(),
  validation_fraction: z.number().gt(0).max(0.5),
  bootstrap: z.boolean(),
  max_samples: fraction,
  reg_lambda: z.number().min(0).max(1e6),
  tie_break: z.enum(['widest_gap', 'first']),
  // Blends (core/models/blend.ts): hit only, the revenue model's score and its scale; revenue, learn log(revenue /
  // budget); weights of a forest (regression) and of a linear model blended in.
  revenue_blend: z.number().min(0).max(1),
  revenue_blend_scale: z.number().gt(0).max(100),
  fit_roi: z.boolean(),
  blend_forest: z.number().min(0).max(1),
  blend_linear: z.number().min(0).max(1),
};
type ParamName = keyof typeof paramValues;

const paramsSchema = z.object(paramValues).partial().strict();

/** A search space: each known parameter with a list of 1-20 values. */
const spaceSchema = z
  .object(
    Object.fromEntries(Object.entries(paramValues).map(([k, v]) => [k, z.array(v).min(1).max(20)])) as {
      [K in ParamName]: z.ZodArray<(typeof paramValues)[K]>;
    },
  )
  .partial()
  .strict()
  .refine((space) => Object.keys(space).length > 0, 'a search space needs at least one parameter');

/** The largest grid a single job may run (candidates x folds x repeats stays sane on two cores). */
export const MAX_CANDIDATES = 500;

export const trainInputSchema = z
  .object({
    target: z.enum(TARGET_NAMES),
    /** A set name (greenlight, tracking) or comma-separated feature names. */
    features: z
      .string()
      .min(1)
      .max(2000)
      .regex(/^[A-Za-z0-9_=,. -]+$/, 'feature names are letters, digits and _ separated by commas'),
    algorithm: z.enum(ALGORITHM_NAMES),
    params: paramsSchema.optional(),
    grid: spaceSchema.optional(),
    random: z
      .object({ space: spaceSchema, iter: int(1, MAX_CANDIDATES) })
      .strict()
      .optional(),
    folds: int(2, 20).optional(),
    repeats: int(1, 10).optional(),
    temporalSplit: int(1900, 2100).nullable().optional(),
    hitMultiple: z.number().gt(0).max(100).optional(),
    includeFlagged: z.boolean().optional(),
    seed: int(0, 2 ** 31 - 1).optional(),
    activate: z.boolean().optional(),
    note: z.string().max(2000).nullable().optional(),
  })
  .strict()
  .refine((r) => !(r.grid && r.random), { message: 'give a grid or a random search, not both', path: ['random'] })
  .refine((r) => !r.grid || Object.values(r.grid).reduce((n, list) => n * (list?.length ?? 1), 1) <= MAX_CANDIDATES, {
    message: `the grid has more than ${MAX_CANDIDATES} candidates`,
    path: ['grid'],
  });

export type TrainInput = z.input<typeof trainInputSchema>;

const versionId = int(1, Number.MAX_SAFE_INTEGER);

/** A version with what its detail page shows (no artifact, no per-film arrays). */
export interface ModelDetail extends ModelVersionSummary {
  /** The encoded columns the model reads (a feature group such as genres gives one column per term). */
  featureNames: string[];
  /** How many features were asked for (a set's groups, or the names of a list); added by the models.get handler. */
  featureGroups?: number;
  protocol: {
    kind: string;
    folds: number;
    repeats: number;
    seed: number;
    temporalSplit: number | null;
    scoring: string;
  };
  candidates: {
    index: number;
    params: Record<string, unknown>;
    score: number;
    scoreStd: number;
    foldScores: number[];
    metrics: Record<string, number>;
  }[];
  chosen: number;
  coverage: {
    maxBudget: number | null;
    minBudget: number | null;
    lastYear: number | null;
    firstYear: number | null;
    genres: string[];
  };
  confusion?: { tp: number; fp: number; tn: number; fn: number };
}

export interface ModelDiagnostics {
  id: number;
  target: Target;
  /** Out-of-fold actual and predicted, on the raw scale (log1p dollars for revenue, 0/1 and probability for hit). */
  actualVsPredicted: { actual: number; predicted: number }[];
  residuals: { predicted: number; residual: number }[];
  roc?: { fpr: number; tpr: number }[];
  calibration?: { predicted: number; observed: number; count: number }[];
  /**
   * Per encoded column: its machine name, its share of the gain, and (added by the models.diagnostics handler, for
   * display only) the feature catalog's label as a person reads it ('Budget', 'Genre: Drama').
   */
  importance: { feature: string; gain: number; permutation?: number; label?: string }[];
}

export interface ModelOptions {
  targets: Target[];
  featureSets: { name: string; features: string[]; description?: string }[];
  /** Names an explicit feature list may use. */
  featureNames: string[];
  algorithms: { name: string; label?: string; targets?: Target[]; params: { name: string; default: unknown }[] }[];
  defaults: { folds: number; repeats: number; hitMultiple: number; seed: number };
}

export interface VersionComparison {
  versions: ModelVersionSummary[];
  /** Metric name -> value per version (null where a version lacks it), and the id of the better one. */
  metrics: { name: string; values: (number | null)[]; better: number | null }[];
  /** Parameters that differ between the versions. */
  params: { name: string; values: unknown[] }[];
  sameData: boolean;
}

export const modelChannels = {
  'models.train': channel({
    summary: 'Trains (and tunes) a model version in the worker pool; the result is the new version.',
    job: true,
    input: trainInputSchema,
    output: output<{ job: string }>(),
  }),
  'models.list': channel({
    summary: 'Model versions, newest first (archived ones on request).',
    input: z.object({ target: z.enum(TARGET_NAMES).optional(), includeArchived: z.boolean().optional() }).strict(),
    output: output<ModelVersionSummary[]>(),
  }),
  'models.get': channel({
    summary: 'One version: parameters, CV table, metrics, coverage and the data it saw.',
    input: z.object({ id: versionId }).strict(),
    output: output<ModelDetail>(),
  }),
  'models.compare': channel({
    summary: 'Metrics and differing parameters of two or more versions side by side.',
    input: z.object({ ids: z.array(versionId).min(2).max(6) }).strict(),
    output: output<VersionComparison>(),
  }),
  'models.activate': channel({
    summary: 'Makes a version the active one for its target (roll back by activating an older one); fills gold.',
    input: z.object({ id: versionId }).strict(),
    output: output<ModelVersionSummary>(),
  }),
  'models.archive': channel({
    summary: 'Archives a version that is not active.',
    input: z.object({ id: versionId }).strict(),
    output: output<ModelVersionSummary>(),
  }),
  'models.diagnostics': channel({
    summary: 'Out-of-fold actual vs predicted, residuals, ROC, calibration bins and feature importance.',
    input: z.object({ id: versionId }).strict(),
    output: output<ModelDiagnostics>(),
  }),
  'models.options': channel({
    summary: 'Targets, feature sets, algorithms with their parameters and defaults, for the train form.',
    input: z.object({}).strict(),
    output: output<ModelOptions>(),
  }),
};

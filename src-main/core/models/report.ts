/**
 * What a model version keeps about its training beyond the summary (stored as cv_json): the whole CV table,
 * importance, coverage and the out-of-fold evidence the diagnostics charts read.
 */
import type { Params } from '../ml/types';

/** What the training data covered, for out-of-range warnings in forecasts. */
export interface Coverage {
  maxBudget: number | null;
  minBudget: number | null;
  lastYear: number | null;
  firstYear: number | null;
  genres: string[];
}

export interface CandidateRow {
  index: number;
  params: Params;
  /** The selection metric per fold (r2 or auc), in fold order (repeat-major). */
  foldScores: number[];
  /** Mean and standard deviation of the selection metric over folds. */
  score: number;
  scoreStd: number;
  /** All metrics on the pooled out-of-fold predictions (averaged over repeats). */
  metrics: Record<string, number>;
  seconds: number;
}

export interface TrainingReport {
  protocol: {
    kind: 'kfold' | 'stratified' | 'temporal';
    folds: number;
    repeats: number;
    seed: number;
    temporalSplit: number | null;
    scoring: 'r2' | 'auc';
  };
  candidates: CandidateRow[];
  chosen: number;
  featureNames: string[];
  importance: { gain: number[]; permutation: number[] | null };
  /** Out-of-fold raw predictions of the chosen candidate (repeat 0) with actual raw targets. */
  oof: { filmIds: number[]; actual: number[]; predicted: number[] };
  /** Hit: confusion at 0.5 and ROC points on out-of-fold probabilities. */
  classification?: {
    confusion: { tp: number; fp: number; tn: number; fn: number };
    roc: { fpr: number; tpr: number }[];
  };
  coverage: Coverage;
  seconds: number;
}

/**
 * What a trained model version looks like to the rest of the app (forecasts, reports, gold, the UI).
 * Built by the training pipeline (core/models, core/features, core/jobs); read by core/forecast.
 */
import type { FilmInput, SilverFilm } from '../../shared/film';
import type { FeatureSpec } from '../features/types';

export type Target = 'revenue' | 'hit' | 'popularity';
export type VersionStatus = 'ready' | 'active' | 'archived';

export interface ModelVersionSummary {
  id: number;
  target: Target;
  algorithm: string;
  featureSet: string;
  params: Record<string, unknown>;
  /** The chosen candidate's CV metrics: r2, rmse, mae, mae_dollars (regression); auc, f1, logloss, brier... (hit). */
  metrics: Record<string, number>;
  data: { rows: number; batches: number[]; fingerprint: string; years: [number, number] | null; includeFlagged: boolean; hitMultiple?: number };
  status: VersionStatus;
  note: string | null;
  createdAt: string;
  activatedAt: string | null;
}

/** One encoded feature's contribution for a film, on the model's raw scale. */
export interface FeatureContribution {
  feature: string;
  /** Human label of the film's value for this feature. */
  value: string;
  /** The feature and the film's value in words, e.g. 'Franchise: latest returned 6.1× budget'. */
  label?: string;
  effect: number;
}

/**
 * A model version loaded for prediction: its feature spec (vocabularies, encodings, track-record history)
 * and estimator, with what forecasts need for honest ranges and calibration.
 */
export interface LoadedModel {
  version: ModelVersionSummary;
  /** Raw-scale prediction: log1p(revenue) for revenue, log-odds for hit, popularity as is. */
  predictRaw(input: FilmInput | SilverFilm): number;
  /** Predictions in the reported unit: dollars for revenue, calibrated probability for hit. */
  predict(input: FilmInput | SilverFilm): number;
  /** base + sum(effects) === predictRaw(input). */
  explain(input: FilmInput | SilverFilm): { base: number; contributions: FeatureContribution[] };
  /**
   * Out-of-fold evidence kept at training time: absolute residuals on the raw scale (regression, for
   * conformal intervals) or out-of-fold (raw score, label) pairs (hit, for calibration).
   */
  calibration: { absResiduals?: number[]; oof?: { score: number; label: number }[] };
  /** The feature spec the model encodes films with (read-only): what a forecast explains from, e.g. franchises. */
  spec?: FeatureSpec;
  /** What the training data covered, for out-of-range warnings. */
  coverage: { maxBudget: number | null; minBudget: number | null; lastYear: number | null; firstYear: number | null; genres: string[] };
}

/**
 * What a forecast says of one film. Produced by core/forecast, shown by the renderer, printed in reports,
 * and (snake_cased) by `greenlight predict --json`. Money in dollars.
 */
import type { FilmInput } from './film';

export interface Contribution {
  /** Feature name as the model knows it, e.g. 'log_budget', 'genre=Action'. */
  feature: string;
  /** Human label of the value, e.g. '$150M', 'Action', 'June'. */
  value: string;
  /**
   * The feature and the value in words, short enough for a chart axis: 'Budget: $150M', 'Genre: not Drama',
   * 'Franchise: latest returned 6.1× budget'. Absent in forecasts saved before it existed.
   */
  label?: string;
  /** Effect on the model's raw scale (log revenue for revenue, log-odds for hit). Sums with `base` to the raw prediction. */
  effect: number;
  /** One sentence a person reads: "budget $150M: +1.20 on log revenue". */
  text: string;
}

export interface Comparable {
  id: number;
  title: string;
  year: number | null;
  budget: number | null;
  revenue: number | null;
  /** What the active revenue model says of this film (dollars), when a model is active. */
  predicted: number | null;
  genres: string[];
  /** 0..1, higher is more alike. */
  similarity: number;
}

export interface FranchiseFilm {
  title: string;
  year: number | null;
  /** Worldwide revenue in dollars, as the model's history holds it. */
  revenue: number;
}

export interface WhatIfPoint {
  /** The swept value: budget in dollars, or month 1-12. */
  x: number;
  revenue: number;
  hitProbability: number | null;
}

export interface ModelUsed {
  id: number;
  target: 'revenue' | 'hit' | 'popularity';
  algorithm: string;
  featureSet: string;
  createdAt: string;
}

export interface Forecast {
  input: FilmInput;
  /** Point prediction of worldwide revenue (dollars). */
  revenue: number;
  /** The prediction interval at `interval` coverage (conformal, on out-of-fold residuals). */
  revenueLow: number;
  revenueHigh: number;
  interval: number;
  /** Other intervals, keyed by level ('0.5', '0.8', '0.95'). */
  intervals: Record<string, { low: number; high: number }>;
  /** Calibrated probability that revenue >= hitMultiple x budget; null when no hit model is active. */
  hitProbability: number | null;
  hitMultiple: number;
  /** revenue / budget - 1 (0.5 means the film earns 1.5x its budget). */
  roi: number;
  /** Revenue needed to reach the hit multiple: hitMultiple x budget. */
  breakEven: number;
  /** Base value on the raw scale and per-feature contributions that add up to the raw prediction exactly. */
  base: number;
  contributions: Contribution[];
  hitContributions?: Contribution[];
  comparables: Comparable[];
  whatIf?: { budget: WhatIfPoint[]; month: WhatIfPoint[] };
  /**
   * The earlier films the revenue model counts as this film's franchise (found by title, released before it), with
   * what they earned, and the model's reading of them: their mean log revenue pulled toward the average film
   * (dollars), which is what the franchise contribution says. Absent when the film continues no earlier film or
   * the model reads no franchises.
   */
  franchise?: { films: FranchiseFilm[]; modelReading: number | null };
  warnings: string[];
  models: { revenue: ModelUsed; hit: ModelUsed | null };
}

export interface ScenarioRecord {
  id: number;
  name: string;
  note: string | null;
  input: FilmInput;
  /** The forecast saved with the scenario. */
  forecast: Forecast | null;
  /** Model version ids that gave the stored forecast. */
  modelIds: number[];
  createdAt: string;
  updatedAt: string;
  /** True when the active models differ from the ones that gave the stored forecast. */
  stale?: boolean;
}

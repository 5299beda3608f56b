/**
 * One forecast from loaded models and an index of past films: the pure part of core/forecast (no database).
 * `buildForecastState` prepares everything that does not depend on the scenario (the interval model, the
 * vocabulary, the comparables index) once; `forecastWith` is then a handful of model calls.
 */
import type { FilmInput, SilverFilm } from '../../shared/film';
import type { Forecast, ModelUsed, WhatIfPoint } from '../../shared/forecast';
import type { ForecastOptions } from '../../shared/contract/forecast';
import type { LoadedModel } from '../models/types';
import { buildComparablesIndex, findComparables, inputYear, type ComparablesIndex } from './comparables';
import { buildIntervalModel, dollarInterval, halfWidthFor, type IntervalModel } from './conformal';
import { describeContributions } from './explain-text';
import { franchiseFilms } from './franchise-films';
import { buildVocabulary, type Vocabulary } from './names';
import { checkScenario, type TrainingCoverage } from './validate';
import { PAGE_COMPLETENESS_SCALARS, SCALAR_LABELS } from '../features/catalog';
import type { ScalarName } from '../features/types';

export const DEFAULT_INTERVAL = 0.8;
export const DEFAULT_LEVELS = [0.5, 0.8, 0.95];
export const DEFAULT_COMPARABLES = 8;
export const DEFAULT_HIT_MULTIPLE = 2;
/** Budget sweep: 13 points on a log grid from a quarter to four times the budget. */
export const BUDGET_SWEEP = Array.from({ length: 13 }, (_, i) => 2 ** (-2 + i / 3));

export interface ForecastModels {
  revenue: LoadedModel;
  hit: LoadedModel | null;
}

export interface ForecastState {
  models: ForecastModels;
  /** Conformal half-widths from the revenue model's out-of-fold residuals (by predicted value when known). */
  intervals: IntervalModel;
  vocabulary: Vocabulary;
  comparables: ComparablesIndex;
  coverage: TrainingCoverage;
  hitMultiple: number;
  /** What the revenue model says of each silver film (dollars): gold predictions, filled lazily otherwise. */
  predictedByFilm: Map<number, number>;
}

export function buildForecastState(
  models: ForecastModels,
  films: readonly SilverFilm[],
  gold: Map<number, number> = new Map(),
  oofPredicted: readonly number[] | null = null,
): ForecastState {
  const cov = models.revenue.coverage;
  return {
    models,
    intervals: buildIntervalModel(models.revenue.calibration.absResiduals ?? [], oofPredicted),
    vocabulary: buildVocabulary(films, cov.genres),
    comparables: buildComparablesIndex(films),
    coverage: { maxBudget: cov.maxBudget, minBudget: cov.minBudget, firstYear: cov.firstYear, lastYear: cov.lastYear },
    hitMultiple:
      models.hit?.version.data.hitMultiple ?? models.revenue.version.data.hitMultiple ?? DEFAULT_HIT_MULTIPLE,
    predictedByFilm: new Map(gold),
  };
}

/**
 * Fields of the form an analyst may leave blank, the features a blank feeds, how the model reads the blank and
 * what its effect is measured against (an explanation's effects are against the training films' average).
 */
const BLANKABLE_INPUTS: {
  field: 'title' | 'directors' | 'cast' | 'companies' | 'countries' | 'language';
  what: string;
  feeds: (feature: string) => boolean;
  reading: string;
  against: string;
}[] = [
  {
    field: 'title',
    what: 'title',
    feeds: (f) => f.startsWith('franchise_'),
    reading: 'a film that continues no earlier film in the data',
    against: "an average film's franchise record",
  },
  {
    field: 'directors',
    what: 'director',
    feeds: (f) => f.startsWith('director_'),
    reading: 'a director with no earlier films in the data',
    against: 'an average track record',
  },
  {
    field: 'cast',
    what: 'lead cast',
    feeds: (f) => f.startsWith('cast_'),
    reading: 'leads with no earlier films in the data',
    against: 'an average track record',
  },
  {
    field: 'companies',
    what: 'studio',
    feeds: (f) => f.startsWith('company_'),
    reading: 'studios with no earlier films in the data',
    against: 'an average track record',
  },
  {
    field: 'countries',
    what: 'production country',
    feeds: (f) => f === 'n_countries' || f.startsWith('country='),
    reading: 'a film made in one country outside the ones the data know well',
    against: "an average film's countries",
  },
  {
    field: 'language',
    what: 'original language',
    feeds: (f) => f.startsWith('language='),
    reading: 'a language outside the ones the data know well',
    against: "an average film's language",
  },
];

/** Below this size of combined effect (on log revenue, about 10%) a blank field is not worth a warning. */
const BLANK_FIELD_EFFECT = 0.1;

/**
 * Warnings for a field left blank that moves the revenue forecast: the model cannot tell "not typed" from "none"
 * (a director with no earlier films, a film made in no known country, a title that continues no franchise), so a
 * blank moves the forecast as that would; every field has the same bar (BLANK_FIELD_EFFECT). Says by how much, so
 * the analyst knows what typing the field could change.
 */
export function blankFieldWarnings(
  input: FilmInput,
  contributions: readonly { feature: string; effect: number }[],
): string[] {
  const warnings: string[] = [];
  for (const { field, what, feeds, reading, against } of BLANKABLE_INPUTS) {
    const value = input[field]; // a title or language, or a list of names or codes
    if (typeof value === 'string' ? value.trim() !== '' : (value?.length ?? 0) > 0) continue;
    const fed = contributions.filter((c) => feeds(c.feature));
    if (fed.length === 0) continue;
    const effect = fed.reduce((sum, c) => sum + c.effect, 0);
    if (Math.abs(effect) < BLANK_FIELD_EFFECT) continue;
    const percent = Math.round(Math.abs(Math.expm1(effect)) * 100);
    warnings.push(
      `No ${what} given: the model reads that as ${reading}, which puts this forecast ${percent}% ` +
        `${effect < 0 ? 'lower' : 'higher'} than ${against} would. Enter the ${what} if known.`,
    );
  }
  return warnings;
}

/**
 * A warning when the revenue model reads how complete the film's TMDB page is (the count of keywords or companies,
 * a homepage, a tagline; only a typed feature list adds them): pages are filled in after release, so for a film not
 * yet made these echo what was typed, not what the film will do. Same bar as a blank field.
 */
export function pageSignalWarnings(contributions: readonly { feature: string; effect: number }[]): string[] {
  const fed = contributions.filter((c) => (PAGE_COMPLETENESS_SCALARS as string[]).includes(c.feature));
  const effect = fed.reduce((sum, c) => sum + c.effect, 0);
  if (fed.length === 0 || Math.abs(effect) < BLANK_FIELD_EFFECT) return [];
  const read = fed.map((c) => SCALAR_LABELS[c.feature as ScalarName]).join(', ');
  const percent = Math.round(Math.abs(Math.expm1(effect)) * 100);
  return [
    `The revenue model reads how complete the film's TMDB page is (${read}), which is filled in after release: ` +
      `that puts this forecast ${percent}% ${effect < 0 ? 'lower' : 'higher'} than an average page would. ` +
      'A model on the greenlight set does not read it.',
  ];
}

/** The full forecast of one scenario (already shape-checked by the contract schema). */
export function forecastWith(state: ForecastState, rawInput: FilmInput, options: ForecastOptions = {}): Forecast {
  const { input, warnings } = checkScenario(rawInput, state.vocabulary, state.coverage);
  const { revenue: revenueModel, hit: hitModel } = state.models;
  const interval = options.interval ?? DEFAULT_INTERVAL;
  const levels = [...new Set([...(options.levels ?? DEFAULT_LEVELS), interval])].sort((a, b) => a - b);

  const explained = revenueModel.explain(input);
  const raw = explained.base + explained.contributions.reduce((sum, c) => sum + c.effect, 0);
  const revenue = Math.expm1(raw);
  warnings.push(...blankFieldWarnings(input, explained.contributions), ...pageSignalWarnings(explained.contributions));
  if (state.intervals.size === 0) {
    warnings.push('The revenue model kept no out-of-fold residuals, so no honest interval can be given.');
  }
  const intervals: Forecast['intervals'] = {};
  for (const level of levels) {
    intervals[String(level)] = dollarInterval(raw, halfWidthFor(state.intervals, raw, level));
  }
  const headline = intervals[String(interval)];

  let hitProbability: number | null = null;
  let hitContributions: Forecast['hitContributions'];
  if (hitModel) {
    hitProbability = hitModel.predict(input);
    if (options.explainHit) {
      hitContributions = describeContributions(hitModel.explain(input).contributions, 'log-odds of a hit');
    }
  }

  const k = options.comparables ?? DEFAULT_COMPARABLES;
  const comparables = k > 0 ? findComparables(state.comparables, input, k, (film) => predictedFor(state, film)) : [];

  return {
    input,
    revenue,
    revenueLow: headline.low,
    revenueHigh: headline.high,
    interval,
    intervals,
    hitProbability,
    hitMultiple: state.hitMultiple,
    roi: revenue / input.budget - 1,
    breakEven: state.hitMultiple * input.budget,
    base: explained.base,
    contributions: describeContributions(explained.contributions, 'log revenue'),
    hitContributions,
    comparables,
    whatIf: options.whatIf === false ? undefined : whatIf(state, input),
    franchise: franchiseFilms(revenueModel, input),
    warnings,
    models: { revenue: modelUsed(revenueModel), hit: hitModel ? modelUsed(hitModel) : null },
  };
}

/** The numbers of a forecast without explanations, comparables or sweeps: what batch scoring writes per row. */
export interface QuickForecast {
  input: FilmInput;
  revenue: number;
  revenueLow: number;
  revenueHigh: number;
  hitProbability: number | null;
  roi: number;
  warnings: string[];
}

/** A lean forecast for batch scoring: one revenue and one hit prediction, the conformal interval at `level`. */
export function quickForecast(state: ForecastState, rawInput: FilmInput, level = DEFAULT_INTERVAL): QuickForecast {
  const { input, warnings } = checkScenario(rawInput, state.vocabulary, state.coverage);
  const raw = state.models.revenue.predictRaw(input);
  const { low, high } = dollarInterval(raw, halfWidthFor(state.intervals, raw, level));
  const revenue = Math.expm1(raw);
  return {
    input,
    revenue,
    revenueLow: low,
    revenueHigh: high,
    hitProbability: state.models.hit ? state.models.hit.predict(input) : null,
    roi: revenue / input.budget - 1,
    warnings,
  };
}

/** Revenue and hit probability as the budget sweeps a quarter to four times, and across the twelve months. */
export function whatIf(state: ForecastState, input: FilmInput): { budget: WhatIfPoint[]; month: WhatIfPoint[] } {
  const point = (variant: FilmInput, x: number): WhatIfPoint => ({
    x,
    revenue: state.models.revenue.predict(variant),
    hitProbability: state.models.hit ? state.models.hit.predict(variant) : null,
  });
  const budget = BUDGET_SWEEP.map((factor) =>
    point({ ...input, budget: input.budget * factor }, input.budget * factor),
  );
  const year = inputYear(input) ?? state.coverage.lastYear ?? new Date().getUTCFullYear();
  const day = input.releaseDate ? Math.min(28, Number(input.releaseDate.slice(8, 10)) || 15) : 15;
  const month = Array.from({ length: 12 }, (_, m) => {
    const date = `${String(year).padStart(4, '0')}-${String(m + 1).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
    return point({ ...input, releaseDate: date }, m + 1);
  });
  return { budget, month };
}

function predictedFor(state: ForecastState, film: SilverFilm): number | null {
  let value = state.predictedByFilm.get(film.id);
  if (value === undefined) {
    value = state.models.revenue.predict(film);
    state.predictedByFilm.set(film.id, value);
  }
  return Number.isFinite(value) ? value : null;
}

export function modelUsed(model: LoadedModel): ModelUsed {
  const v = model.version;
  return { id: v.id, target: v.target, algorithm: v.algorithm, featureSet: v.featureSet, createdAt: v.createdAt };
}

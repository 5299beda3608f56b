/**
 * Forecasts for a running app: the active models and the silver films, prepared once (models loaded,
 * residuals sorted, vocabulary and comparables index built) and kept until the data or the active models
 * change. Change is noticed two ways: `data.changed` events from this process, and SQLite's data_version
 * plus the active model ids on every call (cheap), which also catch another process (the CLI) writing.
 */
import type { FilmInput } from '../../shared/film';
import type { Forecast } from '../../shared/forecast';
import type { ForecastChoices, ForecastOptions } from '../../shared/contract/forecast';
import type { AppEvent } from '../../shared/contract';
import type { CoreContext } from '../context';
import type { Db } from '../store/db';
import { loadActiveModels } from '../models/load';
import { activeModelIds, getModelVersion } from '../store/models';
import { goldPredictions } from '../store/gold';
import { loadSilverFilms } from '../store/films';
import { buildForecastState, forecastWith, type ForecastState } from './engine';
import { knownGenres } from './names';

/** No active revenue model: nothing to forecast with until one is trained or the defaults are installed. */
export class NoRevenueModelError extends Error {
  constructor() {
    super(
      'No active revenue model: train one (`greenlight train --target revenue`) or start the app once so it installs the default models.',
    );
    this.name = 'NoRevenueModelError';
  }
}

interface CachedState {
  key: string;
  state: ForecastState;
}

const cache = new WeakMap<Db, CachedState>();
const watched = new WeakSet<CoreContext>();

function cacheKey(db: Db): string {
  const ids = activeModelIds(db);
  return `${db.pragma('data_version', { simple: true })}|${ids.revenue ?? ''}|${ids.hit ?? ''}`;
}

/** Drops the prepared state (called on `data.changed`; tests may call it too). */
export function invalidateForecasts(db: Db): void {
  cache.delete(db);
}

/** The prepared forecast state for this database (built on first use and after any change). */
export function forecastState(ctx: CoreContext | { db: Db }): ForecastState {
  if ('events' in ctx && !watched.has(ctx)) {
    watched.add(ctx);
    ctx.events.on('event', (event: AppEvent) => {
      if (event.type === 'data.changed' && event.what !== 'scenarios') invalidateForecasts(ctx.db);
    });
  }
  const key = cacheKey(ctx.db);
  const cached = cache.get(ctx.db);
  if (cached && cached.key === key) return cached.state;
  const models = loadActiveModels(ctx.db);
  if (!models.revenue) throw new NoRevenueModelError();
  const state = buildForecastState(
    { revenue: models.revenue, hit: models.hit ?? null },
    loadSilverFilms(ctx.db),
    goldPredictions(ctx.db, models.revenue.version.id),
    outOfFoldPredictions(ctx.db, models.revenue.version.id, models.revenue.calibration.absResiduals?.length ?? 0),
  );
  cache.set(ctx.db, { key, state });
  return state;
}

/**
 * The revenue model's out-of-fold predictions, in the order of its residuals (training keeps both in its
 * report), so intervals can be conformal per band of predicted revenue. Null when the version does not keep
 * them (shipped models drop the report's OOF block to stay small): intervals are then plain conformal.
 */
function outOfFoldPredictions(db: Db, modelId: number, residuals: number): number[] | null {
  const oof = (getModelVersion(db, modelId)?.report as { oof?: { predicted?: number[] } } | undefined)?.oof;
  return oof?.predicted && oof.predicted.length === residuals ? oof.predicted : null;
}

/** One scenario's forecast with the active models. Throws InvalidInputError on an unknown genre. */
export function forecast(ctx: CoreContext | { db: Db }, input: FilmInput, options: ForecastOptions = {}): Forecast {
  return forecastWith(forecastState(ctx), input, options);
}

/** The model version ids a fresh forecast would use now (for the stale check of saved scenarios). */
export function activeForecastModelIds(db: Db): number[] {
  const ids = activeModelIds(db);
  return [ids.revenue, ids.hit].filter((id): id is number => typeof id === 'number');
}

export function forecastModelIds(f: Forecast): number[] {
  return [f.models.revenue.id, ...(f.models.hit ? [f.models.hit.id] : [])];
}

/** What the scenario form offers: the data's genres, languages, countries, and what training covered. */
export function forecastChoices(ctx: CoreContext): ForecastChoices {
  let state: ForecastState | null = null;
  try {
    state = forecastState(ctx);
  } catch (err) {
    if (!(err instanceof NoRevenueModelError)) throw err;
  }
  const sorted = (values: Iterable<string>) => [...values].sort((a, b) => a.localeCompare(b));
  return {
    genres: state ? knownGenres(state.vocabulary) : [],
    languages: state ? sorted(state.vocabulary.languages.values()) : [],
    countries: state ? sorted(state.vocabulary.countries.values()) : [],
    hitMultiple: state?.hitMultiple ?? 2,
    coverage: state?.coverage ?? { maxBudget: null, minBudget: null, firstYear: null, lastYear: null },
    models: {
      revenue: state?.models.revenue.version.id ?? null,
      hit: state?.models.hit?.version.id ?? null,
    },
  };
}

/**
 * Gathers what a report prints from the database: saved scenarios with the forecasts stored with them (or a
 * fresh forecast of an inline scenario), the model versions behind them, and the import batches. Saved
 * scenarios print the forecast the analyst saved; when the active models have changed since, the report
 * says so rather than silently swapping numbers.
 */
import type { FilmInput } from '../../shared/film';
import type { Forecast } from '../../shared/forecast';
import type { CoreContext } from '../context';
import type { ModelVersionSummary } from '../models/types';
import { activeForecastModelIds, forecast, forecastModelIds } from '../forecast/service';
import { listBatches } from '../store/batches';
import { getModelSummary } from '../store/models';
import { getScenario, isStale } from '../store/scenarios';
import type { ReportData, ReportScenario } from './model';

export interface ReportRequest {
  /** Saved scenarios, in the order they should print; more than one makes a slate report. */
  scenarioIds?: number[];
  /** An unsaved scenario, forecast now with the active models. */
  input?: FilmInput;
  title?: string;
  note?: string;
}

/** A request the data cannot satisfy (no such scenario, nothing to forecast with); hosts show the message. */
export class ReportRequestError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ReportRequestError';
  }
}

export interface GatherOptions {
  /** Forecasts an inline scenario (default: core/forecast with the active models). */
  forecastFilm?: (ctx: Pick<CoreContext, 'db'>, input: FilmInput) => Forecast;
  now?: Date;
}

function ids(list: number[]): string {
  return list.map((id) => `#${id}`).join(', ');
}

function savedScenario(
  ctx: Pick<CoreContext, 'db'>,
  id: number,
  active: number[],
  options: GatherOptions,
): ReportScenario {
  const record = getScenario(ctx.db, id);
  if (!record) throw new ReportRequestError(`There is no scenario ${id}.`);
  let stored = record.forecast;
  let staleNote: string | null = null;
  if (!stored) {
    // Saved while no model was active: forecast it now so it can print at all.
    stored = (options.forecastFilm ?? forecast)(ctx, record.input);
    staleNote = 'This scenario was saved without a forecast; the numbers here are from the active models today.';
  } else if (active.length > 0 && isStale(record, active)) {
    staleNote =
      `Forecast saved with model versions ${ids(forecastModelIds(stored))}; the active models are now ${ids(active)}. ` +
      'Refresh the scenario in Greenlight to forecast it with them.';
  }
  return {
    id: record.id,
    name: record.name,
    note: record.note,
    forecast: stored,
    savedAt: record.updatedAt,
    staleNote,
  };
}

/** Reads and checks everything a report needs; throws ReportRequestError with a message a person can act on. */
export function gatherReportData(
  ctx: Pick<CoreContext, 'db'>,
  request: ReportRequest,
  options: GatherOptions = {},
): ReportData {
  const scenarioIds = request.scenarioIds ?? [];
  if (scenarioIds.length === 0 && !request.input)
    throw new ReportRequestError('Name at least one scenario, or give an inline scenario.');
  if (scenarioIds.length > 0 && request.input)
    throw new ReportRequestError('Give saved scenario ids or an inline scenario, not both.');
  const active = activeForecastModelIds(ctx.db);
  const scenarios: ReportScenario[] = request.input
    ? [
        {
          id: null,
          name: request.input.title?.trim() || 'Unsaved scenario',
          note: null,
          forecast: (options.forecastFilm ?? forecast)(ctx, request.input),
          savedAt: null,
          staleNote: null,
        },
      ]
    : [...new Set(scenarioIds)].map((id) => savedScenario(ctx, id, active, options));

  const modelIds = [...new Set(scenarios.flatMap((s) => forecastModelIds(s.forecast)))].sort((a, b) => a - b);
  const models = modelIds.map((id) => getModelSummary(ctx.db, id)).filter((m): m is ModelVersionSummary => m !== null);
  const batches = listBatches(ctx.db)
    .map((b) => ({
      id: b.id,
      source: b.source,
      kind: b.kind,
      rowsRead: b.rowsRead,
      rowsLoaded: b.rowsLoaded,
      rowsQuarantined: b.rowsQuarantined,
      rowsFlagged: b.rowsFlagged,
      finishedAt: b.finishedAt,
    }))
    .sort((a, b) => a.id - b.id);

  const kind = scenarios.length > 1 ? 'slate' : 'scenario';
  const first = scenarios[0];
  const title =
    request.title?.trim() ||
    (kind === 'slate' ? `Slate of ${scenarios.length} films` : first.forecast.input.title?.trim() || first.name);
  // A single saved scenario's own note stands in for the analyst's note when none is given.
  const note = request.note?.trim() || (kind === 'scenario' ? first.note : null) || null;
  return { kind, title, note, generatedAt: options.now ?? new Date(), scenarios, models, batches };
}

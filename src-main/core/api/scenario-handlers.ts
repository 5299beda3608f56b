/**
 * Scenario channels: the store (core/store/scenarios.ts) plus forecasts. A scenario is saved with the forecast
 * it got; when the active models have changed since, reads mark it stale and put a fresh forecast beside it.
 */
import type { FilmInput } from '../../shared/film';
import type { Forecast, ScenarioRecord } from '../../shared/forecast';
import type { ScenarioView, SlateTotals } from '../../shared/contract/scenarios';
import { emitEvent, type CoreContext } from '../context';
import { InvalidInputError, type HandlerMap } from './handler';
import { activeForecastModelIds, forecast, forecastModelIds, NoRevenueModelError } from '../forecast/service';
import {
  deleteScenario,
  duplicateScenario,
  getScenario,
  insertScenario,
  isStale,
  listScenarios,
  updateScenario,
} from '../store/scenarios';

/** The forecast of `input` now, or null when no revenue model is active (the scenario is still saved). */
function forecastOrNull(ctx: CoreContext, input: FilmInput, channel: string): Forecast | null {
  try {
    return forecast(ctx, input);
  } catch (err) {
    if (err instanceof NoRevenueModelError) return null;
    if (err instanceof InvalidInputError)
      throw new InvalidInputError(
        channel,
        err.issues.map((i) => ({ ...i, path: `input.${i.path}` })),
      );
    throw err;
  }
}

function withForecast(ctx: CoreContext, input: FilmInput, channel: string) {
  const f = forecastOrNull(ctx, input, channel);
  return { input: f?.input ?? input, forecast: f, modelIds: f ? forecastModelIds(f) : [] };
}

function mark(record: ScenarioRecord, active: number[]): ScenarioRecord {
  return { ...record, stale: isStale(record, active) };
}

function view(ctx: CoreContext, record: ScenarioRecord, active: number[]): ScenarioView {
  const marked = mark(record, active);
  let fresh: Forecast | null = null;
  if (marked.stale && active.length > 0) {
    try {
      fresh = forecast(ctx, record.input);
    } catch {
      fresh = null; // e.g. a genre the new data no longer know: the stored forecast still shows
    }
  }
  return { ...marked, fresh };
}

function found(record: ScenarioRecord | null, id: number, channel: string): ScenarioRecord {
  if (!record) throw new InvalidInputError(channel, [{ path: 'id', message: `there is no scenario ${id}` }]);
  return record;
}

function changed(ctx: CoreContext, record: ScenarioRecord): ScenarioRecord {
  emitEvent(ctx, { type: 'data.changed', what: 'scenarios' });
  return mark(record, activeForecastModelIds(ctx.db));
}

export function slateTotals(scenarios: ScenarioView[]): SlateTotals {
  let budget = 0;
  let expectedRevenue = 0;
  let expectedHits: number | null = null;
  for (const s of scenarios) {
    const f = s.fresh ?? s.forecast;
    budget += s.input.budget;
    if (f) {
      expectedRevenue += f.revenue;
      if (f.hitProbability !== null) expectedHits = (expectedHits ?? 0) + f.hitProbability;
    }
  }
  return { scenarios: scenarios.length, budget, expectedRevenue, expectedHits };
}

export const scenarioHandlers = {
  'scenarios.list': (_input, ctx) => {
    const active = activeForecastModelIds(ctx.db);
    return listScenarios(ctx.db).map((r) => mark(r, active));
  },
  'scenarios.get': ({ id }, ctx) => {
    const record = getScenario(ctx.db, id);
    return record ? view(ctx, record, activeForecastModelIds(ctx.db)) : null;
  },
  'scenarios.save': ({ name, note, input }, ctx) =>
    changed(ctx, insertScenario(ctx.db, { name, note: note ?? null, ...withForecast(ctx, input, 'scenarios.save') })),
  'scenarios.update': ({ id, input }, ctx) => {
    found(getScenario(ctx.db, id), id, 'scenarios.update');
    return changed(
      ctx,
      found(updateScenario(ctx.db, id, withForecast(ctx, input, 'scenarios.update')), id, 'scenarios.update'),
    );
  },
  'scenarios.refresh': ({ id }, ctx) => {
    const record = found(getScenario(ctx.db, id), id, 'scenarios.refresh');
    return changed(
      ctx,
      found(updateScenario(ctx.db, id, withForecast(ctx, record.input, 'scenarios.refresh')), id, 'scenarios.refresh'),
    );
  },
  'scenarios.rename': ({ id, name }, ctx) =>
    changed(ctx, found(updateScenario(ctx.db, id, { name }), id, 'scenarios.rename')),
  'scenarios.annotate': ({ id, note }, ctx) =>
    changed(ctx, found(updateScenario(ctx.db, id, { note }), id, 'scenarios.annotate')),
  'scenarios.duplicate': ({ id, name }, ctx) =>
    changed(ctx, found(duplicateScenario(ctx.db, id, name), id, 'scenarios.duplicate')),
  'scenarios.delete': ({ id }, ctx) => {
    const deleted = deleteScenario(ctx.db, id);
    if (deleted) emitEvent(ctx, { type: 'data.changed', what: 'scenarios' });
    return { deleted };
  },
  'scenarios.compare': ({ ids }, ctx) => {
    const active = activeForecastModelIds(ctx.db);
    const scenarios = [...new Set(ids)].map((id) =>
      view(ctx, found(getScenario(ctx.db, id), id, 'scenarios.compare'), active),
    );
    return { scenarios, totals: slateTotals(scenarios) };
  },
} satisfies HandlerMap<
  | 'scenarios.list'
  | 'scenarios.get'
  | 'scenarios.save'
  | 'scenarios.update'
  | 'scenarios.refresh'
  | 'scenarios.rename'
  | 'scenarios.annotate'
  | 'scenarios.duplicate'
  | 'scenarios.delete'
  | 'scenarios.compare'
>;

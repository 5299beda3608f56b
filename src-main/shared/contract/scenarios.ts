/**
 * Scenario channels: save, rename, duplicate, annotate, delete, compare and the slate.
 */
import { z } from 'zod';
import { channel, output } from './define';
import { filmInputSchema } from './forecast';
import type { Forecast, ScenarioRecord } from '../forecast';

const id = z.number().int().positive();
const scenarioName = z.string().trim().min(1, 'name must not be empty').max(200, 'name: at most 200 characters');
const note = z.string().max(10_000, 'note: at most 10,000 characters').nullable();

/** A scenario with, when its stored forecast came from other model versions than the active ones, a fresh one. */
export interface ScenarioView extends ScenarioRecord {
  fresh: Forecast | null;
}

export interface SlateTotals {
  scenarios: number;
  budget: number;
  expectedRevenue: number;
  /** Sum of hit probabilities: the expected number of hits. */
  expectedHits: number | null;
}

export const scenarioChannels = {
  'scenarios.list': channel({
    summary: 'Saved scenarios, newest first, each marked stale when the active models changed since.',
    input: z.object({}).strict(),
    output: output<ScenarioRecord[]>(),
  }),
  'scenarios.get': channel({
    summary: 'One scenario with its stored forecast and, when stale, a fresh forecast beside it.',
    input: z.object({ id }).strict(),
    output: output<ScenarioView | null>(),
  }),
  'scenarios.save': channel({
    summary: 'Saves a scenario with the forecast the active models give it now.',
    input: z.object({ name: scenarioName, note: note.optional(), input: filmInputSchema }).strict(),
    output: output<ScenarioRecord>(),
  }),
  'scenarios.update': channel({
    summary: "Replaces a scenario's inputs and re-forecasts it.",
    input: z.object({ id, input: filmInputSchema }).strict(),
    output: output<ScenarioRecord>(),
  }),
  'scenarios.refresh': channel({
    summary: 'Re-forecasts a scenario with the active models and stores the result.',
    input: z.object({ id }).strict(),
    output: output<ScenarioRecord>(),
  }),
  'scenarios.rename': channel({
    summary: 'Renames a scenario.',
    input: z.object({ id, name: scenarioName }).strict(),
    output: output<ScenarioRecord>(),
  }),
  'scenarios.annotate': channel({
    summary: "Sets a scenario's note (null clears it).",
    input: z.object({ id, note }).strict(),
    output: output<ScenarioRecord>(),
  }),
  'scenarios.duplicate': channel({
    summary: 'Copies a scenario (inputs, forecast, note) under a new name.',
    input: z.object({ id, name: scenarioName.optional() }).strict(),
    output: output<ScenarioRecord>(),
  }),
  'scenarios.delete': channel({
    summary: 'Deletes a scenario.',
    input: z.object({ id }).strict(),
    output: output<{ deleted: boolean }>(),
  }),
  'scenarios.compare': channel({
    summary: 'Several scenarios side by side (fresh forecasts beside stale ones) with slate totals.',
    input: z.object({ ids: z.array(id).min(1).max(200) }).strict(),
    output: output<{ scenarios: ScenarioView[]; totals: SlateTotals }>(),
  }),
};

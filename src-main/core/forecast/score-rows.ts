/**
 * Scoring typed rows: validation with the scenario schema, then a lean forecast. Pure and synchronous, so the
 * same code runs in the main thread and in the scoring workers.
 */
import { filmInputSchema } from '../../shared/contract/forecast';
import { InvalidInputError } from '../api/handler';
import { quickForecast, type ForecastState } from './engine';

export type RowResult =
  | { ok: true; revenue: number; low: number; high: number; hit: number | null; roi: number }
  | { ok: false; path: string; message: string };

export function scoreInputs(state: ForecastState, inputs: readonly unknown[], level: number): RowResult[] {
  return inputs.map((candidate): RowResult => {
    const parsed = filmInputSchema.safeParse(candidate);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return { ok: false, path: String(issue.path[0] ?? ''), message: issue.message };
    }
    try {
      const f = quickForecast(state, parsed.data, level);
      return {
        ok: true,
        revenue: f.revenue,
        low: f.revenueLow,
        high: f.revenueHigh,
        hit: f.hitProbability,
        roi: f.roi,
      };
    } catch (err) {
      if (!(err instanceof InvalidInputError)) throw err;
      return { ok: false, path: err.issues[0].path, message: err.issues[0].message };
    }
  });
}

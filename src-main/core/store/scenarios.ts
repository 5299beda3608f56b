/**
 * Saved scenarios: a film the analyst weighs, the forecast it got and the model versions that gave it.
 * Rows of the `scenarios` table (migration 001); inputs and forecasts are stored as JSON.
 */
import type { FilmInput } from '../../shared/film';
import type { Forecast, ScenarioRecord } from '../../shared/forecast';
import type { Db } from './db';

interface ScenarioRow {
  id: number;
  name: string;
  note: string | null;
  input_json: string;
  forecast_json: string | null;
  model_ids_json: string | null;
  created_at: string;
  updated_at: string;
}

export interface NewScenario {
  name: string;
  note?: string | null;
  input: FilmInput;
  forecast: Forecast | null;
  modelIds: number[];
}

function fromRow(row: ScenarioRow): ScenarioRecord {
  return {
    id: row.id,
    name: row.name,
    note: row.note,
    input: JSON.parse(row.input_json) as FilmInput,
    forecast: row.forecast_json ? (JSON.parse(row.forecast_json) as Forecast) : null,
    modelIds: row.model_ids_json ? (JSON.parse(row.model_ids_json) as number[]) : [],
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function insertScenario(db: Db, scenario: NewScenario): ScenarioRecord {
  const now = new Date().toISOString();
  const info = db
    .prepare(
      `INSERT INTO scenarios (name, note, input_json, forecast_json, model_ids_json, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      scenario.name,
      scenario.note ?? null,
      JSON.stringify(scenario.input),
      scenario.forecast ? JSON.stringify(scenario.forecast) : null,
      JSON.stringify(scenario.modelIds),
      now,
      now,
    );
  return getScenario(db, Number(info.lastInsertRowid)) as ScenarioRecord;
}

export function getScenario(db: Db, id: number): ScenarioRecord | null {
  const row = db.prepare('SELECT * FROM scenarios WHERE id = ?').get(id) as ScenarioRow | undefined;
  return row ? fromRow(row) : null;
}

/** Every scenario, most recently changed first. */
export function listScenarios(db: Db): ScenarioRecord[] {
  const rows = db.prepare('SELECT * FROM scenarios ORDER BY updated_at DESC, id DESC').all() as ScenarioRow[];
  return rows.map(fromRow);
}

/** Changes the given fields; returns the updated record, or null when there is no such scenario. */
export function updateScenario(
  db: Db,
  id: number,
  patch: Partial<Pick<NewScenario, 'name' | 'note' | 'input' | 'forecast' | 'modelIds'>>,
): ScenarioRecord | null {
  const sets: string[] = [];
  const values: unknown[] = [];
  const set = (column: string, value: unknown) => {
    sets.push(`${column} = ?`);
    values.push(value);
  };
  if (patch.name !== undefined) set('name', patch.name);
  if (patch.note !== undefined) set('note', patch.note);
  if (patch.input !== undefined) set('input_json', JSON.stringify(patch.input));
  if (patch.forecast !== undefined) set('forecast_json', patch.forecast ? JSON.stringify(patch.forecast) : null);
  if (patch.modelIds !== undefined) set('model_ids_json', JSON.stringify(patch.modelIds));
  set('updated_at', new Date().toISOString());
  const info = db.prepare(`UPDATE scenarios SET ${sets.join(', ')} WHERE id = ?`).run(...values, id);
  return info.changes > 0 ? getScenario(db, id) : null;
}

/** A copy under a new name (default "<name> (copy)"); null when the original does not exist. */
export function duplicateScenario(db: Db, id: number, name?: string): ScenarioRecord | null {
  const original = getScenario(db, id);
  if (!original) return null;
  return insertScenario(db, {
    name: name ?? `${original.name} (copy)`,
    note: original.note,
    input: original.input,
    forecast: original.forecast,
    modelIds: original.modelIds,
  });
}

export function deleteScenario(db: Db, id: number): boolean {
  return db.prepare('DELETE FROM scenarios WHERE id = ?').run(id).changes > 0;
}

/** True when the scenario's forecast came from other model versions than the active ones. */
export function isStale(record: ScenarioRecord, activeModelIds: readonly number[]): boolean {
  const stored = [...record.modelIds].sort((a, b) => a - b).join(',');
  const active = [...activeModelIds].sort((a, b) => a - b).join(',');
  return record.forecast === null || stored !== active;
}

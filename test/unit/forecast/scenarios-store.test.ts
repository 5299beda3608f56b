import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../../src-main/core/store/db';
import {
  deleteScenario,
  duplicateScenario,
  getScenario,
  insertScenario,
  isStale,
  listScenarios,
  updateScenario,
} from '../../../src-main/core/store/scenarios';
import { buildForecastState, forecastWith } from '../../../src-main/core/forecast/engine';
import { linearRevenueModel, logisticHitModel, sampleFilms } from './helpers';

let db: Db | undefined;
afterEach(() => db?.close());

const input = { title: 'Heist <b>', budget: 40e6, runtime: 100, genres: ['Action'], releaseDate: '2026-03-01' };

describe('scenario store', () => {
  it('round-trips input, forecast and model ids through SQLite', () => {
    db = openDatabase(':memory:');
    const state = buildForecastState({ revenue: linearRevenueModel(), hit: logisticHitModel() }, sampleFilms());
    const forecast = forecastWith(state, input);
    const saved = insertScenario(db, { name: 'Heist', note: 'first pass', input, forecast, modelIds: [1, 2] });
    const loaded = getScenario(db, saved.id)!;
    expect(loaded.input).toEqual(input);
    expect(loaded.forecast).toEqual(JSON.parse(JSON.stringify(forecast)));
    expect(loaded.modelIds).toEqual([1, 2]);
    expect(loaded.note).toBe('first pass');
    expect(isStale(loaded, [2, 1])).toBe(false);
    expect(isStale(loaded, [1, 3])).toBe(true);
  });

  it('renames, annotates, duplicates and deletes', () => {
    db = openDatabase(':memory:');
    const a = insertScenario(db, { name: 'A', input, forecast: null, modelIds: [] });
    expect(updateScenario(db, a.id, { name: 'A prime' })!.name).toBe('A prime');
    expect(updateScenario(db, a.id, { note: 'check the date' })!.note).toBe('check the date');
    expect(updateScenario(db, a.id, { note: null })!.note).toBeNull();
    const copy = duplicateScenario(db, a.id)!;
    expect(copy.id).not.toBe(a.id);
    expect(copy.name).toBe('A prime (copy)');
    expect(copy.input).toEqual(input);
    expect(
      listScenarios(db)
        .map((s) => s.id)
        .sort(),
    ).toEqual([a.id, copy.id].sort());
    expect(deleteScenario(db, a.id)).toBe(true);
    expect(deleteScenario(db, a.id)).toBe(false);
    expect(getScenario(db, a.id)).toBeNull();
    expect(updateScenario(db, a.id, { name: 'gone' })).toBeNull();
    expect(duplicateScenario(db, a.id)).toBeNull();
  });
});

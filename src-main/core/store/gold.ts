/**
 * Gold: what the active models say of every silver film, in the target's reported unit (dollars,
 * probability, popularity). Written after a version is activated; read by charts and comparables.
 */
import type { Db } from './db';

export interface GoldPrediction {
  filmId: number;
  prediction: number;
}

/**
 * Replaces the predictions of a model version, and drops those of other versions of the same target, so
 * gold holds what the active models say. One transaction.
 */
export function replaceGoldPredictions(db: Db, modelId: number, target: string, rows: GoldPrediction[]): void {
  const insert = db.prepare('INSERT INTO gold_predictions (model_id, film_id, prediction) VALUES (?, ?, ?)');
  db.transaction(() => {
    db.prepare(
      'DELETE FROM gold_predictions WHERE model_id IN (SELECT id FROM model_versions WHERE target = ?) OR model_id = ?',
    ).run(target, modelId);
    for (const r of rows) if (Number.isFinite(r.prediction)) insert.run(modelId, r.filmId, r.prediction);
  })();
}

export function goldPredictions(db: Db, modelId: number): Map<number, number> {
  const rows = db.prepare('SELECT film_id, prediction FROM gold_predictions WHERE model_id = ?').all(modelId) as {
    film_id: number;
    prediction: number;
  }[];
  return new Map(rows.map((r) => [r.film_id, r.prediction]));
}

export function countGoldPredictions(db: Db, modelId: number): number {
  return db.prepare('SELECT count(*) FROM gold_predictions WHERE model_id = ?').pluck().get(modelId) as number;
}

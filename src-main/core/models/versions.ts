/**
 * Version operations with their side effects: save (one transaction), activate (writes the active model's
 * predictions for every silver film into gold), compare, archive.
 */
import type { Db } from '../store/db';
import { loadSilverFilms } from '../store/films';
import {
  archiveModelVersion,
  insertModelVersion,
  requireModelVersion,
  setActiveModelVersion,
  type ModelVersionRecord,
  type NewModelVersion,
} from '../store/models';
import { replaceGoldPredictions, type GoldPrediction } from '../store/gold';
import type { LoadedModel, ModelVersionSummary } from './types';
import type { VersionComparison } from '../../shared/contract/models';
import { toLoadedModel } from './load';

/** What the model says of every silver film (flagged ones too: gold describes all of silver). */
function goldRows(db: Db, model: LoadedModel): GoldPrediction[] {
  return loadSilverFilms(db, { includeFlagged: true }).map((film) => ({ filmId: film.id, prediction: model.predict(film) }));
}

function asRecord(v: NewModelVersion, id: number): ModelVersionRecord {
  return { ...v, id, status: 'ready', createdAt: v.createdAt ?? new Date().toISOString(), activatedAt: null };
}

/**
 * Stores a trained version and, when asked, activates it and fills gold, all in one transaction: either the
 * version (and its gold rows) exist afterwards, or nothing changed.
 */
export function saveModelVersion(db: Db, version: NewModelVersion, options: { activate?: boolean } = {}): number {
  const gold = options.activate ? goldRows(db, toLoadedModel(asRecord(version, 0))) : null;
  return db.transaction(() => {
    const id = insertModelVersion(db, version);
    if (gold) {
      setActiveModelVersion(db, id);
      replaceGoldPredictions(db, id, version.target, gold);
    }
    return id;
  })();
}

/**
 * Makes a version the active one for its target (rolling back is activating an older one) and writes its
 * predictions for every silver film into gold. Returns the previously active id.
 */
export function activateModel(db: Db, id: number): { previous: number | null; goldRows: number } {
  const record = requireModelVersion(db, id);
  const gold = goldRows(db, toLoadedModel(record));
  const previous = db.transaction(() => {
    const before = setActiveModelVersion(db, id);
    replaceGoldPredictions(db, id, record.target, gold);
    return before;
  })();
  return { previous, goldRows: gold.length };
}

export function archiveModel(db: Db, id: number): void {
  archiveModelVersion(db, id);
}

const LOWER_IS_BETTER = new Set(['rmse', 'mae', 'mae_dollars', 'logloss', 'brier', 'cv_score_std']);

/** Side-by-side metrics and differing parameters of two (or more) versions. */
export function compareVersions(db: Db, ids: number[]): VersionComparison {
  const records = ids.map((id) => requireModelVersion(db, id));
  const versions: ModelVersionSummary[] = records.map((r) => ({
    id: r.id,
    target: r.target,
    algorithm: r.algorithm,
    featureSet: r.featureSet,
    params: r.params,
    metrics: r.metrics,
    data: r.data,
    status: r.status,
    note: r.note,
    createdAt: r.createdAt,
    activatedAt: r.activatedAt,
  }));
  const names = [...new Set(versions.flatMap((v) => Object.keys(v.metrics)))].filter((n) => n !== 'rows');
  const metrics = names.map((name) => {
    const values = versions.map((v) => (typeof v.metrics[name] === 'number' ? v.metrics[name] : null));
    const present = values.filter((v): v is number => v !== null);
    let better: number | null = null;
    if (present.length === values.length && new Set(present).size > 1) {
      const best = LOWER_IS_BETTER.has(name) ? Math.min(...present) : Math.max(...present);
      better = versions[values.indexOf(best)].id;
    }
    return { name, values, better };
  });
  const paramNames = [...new Set(versions.flatMap((v) => Object.keys(v.params)))].sort();
  const params = paramNames
    .map((name) => ({ name, values: versions.map((v) => v.params[name] ?? null) }))
    .filter((p) => new Set(p.values.map((v) => JSON.stringify(v))).size > 1);
  const sameData = new Set(versions.map((v) => v.data.fingerprint)).size === 1;
  return { versions, metrics, params, sameData };
}

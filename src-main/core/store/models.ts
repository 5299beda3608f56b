/**
 * Model versions in SQLite: insert (one transaction, at the end of training), list, read, activate (one
 * active per target, guarded by the schema's unique partial index), roll back and archive.
 */
import type { Db } from './db';
import type { ModelVersionSummary, Target, VersionStatus } from '../models/types';
import type { FeatureSpec } from '../features/types';
import type { SerializedModel } from '../ml/types';

/** Everything a version keeps beyond its summary. */
export interface ModelVersionRecord extends ModelVersionSummary {
  featureSpec: FeatureSpec;
  /** The CV table, importance, coverage and out-of-fold evidence (see core/models/report.ts). */
  report: Record<string, unknown>;
  calibration: Record<string, unknown>;
  artifact: SerializedModel;
}

export type NewModelVersion = Omit<ModelVersionRecord, 'id' | 'status' | 'createdAt' | 'activatedAt'> & {
  createdAt?: string;
};

interface Row {
  id: number;
  target: Target;
  algorithm: string;
  feature_set: string;
  params_json: string;
  feature_spec_json: string;
  cv_json: string | null;
  metrics_json: string | null;
  calibration_json: string | null;
  data_json: string;
  artifact_json: string;
  status: VersionStatus;
  note: string | null;
  created_at: string;
  activated_at: string | null;
}

const SUMMARY_COLUMNS =
  'id, target, algorithm, feature_set, params_json, metrics_json, data_json, status, note, created_at, activated_at';

function toSummary(
  row: Omit<Row, 'feature_spec_json' | 'cv_json' | 'calibration_json' | 'artifact_json'>,
): ModelVersionSummary {
  return {
    id: row.id,
    target: row.target,
    algorithm: row.algorithm,
    featureSet: row.feature_set,
    params: JSON.parse(row.params_json),
    metrics: row.metrics_json ? JSON.parse(row.metrics_json) : {},
    data: JSON.parse(row.data_json),
    status: row.status,
    note: row.note,
    createdAt: row.created_at,
    activatedAt: row.activated_at,
  };
}

/** A model version that does not exist; hosts answer it as "not found". */
export class ModelVersionNotFoundError extends Error {
  constructor(readonly id: number) {
    super(`There is no model version ${id}. List versions with \`greenlight models list\`.`);
    this.name = 'ModelVersionNotFoundError';
  }
}

/** Stores a trained version (status 'ready'); returns its id. Call inside the caller's transaction when needed. */
export function insertModelVersion(db: Db, v: NewModelVersion): number {
  const result = db
    .prepare(
      `INSERT INTO model_versions (target, algorithm, feature_set, params_json, feature_spec_json, cv_json, metrics_json,
         calibration_json, data_json, artifact_json, status, note, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'ready', ?, ?)`,
    )
    .run(
      v.target,
      v.algorithm,
      v.featureSet,
      JSON.stringify(v.params),
      JSON.stringify(v.featureSpec),
      JSON.stringify(v.report),
      JSON.stringify(v.metrics),
      JSON.stringify(v.calibration),
      JSON.stringify(v.data),
      JSON.stringify(v.artifact),
      v.note,
      v.createdAt ?? new Date().toISOString(),
    );
  return Number(result.lastInsertRowid);
}

export function listModelVersions(
  db: Db,
  options: { target?: Target; includeArchived?: boolean } = {},
): ModelVersionSummary[] {
  const where: string[] = [];
  const args: unknown[] = [];
  if (options.target) {
    where.push('target = ?');
    args.push(options.target);
  }
  if (!options.includeArchived) where.push("status <> 'archived'");
  const rows = db
    .prepare(
      `SELECT ${SUMMARY_COLUMNS} FROM model_versions ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id DESC`,
    )
    .all(...args) as Row[];
  return rows.map(toSummary);
}

export function getModelSummary(db: Db, id: number): ModelVersionSummary | null {
  const row = db.prepare(`SELECT ${SUMMARY_COLUMNS} FROM model_versions WHERE id = ?`).get(id) as Row | undefined;
  return row ? toSummary(row) : null;
}

export function getModelVersion(db: Db, id: number): ModelVersionRecord | null {
  const row = db.prepare('SELECT * FROM model_versions WHERE id = ?').get(id) as Row | undefined;
  if (!row) return null;
  return {
    ...toSummary(row),
    featureSpec: JSON.parse(row.feature_spec_json),
    report: row.cv_json ? JSON.parse(row.cv_json) : {},
    calibration: row.calibration_json ? JSON.parse(row.calibration_json) : {},
    artifact: JSON.parse(row.artifact_json),
  };
}

export function requireModelVersion(db: Db, id: number): ModelVersionRecord {
  const v = getModelVersion(db, id);
  if (!v) throw new ModelVersionNotFoundError(id);
  return v;
}

/** The active version id per target. */
export function activeModelIds(db: Db): Partial<Record<Target, number>> {
  const rows = db.prepare("SELECT target, id FROM model_versions WHERE status = 'active'").all() as {
    target: Target;
    id: number;
  }[];
  return Object.fromEntries(rows.map((r) => [r.target, r.id]));
}

/**
 * Makes a version the active one for its target; the previously active one goes back to 'ready'. Activating
 * an older or archived version is how a roll back is done. Returns the id that was active before (if any).
 */
export function setActiveModelVersion(db: Db, id: number, now = new Date().toISOString()): number | null {
  return db.transaction(() => {
    const v = getModelSummary(db, id);
    if (!v) throw new ModelVersionNotFoundError(id);
    const previous = activeModelIds(db)[v.target] ?? null;
    if (previous === id) return previous;
    db.prepare("UPDATE model_versions SET status = 'ready' WHERE target = ? AND status = 'active'").run(v.target);
    db.prepare("UPDATE model_versions SET status = 'active', activated_at = ? WHERE id = ?").run(now, id);
    return previous;
  })();
}

/** Archives a version (hidden from lists by default). The active version cannot be archived. */
export function archiveModelVersion(db: Db, id: number): void {
  const v = getModelSummary(db, id);
  if (!v) throw new ModelVersionNotFoundError(id);
  if (v.status === 'active') {
    throw new Error(`Version ${id} is the active ${v.target} model: activate another version before archiving it.`);
  }
  db.prepare("UPDATE model_versions SET status = 'archived' WHERE id = ?").run(id);
}

export function countModelVersions(db: Db): number {
  return db.prepare('SELECT count(*) FROM model_versions').pluck().get() as number;
}

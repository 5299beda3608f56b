/**
 * Import batches: one row per imported file, with its counts and timings. A batch and everything it
 * wrote commit together, so every batch listed here finished.
 */
import type { ImportBatch } from '../../shared/contract/data';
import type { Db } from './db';

export type { ImportBatch };

export function createBatch(
  db: Db,
  b: {
    source: string;
    kind: ImportBatch['kind'];
    mapping: Record<string, string> | null;
    encoding: string;
    delimiter: string;
    startedAt: string;
  },
): number {
  const info = db
    .prepare(
      `INSERT INTO import_batches (source, kind, sha256, mapping_json, encoding, delimiter, started_at)
       VALUES (?, ?, '', ?, ?, ?, ?)`,
    )
    .run(b.source, b.kind, b.mapping ? JSON.stringify(b.mapping) : null, b.encoding, b.delimiter, b.startedAt);
  return Number(info.lastInsertRowid);
}

export function finishBatch(
  db: Db,
  id: number,
  f: {
    sha256: string;
    rowsRead: number;
    rowsLoaded: number;
    rowsQuarantined: number;
    rowsFlagged: number;
    finishedAt: string;
    seconds: number;
  },
): void {
  db.prepare(
    `UPDATE import_batches SET sha256 = ?, rows_read = ?, rows_loaded = ?, rows_quarantined = ?, rows_flagged = ?,
       finished_at = ?, seconds = ? WHERE id = ?`,
  ).run(f.sha256, f.rowsRead, f.rowsLoaded, f.rowsQuarantined, f.rowsFlagged, f.finishedAt, f.seconds, id);
}

interface BatchRow {
  id: number;
  source: string;
  kind: ImportBatch['kind'];
  sha256: string;
  mapping_json: string | null;
  encoding: string | null;
  delimiter: string | null;
  rows_read: number;
  rows_loaded: number;
  rows_quarantined: number;
  rows_flagged: number;
  started_at: string;
  finished_at: string | null;
  seconds: number | null;
}

function toBatch(r: BatchRow): ImportBatch {
  return {
    id: r.id,
    source: r.source,
    kind: r.kind,
    sha256: r.sha256,
    mapping: r.mapping_json ? (JSON.parse(r.mapping_json) as Record<string, string>) : null,
    encoding: r.encoding,
    delimiter: r.delimiter,
    rowsRead: r.rows_read,
    rowsLoaded: r.rows_loaded,
    rowsQuarantined: r.rows_quarantined,
    rowsFlagged: r.rows_flagged,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
    seconds: r.seconds,
  };
}

/** Import history, newest first. */
export function listBatches(db: Db, limit = 200): ImportBatch[] {
  return (db.prepare('SELECT * FROM import_batches ORDER BY id DESC LIMIT ?').all(limit) as BatchRow[]).map(toBatch);
}

export function getBatch(db: Db, id: number): ImportBatch | null {
  const row = db.prepare('SELECT * FROM import_batches WHERE id = ?').get(id) as BatchRow | undefined;
  return row ? toBatch(row) : null;
}

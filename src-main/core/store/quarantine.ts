/**
 * Quarantine: rows an import could not type, with the field at fault and the reason. Never deleted by an import.
 */
import type { QuarantinedRow } from '../../shared/contract/data';
import type { Db } from './db';

export type { QuarantinedRow };

/** A writer for one batch's quarantined rows; `rawJson` is the row's fields as JSON text (as bronze holds them). */
export function quarantineWriter(
  db: Db,
  batchId: number,
): (rowNumber: number, field: string | null, reason: string, rawJson: string) => void {
  const insert = db.prepare(
    'INSERT INTO quarantine (batch_id, row_number, field, reason, raw_json) VALUES (?, ?, ?, ?, ?)',
  );
  return (rowNumber, field, reason, rawJson) => {
    insert.run(batchId, rowNumber, field, reason, rawJson);
  };
}

/** Quarantined rows, oldest batch first, with the total for paging. Raw fields are clipped to 200 characters each. */
export function listQuarantine(
  db: Db,
  q: { batch?: number; limit: number; offset: number },
): { total: number; rows: QuarantinedRow[] } {
  const where = q.batch !== undefined ? 'WHERE q.batch_id = @batch' : '';
  const params = { batch: q.batch, limit: q.limit, offset: q.offset };
  const total = db
    .prepare(`SELECT count(*) FROM quarantine q ${where}`)
    .pluck()
    .get(q.batch !== undefined ? { batch: q.batch } : {}) as number;
  const rows = db
    .prepare(
      `SELECT q.id, q.batch_id AS batch, b.source, q.row_number AS row, q.field, q.reason, q.raw_json
       FROM quarantine q JOIN import_batches b ON b.id = q.batch_id ${where}
       ORDER BY q.batch_id, q.row_number LIMIT @limit OFFSET @offset`,
    )
    .all(q.batch !== undefined ? params : { limit: q.limit, offset: q.offset }) as (Omit<QuarantinedRow, 'raw'> & {
    raw_json: string;
  })[];
  return {
    total,
    rows: rows.map(({ raw_json, ...r }) => ({
      ...r,
      raw: (JSON.parse(raw_json) as string[]).map((f) => (f.length > 200 ? `${f.slice(0, 200)}...` : f)),
    })),
  };
}

/**
 * Quarantine counts by kind of reason. Rows count together when their reasons differ only in quoted values and
 * numbers ("budget: "abc" is not money" and "budget: "xyz" is not money"); the reason shown is the first one met,
 * with only its quoted value blanked, so the numbers a person needs (accepted formats, column counts) stay readable.
 */
export function quarantineByReason(db: Db): { field: string | null; reason: string; count: number }[] {
  const counts = new Map<string, { field: string | null; reason: string; count: number }>();
  for (const r of db.prepare('SELECT field, reason FROM quarantine').iterate() as IterableIterator<{
    field: string | null;
    reason: string;
  }>) {
    const reason = r.reason.replace(/"(?:[^"\\]|\\.)*"/g, '"..."');
    const key = `${r.field}\u0000${reason.replace(/\d[\d,.]*/g, 'N')}`;
    const entry = counts.get(key) ?? { field: r.field, reason, count: 0 };
    entry.count++;
    counts.set(key, entry);
  }
  return [...counts.values()].sort((a, b) => b.count - a.count);
}

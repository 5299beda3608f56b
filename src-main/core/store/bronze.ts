/**
 * Bronze: every input row exactly as read (all fields as text), with its batch and row number. Rows that
 * could not be typed land here too, so nothing read is ever lost.
 */
import type { Db } from './db';

export function insertBronzeHeader(db: Db, batchId: number, header: string[]): void {
  db.prepare('INSERT INTO bronze_headers (batch_id, header_json) VALUES (?, ?)').run(batchId, JSON.stringify(header));
}

/** A prepared writer for one batch's rows (row numbers start at 1, the first row after the header). */
export function bronzeWriter(db: Db, batchId: number): (rowNumber: number, fields: string[]) => void {
  const insert = db.prepare('INSERT INTO bronze_rows (batch_id, row_number, fields_json) VALUES (?, ?, ?)');
  return (rowNumber, fields) => {
    insert.run(batchId, rowNumber, JSON.stringify(fields));
  };
}

/** The raw fields of one bronze row, or null. */
export function getBronzeRow(db: Db, batchId: number, rowNumber: number): string[] | null {
  const json = db
    .prepare('SELECT fields_json FROM bronze_rows WHERE batch_id = ? AND row_number = ?')
    .pluck()
    .get(batchId, rowNumber) as string | undefined;
  return json === undefined ? null : (JSON.parse(json) as string[]);
}

export function bronzeHeader(db: Db, batchId: number): string[] | null {
  const json = db.prepare('SELECT header_json FROM bronze_headers WHERE batch_id = ?').pluck().get(batchId) as
    string | undefined;
  return json === undefined ? null : (JSON.parse(json) as string[]);
}

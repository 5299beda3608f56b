/**
 * Bronze: every input row exactly as read (all fields as text), with its batch and row number. Rows that
 * could not be typed land here too, so nothing read is ever lost.
 */
import type { Db } from './db';
import { BufferedInsert } from './silver';

export function insertBronzeHeader(db: Db, batchId: number, header: string[]): void {
  db.prepare('INSERT INTO bronze_headers (batch_id, header_json) VALUES (?, ?)').run(batchId, JSON.stringify(header));
}

export interface BronzeWriter {
  /** Queues one row (row numbers start at 1, the first row after the header). */
  write(rowNumber: number, fields: string[]): void;
  /** Queues one row given as its fields' JSON text (JSON.stringify of the fields, as `write` stores them). */
  writeJson(rowNumber: number, fieldsJson: string): void;
  /** Writes the queued rows; call before the transaction commits. */
  flush(): void;
}

/** Bronze rows held before they are written (about 1.2 MB of text for TMDB rows). */
export const BRONZE_ROWS_PER_FLUSH = 1024;

/** A writer for one batch's rows, inserting them many at a time. */
export function bronzeWriter(db: Db, batchId: number): BronzeWriter {
  // The batch id is written into the statement: a row binds only its number and its fields. Rows are written
  // BRONZE_ROWS_PER_FLUSH at a time: measured on 100,000 TMDB rows, writing bronze in runs of 1,024 rows
  // between the films' upserts (rather than 128) cut SQLite's time for both by about a third (the pages of
  // each table are filled and written out together).
  const rows = new BufferedInsert(
    db,
    'INSERT INTO bronze_rows (batch_id, row_number, fields_json)',
    2,
    `(${Math.trunc(batchId)}, ?, ?)`,
    BRONZE_ROWS_PER_FLUSH,
  );
  return {
    write: (rowNumber, fields) => rows.add2(rowNumber, JSON.stringify(fields)),
    writeJson: (rowNumber, fieldsJson) => rows.add2(rowNumber, fieldsJson),
    flush: () => rows.flush(),
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

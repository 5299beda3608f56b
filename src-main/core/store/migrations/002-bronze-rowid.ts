/**
 * Bronze rows move from a WITHOUT ROWID table to an ordinary rowid table. A bronze row holds a whole CSV row
 * as JSON (about 1.2 KB for a TMDB film), and WITHOUT ROWID tables keep at most about 1 KB of a row on its
 * B-tree page on a 4 KB page: the rest of each row went to its own overflow page, mostly empty. Measured on
 * 100,000 TMDB rows: bronze_rows took 338 MB, 219 MB of it unused; as a rowid table the rows pack three to
 * a page. Same columns and key (a small unique index on batch and row number), so every reader is unchanged.
 */
export const name = 'bronze-rowid';

export const up = /* sql */ `
CREATE TABLE bronze_rows_packed (
  batch_id    INTEGER NOT NULL REFERENCES import_batches(id) ON DELETE CASCADE,
  row_number  INTEGER NOT NULL,                -- 1 = first data row after the header
  fields_json TEXT NOT NULL,                   -- JSON array of the raw field texts, in file order
  PRIMARY KEY (batch_id, row_number)
);
INSERT INTO bronze_rows_packed (batch_id, row_number, fields_json)
  SELECT batch_id, row_number, fields_json FROM bronze_rows ORDER BY batch_id, row_number;
DROP TABLE bronze_rows;
ALTER TABLE bronze_rows_packed RENAME TO bronze_rows;
`;

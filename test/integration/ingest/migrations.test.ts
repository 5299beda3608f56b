/**
 * The import's schema migrations on a database written before them: bronze rows survive the move to a rowid
 * table (002), and the unused list name indexes are gone (003).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { importFile } from '../../../src-main/core/ingest/import';
import { getBronzeRow } from '../../../src-main/core/store/bronze';
import { openDatabase } from '../../../src-main/core/store/db';
import { migrations } from '../../../src-main/core/store/migrations';
import { cleanup, fixture, layerCounts, tempDir } from './helpers';

afterEach(cleanup);

describe('import schema migrations', () => {
  it('upgrade a database imported under the first schema without losing a bronze row', async () => {
    const file = `${tempDir()}/old.sqlite`;
    const old = openDatabase(file, { migrations: migrations.filter((m) => m.version === 1) });
    await importFile(old, fixture('movies-ragged.csv'));
    const before = layerCounts(old);
    const rowsBefore = old.prepare('SELECT * FROM bronze_rows ORDER BY batch_id, row_number').all();
    old.close();

    const db = openDatabase(file);
    expect(layerCounts(db)).toEqual(before);
    expect(db.prepare('SELECT * FROM bronze_rows ORDER BY batch_id, row_number').all()).toEqual(rowsBefore);
    const sql = db.prepare("SELECT sql FROM sqlite_master WHERE name = 'bronze_rows'").pluck().get() as string;
    expect(sql).not.toMatch(/WITHOUT ROWID/i);
    expect(getBronzeRow(db, 1, 1)).not.toBeNull();
    expect(
      db.prepare("SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name LIKE 'film_%name'").pluck().get(),
    ).toBe(0);
    // The key still refuses a second copy of a row.
    expect(() =>
      db.prepare("INSERT INTO bronze_rows (batch_id, row_number, fields_json) VALUES (1, 1, '[]')").run(),
    ).toThrowError(/UNIQUE|PRIMARY KEY/);
    db.close();
  });
});

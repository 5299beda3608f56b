/**
 * Imports on their own connection in a worker thread (importFileIsolated): another handler's write during an
 * import is its own transaction, readers see only committed data, cancel rolls back, and in-memory databases
 * import in-process.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { importFileIsolated } from '../../../src-main/core/ingest/isolated';
import { ImportCancelledError, ImportError } from '../../../src-main/core/ingest/errors';
import { openDatabase } from '../../../src-main/core/store/db';
import { cleanup, fixture, layerCounts, MOVIES_HEADER, moviesRow, tempDatabase } from './helpers';

afterEach(cleanup);

/** A TMDB-format file of `rows` films (about 1 KB each, TMDB ids from `firstId`); `lastTitle` names the last. */
function moviesFile(rows: number, lastTitle = 'Last', firstId = 1): Buffer {
  const lines = [MOVIES_HEADER];
  for (let i = 0; i < rows - 1; i++) lines.push(moviesRow(firstId + i, `Film ${i}`, 'x'.repeat(900)));
  lines.push(moviesRow(firstId + rows - 1, lastTitle));
  return Buffer.from(`${lines.join('\n')}\n`, 'latin1');
}

describe('importFileIsolated', () => {
  it("keeps another handler's write made during an import, even when the import's transaction rolls back", async () => {
    const { db, file } = tempDatabase();
    // The last title is Windows-1252 ("Amélie" as one byte 0xE9): the first pass, read as UTF-8, rolls back at
    // the end of the file and the import starts again as Windows-1252.
    const content = moviesFile(4000, 'Am\u00e9lie');
    let wrote = false;
    const summary = await importFileIsolated(
      { db, databasePath: file },
      { fileName: 'late-latin1.csv', content },
      {
        onProgress: () => {
          if (wrote) return;
          wrote = true;
          // On the shared connection this insert joined the import's transaction and vanished with its rollback.
          db.prepare("INSERT INTO app_settings (key, value) VALUES ('theme', 'dark')").run();
        },
      },
    );
    expect(summary).toMatchObject({ rows: 4000, loaded: 4000, quarantined: 0, encoding: 'windows-1252' });
    expect(wrote).toBe(true);
    expect(db.prepare("SELECT value FROM app_settings WHERE key = 'theme'").pluck().get()).toBe('dark');
    expect(db.prepare("SELECT count(*) FROM films WHERE title = 'Amélie'").pluck().get()).toBe(1);
    db.close();
  });

  it('lets the app read committed data while an import is under way, and shows the films once it commits', async () => {
    const { db, file } = tempDatabase();
    const seenDuring: number[] = [];
    const summary = await importFileIsolated(
      { db, databasePath: file },
      { fileName: 'big.csv', content: moviesFile(4000) },
      {
        onProgress: (p) =>
          p.step === 'importing' && seenDuring.push(db.prepare('SELECT count(*) FROM films').pluck().get() as number),
      },
    );
    expect(summary.loaded).toBe(4000);
    expect(seenDuring.length).toBeGreaterThan(0);
    // Never a half-imported file. (A progress message can reach this thread after the worker committed, on a
    // busy machine, so the whole file may be seen too.)
    expect(seenDuring.every((n) => n === 0 || n === 4000)).toBe(true);
    expect(db.prepare('SELECT count(*) FROM films').pluck().get()).toBe(4000);
    db.close();
  });

  it('rolls back on cancel and reports the cancel as such', async () => {
    const { db, file } = tempDatabase();
    const before = layerCounts(db);
    const abort = new AbortController();
    const run = importFileIsolated(
      { db, databasePath: file },
      { fileName: 'cancelled.csv', content: moviesFile(4000) },
      { signal: abort.signal, onProgress: () => abort.abort() },
    );
    await expect(run).rejects.toBeInstanceOf(ImportCancelledError);
    expect(layerCounts(db)).toEqual(before);
    db.close();
  });

  it('reports a file that cannot be read with the same one-line ImportError, from a path too', async () => {
    const { db, file } = tempDatabase();
    const run = importFileIsolated({ db, databasePath: file }, fixture('movies-missing-id.csv'));
    await expect(run).rejects.toBeInstanceOf(ImportError);
    await expect(run).rejects.toThrowError(/^movies-missing-id\.csv: has no column "id"/);
    const good = await importFileIsolated({ db, databasePath: file }, fixture('movies-good.csv'));
    expect(good).toMatchObject({ file: 'movies-good.csv', loaded: 3 });
    db.close();
  });

  it('runs imports on one file one after the other', async () => {
    const { db, file } = tempDatabase();
    const other = openDatabase(file);
    const [a, b] = await Promise.all([
      importFileIsolated({ db, databasePath: file }, { fileName: 'a.csv', content: moviesFile(500) }),
      importFileIsolated({ db: other, databasePath: file }, { fileName: 'b.csv', content: moviesFile(5, 'B', 9000) }),
    ]);
    expect([a.batch, b.batch]).toEqual([1, 2]);
    expect(db.prepare('SELECT count(*) FROM films').pluck().get()).toBe(505);
    other.close();
    db.close();
  });

  it('imports in-process into an in-memory database (it cannot be opened twice)', async () => {
    const db = openDatabase(':memory:');
    const summary = await importFileIsolated({ db, databasePath: ':memory:' }, fixture('movies-good.csv'));
    expect(summary.loaded).toBe(3);
    expect(db.prepare('SELECT count(*) FROM films').pluck().get()).toBe(3);
    db.close();
  });
});

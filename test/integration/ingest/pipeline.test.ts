/**
 * Big files import through two threads (pipeline.ts): a helper reads and types rows while the import worker
 * writes them. pipelineMinBytes: 0 sends small files that way too, so each case is compared with the same file
 * imported in one thread: the database must end up the same, row for row.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { importFile } from '../../../src-main/core/ingest/import';
import { importFileIsolated } from '../../../src-main/core/ingest/isolated';
import { ImportCancelledError, ImportError } from '../../../src-main/core/ingest/errors';
import type { Db } from '../../../src-main/core/store/db';
import { cleanup, DATA, fixture, layerCounts, MOVIES_HEADER, moviesRow, tempDatabase, tempDir } from './helpers';

afterEach(cleanup);

const PIPELINED = { pipelineMinBytes: 0 };

/** Everything an import writes, without its timestamps, in a stable order. */
function contents(db: Db): Record<string, unknown[]> {
  const all = (sql: string) => db.prepare(sql).raw().all();
  return {
    batches: all(
      'SELECT id, source, kind, sha256, encoding, delimiter, rows_read, rows_loaded, rows_quarantined, rows_flagged FROM import_batches ORDER BY id',
    ),
    bronze: all('SELECT batch_id, row_number, fields_json FROM bronze_rows ORDER BY batch_id, row_number'),
    films: all(
      `SELECT id, tmdb_id, natural_key, title, original_title, budget, revenue, runtime, release_date, release_year,
         original_language, popularity, vote_average, vote_count, homepage, tagline, overview, status, source_batch_id, source_row
       FROM films ORDER BY id`,
    ),
    terms: all('SELECT * FROM film_terms ORDER BY film_id, kind, position'),
    flags: all('SELECT * FROM film_flags ORDER BY film_id, flag'),
    quarantine: all('SELECT batch_id, row_number, field, reason, raw_json FROM quarantine ORDER BY id'),
  };
}

async function bothWays(source: { fileName: string; path: string }) {
  const oneThread = tempDatabase();
  const here = await importFile(oneThread.db, source);
  const twoThreads = tempDatabase();
  const piped = await importFileIsolated({ db: twoThreads.db, databasePath: twoThreads.file }, source, PIPELINED);
  return { here, piped, expected: contents(oneThread.db), actual: contents(twoThreads.db) };
}

const strip = ({ seconds: _s, ...rest }: { seconds: number }) => rest;

describe('the two-thread import', () => {
  it('writes the real TMDB movies file exactly as the one-thread import does', async () => {
    const { here, piped, expected, actual } = await bothWays({
      fileName: 'tmdb_5000_movies.csv',
      path: path.join(DATA, 'tmdb_5000_movies.csv'),
    });
    expect(piped.loaded).toBe(4803);
    expect(strip(piped)).toEqual(strip(here));
    expect(actual.films).toHaveLength(4803);
    expect(actual).toEqual(expected);
  });

  it('quarantines bad rows with the same reasons, rows and lines', async () => {
    for (const name of [
      'movies-ragged.csv',
      'movies-broken-json.csv',
      'movies-nul.csv',
      'movies-unterminated-quote.csv',
    ]) {
      const { here, piped, expected, actual } = await bothWays(fixture(name));
      expect(piped.quarantined, name).toBeGreaterThan(0);
      expect(strip(piped), name).toEqual(strip(here));
      expect(actual, name).toEqual(expected);
    }
  });

  it('starts again as Windows-1252 when a byte far into the file is not UTF-8', async () => {
    const file = path.join(tempDir(), 'late-latin1.csv');
    const lines = [MOVIES_HEADER];
    for (let i = 1; i < 3000; i++) lines.push(moviesRow(i, `Film ${i}`, 'x'.repeat(500)));
    lines.push(moviesRow(3000, 'Am\u00e9lie'));
    fs.writeFileSync(file, `${lines.join('\n')}\n`, 'latin1');
    const { piped, expected, actual } = await bothWays({ fileName: 'late-latin1.csv', path: file });
    expect(piped).toMatchObject({ rows: 3000, loaded: 3000, encoding: 'windows-1252' });
    expect(actual).toEqual(expected);
  });

  it('refuses a file without a required column with the same ImportError, leaving the database unchanged', async () => {
    const { db, file } = tempDatabase();
    const before = layerCounts(db);
    const run = importFileIsolated({ db, databasePath: file }, fixture('movies-missing-id.csv'), PIPELINED);
    await expect(run).rejects.toBeInstanceOf(ImportError);
    await expect(run).rejects.toThrowError(/^movies-missing-id\.csv: has no column "id"/);
    expect(layerCounts(db)).toEqual(before);
  });

  it('rolls back on cancel', async () => {
    const { db, file } = tempDatabase();
    const before = layerCounts(db);
    const abort = new AbortController();
    const run = importFileIsolated(
      { db, databasePath: file },
      { fileName: 'tmdb_5000_movies.csv', path: path.join(DATA, 'tmdb_5000_movies.csv') },
      { ...PIPELINED, signal: abort.signal, onProgress: () => abort.abort() },
    );
    await expect(run).rejects.toBeInstanceOf(ImportCancelledError);
    expect(layerCounts(db)).toEqual(before);
  });
});

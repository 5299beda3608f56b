import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { typerFor } from '../../../src-main/core/ingest/detect';
import { importFile } from '../../../src-main/core/ingest/import';
import { importFileIsolated } from '../../../src-main/core/ingest/isolated';
import { readHead, readRecords, sniff } from '../../../src-main/core/ingest/read';
import { isCanonicalList } from '../../../src-main/core/ingest/canonical-list';
import { TERM_LISTS } from '../../../src-main/core/ingest/list-json';
import type { TermKind, TypedFilm } from '../../../src-main/core/ingest/types';
import { loadSilverFilms } from '../../../src-main/core/store/films';
import { SilverWriter } from '../../../src-main/core/store/silver';
import type { Db } from '../../../src-main/core/store/db';
import fs from 'node:fs';
import { cleanup, DATA, MOVIES_HEADER, moviesRow, tempDatabase, tempDir } from './helpers';

afterEach(cleanup);

const MOVIES = { fileName: 'tmdb_5000_movies.csv', path: path.join(DATA, 'tmdb_5000_movies.csv') };

/** The movies file typed with or without rawLists, written straight through a SilverWriter. */
async function writeThroughSilver(db: Db, rawLists: boolean): Promise<TypedFilm[]> {
  const { head, size } = await readHead(MOVIES);
  const films: TypedFilm[] = [];
  let typer: ReturnType<typeof typerFor>['typer'] | null = null;
  await readRecords(MOVIES, sniff(MOVIES.fileName, head, size), (records) => {
    let i = 0;
    if (!typer) typer = typerFor(MOVIES.fileName, records[i++].fields, 'movies', undefined, { rawLists }).typer;
    for (; i < records.length; i++) {
      const typed = typer(records[i].fields);
      if (typed.type === 'film') films.push(typed.film);
    }
  });
  db.prepare(
    "INSERT INTO import_batches (id, source, kind, sha256, started_at) VALUES (1, 'm', 'movies', '', 'now')",
  ).run();
  const writer = new SilverWriter(db, 'now');
  db.transaction(() => {
    films.forEach((film, i) => writer.upsertFilm(film, 1, i + 1));
    writer.flush();
  })();
  return films;
}

const termRows = (db: Db) =>
  db
    .prepare(
      `SELECT f.tmdb_id, t.kind, t.position, t.name, t.code, typeof(t.code) AS codeType
       FROM film_terms t JOIN films f ON f.id = t.film_id ORDER BY f.tmdb_id, t.kind, t.position`,
    )
    .raw()
    .all();

describe('lists stored as their TMDB text (rawLists) against lists parsed in JavaScript', () => {
  it('gives identical film_terms and films for the real TMDB movies file, and most lists are stored as given', async () => {
    const parsedInJs = tempDatabase().db;
    const jsFilms = await writeThroughSilver(parsedInJs, false);
    const storedAsText = tempDatabase().db;
    const rawFilms = await writeThroughSilver(storedAsText, true);

    expect(jsFilms.every((f) => f.termsJson === undefined)).toBe(true);
    // Lists kept as TMDB's own text (the rest are written from their parsed items).
    const asGiven = rawFilms.reduce(
      (n, f) =>
        n +
        Object.entries(f.termsJson ?? {}).filter(([kind, json]) =>
          isCanonicalList(json, TERM_LISTS[kind as TermKind].codeKey),
        ).length,
      0,
    );
    expect(asGiven).toBeGreaterThan(4803 * 5 * 0.9);

    const expected = termRows(parsedInJs);
    expect(expected.length).toBeGreaterThan(60_000);
    expect(termRows(storedAsText)).toEqual(expected);
    expect(loadSilverFilms(storedAsText, { includeFlagged: true })).toEqual(
      loadSilverFilms(parsedInJs, { includeFlagged: true }),
    );
  });

  it('re-importing a film replaces its stored lists instead of adding to them', async () => {
    const { db } = tempDatabase();
    await importFile(db, MOVIES);
    const before = db.prepare('SELECT count(*) FROM film_terms').pluck().get();
    await importFile(db, MOVIES);
    expect(db.prepare('SELECT count(*) FROM film_terms').pluck().get()).toBe(before);
    const avatarGenres = db
      .prepare(
        "SELECT t.name FROM film_terms t JOIN films f ON f.id = t.film_id WHERE f.tmdb_id = 19995 AND t.kind = 'genre' ORDER BY t.position",
      )
      .pluck()
      .all();
    expect(avatarGenres).toEqual(['Action', 'Adventure', 'Fantasy', 'Science Fiction']);
  });

  it('a film twice in one new file keeps the lists of its last row, in one thread and in two', async () => {
    const file = path.join(tempDir(), 'twice.csv');
    const war = moviesRow(7, 'Twice').replace(
      '[{""id"": 18, ""name"": ""Drama""}]',
      '[{""id"": 10752, ""name"": ""War""}]',
    );
    expect(war).toContain('War');
    fs.writeFileSync(file, [MOVIES_HEADER, moviesRow(7, 'Twice'), moviesRow(8, 'Between'), war, ''].join('\n'));
    for (const pipelineMinBytes of [undefined, 0]) {
      const { db, file: databasePath } = tempDatabase();
      const summary = await importFileIsolated(
        { db, databasePath },
        { fileName: 'twice.csv', path: file },
        { pipelineMinBytes },
      );
      expect(summary).toMatchObject({ rows: 3, loaded: 3 });
      const genres = db
        .prepare(
          "SELECT t.name FROM film_terms t JOIN films f ON f.id = t.film_id WHERE f.tmdb_id = 7 AND t.kind = 'genre'",
        )
        .pluck()
        .all();
      expect(genres).toEqual(['War']);
      db.close();
    }
  });
});

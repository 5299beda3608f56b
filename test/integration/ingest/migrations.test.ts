/**
 * The import's schema migrations on a database written before them: bronze rows survive the move to a rowid
 * table (002), the unused list name indexes are gone (003), and the list tables' rows move into the films'
 * JSON columns behind views of the same names (004).
 *
 * An older database is made the way an older Greenlight left it: the rows an import writes (imported with this
 * code, the lists read through the views) copied into a database migrated only up to that version.
 */
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { importDefaults, importFile } from '../../../src-main/core/ingest/import';
import { getBronzeRow } from '../../../src-main/core/store/bronze';
import { openDatabase, type Db } from '../../../src-main/core/store/db';
import { getFilm, loadSilverFilms } from '../../../src-main/core/store/films';
import { migrations } from '../../../src-main/core/store/migrations';
import { cleanup, fixture, layerCounts, tempDatabase, tempDir } from './helpers';

afterEach(cleanup);

const FILM_COLUMNS = `id, tmdb_id, natural_key, title, original_title, budget, revenue, runtime, release_date, release_year,
  original_language, popularity, vote_average, vote_count, homepage, tagline, overview, status, source_batch_id, source_row,
  updated_at`;

/** A new database at schema `version` (migrations up to it only) holding the rows of `source`. */
function copyAtVersion(source: Db, file: string, version: number): Db {
  const old = openDatabase(file, { migrations: migrations.filter((m) => m.version <= version) });
  old.prepare('ATTACH ? AS src').run(source.name);
  old.exec(`
    INSERT INTO import_batches SELECT * FROM src.import_batches;
    INSERT INTO bronze_headers SELECT * FROM src.bronze_headers;
    INSERT INTO bronze_rows (batch_id, row_number, fields_json)
      SELECT batch_id, row_number, fields_json FROM src.bronze_rows ORDER BY batch_id, row_number;
    INSERT INTO films (${FILM_COLUMNS}) SELECT ${FILM_COLUMNS} FROM src.films ORDER BY id;
    INSERT INTO film_terms (film_id, kind, position, name, code)
      SELECT film_id, kind, position, name, code FROM src.film_terms;
    INSERT INTO film_cast (film_id, billing_order, name) SELECT film_id, billing_order, name FROM src.film_cast;
    INSERT INTO film_crew (film_id, name, job, department) SELECT film_id, name, job, department FROM src.film_crew;
    INSERT INTO film_flags SELECT * FROM src.film_flags;
    INSERT INTO quarantine SELECT * FROM src.quarantine;
  `);
  old.exec('DETACH src');
  return old;
}

/** Every list row with its SQL types, in key order. */
function listRows(db: Db): Record<string, unknown[]> {
  const all = (sql: string) => db.prepare(sql).raw().all();
  return {
    terms: all(
      `SELECT film_id, kind, position, name, code, typeof(position), typeof(name), typeof(code)
       FROM film_terms ORDER BY film_id, kind, position`,
    ),
    cast: all(
      'SELECT film_id, billing_order, name, typeof(billing_order), typeof(name) FROM film_cast ORDER BY film_id, billing_order',
    ),
    crew: all('SELECT film_id, name, job, department, typeof(department) FROM film_crew ORDER BY film_id, job, name'),
  };
}

const pages = (db: Db) =>
  (db.prepare('SELECT id FROM films ORDER BY id').pluck().all() as number[]).map((id) => getFilm(db, id));

describe('import schema migrations', () => {
  it('upgrade a database imported under the first schema without losing a bronze row', async () => {
    const current = tempDatabase().db;
    await importFile(current, fixture('movies-ragged.csv'));
    const file = `${tempDir()}/old.sqlite`;
    const old = copyAtVersion(current, file, 1);
    const before = layerCounts(old);
    expect(before.bronze_rows).toBeGreaterThan(0);
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

  it('004 moves the embedded data and a studio file from the list tables into JSON columns: same rows, same films', async () => {
    const current = tempDatabase().db;
    await importDefaults(current);
    await importFile(current, fixture('studio-mapped.csv'));
    const file = path.join(tempDir(), 'v3.sqlite');
    const v3 = copyAtVersion(current, file, 3);
    expect(v3.prepare("SELECT type FROM sqlite_master WHERE name = 'film_terms'").pluck().get()).toBe('table');
    const rowsAtV3 = listRows(v3);
    expect(rowsAtV3.terms.length).toBeGreaterThan(75_000);
    expect(rowsAtV3.cast.length).toBeGreaterThan(20_000);
    const countsAtV3 = layerCounts(v3);
    v3.close();

    const db = openDatabase(file);
    expect(db.prepare('SELECT max(version) FROM schema_migrations').pluck().get()).toBe(4);
    expect(
      db
        .prepare(
          "SELECT name, type FROM sqlite_master WHERE name IN ('film_terms', 'film_cast', 'film_crew') ORDER BY name",
        )
        .raw()
        .all(),
    ).toEqual([
      ['film_cast', 'view'],
      ['film_crew', 'view'],
      ['film_terms', 'view'],
    ]);
    expect(listRows(db)).toEqual(rowsAtV3);
    expect(layerCounts(db)).toEqual(countsAtV3);
    expect(loadSilverFilms(db, { includeFlagged: true })).toEqual(loadSilverFilms(current, { includeFlagged: true }));
    expect(pages(db)).toEqual(pages(current));
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');

    // The migrated database imports as a new one does: the same file again changes no list.
    await importDefaults(db);
    expect(listRows(db)).toEqual(rowsAtV3);
    db.close();
  });

  it('004 keeps list order, codes, empty lists and crew departments as the tables held them', () => {
    const file = path.join(tempDir(), 'v3-by-hand.sqlite');
    const v3 = openDatabase(file, { migrations: migrations.filter((m) => m.version <= 3) });
    v3.exec(`
      INSERT INTO films (id, tmdb_id, natural_key, title, updated_at) VALUES
        (1, 10, 'tmdb:10', 'Lists', 'then'), (2, NULL, 'title:bare|', 'Bare', 'then');
      -- Rows inserted out of order: readers order by position, billing order, and job then name.
      INSERT INTO film_terms (film_id, kind, position, name, code) VALUES
        (1, 'genre', 1, 'Drama', '18'), (1, 'genre', 0, 'War', NULL),
        (1, 'country', 0, 'Neverland', NULL), (1, 'country', 1, 'France', 'FR'),
        (1, 'language', 0, 'English', 'en'), (1, 'keyword', 0, 'a "quoted" \\ word', '7'),
        (1, 'company', 0, 'Ωmega 𝒜 Films', '1');
      INSERT INTO film_cast (film_id, billing_order, name) VALUES (1, 1, 'Second'), (1, 0, 'First'), (1, 2, 'First');
      INSERT INTO film_crew (film_id, name, job, department) VALUES
        (1, 'Zed', 'Director', 'Directing'), (1, 'Ann', 'Director', NULL), (1, 'Émile', 'Writer', 'Writing'),
        (1, '𝒜', 'Writer', 'Writing'), (1, 'Zed', 'Writer', 'Writing');
    `);
    const rowsAtV3 = listRows(v3);
    v3.close();

    const db = openDatabase(file);
    expect(listRows(db)).toEqual(rowsAtV3);
    expect(db.prepare('SELECT * FROM films WHERE id = 2').get()).toMatchObject({
      genres_json: null,
      keywords_json: null,
      companies_json: null,
      countries_json: null,
      languages_json: null,
      cast_json: null,
      crew_json: null,
    });
    expect(db.prepare('SELECT genres_json, cast_json FROM films WHERE id = 1').get()).toEqual({
      genres_json: '[{"id":null,"name":"War"},{"id":"18","name":"Drama"}]',
      cast_json: '["First","Second","First"]',
    });
    const [lists, bare] = loadSilverFilms(db, { includeFlagged: true });
    expect(lists).toMatchObject({
      genres: ['War', 'Drama'],
      keywords: ['a "quoted" \\ word'],
      companies: ['Ωmega 𝒜 Films'],
      countries: ['Neverland', 'FR'],
      languages: ['en'],
      cast: ['First', 'Second', 'First'],
      directors: ['Ann', 'Zed'],
    });
    expect(bare).toMatchObject({ genres: [], keywords: [], companies: [], countries: [], languages: [], cast: [] });
    expect(bare.directors).toEqual([]);
    expect(getFilm(db, 1)!.crew).toEqual([
      { name: 'Ann', job: 'Director', department: null },
      { name: 'Zed', job: 'Director', department: 'Directing' },
      { name: 'Zed', job: 'Writer', department: 'Writing' },
      { name: 'Émile', job: 'Writer', department: 'Writing' },
      { name: '𝒜', job: 'Writer', department: 'Writing' },
    ]);
    db.close();
  });
});

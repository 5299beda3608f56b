import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  importDefaults,
  importFile,
  ensureDefaultData,
  ImportError,
  MAX_FIELD_CHARS,
} from '../../../src-main/core/ingest/import';
import { getFilm, loadSilverFilms, requireFilms, searchFilms, NoFilmsError } from '../../../src-main/core/store/films';
import { listQuarantine } from '../../../src-main/core/store/quarantine';
import { getBronzeRow } from '../../../src-main/core/store/bronze';
import { cleanup, DATA, fixture, layerCounts, MOVIES_HEADER, moviesRow, tempDatabase, tempDir } from './helpers';

afterEach(cleanup);

describe('importing the real TMDB files', () => {
  it('loads 4,803 films with lists, credits and flags, and is idempotent on re-import', async () => {
    const { db } = tempDatabase();
    const [movies, credits] = await importDefaults(db);
    expect(movies).toMatchObject({
      kind: 'movies',
      rows: 4803,
      loaded: 4803,
      quarantined: 0,
      encoding: 'utf-8',
      delimiter: ',',
    });
    expect(credits).toMatchObject({ kind: 'credits', rows: 4803, loaded: 4803, quarantined: 0 });
    expect(movies.flagged).toBeGreaterThan(20);

    const all = loadSilverFilms(db, { includeFlagged: true });
    expect(all).toHaveLength(4803);
    const avatar = all.find((f) => f.tmdbId === 19995)!;
    expect(avatar).toMatchObject({
      title: 'Avatar',
      budget: 237_000_000,
      revenue: 2_787_965_087,
      year: 2009,
      releaseDate: '2009-12-10',
    });
    expect(avatar.genres).toEqual(['Action', 'Adventure', 'Fantasy', 'Science Fiction']);
    expect(avatar.countries).toContain('US');
    expect(avatar.languages).toContain('en');
    expect(avatar.cast[0]).toBe('Sam Worthington');
    expect(avatar.directors).toEqual(['James Cameron']);
    expect(avatar.hasHomepage).toBe(true);

    // Zero means unknown, never free; money typed wrongly in TMDB is flagged, not deleted.
    expect(db.prepare('SELECT count(*) FROM films WHERE budget = 0 OR revenue = 0').pluck().get()).toBe(0);
    expect(
      db.prepare('SELECT count(*) FROM films WHERE budget IS NOT NULL AND revenue IS NOT NULL').pluck().get(),
    ).toBe(3229);
    const clean = loadSilverFilms(db);
    expect(clean.length).toBe(4803 - movies.flagged);
    expect(clean.every((f) => f.flags.length === 0)).toBe(true);
    expect(all.find((f) => f.budget === 7)?.flags).toContain('budget_implausible');

    const before = layerCounts(db);
    const again = await importFile(db, {
      fileName: 'tmdb_5000_movies.csv',
      path: path.join(DATA, 'tmdb_5000_movies.csv'),
    });
    expect(again.loaded).toBe(4803);
    const after = layerCounts(db);
    expect(after.films).toBe(before.films);
    expect(after.film_terms).toBe(before.film_terms);
    expect(after.film_cast).toBe(before.film_cast); // movies do not touch credits
    expect(after.bronze_rows).toBe(before.bronze_rows + 4803); // bronze keeps history
    expect(after.import_batches).toBe(before.import_batches + 1);
    db.close();
  });

  it('ensureDefaultData imports only into an empty database; requireFilms explains how to load films', async () => {
    const { db } = tempDatabase();
    expect(() => requireFilms(db)).toThrowError(NoFilmsError);
    expect(() => requireFilms(db)).toThrowError(/greenlight import --defaults/);
    const steps = new Set<string>();
    const first = await ensureDefaultData(db, (p) => steps.add(p.step));
    expect(first?.map((s) => s.loaded)).toEqual([4803, 4803]);
    expect([...steps]).toEqual(expect.arrayContaining(['movies: importing', 'credits: done']));
    expect(await ensureDefaultData(db)).toBeNull();
    expect(requireFilms(db)).toBe(4803);
    db.close();
  });
});

describe('importing good and flagged fixtures', () => {
  it('types values, treats zeros as unknown, and finds films by search', async () => {
    const { db } = tempDatabase();
    const s = await importFile(db, fixture('movies-good.csv'));
    expect(s).toMatchObject({ rows: 3, loaded: 3, quarantined: 0, flagged: 0, kind: 'movies' });
    const gamma = searchFilms(db, { query: 'gam', limit: 10, offset: 0 });
    expect(gamma.total).toBe(1);
    const detail = getFilm(db, gamma.films[0].id)!;
    expect(detail).toMatchObject({
      budget: null,
      revenue: null,
      runtime: null,
      source: { file: 'movies-good.csv', row: 3 },
    });
    expect(searchFilms(db, { genre: 'action', limit: 10, offset: 0 }).films.map((f) => f.title)).toEqual(['Beta']);
    expect(searchFilms(db, { query: '%', limit: 10, offset: 0 }).total).toBe(0);
    db.close();
  });

  it('flags implausible values with explanations and keeps the films', async () => {
    const { db } = tempDatabase();
    const s = await importFile(db, fixture('movies-flagged.csv'));
    expect(s).toMatchObject({ rows: 5, loaded: 5, quarantined: 0, flagged: 4 });
    const byTitle = Object.fromEntries(loadSilverFilms(db, { includeFlagged: true }).map((f) => [f.title, f.flags]));
    expect(byTitle['Tiny Budget']).toEqual(['budget_implausible', 'revenue_implausible']);
    expect(byTitle['Very Long']).toEqual(['runtime_out_of_range']);
    expect(byTitle['Silent Era']).toEqual(['release_date_out_of_range']);
    expect(byTitle['Far Future']).toEqual(['release_date_out_of_range']);
    expect(byTitle.Fine).toEqual([]);
    const flagged = searchFilms(db, { flagged: true, limit: 10, offset: 0 });
    expect(flagged.total).toBe(4);
    const tiny = getFilm(db, flagged.films.find((f) => f.title === 'Tiny Budget')!.id)!;
    expect(tiny.flagDetails[0].message).toMatch(/budget \$7 is under \$10,000/);
    db.close();
  });

  it('reads semicolons, tabs, CRLF with BOM and Windows-1252', async () => {
    const { db } = tempDatabase();
    const semi = await importFile(db, fixture('movies-semicolon.csv'));
    expect(semi).toMatchObject({ delimiter: ';', loaded: 2 });
    const tab = await importFile(db, fixture('movies-tab.tsv'));
    expect(tab).toMatchObject({ delimiter: '\t', loaded: 2 });
    const crlf = await importFile(db, fixture('movies-crlf-bom.csv'));
    expect(crlf).toMatchObject({ encoding: 'utf-8', loaded: 2, quarantined: 0 });
    const latin = await importFile(db, fixture('movies-windows-1252.csv'));
    expect(latin).toMatchObject({ encoding: 'windows-1252', loaded: 3 });
    const titles = loadSilverFilms(db, { includeFlagged: true }).map((f) => f.title);
    expect(titles).toEqual(
      expect.arrayContaining(['Semi, Colon', 'Tabbed', 'Crlf', 'Amélie', 'Café Society', 'Señor €uro']),
    );
    db.close();
  });

  it('restarts as Windows-1252 when a non-UTF-8 byte appears after the sniffed start', async () => {
    const { db } = tempDatabase();
    const rows = Array.from({ length: 800 }, (_, i) => moviesRow(1000 + i, `Film ${i}`));
    const content = Buffer.concat([
      Buffer.from(`${MOVIES_HEADER}\n${rows.join('\n')}\n`),
      Buffer.from(moviesRow(5000, 'Caf\u00e9 Late'), 'latin1'),
    ]);
    expect(content.length).toBeGreaterThan(64 * 1024);
    const s = await importFile(db, { fileName: 'late.csv', content });
    expect(s).toMatchObject({ encoding: 'windows-1252', rows: 801, loaded: 801 });
    expect(db.prepare('SELECT title FROM films WHERE tmdb_id = 5000').pluck().get()).toBe('Café Late');
    expect(db.prepare('SELECT count(*) FROM import_batches').pluck().get()).toBe(1);
    db.close();
  });

  it('stores titles holding HTML or SQL exactly as given', async () => {
    const { db } = tempDatabase();
    const s = await importFile(db, fixture('movies-html-sql.csv'));
    expect(s.loaded).toBe(3);
    const titles = loadSilverFilms(db, { includeFlagged: true }).map((f) => f.title);
    expect(titles).toEqual(['<script>alert("x")</script>', "Robert'); DROP TABLE films;--", '<b>Bold</b> & "Quoted"']);
    expect(searchFilms(db, { query: "'); DROP", limit: 5, offset: 0 }).total).toBe(1);
    db.close();
  });

  it('imports a studio export through the suggested mapping, in its formats', async () => {
    const { db } = tempDatabase();
    const s = await importFile(db, fixture('studio-mapped.csv'));
    expect(s).toMatchObject({ kind: 'mapped', rows: 5, loaded: 4, quarantined: 1 });
    expect(s.problems).toEqual([
      expect.objectContaining({
        row: 5,
        line: 6,
        field: 'Release Date',
        reason: expect.stringMatching(/not a real date/),
      }),
    ]);
    const films = Object.fromEntries(loadSilverFilms(db, { includeFlagged: true }).map((f) => [f.title, f]));
    expect(films['Studio One']).toMatchObject({
      budget: 90e6,
      revenue: 250e6,
      releaseDate: '2010-07-16',
      runtime: 118,
      genres: ['Action', 'Adventure'],
      directors: ['Ann Director'],
    });
    expect(films['Studio Two']).toMatchObject({
      budget: 1.5e9,
      revenue: 3e9,
      releaseDate: '2011-07-16',
      genres: ['Comedy', 'Drama'],
    });
    expect(films['Studio Three'].releaseDate).toBe('2012-07-16');
    expect(films['Studio Four']).toMatchObject({ releaseDate: null, year: 2013 });
    // Re-import updates by title and year instead of duplicating.
    await importFile(db, fixture('studio-mapped.csv'));
    expect(db.prepare('SELECT count(*) FROM films').pluck().get()).toBe(4);
    db.close();
  });

  it('uses an explicit mapping and refuses a mapping naming an absent column', async () => {
    const { db } = tempDatabase();
    const s = await importFile(db, fixture('studio-mapped.csv'), {
      kind: 'mapped',
      mapping: { revenue: 'Production Budget' },
    });
    expect(s.loaded).toBe(4);
    expect(db.prepare("SELECT revenue FROM films WHERE title = 'Studio One'").pluck().get()).toBe(90e6);
    expect(db.prepare("SELECT budget FROM films WHERE title = 'Studio One'").pluck().get()).toBeNull();
    await expect(importFile(db, fixture('studio-mapped.csv'), { mapping: { budget: 'Cost' } })).rejects.toThrowError(
      /studio-mapped\.csv: the mapping for budget names the column "Cost", which the file does not have/,
    );
    db.close();
  });
});

describe('bad input: the file cannot be read at all', () => {
  it.each([
    ['empty.csv', /empty\.csv: is empty/],
    ['image.png', /image\.png: is a PNG image/],
    ['random.bin', /random\.bin: does not look like a text file/],
    ['movies-missing-id.csv', /movies-missing-id\.csv: has no column "id", required for a TMDB movies file/],
    ['no-such-file.csv', /no-such-file\.csv: cannot be read \(no such file\)/],
  ])('%s: ImportError, database unchanged', async (name, message) => {
    const { db } = tempDatabase();
    await importFile(db, fixture('movies-good.csv'));
    const before = layerCounts(db);
    const error = await importFile(db, fixture(name)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImportError);
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).not.toContain('\n');
    expect(layerCounts(db)).toEqual(before);
    expect(db.inTransaction).toBe(false);
    db.close();
  });

  it('a header without rows is read: a batch with zero rows', async () => {
    const { db } = tempDatabase();
    const s = await importFile(db, fixture('header-only.csv'));
    expect(s).toMatchObject({ rows: 0, loaded: 0, quarantined: 0 });
    db.close();
  });

  it('thousands of columns: extra columns are kept in bronze; beyond 10,000 the file is refused', async () => {
    const { db } = tempDatabase();
    const extra = Array.from({ length: 3000 }, (_, i) => `extra_${i}`);
    const header = `${MOVIES_HEADER},${extra.join(',')}`;
    const row = `${moviesRow(1, 'Wide')},${extra.map(() => 'x').join(',')}`;
    const s = await importFile(db, { fileName: 'wide.csv', content: Buffer.from(`${header}\n${row}\n`) });
    expect(s).toMatchObject({ rows: 1, loaded: 1 });
    expect(getBronzeRow(db, s.batch, 1)).toHaveLength(3020);
    const tooWide = Array.from({ length: 10_001 }, (_, i) => `c${i}`).join(',');
    await expect(
      importFile(db, { fileName: 'too-wide.csv', content: Buffer.from(`${tooWide}\n`) }),
    ).rejects.toThrowError(/too-wide\.csv: has 10,001 columns; at most 10,000/);
    db.close();
  });
});

describe('bad input: row-level problems are quarantined, the rest loads', () => {
  async function importAndCheck(name: string) {
    const { db } = tempDatabase();
    const s = await importFile(db, fixture(name));
    expect(s.loaded + s.quarantined).toBe(s.rows);
    expect(db.prepare('SELECT count(*) FROM bronze_rows WHERE batch_id = ?').pluck().get(s.batch)).toBe(s.rows);
    const q = listQuarantine(db, { batch: s.batch, limit: 100, offset: 0 });
    expect(q.total).toBe(s.quarantined);
    return { db, s, q };
  }

  it('non-numeric and negative money', async () => {
    const { db, s, q } = await importAndCheck('movies-bad-money.csv');
    expect(s).toMatchObject({ rows: 3, loaded: 1, quarantined: 2 });
    expect(q.rows.map((r) => [r.row, r.field])).toEqual([
      [1, 'budget'],
      [2, 'revenue'],
    ]);
    expect(q.rows[0].reason).toMatch(/budget: "lots" is not an amount of money \(accepted: /);
    expect(q.rows[1].reason).toMatch(/revenue: "-5000000" is negative/);
    expect(q.rows[0].raw[17]).toBe('Words');
    db.close();
  });

  it('broken JSON in a list field', async () => {
    const { db, s, q } = await importAndCheck('movies-broken-json.csv');
    expect(s).toMatchObject({ loaded: 1, quarantined: 2 });
    expect(q.rows.map((r) => r.field)).toEqual(['genres', 'genres']);
    expect(q.rows[0].reason).toMatch(/genres: is not valid JSON/);
    expect(q.rows[1].reason).toMatch(/not a list/);
    db.close();
  });

  it('impossible dates', async () => {
    const { db, s, q } = await importAndCheck('movies-impossible-dates.csv');
    expect(s).toMatchObject({ loaded: 1, quarantined: 3 });
    expect(q.rows.map((r) => r.field)).toEqual(['release_date', 'release_date', 'release_date']);
    expect(q.rows[2].reason).toMatch(/"someday" is not a date in a format we read \(accepted: 2010-07-16/);
    db.close();
  });

  it('ragged rows (too few and too many fields)', async () => {
    const { db, s, q } = await importAndCheck('movies-ragged.csv');
    expect(s).toMatchObject({ rows: 4, loaded: 2, quarantined: 2 });
    expect(q.rows.map((r) => r.reason)).toEqual([
      'the row has 4 fields but the header has 20 columns',
      'the row has 22 fields but the header has 20 columns',
    ]);
    expect(s.problems.map((p) => [p.row, p.line])).toEqual([
      [2, 3],
      [3, 4],
    ]);
    db.close();
  });

  it('an unterminated quote: the rows before it load, the broken record is quarantined with its line', async () => {
    const { db, s, q } = await importAndCheck('movies-unterminated-quote.csv');
    expect(s).toMatchObject({ rows: 3, loaded: 2, quarantined: 1 });
    expect(q.rows[0]).toMatchObject({ row: 3, field: null });
    expect(q.rows[0].reason).toMatch(/a quote opened on line 4 is never closed/);
    db.close();
  });

  it('NUL bytes inside a field', async () => {
    const { db, s, q } = await importAndCheck('movies-nul.csv');
    expect(s).toMatchObject({ loaded: 2, quarantined: 1 });
    expect(q.rows[0]).toMatchObject({ row: 2, field: 'original_title' });
    expect(q.rows[0].reason).toMatch(/NUL byte/);
    db.close();
  });

  it('missing, zero and non-numeric ids, and empty titles', async () => {
    const { db, s, q } = await importAndCheck('movies-ids.csv');
    expect(s).toMatchObject({ loaded: 0, quarantined: 4 });
    expect(q.rows.map((r) => r.field)).toEqual(['id', 'id', 'id', 'title']);
    expect(q.rows[1].reason).toMatch(/id: is empty/);
    db.close();
  });

  it('credits for a film not yet imported say to import the movies file first', async () => {
    const { db } = tempDatabase();
    await importFile(db, fixture('movies-good.csv'));
    const s = await importFile(db, fixture('credits-orphans.csv'));
    expect(s).toMatchObject({ kind: 'credits', rows: 3, loaded: 1, quarantined: 2 });
    expect(s.problems[0]).toMatchObject({
      row: 2,
      field: 'movie_id',
      reason: expect.stringMatching(/no film with TMDB id 999.*import the movies file .* first/),
    });
    expect(s.problems[1]).toMatchObject({ row: 3, field: 'cast' });
    const alpha = loadSilverFilms(db).find((f) => f.tmdbId === 101)!;
    expect(alpha.cast).toEqual(['First', 'Second']);
    expect(alpha.directors).toEqual(['Dee Rector']);
    db.close();
  });

  it('a 10 MB field is quarantined with its size; the other rows load', async () => {
    const { db } = tempDatabase();
    const big = 'x'.repeat(10 * 1024 * 1024);
    const content = Buffer.from(
      [MOVIES_HEADER, moviesRow(1, 'Small'), moviesRow(2, 'Huge', big), moviesRow(3, 'After')].join('\n'),
    );
    const s = await importFile(db, { fileName: 'big-field.csv', content });
    expect(s).toMatchObject({ rows: 3, loaded: 2, quarantined: 1 });
    expect(s.problems[0]).toMatchObject({
      row: 2,
      field: 'overview',
      reason: `is 10,485,760 characters long; the limit is ${MAX_FIELD_CHARS.toLocaleString('en-US')}`,
    });
    db.close();
  });
});

describe('transactions', () => {
  it('a cancelled import leaves the database as it was', async () => {
    const { db } = tempDatabase();
    await importFile(db, fixture('movies-good.csv'));
    const before = layerCounts(db);
    const abort = new AbortController();
    const progress: number[] = [];
    const run = importFile(
      db,
      { fileName: 'tmdb_5000_movies.csv', path: path.join(DATA, 'tmdb_5000_movies.csv') },
      {
        signal: abort.signal,
        onProgress: (p) => {
          progress.push(p.current);
          if (p.current > 2_000_000) abort.abort();
        },
      },
    );
    await expect(run).rejects.toThrowError(/cancelled; nothing was imported/);
    expect(progress.length).toBeGreaterThan(1);
    expect(layerCounts(db)).toEqual(before);
    db.close();
  });

  it('the list tables keep no name indexes (migration 003); imports leave foreign keys on, commit or rollback', async () => {
    const { db } = tempDatabase();
    // The import's own settings (page cache, statement journals in memory) are put back too.
    const settings = () => ({
      cache: db.pragma('cache_size', { simple: true }),
      tempStore: db.pragma('temp_store', { simple: true }),
    });
    const before = settings();
    const indexes = () =>
      db
        .prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND name LIKE 'film_%name' ORDER BY name")
        .pluck()
        .all();
    expect(indexes()).toEqual([]);
    await importFile(db, fixture('movies-good.csv'));
    await expect(importFile(db, fixture('movies-missing-id.csv'))).rejects.toThrowError(ImportError);
    expect(indexes()).toEqual([]);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(settings()).toEqual(before);
    expect(searchFilms(db, { genre: 'Drama', limit: 10, offset: 0 }).total).toBe(2);
    db.close();
  });

  it('imports on one connection run one after the other', async () => {
    const { db } = tempDatabase();
    const [a, b] = await Promise.all([
      importFile(db, fixture('movies-good.csv')),
      importFile(db, fixture('movies-flagged.csv')),
    ]);
    expect([a.batch, b.batch]).toEqual([1, 2]);
    expect(db.prepare('SELECT count(*) FROM films').pluck().get()).toBe(8);
    db.close();
  });

  it('an upload (content) and a path give the same result', async () => {
    const { db } = tempDatabase();
    const file = path.join(tempDir(), 'copy.csv');
    fs.copyFileSync(fixture('movies-good.csv').path, file);
    const fromPath = await importFile(db, { fileName: 'copy.csv', path: file });
    const fromContent = await importFile(db, { fileName: '../../etc/copy.csv', content: fs.readFileSync(file) });
    expect(fromContent.file).toBe('copy.csv');
    expect(fromContent.sha256).toBe(fromPath.sha256);
    expect(fromContent.loaded).toBe(fromPath.loaded);
    db.close();
  });
});

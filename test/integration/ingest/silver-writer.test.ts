/**
 * The silver writer on films seen more than once: a studio file (no TMDB ids) updating films silver already holds,
 * a film seen twice in one file, flags recomputed from what is stored. Written on a second read of silver.ts.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { importFile } from '../../../src-main/core/ingest/import';
import type { Db } from '../../../src-main/core/store/db';
import { getFilm, loadSilverFilms } from '../../../src-main/core/store/films';
import { cleanup, MOVIES_HEADER, moviesRow, tempDatabase, tempDir } from './helpers';

afterEach(cleanup);

async function importText(db: Db, fileName: string, text: string) {
  const file = path.join(tempDir(), fileName);
  fs.writeFileSync(file, text);
  return importFile(db, { fileName, path: file });
}

/** TMDB rows (released 2010-07-16, budget $1M, revenue $5M, genre Drama) for these ids and titles. */
function moviesFile(films: [number, string][]): string {
  return `${MOVIES_HEADER}\n${films.map(([id, title]) => moviesRow(id, title)).join('\n')}\n`;
}

const films = (db: Db) => loadSilverFilms(db, { includeFlagged: true });
const flagsOf = (db: Db, title: string) =>
  db
    .prepare('SELECT flag FROM film_flags JOIN films ON films.id = film_id WHERE title = ? ORDER BY flag')
    .pluck()
    .all(title);

describe('a studio file naming films silver holds from TMDB', () => {
  it('updates the TMDB film whatever the case of its non-ASCII letters, instead of adding a second film', async () => {
    const { db } = tempDatabase();
    await importText(
      db,
      'movies.csv',
      moviesFile([
        [7, 'Amélie'],
        [8, 'Les Misérables'],
      ]),
    );
    // SQLite's NOCASE folds ASCII letters only: 'AMÉLIE' and 'Amélie' were two films.
    const s = await importText(db, 'studio.csv', 'Title,Year,Budget\nAMÉLIE,2010,2M\nles misérables,2010,3M\n');
    expect(s).toMatchObject({ kind: 'mapped', loaded: 2 });
    expect(films(db).map((f) => [f.tmdbId, f.budget])).toEqual([
      [7, 2e6],
      [8, 3e6],
    ]);
  });

  it('reads a title in decomposed Unicode (as macOS writes file names and some exports) as the same title', async () => {
    const { db } = tempDatabase();
    await importText(db, 'movies.csv', moviesFile([[7, 'Amélie']]));
    const decomposed = 'Ame\u0301lie';
    expect(decomposed).not.toBe('Amélie');
    await importText(db, 'studio.csv', `Title,Year,Budget\n${decomposed},2010,2M\n`);
    expect(films(db).map((f) => [f.tmdbId, f.budget])).toEqual([[7, 2e6]]);
    // Two studio files, one composed and one decomposed, make one film too.
    await importText(db, 'studio2.csv', `Title,Year,Budget\nZoë,2011,4M\n`);
    await importText(db, 'studio3.csv', `Title,Year,Budget\nZoe\u0308,2011,5M\n`);
    expect(
      films(db)
        .filter((f) => f.year === 2011)
        .map((f) => f.budget),
    ).toEqual([5e6]);
  });

  it('still keeps apart films whose titles differ only in accents', async () => {
    const { db } = tempDatabase();
    await importText(db, 'movies.csv', moviesFile([[7, 'Résumé']]));
    await importText(db, 'studio.csv', 'Title,Year,Budget\nResume,2010,2M\n');
    expect(films(db).map((f) => f.title)).toEqual(['Résumé', 'Resume']);
  });

  // A blank cell, or a zero for money and runtime (which reads as unknown), says nothing: it erases nothing.
  it('leaves what a blank cell would erase as it was (budget, date, genres, cast, directors)', async () => {
    const { db } = tempDatabase();
    await importText(db, 'movies.csv', moviesFile([[101, 'Alpha']]));
    const q = (s: string) => `"${s.replace(/"/g, '""')}"`;
    const crew = q(JSON.stringify([{ name: 'Ann Director', job: 'Director', department: 'Directing' }]));
    await importText(
      db,
      'credits.csv',
      `movie_id,title,cast,crew\n101,Alpha,${q('[{"name": "Lead", "order": 0}]')},${crew}\n`,
    );
    await importText(
      db,
      'studio.csv',
      'Title,Year,Worldwide Gross,Production Budget,Running Time,Major Genre,Director,Cast\nAlpha,2010,9M,,0,,,\n',
    );
    const alpha = getFilm(db, films(db)[0].id)!;
    expect(alpha).toMatchObject({
      revenue: 9e6,
      budget: 1e6,
      runtime: 100,
      genres: ['Drama'],
      cast: ['Lead'],
      directors: ['Ann Director'],
    });
  });

  it('makes one film of a studio film later imported from TMDB: the film takes the TMDB id and its values', async () => {
    const { db } = tempDatabase();
    await importText(db, 'studio.csv', 'Title,Year,Budget,Director\nALPHA,2010,2M,Ann Director\n');
    const studioId = films(db)[0].id;
    await importText(db, 'movies.csv', moviesFile([[101, 'Alpha']]));
    const [film] = films(db);
    expect(films(db)).toHaveLength(1);
    expect(film.id).toBe(studioId);
    // The TMDB row writes every column it has; what it leaves out (the directors) stays from the studio file.
    expect(getFilm(db, film.id)).toMatchObject({ title: 'Alpha', budget: 1e6, directors: ['Ann Director'] });
    expect(db.prepare('SELECT natural_key, tmdb_id FROM films').get()).toEqual({
      natural_key: 'tmdb:101',
      tmdb_id: 101,
    });
    // Importing TMDB again updates the same film.
    await importText(db, 'movies.csv', moviesFile([[101, 'Alpha']]));
    expect(films(db)).toHaveLength(1);
  });

  it('leaves studio films alone when the title and year name several, or another year', async () => {
    const { db } = tempDatabase();
    await importText(db, 'studio.csv', 'Title,Year,Budget\nAlpha,2010,2M\nALPHA,2010,3M\nBeta,2009,4M\n');
    expect(films(db)).toHaveLength(2); // 'ALPHA' 2010 updated 'Alpha' 2010 (one key); Beta
    await importText(db, 'studio2.csv', 'Title,Year,Budget\nalpha,2011,5M\n');
    // TMDB's Alpha (2010) takes over the one 2010 studio film, not the 2011 one; Beta (2010 in TMDB) is new.
    await importText(
      db,
      'movies.csv',
      moviesFile([
        [101, 'Alpha'],
        [102, 'Beta'],
      ]),
    );
    const rows = db.prepare('SELECT title, release_year, tmdb_id FROM films ORDER BY id').raw().all();
    expect(rows).toEqual([
      ['Alpha', 2010, 101],
      ['Beta', 2009, null],
      ['alpha', 2011, null],
      ['Beta', 2010, 102],
    ]);
  });
});

describe('flags of a film written more than once', () => {
  it('follow the stored values when a studio file corrects or leaves a flagged value', async () => {
    const { db } = tempDatabase();
    const row = moviesRow(101, 'Alpha').replace(/^1000000,/, '7,'); // a budget of $7: entered in millions
    await importText(db, 'movies.csv', `${MOVIES_HEADER}\n${row}\n`);
    expect(flagsOf(db, 'Alpha')).toEqual(['budget_implausible']);
    // Revenue only: the stored budget still reads as implausible.
    await importText(db, 'studio.csv', 'Title,Year,Worldwide Gross\nAlpha,2010,6M\n');
    expect(flagsOf(db, 'Alpha')).toEqual(['budget_implausible']);
    await importText(db, 'studio2.csv', 'Title,Year,Budget\nAlpha,2010,7M\n');
    expect(flagsOf(db, 'Alpha')).toEqual([]);
    expect(films(db)).toHaveLength(1);
  });

  it('are those of the last row when one file names a film twice', async () => {
    const { db } = tempDatabase();
    const s = await importText(db, 'studio.csv', 'Title,Year,Budget\nAlpha,2010,7\nBeta,2010,8\nalpha,2010,7M\n');
    expect(s).toMatchObject({ loaded: 3 });
    expect(films(db).map((f) => [f.title, f.budget])).toEqual([
      ['alpha', 7e6],
      ['Beta', 8],
    ]);
    expect(flagsOf(db, 'alpha')).toEqual([]);
    expect(flagsOf(db, 'Beta')).toEqual(['budget_implausible']);
  });
});

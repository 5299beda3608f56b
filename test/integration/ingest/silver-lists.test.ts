/**
 * Silver keeps a film's lists as JSON columns of `films` (migration 004); readers parse them in JavaScript and
 * the film_terms, film_cast and film_crew views expand them into the rows the list tables held. These tests
 * prove that readers return what they returned before the change, and that the writer keeps the rules the
 * tables' keys enforced.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { importDefaults, importFile } from '../../../src-main/core/ingest/import';
import type { Db } from '../../../src-main/core/store/db';
import { getFilm, loadSilverFilms } from '../../../src-main/core/store/films';
import { cleanup, fixture, MOVIES_HEADER, tempDatabase, tempDir } from './helpers';

afterEach(cleanup);

const sha256 = (value: unknown) => crypto.createHash('sha256').update(JSON.stringify(value)).digest('hex');

/** What the readers gave before migration 004, read with their SQL of then, now over the views. */
function listsAsReadBefore(db: Db): Map<number, Record<string, unknown>> {
  const films = new Map<number, Record<string, string[]>>();
  for (const id of db.prepare('SELECT id FROM films ORDER BY id').pluck().all() as number[]) {
    films.set(id, { genres: [], keywords: [], companies: [], countries: [], languages: [], cast: [], directors: [] });
  }
  const list = {
    genre: 'genres',
    keyword: 'keywords',
    company: 'companies',
    country: 'countries',
    language: 'languages',
  };
  for (const [filmId, kind, name, code] of db
    .prepare('SELECT film_id, kind, name, code FROM film_terms ORDER BY film_id, kind, position')
    .raw()
    .all() as [number, keyof typeof list, string, string | null][]) {
    films.get(filmId)![list[kind]].push((kind === 'country' || kind === 'language') && code ? code : name);
  }
  for (const [filmId, name] of db
    .prepare('SELECT film_id, name FROM film_cast ORDER BY film_id, billing_order')
    .raw()
    .all() as [number, string][])
    films.get(filmId)!.cast.push(name);
  for (const [filmId, name] of db
    .prepare("SELECT film_id, name FROM film_crew WHERE job = 'Director' ORDER BY film_id, name")
    .raw()
    .all() as [number, string][])
    films.get(filmId)!.directors.push(name);
  const crew = db.prepare('SELECT name, job, department FROM film_crew WHERE film_id = ? ORDER BY job, name');
  const withCrew = new Map<number, Record<string, unknown>>();
  for (const [id, lists] of films) withCrew.set(id, { ...lists, crew: crew.all(id) });
  return withCrew;
}

function expectReadersAgreeWithViews(db: Db): void {
  const reference = listsAsReadBefore(db);
  const films = loadSilverFilms(db, { includeFlagged: true });
  expect(films.length).toBe(reference.size);
  for (const film of films) {
    const { crew, ...lists } = reference.get(film.id)!;
    expect(film, film.title).toMatchObject(lists);
    expect(getFilm(db, film.id)!.crew, film.title).toEqual(crew);
  }
}

describe('films with their lists as JSON columns', () => {
  it('read back exactly as before migration 004 on the embedded data (digests taken before it), and as the views say', async () => {
    const { db } = tempDatabase();
    await importDefaults(db);
    // sha256 of the readers' answers on the embedded data, taken with the code of commit 5edf090 (list tables);
    // updatedAt (the import's clock) left out. A change of SilverFilm or FilmDetail changes them on purpose.
    const films = loadSilverFilms(db, { includeFlagged: true });
    expect(films).toHaveLength(4803);
    expect(sha256(films)).toBe('de425624ee1c742aaa31d4c3b2137a065cdcb9d99dfbc2a2f6d2a682e91c781a');
    const ids = db.prepare('SELECT id FROM films ORDER BY id').pluck().all() as number[];
    const pages = ids.map((id) => {
      const { updatedAt: _u, ...page } = getFilm(db, id)!;
      return page;
    });
    expect(sha256(pages)).toBe('a932a0edb74b98ae99e1d632cefcb26653ef0cd0948520f3bdbac29217a9b68c');
    // The list rows, as the tables held them and the views give them.
    const rows = {
      terms: db.prepare('SELECT * FROM film_terms ORDER BY film_id, kind, position').raw().all(),
      cast: db.prepare('SELECT * FROM film_cast ORDER BY film_id, billing_order').raw().all(),
      crew: db.prepare('SELECT * FROM film_crew ORDER BY film_id, job, name').raw().all(),
    };
    expect([rows.terms.length, rows.cast.length, rows.crew.length]).toEqual([75_404, 23_594, 5_166]);
    expect(sha256(rows)).toBe('7362065b1dbc3dac7ef47feefa3579b36e9a82faf4bab23dbf22d3a0fc719182');
    expectReadersAgreeWithViews(db);
    db.close();
  });

  it('a mapped file writes only the lists it maps; its directors replace only the directors', async () => {
    const dir = tempDir();
    const { db } = tempDatabase();
    await importFile(db, fixture('movies-good.csv'));
    const credits = path.join(dir, 'credits.csv');
    const crew = JSON.stringify([
      { name: 'Old Director', job: 'Director', department: 'Directing' },
      { name: 'Wendy Writer', job: 'Writer', department: 'Writing' },
    ]);
    const cast = JSON.stringify([{ name: 'Lead', order: 0 }]);
    const q = (s: string) => `"${s.replace(/"/g, '""')}"`;
    fs.writeFileSync(credits, `movie_id,title,cast,crew\n101,Alpha,${q(cast)},${q(crew)}\n`);
    await importFile(db, { fileName: 'credits.csv', path: credits });
    const before = loadSilverFilms(db, { includeFlagged: true }).find((f) => f.title === 'Alpha')!;
    expect(before).toMatchObject({
      genres: ['Drama'],
      keywords: ['love'],
      cast: ['Lead'],
      directors: ['Old Director'],
    });

    const mapped = path.join(dir, 'studio.csv');
    fs.writeFileSync(mapped, 'Title,Year,Major Genre,Director\nAlpha,2010,Thriller|Crime,New Director\n');
    const s = await importFile(db, { fileName: 'studio.csv', path: mapped });
    expect(s).toMatchObject({ kind: 'mapped', loaded: 1 });
    const after = loadSilverFilms(db, { includeFlagged: true }).find((f) => f.title === 'Alpha')!;
    expect(after).toMatchObject({
      genres: ['Thriller', 'Crime'],
      keywords: ['love'],
      companies: before.companies,
      countries: before.countries,
      languages: before.languages,
      cast: ['Lead'],
      directors: ['New Director'],
    });
    expect(getFilm(db, after.id)!.crew).toEqual([
      { name: 'New Director', job: 'Director', department: 'Directing' },
      { name: 'Wendy Writer', job: 'Writer', department: 'Writing' },
    ]);
    db.close();
  });

  it('credits keep one crew member per job and name (the first), ordered by job and name; attaching again replaces them', async () => {
    const dir = tempDir();
    const { db } = tempDatabase();
    await importFile(db, fixture('movies-good.csv'));
    const q = (s: string) => `"${s.replace(/"/g, '""')}"`;
    const write = (cast: unknown[], crew: unknown[]) => {
      const file = path.join(dir, 'credits.csv');
      fs.writeFileSync(
        file,
        `movie_id,title,cast,crew\n101,Alpha,${q(JSON.stringify(cast))},${q(JSON.stringify(crew))}\n`,
      );
      return { fileName: 'credits.csv', path: file };
    };
    await importFile(
      db,
      write(
        [
          { name: 'B', order: 1 },
          { name: 'A', order: 0 },
          { name: 'A', order: 2 },
        ],
        [
          { name: 'Zed', job: 'Writer', department: 'Writing' },
          { name: 'Zed', job: 'Writer', department: 'Other' },
          { name: 'Ann', job: 'Director', department: 'Directing' },
          { name: 'Zed', job: 'Director' },
        ],
      ),
    );
    const id = db.prepare('SELECT id FROM films WHERE tmdb_id = 101').pluck().get() as number;
    expect(getFilm(db, id)).toMatchObject({
      cast: ['A', 'B', 'A'],
      directors: ['Ann', 'Zed'],
      crew: [
        { name: 'Ann', job: 'Director', department: 'Directing' },
        { name: 'Zed', job: 'Director', department: null },
        { name: 'Zed', job: 'Writer', department: 'Writing' },
      ],
    });
    expect(db.prepare('SELECT count(*) FROM film_crew WHERE film_id = ?').pluck().get(id)).toBe(3);
    await importFile(db, write([{ name: 'C', order: 0 }], [{ name: 'Ann', job: 'Producer', department: null }]));
    expect(getFilm(db, id)).toMatchObject({
      cast: ['C'],
      directors: [],
      crew: [{ name: 'Ann', job: 'Producer', department: null }],
    });
    expectReadersAgreeWithViews(db);
    db.close();
  });

  it('lists a TMDB file writes from parsed items read the same through the views and the readers', async () => {
    const file = path.join(tempDir(), 'odd-lists.csv');
    const q = (s: string) => `"${s.replace(/"/g, '""')}"`;
    // Not TMDB's canonical spacing, a plain-string entry, a float id, a missing code, an escaped quote.
    const genres = q('[{"id":18,"name":"Drama"}, "War", {"id": 28.0, "name": "Act \\"ion\\""}]');
    const countries = q('[{"name": "Nowhere"}, {"iso_3166_1": "FR", "name": "France"}]');
    const row = `1000000,${genres},,55,[],en,Odd,A film.,1.5,[],${countries},2010-07-16,5000000,100,[],Released,,Odd,6.5,100`;
    fs.writeFileSync(file, `${MOVIES_HEADER}\n${row}\n`);
    const { db } = tempDatabase();
    expect(await importFile(db, { fileName: 'odd-lists.csv', path: file })).toMatchObject({ loaded: 1 });
    const [film] = loadSilverFilms(db, { includeFlagged: true });
    expect(film).toMatchObject({ genres: ['Drama', 'War', 'Act "ion"'], countries: ['Nowhere', 'FR'] });
    expect(db.prepare("SELECT name, code FROM film_terms WHERE kind = 'genre' ORDER BY position").raw().all()).toEqual([
      ['Drama', '18'],
      ['War', null],
      ['Act "ion"', '28'],
    ]);
    expectReadersAgreeWithViews(db);
    db.close();
  });
});

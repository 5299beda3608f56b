/**
 * Silver reads: every film with its lists (for features, training and comparables), one film in full,
 * the film browser's search, and the aggregates of the exploratory charts. Lists are read from the films'
 * JSON columns (migration 004) and parsed here, never with one query per film.
 */
import type { SilverFilm } from '../../shared/film';
import type { DataStats, ExploreData, FilmDetail, FilmFlagDetail, FilmListItem } from '../../shared/contract/data';

export type { FilmDetail, FilmListItem } from '../../shared/contract/data';
import type { Db } from './db';
import { compareBinary } from '../ingest/list-json';
import type { CrewMember } from '../ingest/types';

/** Thrown by commands that need films when silver has none. */
export class NoFilmsError extends Error {
  constructor() {
    super(
      'No films in the database yet: run `greenlight import --defaults` to load the embedded TMDB 5000 films, or `greenlight import FILE` for your own.',
    );
    this.name = 'NoFilmsError';
  }
}

export function countFilms(db: Db): number {
  return db.prepare('SELECT count(*) FROM films').pluck().get() as number;
}

/** Throws NoFilmsError (saying how to load films) when silver is empty; returns the film count otherwise. */
export function requireFilms(db: Db): number {
  const n = countFilms(db);
  if (n === 0) throw new NoFilmsError();
  return n;
}

interface FilmRow {
  id: number;
  tmdb_id: number | null;
  title: string;
  budget: number | null;
  revenue: number | null;
  runtime: number | null;
  release_date: string | null;
  release_year: number | null;
  original_language: string | null;
  popularity: number | null;
  vote_average: number | null;
  vote_count: number | null;
  homepage: string | null;
  tagline: string | null;
}

const FILM_SELECT = `SELECT f.id, f.tmdb_id, f.title, f.budget, f.revenue, f.runtime, f.release_date, f.release_year,
  f.original_language, f.popularity, f.vote_average, f.vote_count, f.homepage, f.tagline FROM films f`;

function toSilverFilm(r: FilmRow): SilverFilm {
  return {
    id: r.id,
    tmdbId: r.tmdb_id,
    title: r.title,
    budget: r.budget,
    revenue: r.revenue,
    runtime: r.runtime,
    releaseDate: r.release_date,
    year: r.release_year,
    originalLanguage: r.original_language,
    popularity: r.popularity,
    voteAverage: r.vote_average,
    voteCount: r.vote_count,
    hasHomepage: r.homepage !== null && r.homepage.trim() !== '',
    hasTagline: r.tagline !== null && r.tagline.trim() !== '',
    genres: [],
    keywords: [],
    companies: [],
    countries: [],
    languages: [],
    cast: [],
    directors: [],
    flags: [],
  };
}

/** The list columns of films, in the order attachLists reads them, and the SilverFilm list each fills. */
const LIST_SELECT = `SELECT id, genres_json, keywords_json, companies_json, countries_json, languages_json, cast_json,
  crew_json FROM films`;

type ListRow = [number, ...(string | null)[]];

interface StoredTerm {
  name: string;
  [code: string]: unknown;
}

/** Names of a stored list of terms, in order. */
function termNames(json: string | null): string[] {
  if (json === null) return [];
  const items = JSON.parse(json) as StoredTerm[];
  const names = new Array<string>(items.length);
  for (let i = 0; i < items.length; i++) names[i] = items[i].name;
  return names;
}

/** Countries and languages are known to features by their ISO codes (the name when a film has no code). */
function termCodes(json: string | null, codeKey: string): string[] {
  if (json === null) return [];
  return (JSON.parse(json) as StoredTerm[]).map((item) => {
    const code = item[codeKey];
    return code === null || code === undefined || code === '' ? item.name : String(code);
  });
}

/** The directors of a stored crew, by name (as SQLite's BINARY collation orders them). */
function directorsOf(json: string | null): string[] {
  if (json === null) return [];
  const names: string[] = [];
  for (const member of JSON.parse(json) as CrewMember[]) if (member.job === 'Director') names.push(member.name);
  return names.length > 1 ? names.sort(compareBinary) : names;
}

/**
 * Fills the lists of `films` (keyed by id) from their JSON columns, parsed here (faster than the row views);
 * `only` limits them to one film.
 */
function attachLists(db: Db, films: Map<number, SilverFilm>, only?: number): void {
  const params = only === undefined ? [] : [only];
  const rows = db
    .prepare(`${LIST_SELECT}${only === undefined ? '' : ' WHERE id = ?'}`)
    .raw()
    .all(...params) as ListRow[];
  for (const [id, genres, keywords, companies, countries, languages, cast, crew] of rows) {
    const film = films.get(id);
    if (!film) continue;
    film.genres = termNames(genres);
    film.keywords = termNames(keywords);
    film.companies = termNames(companies);
    film.countries = termCodes(countries, 'iso_3166_1');
    film.languages = termCodes(languages, 'iso_639_1');
    film.cast = cast === null ? [] : (JSON.parse(cast) as string[]);
    film.directors = directorsOf(crew);
  }
  const flags = db
    .prepare(
      `SELECT film_id, flag FROM film_flags${only === undefined ? '' : ' WHERE film_id = ?'} ORDER BY film_id, flag`,
    )
    .raw()
    .all(...params) as [number, string][];
  for (const [filmId, flag] of flags) films.get(filmId)?.flags.push(flag);
}

/**
 * Every silver film with its lists, ordered by id. Flagged films (implausible values) are left out unless
 * `includeFlagged` is true: training skips them by default.
 */
export function loadSilverFilms(db: Db, options: { includeFlagged?: boolean } = {}): SilverFilm[] {
  const rows = db.prepare(`${FILM_SELECT} ORDER BY f.id`).all() as FilmRow[];
  const films = new Map<number, SilverFilm>();
  for (const r of rows) films.set(r.id, toSilverFilm(r));
  attachLists(db, films);
  const all = [...films.values()];
  return options.includeFlagged ? all : all.filter((f) => f.flags.length === 0);
}

export function getFilm(db: Db, id: number): FilmDetail | null {
  const row = db.prepare(`${FILM_SELECT} WHERE f.id = ?`).get(id) as FilmRow | undefined;
  if (!row) return null;
  const film = toSilverFilm(row);
  attachLists(db, new Map([[id, film]]), id);
  const extra = db
    .prepare(
      `SELECT f.original_title, f.overview, f.tagline, f.homepage, f.status, f.source_batch_id, f.source_row, f.updated_at,
         b.source FROM films f LEFT JOIN import_batches b ON b.id = f.source_batch_id WHERE f.id = ?`,
    )
    .get(id) as {
    original_title: string | null;
    overview: string | null;
    tagline: string | null;
    homepage: string | null;
    status: string | null;
    source_batch_id: number | null;
    source_row: number | null;
    updated_at: string;
    source: string | null;
  };
  return {
    ...film,
    originalTitle: extra.original_title,
    overview: extra.overview,
    tagline: extra.tagline,
    homepage: extra.homepage,
    status: extra.status,
    crew: crewOf(db, id),
    flagDetails: db
      .prepare('SELECT flag, field, message FROM film_flags WHERE film_id = ? ORDER BY flag')
      .all(id) as FilmFlagDetail[],
    source: { batch: extra.source_batch_id, file: extra.source, row: extra.source_row },
    updatedAt: extra.updated_at,
  };
}

/** A film's crew, ordered by job, then name (as stored; sorted again in case a row was written otherwise). */
function crewOf(db: Db, id: number): FilmDetail['crew'] {
  const json = db.prepare('SELECT crew_json FROM films WHERE id = ?').pluck().get(id) as string | null;
  if (json === null) return [];
  return (JSON.parse(json) as CrewMember[])
    .map((c) => ({ name: c.name, job: c.job, department: c.department ?? null }))
    .sort((a, b) => compareBinary(a.job, b.job) || compareBinary(a.name, b.name));
}

export interface FilmSearch {
  /** Words of the title (case-insensitive, matched anywhere in it). */
  query?: string;
  genre?: string;
  yearFrom?: number;
  yearTo?: number;
  /** true: only flagged films; false: only films without flags; absent: both. */
  flagged?: boolean;
  sort?: 'title' | 'year' | 'budget' | 'revenue';
  descending?: boolean;
  limit: number;
  offset: number;
}

/** The film browser's page of films matching the filters, with the total count for paging. */
export function searchFilms(db: Db, q: FilmSearch): { total: number; films: FilmListItem[] } {
  const where: string[] = [];
  const params: Record<string, unknown> = {};
  if (q.query && q.query.trim() !== '') {
    // LIKE with escaped wildcards, so "100%" matches the text "100%".
    params.query = `%${q.query.trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    where.push("f.title LIKE @query ESCAPE '\\'");
  }
  if (q.genre) {
    params.genre = q.genre;
    where.push("EXISTS (SELECT 1 FROM json_each(f.genres_json) j WHERE j.value ->> 'name' = @genre COLLATE NOCASE)");
  }
  if (q.yearFrom !== undefined) {
    params.yearFrom = q.yearFrom;
    where.push('f.release_year >= @yearFrom');
  }
  if (q.yearTo !== undefined) {
    params.yearTo = q.yearTo;
    where.push('f.release_year <= @yearTo');
  }
  if (q.flagged !== undefined) {
    where.push(`${q.flagged ? '' : 'NOT '}EXISTS (SELECT 1 FROM film_flags g WHERE g.film_id = f.id)`);
  }
  const whereSql = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const sortColumn = {
    title: 'f.title COLLATE NOCASE',
    year: 'f.release_year',
    budget: 'f.budget',
    revenue: 'f.revenue',
  }[q.sort ?? 'title'];
  const direction = q.descending ? 'DESC' : 'ASC';
  const total = db.prepare(`SELECT count(*) FROM films f ${whereSql}`).pluck().get(params) as number;
  const rows = db
    .prepare(
      `SELECT f.id, f.tmdb_id, f.title, f.release_year, f.budget, f.revenue FROM films f ${whereSql}
       ORDER BY ${sortColumn} IS NULL, ${sortColumn} ${direction}, f.id LIMIT @limit OFFSET @offset`,
    )
    .all({ ...params, limit: q.limit, offset: q.offset }) as {
    id: number;
    tmdb_id: number | null;
    title: string;
    release_year: number | null;
    budget: number | null;
    revenue: number | null;
  }[];
  const films: FilmListItem[] = rows.map((r) => ({
    id: r.id,
    tmdbId: r.tmdb_id,
    title: r.title,
    year: r.release_year,
    budget: r.budget,
    revenue: r.revenue,
    genres: [],
    flags: [],
  }));
  if (films.length > 0) {
    const byId = new Map(films.map((f) => [f.id, f]));
    const ids = films.map((f) => f.id);
    const marks = ids.map(() => '?').join(',');
    for (const [filmId, genres] of db
      .prepare(`SELECT id, genres_json FROM films WHERE id IN (${marks})`)
      .raw()
      .all(...ids) as [number, string | null][]) {
      byId.get(filmId)!.genres = termNames(genres);
    }
    for (const [filmId, flag] of db
      .prepare(`SELECT film_id, flag FROM film_flags WHERE film_id IN (${marks}) ORDER BY film_id, flag`)
      .raw()
      .all(...ids) as [number, string][]) {
      byId.get(filmId)?.flags.push(flag);
    }
  }
  return { total, films };
}

/** Counts for `data stats`: films, known money, flags by kind, quarantine by reason, batches. */
export function dataStats(db: Db, quarantineReasons: DataStats['quarantineReasons']): DataStats {
  const c = db
    .prepare(
      `SELECT count(*) AS films, count(budget) AS withBudget, count(revenue) AS withRevenue,
         sum(budget IS NOT NULL AND revenue IS NOT NULL) AS withBoth,
         (SELECT count(DISTINCT film_id) FROM film_flags) AS flagged FROM films`,
    )
    .get() as { films: number; withBudget: number; withRevenue: number; withBoth: number | null; flagged: number };
  const batches = db.prepare('SELECT count(*) AS n, max(finished_at) AS last FROM import_batches').get() as {
    n: number;
    last: string | null;
  };
  return {
    ...c,
    withBoth: c.withBoth ?? 0,
    flags: db.prepare('SELECT flag, count(*) AS count FROM film_flags GROUP BY flag ORDER BY count DESC').all() as {
      flag: string;
      count: number;
    }[],
    quarantined: quarantineReasons.reduce((sum, r) => sum + r.count, 0),
    quarantineReasons,
    batches: batches.n,
    lastImport: batches.last,
  };
}

function median(sorted: number[]): number {
  const n = sorted.length;
  if (n === 0) return 0;
  return n % 2 === 1 ? sorted[(n - 1) / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
}

function histogram(values: number[], bins = 30): ExploreData['logBudget'] {
  if (values.length === 0) return [];
  const logs = values.map((v) => Math.log10(v));
  const lo = Math.floor(Math.min(...logs) * 2) / 2;
  const hi = Math.ceil(Math.max(...logs) * 2) / 2 || lo + 1;
  const width = (hi - lo) / bins || 1;
  const counts = new Array<number>(bins).fill(0);
  for (const l of logs) counts[Math.min(bins - 1, Math.floor((l - lo) / width))]++;
  return counts.map((count, i) => ({ from: lo + i * width, to: lo + (i + 1) * width, count }));
}

/**
 * Aggregates for the exploratory charts in one pass over silver (flagged films left out of the money
 * charts, since their values are implausible): log-scale histograms, median revenue by genre and year,
 * an evenly spread budget-vs-revenue sample, and missing values per column.
 */
export function exploreFilms(db: Db): ExploreData {
  const rows = db
    .prepare(
      `SELECT f.id, f.title, f.budget, f.revenue, f.release_year,
         EXISTS (SELECT 1 FROM film_flags g WHERE g.film_id = f.id) AS flagged FROM films f ORDER BY f.id`,
    )
    .raw()
    .all() as [number, string, number | null, number | null, number | null, number][];
  const clean = rows.filter((r) => r[5] === 0);
  const budgets = clean.map((r) => r[2]).filter((v): v is number => v !== null && v > 0);
  const revenues = clean.map((r) => r[3]).filter((v): v is number => v !== null && v > 0);
  const revenueOf = new Map(clean.filter((r) => r[3] !== null).map((r) => [r[0], r[3] as number]));

  const byGenre = new Map<string, number[]>();
  for (const [filmId, genres] of db.prepare('SELECT id, genres_json FROM films ORDER BY id').raw().all() as [
    number,
    string | null,
  ][]) {
    const revenue = revenueOf.get(filmId);
    if (revenue === undefined) continue;
    for (const genre of termNames(genres)) {
      const list = byGenre.get(genre) ?? [];
      list.push(revenue);
      byGenre.set(genre, list);
    }
  }
  const byYear = new Map<number, number[]>();
  for (const r of clean) {
    if (r[3] === null || r[4] === null) continue;
    const list = byYear.get(r[4]) ?? [];
    list.push(r[3]);
    byYear.set(r[4], list);
  }
  const both = clean.filter((r) => r[2] !== null && r[3] !== null);
  const step = Math.max(1, Math.ceil(both.length / 2000));
  const missingColumns = [
    'budget',
    'revenue',
    'runtime',
    'release_date',
    'original_language',
    'popularity',
    'vote_average',
  ];
  const missingCounts = db
    .prepare(`SELECT ${missingColumns.map((c) => `sum(${c} IS NULL)`).join(', ')} FROM films`)
    .raw()
    .get() as (number | null)[];
  // An empty list and no list both count as missing.
  const listMissing = (column: string) =>
    db
      .prepare(`SELECT count(*) FROM films WHERE coalesce(json_array_length(${column}), 0) = 0`)
      .pluck()
      .get() as number;
  const noDirector = db
    .prepare(
      "SELECT count(*) FROM films f WHERE NOT EXISTS (SELECT 1 FROM json_each(f.crew_json) j WHERE j.value ->> 'job' = 'Director')",
    )
    .pluck()
    .get() as number;
  const noCast = listMissing('cast_json');
  const sortedMedian = (values: number[]) => median([...values].sort((a, b) => a - b));
  return {
    films: rows.length,
    logBudget: histogram(budgets),
    logRevenue: histogram(revenues),
    revenueByGenre: [...byGenre]
      .map(([genre, values]) => ({ genre, median: sortedMedian(values), count: values.length }))
      .sort((a, b) => b.median - a.median),
    revenueByYear: [...byYear]
      .map(([year, values]) => ({ year, median: sortedMedian(values), count: values.length }))
      .sort((a, b) => a.year - b.year),
    budgetRevenue: both
      .filter((_, i) => i % step === 0)
      .map((r) => ({ id: r[0], title: r[1], budget: r[2] as number, revenue: r[3] as number })),
    missing: [
      ...missingColumns.map((column, i) => ({ column, missing: missingCounts[i] ?? 0 })),
      { column: 'genres', missing: listMissing('genres_json') },
      { column: 'keywords', missing: listMissing('keywords_json') },
      { column: 'companies', missing: listMissing('companies_json') },
      { column: 'directors', missing: noDirector },
      { column: 'cast', missing: noCast },
    ],
  };
}

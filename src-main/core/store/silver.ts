/**
 * Silver writes: upserting typed films by natural key, replacing their lists, attaching credits and
 * recomputing quality flags. Reads live in films.ts.
 */
import type Database from 'better-sqlite3';
import type { Db } from './db';
import { qualityFlags, type FlaggableValues } from '../ingest/flags';
import { FILM_COLUMNS, type FilmColumns, type TypedCredits, type TypedFilm } from '../ingest/types';

/** The key silver upserts by: the TMDB id when known, else the lower-cased title and release year. */
export function naturalKey(tmdbId: number | null, title: string, year: number | null | undefined): string {
  return tmdbId !== null ? `tmdb:${tmdbId}` : `title:${title.trim().toLowerCase()}|${year ?? ''}`;
}

export interface UpsertResult {
  filmId: number;
  flagged: boolean;
}

/**
 * Rows for one table, buffered and written `ROWS_PER_INSERT` at a time with one multi-row INSERT: a film
 * brings about sixteen list rows, and one statement per row made the per-call cost dominate big imports.
 * The caller flushes before anything that must see the rows (a delete of the same film's lists, the commit).
 */
export class BufferedInsert {
  static readonly ROWS_PER_INSERT = 128;
  private values: unknown[] = [];
  private rows = 0;
  private readonly statements = new Map<number, Database.Statement>();

  /** `head` is `INSERT [OR IGNORE] INTO table (columns)`; `width` the number of columns. */
  constructor(
    private readonly db: Db,
    private readonly head: string,
    private readonly width: number,
  ) {}

  /** Queues one row (exactly `width` values). */
  add(row: unknown[]): void {
    for (let i = 0; i < row.length; i++) this.values.push(row[i]);
    if (++this.rows === BufferedInsert.ROWS_PER_INSERT) this.flush();
  }

  get pending(): number {
    return this.rows;
  }

  flush(): void {
    if (this.rows === 0) return;
    this.statementFor(this.rows).run(this.values);
    this.values = [];
    this.rows = 0;
  }

  private statementFor(rows: number): Database.Statement {
    let statement = this.statements.get(rows);
    if (!statement) {
      const tuple = `(${new Array<string>(this.width).fill('?').join(', ')})`;
      statement = this.db.prepare(`${this.head} VALUES ${new Array<string>(rows).fill(tuple).join(', ')}`);
      this.statements.set(rows, statement);
    }
    return statement;
  }
}

/**
 * Prepared statements for one import. Each call writes one film (or one film's credits); the caller holds
 * the transaction.
 */
export class SilverWriter {
  private readonly upserts = new Map<string, Database.Statement>();
  /** insertTermsFromJson's statements by number of lists. */
  private readonly termsFromJson = new Map<number, Database.Statement>();
  private readonly s;
  /**
   * The highest film id so far. A film SQLite inserts gets max(id) + 1, so an upsert returning a higher id
   * created the film just now; one at or below it updated a film that already had its rows (from before, or
   * from earlier in this import). One number instead of a set of every id created (tens of MB on big files).
   */
  private highestId: number;

  constructor(
    private readonly db: Db,
    private readonly now: string,
    private readonly today: Date = new Date(),
  ) {
    this.highestId = (db.prepare('SELECT coalesce(max(id), 0) FROM films').pluck().get() as number) ?? 0;
    this.s = {
      byTitleYear: db.prepare(
        'SELECT natural_key FROM films WHERE title = ? COLLATE NOCASE AND release_year IS ? LIMIT 2',
      ),
      byTmdb: db.prepare('SELECT id FROM films WHERE tmdb_id = ?'),
      deleteTerms: db.prepare('DELETE FROM film_terms WHERE film_id = ? AND kind = ?'),
      deleteCast: db.prepare('DELETE FROM film_cast WHERE film_id = ?'),
      deleteCrew: db.prepare('DELETE FROM film_crew WHERE film_id = ?'),
      deleteCrewJob: db.prepare('DELETE FROM film_crew WHERE film_id = ? AND job = ?'),
      deleteFlags: db.prepare('DELETE FROM film_flags WHERE film_id = ?'),
    };
    this.terms = new BufferedInsert(db, 'INSERT INTO film_terms (film_id, kind, position, name, code)', 5);
    this.cast = new BufferedInsert(db, 'INSERT OR IGNORE INTO film_cast (film_id, billing_order, name)', 3);
    this.crew = new BufferedInsert(db, 'INSERT OR IGNORE INTO film_crew (film_id, name, job, department)', 4);
    this.flags = new BufferedInsert(db, 'INSERT INTO film_flags (film_id, flag, field, message)', 4);
  }

  private readonly terms: BufferedInsert;
  private readonly cast: BufferedInsert;
  private readonly crew: BufferedInsert;
  private readonly flags: BufferedInsert;

  /** Bounds the set below: after this many films the buffers are written out together. */
  private static readonly FILMS_PER_FLUSH = 256;
  /** Films that may have rows still in the buffers. */
  private readonly buffered = new Set<number>();

  /** Writes the rows still buffered; call before the transaction commits. */
  flush(): void {
    this.terms.flush();
    this.cast.flush();
    this.crew.flush();
    this.flags.flush();
    this.buffered.clear();
  }

  /** A film's buffered rows must land before its lists are deleted, or the delete would miss them (a film seen twice). */
  private flushBeforeDelete(filmId: number): void {
    if (this.buffered.has(filmId) || this.buffered.size >= SilverWriter.FILMS_PER_FLUSH) this.flush();
    this.buffered.add(filmId);
  }

  /** Inserts or updates one film; only the columns and lists the film carries are written. */
  upsertFilm(film: TypedFilm, batchId: number, rowNumber: number): UpsertResult {
    const columns = FILM_COLUMNS.filter((c) => c in film.columns);
    let key = naturalKey(film.tmdbId, film.columns.title, film.columns.release_year);
    if (film.tmdbId === null) {
      // A studio file naming a film silver already holds (from TMDB) updates it rather than duplicating it.
      const matches = this.s.byTitleYear
        .pluck()
        .all(film.columns.title.trim(), film.columns.release_year ?? null) as string[];
      if (matches.length === 1) key = matches[0];
    }
    const statement = this.upsertStatement(columns);
    const values = columns.map((c) => film.columns[c] ?? null);
    const stored = statement.get(key, film.tmdbId, ...values, batchId, rowNumber, this.now) as FlaggableValues & {
      id: number;
    };
    const filmId = stored.id;
    // A film this import created has no lists or flags yet: skip the deletes (most rows of a first import).
    const isNew = filmId > this.highestId;
    if (isNew) this.highestId = filmId;
    this.flushBeforeDelete(filmId);
    for (const [kind, items] of Object.entries(film.terms)) {
      if (!isNew) this.s.deleteTerms.run(filmId, kind);
      for (let position = 0; position < items.length; position++) {
        this.terms.add([filmId, kind, position, items[position].name, items[position].code]);
      }
    }
    if (film.termsJson) this.insertTermsFromJson(filmId, film.termsJson, isNew);
    if (film.cast) this.replaceCast(filmId, film.cast, isNew);
    if (film.crew) {
      if (!isNew) {
        if (film.crewJobs === 'all' || film.crewJobs === undefined) this.s.deleteCrew.run(filmId);
        else for (const job of film.crewJobs) this.s.deleteCrewJob.run(filmId, job);
      }
      for (const c of film.crew) this.crew.add([filmId, c.name, c.job, c.department]);
    }
    const flags = qualityFlags(stored, this.today);
    if (!isNew) this.s.deleteFlags.run(filmId);
    for (const f of flags) this.flags.add([filmId, f.flag, f.field, f.message]);
    return { filmId, flagged: flags.length > 0 };
  }

  /**
   * Writes lists given as canonical TMDB JSON (canonical-list.ts) with one statement for all of a film's lists:
   * SQLite's json_each expands each into the rows parseJsonList would give (position = array index, name,
   * code as text). One call per film instead of a bound row per entry, and no JSON parsing in JavaScript.
   */
  private insertTermsFromJson(filmId: number, lists: NonNullable<TypedFilm['termsJson']>, isNew: boolean): void {
    const params: unknown[] = [];
    for (const [kind, list] of Object.entries(lists)) {
      if (!isNew) this.s.deleteTerms.run(filmId, kind);
      params.push(filmId, kind, list.codeKey, list.json);
    }
    const count = params.length / 4;
    if (count > 0) this.termsFromJsonStatement(count).run(params);
  }

  private termsFromJsonStatement(lists: number): Database.Statement {
    let statement = this.termsFromJson.get(lists);
    if (!statement) {
      const one = "SELECT ?, ?, key, value ->> 'name', value ->> ? FROM json_each(?)";
      statement = this.db.prepare(
        `INSERT INTO film_terms (film_id, kind, position, name, code) ${new Array<string>(lists).fill(one).join(' UNION ALL ')}`,
      );
      this.termsFromJson.set(lists, statement);
    }
    return statement;
  }

  /** Replaces the cast and crew of the film with this TMDB id; null when silver has no such film. */
  attachCredits(credits: TypedCredits): number | null {
    const filmId = this.s.byTmdb.pluck().get(credits.tmdbId) as number | undefined;
    if (filmId === undefined) return null;
    this.flushBeforeDelete(filmId);
    this.replaceCast(filmId, credits.cast);
    this.s.deleteCrew.run(filmId);
    for (const c of credits.crew) this.crew.add([filmId, c.name, c.job, c.department]);
    return filmId;
  }

  private replaceCast(filmId: number, cast: string[], isNew = false): void {
    if (!isNew) this.s.deleteCast.run(filmId);
    for (let order = 0; order < cast.length; order++) this.cast.add([filmId, order, cast[order]]);
  }

  private upsertStatement(columns: (keyof FilmColumns)[]): Database.Statement {
    const cacheKey = columns.join(',');
    let statement = this.upserts.get(cacheKey);
    if (!statement) {
      const names = ['natural_key', 'tmdb_id', ...columns, 'source_batch_id', 'source_row', 'updated_at'];
      const updates = names.filter((n) => n !== 'natural_key').map((n) => `${n} = excluded.${n}`);
      // A mapped row without an id must not erase the TMDB id of the film it updates.
      const tmdbUpdate = 'tmdb_id = coalesce(excluded.tmdb_id, films.tmdb_id)';
      statement = this.db.prepare(
        `INSERT INTO films (${names.join(', ')}) VALUES (${names.map(() => '?').join(', ')})
         ON CONFLICT(natural_key) DO UPDATE SET ${updates.map((u) => (u.startsWith('tmdb_id ') ? tmdbUpdate : u)).join(', ')}
         RETURNING id, budget, revenue, runtime, release_date, release_year`,
      );
      this.upserts.set(cacheKey, statement);
    }
    return statement;
  }
}

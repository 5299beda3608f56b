/**
 * Silver writes: upserting typed films by natural key with their lists, attaching credits and recomputing
 * quality flags. Reads live in films.ts.
 */
import type Database from 'better-sqlite3';
import type { Db } from './db';
import { qualityFlagger, type FlaggableValues, type QualityFlag } from '../ingest/flags';
import { castJson, crewJson, TERM_KINDS, TERM_LISTS, termListJson } from '../ingest/list-json';
import { FILM_COLUMNS, type CrewMember, type TypedCredits, type TypedFilm } from '../ingest/types';

/** The key silver upserts by: the TMDB id when known, else the title (see titleMatchKey) and release year. */
export function naturalKey(tmdbId: number | null, title: string, year: number | null | undefined): string {
  return tmdbId !== null ? `tmdb:${tmdbId}` : `${TITLE_KEY_PREFIX}${titleMatchKey(title)}|${year ?? ''}`;
}

/** How the natural key of a film known only by title and year (a studio file without ids) starts. */
const TITLE_KEY_PREFIX = 'title:';

/**
 * A title as a file without ids is matched: trimmed, composed Unicode (NFC: an 'é' written as 'e' plus an accent,
 * as macOS and some exports write it, is the same title) and lower-case in any script. Accents still count.
 */
export function titleMatchKey(title: string): string {
  return title.trim().normalize('NFC').toLowerCase();
}

const NON_ASCII = /[\u0080-\uffff]/;

export interface UpsertResult {
  filmId: number;
  flagged: boolean;
}

/**
 * Rows for one table, buffered and written `ROWS_PER_INSERT` at a time with one multi-row INSERT: one
 * statement per row made the per-call cost dominate big imports (bronze rows, flags). With `rowsPerFlush`
 * above that, rows wait until that many are buffered and are then written by several such INSERTs in a row.
 * The caller flushes before anything that must see the rows (a delete of the same film's flags, the commit).
 */
export class BufferedInsert {
  static readonly ROWS_PER_INSERT = 128;
  private values: unknown[] = [];
  private rows = 0;
  private readonly statements = new Map<number, Database.Statement>();
  private readonly rowsPerFlush: number;

  /**
   * `head` is `INSERT [OR IGNORE] INTO table (columns)`; `width` the number of values a row binds; `tuple` one
   * row's values in SQL (default `width` placeholders), where constants of every row can be written as literals.
   */
  constructor(
    private readonly db: Db,
    private readonly head: string,
    private readonly width: number,
    private readonly tuple = `(${new Array<string>(width).fill('?').join(', ')})`,
    rowsPerFlush = BufferedInsert.ROWS_PER_INSERT,
  ) {
    this.rowsPerFlush = Math.max(1, Math.floor(rowsPerFlush));
  }

  /** Queues one row (exactly `width` values). */
  add(row: unknown[]): void {
    for (let i = 0; i < row.length; i++) this.values.push(row[i]);
    if (++this.rows === this.rowsPerFlush) this.flush();
  }

  /** Queues one row of two values (no array made for it). */
  add2(a: unknown, b: unknown): void {
    this.values.push(a, b);
    if (++this.rows === this.rowsPerFlush) this.flush();
  }

  get pending(): number {
    return this.rows;
  }

  flush(): void {
    if (this.rows === 0) return;
    const perInsert = BufferedInsert.ROWS_PER_INSERT;
    const values = this.values;
    if (this.rows <= perInsert) this.statementFor(this.rows).run(...values);
    else {
      for (let row = 0; row < this.rows; row += perInsert) {
        const rows = Math.min(perInsert, this.rows - row);
        this.statementFor(rows).run(...values.slice(row * this.width, (row + rows) * this.width));
      }
    }
    this.values = [];
    this.rows = 0;
  }

  private statementFor(rows: number): Database.Statement {
    let statement = this.statements.get(rows);
    if (!statement) {
      statement = this.db.prepare(`${this.head} VALUES ${new Array<string>(rows).fill(this.tuple).join(', ')}`);
      this.statements.set(rows, statement);
    }
    return statement;
  }
}

/**
 * Prepared statements for one import. Each call writes one film (or one film's credits); the caller holds
 * the transaction. A film's lists are JSON columns of its row (migration 004), written by the same upsert.
 */
export class SilverWriter {
  /** Cached statements by shape (see upsertFilm): inserts of new films, and upserts of films already there. */
  private readonly inserts = new Map<number, Database.Statement>();
  private readonly upserts = new Map<number, Database.Statement>();
  /** The batch the cached statements write (they name it). */
  private statementsBatch = -1;
  private readonly flagsOf: (film: FlaggableValues) => QualityFlag[];
  private readonly s;
  /** Values of the statement being bound, reused from row to row. */
  private readonly values: unknown[] = [];

  constructor(
    private readonly db: Db,
    private readonly now: string,
    today: Date = new Date(),
  ) {
    this.flagsOf = qualityFlagger(today);
    this.s = {
      byTitleYear: db.prepare(
        'SELECT natural_key FROM films WHERE title = ? COLLATE NOCASE AND release_year IS ? LIMIT 2',
      ),
      titlesOfYear: db.prepare('SELECT natural_key, title FROM films WHERE release_year IS ?').raw(),
      anyStudioFilm: db.prepare('SELECT EXISTS (SELECT 1 FROM films WHERE tmdb_id IS NULL)').pluck(),
      keyExists: db.prepare('SELECT 1 FROM films WHERE natural_key = ?').pluck(),
      adopt: db.prepare('UPDATE films SET natural_key = ?, tmdb_id = ? WHERE natural_key = ? AND tmdb_id IS NULL'),
      credits: db.prepare('UPDATE films SET cast_json = ?, crew_json = ? WHERE tmdb_id = ? RETURNING id').pluck(),
      crewOf: db.prepare('SELECT crew_json FROM films WHERE id = ?').pluck(),
      setCrew: db.prepare('UPDATE films SET crew_json = ? WHERE id = ?'),
      deleteFlags: db.prepare('DELETE FROM film_flags WHERE film_id = ?'),
    };
    this.flags = new BufferedInsert(db, 'INSERT INTO film_flags (film_id, flag, field, message)', 4);
  }

  private readonly flags: BufferedInsert;

  /** Bounds the set below: after this many films the buffered flags are written out. */
  private static readonly FILMS_PER_FLUSH = 256;
  /** Films that may have flags still in the buffer. */
  private readonly buffered = new Set<number>();

  /** Writes the rows still buffered; call before the transaction commits. */
  flush(): void {
    this.flags.flush();
    this.buffered.clear();
  }

  /** Inserts or updates one film; only the columns and lists the film carries are written. */
  upsertFilm(film: TypedFilm, batchId: number, rowNumber: number): UpsertResult {
    const columns = film.columns;
    let key = naturalKey(film.tmdbId, columns.title, columns.release_year);
    const year = columns.release_year ?? null;
    if (film.tmdbId === null) {
      // A studio file naming a film silver already holds (from TMDB) updates it rather than duplicating it.
      const matches = this.keysOfFilmsTitled(columns.title, year);
      if (matches.length === 1) key = matches[0];
      this.studioFilms = true;
    } else if (this.mayHoldStudioFilms()) {
      this.adoptStudioFilm(key, film.tmdbId, columns.title, year);
    }
    const values = this.values;
    values.length = 0;
    values.push(key, film.tmdbId);
    // The statement's shape, a bit per column it writes (see upsertStatement), in a fixed order.
    let shape = 0;
    for (let i = 0; i < FILM_COLUMNS.length; i++) {
      const c = FILM_COLUMNS[i];
      if (!(c in columns)) continue;
      shape |= 1 << i;
      values.push(columns[c] ?? null);
    }
    const termsJson = film.termsJson;
    for (let i = 0; i < TERM_KINDS.length; i++) {
      const kind = TERM_KINDS[i];
      const json = termsJson?.[kind] ?? (film.terms[kind] && termListJson(kind, film.terms[kind]));
      if (json === undefined) continue;
      shape |= 1 << (LIST_BIT + i);
      values.push(json);
    }
    if (film.cast) {
      shape |= CAST_BIT;
      values.push(castJson(film.cast));
    }
    const wholeCrew = film.crew !== undefined && (film.crewJobs === 'all' || film.crewJobs === undefined);
    if (wholeCrew) {
      shape |= CREW_BIT;
      values.push(crewJson(film.crew!));
    }
    values.push(rowNumber);
    let filmId: number;
    let flags: QualityFlag[];
    // A new film (most rows of a first import) is a plain insert: an upsert's RETURNING clause doubled the
    // CPU cost of every row (about 19 us against 9 us a film, measured on 50,000 TMDB rows). Only a film
    // already in silver (from before, or seen earlier in this file) takes the upsert, which says its id.
    // Spread, not an array: better-sqlite3 binds arguments a little faster than an array's elements.
    const inserted = this.insertStatement(shape, batchId).run(...values);
    const isNew = inserted.changes === 1;
    if (isNew) {
      filmId = Number(inserted.lastInsertRowid);
      // What the row gives is all there is: a column it leaves out stays unknown.
      flags = this.flagsOf(
        (shape & FLAGGABLE_BITS) === FLAGGABLE_BITS ? (columns as FlaggableValues) : flaggableOf(columns),
      );
    } else if ((shape & FLAGGABLE_BITS) === FLAGGABLE_BITS) {
      // Every value the flags read is written here as given (a TMDB movies row): only the id comes back.
      filmId = this.upsertStatement(shape, batchId).get(...values) as number;
      flags = this.flagsOf(columns as FlaggableValues);
    } else {
      const stored = this.upsertStatement(shape | STORED_BIT, batchId).get(...values) as FlaggableValues & {
        id: number;
      };
      filmId = stored.id;
      flags = this.flagsOf(stored);
    }
    if (film.crew && !wholeCrew) this.replaceCrewJobs(filmId, film.crew, film.crewJobs as string[], isNew);
    if (!isNew) {
      // Its flags still buffered must land first, or the delete would miss them (a film seen twice).
      if (this.buffered.has(filmId)) this.flush();
      this.s.deleteFlags.run(filmId);
    }
    if (flags.length > 0) {
      for (const f of flags) this.flags.add([filmId, f.flag, f.field, f.message]);
      this.buffered.add(filmId);
      if (this.buffered.size >= SilverWriter.FILMS_PER_FLUSH) this.flush();
    }
    return { filmId, flagged: flags.length > 0 };
  }

  /**
   * The natural keys of the films with this title and release year: case folded by SQLite for ASCII titles, and
   * compared in titleMatchKey's form for others (NOCASE folds ASCII letters only: 'AMÉLIE' is not 'Amélie' to
   * it, and neither it nor '=' sees an accent written as its own character).
   */
  private keysOfFilmsTitled(title: string, year: number | null): string[] {
    const trimmed = title.trim();
    const matches = this.s.byTitleYear.pluck().all(trimmed, year) as string[];
    if (matches.length > 0 || !NON_ASCII.test(trimmed)) return matches;
    const wanted = titleMatchKey(trimmed);
    return (this.s.titlesOfYear.all(year) as [string, string][])
      .filter(([, stored]) => titleMatchKey(stored) === wanted)
      .map(([storedKey]) => storedKey);
  }

  /**
   * Whether silver may hold films from files without TMDB ids (keyed by title and year): asked once, then known
   * from what this writer writes. A TMDB-only database (the usual first import) skips the lookups below.
   */
  private mayHoldStudioFilms(): boolean {
    this.studioFilms ??= this.s.anyStudioFilm.get() === 1;
    return this.studioFilms;
  }

  private studioFilms: boolean | undefined;

  /**
   * A TMDB row for a film silver holds only from a studio file (same title and year, no TMDB id yet) takes that
   * film over: the film gets the TMDB id as its key, and the upsert then updates it instead of adding a second
   * film. The other order (TMDB first, then the studio file) already makes one film by the title lookup above.
   */
  private adoptStudioFilm(tmdbKey: string, tmdbId: number, title: string, year: number | null): void {
    if (this.s.keyExists.get(tmdbKey) !== undefined) return;
    const studio = this.keysOfFilmsTitled(title, year).filter((k) => k.startsWith(TITLE_KEY_PREFIX));
    if (studio.length === 1) this.s.adopt.run(tmdbKey, tmdbId, studio[0]);
  }

  /** Replaces the crew of the given jobs (a mapped file's directors), keeping the film's other jobs. */
  private replaceCrewJobs(filmId: number, crew: CrewMember[], jobs: string[], isNew: boolean): void {
    const storedJson = isNew ? null : (this.s.crewOf.get(filmId) as string | null);
    const replaced = new Set(jobs);
    const kept =
      storedJson === null ? [] : (JSON.parse(storedJson) as CrewMember[]).filter((c) => !replaced.has(c.job));
    this.s.setCrew.run(crewJson([...kept, ...crew]), filmId);
  }

  /** Replaces the cast and crew of the film with this TMDB id; null when silver has no such film. */
  attachCredits(credits: TypedCredits): number | null {
    const filmId = this.s.credits.get(castJson(credits.cast), crewJson(credits.crew), credits.tmdbId) as
      number | undefined;
    return filmId ?? null;
  }

  /**
   * The upsert for one shape (see upsertFilm): the film columns, lists, cast and crew a row carries (a bit each),
   * returning the film's id, or with STORED_BIT its id and the values the flags read. The batch and the import's
   * time are written into the statement (one statement per import), so a row binds only its own values.
   */
  private upsertStatement(shape: number, batchId: number): Database.Statement {
    let statement = this.statementsFor(batchId).upserts.get(shape);
    if (!statement) {
      const { names, values } = this.insertedColumns(shape, batchId);
      const updates = names.filter((n) => n !== 'natural_key').map((n) => `${n} = excluded.${n}`);
      // A mapped row without an id must not erase the TMDB id of the film it updates.
      const tmdbUpdate = 'tmdb_id = coalesce(excluded.tmdb_id, films.tmdb_id)';
      const returning = shape & STORED_BIT ? 'id, budget, revenue, runtime, release_date, release_year' : 'id';
      statement = this.db.prepare(
        `INSERT INTO films (${names.join(', ')}) VALUES (${values.join(', ')})
         ON CONFLICT(natural_key) DO UPDATE SET ${updates.map((u) => (u.startsWith('tmdb_id ') ? tmdbUpdate : u)).join(', ')}
         RETURNING ${returning}`,
      );
      if (!(shape & STORED_BIT)) statement.pluck();
      this.upserts.set(shape, statement);
    }
    return statement;
  }

  /**
   * The insert of a new film for one shape, binding the same values as the upsert: it does nothing when the
   * natural key is taken (changes 0), and then the caller upserts.
   */
  private insertStatement(shape: number, batchId: number): Database.Statement {
    let statement = this.statementsFor(batchId).inserts.get(shape);
    if (!statement) {
      const { names, values } = this.insertedColumns(shape, batchId);
      statement = this.db.prepare(
        `INSERT INTO films (${names.join(', ')}) VALUES (${values.join(', ')}) ON CONFLICT(natural_key) DO NOTHING`,
      );
      this.inserts.set(shape, statement);
    }
    return statement;
  }

  /** The cached statements, emptied when the batch changes (the statements name it). */
  private statementsFor(batchId: number): this {
    if (batchId !== this.statementsBatch) {
      this.inserts.clear();
      this.upserts.clear();
      this.statementsBatch = batchId;
    }
    return this;
  }

  /** Column names and SQL values of one shape's insert: bound values, then the batch and time as literals. */
  private insertedColumns(shape: number, batchId: number): { names: string[]; values: string[] } {
    const columns = ['natural_key', 'tmdb_id'];
    FILM_COLUMNS.forEach((c, i) => shape & (1 << i) && columns.push(c));
    TERM_KINDS.forEach((k, i) => shape & (1 << (LIST_BIT + i)) && columns.push(TERM_LISTS[k].column));
    if (shape & CAST_BIT) columns.push('cast_json');
    if (shape & CREW_BIT) columns.push('crew_json');
    columns.push('source_row');
    return {
      names: [...columns, 'source_batch_id', 'updated_at'],
      values: [...columns.map(() => '?'), String(Math.trunc(batchId)), `'${this.now.replace(/'/g, "''")}'`],
    };
  }
}

/** The values the flags read from a row that gives only some columns (a new film: the others are unknown). */
function flaggableOf(columns: TypedFilm['columns']): FlaggableValues {
  return {
    budget: columns.budget ?? null,
    revenue: columns.revenue ?? null,
    runtime: columns.runtime ?? null,
    release_date: columns.release_date ?? null,
    release_year: columns.release_year ?? null,
  };
}

/** Shape bits of upsertStatement: FILM_COLUMNS take bits 0-14, then the lists, cast, crew. */
const LIST_BIT = FILM_COLUMNS.length;
const CAST_BIT = 1 << (LIST_BIT + TERM_KINDS.length);
const CREW_BIT = CAST_BIT << 1;
/** Return the stored values the flags read, not only the id. */
const STORED_BIT = CREW_BIT << 1;
/** The columns the quality flags read: when a row writes them all, its own values are the stored ones. */
const FLAGGABLE_BITS = (['budget', 'revenue', 'runtime', 'release_date', 'release_year'] as const).reduce(
  (bits, c) => bits | (1 << FILM_COLUMNS.indexOf(c)),
  0,
);

import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { migrations as allMigrations, type Migration } from './migrations';

export type Db = Database.Database;

/** A database the app cannot use as it is; `code` tells the hosts which offer to make (restore, upgrade). */
export class DatabaseOpenError extends Error {
  constructor(
    message: string,
    readonly code: 'not_sqlite' | 'corrupt' | 'newer_than_code' | 'migration_failed' | 'cannot_open',
    readonly file: string,
  ) {
    super(message);
    this.name = 'DatabaseOpenError';
  }
}

export interface OpenOptions {
  /** Run `PRAGMA quick_check` at start (default true for files, false for ':memory:'). */
  check?: boolean;
  /** Migrations to apply; tests pass a list to exercise upgrades. Default: all shipped migrations. */
  migrations?: Migration[];
  readonly?: boolean;
}

const SQLITE_MAGIC = Buffer.from('SQLite format 3\0', 'latin1');

/**
 * Page size of new databases (SQLite's default is 4 KiB). A film's row (lists as JSON) and a bronze row are
 * each about 1.2 KB: on 4 KiB pages three fit a page with much of a page left over, and every page costs its own
 * WAL frame and write call. Measured with the sqlite3 command line writing the same 100,000 TMDB rows into our
 * schema: 3.0-3.8 s on 4 KiB pages, 1.9-2.0 s on 16 KiB, 1.8 s on 64 KiB (which makes every small write, a saved
 * scenario or a setting, rewrite 64 KiB). Databases created before keep their page size.
 */
export const PAGE_SIZE = 16384;

/**
 * Opens (creating if needed) the Greenlight database: WAL, foreign keys on, migrations applied each in its
 * own transaction. Refuses, with a clear message, a file that is not SQLite, fails its integrity check, or
 * was written by a newer Greenlight (applied migrations this code does not know).
 */
export function openDatabase(file: string, options: OpenOptions = {}): Db {
  const inMemory = file === ':memory:';
  let isNew = inMemory;
  if (!inMemory) {
    fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    isNew = assertLooksLikeSqlite(file);
  }
  let db: Db;
  try {
    db = new Database(file, { readonly: options.readonly ?? false });
  } catch (err) {
    throw new DatabaseOpenError(`Cannot open the database ${file}: ${(err as Error).message}`, 'cannot_open', file);
  }
  try {
    // Before the first table and before WAL: a page size is fixed once the file has content.
    if (isNew && !options.readonly) db.pragma(`page_size = ${PAGE_SIZE}`);
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    if (!inMemory && !options.readonly) db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    if (options.check ?? !inMemory) assertIntegrity(db, file);
    if (!options.readonly) migrate(db, options.migrations ?? allMigrations, file);
    return db;
  } catch (err) {
    db.close();
    if (err instanceof DatabaseOpenError) throw err;
    const message = (err as Error).message;
    if (/not a database|malformed|corrupt/i.test(message)) {
      throw new DatabaseOpenError(`The database ${file} is damaged (${message}).`, 'corrupt', file);
    }
    throw err;
  }
}

/** Refuses a file that exists with content but is not SQLite; returns true when the database is new (no file or empty). */
function assertLooksLikeSqlite(file: string): boolean {
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch {
    return true; // does not exist yet: SQLite creates it
  }
  try {
    const head = Buffer.alloc(16);
    const read = fs.readSync(fd, head, 0, 16, 0);
    if (read === 0) return true; // an empty file is a new database
    if (read < 16 || !head.equals(SQLITE_MAGIC)) {
      throw new DatabaseOpenError(
        `${file} is not a Greenlight database (it is not an SQLite file). Restore it from a backup or choose another file.`,
        'not_sqlite',
        file,
      );
    }
    return false;
  } finally {
    fs.closeSync(fd);
  }
}

function assertIntegrity(db: Db, file: string): void {
  const rows = db.pragma('quick_check') as { quick_check: string }[];
  const problems = rows.map((r) => r.quick_check).filter((r) => r !== 'ok');
  if (problems.length > 0) {
    throw new DatabaseOpenError(
      `The database ${file} failed its integrity check: ${problems.slice(0, 3).join('; ')}. Restore it from a backup.`,
      'corrupt',
      file,
    );
  }
}

/** Applies the migrations not yet recorded in `schema_migrations`, each in its own transaction. */
export function migrate(db: Db, migrations: Migration[], file = 'the database'): number[] {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`);
  const applied = db.prepare('SELECT version, name FROM schema_migrations ORDER BY version').all() as {
    version: number;
    name: string;
  }[];
  const known = new Map(migrations.map((m) => [m.version, m]));
  const unknown = applied.filter((a) => !known.has(a.version));
  if (unknown.length > 0) {
    throw new DatabaseOpenError(
      `${file} was written by a newer version of Greenlight (schema version ${Math.max(...unknown.map((u) => u.version))}; ` +
        `this version knows up to ${Math.max(0, ...migrations.map((m) => m.version))}). Update Greenlight to open it.`,
      'newer_than_code',
      file,
    );
  }
  const done = new Set(applied.map((a) => a.version));
  const ran: number[] = [];
  const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
  for (const m of [...migrations].sort((a, b) => a.version - b.version)) {
    if (done.has(m.version)) continue;
    const apply = db.transaction(() => {
      db.exec(m.up);
      record.run(m.version, m.name, new Date().toISOString());
    });
    try {
      apply();
    } catch (err) {
      throw new DatabaseOpenError(
        `Migration ${m.version} (${m.name}) failed on ${file}: ${(err as Error).message}`,
        'migration_failed',
        file,
      );
    }
    ran.push(m.version);
  }
  return ran;
}

/**
 * Copies the database while it is in use (SQLite's online backup), so the copy is consistent. All pages go in one
 * step: a backup copied in small steps restarts whenever another connection (the CLI, another process) writes
 * between steps, and never finishes while that connection keeps writing (found by the reliability suite). One
 * step reads a single snapshot; in WAL mode writers carry on meanwhile.
 */
export async function backupDatabase(db: Db, destination: string): Promise<void> {
  fs.mkdirSync(path.dirname(path.resolve(destination)), { recursive: true });
  await db.backup(destination, { progress: () => ALL_PAGES });
}

/** The largest page count better-sqlite3 passes to sqlite3_backup_step: every remaining page at once. */
const ALL_PAGES = 0x7fffffff;

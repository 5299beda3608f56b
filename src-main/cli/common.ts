import type { Command } from 'commander';
import { openDatabase, type Db } from '../core/store/db';
import { defaultDatabasePath } from '../core/store/paths';

/** Adds the options every database command shares. */
export function withDbOption(cmd: Command): Command {
  return cmd.option('--db <path>', 'database file (default: $GREENLIGHT_DB, else the user data directory)');
}

export function resolveDbPath(opts: { db?: string }): string {
  return opts.db ?? defaultDatabasePath();
}

/** Opens the database a command names, runs `fn`, and always closes it. */
export async function withDatabase<T>(opts: { db?: string }, fn: (db: Db, path: string) => Promise<T> | T): Promise<T> {
  const file = resolveDbPath(opts);
  const db = openDatabase(file);
  try {
    return await fn(db, file);
  } finally {
    db.close();
  }
}

/** Prints one JSON object on its own line (the --json output format). */
export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value)}\n`);
}

/**
 * Automatic backups of the database, kept beside it in `backups/`, so that when the database cannot be opened the
 * app can offer "restore the latest backup". Electron-free; tested on real SQLite files.
 */
import fs from 'node:fs';
import path from 'node:path';
import { backupDatabase, type DatabaseOpenError, type Db } from '../core/store/db';

const BACKUP_NAME = /^greenlight-(\d{8}-\d{6})\.sqlite$/;

export function backupDirectory(databasePath: string): string {
  return path.join(path.dirname(path.resolve(databasePath)), 'backups');
}

/** `greenlight-20250131-142501.sqlite`: sorts by time, readable, no characters any file system refuses. */
export function backupFileName(now: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  const stamp =
    `${now.getFullYear()}${pad(now.getMonth() + 1)}${pad(now.getDate())}-` +
    `${pad(now.getHours())}${pad(now.getMinutes())}${pad(now.getSeconds())}`;
  return `greenlight-${stamp}.sqlite`;
}

/** The automatic backups of this database, newest first. */
export function listBackups(databasePath: string): string[] {
  const dir = backupDirectory(databasePath);
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return [];
  }
  return names
    .filter((n) => BACKUP_NAME.test(n))
    .sort()
    .reverse()
    .map((n) => path.join(dir, n));
}

export function latestBackup(databasePath: string): string | null {
  return listBackups(databasePath)[0] ?? null;
}

/**
 * Writes a backup when the newest one is older than `minAgeHours` (default a day), then keeps only the `keep`
 * newest. Returns the new file, or null when none was due. Uses SQLite's online backup, so the copy is consistent
 * while the app keeps working.
 */
export async function autoBackup(
  db: Db,
  databasePath: string,
  options: { now?: Date; keep?: number; minAgeHours?: number } = {},
): Promise<string | null> {
  const now = options.now ?? new Date();
  const keep = options.keep ?? 5;
  const minAgeMs = (options.minAgeHours ?? 24) * 3_600_000;
  const newest = latestBackup(databasePath);
  if (newest && now.getTime() - fs.statSync(newest).mtimeMs < minAgeMs) return null;
  const file = path.join(backupDirectory(databasePath), backupFileName(now));
  await backupDatabase(db, file);
  for (const old of listBackups(databasePath).slice(keep)) fs.rmSync(old, { force: true });
  return file;
}

/**
 * Puts a backup in place of the database. The file it replaces is kept as `<name>.damaged-<time>` (never deleted:
 * it may hold work the backup lacks), and its -wal/-shm files are moved with it so SQLite does not replay them
 * onto the restored copy. Returns the path the old file was moved to, if there was one.
 */
export function restoreBackup(backupFile: string, databasePath: string, now = new Date()): string | null {
  const target = path.resolve(databasePath);
  let movedTo: string | null = null;
  if (fs.existsSync(target)) {
    movedTo = `${target}.damaged-${backupFileName(now).slice('greenlight-'.length, -'.sqlite'.length)}`;
    fs.renameSync(target, movedTo);
  }
  for (const suffix of ['-wal', '-shm']) {
    if (fs.existsSync(target + suffix)) {
      if (movedTo) fs.renameSync(target + suffix, movedTo + suffix);
      else fs.rmSync(target + suffix, { force: true });
    }
  }
  fs.copyFileSync(backupFile, target);
  return movedTo;
}

export type RecoveryChoice = 'restore' | 'choose' | 'quit';

/**
 * What to offer for a failure. A backup is only offered when one exists and the problem is the file itself; a
 * database from a newer Greenlight is not damaged, so replacing it with an older backup would lose work.
 */
export function recoveryChoices(code: DatabaseOpenError['code'], hasBackup: boolean): RecoveryChoice[] {
  const canRestore = hasBackup && code !== 'newer_than_code';
  return canRestore ? ['restore', 'choose', 'quit'] : ['choose', 'quit'];
}

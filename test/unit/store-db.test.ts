import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { DatabaseOpenError, openDatabase, backupDatabase, PAGE_SIZE } from '../../src-main/core/store/db';
import { migrations } from '../../src-main/core/store/migrations';

const dirs: string[] = [];
function tempFile(name = 'g.sqlite'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'greenlight-db-'));
  dirs.push(dir);
  return path.join(dir, name);
}
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

describe('openDatabase', () => {
  it('creates the schema, WAL and foreign keys on a new file', () => {
    const file = tempFile();
    const db = openDatabase(file);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type='table'").pluck().all();
    expect(tables).toEqual(
      expect.arrayContaining(['films', 'bronze_rows', 'quarantine', 'model_versions', 'scenarios']),
    );
    const versions = db.prepare('SELECT version FROM schema_migrations').pluck().all();
    expect(versions).toEqual(migrations.map((m) => m.version));
    db.close();
  });

  it('gives a new file 16 KiB pages and leaves an existing file at its own page size', () => {
    const fresh = tempFile('fresh.sqlite');
    const db = openDatabase(fresh);
    expect(PAGE_SIZE).toBe(16384);
    expect(db.pragma('page_size', { simple: true })).toBe(PAGE_SIZE);
    db.close();
    // An empty file counts as new, as SQLite treats it.
    const empty = tempFile('empty.sqlite');
    fs.writeFileSync(empty, '');
    const fromEmpty = openDatabase(empty);
    expect(fromEmpty.pragma('page_size', { simple: true })).toBe(PAGE_SIZE);
    fromEmpty.close();
    // A database made before (SQLite's default 4 KiB pages, WAL) keeps its pages and opens as usual.
    const older = tempFile('older.sqlite');
    const made = new Database(older);
    made.pragma('journal_mode = WAL');
    made.exec('CREATE TABLE kept (x)');
    made.close();
    const reopened = openDatabase(older);
    expect(reopened.pragma('page_size', { simple: true })).toBe(4096);
    expect(reopened.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'films'").pluck().get()).toBe(1);
    reopened.close();
  });

  it('is idempotent: reopening applies nothing twice', () => {
    const file = tempFile();
    openDatabase(file).close();
    const db = openDatabase(file);
    expect(db.prepare('SELECT count(*) FROM schema_migrations').pluck().get()).toBe(migrations.length);
    db.close();
  });

  it('numbers migrations uniquely and in order', () => {
    const versions = migrations.map((m) => m.version);
    expect(versions).toEqual([...versions].sort((a, b) => a - b));
    expect(new Set(versions).size).toBe(versions.length);
  });

  it('refuses a database written by newer code, naming the versions', () => {
    const file = tempFile();
    const db = openDatabase(file);
    db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (999, ?, ?)').run('future', 'now');
    db.close();
    expect(() => openDatabase(file)).toThrowError(/newer version of Greenlight.*999/);
  });

  it('refuses a file that is not SQLite with a clear message', () => {
    const file = tempFile('notes.sqlite');
    fs.writeFileSync(file, 'title,budget\nAvatar,237000000\n');
    try {
      openDatabase(file);
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(DatabaseOpenError);
      expect((err as DatabaseOpenError).code).toBe('not_sqlite');
      expect((err as Error).message).toContain('notes.sqlite');
    }
  });

  it('rolls back a failing migration and leaves earlier ones applied', () => {
    const file = tempFile();
    const broken = [
      ...migrations,
      { version: migrations.length + 1, name: 'broken', up: 'CREATE TABLE x (a); SELECT * FROM nope;' },
    ];
    expect(() => openDatabase(file, { migrations: broken })).toThrowError(/Migration .* \(broken\) failed/);
    const db = openDatabase(file);
    expect(db.prepare("SELECT count(*) FROM sqlite_master WHERE name='x'").pluck().get()).toBe(0);
    db.close();
  });

  it('backs up a database in use into a consistent copy', async () => {
    const file = tempFile();
    const db = openDatabase(file);
    db.prepare(
      "INSERT INTO scenarios (name, input_json, created_at, updated_at) VALUES ('A', '{}', 'now', 'now')",
    ).run();
    const copy = tempFile('backup.sqlite');
    await backupDatabase(db, copy);
    db.close();
    const restored = openDatabase(copy);
    expect(restored.prepare('SELECT name FROM scenarios').pluck().all()).toEqual(['A']);
    restored.close();
  });
});

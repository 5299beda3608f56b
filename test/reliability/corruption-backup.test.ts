/**
 * A damaged database is detected at start with a clear message (DatabaseOpenError not_sqlite / corrupt), the
 * app can offer the latest backup and restore it (electron/backups.ts, Electron-free), and a backup taken while
 * another process keeps writing is a consistent copy.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backupDatabase, DatabaseOpenError, openDatabase } from '../../src-main/core/store/db';
import { importFile } from '../../src-main/core/ingest/import';
import { autoBackup, latestBackup, recoveryChoices, restoreBackup } from '../../src-main/electron/backups';
import {
  csvRecord,
  integrityOk,
  killHard,
  movieRow,
  MOVIES_HEADER,
  seededRandom,
  spawnTs,
  waitForLine,
} from './helpers';

let dir: string;
/** A real Greenlight database with a few thousand films, closed and checkpointed (no -wal file). */
let pristine: string;
const FILMS = 3000;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'greenlight-corrupt-'));
  pristine = path.join(dir, 'pristine.sqlite');
  const db = openDatabase(pristine);
  const csv = [
    MOVIES_HEADER,
    ...Array.from({ length: FILMS }, (_, i) => csvRecord(movieRow(i + 1, `Film ${i + 1}`)).trimEnd()),
  ];
  await importFile(db, { fileName: 'films.csv', content: Buffer.from(csv.join('\n')) });
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** A copy of the pristine database, damaged by `damage`. */
function damagedCopy(name: string, damage: (file: string) => void): string {
  const file = path.join(dir, name);
  fs.copyFileSync(pristine, file);
  damage(file);
  return file;
}

function openError(file: string): DatabaseOpenError {
  try {
    openDatabase(file).close();
  } catch (err) {
    expect(err).toBeInstanceOf(DatabaseOpenError);
    return err as DatabaseOpenError;
  }
  throw new Error(`${file} opened although it is damaged`);
}

describe('a damaged database at start', () => {
  it('refuses a file that is not SQLite at all, saying so and naming it', () => {
    const file = path.join(dir, 'notes.sqlite');
    fs.writeFileSync(file, 'These are my notes, not a database.\n'.repeat(100));
    const err = openError(file);
    expect(err.code).toBe('not_sqlite');
    expect(err.message).toContain(file);
    expect(err.message).toMatch(/not an SQLite file.*Restore it from a backup/);
    expect(fs.readFileSync(file, 'utf8')).toMatch(/^These are my notes/); // untouched
  });

  it('refuses a database whose header was overwritten (not_sqlite)', () => {
    const file = damagedCopy('header.sqlite', (f) => {
      const fd = fs.openSync(f, 'r+');
      fs.writeSync(fd, Buffer.from('GARBAGE GARBAGE!'), 0, 16, 0);
      fs.closeSync(fd);
    });
    expect(openError(file).code).toBe('not_sqlite');
  });

  it('detects a truncated database (corrupt) with a message that says to restore', () => {
    const size = fs.statSync(pristine).size;
    for (const fraction of [0.25, 0.5, 0.9]) {
      const file = damagedCopy(`truncated-${fraction}.sqlite`, (f) => fs.truncateSync(f, Math.floor(size * fraction)));
      const err = openError(file);
      expect(err.code, `truncated to ${fraction}`).toBe('corrupt');
      expect(err.message).toMatch(/damaged|failed its integrity check/);
      expect(err.message).toContain(file);
    }
  });

  it('detects pages scribbled over with random bytes (corrupt)', () => {
    // A whole page of the file's own page size (the header's bytes 16-17, big-endian).
    const pageSize = fs.readFileSync(pristine).readUInt16BE(16);
    expect(pageSize).toBeGreaterThanOrEqual(512);
    const pages = Math.floor(fs.statSync(pristine).size / pageSize);
    const random = seededRandom(7);
    let detected = 0;
    const trials = 12;
    for (let t = 0; t < trials; t++) {
      const page = 1 + Math.floor(random() * (pages - 1)); // never page 0 (the header: not_sqlite, tested above)
      const file = damagedCopy(`scribbled-${t}.sqlite`, (f) => {
        const junk = Buffer.from(Array.from({ length: pageSize }, () => Math.floor(random() * 256)));
        const fd = fs.openSync(f, 'r+');
        fs.writeSync(fd, junk, 0, pageSize, page * pageSize);
        fs.closeSync(fd);
      });
      if (openError(file).code === 'corrupt') detected++;
    }
    expect(detected).toBe(trials);
  });

  it('offers the latest backup, restores it, and keeps the damaged file aside', async () => {
    const live = path.join(dir, 'live', 'greenlight.sqlite');
    fs.mkdirSync(path.dirname(live), { recursive: true });
    fs.copyFileSync(pristine, live);
    const db = openDatabase(live);
    const backup = await autoBackup(db, live, { now: new Date(2030, 0, 2, 3, 4, 5) });
    db.close();
    expect(backup).toBe(latestBackup(live));
    fs.truncateSync(live, Math.floor(fs.statSync(live).size / 3));

    const err = openError(live);
    expect(recoveryChoices(err.code, latestBackup(live) !== null)).toEqual(['restore', 'choose', 'quit']);
    const keptAs = restoreBackup(latestBackup(live)!, live, new Date(2030, 0, 2, 4, 0, 0));
    expect(keptAs && fs.existsSync(keptAs)).toBe(true);
    const restored = openDatabase(live);
    try {
      expect(integrityOk(restored)).toBe(true);
      expect(restored.prepare('SELECT count(*) FROM films').pluck().get()).toBe(FILMS);
    } finally {
      restored.close();
    }
    // A newer-version database is not damaged: no restore is offered (it would lose work).
    expect(recoveryChoices('newer_than_code', true)).toEqual(['choose', 'quit']);
  });
});

describe('backups while another process writes', () => {
  it('are consistent copies (integrity ok, every transaction whole) each time', async () => {
    const file = path.join(dir, 'busy.sqlite');
    fs.copyFileSync(pristine, file);
    const writer = spawnTs(path.join(__dirname, 'children', 'writer-child.ts'), [file]);
    try {
      await waitForLine(writer, /^ready$/);
      const db = openDatabase(file);
      const copies: number[] = [];
      try {
        for (let i = 0; i < 5; i++) {
          await waitForLine(writer, /^total /); // the writer is mid-stream
          const copy = path.join(dir, `busy-backup-${i}.sqlite`);
          await backupDatabase(db, copy);
          const check = openDatabase(copy, { readonly: true });
          try {
            expect(integrityOk(check)).toBe(true);
            const scenarios = check.prepare('SELECT count(*) FROM scenarios').pluck().get() as number;
            const recorded = Number(
              check.prepare("SELECT value FROM app_settings WHERE key = 'h7_total'").pluck().get(),
            );
            expect(scenarios).toBe(recorded); // no half transaction in the copy
            expect(scenarios % 50).toBe(0);
            expect(check.prepare('SELECT count(*) FROM films').pluck().get()).toBe(FILMS);
            copies.push(scenarios);
          } finally {
            check.close();
          }
        }
      } finally {
        db.close();
      }
      // The writer really was writing between copies.
      expect(new Set(copies).size).toBeGreaterThan(1);
    } finally {
      await killHard(writer);
    }
  });
});

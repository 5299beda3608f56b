/**
 * Crash safety: a child process importing a large generated file, or training a model, is killed with SIGKILL
 * at random moments (no handler runs, like a power cut of the process). After every kill the database opens,
 * passes `PRAGMA integrity_check`, and holds either the whole batch (or model version) or none of it.
 * Kill moments are drawn from a seeded generator (CRASH_SEED, printed) so a failing run can be replayed.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../src-main/core/store/db';
import { importDefaults } from '../../src-main/core/ingest/import';
import { loadModelVersion } from '../../src-main/core/models/load';
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

/** Import kills per run and rows in the generated file: enough to hit every phase, few enough for CI on 2 cores. */
const IMPORT_KILLS = Number(process.env.CRASH_IMPORT_KILLS ?? 20);
const TRAIN_KILLS = Number(process.env.CRASH_TRAIN_KILLS ?? 5);
const ROWS = 12_000;
const SEED = Number(process.env.CRASH_SEED ?? Date.now() % 1_000_000);
const IMPORT_CHILD = path.join(__dirname, 'children', 'import-child.ts');
const TRAIN_CHILD = path.join(__dirname, 'children', 'train-child.ts');

let dir: string;
const random = seededRandom(SEED);
const figures: Record<string, unknown> = { seed: SEED };

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'greenlight-crash-'));
});
afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
  console.log(JSON.stringify({ suite: 'crash-safety', ...figures }));
});

/** Where a killed child was when the signal arrived, from the last line it printed. */
type Phase = 'running' | 'finished';
interface Kill {
  phase: Phase;
  /** The child had reported progress: the import's transaction (or training's work) was under way. */
  midWork: boolean;
}

/**
 * Starts a child, waits until it has opened the database, kills it after `delayMs`, and reports the phase the
 * kill interrupted. A child that finished first is not a kill that counts.
 */
async function runAndKill(script: string, args: string[], delayMs: number): Promise<Kill> {
  const child = spawnTs(script, args);
  const seen = { done: false, progress: false };
  let stderr = '';
  child.stderr?.on('data', (c: Buffer) => (stderr += c.toString()));
  child.stdout?.on('data', (c: Buffer) => {
    const text = c.toString();
    if (/^done /m.test(text)) seen.done = true;
    if (/^progress /m.test(text)) seen.progress = true;
  });
  await waitForLine(child, /^ready$/);
  await new Promise((resolve) => setTimeout(resolve, delayMs));
  const exited = child.exitCode !== null;
  await killHard(child);
  if (exited && child.exitCode !== 0) throw new Error(`child failed on its own: ${stderr}`);
  if (exited || seen.done) return { phase: 'finished', midWork: false };
  return { phase: 'running', midWork: seen.progress };
}

/** Runs a child to the end and returns how long it took from 'ready' to exit. */
async function runToEnd(script: string, args: string[]): Promise<number> {
  const child = spawnTs(script, args);
  await waitForLine(child, /^ready$/);
  const started = Date.now();
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  expect(code).toBe(0);
  return Date.now() - started;
}

function withDb<T>(file: string, body: (db: Db) => T): T {
  // openDatabase runs the start-up check (quick_check) as the app does; integrity_check is the full one.
  const db = openDatabase(file);
  try {
    expect(integrityOk(db)).toBe(true);
    return body(db);
  } finally {
    db.close();
  }
}

describe('SIGKILL during an import', () => {
  let csv: string;
  let file: string;

  beforeAll(() => {
    csv = path.join(dir, 'large.csv');
    const fd = fs.openSync(csv, 'w');
    fs.writeSync(fd, `${MOVIES_HEADER}\n`);
    let chunk = '';
    for (let i = 1; i <= ROWS; i++) {
      chunk += csvRecord(movieRow(i, `Crash Test Film ${i}`));
      if (chunk.length > 1 << 20) {
        fs.writeSync(fd, chunk);
        chunk = '';
      }
    }
    fs.writeSync(fd, chunk);
    fs.closeSync(fd);
    file = path.join(dir, 'import.sqlite');
  });

  /** Every committed batch is complete; silver holds the file's films exactly once. */
  function checkWholeOrNothing(db: Db): number {
    const batches = db
      .prepare('SELECT id, rows_read, rows_loaded, rows_quarantined, finished_at FROM import_batches')
      .all() as { id: number; rows_read: number; rows_loaded: number; rows_quarantined: number; finished_at: string }[];
    for (const b of batches) {
      expect(b).toMatchObject({ rows_read: ROWS, rows_loaded: ROWS, rows_quarantined: 0 });
      expect(b.finished_at).toBeTruthy();
      expect(db.prepare('SELECT count(*) FROM bronze_rows WHERE batch_id = ?').pluck().get(b.id)).toBe(ROWS);
    }
    const films = db.prepare('SELECT count(*) FROM films').pluck().get();
    const genres = db.prepare("SELECT count(*) FROM film_terms WHERE kind = 'genre'").pluck().get();
    expect(films).toBe(batches.length > 0 ? ROWS : 0);
    expect(genres).toBe(films);
    expect(db.prepare('SELECT count(*) FROM bronze_rows').pluck().get()).toBe(batches.length * ROWS);
    return batches.length;
  }

  it(`holds the whole batch or none of it after each of ${IMPORT_KILLS} random kills`, async () => {
    // Two uninterrupted imports: the first fills silver, the second (upserting every film, as each later run
    // does) measures how long one takes here; the machine is shared, so it varies.
    await runToEnd(IMPORT_CHILD, [file, csv]);
    const fullMs = await runToEnd(IMPORT_CHILD, [file, csv]);
    let committed = withDb(file, checkWholeOrNothing);
    expect(committed).toBe(2);
    const phases: Record<Phase, number> = { running: 0, finished: 0 };
    let attempts = 0;
    let midTransaction = 0;
    while (phases.running < IMPORT_KILLS && attempts < IMPORT_KILLS * 2) {
      attempts++;
      const delay = Math.floor(random() * fullMs * 1.1);
      const { phase, midWork } = await runAndKill(IMPORT_CHILD, [file, csv], delay);
      phases[phase]++;
      if (midWork) midTransaction++;
      const now = withDb(file, checkWholeOrNothing);
      expect([committed, committed + 1]).toContain(now);
      if (phase === 'finished') expect(now).toBe(committed + 1);
      committed = now;
    }
    figures.importKills = phases.running;
    figures.importKillsMidTransaction = midTransaction;
    figures.importRuns = attempts;
    figures.importBatchesCommitted = committed;
    figures.importRowsPerBatch = ROWS;
    figures.importFullMs = fullMs;
    expect(phases.running).toBeGreaterThanOrEqual(Math.min(IMPORT_KILLS, 10));
  });
});

describe('SIGKILL during training', () => {
  let file: string;

  beforeAll(async () => {
    file = path.join(dir, 'train.sqlite');
    const db = openDatabase(file);
    try {
      await importDefaults(db);
    } finally {
      db.close();
    }
  });

  /** Every stored version is whole: it loads and predicts, and its gold rows are all there or none. */
  function checkVersions(db: Db): number {
    const films = db.prepare('SELECT count(*) FROM films').pluck().get() as number;
    const versions = db.prepare('SELECT id, status FROM model_versions').all() as { id: number; status: string }[];
    for (const v of versions) {
      const model = loadModelVersion(db, v.id);
      expect(Number.isFinite(model.predict({ budget: 50e6, runtime: 110, genres: ['Drama'] }))).toBe(true);
      const gold = db.prepare('SELECT count(*) FROM gold_predictions WHERE model_id = ?').pluck().get(v.id) as number;
      if (v.status === 'active') expect(gold).toBeGreaterThan(films * 0.9);
      else expect(gold).toBe(0);
    }
    expect(versions.filter((v) => v.status === 'active').length).toBeLessThanOrEqual(1);
    return versions.length;
  }

  it(`leaves no half-written model version after each of ${TRAIN_KILLS} random kills`, async () => {
    const fullMs = await runToEnd(TRAIN_CHILD, [file, '1']);
    let stored = withDb(file, checkVersions);
    expect(stored).toBe(1);
    const phases: Record<Phase, number> = { running: 0, finished: 0 };
    let attempts = 0;
    let midTraining = 0;
    while (phases.running < TRAIN_KILLS && attempts < TRAIN_KILLS * 2) {
      attempts++;
      const { phase, midWork } = await runAndKill(
        TRAIN_CHILD,
        [file, String(attempts + 1)],
        Math.floor(random() * fullMs * 1.1),
      );
      phases[phase]++;
      if (midWork) midTraining++;
      const now = withDb(file, checkVersions);
      expect([stored, stored + 1]).toContain(now);
      if (phase === 'finished') expect(now).toBe(stored + 1);
      stored = now;
    }
    figures.trainKills = phases.running;
    figures.trainKillsMidTraining = midTraining;
    figures.trainRuns = attempts;
    figures.trainVersionsStored = stored;
    figures.trainFullMs = fullMs;
    expect(phases.running).toBeGreaterThanOrEqual(Math.min(TRAIN_KILLS, 4));
  });
});

import { execFile, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src-main/core/store/db';
import { cleanup, FIXTURES, layerCounts, MOVIES_HEADER, moviesRow, tempDir } from './helpers';

const ROOT = path.resolve(__dirname, '../../..');
const NODE = path.join(ROOT, 'node_modules/.bin/node');
const CLI = path.join(ROOT, 'bin/greenlight.cjs');
const run = promisify(execFile);

afterEach(cleanup);

async function greenlight(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(NODE, [CLI, ...args], { cwd: ROOT, maxBuffer: 10 * 1024 * 1024 });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

// Each run starts the CLI from source (tsx), a few seconds apiece on a shared machine.
describe('greenlight import and data', { timeout: 180_000 }, () => {
  it('imports files with --json, one object per file, exit 0 with quarantined rows', async () => {
    const db = path.join(tempDir(), 'cli.sqlite');
    const r = await greenlight([
      'import',
      path.join(FIXTURES, 'movies-good.csv'),
      path.join(FIXTURES, 'movies-bad-money.csv'),
      '--db',
      db,
      '--json',
    ]);
    expect(r.code).toBe(0);
    const lines = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toHaveLength(2);
    expect(Object.keys(lines[0])).toEqual([
      'file',
      'batch',
      'kind',
      'rows',
      'loaded',
      'quarantined',
      'flagged',
      'seconds',
    ]);
    expect(lines[0]).toMatchObject({
      file: 'movies-good.csv',
      batch: 1,
      kind: 'movies',
      rows: 3,
      loaded: 3,
      quarantined: 0,
    });
    expect(lines[1]).toMatchObject({ file: 'movies-bad-money.csv', rows: 3, loaded: 1, quarantined: 2 });
    expect(r.stderr).toBe('');

    const stats = await greenlight(['data', 'stats', '--db', db, '--json']);
    expect(stats.code).toBe(0);
    expect(JSON.parse(stats.stdout)).toMatchObject({ films: 4, quarantined: 2, batches: 2 });

    const q = await greenlight(['data', 'quarantine', '--batch', '2', '--db', db]);
    expect(q.code).toBe(0);
    expect(q.stdout).toMatch(/movies-bad-money\.csv \(batch 2\) row 1: budget: "lots" is not an amount of money/);
    const qJson = JSON.parse((await greenlight(['data', 'quarantine', '--db', db, '--json'])).stdout) as {
      total: number;
    };
    expect(qJson.total).toBe(2);
  });

  it('exits 1 with one line naming the file when a file cannot be read, and keeps going', async () => {
    const db = path.join(tempDir(), 'cli.sqlite');
    const r = await greenlight([
      'import',
      path.join(FIXTURES, 'empty.csv'),
      path.join(FIXTURES, 'movies-good.csv'),
      '--db',
      db,
    ]);
    expect(r.code).toBe(1);
    expect(r.stderr.trim()).toBe('greenlight: empty.csv: is empty (0 bytes); expected a CSV file with a header row');
    expect(r.stdout).toMatch(/movies-good\.csv: 3 rows read, 3 loaded, 0 quarantined, 0 flagged/);
  });

  it('takes a mapping with --map and prints examples with --help', async () => {
    const db = path.join(tempDir(), 'cli.sqlite');
    const r = await greenlight([
      'import',
      path.join(FIXTURES, 'studio-mapped.csv'),
      '--kind',
      'mapped',
      '--map',
      'budget=Worldwide Gross,revenue=Production Budget',
      '--db',
      db,
      '--json',
    ]);
    expect(r.code).toBe(0);
    const conn = openDatabase(db);
    expect(conn.prepare("SELECT budget, revenue FROM films WHERE title = 'Studio One'").get()).toEqual({
      budget: 250e6,
      revenue: 90e6,
    });
    conn.close();
    const bad = await greenlight([
      'import',
      path.join(FIXTURES, 'studio-mapped.csv'),
      '--map',
      'bugdet=Cost',
      '--db',
      db,
    ]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/--map: unknown field "bugdet"/);
    const help = await greenlight(['import', '--help']);
    expect(help.stdout).toMatch(/Examples:\n {2}greenlight import --defaults/);
    const dataHelp = await greenlight(['data', 'quarantine', '--help']);
    expect(dataHelp.stdout).toMatch(/greenlight data quarantine --batch 3 --json/);
  });

  it('a killed import leaves the database as it was before', async () => {
    const dir = tempDir();
    const db = path.join(dir, 'kill.sqlite');
    expect((await greenlight(['import', path.join(FIXTURES, 'movies-good.csv'), '--db', db])).code).toBe(0);
    const conn = openDatabase(db);
    const before = layerCounts(conn);
    conn.close();
    // A file large enough that the import is still running when it is killed.
    const big = path.join(dir, 'big.csv');
    const rows = Array.from({ length: 60_000 }, (_, i) => moviesRow(100_000 + i, `Film ${i}`));
    fs.writeFileSync(big, `${MOVIES_HEADER}\n${rows.join('\n')}\n`);
    const child = spawn(NODE, [CLI, 'import', big, '--db', db], { cwd: ROOT, stdio: 'ignore' });
    const exited = new Promise<number | null>((resolve) =>
      child.on('exit', (_code, signal) => resolve(signal ? -1 : _code)),
    );
    // Wait until the import has written into the WAL (the transaction is open and large), then kill it.
    const wal = `${db}-wal`;
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      if (fs.existsSync(wal) && fs.statSync(wal).size > 4 * 1024 * 1024) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    child.kill('SIGKILL');
    expect(await exited).toBe(-1);
    const after = openDatabase(db);
    expect(layerCounts(after)).toEqual(before);
    after.close();
  });
});

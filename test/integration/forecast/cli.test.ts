/**
 * The predict, score, scenarios and serve commands as a user runs them: a child process on Node 22 against a
 * fresh database (first run loads the embedded films and installs the shipped models).
 */
import { execFile, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request } from '../http/helpers';

const root = path.resolve(__dirname, '..', '..', '..');
const node = path.join(root, 'node_modules', '.bin', 'node');
const cli = path.join(root, 'bin', 'greenlight.cjs');
const run = promisify(execFile);

let dir: string;
let db: string;

async function greenlight(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(node, [cli, ...args, '--db', db], { cwd: root, maxBuffer: 16 * 1024 * 1024 });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'greenlight-cli-forecast-'));
  db = path.join(dir, 'g.sqlite');
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('greenlight predict', () => {
  it('prints the --json shape of issue 4, accepting money as $90,000,000', async () => {
    const r = await greenlight([
      'predict',
      '--budget',
      '$90,000,000',
      '--runtime',
      '118',
      '--genres',
      'Action,Adventure',
      '--release-date',
      '2027-06-18',
      '--language',
      'en',
      '--json',
    ]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as Record<string, unknown>;
    expect(Object.keys(out)).toEqual(
      expect.arrayContaining([
        'revenue',
        'revenue_low',
        'revenue_high',
        'interval',
        'hit_probability',
        'roi',
        'break_even',
        'contributions',
        'comparables',
        'franchise',
        'warnings',
        'models',
      ]),
    );
    expect(out.interval).toBe(0.8);
    expect(out.break_even).toBe(180e6);
    expect(out.revenue_low as number).toBeLessThan(out.revenue as number);
    const contribution = (out.contributions as Record<string, unknown>[])[0];
    expect(Object.keys(contribution).sort()).toEqual(['effect', 'feature', 'label', 'value']);
    expect(contribution.label).toMatch(/^[A-Z][^_=]*: \S/);
    expect(out.franchise).toBeNull();
    const comparable = (out.comparables as Record<string, unknown>[])[0];
    expect(Object.keys(comparable).sort()).toEqual(['budget', 'id', 'predicted', 'revenue', 'title', 'year']);
    expect((out.warnings as string[]).join(' ')).toContain('2027');
    expect((out.models as { revenue: { id: number } }).revenue.id).toBeGreaterThan(0);
    const same = JSON.parse(
      (
        await greenlight([
          'predict',
          '--budget',
          '90M',
          '--runtime',
          '118',
          '--genres',
          'action,adventure',
          '--release-date',
          '2027-06-18',
          '--language',
          'en',
          '--json',
        ])
      ).stdout,
    ) as { revenue: number };
    expect(same.revenue).toBe(out.revenue);
  }, 180_000);

  it('says which option is wrong', async () => {
    const bad = await greenlight(['predict', '--budget', 'lots', '--genres', 'Action']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/^greenlight: --budget: .*not an amount of money/);
    const genre = await greenlight(['predict', '--budget', '10M', '--genres', 'Space Opera']);
    expect(genre.code).toBe(1);
    expect(genre.stderr).toMatch(/unknown genre "Space Opera"; known genres: Action/);
    const runtime = await greenlight(['predict', '--budget', '10M', '--runtime', '900']);
    expect(runtime.stderr).toMatch(/--runtime: runtime must be between 1 and 600 minutes/);
  }, 60_000);
});

describe('greenlight score and scenarios', () => {
  it('scores a CSV, reporting bad rows by number', async () => {
    const input = path.join(dir, 'slate.csv');
    fs.writeFileSync(
      input,
      'Film;Budget;Genres;Release Date\nAlpha;90M;Action|Adventure;2027-06-18\nBeta;n/a money;Drama;2026-01-01\n@Gamma;5000000;Drama;2026-03-01\n',
    );
    const out = path.join(dir, 'forecasts.csv');
    const r = await greenlight(['score', input, '--out', out, '--json']);
    expect(r.code).toBe(0);
    const summary = JSON.parse(r.stdout) as {
      rows: number;
      scored: number;
      skipped: number;
      problems: { row: number; field: string }[];
    };
    expect(summary).toMatchObject({ rows: 3, scored: 2, skipped: 1 });
    expect(summary.problems[0]).toMatchObject({ row: 2, field: 'Budget' });
    const lines = fs.readFileSync(out, 'utf8').trim().split('\n');
    expect(lines[0]).toBe('Film,Budget,Genres,Release Date,revenue,revenue_low,revenue_high,hit_probability,roi');
    expect(lines).toHaveLength(3);
    expect(lines[2].startsWith("'@Gamma,")).toBe(true);
    const human = await greenlight(['score', input, '--out', out]);
    expect(human.stdout).toContain('Skipped 1 bad row:\n  row 2, Budget:');
  }, 60_000);

  it('saves, lists, compares and deletes scenarios', async () => {
    const a = JSON.parse(
      (
        await greenlight([
          'scenarios',
          'save',
          '--name',
          'Tentpole',
          '--budget',
          '150M',
          '--genres',
          'Action',
          '--release-date',
          '2027-06-18',
          '--json',
        ])
      ).stdout,
    ) as { id: number; forecast: { revenue: number } };
    const b = JSON.parse(
      (await greenlight(['scenarios', 'save', '--name', 'Drama', '--budget', '8M', '--genres', 'Drama', '--json']))
        .stdout,
    ) as { id: number; forecast: { revenue: number } };
    const list = JSON.parse((await greenlight(['scenarios', 'list', '--json'])).stdout) as {
      id: number;
      stale: boolean;
    }[];
    expect(list.map((s) => s.id).sort()).toEqual([a.id, b.id].sort());
    expect(list.every((s) => s.stale === false)).toBe(true);
    const compared = JSON.parse(
      (await greenlight(['scenarios', 'compare', String(a.id), String(b.id), '--json'])).stdout,
    ) as {
      totals: { budget: number; expected_revenue: number };
    };
    expect(compared.totals.budget).toBe(158e6);
    expect(compared.totals.expected_revenue).toBeCloseTo(a.forecast.revenue + b.forecast.revenue, 0);
    const shown = await greenlight(['scenarios', 'show', String(a.id)]);
    expect(shown.stdout).toContain('Tentpole');
    expect((await greenlight(['scenarios', 'delete', String(b.id)])).code).toBe(0);
    const gone = await greenlight(['scenarios', 'delete', String(b.id)]);
    expect(gone.code).toBe(1);
    expect(gone.stderr).toContain(`there is no scenario ${b.id}`);
  }, 120_000);
});

describe('greenlight serve', () => {
  it('prints the URL with the token, answers /health, and stops cleanly on SIGTERM', async () => {
    const child = spawn(node, [cli, 'serve', '--port', '0', '--db', db], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        stdout += chunk.toString();
        const m = /running at (http:\/\/127\.0\.0\.1:\d+\/)/.exec(stdout);
        if (m && stdout.includes('API token: ')) resolve(m[1]);
      });
      child.on('exit', (code) => reject(new Error(`serve exited early (${code})`)));
    });
    const health = await request(`${url}health`);
    expect(health.status).toBe(200);
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  }, 60_000);
});

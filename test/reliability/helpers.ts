/** Shared helpers of the reliability suite: fixture paths, CSV writing, child processes, database checks. */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Db } from '../../src-main/core/store/db';

export const ROOT = path.resolve(__dirname, '..', '..');
export const HOSTILE_DIR = path.join(ROOT, 'test', 'fixtures', 'hostile');
/** The project's Node 22 (the system node may be older, and better-sqlite3 needs 22). */
export const NODE = path.join(ROOT, 'node_modules', '.bin', 'node');
export const RUN_TS = path.join(ROOT, 'bin', 'run-ts.cjs');

export const MOVIES_HEADER =
  'id,title,budget,revenue,runtime,release_date,genres,original_language,popularity,vote_count';

/** The titles of hostile-titles.csv and hostile-studio-export.csv, in file order. */
export function hostileTitles(): string[] {
  return JSON.parse(fs.readFileSync(path.join(HOSTILE_DIR, 'hostile-titles.json'), 'utf8')) as string[];
}

/** One movies-format row (fields), matching MOVIES_HEADER. */
export function movieRow(id: number, title: string, budget = 1_000_000 + id, revenue = 5_000_000 + id): string[] {
  const genres = JSON.stringify([{ id: 18, name: 'Drama' }]);
  return [String(id), title, String(budget), String(revenue), '100', '2010-07-16', genres, 'en', '1.5', '10'];
}

export function csvRecord(fields: readonly string[]): string {
  return `${fields.map((f) => (/[",\r\n]/.test(f) ? `"${f.replace(/"/g, '""')}"` : f)).join(',')}\n`;
}

export function writeRecord(fd: number, fields: readonly string[]): void {
  fs.writeSync(fd, csvRecord(fields));
}

export function integrityOk(db: Db): boolean {
  const rows = db.pragma('integrity_check') as { integrity_check: string }[];
  return rows.length === 1 && rows[0].integrity_check === 'ok';
}

/** A TypeScript script run as a child process on the project's Node 22, like the CLI runs. */
export function spawnTs(script: string, args: string[], env: NodeJS.ProcessEnv = {}): ChildProcess {
  return spawn(NODE, [RUN_TS, script, ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** Resolves when the child has printed a line matching `pattern` on stdout (with that line). */
export function waitForLine(child: ChildProcess, pattern: RegExp, timeoutMs = 120_000): Promise<string> {
  return new Promise((resolve, reject) => {
    let buffer = '';
    let stderr = '';
    const timer = setTimeout(() => done(new Error(`timed out waiting for ${pattern}; stderr: ${stderr}`)), timeoutMs);
    const onData = (chunk: Buffer) => {
      buffer += chunk.toString();
      const lines = buffer.split('\n');
      buffer = lines.pop() ?? '';
      const hit = lines.find((l) => pattern.test(l));
      if (hit !== undefined) done(null, hit);
    };
    const onErr = (chunk: Buffer) => (stderr += chunk.toString());
    const onExit = (code: number | null) =>
      done(new Error(`child exited (${code}) before ${pattern}; stderr: ${stderr}`));
    function done(err: Error | null, line?: string) {
      clearTimeout(timer);
      child.stdout?.off('data', onData);
      child.stderr?.off('data', onErr);
      child.off('exit', onExit);
      if (err) reject(err);
      else resolve(line as string);
    }
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onErr);
    child.on('exit', onExit);
  });
}

/** Kills the child with SIGKILL (no handler can run) and waits until it is gone. */
export function killHard(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

/** A seeded PRNG (mulberry32), so the kill moments of a run can be replayed from its seed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

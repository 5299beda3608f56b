/**
 * `npm start` where Electron cannot run: scripts/start.cjs says so in one line and serves browser mode, for real
 * (the renderer built if needed, the HTTP host on a temp database answering /health). ELECTRON_OVERRIDE_DIST_PATH
 * points at an empty folder, so the test never tries to download Electron, on any machine.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '../..');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'greenlight-start-'));
let child: ChildProcess | null = null;

afterAll(async () => {
  if (child?.pid && child.exitCode === null) {
    process.kill(-child.pid, 'SIGTERM'); // the whole group: start.cjs and the server it started
    await new Promise((resolve) => child!.once('exit', resolve));
  }
  fs.rmSync(tmp, { recursive: true, force: true });
});

/** Resolves with the first stdout line matching `pattern`, or rejects when the process exits first. */
function waitForLine(proc: ChildProcess, pattern: RegExp, output: { text: string }): Promise<string> {
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output.text += chunk.toString();
      const line = output.text.split('\n').find((l) => pattern.test(l));
      if (line) {
        proc.stdout!.off('data', onData);
        resolve(line);
      }
    };
    proc.stdout!.on('data', onData);
    proc.once('exit', (code) => reject(new Error(`start.cjs exited with ${code} before printing it:\n${output.text}`)));
  });
}

async function waitForHealth(url: string, deadline: number): Promise<Response> {
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      const response = await fetch(new URL('/health', url));
      if (response.ok) return response;
    } catch (err) {
      lastError = err;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`/health never answered: ${String(lastError)}`);
}

describe('npm start without an Electron binary', () => {
  it('says so in one line and serves browser mode', async () => {
    const emptyDist = path.join(tmp, 'no-electron-here');
    fs.mkdirSync(emptyDist);
    child = spawn(process.execPath, [path.join(root, 'scripts', 'start.cjs'), '--no-open'], {
      cwd: root,
      detached: true,
      env: {
        ...process.env,
        GREENLIGHT_DB: path.join(tmp, 'greenlight.sqlite'),
        ELECTRON_OVERRIDE_DIST_PATH: emptyDist,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const output = { text: '' };

    const line = await waitForLine(child, /Electron/, output);
    expect(line).toMatch(
      /^Electron was not found in ELECTRON_OVERRIDE_DIST_PATH \(.+\): serving Greenlight for your browser instead at http:\/\/127\.0\.0\.1:\d+\/…$/,
    );
    const url = line.match(/http:\/\/127\.0\.0\.1:\d+\//)![0];

    const health = await waitForHealth(url, Date.now() + 240_000);
    expect(health.status).toBe(200);
    const page = await fetch(url);
    expect(page.status).toBe(200);
    expect(await page.text()).toMatch(/<div id="app"|<!doctype html>/i);
    expect(stderr).not.toMatch(/\n\s+at .+:\d+:\d+/); // no stack trace
  });
});

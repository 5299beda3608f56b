/**
 * `greenlight report --input` on a database that does not exist yet: the command runs the same first-run
 * preparation as `serve` (embedded TMDB films, shipped default models), says so on stderr, and writes a PDF
 * whose model card names the installed versions.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main as cli } from '../../../src-main/cli/main';
import { openDatabase } from '../../../src-main/core/store/db';
import { loadActiveModels } from '../../../src-main/core/models/load';

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'greenlight-report-first-run-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('greenlight report on a fresh database', () => {
  it('loads the films and installs the default models before forecasting the scenario file', async () => {
    const db = path.join(dir, 'fresh.sqlite');
    const scenario = path.join(dir, 'scenario.json');
    fs.writeFileSync(scenario, JSON.stringify({ title: 'First Light', budget: '40M', genres: ['Drama'] }));
    const out = path.join(dir, 'first-light.pdf');

    const stderr: string[] = [];
    const write = process.stderr.write.bind(process.stderr);
    process.stderr.write = ((chunk: string) => {
      stderr.push(String(chunk));
      return true;
    }) as typeof process.stderr.write;
    let code: number;
    try {
      code = await cli(['report', '--input', scenario, '--out', out, '--db', db]);
    } finally {
      process.stderr.write = write;
    }
    expect(stderr.join('')).toContain('First run: loading the embedded TMDB films');
    expect(code).toBe(0);
    expect(stderr.join('')).toMatch(/Installed the default models: .*revenue #\d+/);

    const opened = openDatabase(db);
    try {
      const active = loadActiveModels(opened);
      expect(active.revenue).toBeTruthy();
      const text = execFileSync('pdftotext', [out, '-']).toString();
      expect(text).toContain('First Light');
      expect(text).toContain(`Revenue model · version #${active.revenue!.version.id}`);
    } finally {
      opened.close();
    }
  }, 240_000);
});

/**
 * CSV written by the app cannot run in a spreadsheet: every text cell starting with = + - @ (or a tab or
 * carriage return, which spreadsheets skip before a formula) is neutralised. Checked end to end through the real
 * `greenlight score` command on the hostile studio export, and as a property of the CSV writer.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parse } from 'csv-parse/sync';
import { csvLine } from '../../src-main/core/forecast/csv-out';
import { openDatabase } from '../../src-main/core/store/db';
import { importFile } from '../../src-main/core/ingest/import';
import { HOSTILE_DIR, hostileTitles, NODE, ROOT } from './helpers';

const FORMULA_START = /^[=+\-@\t\r]/;
/** A cell a spreadsheet would run: starts like a formula and is not a plain number (-0.25 is data). */
const dangerous = (cell: string) => FORMULA_START.test(cell) && !/^[-+]?\d+(\.\d+)?(e[-+]?\d+)?$/i.test(cell);

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'greenlight-exports-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function cli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(NODE, [path.join(ROOT, 'bin', 'greenlight.cjs'), ...args], { cwd: ROOT });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('greenlight score on hostile titles', () => {
  it('writes every title as text: formulas get a leading apostrophe, nothing else changes', async () => {
    const out = path.join(dir, 'forecasts.csv');
    // A database with a few films already, so the command does not load the whole embedded data first.
    const db = openDatabase(path.join(dir, 'score.sqlite'));
    await importFile(db, { fileName: 'hostile-titles.csv', path: path.join(HOSTILE_DIR, 'hostile-titles.csv') });
    db.close();
    const result = await cli([
      'score',
      path.join(HOSTILE_DIR, 'hostile-studio-export.csv'),
      '--out',
      out,
      '--db',
      path.join(dir, 'score.sqlite'),
      '--json',
    ]);
    expect(result.code, result.stderr).toBe(0);
    const rows = parse(fs.readFileSync(out, 'utf8'), { relax_column_count: true }) as string[][];
    const [header, ...body] = rows;
    const titles = hostileTitles();
    expect(body).toHaveLength(titles.length);
    const titleAt = header.indexOf('Title');
    for (const [i, row] of body.entries()) {
      const title = titles[i];
      expect(row[titleAt]).toBe(FORMULA_START.test(title) ? `'${title}` : title);
      for (const cell of row) expect(dangerous(cell), `row ${i + 1}: ${cell}`).toBe(false);
    }
    expect(header).toEqual(
      expect.arrayContaining(['revenue', 'revenue_low', 'revenue_high', 'hit_probability', 'roi']),
    );
  });
});

describe('the CSV writer, as a property', () => {
  it('never writes a cell a spreadsheet would run, and keeps the text otherwise', () => {
    const cell = fc.oneof(
      fc.string(),
      fc.constantFrom('=1+1', '+1', '-1+1', '@SUM(A1)', '\t=1', '\r=1', '=cmd|" /C calc"!A0'),
      fc.double({ noNaN: false }),
      fc.integer(),
    );
    fc.assert(
      fc.property(fc.array(cell, { minLength: 1, maxLength: 8 }), (values) => {
        const [parsed] = parse(csvLine(values), { relax_quotes: true }) as string[][];
        expect(parsed).toHaveLength(values.length);
        values.forEach((value, i) => {
          const written = parsed[i];
          if (typeof value === 'number') {
            expect(written).toBe(Number.isFinite(value) ? String(value) : '');
          } else {
            expect(dangerous(written)).toBe(false);
            expect(written).toBe(FORMULA_START.test(value) ? `'${value}` : value);
          }
        });
      }),
      { numRuns: 2000 },
    );
  });
});

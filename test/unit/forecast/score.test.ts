import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { buildForecastState, quickForecast } from '../../../src-main/core/forecast/engine';
import { scoreFile } from '../../../src-main/core/forecast/score';
import { linearRevenueModel, logisticHitModel, sampleFilms } from './helpers';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});
function temp(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'greenlight-score-'));
  dirs.push(d);
  return d;
}

const state = () => buildForecastState({ revenue: linearRevenueModel(), hit: logisticHitModel() }, sampleFilms());

describe('scoreFile', () => {
  it('writes every good row with its forecast, and reports bad rows by number', async () => {
    const dir = temp();
    const input = path.join(dir, 'slate.csv');
    fs.writeFileSync(
      input,
      [
        'Film,Production Budget,Running Time,Genre,Release Date,Notes',
        'Alpha,$90M,118,Action|Adventure,2027-06-18,ok',
        'Beta,not money,100,Drama,2027-01-01,bad budget',
        '=HYPERLINK("http://x"),40000000,95,Horror,2026-10-31,formula title',
        'Gamma,20M,700,Drama,2026-01-01,runtime too long',
        'Delta,20M,90,Space Opera,2026-01-01,unknown genre',
        'Epsilon,,90,Drama,2026-01-01,no budget',
      ].join('\n'),
    );
    const out = path.join(dir, 'forecasts.csv');
    const summary = await scoreFile(state(), { fileName: 'slate.csv', path: input }, out, {
      mapping: { runtime: 'Running Time' },
    });
    expect(summary.rows).toBe(6);
    expect(summary.scored).toBe(2);
    expect(summary.skipped).toBe(4);
    expect(summary.problems.map((p) => p.row)).toEqual([2, 4, 5, 6]);
    expect(summary.problems[0]).toMatchObject({ field: 'Production Budget' });
    expect(summary.problems[0].reason).toContain('not money');
    expect(summary.problems[1]).toMatchObject({ field: 'Running Time' });
    expect(summary.problems[2].reason).toContain('Space Opera');
    expect(summary.problems[3].field).toBe('Production Budget');

    const text = fs.readFileSync(out, 'utf8');
    const rows = parse(text) as string[][];
    expect(rows[0]).toEqual([
      'Film',
      'Production Budget',
      'Running Time',
      'Genre',
      'Release Date',
      'Notes',
      'revenue',
      'revenue_low',
      'revenue_high',
      'hit_probability',
      'roi',
    ]);
    expect(rows).toHaveLength(3);
    const alpha = rows[1];
    expect(alpha[0]).toBe('Alpha');
    const expected = quickForecast(state(), {
      budget: 90e6,
      runtime: 118,
      genres: ['Action', 'Adventure'],
      releaseDate: '2027-06-18',
      title: 'Alpha',
    });
    expect(Number(alpha[6])).toBe(Math.round(expected.revenue));
    expect(Number(alpha[7])).toBeLessThan(Number(alpha[6]));
    expect(Number(alpha[8])).toBeGreaterThan(Number(alpha[6]));
    expect(Number(alpha[9])).toBeCloseTo(expected.hitProbability!, 4);
    expect(Number(alpha[10])).toBeCloseTo(expected.roi, 4);
    // The formula title is neutralised in the output.
    expect(rows[2][0]).toBe(`'=HYPERLINK("http://x")`);
  });

  it('refuses a file without a budget column, naming the file', async () => {
    const dir = temp();
    const input = path.join(dir, 'nobudget.csv');
    fs.writeFileSync(input, 'Film,Genre\nAlpha,Action\n');
    await expect(
      scoreFile(state(), { fileName: 'nobudget.csv', path: input }, path.join(dir, 'o.csv')),
    ).rejects.toThrow(/nobudget\.csv.*budget/);
  });
});

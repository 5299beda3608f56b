/**
 * Reports from real forecasts: the embedded TMDB films, small real models trained and activated, scenarios
 * saved through the store. Each PDF is read back with poppler (pdftotext, pdfinfo) and rendered to PNG in
 * test/artifacts/report/ so a person can look at the pages.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../../src-main/core/store/db';
import { importDefaults } from '../../../src-main/core/ingest/import';
import { createContext, type CoreContext } from '../../../src-main/core/context';
import { trainModel } from '../../../src-main/core/models/train';
import { activateModel } from '../../../src-main/core/models/versions';
import { WorkerPool } from '../../../src-main/core/jobs/pool';
import { forecast, forecastModelIds } from '../../../src-main/core/forecast/service';
import { insertScenario } from '../../../src-main/core/store/scenarios';
import { buildReport, buildScenarioReport } from '../../../src-main/core/report';
import { headline, slateTotals } from '../../../src-main/core/report/sections';
import { gatherReportData } from '../../../src-main/core/report/source';
import { TMDB_ATTRIBUTION } from '../../../src-main/core/report/model';
import { dispatch, InvalidInputError } from '../../../src-main/core/api/handler';
import { handlers } from '../../../src-main/core/api/handlers';
import { main as cli } from '../../../src-main/cli/main';
import { formatMoney, formatNumber, formatRoi } from '../../../src-main/shared/format';
import type { ReportExportResult } from '../../../src-main/shared/contract/reports';
import type { FilmInput } from '../../../src-main/shared/film';
import type { JobProgress } from '../../../src-main/shared/film';

const ARTIFACTS = path.resolve(__dirname, '../../artifacts/report');
const TRICKY_TITLE = 'Größe 重要度 (Ça) \\ <img src=x onerror=alert(1)> & Ωmega';

let dir: string;
let file: string;
let db: Db;
let ctx: CoreContext;
const pool = new WorkerPool({ size: 2 });
const ids: number[] = [];
let models: number[] = [];

const films: FilmInput[] = [
  {
    title: TRICKY_TITLE,
    budget: 90e6,
    runtime: 118,
    genres: ['Action', 'Adventure'],
    releaseDate: '2027-06-18',
    language: 'en',
    directors: ['George Miller'],
    cast: ['Charlize Theron', 'Tom Hardy'],
    keywords: ['desert', 'chase'],
  },
  {
    title: 'Quiet Harbour',
    budget: 12e6,
    runtime: 104,
    genres: ['Drama', 'Romance'],
    releaseDate: '2027-10-08',
    language: 'fr',
  },
  {
    title: 'Night Shift 3',
    budget: 35e6,
    runtime: 96,
    genres: ['Horror', 'Thriller'],
    releaseDate: '2027-10-29',
    language: 'en',
  },
];

function pdfText(pdf: string): string {
  return execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
}
function pdfPages(pdf: string): number {
  const info = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' });
  return Number(/^Pages:\s+(\d+)/m.exec(info)?.[1]);
}
/** Writes the PDF and its pages as PNG into the artifacts folder; returns the PDF's path. */
function keep(name: string, pdf: Buffer): string {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  const out = path.join(ARTIFACTS, `${name}.pdf`);
  fs.writeFileSync(out, pdf);
  for (const old of fs.readdirSync(ARTIFACTS).filter((f) => f.startsWith(`${name}-`) && f.endsWith('.png'))) {
    fs.rmSync(path.join(ARTIFACTS, old));
  }
  execFileSync('pdftoppm', ['-r', '60', '-png', out, path.join(ARTIFACTS, name)]);
  return out;
}
/** pdftotext lays words out with runs of spaces; compare on single spaces. */
const squash = (text: string) => text.replace(/\s+/g, ' ');

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'greenlight-report-'));
  file = path.join(dir, 'g.sqlite');
  db = openDatabase(file);
  ctx = createContext(db, file, 'cli');
  await importDefaults(db);
  const small = { n_estimators: 20, max_depth: 3, learning_rate: 0.2 };
  const revenue = await trainModel(
    db,
    { target: 'revenue', features: 'greenlight', algorithm: 'gbdt', params: small, folds: 3, seed: 7 },
    { pool },
  );
  const hit = await trainModel(
    db,
    { target: 'hit', features: 'greenlight', algorithm: 'gbdt', params: small, folds: 3, seed: 7 },
    { pool },
  );
  activateModel(db, revenue.model);
  activateModel(db, hit.model);
  models = [revenue.model, hit.model];
  for (const input of films) {
    const f = forecast(ctx, input);
    ids.push(
      insertScenario(db, {
        name: `${input.title} (v1)`,
        note: null,
        input: f.input,
        forecast: f,
        modelIds: forecastModelIds(f),
      }).id,
    );
  }
}, 300_000);

afterAll(async () => {
  await pool.close();
  db?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('scenario report', () => {
  it('prints the forecast numbers as the app formats them, the model versions, the attribution, on 6 pages', async () => {
    const steps: string[] = [];
    const report = await buildReport(ctx, { scenarioIds: [ids[0]], note: 'Green light at $90M if June holds.' }, (p) =>
      steps.push(p.step),
    );
    const out = keep('scenario', report.pdf);
    expect(report.pdf.subarray(0, 5).toString()).toBe('%PDF-');
    // title, forecast, comparables + waterfall, what-if, reasons + comparables table, model card + provenance
    expect(report.pages).toBe(6);
    expect(pdfPages(out)).toBe(6);

    const text = squash(pdfText(out));
    const f = gatherReportData(ctx, { scenarioIds: [ids[0]] }).scenarios[0].forecast;
    const h = headline(f);
    expect(text).toContain(h.revenue);
    expect(text).toContain(`80% range: ${h.range}`);
    expect(text).toContain(h.hitProbability);
    expect(text).toContain(h.roi);
    expect(text).toContain(h.breakEven);
    expect(text).toContain(`Revenue model · version #${models[0]}`);
    expect(text).toContain(`Hit model · version #${models[1]}`);
    expect(text).toContain(TMDB_ATTRIBUTION);
    expect(text).toContain('Green light at $90M if June holds.');
    expect(text).toMatch(/Page 1 of 6/);
    expect(text).toMatch(/Page 6 of 6/);
    expect(text).toMatch(/Generated \d{1,2} \w{3} \d{4}, \d{2}:\d{2} UTC/);
    expect(text).toContain('Flagged films');
    // Every comparable film's title and revenue appear in the table.
    for (const c of f.comparables) expect(text).toContain(formatMoney(c.revenue));
    expect(steps).toContain('Laying out pages');
  });

  it('prints a title with accents, CJK and PDF/HTML special characters exactly as written', async () => {
    const pdf = await buildScenarioReport(ctx, { scenarioIds: [ids[0]] });
    const out = keep('tricky-title', pdf);
    const raw = pdfText(out);
    expect(raw).toContain('Größe 重要度 (Ça) \\ <img src=x');
    expect(raw).toContain('onerror=alert(1)> & Ωmega');
    // The running header holds the whole title on one line.
    expect(raw).toContain(TRICKY_TITLE);
    const fonts = execFileSync('pdffonts', [out], { encoding: 'utf8' });
    expect(fonts).toMatch(/DejaVuSans/);
    expect(fonts).toMatch(/DroidSansFallback/);
  });

  it('forecasts an inline scenario with the active models', async () => {
    const report = await buildReport(ctx, { input: films[1], title: 'Quiet Harbour, a first look' });
    const text = squash(pdfText(keep('inline', report.pdf)));
    const f = forecast(ctx, films[1]);
    expect(text).toContain('Quiet Harbour, a first look');
    expect(text).toContain(headline(f).revenue);
    expect(report.fileName).toMatch(/^greenlight-quiet-harbour-a-first-look-\d{4}-\d{2}-\d{2}\.pdf$/);
  });

  it("gives the reasons in words, and a sequel's earlier films beside the model's reading of them", async () => {
    const input = { ...films[0], title: 'Iron Man 4' };
    const text = squash(pdfText(keep('franchise', (await buildReport(ctx, { input })).pdf)));
    const f = forecast(ctx, input);
    expect(text).toContain('Reason: the feature and this film’s value');
    for (const c of f.contributions.slice(0, 3)) expect(text).toContain(c.label!);
    expect(text).not.toMatch(/log_budget|franchise_|_prior_/);
    expect(text).toContain(
      'Earlier films in this franchise (found by title): Iron Man (2008) $585M, Iron Man 2 (2010) $624M, ' +
        'Iron Man 3 (2013) $1.22B. The model reads them as',
    );
  });
});

describe('slate report', () => {
  it('puts the scenarios side by side with totals, then one section each', async () => {
    const report = await buildReport(ctx, { scenarioIds: ids, title: 'Autumn 2027 slate' });
    const out = keep('slate', report.pdf);
    // title, slate summary, 4 pages per scenario, model card + provenance
    expect(report.pages).toBe(1 + 1 + 4 * ids.length + 1);
    expect(pdfPages(out)).toBe(report.pages);
    const text = squash(pdfText(out));
    const data = gatherReportData(ctx, { scenarioIds: ids });
    const totals = slateTotals(data);
    expect(text).toContain(`Total (3 films) ${formatMoney(totals.budget)} ${formatMoney(totals.revenue)}`);
    expect(text).toContain(`${formatNumber(totals.expectedHits, 1)} hits ${formatRoi(totals.roi)}`);
    for (const [i, s] of data.scenarios.entries()) {
      expect(text).toContain(`SCENARIO ${i + 1}`);
      expect(text).toContain(headline(s.forecast).revenue);
    }
    expect(text).toContain('Quiet Harbour');
    expect(text).toContain('Night Shift 3');
  });
});

describe('reports.export through the contract', () => {
  it('runs as a job with progress steps and returns the PDF as base64 with its page count', async () => {
    const progress: JobProgress[] = [];
    ctx.events.on('event', (e: { type: string; progress?: JobProgress }) => {
      if (e.type === 'job.progress' && e.progress) progress.push(e.progress);
    });
    const { job } = (await dispatch(handlers, ctx, 'reports.export', {
      scenarioIds: [ids[1]],
      note: 'For Monday',
    })) as { job: string };
    const status = await ctx.jobs.wait(job);
    expect(status.state).toBe('done');
    const result = status.result as ReportExportResult;
    const pdf = Buffer.from(result.pdfBase64, 'base64');
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(result.pages).toBe(6);
    expect(result.fileName).toMatch(/^greenlight-quiet-harbour-\d{4}-\d{2}-\d{2}\.pdf$/);
    expect(progress.some((p) => p.job === job && p.step === 'Laying out pages')).toBe(true);
  });

  it('refuses ids and an inline scenario together, or neither, before any work', async () => {
    await expect(
      dispatch(handlers, ctx, 'reports.export', { scenarioIds: [1], input: films[1] }),
    ).rejects.toBeInstanceOf(InvalidInputError);
    await expect(dispatch(handlers, ctx, 'reports.export', {})).rejects.toBeInstanceOf(InvalidInputError);
    await expect(
      dispatch(handlers, ctx, 'reports.export', { scenarioIds: Array.from({ length: 51 }, (_, i) => i + 1) }),
    ).rejects.toThrow(/at most 50 scenarios/);
  });

  it('fails the job with a clear message for a scenario that does not exist', async () => {
    const { job } = (await dispatch(handlers, ctx, 'reports.export', { scenarioIds: [ids[0], 9999] })) as {
      job: string;
    };
    const status = await ctx.jobs.wait(job);
    expect(status.state).toBe('failed');
    expect(status.error).toBe('There is no scenario 9999.');
  });
});

describe('greenlight report', () => {
  it('writes the PDF of saved scenarios to --out', async () => {
    const out = path.join(dir, 'cli', 'slate.pdf');
    const code = await cli(['report', '--scenario', `${ids[0]},${ids[2]}`, '--out', out, '--db', file]);
    expect(code).toBe(0);
    expect(pdfPages(out)).toBe(1 + 1 + 4 * 2 + 1);
    expect(pdfText(out)).toContain('Slate of 2 films');
  });

  it('reads a scenario file (money as "35M") and names the file and field when it is wrong', async () => {
    const good = path.join(dir, 'scenario.json');
    fs.writeFileSync(
      good,
      JSON.stringify({ title: 'Night Shift 3', budget: '35M', genres: ['Horror'], releaseDate: '2027-10-29' }),
    );
    const out = path.join(dir, 'inline.pdf');
    expect(await cli(['report', '--input', good, '--out', out, '--db', file])).toBe(0);
    expect(pdfText(out)).toContain('$35M ($35,000,000)');

    const bad = path.join(dir, 'bad.json');
    fs.writeFileSync(bad, JSON.stringify({ title: 'Oops', budget: -5, genres: [] }));
    const errors: string[] = [];
    const write = process.stderr.write.bind(process.stderr);
    process.stderr.write = ((chunk: string) => {
      errors.push(String(chunk));
      return true;
    }) as typeof process.stderr.write;
    try {
      expect(await cli(['report', '--input', bad, '--db', file])).toBe(1);
      expect(await cli(['report', '--scenario', '3,x', '--db', file])).toBe(1);
    } finally {
      process.stderr.write = write;
    }
    expect(errors.join('')).toContain(`${bad}: budget: budget must be positive`);
    expect(errors.join('')).toContain('--scenario: "x" is not a scenario id');
  });
});

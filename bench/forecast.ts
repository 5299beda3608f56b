/**
 * Forecast benchmark: latency of one forecast (interval, contributions, comparables) in process and over the
 * local HTTP host on loopback, batch scoring of 100,000 generated rows, and conformal interval coverage on the
 * revenue model's out-of-fold residuals with the mean width. Uses a temporary database with the embedded
 * films and the shipped default models (trains small ones when models/ is not built). Prints one JSON line.
 * `node bin/run-ts.cjs bench/forecast.ts`
 */
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { openDatabase, type Db } from '../src-main/core/store/db';
import { createContext, type CoreContext } from '../src-main/core/context';
import { importDefaults } from '../src-main/core/ingest/import';
import { ensureDefaultModels } from '../src-main/core/models/defaults';
import { trainModel } from '../src-main/core/models/train';
import { shutdownTrainingPool } from '../src-main/core/jobs/pool';
import { forecast, forecastState } from '../src-main/core/forecast/service';
import { crossCheckCoverage } from '../src-main/core/forecast/conformal';
import { scoreFile } from '../src-main/core/forecast/score';
import { startServer } from '../src-main/http/server';
import type { FilmInput } from '../src-main/shared/film';

const GENRES = [
  'Action',
  'Adventure',
  'Comedy',
  'Drama',
  'Horror',
  'Thriller',
  'Animation',
  'Family',
  'Science Fiction',
  'Romance',
];

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];
}

function summary(ms: number[]) {
  const sorted = [...ms].sort((a, b) => a - b);
  const r = (x: number) => Math.round(x * 1000) / 1000;
  return {
    n: ms.length,
    p50_ms: r(percentile(sorted, 0.5)),
    p99_ms: r(percentile(sorted, 0.99)),
    max_ms: r(sorted[sorted.length - 1]),
  };
}

/** Scenario i of a deterministic variety (budgets $1M-$300M, genres, months, runtimes). */
function scenario(i: number): FilmInput {
  return {
    title: `Bench ${i}`,
    budget: Math.round(1e6 * Math.exp((((i * 7919) % 1000) / 1000) * Math.log(300))),
    runtime: 80 + ((i * 31) % 80),
    genres: [GENRES[i % GENRES.length], GENRES[(i * 3 + 1) % GENRES.length]].filter((g, j, a) => a.indexOf(g) === j),
    releaseDate: `${2010 + (i % 10)}-${String(1 + (i % 12)).padStart(2, '0')}-15`,
    language: 'en',
  };
}

async function prepare(db: Db): Promise<string> {
  await importDefaults(db);
  try {
    ensureDefaultModels(db);
    return 'shipped';
  } catch {
    const common = {
      features: 'greenlight',
      algorithm: 'gbdt' as const,
      params: { n_estimators: 300, learning_rate: 0.05, max_depth: 3 },
      activate: true,
    };
    await trainModel(db, { target: 'revenue', ...common });
    await trainModel(db, { target: 'hit', ...common });
    await shutdownTrainingPool();
    return 'trained in bench';
  }
}

function inProcess(ctx: CoreContext, n: number, whatIf: boolean) {
  for (let i = 0; i < 50; i++) forecast(ctx, scenario(i), { whatIf }); // warm up (JIT, caches)
  const ms: number[] = [];
  for (let i = 0; i < n; i++) {
    const input = scenario(i);
    const t = performance.now();
    forecast(ctx, input, { whatIf });
    ms.push(performance.now() - t);
  }
  return summary(ms);
}

async function overHttp(ctx: CoreContext, n: number) {
  const server = await startServer({ ctx, port: 0, log: () => {} });
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const post = (body: string) =>
    new Promise<number>((resolve, reject) => {
      const req = http.request(
        `${server.url}api/forecast.run`,
        { method: 'POST', agent, headers: { 'Content-Type': 'application/json', 'X-Greenlight-Token': server.token } },
        (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode ?? 0));
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  try {
    for (let i = 0; i < 30; i++) await post(JSON.stringify({ input: scenario(i), options: { whatIf: false } }));
    const ms: number[] = [];
    for (let i = 0; i < n; i++) {
      const body = JSON.stringify({ input: scenario(i), options: { whatIf: false } });
      const t = performance.now();
      const status = await post(body);
      ms.push(performance.now() - t);
      if (status !== 200) throw new Error(`forecast.run over HTTP answered ${status}`);
    }
    return summary(ms);
  } finally {
    agent.destroy();
    await server.close();
  }
}

async function scoring(ctx: CoreContext, dir: string, rows: number) {
  const input = path.join(dir, 'slate.csv');
  const lines = ['title,budget,runtime,genres,release_date,original_language'];
  for (let i = 0; i < rows; i++) {
    const s = scenario(i);
    lines.push(`Bench ${i},${s.budget},${s.runtime},${s.genres.join('|')},${s.releaseDate},en`);
  }
  fs.writeFileSync(input, `${lines.join('\n')}\n`);
  const t = performance.now();
  const result = await scoreFile(forecastState(ctx), { fileName: 'slate.csv', path: input }, path.join(dir, 'out.csv'));
  return {
    rows,
    seconds: Math.round((performance.now() - t) / 10) / 100,
    scored: result.scored,
    skipped: result.skipped,
  };
}

function coverage(ctx: CoreContext) {
  const residuals = forecastState(ctx).models.revenue.calibration.absResiduals ?? [];
  const levels: Record<string, unknown> = {};
  for (const level of [0.5, 0.8, 0.95]) {
    const c = crossCheckCoverage(residuals, level, 5, 1);
    levels[String(level)] = {
      coverage: Math.round(c.coverage * 10000) / 10000,
      // Width on the log scale, and as a ratio high/low in dollars (e^(2q)) for a film of any size.
      mean_width_log: Math.round(2 * c.meanHalfWidth * 1000) / 1000,
      high_over_low: Math.round(Math.exp(2 * c.meanHalfWidth) * 10) / 10,
    };
  }
  return { oof_films: residuals.length, levels };
}

export async function runForecastBench(
  options: { scoreRows?: number; samples?: number } = {},
): Promise<Record<string, unknown>> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'greenlight-bench-forecast-'));
  const file = path.join(dir, 'bench.sqlite');
  const db = openDatabase(file);
  try {
    const ctx = createContext(db, file, 'cli');
    const models = await prepare(db);
    const samples = options.samples ?? 1000;
    const result = {
      bench: 'forecast',
      models,
      machine: `${os.cpus().length} cores, shared with other work (load ${os.loadavg()[0].toFixed(1)})`,
      in_process: inProcess(ctx, samples, false),
      in_process_with_what_if: inProcess(ctx, Math.ceil(samples / 4), true),
      over_http: await overHttp(ctx, Math.ceil(samples / 2)),
      score: await scoring(ctx, dir, options.scoreRows ?? 100_000),
      interval_coverage: coverage(ctx),
      goals: { in_process_p99_ms: 5, over_http_p99_ms: 20, score_100k_seconds: 10, coverage_80: [0.78, 0.82] },
    };
    return result;
  } finally {
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

// Run directly (`node bin/run-ts.cjs bench/forecast.ts`, which puts this file in argv[1]), not when imported.
if (path.resolve(process.argv[1] ?? '') === __filename) {
  runForecastBench().then(
    (result) => process.stdout.write(`${JSON.stringify(result)}\n`),
    (err) => {
      process.stderr.write(`bench/forecast: ${(err as Error).stack ?? err}\n`);
      process.exitCode = 1;
    },
  );
}

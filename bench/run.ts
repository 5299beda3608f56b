/**
 * `npm run bench`: every benchmark in one run, each printing one JSON line, so our figures and the anchors'
 * (scikit-learn / XGBoost / the sqlite3 CLI, run by each bench in the same run when installed) are compared
 * on the same machine at the same moment. Not part of `npm test`: these take minutes.
 *
 *   npm run bench                   # all: import, ml, train, forecast
 *   npm run bench -- ml forecast    # only the named ones
 *   BENCH_ROWS=200000 npm run bench -- import   # a smaller generated file than the default million rows
 */
import os from 'node:os';
import { runImportBench } from './import';
import { runMlBench } from './ml';
import { runTrainBench } from './train';
import { runForecastBench } from './forecast';
import { shutdownTrainingPool } from '../src-main/core/jobs/pool';

const benches: Record<string, () => Promise<unknown> | unknown> = {
  import: () => runImportBench(),
  ml: () => runMlBench(),
  train: () => runTrainBench(),
  forecast: () => runForecastBench(),
};

async function main(): Promise<void> {
  const asked = process.argv.slice(2);
  const unknown = asked.filter((name) => !(name in benches));
  if (unknown.length > 0) {
    process.stderr.write(
      `bench: unknown benchmark ${unknown.join(', ')}; choose from ${Object.keys(benches).join(', ')}\n`,
    );
    process.exitCode = 2;
    return;
  }
  const names = asked.length > 0 ? asked : Object.keys(benches);
  for (const name of names) {
    const started = performance.now();
    try {
      const result = await benches[name]();
      const line = {
        bench: name,
        ...(result as object),
        wall_seconds: Math.round((performance.now() - started) / 10) / 100,
        load_average: os.loadavg().map((l) => Math.round(l * 100) / 100),
      };
      process.stdout.write(`${JSON.stringify(line)}\n`);
    } catch (err) {
      process.stdout.write(`${JSON.stringify({ bench: name, error: (err as Error).message })}\n`);
      process.exitCode = 1;
    }
  }
  await shutdownTrainingPool();
}

void main();

/**
 * Training benchmark through the real pipeline (import -> silver -> features -> worker pool -> versions):
 * greenlight-set revenue R^2 and hit AUC of the shipped requests (5-fold CV, fold seed 42, flagged films left
 * out = plausible money; settings chosen on fold seeds 7 and 11), the same models on the issue's own feature list
 * (greenlight plus the page-completeness signals we leave out as leaky), popularity with the tracking set, and the
 * seed's RandomForest grid (48 candidates x 5 folds = 240 fits) timed in the pool. When python3-sklearn is
 * installed, runs scikit-learn in the same run twice: on exactly our greenlight columns, rows and folds
 * (sklearn_greenlight.py), and the anchor script on its own columns. Prints one JSON line.
 * `node bin/run-ts.cjs bench/train.ts [--no-grid] [--no-anchor]`
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '../src-main/core/store/db';
import { importDefaults } from '../src-main/core/ingest/import';
import { resourcesDirectory } from '../src-main/core/store/paths';
import {
  planFolds,
  prepareTrainingData,
  trainModel,
  type PreparedData,
  type TrainRequest,
} from '../src-main/core/models/train';
import { featureNames } from '../src-main/core/features/spec';
import type { Db } from '../src-main/core/store/db';
import { shutdownTrainingPool, getTrainingPool } from '../src-main/core/jobs/pool';
import { GREENLIGHT_HIT_REQUEST, GREENLIGHT_REVENUE_REQUEST } from '../src-main/core/models/defaults';
import { PAGE_COMPLETENESS_SCALARS } from '../src-main/core/features/catalog';

const BOOSTING = { n_estimators: 300, learning_rate: 0.05, max_depth: 3, subsample: 0.8, min_samples_leaf: 5 };
const SEED_RF_GRID = { n_estimators: [10, 50, 100, 200], max_depth: [5, 10, 20, null], min_samples_split: [2, 5, 10] };

function sklearnAnchor(): Record<string, unknown> | null {
  // ../shared beside the checkout, as on the developers' machines and in CI.
  const script = path.resolve(__dirname, '..', '..', 'shared', 'anchors', 'greenlight_ceiling.py');
  if (!fs.existsSync(script)) return null;
  try {
    execFileSync('/usr/bin/python3', ['-c', 'import sklearn'], { stdio: 'ignore' });
  } catch {
    return null;
  }
  const started = performance.now();
  const out = execFileSync(
    '/usr/bin/python3',
    [script, path.join(resourcesDirectory(), 'data', 'tmdb_5000_movies.csv')],
    {
      encoding: 'utf8',
      maxBuffer: 16 * 1024 * 1024,
    },
  );
  const parsed = JSON.parse(out) as { clean: Record<string, { r2?: number; auc?: number }> };
  return {
    revenue_r2_gb: parsed.clean['rich_prerelease/gb']?.r2,
    revenue_r2_rf: parsed.clean['rich_prerelease/rf']?.r2,
    hit_auc_hgb: parsed.clean['hit2x_rich/hgb']?.auc,
    hit_auc_logreg: parsed.clean['hit2x_rich/logreg']?.auc,
    seconds: (performance.now() - started) / 1000,
  };
}

/**
 * Writes our greenlight matrix (the encoded columns of the revenue and hit requests, their targets and our own
 * test-fold of each row) to a CSV, and runs scikit-learn on exactly those rows, columns and folds.
 */
function sklearnOnOurColumns(db: Db, requests: { revenue: TrainRequest; hit: TrainRequest }, dir: string) {
  if (!hasSklearn()) return null;
  const revenue = prepareTrainingData(db, { seed: 42, ...requests.revenue });
  const hit = prepareTrainingData(db, { seed: 42, ...requests.hit });
  const sameRows = revenue.films.length === hit.films.length && revenue.films.every((f, i) => f.id === hit.films[i].id);
  if (!sameRows || revenue.cols !== hit.cols) throw new Error('bench/train: revenue and hit rows or columns differ');
  const foldOf = (request: TrainRequest, data: PreparedData) => {
    const fold = new Int32Array(data.films.length);
    planFolds({ seed: 42, ...request }, data.films, data.y).folds.forEach((f, k) =>
      f.test.forEach((row) => (fold[row] = k)),
    );
    return fold;
  };
  const revenueFold = foldOf(requests.revenue, revenue);
  const hitFold = foldOf(requests.hit, hit);
  const names = featureNames(revenue.spec).map((n) => JSON.stringify(n));
  const lines = [[...names, 'y_revenue', 'y_hit', 'fold_revenue', 'fold_hit'].join(',')];
  for (let i = 0; i < revenue.films.length; i++) {
    const row = Array.from(revenue.X.subarray(i * revenue.cols, (i + 1) * revenue.cols), (v) =>
      Number.isNaN(v) ? '' : String(v),
    );
    lines.push([...row, revenue.y[i], hit.y[i], revenueFold[i], hitFold[i]].join(','));
  }
  const file = path.join(dir, 'greenlight-matrix.csv');
  fs.writeFileSync(file, `${lines.join('\n')}\n`);
  const script = path.join(__dirname, 'sklearn_greenlight.py');
  return JSON.parse(execFileSync('/usr/bin/python3', [script, file], { encoding: 'utf8' })) as Record<string, unknown>;
}

function hasSklearn(): boolean {
  try {
    execFileSync('/usr/bin/python3', ['-c', 'import sklearn'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

export async function runTrainBench(
  options: { grid?: boolean; anchor?: boolean } = {},
): Promise<Record<string, unknown>> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'greenlight-bench-train-'));
  const db = openDatabase(path.join(dir, 'bench.sqlite'));
  const out: Record<string, unknown> = {
    bench: 'train',
    cores: os.availableParallelism(),
    pool: getTrainingPool().size,
    note: 'machine shared with other engineers',
  };
  try {
    let t = performance.now();
    await importDefaults(db);
    out.import_seconds = (performance.now() - t) / 1000;
    const run = async (label: string, request: TrainRequest) => {
      const r = await trainModel(db, { seed: 42, ...request });
      out[`${label}_seconds`] = Math.round(r.seconds * 10) / 10;
      out[`${label}_rows`] = r.rows;
      return r;
    };
    const revenue = await run('revenue', GREENLIGHT_REVENUE_REQUEST);
    out.greenlight_protocol =
      '5-fold CV on fold seed 42 (stratified for hit); features and settings chosen on fold seeds 7 and 11 ' +
      '(bench/greenlight-ideas.ts), never on these folds';
    out.revenue_r2 = revenue.cv.r2;
    out.revenue_r2_goal = 0.55;
    const hit = await run('hit', GREENLIGHT_HIT_REQUEST);
    out.hit_auc = hit.cv.auc;
    out.hit_params = hit.params;
    out.hit_auc_goal = 0.72;
    // The issue's goal of 0.55 was set against its own list of greenlight features, which also names the
    // page-completeness signals (counts of keywords and companies, homepage, tagline). We leave those out as
    // leaky (README: "No page-completeness signals"); this measures the same shipped models with them put back,
    // so the honest set's shortfall can be read apart from the engine's.
    const listed = `greenlight,${PAGE_COMPLETENESS_SCALARS.join(',')}`;
    const revenueListed = await run('revenue_issue_list', { ...GREENLIGHT_REVENUE_REQUEST, features: listed });
    const hitListed = await run('hit_issue_list', { ...GREENLIGHT_HIT_REQUEST, features: listed });
    out.issue_list_features = listed;
    out.issue_list_revenue_r2 = revenueListed.cv.r2;
    out.issue_list_hit_auc = hitListed.cv.auc;
    const hitLogistic = await run('hit_logistic', {
      target: 'hit',
      features: 'greenlight',
      algorithm: 'logistic',
      params: { C: 1 },
    });
    out.hit_auc_logistic = hitLogistic.cv.auc;
    const popularity = await run('popularity', {
      target: 'popularity',
      features: 'tracking',
      algorithm: 'gbdt',
      params: BOOSTING,
    });
    out.popularity_r2 = popularity.cv.r2;
    out.popularity_r2_seed = 0.681;
    if (options.grid ?? true) {
      t = performance.now();
      const grid = await trainModel(db, {
        target: 'revenue',
        features: 'runtime,popularity,vote_average,budget',
        algorithm: 'rf',
        grid: SEED_RF_GRID,
        includeFlagged: true,
        seed: 42,
      });
      out.seed_rf_grid_fits = grid.candidates * 5;
      out.seed_rf_grid_seconds = (performance.now() - t) / 1000;
      out.seed_rf_grid_rows = grid.rows;
      out.seed_rf_grid_best = grid.params;
      out.seed_rf_grid_r2 = grid.cv.r2;
      out.seed_rf_grid_sklearn_seconds_reference = 48.0;
    }
    if (options.anchor ?? true) {
      // scikit-learn on our own honest columns, rows and folds (the comparison that matters), and the anchor
      // script on its own columns (which include the page-completeness counts we left out as leaky).
      out.sklearn_same_columns = sklearnOnOurColumns(
        db,
        { revenue: GREENLIGHT_REVENUE_REQUEST, hit: GREENLIGHT_HIT_REQUEST },
        dir,
      );
      out.sklearn_anchor_own_columns = sklearnAnchor();
    }
  } finally {
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
    await shutdownTrainingPool();
  }
  return out;
}

if (require.main === module || path.resolve(process.argv[1] ?? '') === __filename) {
  runTrainBench({ grid: !process.argv.includes('--no-grid'), anchor: !process.argv.includes('--no-anchor') }).then(
    (result) => process.stdout.write(`${JSON.stringify(result)}\n`),
    (err) => {
      process.stderr.write(`bench/train: ${(err as Error).message}\n`);
      process.exitCode = 1;
    },
  );
}

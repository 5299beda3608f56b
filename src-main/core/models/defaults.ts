/**
 * The default models shipped in models/: trained from resources/data by `npm run train:default` with fixed
 * seeds (so the files are reproducible), installed as active versions into a database that has none (so a
 * fresh install predicts at once), and loaded directly for the HTTP host's seed-compatible routes.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Db } from '../store/db';
import { openDatabase } from '../store/db';
import { shippedModelsDirectory } from '../store/paths';
import { activeModelIds, requireModelVersion, type ModelVersionRecord, type NewModelVersion } from '../store/models';
import { importDefaults } from '../ingest/import';
import type { JobProgress } from '../../shared/film';
import type { LoadedModel, Target } from './types';
import { trainModel, type TrainRequest } from './train';
import { saveModelVersion } from './versions';
import { toLoadedModel } from './load';
import {
  FIT_ROI_PARAM,
  LINEAR_BLEND_PARAM,
  REVENUE_BLEND_PARAM,
  REVENUE_BLEND_SCALE_PARAM,
} from './blend';

export type ShippedModelName = 'revenue' | 'hit' | 'popularity' | 'seed-revenue' | 'seed-hit';

/** The models installed as active versions on a fresh database. */
export const DEFAULT_TARGET_MODELS: ShippedModelName[] = ['revenue', 'hit', 'popularity'];

const SEED = 42;
const BOOSTING = { n_estimators: 300, learning_rate: 0.05, max_depth: 3, subsample: 0.8, min_samples_leaf: 5 };
const SEED_FEATURES = 'runtime,popularity,vote_average,budget';

/**
 * Boosting for the greenlight models: larger leaves and L2 on leaf values than BOOSTING, same size. Chosen on
 * 5-fold CV with another fold seed (7) than the one reported (42). Larger ensembles (800-1000 trees, depth
 * 4) cross-validated up to 0.006 R^2 better on seed 7 and no better on seed 42, but made one forecast (with
 * TreeSHAP contributions) about 4x slower, past the 5 ms p99 goal: not worth it.
 */
export const GREENLIGHT_BOOSTING = {
  n_estimators: 300,
  learning_rate: 0.05,
  max_depth: 3,
  subsample: 0.8,
  min_samples_leaf: 10,
  reg_lambda: 1,
};

/**
 * The shipped greenlight revenue model's request (bench/train.ts reports exactly this): boosting that learns
 * log(revenue / budget), with log budget added back (`fit_roi`, core/models/blend.ts). Chosen on fold seeds 7 and
 * 11, never on the reported 42: R^2 0.5277 -> 0.5336 (four more seeds 3/5/13/17: 0.5261 -> 0.5315). Blending in a
 * ridge (0.15) or a ridge and a small forest (0.1 / 0.25) added 0.0025 / 0.0039, under the 0.005 bar, and the
 * forest's TreeSHAP made a forecast 2.5x slower: not shipped (`blend_linear`, `blend_forest` remain options).
 */
export const GREENLIGHT_REVENUE_REQUEST: TrainRequest = {
  target: 'revenue',
  features: 'greenlight',
  algorithm: 'gbdt',
  params: { ...GREENLIGHT_BOOSTING, [FIT_ROI_PARAM]: true },
};

/**
 * The shipped greenlight hit model's request (logistic regression is tried beside it): boosting on the hit label
 * (weight 0.4), a boosting model of log(revenue / budget) as a hit score (predicted log multiple - log 2, weight
 * 0.4 x scale 2) and a logistic regression (0.2), all fitted inside each fold (core/models/blend.ts). Chosen on
 * fold seeds 7 and 11, not on the reported seed 42: mean AUC 0.7121 hit alone, 0.7205 with the earlier half-and-half
 * blend with the log-revenue model, 0.7241 with the log(revenue / budget) model at scale 2, 0.7266 with the
 * logistic model (each step lifted both seeds; four more seeds 3/5/13/17 agreed). With a blank country list read
 * as one unnamed country (features/spec.ts, an honesty fix), as shipped: revenue 0.5334, hit 0.7244 on seeds 7/11.
 */
export const GREENLIGHT_HIT_REQUEST: TrainRequest = {
  target: 'hit',
  features: 'greenlight',
  algorithm: 'gbdt',
  params: {
    ...GREENLIGHT_BOOSTING,
    [REVENUE_BLEND_PARAM]: 0.4,
    [REVENUE_BLEND_SCALE_PARAM]: 2,
    [FIT_ROI_PARAM]: true,
    [LINEAR_BLEND_PARAM]: 0.2,
  },
};

/**
 * How each shipped model is trained. Hit tries boosting and logistic regression and keeps whichever
 * cross-validates better. The seed models reproduce the earlier notebook's setup: its four features, its
 * population (flagged films kept), log1p revenue, hit = revenue >= 2 x budget.
 */
const RECIPES: Record<ShippedModelName, TrainRequest[]> = {
  revenue: [GREENLIGHT_REVENUE_REQUEST],
  hit: [
    GREENLIGHT_HIT_REQUEST,
    { target: 'hit', features: 'greenlight', algorithm: 'logistic', params: { C: 1 } },
  ],
  popularity: [{ target: 'popularity', features: 'tracking', algorithm: 'gbdt', params: BOOSTING }],
  'seed-revenue': [
    {
      target: 'revenue',
      features: SEED_FEATURES,
      algorithm: 'gbdt',
      params: { n_estimators: 100, learning_rate: 0.1, max_depth: 3 },
      includeFlagged: true,
    },
  ],
  'seed-hit': [
    {
      target: 'hit',
      features: SEED_FEATURES,
      algorithm: 'gbdt',
      params: { n_estimators: 100, learning_rate: 0.1, max_depth: 3 },
      includeFlagged: true,
    },
    { target: 'hit', features: SEED_FEATURES, algorithm: 'logistic', params: { C: 1 }, includeFlagged: true },
  ],
};

/** What a shipped model file holds: a model version without database ids or times (so files are reproducible). */
export type ShippedModel = Omit<NewModelVersion, 'createdAt'> & { name: ShippedModelName };

const round = (x: number, digits = 5) => Number(x.toFixed(digits));

/**
 * Strips what varies between runs (timings) and what the shipped file need not carry, but keeps the
 * out-of-fold evidence forecasts need: the OOF predictions (rounded) in the same order as the residuals, so a
 * fresh install's revenue intervals are conformal per band of predicted revenue, as a locally trained
 * model's are (one quantile for all films under-covers small films).
 */
function toShipped(name: ShippedModelName, record: ModelVersionRecord): ShippedModel {
  const report = { ...record.report } as Record<string, unknown>;
  const oof = report.oof as { predicted?: number[] } | undefined;
  if (oof?.predicted) report.oof = { predicted: oof.predicted.map((p) => round(p, 4)) };
  else delete report.oof;
  delete report.seconds;
  report.candidates = (report.candidates as { seconds?: number }[]).map(({ seconds: _s, ...rest }) => rest);
  const calibration = { ...record.calibration } as Record<string, unknown>;
  if (Array.isArray(calibration.absResiduals)) {
    // Same order as report.oof.predicted (pairs make the bands), so not sorted.
    calibration.absResiduals = (calibration.absResiduals as number[]).map((r) => round(r, 4));
  }
  if (Array.isArray(calibration.oof)) {
    calibration.oof = (calibration.oof as { score: number; label: number }[]).map((o) => ({
      score: round(o.score),
      label: o.label,
    }));
  }
  return {
    name,
    target: record.target,
    algorithm: record.algorithm,
    featureSet: record.featureSet,
    params: record.params,
    metrics: record.metrics,
    data: record.data,
    note: `shipped default (${name}), trained from the embedded TMDB 5000 data`,
    featureSpec: record.featureSpec,
    report,
    calibration,
    artifact: record.artifact,
  };
}

export interface WrittenModel {
  name: ShippedModelName;
  file: string;
  summary: string;
}

/** Trains every shipped model on a temporary database built from resources/data and writes models/*.json. */
export async function trainDefaultModels(
  options: { outDir?: string; report?: (p: Omit<JobProgress, 'job'>) => void; names?: ShippedModelName[] } = {},
): Promise<WrittenModel[]> {
  const outDir = options.outDir ?? shippedModelsDirectory();
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'greenlight-defaults-'));
  const db = openDatabase(path.join(tmp, 'train.sqlite'));
  const written: WrittenModel[] = [];
  try {
    await importDefaults(db);
    fs.mkdirSync(outDir, { recursive: true });
    for (const name of options.names ?? (Object.keys(RECIPES) as ShippedModelName[])) {
      let best: ModelVersionRecord | null = null;
      for (const recipe of RECIPES[name]) {
        const result = await trainModel(db, { ...recipe, seed: SEED }, {
          report: (p) => options.report?.({ ...p, step: `${name}: ${p.step}` }),
        });
        const record = requireModelVersion(db, result.model);
        if (!best || (record.metrics.cv_score ?? -Infinity) > (best.metrics.cv_score ?? -Infinity)) best = record;
      }
      const shipped = toShipped(name, best!);
      const file = path.join(outDir, `${name}.json`);
      fs.writeFileSync(file, `${JSON.stringify(shipped)}\n`);
      const m = shipped.metrics;
      written.push({
        name,
        file,
        summary: `${shipped.target} ${shipped.algorithm} on ${shipped.featureSet}, ${shipped.data.rows} films, ` +
          (m.auc !== undefined ? `CV AUC ${m.auc.toFixed(3)}` : `CV R^2 ${m.r2.toFixed(3)}`),
      });
    }
  } finally {
    db.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  return written;
}

/** Reads a shipped model file; throws a clear message when it is missing. */
export function readShippedModel(name: ShippedModelName, dir = shippedModelsDirectory()): ShippedModel {
  const file = path.join(dir, `${name}.json`);
  if (!fs.existsSync(file)) {
    throw new Error(`The shipped model ${file} is missing: run \`npm run train:default\` to rebuild models/.`);
  }
  return JSON.parse(fs.readFileSync(file, 'utf8')) as ShippedModel;
}

const shippedCache = new Map<string, LoadedModel>();

/** A shipped model ready to predict, without a database (the seed routes use 'seed-revenue' and 'seed-hit'). */
export function loadShippedModel(name: ShippedModelName): LoadedModel {
  const dir = shippedModelsDirectory();
  const key = `${dir}|${name}`;
  let model = shippedCache.get(key);
  if (!model) {
    const shipped = readShippedModel(name, dir);
    model = toLoadedModel({ ...shipped, id: 0, status: 'ready', createdAt: '1970-01-01T00:00:00.000Z', activatedAt: null });
    shippedCache.set(key, model);
  }
  return model;
}

/**
 * First run: for each target with no version at all, installs the shipped model as the active version (and
 * fills gold when films exist). Returns the ids installed by target; an existing database is left alone.
 */
export function ensureDefaultModels(db: Db): Partial<Record<Target, number>> {
  const installed: Partial<Record<Target, number>> = {};
  const active = activeModelIds(db);
  for (const name of DEFAULT_TARGET_MODELS) {
    const target = name as Target;
    const versions = db.prepare('SELECT count(*) FROM model_versions WHERE target = ?').pluck().get(target) as number;
    if (versions > 0 || active[target]) continue;
    const { name: _name, ...shipped } = readShippedModel(name);
    installed[target] = saveModelVersion(db, shipped, { activate: true });
  }
  return installed;
}

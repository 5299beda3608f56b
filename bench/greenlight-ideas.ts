/**
 * Measures one idea at a time for the greenlight models (issue 3): each variant is a feature list, spec
 * options and boosting params; each is cross-validated for revenue (R^2) and hit (AUC) on several fold seeds.
 * Selection seeds (7, 11) choose; the bench's seed (42) reports, so a kept idea was not tuned on the
 * reported folds. An idea is kept only when it lifts the selection mean by 0.005 or more (about the spread
 * between the two selection seeds); smaller moves are noise. Runs in the training pool on the real data.
 *   node bin/run-ts.cjs bench/greenlight-ideas.ts [--selection-only] [variant ...]   (no names: every variant)
 * Prints one JSON line per variant.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { openDatabase } from '../src-main/core/store/db';
import { importDefaults } from '../src-main/core/ingest/import';
import { loadSilverFilms } from '../src-main/core/store/films';
import { trainingRows } from '../src-main/core/features/targets';
import { buildFeatureSpec, encodeMatrix, type BuildSpecOptions } from '../src-main/core/features/spec';
import { FRANCHISE_GROUP, GREENLIGHT_SET, TERM_GROUPS } from '../src-main/core/features/catalog';
import { kFold, stratifiedKFold, type Fold } from '../src-main/core/ml/cv';
import { auc, r2 } from '../src-main/core/ml/metrics';
import type { AlgorithmName, Params } from '../src-main/core/ml/types';
import { getTrainingPool, shutdownTrainingPool } from '../src-main/core/jobs/pool';
import { shareDataset, type FoldResult, type WorkerTask } from '../src-main/core/jobs/protocol';
import { GREENLIGHT_BOOSTING } from '../src-main/core/models/defaults';
import { blendPlanOf, blendRaw, type BlendPlan } from '../src-main/core/models/blend';
import type { SilverFilm } from '../src-main/shared/film';

export interface Variant {
  features?: string[];
  spec?: BuildSpecOptions;
  params?: Params;
  hitParams?: Params;
  algorithm?: AlgorithmName;
  /** Vocabulary sizes to use instead of the catalog's, by term group. */
  vocab?: Record<string, { top?: number; minCount?: number }>;
  /** Average this many boosting fits with different seeds (bagged boosting). */
  bag?: number;
  /**
   * Hit only: blend the hit model's log-odds with the revenue model's predicted log(revenue / budget) - log(2),
   * fitted on the same training fold: (1 - w) x hit + w x scale x revenue score.
   */
  hitBlend?: { weight: number; scale: number };
  /** Blend with a second algorithm's raw predictions (e.g. a forest): (1 - weight) x main + weight x other. */
  blend?: { algorithm: AlgorithmName; params: Params; weight: number };
  /**
   * The product's own blends (core/models/blend.ts): each target's params with blend parameters (fit_roi,
   * blend_forest, blend_linear, revenue_blend, revenue_blend_scale), measured exactly as core/models/train
   * cross-validates them (the same member models, targets and combination). Replaces params/hitParams/hitBlend.
   */
  model?: { revenue: Params; hit: Params };
}

const BASE: Variant = { features: GREENLIGHT_SET, params: GREENLIGHT_BOOSTING };
const without = (...names: string[]) => GREENLIGHT_SET.filter((n) => !names.includes(n));

/** The ideas, each a change to BASE. */
const plus = (...names: string[]) => [...GREENLIGHT_SET, ...names];
const forAll = (stat: string) => ['director', 'cast', 'company'].map((who) => `${who}_${stat}`);

/** Specs as before session 4: a blank country list reads as n_countries 0. */
const OLD_COUNTRIES: BuildSpecOptions = { blankCountriesAsOne: false };
/** Session 4's blends: revenue learns log(revenue / budget); hit adds that model at scale 2 and a logistic model. */
const S4_REVENUE = { ...GREENLIGHT_BOOSTING, fit_roi: true };
const S4_HIT = { ...GREENLIGHT_BOOSTING, revenue_blend: 0.4, revenue_blend_scale: 2, fit_roi: true, blend_linear: 0.2 };

export const VARIANTS: Record<string, Variant> = {
  base: {},
  no_track: { features: without('track_records', 'company_records') },
  shrink0: { spec: { shrinkage: 0 } },
  shrink1: { spec: { shrinkage: 1 } },
  shrink10: { spec: { shrinkage: 10 } },
  topcast1: { spec: { topCast: 1 } },
  topcast5: { spec: { topCast: 5 } },
  max: { features: plus(...forAll('prior_max_log_revenue')) },
  roi: { features: plus(...forAll('prior_mean_log_roi')) },
  best: { features: plus(...forAll('prior_best_mean_log_revenue')) },
  recent: { features: plus(...forAll('prior_recent_mean_log_revenue')) },
  budget_real_too: { features: plus('log_budget_real') },
  budget_real_only: { features: ['log_budget_real', ...without('log_budget')] },
  budget_vs_market: { features: plus('log_budget_vs_market') },
  budget_real_vs_market: { features: ['log_budget_real', ...without('log_budget'), 'log_budget_vs_market'] },
  keywords80: { vocab: { keywords: { top: 80 } } },
  keywords150: { vocab: { keywords: { top: 150 } } },
  keywords20: { vocab: { keywords: { top: 20 } } },
  companies40: { vocab: { companies: { top: 40 } } },
  countries20_lang20: { vocab: { countries: { top: 20 }, language: { top: 20 } } },
  // Model settings (each a change to the shipped GREENLIGHT_BOOSTING).
  lr03_n500: { params: { ...GREENLIGHT_BOOSTING, learning_rate: 0.03, n_estimators: 500 } },
  depth4: { params: { ...GREENLIGHT_BOOSTING, max_depth: 4 } },
  depth2_n600: { params: { ...GREENLIGHT_BOOSTING, max_depth: 2, n_estimators: 600 } },
  leaf20: { params: { ...GREENLIGHT_BOOSTING, min_samples_leaf: 20 } },
  leaf40: { params: { ...GREENLIGHT_BOOSTING, min_samples_leaf: 40 } },
  subsample06: { params: { ...GREENLIGHT_BOOSTING, subsample: 0.6 } },
  maxfeat05: { params: { ...GREENLIGHT_BOOSTING, max_features: 0.5 } },
  maxfeat03: { params: { ...GREENLIGHT_BOOSTING, max_features: 0.3 } },
  lambda5: { params: { ...GREENLIGHT_BOOSTING, reg_lambda: 5 } },
  bag3: { bag: 3 },
  rf_blend03: {
    blend: { algorithm: 'rf', params: { n_estimators: 100, min_samples_leaf: 5, max_features: 0.3 }, weight: 0.3 },
  },
  subsample05: { params: { ...GREENLIGHT_BOOSTING, subsample: 0.5 } },
  subsample06_lr03_n500: { params: { ...GREENLIGHT_BOOSTING, subsample: 0.6, learning_rate: 0.03, n_estimators: 500 } },
  budgets: { features: ['log_budget_real', ...without('log_budget'), 'log_budget_vs_market'] },
  budgets_sub06: {
    features: ['log_budget_real', ...without('log_budget'), 'log_budget_vs_market'],
    params: { ...GREENLIGHT_BOOSTING, subsample: 0.6 },
    hitParams: GREENLIGHT_BOOSTING,
  },
  budgets_sub06_kw150: {
    features: ['log_budget_real', ...without('log_budget'), 'log_budget_vs_market'],
    params: { ...GREENLIGHT_BOOSTING, subsample: 0.6 },
    hitParams: GREENLIGHT_BOOSTING,
    vocab: { keywords: { top: 150 } },
  },
  hit_blend05_budgets_sub06: {
    features: ['log_budget_real', ...without('log_budget'), 'log_budget_vs_market'],
    params: { ...GREENLIGHT_BOOSTING, subsample: 0.6 },
    hitParams: GREENLIGHT_BOOSTING,
    hitBlend: { weight: 0.5, scale: 1 },
  },
  hit_blend03: { hitBlend: { weight: 0.3, scale: 1 } },
  hit_blend05: { hitBlend: { weight: 0.5, scale: 1 } },
  hit_blend07: { hitBlend: { weight: 0.7, scale: 1 } },
  hit_blend10: { hitBlend: { weight: 1, scale: 1 } },
  // Franchise records from titles (features/franchise.ts, FRANCHISE_GROUP, kept in GREENLIGHT_SET): the earlier
  // films a film continues, and how they did. Measured against the same set without them (hit with the shipped
  // 0.5 revenue blend): 3 stats (count, shrunk mean log revenue, latest film's log ROI) hit select 0.7141 ->
  // 0.7205 (seed 42: 0.7121 -> 0.7180), revenue 0.5260 -> 0.5277 (noise; seed 42 0.5190 -> 0.5245). While the
  // matching rules were settled (not reproducible from this file): all 5 stats with a studio enough to confirm
  // one rare shared first word, hit 0.7168 / revenue 0.5277; 5 stats, people only for one word (the rule kept),
  // 0.7180 / 0.5266; 5 stats, no shared-name rule at all, 0.7174 / 0.5261; count alone 0.7182; count + ROI
  // 0.7182. scikit-learn HGB on our columns agreed (hit +0.010, revenue +0.000).
  no_franchise: { features: without(FRANCHISE_GROUP) },
  no_franchise_hit_blend05: { features: without(FRANCHISE_GROUP), hitBlend: { weight: 0.5, scale: 1 } },
  franchise_all_stats_hit_blend05: {
    features: plus('franchise_prior_max_log_revenue', 'franchise_last_log_revenue'),
    hitBlend: { weight: 0.5, scale: 1 },
  },
  // Session 4: blends of several models (core/models/blend.ts), measured through the product's own plans. All with
  // the blank-country fix off except where named, so each row changes one thing against the one before.
  s3_shipped: {
    spec: OLD_COUNTRIES,
    model: { revenue: GREENLIGHT_BOOSTING, hit: { ...GREENLIGHT_BOOSTING, revenue_blend: 0.5 } },
  },
  s4_fit_roi: {
    spec: OLD_COUNTRIES,
    model: {
      revenue: { ...GREENLIGHT_BOOSTING, fit_roi: true },
      hit: { ...GREENLIGHT_BOOSTING, revenue_blend: 0.5, fit_roi: true },
    },
  },
  s4_fit_roi_scale2: {
    spec: OLD_COUNTRIES,
    model: {
      revenue: { ...GREENLIGHT_BOOSTING, fit_roi: true },
      hit: { ...GREENLIGHT_BOOSTING, revenue_blend: 0.5, revenue_blend_scale: 2, fit_roi: true },
    },
  },
  // Revenue stacks on top of fit_roi, not kept: +0.0025 (ridge) and +0.0039 (ridge and a 50-tree depth-8 forest)
  // are under the 0.005 bar, and that forest's TreeSHAP made one explained forecast about 2.5x slower (CPU mean
  // 2.3 -> 5.9 ms, same run). A 200-tree unlimited forest reached +0.005 (0.5386) in the scratch harness, at a
  // larger TreeSHAP cost (not timed). Seed 42 after the choice: 0.5343 / 0.5352 against 0.5321.
  s4_fit_roi_ridge: { spec: OLD_COUNTRIES, model: { revenue: { ...S4_REVENUE, blend_linear: 0.15 }, hit: S4_HIT } },
  s4_fit_roi_forest_ridge: {
    spec: OLD_COUNTRIES,
    model: { revenue: { ...S4_REVENUE, blend_forest: 0.25, blend_linear: 0.1 }, hit: S4_HIT },
  },
  s4_hit_logistic: { spec: OLD_COUNTRIES, model: { revenue: S4_REVENUE, hit: S4_HIT } },
  // The shipped settings: the above with a blank country list read as one unnamed country (honesty, not accuracy):
  // selection 0.5334 / 0.7244; reported seed 42 (bench/train.ts, same figures) 0.5331 / 0.7233.
  // Session 5, franchise links tightened for correctness (features/franchise.ts: one shared person behind one rare
  // first word needs a sequel marker, an earlier title that is the word alone or numbered, or a shared studio; a
  // whole earlier title plus more than one word, or a later title that is the bare key, needs a shared name; a
  // leading article makes another title). This variant, before and after, in one run (the old matcher is not kept,
  // so not reproducible from this file): selection revenue 0.5334 -> 0.5334 (s7 0.5382 -> 0.5408, s11 0.5285 ->
  // 0.5260), hit 0.7244 -> 0.7252 (0.7246 -> 0.7257, 0.7241 -> 0.7247); the reviewer's two-people patch 0.5336 /
  // 0.7248. Seed 42 after the choice (bench/train.ts): 0.5331 -> 0.5332, 0.7233 -> 0.7249.
  s4_shipped_blank_country_one: { spec: { blankCountriesAsOne: true }, model: { revenue: S4_REVENUE, hit: S4_HIT } },
  // Session 5: trees break ties between equally good splits by the widest gap (ml/tree.ts), chosen on 40 further
  // splits of the revenue seed's set. The shipped models with the old rule (first visited) and the new one.
  s5_tie_first: {
    spec: { blankCountriesAsOne: true },
    model: { revenue: { ...S4_REVENUE, tie_break: 'first' }, hit: { ...S4_HIT, tie_break: 'first' } },
  },
  s5_tie_widest_gap: {
    spec: { blankCountriesAsOne: true },
    model: { revenue: { ...S4_REVENUE, tie_break: 'widest_gap' }, hit: { ...S4_HIT, tie_break: 'widest_gap' } },
  },
};

const logit = (p: number) =>
  Math.log(Math.min(1 - 1e-6, Math.max(1e-6, p)) / (1 - Math.min(1 - 1e-6, Math.max(1e-6, p))));

const SELECTION_SEEDS = [7, 11];
const REPORT_SEED = 42;
/** `--selection-only`: skip the reported seed, so choosing among ideas never sees its folds. */
const selectionOnly = process.argv.includes('--selection-only');

/** The imported films (flagged ones left out), from a fresh temporary database (an import takes seconds). */
async function loadFilms(): Promise<SilverFilm[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'greenlight-ideas-'));
  const db = openDatabase(path.join(dir, 'ideas.sqlite'));
  try {
    await importDefaults(db);
    return loadSilverFilms(db, { includeFlagged: false });
  } finally {
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function oof(
  X: Float64Array,
  cols: number,
  y: Float64Array,
  folds: Fold[],
  task: 'regression' | 'classification',
  algorithm: AlgorithmName,
  params: Params,
  bag = 1,
): Promise<Float64Array> {
  const dataset = shareDataset(randomUUID(), X, y, y.length, cols);
  const tasks: WorkerTask[] = [];
  for (let b = 0; b < bag; b++) {
    for (const fold of folds) {
      tasks.push({ kind: 'fold', algorithm, task, params, seed: 42 + b, train: fold.train, test: fold.test });
    }
  }
  const results = (await getTrainingPool().run(dataset, tasks)) as FoldResult[];
  const out = new Float64Array(y.length);
  results.forEach((result, t) => {
    const fold = folds[t % folds.length];
    fold.test.forEach((row, k) => (out[row] += result.raw[k] / bag));
  });
  return out;
}

export async function measure(all: SilverFilm[], variant: Variant): Promise<Record<string, number>> {
  const v = { ...BASE, ...variant };
  const result: Record<string, number> = {};
  const saved = Object.fromEntries(Object.keys(v.vocab ?? {}).map((g) => [g, { ...TERM_GROUPS[g] }]));
  for (const [group, sizes] of Object.entries(v.vocab ?? {})) Object.assign(TERM_GROUPS[group], sizes);
  try {
    return await measureWith(all, v, result);
  } finally {
    for (const [group, original] of Object.entries(saved)) Object.assign(TERM_GROUPS[group], original);
  }
}

/** Out-of-fold raw scores of a product blend (blendPlanOf), member by member on the same folds. */
async function blendOof(
  X: { data: Float64Array; cols: number },
  films: SilverFilm[],
  y: Float64Array,
  folds: Fold[],
  plan: BlendPlan,
): Promise<Float64Array> {
  const budgetColumn = 0; // GREENLIGHT_SET starts with log_budget (checked below)
  const budget = Float64Array.from(films, (_, i) => X.data[i * X.cols + budgetColumn]);
  const logRevenue = Float64Array.from(films, (f) => Math.log1p(f.revenue as number));
  const raws: Float64Array[] = [];
  for (const m of plan.members) {
    const target = m.y === 'target' ? y : m.y === 'log_revenue' ? logRevenue : logRevenue.map((r, i) => r - budget[i]);
    raws.push(await oof(X.data, X.cols, target, folds, m.task, m.algorithm, m.params));
  }
  const weights = plan.members.map((m) => m.weight);
  return Float64Array.from(films, (_, i) =>
    blendRaw(
      plan,
      weights,
      raws.map((r) => r[i]),
      budget[i],
    ),
  );
}

async function measureWith(all: SilverFilm[], v: Variant, result: Record<string, number>) {
  if (v.model && v.features![0] !== 'log_budget') throw new Error('model blends here expect log_budget first');
  for (const target of ['revenue', 'hit'] as const) {
    const { films, y } = trainingRows(all, target, { hitMultiple: 2 });
    const spec = buildFeatureSpec(films, v.features!, { hitMultiple: 2, historyFilms: all, ...v.spec });
    const X = encodeMatrix(spec, films);
    result.cols = X.cols;
    result.rows = films.length;
    const params = target === 'hit' ? (v.hitParams ?? v.params!) : v.params!;
    const scores: number[] = [];
    for (const seed of selectionOnly ? SELECTION_SEEDS : [...SELECTION_SEEDS, REPORT_SEED]) {
      const folds = target === 'hit' ? stratifiedKFold(y, 5, seed) : kFold(y.length, 5, seed);
      const task = target === 'hit' ? 'classification' : 'regression';
      const raw = v.model
        ? await blendOof(X, films, y, folds, blendPlanOf(target, v.algorithm ?? 'gbdt', v.model[target], 2))
        : await oof(X.data, X.cols, y, folds, task, v.algorithm ?? 'gbdt', params, v.bag);
      if (v.blend) {
        const other = await oof(X.data, X.cols, y, folds, task, v.blend.algorithm, v.blend.params);
        // A forest's classification score is a probability: put it on the log-odds scale first.
        if (task === 'classification' && v.blend.algorithm === 'rf') other.forEach((p, i) => (other[i] = logit(p)));
        raw.forEach((r, i) => (raw[i] = (1 - v.blend!.weight) * r + v.blend!.weight * other[i]));
      }
      if (target === 'hit' && v.hitBlend) {
        const revenueY = Float64Array.from(films, (f) => Math.log1p(f.revenue as number));
        const predicted = await oof(X.data, X.cols, revenueY, folds, 'regression', 'gbdt', v.params!, v.bag);
        const { weight, scale } = v.hitBlend;
        films.forEach((f, i) => {
          const revenueScore = predicted[i] - Math.log1p(f.budget as number) - Math.log(2);
          raw[i] = (1 - weight) * raw[i] + weight * scale * revenueScore;
        });
      }
      const score = target === 'hit' ? auc(y, raw) : r2(y, raw);
      scores.push(score);
      result[`${target}_s${seed}`] = Math.round(score * 10000) / 10000;
    }
    result[`${target}_select`] = Math.round(((scores[0] + scores[1]) / 2) * 10000) / 10000;
  }
  return result;
}

async function main() {
  const args = process.argv.slice(2).filter((a) => a !== '--selection-only');
  const names = args.length > 0 ? args : Object.keys(VARIANTS);
  const all = await loadFilms();
  try {
    for (const name of names) {
      if (!VARIANTS[name]) throw new Error(`unknown variant ${name}; known: ${Object.keys(VARIANTS).join(', ')}`);
      const t = performance.now();
      const r = await measure(all, VARIANTS[name]);
      process.stdout.write(
        `${JSON.stringify({ variant: name, ...r, seconds: Math.round((performance.now() - t) / 100) / 10 })}\n`,
      );
    }
  } finally {
    await shutdownTrainingPool();
  }
}

if (require.main === module || path.resolve(process.argv[1] ?? '') === __filename) {
  main().catch((err) => {
    process.stderr.write(`greenlight-ideas: ${(err as Error).stack}\n`);
    process.exitCode = 1;
  });
}

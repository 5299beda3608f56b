/**
 * Training and tuning: build features from silver, cross-validate every candidate over the worker pool,
 * choose by CV score, refit the best on all rows, and store ONE model version in a single transaction at the
 * end. A cancelled or failed job throws before that transaction, so it writes nothing.
 */
import { createHash, randomUUID } from 'node:crypto';
import type { CoreContext } from '../context';
import { emitEvent } from '../context';
import type { Db } from '../store/db';
import { loadSilverFilms, requireFilms } from '../store/films';
import { buildFeatureSpec, encodeMatrix, featureNames } from '../features/spec';
import { featuresLabel, resolveFeatureNames } from '../features/catalog';
import { trainingRows } from '../features/targets';
import type { FeatureSpec } from '../features/types';
import { kFold, repeatedKFold, repeatedStratifiedKFold, stratifiedKFold, temporalSplit, type Fold } from '../ml/cv';
import { METRICS, confusionMatrix, rocPoints, type MetricName } from '../ml/metrics';
import { createEstimator } from '../ml/registry';
import { gridCandidates, randomCandidates, type SearchSpace } from '../ml/search';
import type { AlgorithmName, Params, SerializedModel, Task } from '../ml/types';
import { getTrainingPool, type WorkerPool } from '../jobs/pool';
import { JobCancelledError } from '../jobs/manager';
import { shareDataset, type FoldResult, type RefitResult, type SharedDataset, type WorkerTask } from '../jobs/protocol';
import type { JobProgress, SilverFilm } from '../../shared/film';
import type { Target } from './types';
import type { CandidateRow, Coverage, TrainingReport } from './report';
import { fitPlatt } from './calibration';
import {
  BLEND_KIND,
  FIT_ROI_PARAM,
  REVENUE_BLEND_PARAM,
  blendPlanOf,
  blendRaw,
  isPlainPlan,
  planNeedsBudget,
  type BlendArtifact,
  type BlendPlan,
  type MemberPlan,
  type MemberRole,
  type MemberTarget,
} from './blend';
import { saveModelVersion } from './versions';
import type { StoredCalibration } from './load';

export interface TrainRequest {
  target: Target;
  /** A set name ('greenlight', 'tracking') or feature names ('runtime,popularity,vote_average,budget'). */
  features: string | string[];
  algorithm: AlgorithmName;
  /** Fixed parameters; grid or random candidates are laid over them. */
  params?: Params;
  /** Grid search: every combination of these lists. */
  grid?: SearchSpace;
  /** Random search: `iter` combinations drawn from `space`. */
  random?: { space: SearchSpace; iter: number };
  /** Folds per repeat (default 5). */
  folds?: number;
  /** Repeats of k-fold with fresh shuffles (default 1). */
  repeats?: number;
  /** Instead of k-fold: train on films released before this year, test on the rest. */
  temporalSplit?: number | null;
  /** Hit: revenue >= hitMultiple x budget (default 2). */
  hitMultiple?: number;
  /** Keep quality-flagged films (default false). */
  includeFlagged?: boolean;
  /** Seeds folds, bootstraps, shuffles (default 42): the same request trains the same model. */
  seed?: number;
  /** Make the new version the active one for its target (default false). */
  activate?: boolean;
  note?: string | null;
}

export interface TrainControl {
  report?: (progress: Omit<JobProgress, 'job'>) => void;
  signal?: AbortSignal;
  /** Defaults to the process-wide training pool. */
  pool?: WorkerPool;
}

/** What `greenlight train --json` prints and the models.train job returns. */
export interface TrainResult {
  model: number;
  target: Target;
  algorithm: AlgorithmName;
  features: string;
  featureNames: string[];
  params: Params;
  rows: number;
  cv: Record<string, number>;
  candidates: number;
  seconds: number;
  activated: boolean;
}

/** Fewer rows than this and CV numbers mean little: training refuses. */
export const MIN_TRAINING_ROWS = 20;

const REGRESSION_METRICS: MetricName[] = ['r2', 'rmse', 'mae'];
const CLASSIFICATION_METRICS: MetricName[] = ['auc', 'f1', 'precision', 'recall', 'logloss', 'brier'];

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

export function taskOf(target: Target): Task {
  return target === 'hit' ? 'classification' : 'regression';
}

/** The candidates a request asks for: one (params), a grid, or random draws; each laid over `params`. */
export function candidatesOf(request: TrainRequest): Params[] {
  const base = request.params ?? {};
  let drawn: Params[] = [{}];
  if (request.grid) drawn = gridCandidates(request.grid);
  else if (request.random) drawn = randomCandidates(request.random.space, request.random.iter, request.seed ?? 42);
  return drawn.map((c) => ({ ...base, ...c }));
}

/**
 * Checks what can be checked without data: feature names, the algorithm against the target, parameter names
 * and values of every candidate. Throws a RangeError naming the problem; returns the candidates.
 */
export function validateTrainRequest(request: TrainRequest): Params[] {
  resolveFeatureNames(request.features);
  const task = taskOf(request.target);
  if (request.algorithm === 'linear' && task === 'classification') {
    throw new RangeError("linear (ridge) predicts numbers: for the hit target use 'logistic' or a tree model");
  }
  if (request.algorithm === 'logistic' && task === 'regression') {
    throw new RangeError(`logistic predicts a probability: for ${request.target} use 'linear' or a tree model`);
  }
  const candidates = candidatesOf(request);
  for (const params of candidates) {
    // The estimator and every model it is blended with (blend.ts checks the blend parameters).
    for (const member of planOf(request, params).members) {
      createEstimator(member.algorithm, member.task, member.params, request.seed ?? 42);
    }
  }
  return candidates;
}

/** The training films, their targets and features, as the job's one shared dataset is built from. */
export interface PreparedData {
  films: SilverFilm[];
  y: Float64Array;
  spec: FeatureSpec;
  X: Float64Array;
  cols: number;
}

export function prepareTrainingData(db: Db, request: TrainRequest): PreparedData {
  requireFilms(db);
  const includeFlagged = request.includeFlagged ?? false;
  const hitMultiple = request.hitMultiple ?? 2;
  const all = loadSilverFilms(db, { includeFlagged });
  const { films, y } = trainingRows(all, request.target, { includeFlagged, hitMultiple });
  if (films.length < MIN_TRAINING_ROWS) {
    const need = request.target === 'popularity' ? 'a popularity' : 'both a budget and a revenue';
    throw new Error(
      `Only ${films.length} films have ${need}${includeFlagged ? '' : ' (quality-flagged films left out)'}; ` +
        `training needs at least ${MIN_TRAINING_ROWS}. Import more films${includeFlagged ? '' : ' or pass --include-flagged'}.`,
    );
  }
  const spec = buildFeatureSpec(films, request.features, {
    hitMultiple,
    historyFilms: all.filter((f) => includeFlagged || f.flags.length === 0),
  });
  const X = encodeMatrix(spec, films);
  return { films, y, spec, X: X.data, cols: X.cols };
}

/** The folds of the request's protocol: temporal split, stratified k-fold (hit) or shuffled k-fold. */
export function planFolds(request: TrainRequest, films: SilverFilm[], y: Float64Array): { folds: Fold[]; kind: TrainingReport['protocol']['kind'] } {
  const k = request.folds ?? 5;
  const repeats = request.repeats ?? 1;
  const seed = request.seed ?? 42;
  if (request.temporalSplit) {
    const years = Float64Array.from(films, (f) => f.year ?? NaN);
    return { folds: temporalSplit(years, request.temporalSplit), kind: 'temporal' };
  }
  if (request.target === 'hit') {
    return {
      folds: repeats > 1 ? repeatedStratifiedKFold(y, k, repeats, seed) : stratifiedKFold(y, k, seed),
      kind: 'stratified',
    };
  }
  return { folds: repeats > 1 ? repeatedKFold(y.length, k, repeats, seed) : kFold(y.length, k, seed), kind: 'kfold' };
}

/** Metrics of raw out-of-fold predictions on the rows that have one. */
export function oofMetrics(target: Target, y: Float64Array, raw: Float64Array): Record<string, number> {
  const keep: number[] = [];
  for (let i = 0; i < raw.length; i++) if (!Number.isNaN(raw[i])) keep.push(i);
  const yy = Float64Array.from(keep, (i) => y[i]);
  const rr = Float64Array.from(keep, (i) => raw[i]);
  const out: Record<string, number> = {};
  if (target === 'hit') {
    const p = rr.map(sigmoid);
    for (const m of CLASSIFICATION_METRICS) out[m] = METRICS[m](yy, p);
  } else {
    for (const m of REGRESSION_METRICS) out[m] = METRICS[m](yy, rr);
    if (target === 'revenue') out.mae_dollars = METRICS.mae_dollars(yy, rr);
  }
  out.rows = keep.length;
  return out;
}

function mean(values: number[]): number {
  return values.reduce((a, b) => a + b, 0) / Math.max(1, values.length);
}

function std(values: number[]): number {
  const mu = mean(values);
  return Math.sqrt(mean(values.map((v) => (v - mu) ** 2)));
}

function coverageOf(films: SilverFilm[]): Coverage {
  const budgets = films.map((f) => f.budget).filter((b): b is number => b !== null && b > 0);
  const years = films.map((f) => f.year).filter((y): y is number => y !== null);
  return {
    maxBudget: budgets.length ? Math.max(...budgets) : null,
    minBudget: budgets.length ? Math.min(...budgets) : null,
    lastYear: years.length ? Math.max(...years) : null,
    firstYear: years.length ? Math.min(...years) : null,
    genres: [...new Set(films.flatMap((f) => f.genres))].sort(),
  };
}

/** A fingerprint of exactly what the model saw: film ids, targets and the feature matrix. */
function fingerprintOf(films: SilverFilm[], y: Float64Array, X: Float64Array): string {
  const hash = createHash('sha256');
  hash.update(Int32Array.from(films, (f) => f.id));
  hash.update(y);
  hash.update(X);
  return hash.digest('hex').slice(0, 16);
}

function batchesOf(db: Db, films: SilverFilm[]): number[] {
  return db
    .prepare(
      'SELECT DISTINCT source_batch_id FROM films WHERE source_batch_id IS NOT NULL AND id IN (SELECT value FROM json_each(?)) ORDER BY 1',
    )
    .pluck()
    .all(JSON.stringify(films.map((f) => f.id))) as number[];
}

/**
 * Trains (and tunes) one model version and stores it. Accepts a context (the job's events go to its
 * listeners) or a bare database (scripts, tests).
 */
export async function trainModel(source: CoreContext | Db, request: TrainRequest, control: TrainControl = {}): Promise<TrainResult> {
  const ctx = 'db' in source && 'jobs' in source ? (source as CoreContext) : null;
  const db = ctx ? ctx.db : (source as Db);
  const started = performance.now();
  const report = control.report ?? (() => {});
  const pool = control.pool ?? getTrainingPool();
  const seed = request.seed ?? 42;
  const task = taskOf(request.target);
  const checkCancelled = () => {
    if (control.signal?.aborted) throw new JobCancelledError();
  };

  const candidates = validateTrainRequest(request);
  const plans = candidates.map((params) => planOf(request, params));
  report({ step: 'preparing', current: 0, total: 1, detail: 'reading films and building features' });
  const data = prepareTrainingData(db, request);
  checkCancelled();
  const n = data.films.length;
  const { folds, kind } = planFolds(request, data.films, data.y);
  const foldsPerRepeat = kind === 'temporal' ? 1 : (request.folds ?? 5);
  const repeats = kind === 'temporal' ? 1 : (request.repeats ?? 1);
  const members = memberDatasets(data, plans);
  const scoring: 'r2' | 'auc' = task === 'classification' ? 'auc' : 'r2';
  const single = candidates.length === 1;

  // Every distinct member model (the estimator itself, and any blended models) once, on every fold.
  const fits = distinctFits(plans);
  const permutationFits = single ? 0 : foldsPerRepeat;
  const totalFits = fits.list.length * folds.length + permutationFits + plans[0].members.length;
  let fitsDone = 0;
  const progress = (step: string, detail: string) => {
    fitsDone++;
    const elapsed = (performance.now() - started) / 1000;
    report({
      step,
      current: fitsDone,
      total: totalFits,
      detail,
      etaSeconds: fitsDone > 0 ? (elapsed / fitsDone) * (totalFits - fitsDone) : undefined,
    });
  };
  const describe = (fit: MemberFit, f: number) => {
    const repeat = Math.floor(f / foldsPerRepeat);
    return (
      `${fit.role === 'main' ? '' : `${MEMBER_LABELS[fit.role]}, `}candidate ${fit.candidate + 1}/${candidates.length}, ` +
      `fold ${(f % foldsPerRepeat) + 1}/${foldsPerRepeat}` +
      (repeats > 1 ? `, repeat ${repeat + 1}/${repeats}` : '')
    );
  };
  report({ step: 'cross-validation', current: 0, total: totalFits, detail: describe(fits.list[0], 0) });
  // One pool run per member target (each its own shared dataset), fits in order within it.
  const foldRaw: Float64Array[][] = fits.list.map(() => []);
  const fitSeconds = fits.list.map(() => 0);
  const permutationByFold: (Float64Array | undefined)[] = [];
  for (const y of MEMBER_TARGETS) {
    const group = fits.list.filter((fit) => fit.member.y === y);
    if (group.length === 0) continue;
    const tasks: WorkerTask[] = [];
    const owner: { fit: MemberFit; f: number }[] = [];
    for (const fit of group) {
      folds.forEach((fold, f) => {
        tasks.push({
          kind: 'fold',
          algorithm: fit.member.algorithm,
          task: fit.member.task,
          params: fit.member.params,
          seed,
          train: fold.train,
          test: fold.test,
          permutationSeed: single && fit.role === 'main' && (fold.repeat ?? 0) === 0 ? seed : undefined,
        });
        owner.push({ fit, f });
      });
    }
    const results = (await pool.run(members.datasets[y] as SharedDataset, tasks, {
      signal: control.signal,
      onResult: (index) => progress('cross-validation', describe(owner[index].fit, owner[index].f)),
    })) as FoldResult[];
    results.forEach((result, t) => {
      const { fit, f } = owner[t];
      foldRaw[fit.index][f] = result.raw;
      fitSeconds[fit.index] += result.seconds;
      if (single && fit.role === 'main' && result.permutation) permutationByFold[f] = result.permutation;
    });
  }
  checkCancelled();

  // The CV table: per candidate, its blend's fold scores and pooled out-of-fold metrics (averaged over repeats).
  const oofByCandidate: Float64Array[] = [];
  const rows: CandidateRow[] = candidates.map((params, c) => {
    const plan = plans[c];
    const weights = plan.members.map((m) => m.weight);
    const memberFits = fits.byCandidate[c];
    const perRepeat = Array.from({ length: repeats }, () => new Float64Array(n).fill(NaN));
    const foldScores: number[] = [];
    const raws = new Array<number>(memberFits.length);
    folds.forEach((fold, f) => {
      const oof = perRepeat[fold.repeat ?? 0];
      const yTest = new Float64Array(fold.test.length);
      const raw = new Float64Array(fold.test.length);
      fold.test.forEach((row, k) => {
        for (let m = 0; m < memberFits.length; m++) raws[m] = foldRaw[memberFits[m]][f][k];
        raw[k] = blendRaw(plan, weights, raws, members.budget[row]);
        oof[row] = raw[k];
        yTest[k] = data.y[row];
      });
      const predicted = task === 'classification' ? raw.map(sigmoid) : raw;
      foldScores.push(METRICS[scoring](yTest, predicted));
    });
    const metricsPerRepeat = perRepeat.map((oof) => oofMetrics(request.target, data.y, oof));
    const metrics: Record<string, number> = {};
    for (const key of Object.keys(metricsPerRepeat[0])) metrics[key] = mean(metricsPerRepeat.map((m) => m[key]));
    oofByCandidate.push(perRepeat[0]);
    const seconds = memberFits.reduce((sum, i) => sum + fitSeconds[i], 0);
    return { index: c, params, foldScores, score: mean(foldScores), scoreStd: std(foldScores), metrics, seconds };
  });
  const chosen = rows.reduce((best, r) => (r.score > best.score ? r : best), rows[0]);
  const chosenPlan = plans[chosen.index];
  const chosenMain = chosenPlan.members[0];
  checkCancelled();

  // Permutation importance of the chosen candidate's main model on held-out folds (already measured when there
  // is one candidate).
  if (!single) {
    const permTasks: WorkerTask[] = folds.slice(0, foldsPerRepeat).map((fold) => ({
      kind: 'fold',
      algorithm: chosenMain.algorithm,
      task: chosenMain.task,
      params: chosenMain.params,
      seed,
      train: fold.train,
      test: fold.test,
      permutationSeed: seed,
    }));
    const permutationResults = (await pool.run(members.datasets[chosenMain.y] as SharedDataset, permTasks, {
      signal: control.signal,
      onResult: (i) => progress('importance', `permutation importance, fold ${i + 1}/${permTasks.length}`),
    })) as FoldResult[];
    permutationResults.forEach((r, f) => (permutationByFold[f] = r.permutation));
  }
  const permutation = new Array(data.cols).fill(0);
  const measured = permutationByFold.filter((p): p is Float64Array => p !== undefined);
  for (const p of measured) p.forEach((v, j) => (permutation[j] += v / measured.length));

  // Refit the chosen candidate's models on every row.
  const refits: RefitResult[] = [];
  for (const member of chosenPlan.members) {
    const [refit] = (await pool.run(
      members.datasets[member.y] as SharedDataset,
      [{ kind: 'refit', algorithm: member.algorithm, task: member.task, params: member.params, seed }],
      {
        signal: control.signal,
        onResult: () =>
          progress('refit', member.role === 'main' ? 'fitting the chosen candidate on all films' : `fitting the ${MEMBER_LABELS[member.role]} on all films`),
      },
    )) as RefitResult[];
    refits.push(refit);
    checkCancelled();
  }
  let artifact = refits[0].model as SerializedModel;
  let gainImportance = Array.from(refits[0].importance);
  if (!isPlainPlan(chosenPlan)) {
    const blended: BlendArtifact = {
      kind: BLEND_KIND,
      version: 1,
      task,
      members: chosenPlan.members.map((m, k) => ({ role: m.role, y: m.y, weight: m.weight, model: refits[k].model })),
      offset: chosenPlan.offset,
      budgetColumn: planNeedsBudget(chosenPlan) ? members.budgetColumn : -1,
      budgetWeight: chosenPlan.budgetWeight,
      budgetMean: planNeedsBudget(chosenPlan) ? members.budgetMean : 0,
      missingBudget: 'mean',
    };
    artifact = blended;
    const total = chosenPlan.members.reduce((sum, m) => sum + m.weight, 0);
    gainImportance = gainImportance.map((_, j) =>
      chosenPlan.members.reduce((sum, m, k) => sum + (m.weight / total) * refits[k].importance[j], 0),
    );
  }

  // Out-of-fold evidence for intervals (regression) and calibration (hit).
  const oof = oofByCandidate[chosen.index];
  const tested = [...oof.keys()].filter((i) => !Number.isNaN(oof[i]));
  const calibration: StoredCalibration = {};
  const trainingReport: TrainingReport = {
    protocol: { kind, folds: foldsPerRepeat, repeats, seed, temporalSplit: request.temporalSplit ?? null, scoring },
    candidates: rows,
    chosen: chosen.index,
    featureNames: featureNames(data.spec),
    importance: { gain: gainImportance, permutation },
    oof: {
      filmIds: tested.map((i) => data.films[i].id),
      actual: tested.map((i) => data.y[i]),
      predicted: tested.map((i) => oof[i]),
    },
    coverage: coverageOf(data.films),
    seconds: 0,
  };
  if (task === 'classification') {
    calibration.oof = tested.map((i) => ({ score: oof[i], label: data.y[i] }));
    calibration.platt = fitPlatt(
      tested.map((i) => oof[i]),
      tested.map((i) => data.y[i]),
    );
    const labels = tested.map((i) => data.y[i]);
    const probabilities = tested.map((i) => sigmoid(oof[i]));
    trainingReport.classification = {
      confusion: confusionMatrix(labels, probabilities),
      roc: thinRoc(rocPoints(labels, probabilities)),
    };
  } else {
    calibration.absResiduals = tested.map((i) => Math.abs(data.y[i] - oof[i]));
  }
  trainingReport.seconds = (performance.now() - started) / 1000;

  const years = data.films.map((f) => f.year).filter((y): y is number => y !== null);
  const features = data.spec.set === 'custom' ? featuresLabel(request.features) : data.spec.set;
  checkCancelled();
  report({ step: 'saving', current: totalFits, total: totalFits, detail: 'storing the model version' });
  const id = saveModelVersion(
    db,
    {
      target: request.target,
      algorithm: request.algorithm,
      featureSet: features,
      params: chosen.params as Record<string, unknown>,
      metrics: { ...chosen.metrics, cv_score: chosen.score, cv_score_std: chosen.scoreStd },
      data: {
        rows: n,
        batches: batchesOf(db, data.films),
        fingerprint: fingerprintOf(data.films, data.y, data.X),
        years: years.length ? [Math.min(...years), Math.max(...years)] : null,
        includeFlagged: request.includeFlagged ?? false,
        hitMultiple: request.hitMultiple ?? 2,
      },
      note: request.note ?? null,
      featureSpec: data.spec,
      report: trainingReport as unknown as Record<string, unknown>,
      calibration: calibration as Record<string, unknown>,
      artifact,
    },
    { activate: request.activate ?? false },
  );
  if (ctx) emitEvent(ctx, { type: 'data.changed', what: 'models' });
  return {
    model: id,
    target: request.target,
    algorithm: request.algorithm,
    features,
    featureNames: featureNames(data.spec),
    params: chosen.params,
    rows: n,
    cv: chosen.metrics,
    candidates: candidates.length,
    seconds: (performance.now() - started) / 1000,
    activated: request.activate ?? false,
  };
}

const MEMBER_TARGETS: MemberTarget[] = ['target', 'log_revenue', 'log_roi'];
const MEMBER_LABELS: Record<MemberRole, string> = {
  main: 'model',
  revenue: 'revenue model of the hit blend',
  forest: 'forest of the blend',
  linear: 'linear model of the blend',
};

/** A candidate's blend plan (the estimator alone when it asks for no blend). */
function planOf(request: TrainRequest, params: Params): BlendPlan {
  return blendPlanOf(request.target, request.algorithm, params, request.hitMultiple ?? 2);
}

/** One distinct member model to cross-validate: the first candidate and role that use it. */
interface MemberFit {
  index: number;
  member: MemberPlan;
  candidate: number;
  role: MemberRole;
}

/**
 * The distinct member models of all candidates (a grid over blend weights shares its models), and for each
 * candidate the fit index of each of its members, in plan order.
 */
function distinctFits(plans: BlendPlan[]): { list: MemberFit[]; byCandidate: number[][] } {
  const list: MemberFit[] = [];
  const byKey = new Map<string, number>();
  const byCandidate = plans.map((plan, c) =>
    plan.members.map((member) => {
      const key = JSON.stringify([member.y, member.algorithm, member.task, member.params]);
      let index = byKey.get(key);
      if (index === undefined) {
        index = list.length;
        byKey.set(key, index);
        list.push({ index, member, candidate: c, role: member.role });
      }
      return index;
    }),
  );
  return { list, byCandidate };
}

/**
 * The shared datasets the members learn from (same rows and columns; the request's target, log1p revenue, or
 * log1p revenue - log1p budget) and each row's budget column, when some plan reads it.
 */
function memberDatasets(data: PreparedData, plans: BlendPlan[]) {
  const n = data.films.length;
  const wanted = new Set(plans.flatMap((plan) => plan.members.map((m) => m.y)));
  const needsBudget = plans.some(planNeedsBudget);
  const budgetColumn = needsBudget ? budgetColumnOf(data.spec) : -1;
  const budget = new Float64Array(n).fill(NaN);
  let budgetMean = 0;
  if (budgetColumn >= 0) {
    for (let i = 0; i < n; i++) budget[i] = data.X[i * data.cols + budgetColumn];
    budgetMean = budget.reduce((a, b) => a + b, 0) / n;
    if (!Number.isFinite(budgetMean)) throw new RangeError('a blend that reads the budget needs every training film to have one');
  }
  const logRevenue = () => Float64Array.from(data.films, (f) => Math.log1p(f.revenue as number));
  const datasets: Partial<Record<MemberTarget, SharedDataset>> = {};
  for (const y of wanted) {
    const values = y === 'target' ? data.y : y === 'log_revenue' ? logRevenue() : logRevenue().map((v, i) => v - budget[i]);
    datasets[y] = shareDataset(randomUUID(), data.X, values, n, data.cols);
  }
  return { datasets, budget, budgetColumn, budgetMean };
}

/** The spec's budget column (log1p budget), which blends that read the budget need. */
function budgetColumnOf(spec: FeatureSpec): number {
  const column = spec.columns.findIndex(
    (c) => c.source.type === 'scalar' && (c.source.scalar === 'log_budget' || c.source.scalar === 'budget'),
  );
  if (column < 0) {
    throw new RangeError(
      `${REVENUE_BLEND_PARAM} and ${FIT_ROI_PARAM} read the budget: they need log_budget among the features`,
    );
  }
  return column;
}

/** Keeps at most ~200 ROC points (evenly spaced), enough for a chart and small to store. */
function thinRoc(points: { fpr: number; tpr: number }[]): { fpr: number; tpr: number }[] {
  const step = Math.max(1, Math.ceil(points.length / 200));
  const out = points.filter((_, i) => i % step === 0).map((p) => ({ fpr: p.fpr, tpr: p.tpr }));
  const last = points[points.length - 1];
  if (last && out[out.length - 1] !== last) out.push({ fpr: last.fpr, tpr: last.tpr });
  return out;
}

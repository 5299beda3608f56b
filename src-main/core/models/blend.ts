/**
 * Model-level blends: a model version's raw score as a fixed linear combination of a few member models fitted on
 * the same training rows (inside every CV fold, never on the fold they score), plus a term linear in the budget
 * column. Asked for by parameters beside the estimator's own:
 *
 * - `fit_roi` (revenue): the main model learns log(revenue / budget) = log1p(revenue) - log1p(budget), and the
 *   prediction adds log1p(budget) back, so revenue moves with the budget by construction and the trees learn the
 *   return on it (selection fold seeds 7/11: revenue R^2 0.528 -> 0.534).
 * - `blend_forest` (regression targets): weight w_f of a small random forest (FOREST_MEMBER_PARAMS) on the target.
 * - `blend_linear`: weight w_l of a linear model on the same columns: ridge (RIDGE_MEMBER_PARAMS) for
 *   regression, L2 logistic regression (LOGISTIC_MEMBER_PARAMS) for hit.
 * - `revenue_blend` (hit): weight w_r of a revenue model's score on the hit scale: a film is a hit when
 *   revenue >= k x budget, so predicted log1p(revenue) - log1p(budget) - log(k) is itself a log-odds-like score;
 *   `revenue_blend_scale` s (default 1) stretches it, and with `fit_roi` the revenue model learns
 *   log(revenue / budget) directly.
 *
 * The main model keeps weight 1 - w_f - w_l (revenue) or 1 - w_r - w_l (hit). Every term is linear, so a blend
 * predicts and explains exactly: base + contributions = prediction (each member's TreeSHAP or linear
 * contributions, weighted, plus the budget term centred on the training mean).
 */
import { loadEstimator } from '../ml/registry';
import type { AlgorithmName, Estimator, Matrix, Params, SerializedModel, Task } from '../ml/types';
import type { Target } from './types';

/** Hit only: weight w in [0, 1] of the revenue model's score (0: no blend). */
export const REVENUE_BLEND_PARAM = 'revenue_blend';
/** Hit only: the revenue score's scale s > 0 (default 1): the member's weight is w x s. */
export const REVENUE_BLEND_SCALE_PARAM = 'revenue_blend_scale';
/** Revenue (and the revenue model of a hit blend): learn log(revenue / budget) and add log budget back. */
export const FIT_ROI_PARAM = 'fit_roi';
/** Regression: weight of a random forest member. */
export const FOREST_BLEND_PARAM = 'blend_forest';
/** Weight of a linear member (ridge for regression, logistic regression for hit). */
export const LINEAR_BLEND_PARAM = 'blend_linear';

/** The parameters read here, never by an estimator. */
export const BLEND_PARAMS = [
  REVENUE_BLEND_PARAM,
  REVENUE_BLEND_SCALE_PARAM,
  FIT_ROI_PARAM,
  FOREST_BLEND_PARAM,
  LINEAR_BLEND_PARAM,
] as const;

/**
 * The forest member: small enough that exact TreeSHAP on a forecast stays cheap (50 trees of depth <= 8). Chosen on
 * fold seeds 7/11 among 50-200 trees, depth 6 to unlimited: within 0.001 R^2 of a 200-tree unlimited forest.
 */
export const FOREST_MEMBER_PARAMS: Params = { n_estimators: 50, max_depth: 8, min_samples_leaf: 5, max_features: 0.3 };
/** The ridge member (alpha 1, 10, 100, 1000 were within 0.001 of each other in the blend on seeds 7/11). */
export const RIDGE_MEMBER_PARAMS: Params = { alpha: 100 };
/** The logistic member of a hit blend. */
export const LOGISTIC_MEMBER_PARAMS: Params = { C: 1 };

/** Algorithms whose raw score is on the target's scale (log-odds for hit), so they can anchor a blend. */
const BLENDABLE: AlgorithmName[] = ['gbdt', 'rf', 'tree'];
const ROI_ALGORITHMS: AlgorithmName[] = ['gbdt', 'rf', 'tree', 'linear'];

/** What a member model learns: the request's own target, log1p(revenue), or log1p(revenue) - log1p(budget). */
export type MemberTarget = 'target' | 'log_revenue' | 'log_roi';
export type MemberRole = 'main' | 'revenue' | 'forest' | 'linear';

export interface MemberPlan {
  role: MemberRole;
  algorithm: AlgorithmName;
  task: Task;
  params: Params;
  y: MemberTarget;
  weight: number;
}

/** raw = offset + sum(weight x member raw) + budgetWeight x (budget column). */
export interface BlendPlan {
  members: MemberPlan[];
  offset: number;
  budgetWeight: number;
}

function weightParam(params: Record<string, unknown>, name: string): number {
  const w = params[name];
  if (w === undefined || w === null) return 0;
  if (typeof w !== 'number' || !Number.isFinite(w) || w < 0 || w > 1) {
    throw new RangeError(`${name} must be a number from 0 to 1, got ${JSON.stringify(w)}`);
  }
  return w;
}

/** The weight a candidate's params give the revenue model of a hit blend (0: none), checked. */
export function blendWeightOf(params: Record<string, unknown>): number {
  return weightParam(params, REVENUE_BLEND_PARAM);
}

/** The params without the blend parameters: what the estimators themselves read. */
export function estimatorParamsOf<P extends Record<string, unknown>>(params: P): P {
  const rest: Record<string, unknown> = { ...params };
  for (const name of BLEND_PARAMS) delete rest[name];
  return rest as P;
}

/**
 * The members and linear terms a candidate's params ask for. A candidate without blend parameters gives one
 * member (the estimator itself, weight 1). Throws a RangeError naming the parameter when the combination makes no
 * sense (a forest in a hit blend, fit_roi for popularity, weights summing past 1, ...).
 */
export function blendPlanOf(
  target: Target,
  algorithm: AlgorithmName,
  params: Record<string, unknown>,
  hitMultiple = 2,
): BlendPlan {
  const task: Task = target === 'hit' ? 'classification' : 'regression';
  const own = estimatorParamsOf(params) as Params;
  const revenue = weightParam(params, REVENUE_BLEND_PARAM);
  const forest = weightParam(params, FOREST_BLEND_PARAM);
  const linear = weightParam(params, LINEAR_BLEND_PARAM);
  const fitRoiValue = params[FIT_ROI_PARAM];
  if (fitRoiValue !== undefined && fitRoiValue !== null && typeof fitRoiValue !== 'boolean') {
    throw new RangeError(`${FIT_ROI_PARAM} must be true or false, got ${JSON.stringify(fitRoiValue)}`);
  }
  const fitRoi = fitRoiValue === true;
  const scaleValue = params[REVENUE_BLEND_SCALE_PARAM];
  const scale = scaleValue === undefined || scaleValue === null ? 1 : scaleValue;
  if (typeof scale !== 'number' || !Number.isFinite(scale) || scale <= 0 || scale > 100) {
    throw new RangeError(`${REVENUE_BLEND_SCALE_PARAM} must be a number in (0, 100], got ${JSON.stringify(scaleValue)}`);
  }
  if (revenue > 0 && (target !== 'hit' || !BLENDABLE.includes(algorithm))) {
    throw new RangeError(
      `${REVENUE_BLEND_PARAM} blends a hit model with a revenue model: it needs the hit target and a tree model (${BLENDABLE.join(', ')})`,
    );
  }
  if (scaleValue !== undefined && scaleValue !== null && revenue === 0) {
    throw new RangeError(`${REVENUE_BLEND_SCALE_PARAM} scales the revenue score of a hit blend: set ${REVENUE_BLEND_PARAM} too`);
  }
  if (forest > 0 && task !== 'regression') {
    throw new RangeError(`${FOREST_BLEND_PARAM} blends in a forest's prediction: it needs a regression target (revenue, popularity)`);
  }
  if (fitRoi && !(target === 'revenue' || (target === 'hit' && revenue > 0))) {
    throw new RangeError(
      `${FIT_ROI_PARAM} fits log(revenue / budget): it needs the revenue target, or a hit blend with ${REVENUE_BLEND_PARAM}`,
    );
  }
  if (fitRoi && target === 'revenue' && !ROI_ALGORITHMS.includes(algorithm)) {
    throw new RangeError(`${FIT_ROI_PARAM} needs a regression model that fits any target (${ROI_ALGORITHMS.join(', ')})`);
  }
  if ((forest > 0 || linear > 0) && !BLENDABLE.includes(algorithm)) {
    throw new RangeError(`${FOREST_BLEND_PARAM} and ${LINEAR_BLEND_PARAM} blend other models into a tree model (${BLENDABLE.join(', ')})`);
  }
  const others = revenue + forest + linear;
  if (others > 1 + 1e-12) {
    throw new RangeError(
      `${REVENUE_BLEND_PARAM} + ${FOREST_BLEND_PARAM} + ${LINEAR_BLEND_PARAM} must not exceed 1 (the main model keeps the rest), got ${others}`,
    );
  }
  const members: MemberPlan[] = [];
  // Rounded so 1 - 0.4 - 0.2 stores as 0.4 (weights are typed with a few decimals).
  const main = Number((1 - others).toFixed(12));
  const mainY: MemberTarget = target === 'revenue' && fitRoi ? 'log_roi' : 'target';
  // The main model comes first even at weight 0: it names the blend's algorithm and carries its importances.
  members.push({ role: 'main', algorithm, task, params: own, y: mainY, weight: main });
  let offset = 0;
  let budgetWeight = mainY === 'log_roi' ? main : 0;
  if (revenue > 0) {
    members.push({
      role: 'revenue',
      algorithm,
      task: 'regression',
      params: own,
      y: fitRoi ? 'log_roi' : 'log_revenue',
      weight: revenue * scale,
    });
    offset -= revenue * scale * Math.log(hitMultiple);
    if (!fitRoi) budgetWeight -= revenue * scale;
  }
  if (forest > 0) members.push({ role: 'forest', algorithm: 'rf', task, params: FOREST_MEMBER_PARAMS, y: 'target', weight: forest });
  if (linear > 0) {
    const linearAlgorithm: AlgorithmName = task === 'classification' ? 'logistic' : 'linear';
    const linearParams = task === 'classification' ? LOGISTIC_MEMBER_PARAMS : RIDGE_MEMBER_PARAMS;
    members.push({ role: 'linear', algorithm: linearAlgorithm, task, params: linearParams, y: 'target', weight: linear });
  }
  return { members, offset, budgetWeight };
}

/** True when the plan is the estimator alone (no blend, no budget term): its artifact is the estimator's own. */
export function isPlainPlan(plan: BlendPlan): boolean {
  return (
    plan.members.length === 1 &&
    plan.members[0].role === 'main' &&
    plan.members[0].y === 'target' &&
    plan.members[0].weight === 1 &&
    plan.offset === 0 &&
    plan.budgetWeight === 0
  );
}

/** True when a plan reads the budget column (a budget term, or a member that learns log(revenue / budget)). */
export function planNeedsBudget(plan: BlendPlan): boolean {
  return plan.budgetWeight !== 0 || plan.members.some((m) => m.y !== 'target');
}

/** The blend's raw score from its members' raw scores (in plan order) and the row's budget column value. */
export function blendRaw(plan: Pick<BlendPlan, 'offset' | 'budgetWeight'>, weights: readonly number[], raws: readonly number[], budget: number): number {
  let z = plan.offset;
  for (let m = 0; m < weights.length; m++) z += weights[m] * raws[m];
  return plan.budgetWeight === 0 ? z : z + plan.budgetWeight * budget;
}

export const BLEND_KIND = 'model-blend';
/** Artifacts written before blends were general: a hit model and a revenue model, `revenue_blend` only. */
export const HIT_REVENUE_BLEND_KIND = 'hit-revenue-blend';

export interface BlendArtifact extends SerializedModel {
  kind: typeof BLEND_KIND;
  version: 1;
  task: Task;
  members: { role: MemberRole; y: MemberTarget; weight: number; model: SerializedModel }[];
  offset: number;
  /** The column holding log1p(budget) (the spec's 'log_budget'); -1 when the blend does not read it. */
  budgetColumn: number;
  budgetWeight: number;
  /** Mean of the budget column over the training rows: explanations centre the budget term on it. */
  budgetMean: number;
  /**
   * 'mean': a row without a budget (a past film whose budget is unknown; forecasts always have one) reads the
   * training mean in the budget term, as the linear models impute, so it still gets a prediction. Absent in the
   * older two-model artifacts, whose score is then NaN as it always was.
   */
  missingBudget?: 'mean';
}

/** The older two-model artifact (kept loadable: stored versions and shipped files may hold it). */
interface HitRevenueBlendArtifact extends SerializedModel {
  kind: typeof HIT_REVENUE_BLEND_KIND;
  hit: SerializedModel;
  revenue: SerializedModel;
  weight: number;
  logMultiple: number;
  budgetColumn: number;
}

function fromHitRevenueBlend(a: HitRevenueBlendArtifact): BlendArtifact {
  return {
    kind: BLEND_KIND,
    version: 1,
    task: 'classification',
    members: [
      { role: 'main', y: 'target', weight: 1 - a.weight, model: a.hit },
      { role: 'revenue', y: 'log_revenue', weight: a.weight, model: a.revenue },
    ],
    offset: -a.weight * a.logMultiple,
    budgetColumn: a.budgetColumn,
    budgetWeight: -a.weight,
    budgetMean: 0, // as these artifacts explained: the whole budget term on the budget column
  };
}

/** A blend as an Estimator (forecasts, explanations and gold use it unchanged). */
export class ModelBlend implements Estimator {
  readonly algorithm: AlgorithmName;
  readonly task: Task;
  readonly link: 'identity' | 'logit';
  private readonly models: Estimator[];
  private readonly weights: number[];

  constructor(private readonly artifact: BlendArtifact) {
    if (!Array.isArray(artifact.members) || artifact.members.length === 0) {
      throw new RangeError('corrupt model blend: no members');
    }
    this.models = artifact.members.map((m) => loadEstimator(m.model));
    this.weights = artifact.members.map((m) => m.weight);
    this.algorithm = this.models[0].algorithm;
    this.task = artifact.task;
    this.link = artifact.task === 'classification' ? 'logit' : 'identity';
    if (artifact.budgetWeight !== 0 && artifact.budgetColumn < 0) {
      throw new RangeError('corrupt model blend: a budget term without a budget column');
    }
  }

  /** The member models (for inspection and tests). */
  get memberModels(): readonly Estimator[] {
    return this.models;
  }

  fit(): this {
    throw new Error('A model blend is trained by the training pipeline (core/models/train), not refitted.');
  }

  predictRaw(X: Matrix): Float64Array {
    const raws = this.models.map((m) => m.predictRaw(X));
    const out = new Float64Array(X.rows);
    const column = this.artifact.budgetColumn;
    const scratch = new Array<number>(raws.length);
    for (let i = 0; i < X.rows; i++) {
      for (let m = 0; m < raws.length; m++) scratch[m] = raws[m][i];
      out[i] = blendRaw(this.artifact, this.weights, scratch, column >= 0 ? this.budgetOf(X.data[i * X.cols + column]) : 0);
    }
    return out;
  }

  /** The budget column's value as the budget term reads it (a missing budget imputed when the artifact says so). */
  private budgetOf(value: number): number {
    return value !== value && this.artifact.missingBudget === 'mean' ? this.artifact.budgetMean : value;
  }

  predict(X: Matrix): Float64Array {
    const raw = this.predictRaw(X);
    return this.link === 'logit' ? raw.map((z) => 1 / (1 + Math.exp(-z))) : raw;
  }

  toJSON(): SerializedModel {
    return this.artifact;
  }

  /** The members' importances weighted by their weights (summing to 1). */
  featureImportance(): Float64Array {
    let out: Float64Array | null = null;
    const total = this.weights.reduce((a, b) => a + b, 0);
    this.models.forEach((m, k) => {
      const imp = m.featureImportance();
      out ??= new Float64Array(imp.length);
      for (let j = 0; j < imp.length; j++) out[j] += (this.weights[k] / total) * imp[j];
    });
    return out as unknown as Float64Array;
  }

  /**
   * Exact: the weighted members' contributions, and the budget term as budgetWeight x (budget - training mean) on
   * the budget column (its mean part goes to the base).
   */
  contributions(row: Float64Array): { base: number; values: Float64Array } {
    const { offset, budgetColumn, budgetWeight, budgetMean } = this.artifact;
    let base = offset;
    const values = new Float64Array(row.length);
    this.models.forEach((m, k) => {
      const c = m.contributions(row);
      const w = this.weights[k];
      base += w * c.base;
      for (let j = 0; j < values.length; j++) values[j] += w * c.values[j];
    });
    if (budgetWeight !== 0) {
      base += budgetWeight * budgetMean;
      values[budgetColumn] += budgetWeight * (this.budgetOf(row[budgetColumn]) - budgetMean);
    }
    return { base, values };
  }
}

/** A stored artifact as an estimator: a blend (either format), or any single model the ML registry knows. */
export function loadModelArtifact(artifact: SerializedModel): Estimator {
  if (artifact.kind === BLEND_KIND) return new ModelBlend(artifact as BlendArtifact);
  if (artifact.kind === HIT_REVENUE_BLEND_KIND) return new ModelBlend(fromHitRevenueBlend(artifact as HitRevenueBlendArtifact));
  return loadEstimator(artifact);
}

/**
 * ml-random-forest (mljs) behind the Estimator interface, kept as a reference algorithm. It is about 100x slower
 * than our histogram forest (its split search is quadratic in rows per node) and trains synchronously, so use it
 * on small data only. Guards for its known traps: the out-of-bag pass is off (`noOOB`, it throws "input must not
 * be empty" when a small forest leaves a row in every bag); `maxSamples` takes the first N rows, so rows are
 * shuffled (seeded) first; features are sampled without replacement; NaN is imputed with training means.
 */
import { RandomForestClassifier, RandomForestRegression } from 'ml-random-forest';
import { decodeFloat64, encodeArray } from './codec';
import { checkColumns, checkTrainingData, depthParam, intParam, numberParam } from './params';
import { Rng } from './rng';
import type { FitOptions, Matrix, Params, SerializedModel, Task } from './types';

/** The slice of ml-random-forest's classes we use. */
interface MlForest {
  train(X: number[][], y: number[]): void;
  predict(X: number[][]): number[];
  toJSON(): unknown;
}
interface MlClassifier extends MlForest {
  predictProbability(X: number[][], label: number): number[];
}

/**
 * Parameters: n_estimators (default 100), max_features (fraction in (0, 1] or integer count, sampled once per
 * tree, default 1 = all), max_depth (default null), min_samples_split (ml-cart's minNumSamples, default 3),
 * max_samples (fraction of rows per tree, default null = all, drawn after a seeded shuffle).
 */
export class MlRandomForest {
  readonly algorithm = 'mlrf' as const;
  readonly link = 'identity' as const;
  private model: MlForest | null = null;
  private mean: Float64Array | null = null;

  constructor(
    readonly task: Task,
    readonly params: Params = {},
    readonly seed = 42,
  ) {
    intParam(params, 'n_estimators', 100, 1);
    depthParam(params, null);
    intParam(params, 'min_samples_split', 3, 2);
    const mf = params.max_features ?? 1;
    if (typeof mf !== 'number' || !(mf > 0)) {
      throw new RangeError(
        `mlrf max_features must be a fraction in (0, 1] or a positive integer, got ${JSON.stringify(mf)}`,
      );
    }
    if (params.max_samples !== undefined && params.max_samples !== null)
      numberParam(params, 'max_samples', 1, 0, 1, true);
  }

  private options() {
    const p = this.params;
    const maxDepth = depthParam(p, null);
    return {
      nEstimators: intParam(p, 'n_estimators', 100, 1),
      maxFeatures: (p.max_features as number | undefined) ?? 1,
      replacement: false,
      useSampleBagging: true,
      noOOB: true,
      seed: this.seed >>> 0,
      maxSamples: (p.max_samples as number | null | undefined) ?? undefined,
      treeOptions: { maxDepth, minNumSamples: intParam(p, 'min_samples_split', 3, 2) },
    };
  }

  fit(X: Matrix, y: Float64Array, _options: FitOptions = {}): this {
    checkTrainingData(X, y, this.task === 'classification');
    const mean = new Float64Array(X.cols);
    for (let j = 0; j < X.cols; j++) {
      let s = 0;
      let n = 0;
      for (let i = 0; i < X.rows; i++) {
        const v = X.data[i * X.cols + j];
        if (v === v) {
          s += v;
          n++;
        }
      }
      mean[j] = n ? s / n : 0;
    }
    this.mean = mean;
    const order = new Rng(this.seed).shuffle(Uint32Array.from({ length: X.rows }, (_, i) => i));
    const rows = Array.from(order, (i) => this.rowArray(X, i));
    const values = Array.from(order, (i) => y[i]);
    const opts = this.options();
    this.model = this.task === 'classification' ? new RandomForestClassifier(opts) : new RandomForestRegression(opts);
    this.model.train(rows, values);
    return this;
  }

  private rowArray(X: Matrix, i: number): number[] {
    const out = new Array<number>(X.cols);
    for (let j = 0; j < X.cols; j++) {
      const v = X.data[i * X.cols + j];
      out[j] = v === v ? v : this.mean![j];
    }
    return out;
  }

  private trained(): MlForest {
    if (!this.model || !this.mean) throw new Error('mlrf: predict called before fit');
    return this.model;
  }

  predictRaw(X: Matrix): Float64Array {
    const model = this.trained();
    checkColumns(X, this.mean!.length);
    const rows = Array.from({ length: X.rows }, (_, i) => this.rowArray(X, i));
    const out =
      this.task === 'classification' ? (model as MlClassifier).predictProbability(rows, 1) : model.predict(rows);
    return Float64Array.from(out);
  }

  predict(X: Matrix): Float64Array {
    return this.predictRaw(X);
  }

  /** ml-random-forest exposes no split gains; importance here is permutation-free and uniform. */
  featureImportance(): Float64Array {
    const cols = this.mean?.length ?? 0;
    return new Float64Array(cols).fill(cols ? 1 / cols : 0);
  }

  /**
   * Shapley values against one background point (the training means), estimated over 16 seeded feature
   * orderings. Each ordering telescopes from f(mean) to f(x), so base + sum(values) = predictRaw(row) exactly.
   */
  contributions(row: Float64Array): { base: number; values: Float64Array } {
    this.trained();
    const cols = this.mean!.length;
    if (row.length !== cols) throw new RangeError(`model was trained on ${cols} features, got ${row.length}`);
    const orderings = 16;
    const rng = new Rng(this.seed);
    const perm = Uint32Array.from({ length: cols }, (_, j) => j);
    const batch = new Float64Array(orderings * (cols + 1) * cols);
    for (let o = 0; o < orderings; o++) {
      rng.shuffle(perm);
      const current = Float64Array.from(this.mean!);
      for (let step = 0; step <= cols; step++) {
        if (step > 0) current[perm[step - 1]] = row[perm[step - 1]];
        batch.set(current, (o * (cols + 1) + step) * cols);
      }
    }
    const out = this.predictRaw({ rows: orderings * (cols + 1), cols, data: batch });
    const values = new Float64Array(cols);
    const again = new Rng(this.seed);
    for (let o = 0; o < orderings; o++) {
      again.shuffle(perm);
      for (let step = 1; step <= cols; step++) {
        const k = o * (cols + 1) + step;
        values[perm[step - 1]] += (out[k] - out[k - 1]) / orderings;
      }
    }
    return { base: out[0], values };
  }

  toJSON(): SerializedModel {
    const model = this.trained();
    return {
      kind: `mlrf-${this.task}`,
      version: 1,
      params: this.params,
      seed: this.seed,
      mean: encodeArray(this.mean!),
      forest: model.toJSON(),
    };
  }

  restore(json: SerializedModel): this {
    if (typeof json.mean !== 'string' || typeof json.forest !== 'object') throw new RangeError('corrupt mlrf model');
    this.mean = decodeFloat64(json.mean);
    const forest = json.forest as never;
    this.model =
      this.task === 'classification' ? RandomForestClassifier.load(forest) : RandomForestRegression.load(forest);
    return this;
  }
}

/**
 * Ridge regression and L2-regularised logistic regression. Both standardise features internally (mean 0, unit
 * population variance) and replace missing values by the training mean, so they equal scikit-learn's
 * make_pipeline(StandardScaler(), Ridge(alpha)) and make_pipeline(StandardScaler(), LogisticRegression(C)).
 * Logistic regression is solved by Newton's method (IRLS) to machine precision; the intercept is not penalised.
 */
import { decodeFloat64, encodeArray } from './codec';
import { sigmoid } from './ensemble';
import { checkColumns, checkTrainingData, numberParam } from './params';
import type { FitOptions, Matrix, Params, SerializedModel, Task } from './types';

interface LinearState {
  /** Coefficients on the raw (unstandardised) scale, and the intercept. */
  coef: Float64Array;
  intercept: number;
  mean: Float64Array;
  std: Float64Array;
}

abstract class LinearModel {
  protected state: LinearState | null = null;
  constructor(readonly params: Params) {}

  protected trained(): LinearState {
    if (!this.state) throw new Error('linear model: predict called before fit');
    return this.state;
  }

  get coefficients(): { coef: Float64Array; intercept: number } {
    const s = this.trained();
    return { coef: s.coef, intercept: s.intercept };
  }

  predictRaw(X: Matrix): Float64Array {
    const s = this.trained();
    checkColumns(X, s.coef.length);
    const out = new Float64Array(X.rows);
    for (let i = 0; i < X.rows; i++) {
      let z = s.intercept;
      for (let j = 0; j < X.cols; j++) {
        const v = X.data[i * X.cols + j];
        z += s.coef[j] * (v === v ? v : s.mean[j]);
      }
      out[i] = z;
    }
    return out;
  }

  /** |coef x std| (the standardised coefficient), normalised to sum to 1. */
  featureImportance(): Float64Array {
    const s = this.trained();
    const imp = s.coef.map((c, j) => Math.abs(c * s.std[j]));
    const total = imp.reduce((a, b) => a + b, 0);
    return total > 0 ? imp.map((v) => v / total) : imp;
  }

  /** coef x (x - mean); a missing value is imputed with the mean, so it contributes 0. */
  contributions(row: Float64Array): { base: number; values: Float64Array } {
    const s = this.trained();
    if (row.length !== s.coef.length)
      throw new RangeError(`model was trained on ${s.coef.length} features, got ${row.length}`);
    let base = s.intercept;
    const values = new Float64Array(row.length);
    for (let j = 0; j < row.length; j++) {
      base += s.coef[j] * s.mean[j];
      values[j] = row[j] === row[j] ? s.coef[j] * (row[j] - s.mean[j]) : 0;
    }
    return { base, values };
  }

  protected serialise(kind: string): SerializedModel {
    const s = this.trained();
    return {
      kind,
      version: 1,
      params: this.params,
      coef: encodeArray(s.coef),
      intercept: s.intercept,
      mean: encodeArray(s.mean),
      std: encodeArray(s.std),
    };
  }

  restore(json: SerializedModel): this {
    if (typeof json.intercept !== 'number' || typeof json.coef !== 'string') {
      throw new RangeError(`corrupt ${json.kind} model: missing coef or intercept`);
    }
    this.state = {
      coef: decodeFloat64(json.coef),
      intercept: json.intercept,
      mean: decodeFloat64(json.mean as string),
      std: decodeFloat64(json.std as string),
    };
    return this;
  }
}

/** Column means (ignoring NaN) and population standard deviations (1 where a column is constant). */
function columnStats(X: Matrix): { mean: Float64Array; std: Float64Array } {
  const mean = new Float64Array(X.cols);
  const std = new Float64Array(X.cols);
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
    const m = n > 0 ? s / n : 0;
    let ss = 0;
    for (let i = 0; i < X.rows; i++) {
      const v = X.data[i * X.cols + j];
      ss += v === v ? (v - m) * (v - m) : 0;
    }
    mean[j] = m;
    const sd = Math.sqrt(ss / X.rows);
    std[j] = sd > 1e-12 * (Math.abs(m) + 1) ? sd : 1;
  }
  return { mean, std };
}

/** Standardised design matrix (row-major), missing values imputed as 0 (= the mean). */
function standardise(X: Matrix, mean: Float64Array, std: Float64Array): Float64Array {
  const Z = new Float64Array(X.rows * X.cols);
  for (let i = 0; i < X.rows; i++) {
    for (let j = 0; j < X.cols; j++) {
      const v = X.data[i * X.cols + j];
      Z[i * X.cols + j] = v === v ? (v - mean[j]) / std[j] : 0;
    }
  }
  return Z;
}

/** Solves A x = b for a symmetric positive-definite A (n x n, row-major) by Cholesky; A is overwritten. */
export function solveSpd(A: Float64Array, b: Float64Array, n: number): Float64Array {
  for (let j = 0; j < n; j++) {
    let d = A[j * n + j];
    for (let k = 0; k < j; k++) d -= A[j * n + k] * A[j * n + k];
    if (!(d > 0)) throw new RangeError('linear model: the system is singular (try a larger alpha or smaller C)');
    const l = Math.sqrt(d);
    A[j * n + j] = l;
    for (let i = j + 1; i < n; i++) {
      let s = A[i * n + j];
      for (let k = 0; k < j; k++) s -= A[i * n + k] * A[j * n + k];
      A[i * n + j] = s / l;
    }
  }
  const x = Float64Array.from(b);
  for (let i = 0; i < n; i++) {
    let s = x[i];
    for (let k = 0; k < i; k++) s -= A[i * n + k] * x[k];
    x[i] = s / A[i * n + i];
  }
  for (let i = n - 1; i >= 0; i--) {
    let s = x[i];
    for (let k = i + 1; k < n; k++) s -= A[k * n + i] * x[k];
    x[i] = s / A[i * n + i];
  }
  return x;
}

/**
 * Ridge regression. Parameters: alpha, the L2 strength on standardised coefficients, >= 0 (default 1).
 */
export class Ridge extends LinearModel {
  readonly algorithm = 'linear' as const;
  readonly task: Task = 'regression';
  readonly link = 'identity' as const;
  private readonly alpha: number;

  constructor(params: Params = {}) {
    super(params);
    this.alpha = numberParam(params, 'alpha', 1, 0, Number.MAX_VALUE);
  }

  fit(X: Matrix, y: Float64Array, _options: FitOptions = {}): this {
    checkTrainingData(X, y, false);
    const { mean, std } = columnStats(X);
    const Z = standardise(X, mean, std);
    const p = X.cols;
    let ym = 0;
    for (const v of y) ym += v;
    ym /= y.length;
    const A = new Float64Array(p * p);
    const b = new Float64Array(p);
    for (let i = 0; i < X.rows; i++) {
      const r = y[i] - ym;
      for (let j = 0; j < p; j++) {
        const zj = Z[i * p + j];
        b[j] += zj * r;
        for (let k = 0; k <= j; k++) A[j * p + k] += zj * Z[i * p + k];
      }
    }
    for (let j = 0; j < p; j++) {
      for (let k = 0; k < j; k++) A[k * p + j] = A[j * p + k];
      A[j * p + j] += this.alpha;
    }
    const beta = p > 0 ? solveSpd(A, b, p) : new Float64Array(0);
    this.state = toRawScale(beta, ym, mean, std);
    return this;
  }

  predict(X: Matrix): Float64Array {
    return this.predictRaw(X);
  }

  toJSON(): SerializedModel {
    return this.serialise('linear-regression');
  }
}

function toRawScale(beta: Float64Array, interceptZ: number, mean: Float64Array, std: Float64Array): LinearState {
  const coef = beta.map((bj, j) => bj / std[j]);
  let intercept = interceptZ;
  for (let j = 0; j < coef.length; j++) intercept -= coef[j] * mean[j];
  return { coef, intercept, mean, std };
}

/**
 * L2 logistic regression (binary). Parameters: C, the inverse regularisation strength, > 0 (default 1), as
 * scikit-learn: minimises 0.5 |w|^2 + C x sum of log losses over standardised features.
 */
export class LogisticRegression extends LinearModel {
  readonly algorithm = 'logistic' as const;
  readonly task: Task = 'classification';
  readonly link = 'logit' as const;
  private readonly C: number;

  constructor(params: Params = {}) {
    super(params);
    this.C = numberParam(params, 'C', 1, 0, Number.MAX_VALUE, true);
  }

  fit(X: Matrix, y: Float64Array, _options: FitOptions = {}): this {
    checkTrainingData(X, y, true);
    const { mean, std } = columnStats(X);
    const Z = standardise(X, mean, std);
    const p = X.cols;
    const m = p + 1; // index 0 is the intercept
    const n = X.rows;
    const C = this.C;
    const w = new Float64Array(m);
    let ym = 0;
    for (const v of y) ym += v;
    ym /= n;
    if (ym === 0 || ym === 1) throw new RangeError(`logistic regression needs both classes, got only class ${ym}`);
    w[0] = Math.log(ym / (1 - ym));
    const objective = (v: Float64Array): number => {
      let s = 0;
      for (let j = 1; j < m; j++) s += 0.5 * v[j] * v[j];
      for (let i = 0; i < n; i++) {
        let z = v[0];
        for (let j = 0; j < p; j++) z += v[j + 1] * Z[i * p + j];
        s += C * ((z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z))) - y[i] * z);
      }
      return s;
    };
    let f = objective(w);
    const grad = new Float64Array(m);
    const H = new Float64Array(m * m);
    const row = new Float64Array(m);
    for (let iter = 0; iter < 200; iter++) {
      grad.fill(0);
      H.fill(0);
      for (let j = 1; j < m; j++) {
        grad[j] = w[j];
        H[j * m + j] = 1;
      }
      for (let i = 0; i < n; i++) {
        row[0] = 1;
        let z = w[0];
        for (let j = 0; j < p; j++) {
          row[j + 1] = Z[i * p + j];
          z += w[j + 1] * row[j + 1];
        }
        const pr = sigmoid(z);
        const r = C * (pr - y[i]);
        const d = C * pr * (1 - pr);
        for (let j = 0; j < m; j++) {
          grad[j] += r * row[j];
          const dj = d * row[j];
          for (let k = 0; k <= j; k++) H[j * m + k] += dj * row[k];
        }
      }
      for (let j = 0; j < m; j++) for (let k = 0; k < j; k++) H[k * m + j] = H[j * m + k];
      const step = solveSpd(H, grad, m);
      // Backtracking keeps Newton monotone on nearly separable data.
      let t = 1;
      let next = w.map((v, j) => v - step[j]);
      let fNext = objective(next);
      while (fNext > f && t > 1e-10) {
        t /= 2;
        next = w.map((v, j) => v - t * step[j]);
        fNext = objective(next);
      }
      let change = 0;
      for (let j = 0; j < m; j++) change = Math.max(change, Math.abs(next[j] - w[j]));
      w.set(next);
      f = fNext;
      if (change < 1e-12 * (1 + Math.max(...w.map(Math.abs)))) break;
    }
    this.state = toRawScale(w.subarray(1), w[0], mean, std);
    return this;
  }

  predict(X: Matrix): Float64Array {
    const raw = this.predictRaw(X);
    for (let i = 0; i < raw.length; i++) raw[i] = sigmoid(raw[i]);
    return raw;
  }

  toJSON(): SerializedModel {
    return this.serialise('logistic-classification');
  }
}

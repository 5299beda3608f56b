/**
 * Parameter checks shared by the estimators. Each throws a RangeError naming the parameter and the bad value
 * (the mljs convention), so a mistyped grid fails before any training starts.
 */
import type { TieBreak } from './tree';
import type { Matrix, Params } from './types';

export function intParam(params: Params, name: string, fallback: number, min: number): number {
  const v = params[name] ?? fallback;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min) {
    throw new RangeError(`${name} must be an integer >= ${min}, got ${JSON.stringify(v)}`);
  }
  return v;
}

export function numberParam(params: Params, name: string, fallback: number, min: number, max: number, openMin = false) {
  const v = params[name] ?? fallback;
  if (typeof v !== 'number' || !Number.isFinite(v) || v < min || v > max || (openMin && v === min)) {
    throw new RangeError(`${name} must be a number in ${openMin ? '(' : '['}${min}, ${max}], got ${JSON.stringify(v)}`);
  }
  return v;
}

/** max_depth: a positive integer, or null for unlimited (returned as Infinity). */
export function depthParam(params: Params, fallback: number | null): number {
  const v = params.max_depth === undefined ? fallback : params.max_depth;
  if (v === null) return Infinity;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 1) {
    throw new RangeError(`max_depth must be a positive integer or null, got ${JSON.stringify(v)}`);
  }
  return v;
}

const TIE_BREAKS: readonly TieBreak[] = ['widest_gap', 'first'];

/** tie_break: how a tree chooses among equally good splits (GrowOptions.tieBreak). */
export function tieBreakParam(params: Params, fallback: TieBreak): TieBreak {
  const v = params.tie_break ?? fallback;
  if (!TIE_BREAKS.includes(v as TieBreak)) {
    throw new RangeError(`tie_break must be one of ${TIE_BREAKS.join(', ')}, got ${JSON.stringify(v)}`);
  }
  return v as TieBreak;
}

/** Like intParam but null (or absent with a null default) means "off". */
export function optionalIntParam(params: Params, name: string, fallback: number | null, min: number): number | null {
  const v = params[name] === undefined ? fallback : params[name];
  if (v === null) return null;
  return intParam({ [name]: v }, name, 0, min);
}

/**
 * Resolves max_features to a count of features per split, as scikit-learn does: 'sqrt' and 'log2' of the column
 * count (at least 1); a fraction in (0, 1] of the columns (1 means all, as 1.0 does in scikit-learn, because JSON
 * cannot tell 1 from 1.0); an integer >= 2 is a count (capped at the column count); null means all.
 */
export function resolveMaxFeatures(value: Params['max_features'], cols: number): number {
  if (value === null || value === undefined) return cols;
  if (value === 'sqrt') return Math.max(1, Math.floor(Math.sqrt(cols)));
  if (value === 'log2') return Math.max(1, Math.floor(Math.log2(cols)));
  if (typeof value === 'number' && value > 0 && value <= 1) return Math.max(1, Math.floor(value * cols));
  if (typeof value === 'number' && Number.isInteger(value) && value > 1) return Math.min(cols, value);
  throw new RangeError(
    `max_features must be 'sqrt', 'log2', a fraction in (0, 1], an integer or null, got ${JSON.stringify(value)}`,
  );
}

export function checkMaxFeatures(value: unknown): void {
  resolveMaxFeatures(value as Params['max_features'], 1_000_000);
}

/** Checks a training set's shape and values before any work. */
export function checkTrainingData(X: Matrix, y: Float64Array, classification: boolean): void {
  if (X.data.length !== X.rows * X.cols) {
    throw new RangeError(`matrix data holds ${X.data.length} values, expected rows x cols = ${X.rows * X.cols}`);
  }
  if (y.length !== X.rows) throw new RangeError(`y has ${y.length} values but X has ${X.rows} rows`);
  if (X.rows < 2) throw new RangeError(`need at least 2 training rows, got ${X.rows}`);
  for (let i = 0; i < y.length; i++) {
    const v = y[i];
    if (!Number.isFinite(v)) throw new RangeError(`y[${i}] is ${v}: targets must be finite`);
    if (classification && v !== 0 && v !== 1)
      throw new RangeError(`y[${i}] is ${v}: classification targets must be 0 or 1`);
  }
}

export function checkColumns(X: Matrix, cols: number): void {
  if (X.cols !== cols) throw new RangeError(`model was trained on ${cols} features, got ${X.cols}`);
}

/** Throws when the caller asked to stop. */
export function checkAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new Error('training cancelled');
}

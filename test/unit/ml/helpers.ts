import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import type { Matrix } from '../../../src-main/core/ml/types';

const root = path.resolve(__dirname, '../../..');

export interface Reference {
  synthetic: { X: number[][]; y: number[]; ycls: number[] };
  tree_depth3: { train_pred: number[]; node_count: number };
  tree_depth4_leaf10: { train_pred: number[] };
  gb_reg: { train_r2: number; train_pred: number[] };
  gb_cls: { train_logloss: number };
  [key: `ridge_${string}`]: { coef: number[]; intercept: number; pred: number[] };
  [key: `logistic_${string}`]: { coef: number[]; intercept: number; proba: number[] };
  metrics: Record<string, number & number[] & number[][]>;
  tmdb4: Record<string, number>;
}

export const reference: Reference = JSON.parse(
  readFileSync(path.join(root, 'test/fixtures/sklearn/reference.json'), 'utf8'),
);

export function matrix(rows: number[][]): Matrix {
  const cols = rows[0]?.length ?? 0;
  const data = new Float64Array(rows.length * cols);
  rows.forEach((r, i) => data.set(r, i * cols));
  return { rows: rows.length, cols, data };
}

/** The revenue seed's set: films with budget and revenue, runtime/popularity/vote_average/log1p budget. */
export function tmdbSeedSet(): { X: Matrix; y: Float64Array; hit: Float64Array } {
  const records = parse(readFileSync(path.join(root, 'resources/data/tmdb_5000_movies.csv')), {
    columns: true,
  }) as Record<string, string>[];
  const films = records.filter(
    (r) => Number(r.budget) > 0 && Number(r.revenue) > 0 && r.release_date !== '' && r.genres.length > 2,
  );
  const X = matrix(
    films.map((r) => [
      Number(r.runtime || 0),
      Number(r.popularity),
      Number(r.vote_average),
      Math.log1p(Number(r.budget)),
    ]),
  );
  const y = Float64Array.from(films, (r) => Math.log1p(Number(r.revenue)));
  const hit = Float64Array.from(films, (r) => (Number(r.revenue) >= 2 * Number(r.budget) ? 1 : 0));
  return { X, y, hit };
}

/** A seeded random matrix with some NaN, for property-style tests. */
export function randomMatrix(rows: number, cols: number, seed: number, nanRate = 0): Matrix {
  let s = seed >>> 0;
  const next = () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296;
  };
  const data = new Float64Array(rows * cols);
  for (let i = 0; i < data.length; i++) data[i] = next() < nanRate ? NaN : Math.round(next() * 1000) / 100;
  return { rows, cols, data };
}

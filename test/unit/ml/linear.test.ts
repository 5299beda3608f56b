import { describe, expect, it } from 'vitest';
import { LogisticRegression, Ridge } from '../../../src-main/core/ml/linear';
import { matrix, reference } from './helpers';

const X = matrix(reference.synthetic.X);
const y = Float64Array.from(reference.synthetic.y);
const ycls = Float64Array.from(reference.synthetic.ycls);

describe('ridge regression', () => {
  for (const alpha of [1, 10]) {
    it(`matches StandardScaler + Ridge(alpha=${alpha})`, () => {
      const ref = reference[`ridge_alpha${alpha}`];
      const m = new Ridge({ alpha }).fit(X, y);
      ref.coef.forEach((c, j) => expect(m.coefficients.coef[j]).toBeCloseTo(c, 9));
      expect(m.coefficients.intercept).toBeCloseTo(ref.intercept, 9);
      const p = m.predict(X);
      ref.pred.forEach((q, i) => expect(p[i]).toBeCloseTo(q, 9));
    });
  }

  it('imputes missing values with the training mean', () => {
    const m = new Ridge({ alpha: 1 }).fit(X, y);
    const row = Float64Array.from(reference.synthetic.X[0]);
    row[1] = NaN;
    const means = [0, 1, 2, 3].map((j) => reference.synthetic.X.reduce((s, r) => s + r[j], 0) / X.rows);
    const filled = Float64Array.from(row);
    filled[1] = means[1];
    expect(m.predict({ rows: 1, cols: 4, data: row })[0]).toBeCloseTo(
      m.predict({ rows: 1, cols: 4, data: filled })[0],
      12,
    );
  });
});

describe('logistic regression', () => {
  for (const C of [0.1, 1]) {
    it(`matches StandardScaler + LogisticRegression(C=${C})`, () => {
      const ref = reference[`logistic_C${C}`];
      const m = new LogisticRegression({ C }).fit(X, ycls);
      ref.coef.forEach((c, j) => expect(m.coefficients.coef[j]).toBeCloseTo(c, 5));
      expect(m.coefficients.intercept).toBeCloseTo(ref.intercept, 5);
      const p = m.predict(X);
      ref.proba.forEach((q, i) => expect(p[i]).toBeCloseTo(q, 5));
    });
  }

  it('rejects C <= 0 and single-class targets', () => {
    expect(() => new LogisticRegression({ C: 0 })).toThrow(/C.*0/);
    expect(() => new LogisticRegression({}).fit(X, new Float64Array(X.rows))).toThrow(/both classes/);
  });
});

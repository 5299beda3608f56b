import { describe, expect, it } from 'vitest';
import {
  auc,
  brier,
  confusionMatrix,
  f1,
  logloss,
  mae,
  maeDollars,
  permutationImportance,
  precision,
  r2,
  recall,
  rmse,
  rocPoints,
} from '../../../src-main/core/ml/metrics';
import { createEstimator } from '../../../src-main/core/ml/registry';
import { randomMatrix, reference } from './helpers';

const m = reference.metrics;

describe('metrics against scikit-learn', () => {
  it('regression: r2, rmse, mae', () => {
    expect(r2(m.y_true, m.y_pred)).toBeCloseTo(m.r2, 12);
    expect(rmse(m.y_true, m.y_pred)).toBeCloseTo(m.rmse, 12);
    expect(mae(m.y_true, m.y_pred)).toBeCloseTo(m.mae, 12);
  });

  it('classification: auc with ties, f1, precision, recall, log loss, brier, confusion', () => {
    expect(auc(m.labels, m.scores)).toBeCloseTo(m.auc, 12);
    expect(f1(m.labels, m.scores)).toBeCloseTo(m.f1, 12);
    expect(precision(m.labels, m.scores)).toBeCloseTo(m.precision, 12);
    expect(recall(m.labels, m.scores)).toBeCloseTo(m.recall, 12);
    expect(logloss(m.labels, m.scores)).toBeCloseTo(m.logloss, 12);
    expect(brier(m.labels, m.scores)).toBeCloseTo(m.brier, 12);
    const c = confusionMatrix(m.labels, m.scores);
    expect([
      [c.tn, c.fp],
      [c.fn, c.tp],
    ]).toEqual(m.confusion);
  });

  it('AUC of all-tied scores is one half; of perfectly ranked scores one', () => {
    expect(auc([0, 1, 0, 1], [0.5, 0.5, 0.5, 0.5])).toBe(0.5);
    expect(auc([0, 0, 1, 1], [0.1, 0.2, 0.3, 0.4])).toBe(1);
    expect(() => auc([1, 1], [0.1, 0.2])).toThrow(/both classes/);
  });

  it('ROC points run from (0,0) to (1,1) and their trapezoids give the AUC', () => {
    const pts = rocPoints(m.labels, m.scores);
    expect(pts[0]).toMatchObject({ fpr: 0, tpr: 0 });
    expect(pts.at(-1)).toMatchObject({ fpr: 1, tpr: 1 });
    let area = 0;
    for (let k = 1; k < pts.length; k++) area += ((pts[k].fpr - pts[k - 1].fpr) * (pts[k].tpr + pts[k - 1].tpr)) / 2;
    expect(area).toBeCloseTo(m.auc, 12);
  });

  it('MAE in dollars undoes log1p', () => {
    expect(maeDollars([Math.log1p(100), Math.log1p(1000)], [Math.log1p(150), Math.log1p(900)])).toBeCloseTo(75, 6);
  });
});

describe('permutation importance', () => {
  it('ranks the feature the target depends on first and an unused one near zero', () => {
    const X = randomMatrix(400, 3, 4);
    const y = Float64Array.from({ length: 400 }, (_, i) => 3 * X.data[i * 3 + 1] + 0.1 * X.data[i * 3]);
    const est = createEstimator('gbdt', 'regression', { n_estimators: 50 }).fit(X, y);
    const imp = permutationImportance(est, X, y, 'r2', 1);
    expect(imp[1]).toBeGreaterThan(imp[0]);
    expect(imp[1]).toBeGreaterThan(0.5);
    expect(Math.abs(imp[2])).toBeLessThan(0.02);
    expect(Array.from(permutationImportance(est, X, y, 'r2', 1))).toEqual(Array.from(imp));
  });
});

import { describe, expect, it } from 'vitest';
import { requestFromOptions } from '../../../src-main/cli/commands/train';
import { candidatesOf, validateTrainRequest } from '../../../src-main/core/models/train';
import { fitPlatt, applyCalibration } from '../../../src-main/core/models/calibration';
import { modelOptions } from '../../../src-main/core/models/options';
import { createEstimator } from '../../../src-main/core/ml/registry';
import type { AlgorithmName, Params } from '../../../src-main/core/ml/types';
import { randomMatrix } from '../ml/helpers';

const base = { target: 'revenue', features: 'greenlight', algorithm: 'gbdt', folds: '5', repeats: '1', hitMultiple: '2.0', seed: '42' };

describe('train requests', () => {
  it('reads command-line options into a validated request', () => {
    const r = requestFromOptions({ ...base, grid: '{"max_depth":[3,5],"n_estimators":[100,300]}', temporalSplit: '2010' });
    expect(r.grid).toEqual({ max_depth: [3, 5], n_estimators: [100, 300] });
    expect(r.temporalSplit).toBe(2010);
    expect(candidatesOf(r)).toHaveLength(4);
  });

  it('names the flag at fault', () => {
    expect(() => requestFromOptions({ ...base, target: 'gross' })).toThrow(/--target/);
    expect(() => requestFromOptions({ ...base, folds: '1' })).toThrow(/--folds/);
    expect(() => requestFromOptions({ ...base, params: '{"n_estimators":' })).toThrow(/--params is not valid JSON/);
    expect(() => requestFromOptions({ ...base, params: '{"learning_rate":5}' })).toThrow(/--params learning_rate/);
    expect(() => requestFromOptions({ ...base, random: '{"max_depth":[3]}' })).toThrow(/--iter/);
  });

  it('refuses a target the algorithm cannot learn and unknown feature names', () => {
    expect(() => validateTrainRequest({ target: 'hit', features: 'greenlight', algorithm: 'linear' })).toThrow(/logistic/);
    expect(() => validateTrainRequest({ target: 'revenue', features: 'greenlight', algorithm: 'logistic' })).toThrow(/linear/);
    expect(() => validateTrainRequest({ target: 'revenue', features: 'budget,gross', algorithm: 'gbdt' })).toThrow(/gross/);
    expect(() => validateTrainRequest({ target: 'revenue', features: 'greenlight', algorithm: 'linear', params: { C: 1 } })).toThrow(/C/);
  });

  it('lists options for the train form', () => {
    const o = modelOptions();
    expect(o.featureSets.map((s) => s.name)).toEqual(['greenlight', 'tracking']);
    const gbdt = o.algorithms.find((a) => a.name === 'gbdt')!;
    expect(gbdt.params.find((p) => p.name === 'learning_rate')!.default).toBe(0.1);
    expect(o.algorithms.find((a) => a.name === 'logistic')!.targets).toEqual(['hit']);
  });

  it("shows the defaults the engine applies: spelled out, they fit exactly the model that '{}' fits", () => {
    const o = modelOptions();
    const X = randomMatrix(300, 3, 5);
    const y = Float64Array.from({ length: 300 }, (_, i) => X.data[i * 3] * 2 + Math.sin(X.data[i * 3 + 1] * 5));
    for (const name of ['gbdt', 'rf', 'tree'] as AlgorithmName[]) {
      const defaults = Object.fromEntries(o.algorithms.find((a) => a.name === name)!.params.map((p) => [p.name, p.default]));
      const spelled = createEstimator(name, 'regression', defaults as Params, 7).fit(X, y).predict(X);
      const implicit = createEstimator(name, 'regression', {}, 7).fit(X, y).predict(X);
      expect(Array.from(spelled)).toEqual(Array.from(implicit));
    }
    const param = (algorithm: string, name: string) =>
      o.algorithms.find((a) => a.name === algorithm)!.params.find((p) => p.name === name)!.default;
    expect([param('gbdt', 'reg_lambda'), param('gbdt', 'tie_break'), param('gbdt', 'max_bins')]).toEqual([1, 'widest_gap', 255]);
    expect([param('rf', 'max_bins'), param('rf', 'tie_break')]).toEqual([1024, 'widest_gap']);
  });

  it('accepts tie_break from the command line and names a bad one', () => {
    expect(requestFromOptions({ ...base, params: '{"tie_break":"first"}' }).params).toEqual({ tie_break: 'first' });
    expect(() => requestFromOptions({ ...base, params: '{"tie_break":"random"}' })).toThrow(/--params tie_break/);
  });
});

describe('Platt calibration', () => {
  it('maps over-confident scores back toward observed rates', () => {
    // scores twice as extreme as they should be: the true probability is sigmoid(score / 2)
    const scores: number[] = [];
    const labels: number[] = [];
    for (let i = 0; i < 4000; i++) {
      const s = ((i % 200) - 100) / 20;
      scores.push(s);
      labels.push((i * 7919) % 1000 < 1000 / (1 + Math.exp(-s / 2)) ? 1 : 0);
    }
    const map = fitPlatt(scores, labels);
    expect(map.a).toBeGreaterThan(0.35);
    expect(map.a).toBeLessThan(0.65);
    expect(applyCalibration(map, 4)).toBeCloseTo(1 / (1 + Math.exp(-2)), 1);
  });
});

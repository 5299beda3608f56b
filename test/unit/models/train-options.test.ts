import { describe, expect, it } from 'vitest';
import { requestFromOptions } from '../../../src-main/cli/commands/train';
import { candidatesOf, validateTrainRequest } from '../../../src-main/core/models/train';
import { fitPlatt, applyCalibration } from '../../../src-main/core/models/calibration';
import { modelOptions } from '../../../src-main/core/models/options';

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

import { describe, expect, it } from 'vitest';
import {
  buildIntervalModel,
  halfWidthFor,
  MAX_BINS,
  MIN_BIN_SIZE,
  conformalHalfWidth,
  crossCheckCoverage,
  dollarInterval,
  shuffledIndices,
  sortResiduals,
} from '../../../src-main/core/forecast/conformal';
import { expectedCalibrationError, reliabilityBins, sigmoid } from '../../../src-main/core/forecast/calibration';
import { fitPlatt } from '../../../src-main/core/models/calibration';

describe('conformal intervals', () => {
  it('takes the ceil((n+1) level)-th smallest residual', () => {
    const sorted = sortResiduals([5, 1, 4, 2, 3, 9, 8, 7, 6, NaN, -1]);
    expect([...sorted]).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(conformalHalfWidth(sorted, 0.5)).toBe(5); // ceil(10 * 0.5) = 5
    expect(conformalHalfWidth(sorted, 0.8)).toBe(8);
    expect(conformalHalfWidth(sorted, 0.95)).toBe(Infinity); // 10th of 9: cannot promise 95%
    expect(() => conformalHalfWidth(sorted, 1.2)).toThrow(RangeError);
  });

  it('gives dollar intervals never below zero', () => {
    const i = dollarInterval(Math.log1p(100), 10);
    expect(i.low).toBe(0);
    expect(i.high).toBeGreaterThan(100);
  });

  it('holds its stated coverage on held-out residuals', () => {
    // Skewed residuals (|normal| x lognormal scale), as revenue residuals are.
    const order = shuffledIndices(3000, 7);
    const residuals = order.map((i) => (Math.abs(Math.sin(i * 12.9898) * 43758.5453) % 1) * (1 + (i % 7)));
    for (const level of [0.5, 0.8, 0.95]) {
      const { coverage } = crossCheckCoverage(residuals, level, 5, 3);
      expect(coverage).toBeGreaterThan(level - 0.02);
      expect(coverage).toBeLessThan(level + 0.02);
    }
    expect(crossCheckCoverage(residuals, 0.95).meanHalfWidth).toBeGreaterThan(
      crossCheckCoverage(residuals, 0.5).meanHalfWidth,
    );
  });
});

describe('hit calibration checks', () => {
  // Scores whose true probability is sigmoid(2 * score - 1): an uncalibrated sigmoid(score) is off.
  const n = 4000;
  const order = shuffledIndices(n, 11);
  const scores = order.map((i) => (i / n) * 6 - 3);
  const labels = scores.map((s, i) => (((i * 2654435761) >>> 0) / 4294967296 < sigmoid(2 * s - 1) ? 1 : 0));

  it('measures reliability in bins', () => {
    const bins = reliabilityBins([0.05, 0.15, 0.15, 0.95], [0, 0, 1, 1], 10);
    expect(bins).toEqual([
      { predicted: 0.05, observed: 0, count: 1 },
      { predicted: 0.15, observed: 0.5, count: 2 },
      { predicted: 0.95, observed: 1, count: 1 },
    ]);
  });

  it('Platt scaling fitted on other folds is calibrated on the held-out fold', () => {
    const raw = scores.map(sigmoid);
    const rawError = expectedCalibrationError(raw, labels);
    const folds = 5;
    const heldProbs: number[] = [];
    const heldLabels: number[] = [];
    for (let f = 0; f < folds; f++) {
      const train = scores.map((_, i) => i).filter((i) => i % folds !== f);
      const test = scores.map((_, i) => i).filter((i) => i % folds === f);
      const { a, b } = fitPlatt(
        train.map((i) => scores[i]),
        train.map((i) => labels[i]),
      );
      for (const i of test) {
        heldProbs.push(sigmoid(a * scores[i] + b));
        heldLabels.push(labels[i]);
      }
    }
    const calibratedError = expectedCalibrationError(heldProbs, heldLabels);
    expect(calibratedError).toBeLessThan(0.03);
    expect(rawError).toBeGreaterThan(calibratedError * 2);
  });
});

describe('conformal intervals by band of predicted revenue (Mondrian)', () => {
  // Small films (low predictions) have residuals four times larger than blockbusters, as in the TMDB data.
  const n = 3000;
  const order = shuffledIndices(n, 3);
  const predicted = order.map((i) => 12 + (8 * i) / n);
  const residuals = order.map((i, j) => {
    const noise = Math.abs(Math.sin(j * 78.233) * 43758.5453) % 1;
    return noise * (predicted[j] < 16 ? 4 : 1);
  });

  it('plain conformal under-covers the small films and over-covers the big ones', () => {
    const plain = crossCheckCoverage(residuals, 0.8, 5, 1);
    expect(plain.coverage).toBeGreaterThan(0.78);
    const plainByBand = crossCheckCoverage(residuals, 0.8, 5, 1, predicted).byPredictedQuintile;
    expect(plainByBand).toHaveLength(5);
    // With `predicted` given the check itself is Mondrian; rebuild the plain per-band figures by hand.
    const q = conformalHalfWidth(sortResiduals(residuals), 0.8);
    const smallFilms = residuals.filter((_, i) => predicted[i] < 14);
    const bigFilms = residuals.filter((_, i) => predicted[i] > 18);
    expect(smallFilms.filter((r) => r <= q).length / smallFilms.length).toBeLessThan(0.7);
    expect(bigFilms.filter((r) => r <= q).length / bigFilms.length).toBe(1);
    // Mondrian holds the level in every band.
    for (const coverage of plainByBand) {
      expect(coverage).toBeGreaterThan(0.76);
      expect(coverage).toBeLessThan(0.84);
    }
  });

  it('builds bins of at least MIN_BIN_SIZE and gives wider intervals where residuals are larger', () => {
    const model = buildIntervalModel(residuals, predicted);
    expect(model.kind).toBe('mondrian');
    expect(model.bins).toHaveLength(MAX_BINS);
    for (const bin of model.bins) expect(bin.length).toBeGreaterThanOrEqual(MIN_BIN_SIZE);
    expect(halfWidthFor(model, 13, 0.8)).toBeGreaterThan(3 * halfWidthFor(model, 19, 0.8));
    // Too few residuals for bins, or no predictions: plain.
    expect(buildIntervalModel(residuals.slice(0, 300), predicted.slice(0, 300)).kind).toBe('plain');
    expect(buildIntervalModel(residuals).kind).toBe('plain');
    expect(halfWidthFor(buildIntervalModel([]), 10, 0.8)).toBe(0);
  });
});

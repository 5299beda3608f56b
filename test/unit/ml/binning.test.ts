import { describe, expect, it } from 'vitest';
import { applyBins, binMatrix, binValue, computeBinEdges } from '../../../src-main/core/ml/binning';
import { matrix, randomMatrix } from './helpers';

describe('binning', () => {
  it('gives each distinct value its own bin when there are few, with edges at midpoints', () => {
    const X = matrix([[3], [1], [2], [1], [NaN]]);
    const b = binMatrix(X);
    expect(Array.from(b.edges[0])).toEqual([1.5, 2.5]);
    // Missing takes the code after the last value bin.
    expect(Array.from(b.codes)).toEqual([2, 0, 1, 0, 3]);
    expect(b.nBins[0]).toBe(3);
  });

  it('caps the number of bins at max_bins and keeps codes ordered like the values', () => {
    const X = randomMatrix(2000, 2, 7);
    const b = binMatrix(X, 16);
    for (let j = 0; j < 2; j++) expect(b.nBins[j]).toBeLessThanOrEqual(16);
    for (let i = 1; i < X.rows; i++) {
      const a = X.data[(i - 1) * 2];
      const c = X.data[i * 2];
      if (a < c) expect(b.codes[(i - 1) * 2]).toBeLessThanOrEqual(b.codes[i * 2]);
    }
  });

  it('maps new data with the training edges, missing to the reserved bin', () => {
    const edges = computeBinEdges(matrix([[0], [10], [20]]));
    const b = applyBins(matrix([[-5], [5], [15], [25], [NaN]]), edges);
    expect(Array.from(b.codes)).toEqual([0, 0, 1, 2, 3]);
    expect(binValue(edges[0], 5)).toBe(0);
    expect(binValue(edges[0], 5.0001)).toBe(1);
  });

  it("keeps each feature's standard deviation over its non-missing values (ties are measured in it)", () => {
    const b = binMatrix(
      matrix([
        [3, 7],
        [1, 7],
        [2, NaN],
        [6, 7],
        [NaN, 7],
      ]),
    );
    // Values 3, 1, 2, 6: mean 3, variance (0 + 4 + 1 + 9) / 4 = 3.5. A constant column has no spread.
    expect(b.spread[0]).toBeCloseTo(Math.sqrt(3.5), 12);
    expect(b.spread[1]).toBe(0);
  });

  it('rejects a max_bins outside 2..65535 with a RangeError naming the value', () => {
    expect(() => computeBinEdges(matrix([[1]]), 70_000)).toThrow(/max_bins.*70000/);
    expect(() => computeBinEdges(matrix([[1]]), 1)).toThrow(/max_bins.*1/);
  });
});

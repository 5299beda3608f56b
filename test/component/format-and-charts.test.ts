import { describe, expect, it } from 'vitest';
import {
  formatDuration,
  formatMetric,
  formatMoney,
  formatMoneyFull,
  formatPercent,
  formatRoi,
  parseMoney,
} from '../../src-main/shared/format';
import {
  budgetVsRevenueOption,
  missingValuesOption,
  moneyHistogramOption,
  revenueByYearOption,
} from '../../src-main/shared/charts/data';
import { importanceOption, actualVsPredictedOption, residualsOption } from '../../src-main/shared/charts/models';
import { darkChartTheme, lightChartTheme } from '../../src-main/shared/charts/theme';

describe('durations', () => {
  it('say a quick import took under a second rather than "0 s"', () => {
    expect([0, 0.3, 0.6, 45, 200, 3900].map(formatDuration)).toEqual([
      '<1 s',
      '<1 s',
      '1 s',
      '45 s',
      '3 min 20 s',
      '1 h 5 min',
    ]);
    expect(formatDuration(-1)).toBe('—');
  });
});

describe('money and percentages', () => {
  it('speaks money as analysts do', () => {
    expect([90e6, 1.2e9, 750e3, 123.4e6, 15.5e6, 999.96e6, -40e6, 12].map(formatMoney)).toEqual([
      '$90M',
      '$1.2B',
      '$750K',
      '$123M',
      '$15.5M',
      '$1B',
      '-$40M',
      '$12',
    ]);
    expect(formatMoney(null)).toBe('—');
    expect(formatMoneyFull(90e6)).toBe('$90,000,000');
    expect(formatPercent(0.634)).toBe('63%');
    expect(formatRoi(0.85)).toBe('+85%');
    expect(formatRoi(-0.4)).toBe('-40%');
    expect(formatMetric('mae_dollars', 7.03e7)).toBe('$70.3M');
    expect(formatMetric('r2', 0.48213)).toBe('0.482');
  });

  it('reads money typed in the usual ways and refuses the rest', () => {
    expect(['90M', '$90,000,000', '1.5b', '750k', '90 000 000'].map(parseMoney)).toEqual([
      90e6, 90e6, 1.5e9, 750e3, 90e6,
    ]);
    expect(['abc', '', '-5', '9M9'].map(parseMoney)).toEqual([null, null, null, null]);
  });
});

describe('data and model chart options', () => {
  it('label histogram bins in dollars from log10 edges and keep every count', () => {
    const option = moneyHistogramOption(
      [
        { from: 6, to: 7, count: 3 },
        { from: 7, to: 8, count: 9 },
      ],
      lightChartTheme,
      'Budget',
    );
    expect(option.xAxis.data).toEqual(['$1M', '$10M']);
    expect(option.xAxis.name).toBe('Budget (log scale; each bar from the amount below it)');
    expect(option.series[0].data).toEqual([3, 9]);
    expect(option.animation).toBe(false);
  });

  it('leave out films without both amounts and scale missing values by the film count', () => {
    const scatter = budgetVsRevenueOption(
      [
        { title: 'A', budget: 1e7, revenue: 3e7 },
        { title: 'B', budget: 0, revenue: 5e7 },
      ],
      darkChartTheme,
    );
    expect(scatter.series[0].data).toEqual([{ value: [1e7, 3e7], name: 'A' }]);
    const missing = missingValuesOption(
      [
        { column: 'budget', missing: 10 },
        { column: 'revenue', missing: 40 },
        { column: 'original_language', missing: 5 },
      ],
      100,
      lightChartTheme,
    );
    // Columns as a person names them, not as the database does.
    expect(missing.yAxis.data).toEqual(['Revenue', 'Budget', 'Original language']);
    expect(missing.series[0].data).toEqual([0.4, 0.1, 0.05]);
  });

  it('name both axes of revenue by year and keep the legend off them', () => {
    const option = revenueByYearOption([{ year: 2001, median: 30e6, count: 12 }], lightChartTheme);
    expect(option.yAxis.map((a) => a.name)).toEqual(['Median revenue', 'Films']);
    expect(option.legend).toMatchObject({ bottom: 0 });
    expect(option.legend).not.toHaveProperty('top');
    expect(option.grid.bottom).toBeGreaterThanOrEqual(48);
  });

  it('rank feature importance and keep axes on whole numbers', () => {
    const diagnostics = {
      id: 1,
      target: 'revenue' as const,
      actualVsPredicted: [
        { actual: 9.21, predicted: 15.2 },
        { actual: 20.7, predicted: 19.9 },
      ],
      residuals: [],
      importance: [
        { feature: 'runtime', gain: 0.1 },
        { feature: 'log_budget', gain: 0.7 },
      ],
    };
    expect(importanceOption(diagnostics, lightChartTheme).yAxis.data).toEqual(['log_budget', 'runtime']);
    expect(importanceOption(diagnostics, lightChartTheme).yAxis.axisLabel.interval).toBe(0); // every bar named
    const avp = actualVsPredictedOption(diagnostics, lightChartTheme);
    expect([avp.xAxis.min, avp.xAxis.max]).toEqual([9, 21]);
    // Residuals say their unit like the chart beside them.
    const residuals = residualsOption(diagnostics, lightChartTheme);
    expect([residuals.xAxis.name, residuals.yAxis.name]).toEqual([
      'Predicted (log revenue)',
      'Actual − predicted (log revenue)',
    ]);
    expect(residualsOption({ ...diagnostics, target: 'hit' }, lightChartTheme).xAxis.name).toBe('Predicted');
  });
});

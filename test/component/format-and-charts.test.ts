import { describe, expect, it } from 'vitest';
import {
  featureCount,
  formatDuration,
  formatMetric,
  formatMoney,
  formatMoneyFull,
  formatPercent,
  formatRoi,
  metricLabel,
  parseMoney,
  plural,
} from '../../src-main/shared/format';
import { escapeHtml, roundMoneyValues } from '../../src-main/shared/charts/axes';
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

describe('counts in words', () => {
  it('say one thing in the singular and any other number in the plural, never "(s)"', () => {
    expect(plural(1, 'candidate')).toBe('1 candidate');
    expect(plural(3, 'candidate')).toBe('3 candidates');
    expect(plural(0, 'film')).toBe('0 films');
    expect(plural(4803, 'film')).toBe('4,803 films');
    expect([1, 2].map((n) => plural(n, 'import batch', 'import batches'))).toEqual([
      '1 import batch',
      '2 import batches',
    ]);
  });

  it('count a model’s features the same way in the train form and a version’s detail', () => {
    expect(featureCount(15)).toBe('15 feature groups');
    expect(featureCount(15, 118)).toBe('15 feature groups, 118 columns');
    expect(featureCount(4, 4)).toBe('4 features');
    expect(featureCount(1, 1)).toBe('1 feature');
  });

  it('name the bookkeeping columns of the CV table as words too', () => {
    expect([metricLabel('r2'), metricLabel('rows'), metricLabel('something_new')]).toEqual([
      'R²',
      'Rows',
      'something_new',
    ]);
  });
});

describe('money axes', () => {
  it('tick at 1, 2 and 5 x 10^k on a short axis and at powers of ten on a long one', () => {
    expect(roundMoneyValues(37.5e6, 600e6)).toEqual([50e6, 100e6, 200e6, 500e6]);
    expect(roundMoneyValues(50e6, 500e6)).toEqual([50e6, 100e6, 200e6, 500e6]);
    expect(roundMoneyValues(10 ** 4, 10 ** 9.5)).toEqual([1e4, 1e5, 1e6, 1e7, 1e8, 1e9]);
    // Bounds computed in log10 land a hair off a round amount and still count it in.
    expect(roundMoneyValues(10 ** 6.000000000001, 10 ** 7)).toEqual([1e6, 2e6, 5e6, 1e7]);
    // Never more than asked for: every other power of ten on a very long axis.
    expect(roundMoneyValues(1, 1e13).length).toBeLessThanOrEqual(8);
    expect(roundMoneyValues(5, 1)).toEqual([]);
  });

  it('escape text for an HTML tooltip', () => {
    expect(escapeHtml(`<img src=x onerror="alert(1)"> & 'x'`)).toBe(
      '&lt;img src=x onerror=&quot;alert(1)&quot;&gt; &amp; &#39;x&#39;',
    );
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

/** An axis with custom tick values and a label formatter, as the money axes are built. */
type TickedAxis = { name: string; axisLabel: { customValues: number[]; formatter: (v: number) => string } };
const ticked = (axis: unknown) => axis as TickedAxis;

describe('data and model chart options', () => {
  it('draw histogram bins where they lie on log10 dollars, with ticks at round amounts, not at bin edges', () => {
    // Bins as the store makes them: a third of a decade wide, so their edges are $46.4K, $215K, ...
    const bins = Array.from({ length: 15 }, (_, i) => ({ from: 4 + i / 3, to: 4 + (i + 1) / 3, count: i + 1 }));
    const option = moneyHistogramOption(bins, lightChartTheme, 'Budget');
    expect([option.xAxis.type, option.xAxis.min, option.xAxis.max]).toEqual(['value', 4, 9]);
    const ticks = option.xAxis.axisLabel.customValues;
    expect(ticks.map((t) => option.xAxis.axisLabel.formatter(t))).toEqual([
      '$10K',
      '$100K',
      '$1M',
      '$10M',
      '$100M',
      '$1B',
    ]);
    expect(option.xAxis.axisTick.customValues).toEqual(ticks);
    expect(option.xAxis.name).toBe('Budget (log scale)');
    // Each bar at its bin's centre with its count; the tooltip gives the bin's range in money.
    const data = option.series[0].data;
    expect(data.map((d) => d.value[1])).toEqual(bins.map((b) => b.count));
    expect(data[3].value[0]).toBeCloseTo(5 + 1 / 6, 12);
    expect(option.series[0].tooltip.formatter({ data: data[3] })).toBe('Budget $100K – $215K: 4 films');
    expect(option.series[0].tooltip.formatter({ data: data[0] })).toBe('Budget $10K – $21.5K: 1 film');
    expect(option.animation).toBe(false);
    expect(moneyHistogramOption([], lightChartTheme).series[0].data).toEqual([]);
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

  it('rank feature importance under readable names, the column name where there is no label', () => {
    const diagnostics = {
      id: 1,
      target: 'revenue' as const,
      actualVsPredicted: [
        { actual: 9.21, predicted: 15.2 },
        { actual: 20.7, predicted: 19.9 },
      ],
      residuals: [],
      importance: [
        { feature: 'runtime', gain: 0.1, label: 'Runtime' },
        { feature: 'log_budget', gain: 0.7, label: 'Budget' },
        { feature: 'genre=<b>Drama</b>', gain: 0.05, label: 'Genre: <b>Drama</b>' },
        { feature: 'legacy_column', gain: 0.02 },
      ],
    };
    const importance = importanceOption(diagnostics, lightChartTheme);
    expect(importance.yAxis.data).toEqual(['Budget', 'Runtime', 'Genre: <b>Drama</b>', 'legacy_column']);
    expect(importance.yAxis.axisLabel.interval).toBe(0); // every bar named
    expect(importance.xAxis.axisLabel.formatter(0.25)).toBe('25%'); // gains sum to 1: a share
    // The tooltip names the column too, escaped: a label or name from the data is shown, never run.
    const tip = importance.tooltip.formatter([{ dataIndex: 2 }]);
    expect(tip).toContain('Genre: &lt;b&gt;Drama&lt;/b&gt;');
    expect(tip).toContain('(genre=&lt;b&gt;Drama&lt;/b&gt;)');
    expect(tip).toContain('5.0% of the model');
    expect(tip).not.toContain('<b>');

    // Revenue axes: round amounts of money at log1p positions, the last label a tick like the others.
    const avp = actualVsPredictedOption(diagnostics, lightChartTheme);
    expect([avp.xAxis.min, avp.xAxis.max]).toEqual([9, 21]);
    const x = ticked(avp.xAxis);
    expect(x.axisLabel.customValues.map(x.axisLabel.formatter)).toEqual([
      '$10K',
      '$100K',
      '$1M',
      '$10M',
      '$100M',
      '$1B',
    ]);
    expect(avp.xAxis.name).toBe('Predicted revenue (log scale)');
    const hitAvp = actualVsPredictedOption(
      {
        ...diagnostics,
        target: 'hit',
        actualVsPredicted: [
          { actual: 1, predicted: 0.37 },
          { actual: 0, predicted: 0.12 },
        ],
      },
      lightChartTheme,
    );
    expect([hitAvp.xAxis.min, hitAvp.xAxis.max, hitAvp.xAxis.name]).toEqual([0, 1, 'Predicted']);
    // Residuals say their unit like the chart beside them: a revenue residual reads as a multiple of the prediction.
    const residuals = residualsOption(
      {
        ...diagnostics,
        residuals: [
          { predicted: 17, residual: Math.log(20) },
          { predicted: 18, residual: -3 },
        ],
      },
      lightChartTheme,
    );
    expect([residuals.xAxis.name, residuals.yAxis.name]).toEqual([
      'Predicted revenue (log scale)',
      'Actual ÷ predicted (log scale)',
    ]);
    const y = ticked(residuals.yAxis);
    expect(y.axisLabel.customValues.map(y.axisLabel.formatter)).toEqual(['0.1×', '1×', '10×']);
    expect(residualsOption({ ...diagnostics, target: 'hit' }, lightChartTheme).xAxis.name).toBe('Predicted');
  });
});

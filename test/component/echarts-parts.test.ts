/// <reference types="vite/client" />
/**
 * The renderer registers only the ECharts parts it uses (src-renderer/src/charts/echarts.ts). Every chart
 * builder's option is drawn here through that list (server-side, to SVG, as no canvas exists in the test
 * DOM); ECharts reports a series or component that "is used but not imported", which fails the test.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { echarts } from '../../src-renderer/src/charts/echarts';
import { SVGRenderer } from 'echarts/renderers';
import { chartTheme } from '../../src-main/shared/charts/theme';
import {
  comparablesChartOption,
  contributionsWaterfallOption,
  slateChartOption,
  whatIfOption,
} from '../../src-main/shared/charts/forecast';
import {
  budgetVsRevenueOption,
  missingValuesOption,
  moneyHistogramOption,
  revenueByGenreOption,
  revenueByYearOption,
} from '../../src-main/shared/charts/data';
import {
  actualVsPredictedOption,
  calibrationOption,
  importanceOption,
  residualsOption,
  rocOption,
} from '../../src-main/shared/charts/models';
import type { ModelDiagnostics } from '../../src-main/shared/contract/models';
import { sampleForecast } from './fixtures';

// Only for drawing in the test; the app draws on canvas.
echarts.use([SVGRenderer]);

const theme = chartTheme('light');
const forecast = sampleForecast({ releaseDate: '2027-06-18' });
const diagnostics: ModelDiagnostics = {
  id: 3,
  target: 'hit',
  actualVsPredicted: [
    { actual: 1, predicted: 0.8 },
    { actual: 0, predicted: 0.3 },
  ],
  residuals: [{ predicted: 0.8, residual: 0.2 }],
  roc: [
    { fpr: 0, tpr: 0 },
    { fpr: 0.5, tpr: 0.9 },
    { fpr: 1, tpr: 1 },
  ],
  calibration: [{ predicted: 0.3, observed: 0.25, count: 40 }],
  importance: [{ feature: 'log_budget', gain: 0.7, permutation: 0.1 }],
};
const bins = [
  { from: 6, to: 7, count: 10 },
  { from: 7, to: 8, count: 30 },
];

const options: [string, unknown][] = [
  ['comparables', comparablesChartOption(forecast, theme)],
  ['waterfall', contributionsWaterfallOption(forecast, theme)],
  ['what-if budget', whatIfOption(forecast, 'budget', theme)],
  ['what-if month', whatIfOption(forecast, 'month', theme)],
  ['slate', slateChartOption([forecast, sampleForecast({ title: 'Two' }, 90e6)], theme)],
  ['budget histogram', moneyHistogramOption(bins, theme)],
  ['revenue by genre', revenueByGenreOption([{ genre: 'Drama', median: 30e6, count: 12 }], theme)],
  ['revenue by year', revenueByYearOption([{ year: 2001, median: 30e6, count: 12 }], theme)],
  ['budget vs revenue', budgetVsRevenueOption([{ title: 'A', budget: 1e7, revenue: 3e7 }], theme)],
  ['missing values', missingValuesOption([{ column: 'budget', missing: 40 }], 100, theme)],
  ['actual vs predicted', actualVsPredictedOption(diagnostics, theme)],
  ['residuals', residualsOption(diagnostics, theme)],
  ['roc', rocOption(diagnostics, theme)],
  ['calibration', calibrationOption(diagnostics, theme)],
  ['importance', importanceOption(diagnostics, theme)],
];

describe('tree-shaken ECharts', () => {
  let complaints: string[];
  beforeEach(() => {
    complaints = [];
    const keep = (...args: unknown[]) => complaints.push(args.map(String).join(' '));
    vi.spyOn(console, 'error').mockImplementation(keep);
    vi.spyOn(console, 'warn').mockImplementation(keep);
  });
  afterEach(() => vi.restoreAllMocks());

  it.each(options)('draws the %s chart with the registered parts only', (_name, option) => {
    expect(option).toBeTruthy();
    const chart = echarts.init(null, undefined, { renderer: 'svg', ssr: true, width: 600, height: 300 });
    try {
      chart.setOption(option as Record<string, unknown>);
      const svg = chart.renderToSVGString();
      expect(complaints).toEqual([]);
      expect(svg).toMatch(/<path|<rect|<circle/);
    } finally {
      chart.dispose();
    }
  });

  /**
   * ECharts says nothing when a component (legend, dataZoom, title, markArea...) or a feature is missing:
   * the part is just not drawn. So the option keys the builders use are held to what echarts.ts registers.
   */
  it('uses only option keys whose components are registered', () => {
    const registered = new Set(['animation', 'backgroundColor', 'color', 'textStyle', 'grid', 'xAxis', 'yAxis']);
    for (const part of ['legend', 'tooltip', 'series']) registered.add(part);
    // Series keys that need a component or feature of their own: markLine (MarkLineComponent),
    // labelLayout (LabelLayout). Others (markArea, markPoint, universalTransition...) are not registered.
    const needsPart = /^(mark[A-Z]|labelLayout$|universalTransition$|jitter)/;
    const seriesParts = new Set(['markLine', 'labelLayout']);
    for (const [name, option] of options) {
      const o = option as { series: Record<string, unknown>[] } & Record<string, unknown>;
      expect(
        Object.keys(o).filter((k) => !registered.has(k)),
        name,
      ).toEqual([]);
      const used = o.series.flatMap((s) => Object.keys(s).filter((k) => needsPart.test(k)));
      expect(
        used.filter((k) => !seriesParts.has(k)),
        name,
      ).toEqual([]);
    }
  });

  it('is the only way the renderer reaches ECharts (no import of the full bundle)', () => {
    const sources = import.meta.glob('../../src-renderer/src/**/*.{ts,vue}', {
      query: '?raw',
      import: 'default',
      eager: true,
    }) as Record<string, string>;
    expect(Object.keys(sources).length).toBeGreaterThan(20);
    const offenders = Object.entries(sources)
      .filter(([, text]) => /from ['"]echarts['"]/.test(text))
      .map(([file]) => file);
    expect(offenders).toEqual([]);
  });
});

/**
 * Model diagnostics chart options (Models view; the PDF model card may reuse them): actual vs predicted,
 * residuals, ROC curve, calibration, feature importance. Pure functions of models.diagnostics' answer.
 */
import type { ModelDiagnostics } from '../contract/models';
import { axisStyle, baseOption, referenceLine, type ChartTheme } from './theme';
import { escapeHtml, moneyTicksOnLogScale } from './axes';
import { formatMoney, formatNumber, formatPercent } from '../format';

/** Steps a plain value axis may take: the smallest that gives at most 6 intervals wins. */
const STEPS = [0.1, 0.2, 0.25, 0.5, 1, 2, 3, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000];

/**
 * The ends of a plain value axis, rounded outward to a step that also spaces its ticks, so the last label is a tick
 * like the others (before: 9 to 22 with ECharts' ticks every 3 printed '21' and '22' on top of each other).
 */
function extent(values: number[]): { min: number; max: number; interval: number } {
  const finite = values.filter((v) => Number.isFinite(v));
  if (!finite.length) return { min: 0, max: 1, interval: 0.25 };
  const lo = Math.min(...finite);
  const hi = Math.max(...finite);
  const step = STEPS.find((s) => Math.ceil(hi / s) - Math.floor(lo / s) <= 6) ?? 10 ** Math.ceil(Math.log10(hi - lo));
  return { min: Math.floor(lo / step) * step, max: Math.ceil(hi / step) * step, interval: step };
}

/**
 * The axis keys for a raw-scale value: for revenue (log1p dollars) ticks at round amounts labelled as money ($1M,
 * $10M, $100M, $1B), which an analyst reads at once, instead of log units (15, 18, 21); else plain numbers.
 */
function rawScaleAxis(
  d: ModelDiagnostics,
  name: string,
  range: { min: number; max: number; interval: number },
  theme: ChartTheme,
) {
  const style = axisStyle(theme);
  if (d.target !== 'revenue') return { type: 'value' as const, name, ...range, ...style };
  const ticks = moneyTicksOnLogScale(range.min, range.max);
  return {
    type: 'value' as const,
    name: `${name} revenue (log scale)`,
    min: range.min,
    max: range.max,
    ...style,
    axisTick: { ...style.axisTick, customValues: ticks },
    axisLabel: { ...style.axisLabel, customValues: ticks, formatter: (v: number) => formatMoney(Math.expm1(v)) },
  };
}

/** Out-of-fold predictions against the truth, with the diagonal a perfect model would sit on. */
export function actualVsPredictedOption(d: ModelDiagnostics, theme: ChartTheme) {
  const points = d.actualVsPredicted;
  const range = extent(points.flatMap((p) => [p.actual, p.predicted]));
  const { min: lo, max: hi } = range;
  return {
    ...baseOption(theme),
    grid: { left: 64, right: 24, top: 36, bottom: 48, containLabel: false },
    xAxis: { ...rawScaleAxis(d, 'Predicted', range, theme), nameLocation: 'middle' as const, nameGap: 28 },
    yAxis: rawScaleAxis(d, 'Actual', range, theme),
    series: [
      {
        type: 'scatter',
        name: 'Films',
        symbolSize: 4,
        large: true,
        itemStyle: { color: theme.palette[0], opacity: 0.5 },
        data: points.map((p) => [p.predicted, p.actual]),
      },
      referenceLine(
        'Perfect',
        [
          [lo, lo],
          [hi, hi],
        ],
        theme,
      ),
    ],
  };
}

/** Multiples of the prediction a revenue residual's axis marks: 1/100x ... 100x, at their log values. */
const RESIDUAL_MULTIPLES = [0.001, 0.01, 0.1, 1, 10, 100, 1000];

/**
 * Residuals (actual - predicted) against the prediction: a flat cloud around zero is what we want. For revenue the
 * residual is a log ratio, so its axis reads as how many times the prediction a film earned (0.1×, 1×, 10×).
 */
export function residualsOption(d: ModelDiagnostics, theme: ChartTheme) {
  const range = extent(d.residuals.map((p) => p.predicted));
  const { min: lo, max: hi } = range;
  const style = axisStyle(theme);
  const residuals = d.residuals.map((p) => p.residual).filter((r) => Number.isFinite(r));
  const spread = residuals.length ? Math.max(...residuals.map(Math.abs)) : 1;
  const ratioTicks = RESIDUAL_MULTIPLES.map(Math.log).filter((t) => Math.abs(t) <= spread * 1.05 + 1e-9);
  const yAxis =
    d.target === 'revenue'
      ? {
          type: 'value' as const,
          name: 'Actual ÷ predicted (log scale)',
          ...style,
          axisTick: { ...style.axisTick, customValues: ratioTicks },
          axisLabel: {
            ...style.axisLabel,
            customValues: ratioTicks,
            formatter: (v: number) => `${formatNumber(Number(Math.exp(v).toPrecision(1)), 3)}×`,
          },
        }
      : { type: 'value' as const, name: 'Actual − predicted', ...style };
  return {
    ...baseOption(theme),
    xAxis: { ...rawScaleAxis(d, 'Predicted', range, theme), nameLocation: 'middle' as const, nameGap: 28 },
    yAxis,
    series: [
      {
        type: 'scatter',
        name: 'Films',
        symbolSize: 4,
        large: true,
        itemStyle: { color: theme.palette[2], opacity: 0.5 },
        data: d.residuals.map((p) => [p.predicted, p.residual]),
      },
      referenceLine(
        d.target === 'revenue' ? 'As predicted' : 'Zero',
        [
          [lo, 0],
          [hi, 0],
        ],
        theme,
      ),
    ],
  };
}

/** ROC curve of a hit model, with the chance diagonal. */
export function rocOption(d: ModelDiagnostics, theme: ChartTheme) {
  return {
    ...baseOption(theme),
    xAxis: {
      type: 'value',
      name: 'False positive rate',
      nameLocation: 'middle',
      nameGap: 28,
      min: 0,
      max: 1,
      ...axisStyle(theme),
    },
    yAxis: { type: 'value', name: 'True positive rate', min: 0, max: 1, ...axisStyle(theme) },
    series: [
      {
        type: 'line',
        name: 'Model',
        showSymbol: false,
        itemStyle: { color: theme.accent },
        data: (d.roc ?? []).map((p) => [p.fpr, p.tpr]),
      },
      referenceLine(
        'Chance',
        [
          [0, 0],
          [1, 1],
        ],
        theme,
      ),
    ],
  };
}

/** Calibration: predicted probability per bin against the share of hits observed in it. */
export function calibrationOption(d: ModelDiagnostics, theme: ChartTheme) {
  return {
    ...baseOption(theme),
    xAxis: {
      type: 'value',
      name: 'Predicted probability',
      nameLocation: 'middle',
      nameGap: 28,
      min: 0,
      max: 1,
      ...axisStyle(theme),
    },
    yAxis: { type: 'value', name: 'Observed share', min: 0, max: 1, ...axisStyle(theme) },
    series: [
      {
        type: 'line',
        name: 'Model',
        itemStyle: { color: theme.accent },
        data: (d.calibration ?? []).map((b) => [b.predicted, b.observed]),
      },
      referenceLine(
        'Perfect',
        [
          [0, 0],
          [1, 1],
        ],
        theme,
      ),
    ],
  };
}

/**
 * The most important features by gain (top 15), largest first, each named as a person reads it (the column's label
 * from the feature catalog, e.g. 'Budget', 'Genre: Drama', "Director's earlier films: typical revenue"; the
 * column's own name where a diagnostics answer has no label). Gains sum to 1 over all columns, so the axis reads as
 * a share.
 */
export function importanceOption(d: ModelDiagnostics, theme: ChartTheme, top = 15) {
  const rows = [...d.importance].sort((a, b) => b.gain - a.gain).slice(0, top);
  const names = rows.map((r) => r.label ?? r.feature);
  return {
    ...baseOption(theme),
    legend: { show: false },
    grid: { left: 290, right: 24, top: 12, bottom: 40 },
    tooltip: {
      trigger: 'axis' as const,
      confine: true,
      formatter: (params: unknown) => {
        const first = (Array.isArray(params) ? params[0] : params) as { dataIndex: number };
        const row = rows[first.dataIndex];
        if (!row) return '';
        const column =
          row.label && row.label !== row.feature
            ? ` <span style="opacity:0.7">(${escapeHtml(row.feature)})</span>`
            : '';
        return `${escapeHtml(names[first.dataIndex])}${column}<br/>${formatPercent(row.gain, 1)} of the model's gain`;
      },
    },
    xAxis: {
      type: 'value',
      name: "Share of the model's gain",
      nameLocation: 'middle' as const,
      nameGap: 26,
      ...axisStyle(theme),
      axisLabel: { ...axisStyle(theme).axisLabel, formatter: (v: number) => formatPercent(v) },
    },
    // Every feature named (ECharts otherwise skips labels it thinks crowded, leaving bars without names).
    yAxis: {
      type: 'category',
      inverse: true,
      data: names,
      ...axisStyle(theme),
      axisLabel: { ...axisStyle(theme).axisLabel, interval: 0, width: 280, overflow: 'truncate' as const },
    },
    series: [{ type: 'bar', name: 'Gain', data: rows.map((r) => r.gain), itemStyle: { color: theme.palette[0] } }],
  };
}

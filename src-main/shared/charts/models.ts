/**
 * Model diagnostics chart options (Models view; the PDF model card may reuse them): actual vs predicted,
 * residuals, ROC curve, calibration, feature importance. Pure functions of models.diagnostics' answer.
 */
import type { ModelDiagnostics } from '../contract/models';
import { axisStyle, baseOption, referenceLine, type ChartTheme } from './theme';

function extent(values: number[]): [number, number] {
  if (!values.length) return [0, 1];
  // Whole numbers at the ends, so the axis labels stay short.
  return [Math.floor(Math.min(...values)), Math.ceil(Math.max(...values))];
}

/** Out-of-fold predictions against the truth, with the diagonal a perfect model would sit on. */
export function actualVsPredictedOption(d: ModelDiagnostics, theme: ChartTheme) {
  const points = d.actualVsPredicted;
  const [lo, hi] = extent(points.flatMap((p) => [p.actual, p.predicted]));
  const axisName = d.target === 'revenue' ? ' (log revenue)' : '';
  return {
    ...baseOption(theme),
    xAxis: {
      type: 'value',
      name: `Predicted${axisName}`,
      nameLocation: 'middle',
      nameGap: 28,
      min: lo,
      max: hi,
      ...axisStyle(theme),
    },
    yAxis: { type: 'value', name: `Actual${axisName}`, min: lo, max: hi, ...axisStyle(theme) },
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

/** Residuals (actual - predicted) against the prediction: a flat cloud around zero is what we want. */
export function residualsOption(d: ModelDiagnostics, theme: ChartTheme) {
  const [lo, hi] = extent(d.residuals.map((p) => p.predicted));
  const axisName = d.target === 'revenue' ? ' (log revenue)' : '';
  return {
    ...baseOption(theme),
    xAxis: {
      type: 'value',
      name: `Predicted${axisName}`,
      nameLocation: 'middle',
      nameGap: 28,
      min: lo,
      max: hi,
      ...axisStyle(theme),
    },
    yAxis: { type: 'value', name: `Actual − predicted${axisName}`, ...axisStyle(theme) },
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
        'Zero',
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

/** The most important features by gain (top 15), largest first. */
export function importanceOption(d: ModelDiagnostics, theme: ChartTheme, top = 15) {
  const rows = [...d.importance].sort((a, b) => b.gain - a.gain).slice(0, top);
  return {
    ...baseOption(theme),
    legend: { show: false },
    grid: { left: 160, right: 24, top: 12, bottom: 32 },
    tooltip: { trigger: 'axis' as const },
    xAxis: { type: 'value', ...axisStyle(theme) },
    // Every feature named (ECharts otherwise skips labels it thinks crowded, leaving bars without names).
    yAxis: {
      type: 'category',
      inverse: true,
      data: rows.map((r) => r.feature),
      ...axisStyle(theme),
      axisLabel: { ...axisStyle(theme).axisLabel, interval: 0 },
    },
    series: [{ type: 'bar', name: 'Gain', data: rows.map((r) => r.gain), itemStyle: { color: theme.palette[0] } }],
  };
}

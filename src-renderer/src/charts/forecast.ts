/**
 * Forecast chart options for the renderer. The report engineer's shared builders
 * (src-main/shared/charts/forecast.ts) are the long-term home; until they land these small builders keep
 * the Forecast view's charts working, with the same signatures (forecast, theme).
 */
import type { Forecast } from '../../../src-main/shared/forecast';
import { axisStyle, baseOption, type ChartTheme } from '../../../src-main/shared/charts/theme';
import { formatMoney, formatMonth } from '../../../src-main/shared/format';

const moneyAxisLabel = (theme: ChartTheme) => ({
  ...axisStyle(theme).axisLabel,
  formatter: (v: number) => formatMoney(v),
});

/** Comparable films, budget vs revenue on log axes, the scenario and its range highlighted. */
export function comparablesChartOption(forecast: Forecast, theme: ChartTheme) {
  const films = forecast.comparables.filter((c) => (c.budget ?? 0) > 0 && (c.revenue ?? 0) > 0);
  const budget = forecast.input.budget;
  return {
    ...baseOption(theme),
    grid: { left: 64, right: 24, top: 36, bottom: 48 },
    xAxis: {
      type: 'log',
      name: 'Budget',
      nameLocation: 'middle',
      nameGap: 28,
      ...axisStyle(theme),
      axisLabel: moneyAxisLabel(theme),
    },
    yAxis: { type: 'log', name: 'Revenue', ...axisStyle(theme), axisLabel: moneyAxisLabel(theme) },
    series: [
      {
        name: 'Comparable films',
        type: 'scatter',
        symbolSize: 9,
        itemStyle: { color: theme.palette[0], opacity: 0.8 },
        data: films.map((c) => ({ value: [c.budget, c.revenue], name: c.title })),
      },
      {
        name: 'This film (80% range)',
        type: 'line',
        symbol: 'none',
        lineStyle: { color: theme.accent, width: 6, opacity: 0.45 },
        data: [
          [budget, forecast.revenueLow],
          [budget, forecast.revenueHigh],
        ],
      },
      {
        name: 'This film',
        type: 'scatter',
        symbol: 'diamond',
        symbolSize: 16,
        itemStyle: { color: theme.accent },
        data: [{ value: [budget, forecast.revenue], name: forecast.input.title ?? 'This film' }],
      },
    ],
  };
}

/** From the model's base value, each feature's push up or down on log revenue, to the prediction. */
export function contributionsWaterfallOption(forecast: Forecast, theme: ChartTheme, top = 8) {
  const sorted = [...forecast.contributions].sort((a, b) => Math.abs(b.effect) - Math.abs(a.effect));
  const shown = sorted.slice(0, top);
  const rest = sorted.slice(top).reduce((sum, c) => sum + c.effect, 0);
  const steps = [...shown.map((c) => ({ label: `${c.feature} = ${c.value}`, effect: c.effect }))];
  if (sorted.length > top) steps.push({ label: `${sorted.length - top} other features`, effect: rest });
  const labels = ['Base', ...steps.map((s) => s.label), 'Prediction'];
  const invisible: number[] = [];
  const up: (number | string)[] = [];
  const down: (number | string)[] = [];
  let level = forecast.base;
  const floor =
    Math.min(
      forecast.base,
      ...steps.map((_, i) => forecast.base + steps.slice(0, i + 1).reduce((s, x) => s + x.effect, 0)),
    ) - 0.5;
  invisible.push(floor);
  up.push(forecast.base - floor);
  down.push('-');
  for (const step of steps) {
    const next = level + step.effect;
    invisible.push(Math.min(level, next));
    up.push(step.effect >= 0 ? step.effect : '-');
    down.push(step.effect < 0 ? -step.effect : '-');
    level = next;
  }
  invisible.push(floor);
  up.push(level - floor);
  down.push('-');
  return {
    ...baseOption(theme),
    grid: { left: 200, right: 24, top: 12, bottom: 36 },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    xAxis: { type: 'value', name: 'log revenue', scale: true, min: floor, ...axisStyle(theme) },
    yAxis: { type: 'category', inverse: true, data: labels, ...axisStyle(theme) },
    series: [
      { type: 'bar', stack: 'w', silent: true, itemStyle: { color: 'transparent' }, data: invisible },
      { name: 'Raises', type: 'bar', stack: 'w', itemStyle: { color: theme.positive }, data: up },
      { name: 'Lowers', type: 'bar', stack: 'w', itemStyle: { color: theme.negative }, data: down },
    ],
  };
}

/** Revenue (and hit probability) as the budget or the release month changes. */
export function whatIfOption(forecast: Forecast, sweep: 'budget' | 'month', theme: ChartTheme) {
  const points = forecast.whatIf?.[sweep] ?? [];
  const hasHit = points.some((p) => p.hitProbability != null);
  return {
    ...baseOption(theme),
    grid: { left: 64, right: hasHit ? 56 : 24, top: 36, bottom: 40 },
    tooltip: { trigger: 'axis' },
    xAxis:
      sweep === 'budget'
        ? { type: 'log', name: 'Budget', ...axisStyle(theme), axisLabel: moneyAxisLabel(theme) }
        : {
            type: 'category',
            data: points.map((p) => formatMonth(p.x)),
            ...axisStyle(theme),
          },
    yAxis: [
      { type: 'value', name: 'Revenue', ...axisStyle(theme), axisLabel: moneyAxisLabel(theme) },
      ...(hasHit
        ? [{ type: 'value', name: 'Hit', min: 0, max: 1, ...axisStyle(theme), splitLine: { show: false } }]
        : []),
    ],
    series: [
      {
        name: 'Revenue',
        type: 'line',
        smooth: true,
        itemStyle: { color: theme.accent },
        data: points.map((p) => (sweep === 'budget' ? [p.x, p.revenue] : p.revenue)),
      },
      ...(hasHit
        ? [
            {
              name: 'Hit probability',
              type: 'line',
              yAxisIndex: 1,
              smooth: true,
              itemStyle: { color: theme.palette[0] },
              data: points.map((p) => (sweep === 'budget' ? [p.x, p.hitProbability] : p.hitProbability)),
            },
          ]
        : []),
    ],
  };
}

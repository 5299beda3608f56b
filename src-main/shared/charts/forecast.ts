/**
 * ECharts options for the forecast of one film: comparables (budget vs revenue), the contributions
 * waterfall, and the what-if curves. Pure functions of a `Forecast`, no DOM: the renderer draws them on a
 * canvas and the PDF report renders the very same options to SVG on the server (core/report). Every option
 * has animation off (SSR needs it) and its formatters are plain functions of numbers or template strings,
 * which both renderers evaluate while laying out.
 */
import type { EChartsOption } from 'echarts';
import type { Contribution, Forecast, WhatIfPoint } from '../forecast';
import { formatMoney, formatMoneyRange, formatMonth, formatMultiple, formatPercent, membership } from '../format';
import { escapeHtml, logMoneyAxis, moneyTicksOnLogScale } from './axes';

export { moneyTicksOnLogScale };
import { axisStyle, baseOption, lightChartTheme, type ChartTheme } from './theme';

/** How many contributions the waterfall shows before grouping the rest as "other". */
export const WATERFALL_TOP_DEFAULT = 8;
/** Room for the waterfall's row labels, at 11 px ('Director: earlier films read as $71.5M' fits). */
const WATERFALL_LABEL_WIDTH = 260;

const moneyAxisLabel = (value: number) => formatMoney(value);
const percentAxisLabel = (value: number) => formatPercent(value);

function positive(value: number | null | undefined): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0;
}

/** Revenue = hit multiple x budget through `data`: thin, dashed, not hoverable, named in the legend. */
function breakEvenLine(multiple: number, data: [number, number][], theme: ChartTheme) {
  return {
    name: `Break-even (${multiple}× budget)`,
    type: 'line' as const,
    data,
    showSymbol: false,
    silent: true,
    lineStyle: { color: theme.muted, type: 'dashed' as const, width: 1 },
    itemStyle: { color: theme.muted },
  };
}

/** The title the charts call the scenario: its own title, else "This film". */
export function scenarioLabel(forecast: Forecast): string {
  const title = forecast.input.title?.trim();
  return title ? title : 'This film';
}

/** Money on a 1-2-5 ladder ($50M, $100M, $200M, $500M): a log axis's bounds round outward to it. */
const LADDER = [1, 2, 5, 10];
function roundBelow(value: number): number {
  const decade = 10 ** Math.floor(Math.log10(value));
  return decade * [...LADDER].reverse().find((step) => step * decade <= value * (1 + 1e-9))!;
}
function roundAbove(value: number): number {
  const decade = 10 ** Math.floor(Math.log10(value));
  return decade * LADDER.find((step) => step * decade >= value * (1 - 1e-9))!;
}

/**
 * The points of the comparables chart, exposed for tests and the report's table. `rank` is the film's place in the
 * forecast's list of comparables (1 = most alike): the chart labels each dot with it, the tables number their rows
 * with it.
 */
export function comparablePoints(
  forecast: Forecast,
): { name: string; value: [number, number]; id: number; rank: number }[] {
  return forecast.comparables
    .map((c, i) => ({ c, rank: i + 1 }))
    .filter(({ c }) => positive(c.budget) && positive(c.revenue))
    .map(({ c, rank }) => ({
      id: c.id,
      rank,
      name: c.year ? `${c.title} (${c.year})` : c.title,
      value: [c.budget as number, c.revenue as number],
    }));
}

/**
 * How close two points may sit, as a share of each log axis's span, before their numbers share one label ('2, 6'):
 * about a dot's size on the app's and the PDF's charts (numbers a little further apart move apart vertically).
 */
const SAME_SPOT = { x: 0.02, y: 0.035 };

/**
 * The number each comparable's dot shows, and on which side: away from the scenario's range bar (left of it for a
 * smaller budget, else right), so no number sits on the bar or the diamond. Points on almost the same spot share one
 * label ('2, 6') on the group's outermost dot on that side; the others show none.
 */
export function comparableLabels(
  points: { value: [number, number]; rank: number }[],
  budget: number,
  xRange: [number, number],
  yRange: [number, number],
): { text: string | null; side: 'left' | 'right' }[] {
  const spanX = Math.log(xRange[1] / xRange[0]) || 1;
  const spanY = Math.log(yRange[1] / yRange[0]) || 1;
  const leaders: number[] = [];
  const groupOf = points.map((p, i) => {
    const leader = leaders.find((j) => {
      const q = points[j].value;
      return (
        Math.abs(Math.log(p.value[0] / q[0])) / spanX < SAME_SPOT.x &&
        Math.abs(Math.log(p.value[1] / q[1])) / spanY < SAME_SPOT.y
      );
    });
    if (leader !== undefined) return leader;
    leaders.push(i);
    return i;
  });
  // A group's label goes on its outermost dot on the label's side, so it covers none of the group's dots.
  const sideOf = (i: number) => (points[i].value[0] < budget ? ('left' as const) : ('right' as const));
  const holder = new Map<number, number>();
  for (const leader of leaders) {
    const members = points.map((_, j) => j).filter((j) => groupOf[j] === leader);
    const outward = sideOf(leader) === 'left' ? -1 : 1;
    holder.set(
      leader,
      members.reduce((best, j) => (outward * points[j].value[0] > outward * points[best].value[0] ? j : best)),
    );
  }
  return points.map((_, i) => {
    const leader = groupOf[i];
    const side = sideOf(leader);
    if (holder.get(leader) !== i) return { text: null, side };
    const ranks = points.filter((_, j) => groupOf[j] === leader).map((q) => q.rank);
    return { text: ranks.sort((a, b) => a - b).join(', '), side };
  });
}

/**
 * Comparable films as budget vs revenue on log axes; the scenario highlighted with its interval drawn as a
 * vertical bar at its budget; the break-even line revenue = hitMultiple x budget. Each comparable is labelled with
 * its number in the comparables table (titles crowded each other and the dots: comparables sit close together by
 * definition); its title, budget and revenue are in the tooltip. The axes round to the 1-2-5 amounts around the
 * points, not to whole powers of ten, so the cluster spreads over the chart.
 */
export function comparablesChartOption(forecast: Forecast, theme: ChartTheme = lightChartTheme): EChartsOption {
  const points = comparablePoints(forecast);
  const budget = forecast.input.budget;
  const budgets = [budget, ...points.map((p) => p.value[0])];
  const revenues = [
    forecast.revenueLow,
    forecast.revenueHigh,
    forecast.revenue,
    ...points.map((p) => p.value[1]),
  ].filter(positive);
  const xMin = roundBelow(Math.min(...budgets) * 0.8);
  const xMax = roundAbove(Math.max(...budgets) * 1.25);
  const yMin = roundBelow(Math.min(...revenues) * 0.8);
  const yMax = roundAbove(Math.max(...revenues) * 1.25);
  const interval = Math.round(forecast.interval * 100);
  const multiple = forecast.hitMultiple;
  const label = scenarioLabel(forecast);
  const text = { color: theme.text, fontFamily: theme.fontFamily };
  const labels = comparableLabels(points, budget, [xMin, xMax], [yMin, yMax]);

  return {
    ...baseOption(theme),
    grid: { left: 72, right: 32, top: 48, bottom: 56 },
    legend: { top: 0, textStyle: text },
    xAxis: logMoneyAxis('Budget', xMin, xMax, 30, theme),
    yAxis: logMoneyAxis('Worldwide revenue', yMin, yMax, 52, theme),
    series: [
      {
        ...breakEvenLine(
          multiple,
          [
            [xMin, multiple * xMin],
            [xMax, multiple * xMax],
          ],
          theme,
        ),
        tooltip: { show: false },
      },
      {
        name: 'Comparable films',
        type: 'scatter',
        data: points.map((p, i) => ({
          name: p.name,
          value: p.value,
          rank: p.rank,
          label: labels[i].text === null ? { show: false } : { formatter: labels[i].text, position: labels[i].side },
        })),
        symbolSize: 9,
        itemStyle: { color: theme.palette[0], opacity: 0.85 },
        label: { show: true, distance: 5, fontSize: 11, fontWeight: 'bold', ...text },
        // Numbers that would still sit on each other move apart vertically; none is hidden.
        labelLayout: { moveOverlap: 'shiftY' },
        tooltip: {
          formatter: (p: { data?: unknown }) => {
            const d = p.data as { name: string; value: [number, number]; rank: number };
            return (
              `${d.rank}. ${escapeHtml(d.name)}<br/>` +
              `Budget ${formatMoney(d.value[0])} · revenue ${formatMoney(d.value[1])}`
            );
          },
        },
      },
      {
        name: `${interval}% range`,
        type: 'line',
        data: [
          [budget, forecast.revenueLow],
          [budget, forecast.revenueHigh],
        ],
        showSymbol: true,
        symbol: 'rect',
        symbolSize: [14, 2],
        lineStyle: { color: theme.accent, width: 6, opacity: 0.35 },
        itemStyle: { color: theme.accent },
        tooltip: {
          formatter: () =>
            `${interval}% range: ${escapeHtml(formatMoneyRange(forecast.revenueLow, forecast.revenueHigh))}`,
        },
        z: 3,
      },
      {
        name: label,
        type: 'scatter',
        data: [{ name: label, value: [budget, forecast.revenue] }],
        symbol: 'diamond',
        symbolSize: 16,
        itemStyle: { color: theme.accent, borderColor: '#ffffff', borderWidth: 1 },
        tooltip: {
          formatter: () =>
            `${escapeHtml(label)} (this film)<br/>Budget ${formatMoney(budget)} · forecast ${formatMoney(forecast.revenue)}`,
        },
        z: 4,
      },
    ],
  };
}

/** One bar of the waterfall: where it starts and ends on log revenue. */
export interface WaterfallStep {
  label: string;
  start: number;
  end: number;
  kind: 'base' | 'up' | 'down' | 'total';
}

/**
 * The feature with the film's value in words: the contribution's own label when the forecast has one ('Budget:
 * $90M', 'Franchise: no earlier films'; a country or language code in a label saved before they were named reads
 * as its name, 'Production country: China'); for forecasts saved before labels, from the column's name: 'log_budget'
 * -> 'budget: $90M'; a membership column says which way the film goes ('genre=Action' yes -> 'genre: Action', no -> 'genre: not Drama'), since a bar for
 * "genre=Drama" on a film that is not a drama reads as if it were one.
 */
export function featureLabel(c: Pick<Contribution, 'feature' | 'value' | 'label'>): string {
  const member = membership(c.feature, c.value);
  if (c.label) return member ? withNamedTerm(c.label, c.feature, member) : c.label;
  if (member) return `${member.group}: ${member.member ? '' : 'not '}${member.term}`;
  const name = c.feature.replace(/^log_/, '').replace(/_/g, ' ');
  if (c.feature.includes('=')) return name;
  return c.value ? `${name}: ${c.value}` : name;
}

/**
 * A membership label saved before its term was named ('Production country: CN', 'Original language: not zh', from a
 * forecast saved with a scenario) as the app says it now ('Production country: China'): the code at the label's end
 * becomes its name. Any other label, or one that does not end in the code, is kept as saved.
 */
function withNamedTerm(label: string, feature: string, member: { term: string; member: boolean }): string {
  const code = feature.slice(feature.indexOf('=') + 1);
  if (member.term === code || !label.endsWith(`: ${member.member ? '' : 'not '}${code}`)) return label;
  return label.slice(0, label.length - code.length) + member.term;
}

/**
 * The waterfall's steps: base, the `top` largest contributions by size, the rest summed as "other", and the
 * prediction. The prediction is base + every effect (the model's raw prediction, log1p of revenue).
 */
export function waterfallSteps(forecast: Forecast, top = WATERFALL_TOP_DEFAULT): WaterfallStep[] {
  const sorted = [...forecast.contributions].sort((a, b) => Math.abs(b.effect) - Math.abs(a.effect));
  const shown = sorted.slice(0, top);
  const rest = sorted.slice(top);
  const steps: WaterfallStep[] = [{ label: 'Base (average film)', start: 0, end: forecast.base, kind: 'base' }];
  let level = forecast.base;
  const push = (label: string, effect: number) => {
    steps.push({ label, start: level, end: level + effect, kind: effect >= 0 ? 'up' : 'down' });
    level += effect;
  };
  for (const c of shown) push(featureLabel(c), c.effect);
  if (rest.length > 0) {
    push(
      `other (${rest.length} features)`,
      rest.reduce((sum, c) => sum + c.effect, 0),
    );
  }
  steps.push({ label: 'Prediction', start: 0, end: level, kind: 'total' });
  return steps;
}

function signed(value: number): string {
  return `${value >= 0 ? '+' : '−'}${Math.abs(value).toFixed(2)}`;
}

/**
 * Base -> each contribution -> prediction on log revenue, as horizontal bars read top to bottom. Drawn as
 * a stacked pair per row: an invisible spacer up to the lower end, then the visible step.
 */
export function contributionsWaterfallOption(
  forecast: Forecast,
  theme: ChartTheme = lightChartTheme,
  top = WATERFALL_TOP_DEFAULT,
): EChartsOption {
  const steps = waterfallSteps(forecast, top);
  const levels = steps.flatMap((s) => (s.kind === 'base' || s.kind === 'total' ? [s.end] : [s.start, s.end]));
  const axisMin = Math.floor(Math.min(...levels) - 0.5);
  const axisMax = Math.ceil(Math.max(...levels) + 0.5);
  const ticks = moneyTicksOnLogScale(axisMin, axisMax);
  const colour = (kind: WaterfallStep['kind']) =>
    kind === 'up'
      ? theme.positive
      : kind === 'down'
        ? theme.negative
        : kind === 'total'
          ? theme.accent
          : theme.palette[0];

  return {
    ...baseOption(theme),
    legend: { show: false },
    grid: { left: WATERFALL_LABEL_WIDTH + 10, right: 64, top: 16, bottom: 48 },
    xAxis: {
      type: 'value',
      min: axisMin,
      max: axisMax,
      name: 'Revenue (log scale: each step adds to log revenue)',
      nameLocation: 'middle',
      nameGap: 30,
      ...axisStyle(theme),
      // Ticks are log1p(revenue), placed at round dollar amounts and labelled with them.
      axisTick: { ...axisStyle(theme).axisTick, customValues: ticks },
      axisLabel: {
        ...axisStyle(theme).axisLabel,
        customValues: ticks,
        formatter: (v: number) => formatMoney(Math.expm1(v)),
      },
    },
    yAxis: {
      type: 'category',
      inverse: true,
      data: steps.map((s) => s.label),
      ...axisStyle(theme),
      axisLabel: {
        ...axisStyle(theme).axisLabel,
        color: theme.text,
        fontSize: 11,
        width: WATERFALL_LABEL_WIDTH,
        overflow: 'truncate',
      },
      splitLine: { show: false },
    },
    series: [
      {
        name: 'spacer',
        type: 'bar',
        stack: 'waterfall',
        silent: true,
        itemStyle: { color: 'transparent' },
        data: steps.map((s) => Math.min(s.start, s.end)),
      },
      {
        name: 'step',
        type: 'bar',
        stack: 'waterfall',
        barWidth: '60%',
        // The step in words and in money terms; the label comes from the film's values, so it is escaped.
        tooltip: {
          formatter: (p: { dataIndex: number }) => {
            const s = steps[p.dataIndex];
            if (!s) return '';
            if (s.kind === 'base' || s.kind === 'total')
              return `${escapeHtml(s.label)}: ${formatMoney(Math.expm1(s.end))}`;
            const effect = s.end - s.start;
            return `${escapeHtml(s.label)}<br/>${signed(effect)} on log revenue: revenue × ${formatMultiple(Math.exp(effect)).replace('×', '')}`;
          },
        },
        data: steps.map((s) => ({
          value: Math.abs(s.end - s.start),
          itemStyle: { color: colour(s.kind) },
          label: {
            show: true,
            position: 'right',
            color: theme.text,
            fontFamily: theme.fontFamily,
            formatter:
              s.kind === 'base' || s.kind === 'total'
                ? `${s.end.toFixed(2)} (${formatMoney(Math.expm1(s.end))})`
                : signed(s.end - s.start),
          },
        })),
      },
    ],
  };
}

/**
 * Revenue over the sweep (left axis) and hit probability (right axis, when a hit model is active): the
 * budget from a quarter to four times the scenario's, or the twelve release months. The scenario's own
 * budget or month is marked. Returns null when the forecast carries no sweep.
 */
export function whatIfOption(
  forecast: Forecast,
  sweep: 'budget' | 'month',
  theme: ChartTheme = lightChartTheme,
): EChartsOption | null {
  const points: WhatIfPoint[] | undefined = forecast.whatIf?.[sweep];
  if (!points || points.length === 0) return null;
  const hasHit = points.some((p) => p.hitProbability !== null);
  const isBudget = sweep === 'budget';
  const currentMonth = forecast.input.releaseDate ? Number(forecast.input.releaseDate.slice(5, 7)) : null;
  const marker = isBudget ? forecast.input.budget : currentMonth;
  const series: NonNullable<EChartsOption['series']> = [
    {
      name: 'Revenue',
      type: 'line',
      yAxisIndex: 0,
      data: points.map((p) => [p.x, p.revenue]),
      showSymbol: !isBudget,
      symbolSize: 6,
      lineStyle: { color: theme.accent, width: 2.5 },
      itemStyle: { color: theme.accent },
      ...(marker !== null
        ? {
            markLine: {
              silent: true,
              symbol: 'none',
              lineStyle: { color: theme.muted, type: 'dotted' },
              label: {
                formatter: isBudget ? `this budget ${formatMoney(marker)}` : `planned: ${formatMonth(marker)}`,
                color: theme.muted,
                fontFamily: theme.fontFamily,
              },
              data: [{ xAxis: marker }],
            },
          }
        : {}),
    },
  ];
  if (isBudget) {
    series.push({
      ...breakEvenLine(
        forecast.hitMultiple,
        points.map((p): [number, number] => [p.x, forecast.hitMultiple * p.x]),
        theme,
      ),
      yAxisIndex: 0,
    });
  }
  if (hasHit) {
    series.push({
      name: 'Hit probability',
      type: 'line',
      yAxisIndex: 1,
      data: points.map((p) => [p.x, p.hitProbability]),
      showSymbol: !isBudget,
      symbolSize: 5,
      lineStyle: { color: theme.palette[0], width: 2, type: 'solid' },
      itemStyle: { color: theme.palette[0] },
    });
  }
  const xs = points.map((p) => p.x);

  return {
    ...baseOption(theme),
    // One tooltip for the point of the sweep under the pointer: its budget or month, then each curve in money or %.
    tooltip: {
      trigger: 'axis',
      confine: true,
      formatter: (params: unknown) => {
        const list = (Array.isArray(params) ? params : [params]) as {
          seriesName: string;
          marker: string;
          value: [number, number | null];
        }[];
        if (!list.length) return '';
        const x = list[0].value[0];
        const head = isBudget ? `Budget ${formatMoney(x)}` : `Released in ${formatMonth(x)}`;
        const rows = list.map((p) => {
          const y = p.value[1];
          const shown = p.seriesName === 'Hit probability' ? formatPercent(y) : formatMoney(y);
          return `${p.marker}${escapeHtml(p.seriesName)}: ${shown}`;
        });
        return [head, ...rows].join('<br/>');
      },
    },
    grid: { left: 72, right: hasHit ? 64 : 32, top: 48, bottom: 56 },
    legend: { top: 0, textStyle: { color: theme.text, fontFamily: theme.fontFamily } },
    xAxis: isBudget
      ? logMoneyAxis('Budget', Math.min(...xs), Math.max(...xs), 30, theme)
      : {
          type: 'value',
          min: 1,
          max: 12,
          interval: 1,
          name: 'Release month',
          nameLocation: 'middle',
          nameGap: 30,
          ...axisStyle(theme),
          axisLabel: { ...axisStyle(theme).axisLabel, formatter: (v: number) => formatMonth(v) },
          splitLine: { show: false },
        },
    yAxis: [
      {
        type: 'value',
        name: 'Worldwide revenue',
        nameLocation: 'middle',
        nameGap: 56,
        scale: !isBudget,
        ...axisStyle(theme),
        axisLabel: { ...axisStyle(theme).axisLabel, formatter: moneyAxisLabel },
      },
      ...(hasHit
        ? [
            {
              type: 'value' as const,
              name: 'Hit probability',
              nameLocation: 'middle' as const,
              nameGap: 44,
              min: 0,
              max: 1,
              position: 'right' as const,
              ...axisStyle(theme),
              axisLabel: { ...axisStyle(theme).axisLabel, formatter: percentAxisLabel },
              splitLine: { show: false },
            },
          ]
        : []),
    ],
    series,
  };
}

/**
 * A slate side by side: each scenario's budget and expected revenue as bars, its 80% range as a thin bar
 * behind the revenue, and its break-even (hit multiple x budget) as a marker, on one money axis.
 */
export function slateChartOption(forecasts: Forecast[], theme: ChartTheme = lightChartTheme): EChartsOption {
  const names = forecasts.map((f) => scenarioLabel(f));
  return {
    ...baseOption(theme),
    legend: { top: 0, textStyle: { color: theme.text, fontFamily: theme.fontFamily } },
    grid: { left: 150, right: 40, top: 36, bottom: 36 },
    xAxis: {
      type: 'value',
      ...axisStyle(theme),
      axisLabel: { ...axisStyle(theme).axisLabel, formatter: moneyAxisLabel },
    },
    yAxis: {
      type: 'category',
      inverse: true,
      data: names,
      ...axisStyle(theme),
      axisLabel: { ...axisStyle(theme).axisLabel, color: theme.text, width: 140, overflow: 'truncate' },
      splitLine: { show: false },
    },
    series: [
      {
        name: 'Budget',
        type: 'bar',
        data: forecasts.map((f) => f.input.budget),
        itemStyle: { color: theme.muted, opacity: 0.55 },
        barGap: '10%',
      },
      {
        name: 'Expected revenue',
        type: 'bar',
        data: forecasts.map((f) => f.revenue),
        itemStyle: { color: theme.accent },
        label: {
          show: true,
          position: 'right',
          color: theme.text,
          fontFamily: theme.fontFamily,
          formatter: (p: { value: unknown }) => formatMoney(Number(p.value)),
        },
      },
      {
        name: 'Break-even',
        type: 'scatter',
        data: forecasts.map((f, i) => [f.breakEven, i]),
        symbol: 'rect',
        symbolSize: [3, 30],
        itemStyle: { color: theme.negative },
        z: 5,
      },
    ],
  };
}

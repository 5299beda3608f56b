/**
 * Exploratory chart options for the Data view (and any report that wants them): distributions of budget
 * and revenue, revenue by genre and by year, budget vs revenue, missing values by column. Pure functions of
 * the data.explore answer and a theme; no DOM, animation off (SSR-safe).
 */
import { axisStyle, baseOption, referenceLine, type ChartTheme } from './theme';
import { formatMoney, plural } from '../format';
import { escapeHtml, roundMoneyValues } from './axes';

import type { ExploreData, HistogramBin } from '../contract/data';

const money = (v: number) => formatMoney(v);

/**
 * A histogram over money on a log scale (bin edges in log10 dollars): each bar spans its bin on a value axis of
 * log10 dollars whose ticks sit at round amounts ($10K, $100K, $1M, ... $1B), not at the bins' edges ("$46.4K");
 * `what` names the axis ('Budget', 'Revenue'). The tooltip gives a bar's range and its count.
 */
export function moneyHistogramOption(bins: HistogramBin[], theme: ChartTheme, what = 'Amount') {
  const lo = bins.length ? bins[0].from : 0;
  const hi = bins.length ? bins[bins.length - 1].to : 1;
  const ticks = bins.length ? roundMoneyValues(10 ** lo, 10 ** hi).map((v) => Math.log10(v)) : [];
  return {
    ...baseOption(theme),
    legend: { show: false },
    grid: { left: 56, right: 16, top: 28, bottom: 48 },
    tooltip: { trigger: 'item' as const, confine: true },
    xAxis: {
      type: 'value' as const,
      name: `${what} (log scale)`,
      nameLocation: 'middle' as const,
      nameGap: 28,
      min: lo,
      max: hi,
      ...axisStyle(theme),
      axisTick: { ...axisStyle(theme).axisTick, customValues: ticks },
      axisLabel: { ...axisStyle(theme).axisLabel, customValues: ticks, formatter: (v: number) => money(10 ** v) },
      splitLine: { show: false },
    },
    yAxis: { type: 'value' as const, name: 'Films', ...axisStyle(theme) },
    series: [
      {
        type: 'bar' as const,
        name: 'Films',
        // On a value axis a bar's width comes from the gap between neighbouring bars: the bins touch, as a
        // histogram's should, with a hairline between them.
        barWidth: '94%',
        data: bins.map((b) => ({ value: [(b.from + b.to) / 2, b.count], from: b.from, to: b.to })),
        itemStyle: { color: theme.palette[0] },
        tooltip: {
          formatter: (p: { data?: unknown }) => {
            const d = p.data as { value: [number, number]; from: number; to: number };
            return `${escapeHtml(what)} ${money(10 ** d.from)} – ${money(10 ** d.to)}: ${plural(d.value[1], 'film')}`;
          },
        },
      },
    ],
  };
}

/** Median revenue per genre, largest first, with the film count in the tooltip. */
export function revenueByGenreOption(rows: { genre: string; median: number; count: number }[], theme: ChartTheme) {
  const sorted = [...rows].sort((a, b) => b.median - a.median);
  return {
    ...baseOption(theme),
    legend: { show: false },
    grid: { left: 120, right: 24, top: 12, bottom: 32 },
    tooltip: { trigger: 'axis' as const },
    xAxis: { type: 'value', ...axisStyle(theme), axisLabel: { ...axisStyle(theme).axisLabel, formatter: money } },
    // Twenty genres in a short chart: 11 px names, every one shown, so they do not touch.
    yAxis: {
      type: 'category',
      inverse: true,
      data: sorted.map((r) => r.genre),
      ...axisStyle(theme),
      axisLabel: { ...axisStyle(theme).axisLabel, fontSize: 11, interval: 0 },
    },
    series: [
      {
        type: 'bar',
        name: 'Median revenue',
        data: sorted.map((r) => ({ value: r.median, name: `${r.genre} (${plural(r.count, 'film')})` })),
        tooltip: { valueFormatter: (v: unknown) => money(Number(v)) },
        itemStyle: { color: theme.palette[1] },
      },
    ],
  };
}

/** Median revenue per release year, with the number of films per year as bars on a second axis. */
export function revenueByYearOption(rows: { year: number; median: number; count: number }[], theme: ChartTheme) {
  const sorted = [...rows].sort((a, b) => a.year - b.year);
  return {
    ...baseOption(theme),
    // The legend sits under the chart: at the top it covered the axis names ('Films' on the right).
    legend: { bottom: 0, textStyle: { color: theme.text } },
    grid: { left: 64, right: 56, top: 40, bottom: 56 },
    tooltip: { trigger: 'axis' as const },
    xAxis: { type: 'category', data: sorted.map((r) => String(r.year)), ...axisStyle(theme) },
    yAxis: [
      {
        type: 'value',
        name: 'Median revenue',
        ...axisStyle(theme),
        axisLabel: { ...axisStyle(theme).axisLabel, formatter: money },
      },
      { type: 'value', name: 'Films', ...axisStyle(theme), splitLine: { show: false } },
    ],
    series: [
      {
        type: 'line',
        name: 'Median revenue',
        showSymbol: false,
        data: sorted.map((r) => r.median),
        itemStyle: { color: theme.accent },
        tooltip: { valueFormatter: (v: unknown) => money(Number(v)) },
      },
      { type: 'bar', name: 'Films', yAxisIndex: 1, data: sorted.map((r) => r.count), itemStyle: { color: theme.grid } },
    ],
  };
}

/** Every film with both known, budget vs revenue on log axes, with the break-even line revenue = budget. */
export function budgetVsRevenueOption(points: { title: string; budget: number; revenue: number }[], theme: ChartTheme) {
  const usable = points.filter((p) => p.budget > 0 && p.revenue > 0);
  const lo = Math.min(...usable.map((p) => Math.min(p.budget, p.revenue)), 1e5);
  const hi = Math.max(...usable.map((p) => Math.max(p.budget, p.revenue)), 1e9);
  return {
    ...baseOption(theme),
    xAxis: {
      type: 'log',
      name: 'Budget',
      nameLocation: 'middle' as const,
      nameGap: 28,
      ...axisStyle(theme),
      axisLabel: { ...axisStyle(theme).axisLabel, formatter: money },
    },
    yAxis: {
      type: 'log',
      name: 'Revenue',
      ...axisStyle(theme),
      axisLabel: { ...axisStyle(theme).axisLabel, formatter: money },
    },
    series: [
      {
        type: 'scatter',
        name: 'Films',
        symbolSize: 4,
        large: true,
        itemStyle: { color: theme.palette[0], opacity: 0.5 },
        data: usable.map((p) => ({ value: [p.budget, p.revenue], name: p.title })),
        tooltip: {
          formatter: (p: { data?: unknown }) => {
            const d = p.data as { value: [number, number]; name: string };
            return `${escapeHtml(d.name)}<br/>Budget ${money(d.value[0])} · revenue ${money(d.value[1])}`;
          },
        },
      },
      referenceLine(
        'Revenue = budget',
        [
          [lo, lo],
          [hi, hi],
        ],
        theme,
      ),
    ],
  };
}

/** A column of films as a person names it: 'original_language' -> 'Original language'. */
function columnName(column: string): string {
  const words = column.replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** Share of films missing each column, worst first. */
export function missingValuesOption(rows: ExploreData['missing'], films: number, theme: ChartTheme) {
  const sorted = [...rows]
    .map((r) => ({ ...r, share: films ? r.missing / films : 0 }))
    .sort((a, b) => b.share - a.share);
  return {
    ...baseOption(theme),
    legend: { show: false },
    grid: { left: 130, right: 24, top: 12, bottom: 32 },
    tooltip: { trigger: 'axis' as const },
    xAxis: {
      type: 'value',
      max: 1,
      ...axisStyle(theme),
      axisLabel: { ...axisStyle(theme).axisLabel, formatter: (v: number) => `${Math.round(v * 100)}%` },
    },
    yAxis: { type: 'category', inverse: true, data: sorted.map((r) => columnName(r.column)), ...axisStyle(theme) },
    series: [{ type: 'bar', name: 'Missing', data: sorted.map((r) => r.share), itemStyle: { color: theme.negative } }],
  };
}

/**
 * Axis helpers the chart builders share: round money amounts for ticks on log-scale money axes, and text made
 * safe for an HTML tooltip. Pure functions, no DOM.
 */
import { formatMoney } from '../format';
import { axisStyle, type ChartTheme } from './theme';

/** Steps within a power of ten, finest first: the finest that gives few enough ticks wins. */
const LADDERS = [[1, 2, 5], [1]];

/**
 * Round money amounts from `min` to `max` (dollars, both ends included), at most `most` of them: 1, 2 and 5 x 10^k
 * ($50M, $100M, $200M), else the powers of ten only ($10K, $100K, $1M, ... $1B; every other one when even those
 * are too many). A log axis labelled with them reads "$10M $100M $1B" instead of
 * ECharts' own picks on a log scale or the bins' edges ("$46.4K", "$4.64M").
 */
export function roundMoneyValues(min: number, max: number, most = 8): number[] {
  const lo = Math.max(min, 1);
  if (!(max >= lo)) return [];
  const first = Math.floor(Math.log10(lo));
  const last = Math.ceil(Math.log10(max));
  const within = (ladder: number[]) => {
    const values: number[] = [];
    for (let power = first; power <= last; power++) {
      for (const step of ladder) {
        const value = step * 10 ** power;
        // A relative tolerance, so a bound computed as 10 ** 6.0000000001 still counts $1M in.
        if (value >= lo * (1 - 1e-9) && value <= max * (1 + 1e-9)) values.push(value);
      }
    }
    return values;
  };
  for (const ladder of LADDERS) {
    const values = within(ladder);
    if (values.length <= most) return values;
  }
  const decades = within([1]);
  const every = Math.ceil(decades.length / most);
  return decades.filter((_, i) => i % every === 0);
}

/**
 * Tick positions for a log1p(revenue) axis at round dollar amounts (roundMoneyValues), so the axis reads
 * $10M, $20M, $50M rather than the dollars of whole log units ($8.89M, $24.2M).
 */
export function moneyTicksOnLogScale(minLog: number, maxLog: number): number[] {
  return roundMoneyValues(Math.expm1(minLog), Math.expm1(maxLog)).map((value) => Math.log1p(value));
}

/** A log-axis tick label: the amount in the app's compact money format ($10K, $1M, $1.5B). */
export const moneyTick = (value: number) => formatMoney(value);

/** A log money axis from `min` to `max` whose ticks, labels and grid lines sit at round amounts ($50M, $100M). */
export function logMoneyAxis(name: string, min: number, max: number, nameGap: number, theme: ChartTheme) {
  const ticks = roundMoneyValues(min, max);
  return {
    type: 'log' as const,
    name,
    nameLocation: 'middle' as const,
    nameGap,
    min,
    max,
    ...axisStyle(theme),
    axisTick: { ...axisStyle(theme).axisTick, customValues: ticks },
    axisLabel: { ...axisStyle(theme).axisLabel, customValues: ticks, formatter: moneyTick },
  };
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/**
 * Text for an HTML tooltip: ECharts sets a tooltip formatter's string as HTML, so anything from the data (a film's
 * title) passes through here and shows as the characters typed, never as markup.
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]);
}

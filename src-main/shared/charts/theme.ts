/**
 * Chart colours for light and dark surfaces, shared by the renderer's charts and the PDF report (which
 * always prints on white: use `lightChartTheme`). Pure data, no DOM.
 */
export interface ChartTheme {
  name: 'light' | 'dark';
  /** Chart background; 'transparent' lets the card's surface show through. */
  background: string;
  text: string;
  muted: string;
  /** Axis lines and split lines. */
  grid: string;
  /** The scenario / the thing the analyst is looking at. */
  accent: string;
  /** Ranges and bands drawn around the accent. */
  accentSoft: string;
  positive: string;
  negative: string;
  /** Series colours in order, for everything else. */
  palette: string[];
  fontFamily: string;
}

const fontFamily = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif";

export const lightChartTheme: ChartTheme = {
  name: 'light',
  background: 'transparent',
  text: '#1d2330',
  muted: '#5d6675',
  grid: '#e3e6eb',
  accent: '#1f7a4d',
  accentSoft: 'rgba(31, 122, 77, 0.18)',
  positive: '#1f7a4d',
  negative: '#c2410c',
  palette: ['#3b6ea5', '#1f7a4d', '#c2410c', '#7c5cc4', '#b08900', '#0f8b8d', '#a23b72', '#5d6675'],
  fontFamily,
};

export const darkChartTheme: ChartTheme = {
  name: 'dark',
  background: 'transparent',
  text: '#e6e9ef',
  muted: '#9aa3b2',
  grid: '#2f3542',
  accent: '#3fb07a',
  accentSoft: 'rgba(63, 176, 122, 0.22)',
  positive: '#3fb07a',
  negative: '#f59e6b',
  palette: ['#6fa3dc', '#3fb07a', '#f59e6b', '#a98ff0', '#e3c04d', '#3cc4c6', '#e07bb0', '#9aa3b2'],
  fontFamily,
};

export function chartTheme(scheme: 'light' | 'dark'): ChartTheme {
  return scheme === 'dark' ? darkChartTheme : lightChartTheme;
}

/** Axis styling every builder shares, so charts look like one family. */
export function axisStyle(theme: ChartTheme) {
  return {
    axisLine: { lineStyle: { color: theme.grid } },
    axisTick: { lineStyle: { color: theme.grid } },
    axisLabel: { color: theme.muted, fontFamily: theme.fontFamily },
    splitLine: { lineStyle: { color: theme.grid } },
    nameTextStyle: { color: theme.muted, fontFamily: theme.fontFamily },
  };
}

/** The option keys every chart starts from: no animation (also required for SSR), themed text and grid. */
export function baseOption(theme: ChartTheme) {
  return {
    animation: false,
    backgroundColor: theme.background,
    color: theme.palette,
    textStyle: { color: theme.text, fontFamily: theme.fontFamily },
    grid: { left: 64, right: 24, top: 36, bottom: 48, containLabel: false },
    legend: { textStyle: { color: theme.text }, top: 0 },
    tooltip: { trigger: 'item' as const, confine: true },
  };
}

/**
 * A dashed line to read the data against (a perfect model, chance, zero, revenue = budget): muted, no symbols.
 * `data` is the line's points, usually its two ends.
 */
export function referenceLine(name: string, data: [number, number][], theme: ChartTheme) {
  return {
    type: 'line' as const,
    name,
    symbol: 'none',
    lineStyle: { color: theme.muted, type: 'dashed' as const },
    data,
  };
}

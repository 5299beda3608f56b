import { describe, expect, it } from 'vitest';
import {
  comparablesChartOption,
  contributionsWaterfallOption,
  moneyTicksOnLogScale,
  slateChartOption,
  waterfallSteps,
  featureLabel,
  whatIfOption,
} from '../../../src-main/shared/charts/forecast';
import { renderChartSvg } from '../../../src-main/core/report/charts-svg';
import { makeForecast, sampleInput, TRICKY_TITLE } from './fixtures';

type Series = { name: string; type: string; data: unknown[]; yAxisIndex?: number; stack?: string };
const seriesOf = (option: unknown) => (option as { series: Series[] }).series;
const byName = (option: unknown, name: string) => {
  const found = seriesOf(option).find((s) => s.name === name);
  if (!found)
    throw new Error(
      `no series ${name}: ${seriesOf(option)
        .map((s) => s.name)
        .join(', ')}`,
    );
  return found;
};

describe('comparablesChartOption', () => {
  const forecast = makeForecast(sampleInput);
  const option = comparablesChartOption(forecast);

  it('plots each comparable with a known budget and revenue at its numbers, and leaves out the others', () => {
    const points = byName(option, 'Comparable films').data as { name: string; value: [number, number] }[];
    const expected = forecast.comparables.filter((c) => c.budget && c.revenue);
    expect(points.map((p) => p.value)).toEqual(expected.map((c) => [c.budget, c.revenue]));
    expect(points.map((p) => p.name)).toContain('Mad Max: Fury Road (2015)');
    expect(points.some((p) => p.name.startsWith('Unknown Money'))).toBe(false);
  });

  it('marks the scenario at its budget and revenue, with its 80% range as a vertical bar', () => {
    expect((byName(option, 'Desert Run').data as { value: number[] }[])[0].value).toEqual([90e6, forecast.revenue]);
    expect(byName(option, '80% range').data).toEqual([
      [90e6, forecast.revenueLow],
      [90e6, forecast.revenueHigh],
    ]);
  });

  it('draws break-even as revenue = hit multiple x budget, on log axes', () => {
    const line = byName(option, 'Break-even (2.5× budget)').data as [number, number][];
    for (const [budget, revenue] of line) expect(revenue).toBeCloseTo(2.5 * budget, 3);
    const axes = option as { xAxis: { type: string }; yAxis: { type: string } };
    expect([axes.xAxis.type, axes.yAxis.type]).toEqual(['log', 'log']);
    expect(option.animation).toBe(false);
  });
});

describe('contributionsWaterfallOption', () => {
  const forecast = makeForecast(sampleInput);

  it('runs from the base through the largest contributions and "other" to base + every effect', () => {
    const steps = waterfallSteps(forecast, 5);
    expect(steps).toHaveLength(1 + 5 + 1 + 1);
    expect(steps[0]).toMatchObject({ kind: 'base', end: forecast.base });
    expect(steps[6].label).toBe('other (7 features)');
    const total = forecast.base + forecast.contributions.reduce((s, c) => s + c.effect, 0);
    expect(steps[7].end).toBeCloseTo(total, 10);
    expect(steps[7].end).toBeCloseTo(Math.log1p(forecast.revenue), 10);
    // Each step starts where the previous one ended.
    for (let i = 2; i < 7; i++) expect(steps[i].start).toBeCloseTo(steps[i - 1].end, 12);
    expect(steps[1].label).toBe('budget: $90M');
  });

  it('says which way a membership column goes for this film', () => {
    expect(featureLabel({ feature: 'genre=Drama', value: 'no' })).toBe('genre: not Drama');
    expect(featureLabel({ feature: 'genre=Science Fiction', value: 'yes' })).toBe('genre: Science Fiction');
    expect(featureLabel({ feature: 'keyword=time travel', value: 'no' })).toBe('keyword: not time travel');
    expect(featureLabel({ feature: 'runtime', value: '124 min' })).toBe('runtime: 124 min');
  });

  it('stacks an invisible spacer under each visible step, so bars span exactly [start, end]', () => {
    const option = contributionsWaterfallOption(forecast);
    const steps = waterfallSteps(forecast);
    const spacer = byName(option, 'spacer').data as number[];
    const visible = (byName(option, 'step').data as { value: number }[]).map((d) => d.value);
    steps.forEach((s, i) => {
      expect(spacer[i]).toBeCloseTo(Math.min(s.start, s.end), 12);
      expect(spacer[i] + visible[i]).toBeCloseTo(Math.max(s.start, s.end), 12);
    });
  });

  it('places axis ticks at round dollar amounts', () => {
    const ticks = moneyTicksOnLogScale(Math.log1p(8e6), Math.log1p(600e6));
    expect(ticks.map((t) => Math.round(Math.expm1(t)))).toEqual([10e6, 20e6, 50e6, 100e6, 200e6, 500e6]);
  });
});

describe('whatIfOption', () => {
  it('draws revenue and hit probability (second axis) over the budget sweep, at the forecast numbers', () => {
    const forecast = makeForecast(sampleInput);
    const option = whatIfOption(forecast, 'budget')!;
    const points = forecast.whatIf!.budget;
    expect(byName(option, 'Revenue').data).toEqual(points.map((p) => [p.x, p.revenue]));
    const hit = byName(option, 'Hit probability');
    expect(hit.yAxisIndex).toBe(1);
    expect(hit.data).toEqual(points.map((p) => [p.x, p.hitProbability]));
    expect((option as { yAxis: unknown[] }).yAxis).toHaveLength(2);
  });

  it('sweeps twelve months and leaves out the hit axis when there is no hit model', () => {
    const forecast = makeForecast(sampleInput, { hit: false });
    const option = whatIfOption(forecast, 'month')!;
    expect(byName(option, 'Revenue').data).toHaveLength(12);
    expect(seriesOf(option).some((s) => s.name === 'Hit probability')).toBe(false);
    expect((option as { yAxis: unknown[] }).yAxis).toHaveLength(1);
  });

  it('returns null for a forecast without sweeps', () => {
    expect(whatIfOption({ ...makeForecast(sampleInput), whatIf: undefined }, 'budget')).toBeNull();
  });
});

describe('slateChartOption', () => {
  it('shows each scenario budget, expected revenue and break-even, in slate order', () => {
    const forecasts = [
      makeForecast(sampleInput),
      makeForecast({ ...sampleInput, title: 'Small', budget: 12e6 }, { scale: 0.5 }),
    ];
    const option = slateChartOption(forecasts);
    expect((option as { yAxis: { data: string[] } }).yAxis.data).toEqual(['Desert Run', 'Small']);
    expect(byName(option, 'Budget').data).toEqual([90e6, 12e6]);
    expect(byName(option, 'Expected revenue').data).toEqual(forecasts.map((f) => f.revenue));
    expect(byName(option, 'Break-even').data).toEqual([
      [2.5 * 90e6, 0],
      [2.5 * 12e6, 1],
    ]);
  });
});

describe('server-side rendering', () => {
  it('renders every option to SVG with the text escaped, not interpreted', () => {
    const forecast = makeForecast({ ...sampleInput, title: TRICKY_TITLE });
    const svgs = [
      comparablesChartOption(forecast),
      contributionsWaterfallOption(forecast),
      whatIfOption(forecast, 'budget')!,
      whatIfOption(forecast, 'month')!,
    ].map((o) => renderChartSvg(o, 600, 360));
    for (const svg of svgs) expect(svg.startsWith('<svg')).toBe(true);
    expect(svgs[0]).toContain('Comparable films');
    expect(svgs[0]).toContain('&lt;img src=x onerror=alert(1)&gt; &amp;');
    expect(svgs[0]).not.toContain('<img');
    expect(svgs[1]).toContain('$10M');
    expect(svgs[3]).toContain('Jun');
  });
});

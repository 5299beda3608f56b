import { describe, expect, it } from 'vitest';
import {
  comparableLabels,
  comparablePoints,
  comparablesChartOption,
  contributionsWaterfallOption,
  moneyTicksOnLogScale,
  slateChartOption,
  waterfallSteps,
  featureLabel,
  whatIfOption,
} from '../../../src-main/shared/charts/forecast';
import { renderChartSvg } from '../../../src-main/core/report/charts-svg';
import { formatMoney } from '../../../src-main/shared/format';
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

  it('numbers each dot as the comparables table numbers its row, on the side away from the range bar', () => {
    type Point = { name: string; rank: number; label: { show?: boolean; formatter?: string; position?: string } };
    const points = byName(option, 'Comparable films').data as Point[];
    const by = (title: string) => points.find((p) => p.name.startsWith(title))!;
    // Ranks are places in the forecast's list (1 = most alike), so a film left off the chart leaves its number out.
    expect(points.map((p) => p.rank)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(by('Mad Max').label).toEqual({ formatter: '1', position: 'right' }); // budget above the film's $90M
    expect(by('Amélie').label).toEqual({ formatter: '4', position: 'left' });
    // Looper ($30M, $177M) and Hero ($31M, $177M) sit on one spot: one label for both, on the outer dot.
    expect(by('Looper').label).toEqual({ formatter: '3, 5', position: 'left' });
    expect(by('英雄').label).toEqual({ show: false });
    expect(
      comparableLabels(
        points.map((p, i) => ({ rank: p.rank, value: comparablePoints(forecast)[i].value })),
        90e6,
        [5e6, 500e6],
        [1e7, 2e9],
      ).map((l) => l.text),
    ).toEqual(['1', '2', '3, 5', '4', null, '6', '7']);
  });

  it('rounds its log axes to 1-2-5 amounts around the films and ticks there, not at whole decades', () => {
    type Axis = { min: number; max: number; axisLabel: { customValues: number[]; formatter: (v: number) => string } };
    const { xAxis, yAxis } = option as unknown as { xAxis: Axis; yAxis: Axis };
    // Budgets $10M-$260M: 0.8 x $10M rounds down to $5M, 1.25 x $260M up to $500M.
    expect([xAxis.min, xAxis.max]).toEqual([5e6, 500e6]);
    expect(xAxis.axisLabel.customValues.map(xAxis.axisLabel.formatter)).toEqual([
      '$5M',
      '$10M',
      '$20M',
      '$50M',
      '$100M',
      '$200M',
      '$500M',
    ]);
    for (const v of yAxis.axisLabel.customValues) expect(Number(v.toPrecision(1))).toBe(v);
  });

  it('names a dot in its tooltip, the title escaped', () => {
    const tricky = makeForecast({ ...sampleInput, title: TRICKY_TITLE });
    tricky.comparables[0] = { ...tricky.comparables[0], title: '<img src=x onerror=alert(1)>' };
    const tricky_option = comparablesChartOption(tricky);
    type Tip = { tooltip: { formatter: (p: { data?: unknown }) => string }; data: unknown[] };
    const films = byName(tricky_option, 'Comparable films') as unknown as Tip;
    const tip = films.tooltip.formatter({ data: films.data[0] });
    expect(tip).toBe('1. &lt;img src=x onerror=alert(1)&gt; (2015)<br/>Budget $150M · revenue $379M');
    const scenario = byName(tricky_option, TRICKY_TITLE) as unknown as Tip;
    expect(scenario.tooltip.formatter({})).toContain('&lt;img src=x onerror=alert(1)&gt; &amp; Ωmega (this film)');
    expect(scenario.tooltip.formatter({})).not.toContain('<img');
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

  it('says each step in its tooltip in words and money, the label escaped', () => {
    const f = makeForecast(sampleInput);
    f.contributions[0] = { ...f.contributions[0], label: 'Studio: <b>Acme</b>' };
    const step = byName(contributionsWaterfallOption(f), 'step') as unknown as {
      tooltip: { formatter: (p: { dataIndex: number }) => string };
    };
    const steps = waterfallSteps(f);
    expect(step.tooltip.formatter({ dataIndex: 0 })).toBe(`Base (average film): ${formatMoney(Math.expm1(f.base))}`);
    const first = step.tooltip.formatter({ dataIndex: 1 });
    expect(first).toContain('Studio: &lt;b&gt;Acme&lt;/b&gt;<br/>+1.18 on log revenue: revenue × 3.25');
    expect(step.tooltip.formatter({ dataIndex: steps.length - 1 })).toBe(`Prediction: ${formatMoney(f.revenue)}`);
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

  it('gives the point under the pointer in money and percent, not raw numbers', () => {
    const forecast = makeForecast(sampleInput);
    const option = whatIfOption(forecast, 'budget')! as unknown as {
      tooltip: { trigger: string; formatter: (p: unknown) => string };
      xAxis: { axisLabel: { customValues: number[]; formatter: (v: number) => string } };
    };
    expect(option.tooltip.trigger).toBe('axis');
    const tip = option.tooltip.formatter([
      { seriesName: 'Revenue', marker: '', value: [90e6, 215.4e6] },
      { seriesName: 'Hit probability', marker: '', value: [90e6, 0.431] },
    ]);
    expect(tip).toBe('Budget $90M<br/>Revenue: $215M<br/>Hit probability: 43%');
    // A budget sweep from a quarter to four times $90M ticks at round amounts, not at its ends ($22.5M, $360M).
    expect(option.xAxis.axisLabel.customValues.map(option.xAxis.axisLabel.formatter)).toEqual([
      '$50M',
      '$100M',
      '$200M',
    ]);
    const month = whatIfOption(forecast, 'month')! as unknown as { tooltip: { formatter: (p: unknown) => string } };
    expect(month.tooltip.formatter([{ seriesName: 'Revenue', marker: '', value: [6, 1e8] }])).toBe(
      'Released in Jun<br/>Revenue: $100M',
    );
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

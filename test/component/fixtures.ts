import type { Forecast, ScenarioRecord } from '../../src-main/shared/forecast';
import type { FilmInput } from '../../src-main/shared/film';

export function sampleForecast(input: Partial<FilmInput> = {}, revenue = 250e6): Forecast {
  const full: FilmInput = { budget: 90e6, genres: ['Action'], ...input };
  return {
    input: full,
    revenue,
    revenueLow: revenue * 0.5,
    revenueHigh: revenue * 1.8,
    interval: 0.8,
    intervals: { '0.8': { low: revenue * 0.5, high: revenue * 1.8 } },
    hitProbability: 0.62,
    hitMultiple: 2,
    roi: revenue / full.budget - 1,
    breakEven: 2 * full.budget,
    base: 17,
    contributions: [
      { feature: 'log_budget', value: '$90M', effect: 1.2, text: 'budget $90M: +1.20 on log revenue' },
      { feature: 'genre=Action', value: 'Action', effect: -0.3, text: 'Action: -0.30' },
    ],
    comparables: [
      {
        id: 1,
        title: '<img src=x onerror="window.pwned=1">Heist',
        year: 2010,
        budget: 80e6,
        revenue: 300e6,
        predicted: 240e6,
        genres: ['Action'],
        similarity: 0.91,
      },
    ],
    whatIf: {
      budget: [
        { x: 45e6, revenue: 150e6, hitProbability: 0.5 },
        { x: 90e6, revenue: revenue, hitProbability: 0.62 },
      ],
      month: [{ x: 6, revenue, hitProbability: 0.62 }],
    },
    warnings: ['Budget above the largest film in training.'],
    models: {
      revenue: { id: 3, target: 'revenue', algorithm: 'gbdt', featureSet: 'greenlight', createdAt: '2025-01-01' },
      hit: { id: 4, target: 'hit', algorithm: 'logistic', featureSet: 'greenlight', createdAt: '2025-01-01' },
    },
  };
}

export function sampleScenario(id: number, name: string, extra: Partial<ScenarioRecord> = {}): ScenarioRecord {
  const forecast = sampleForecast({ title: name }, 100e6 * id);
  return {
    id,
    name,
    note: null,
    input: forecast.input,
    forecast,
    modelIds: [3, 4],
    createdAt: '2025-01-02T10:00:00Z',
    updatedAt: '2025-01-02T10:00:00Z',
    ...extra,
  };
}

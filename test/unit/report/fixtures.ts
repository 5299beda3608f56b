/**
 * Real-shaped forecasts for the report and chart tests: numbers consistent the way core/forecast makes
 * them (contributions add up to log1p(revenue), ROI = revenue / budget - 1, break-even = multiple x budget).
 */
import type { Contribution, Forecast, WhatIfPoint } from '../../../src-main/shared/forecast';
import type { FilmInput } from '../../../src-main/shared/film';
import type { ModelVersionSummary } from '../../../src-main/core/models/types';

export const HIT_MULTIPLE = 2.5;

const MONTH_EFFECT = [-0.12, -0.1, 0.02, 0.05, 0.14, 0.2, 0.16, 0.04, -0.15, -0.05, 0.1, 0.18];

function contributionsFor(input: FilmInput, scale: number): Contribution[] {
  const raw: [string, string, number][] = [
    ['log_budget', `$${Math.round(input.budget / 1e6)}M`, 1.18 * scale],
    ['runtime', `${input.runtime ?? 110} min`, 0.21],
    ['genre=Action', 'yes', 0.34],
    ['genre=Drama', 'no', 0.09],
    ['release_month', 'June', 0.2],
    ['language', input.language ?? 'en', 0.27],
    ['director_track_record', '3 films', 0.15],
    ['cast_track_record', '5 films', -0.08],
    ['company_track_record', '12 films', 0.11],
    ['keywords', '4 keywords', -0.05],
    ['year', '2027', -0.31],
    ['has_homepage', 'yes', 0.03],
  ];
  return raw.map(([feature, value, effect]) => ({
    feature,
    value,
    effect,
    text: `${feature} ${value}: ${effect >= 0 ? '+' : ''}${effect.toFixed(2)} on log revenue`,
  }));
}

/** A forecast for `input`, shaped as core/forecast returns it. */
export function makeForecast(input: FilmInput, options: { scale?: number; hit?: boolean } = {}): Forecast {
  const base = 17.2;
  const contributions = contributionsFor(input, options.scale ?? 1);
  const raw = base + contributions.reduce((s, c) => s + c.effect, 0);
  const revenue = Math.expm1(raw);
  const hitProbability =
    options.hit === false ? null : Math.min(0.95, Math.max(0.03, revenue / (HIT_MULTIPLE * input.budget) / 2));
  const sweep = (x: number, revenueAt: number, budgetAt: number): WhatIfPoint => ({
    x,
    revenue: revenueAt,
    hitProbability:
      hitProbability === null ? null : Math.min(0.97, Math.max(0.02, revenueAt / (HIT_MULTIPLE * budgetAt) / 2)),
  });
  const budgets = Array.from({ length: 13 }, (_, i) => input.budget * 0.25 * 16 ** (i / 12));
  return {
    input,
    revenue,
    revenueLow: revenue * 0.42,
    revenueHigh: revenue * 2.1,
    interval: 0.8,
    intervals: {
      '0.5': { low: revenue * 0.66, high: revenue * 1.45 },
      '0.8': { low: revenue * 0.42, high: revenue * 2.1 },
      '0.95': { low: revenue * 0.2, high: revenue * 3.9 },
    },
    hitProbability,
    hitMultiple: HIT_MULTIPLE,
    roi: revenue / input.budget - 1,
    breakEven: HIT_MULTIPLE * input.budget,
    base,
    contributions,
    comparables: [
      {
        id: 11,
        title: 'Mad Max: Fury Road',
        year: 2015,
        budget: 150e6,
        revenue: 378.9e6,
        predicted: 402e6,
        genres: ['Action'],
        similarity: 0.91,
      },
      {
        id: 12,
        title: 'Edge of Tomorrow',
        year: 2014,
        budget: 178e6,
        revenue: 370.5e6,
        predicted: 455e6,
        genres: ['Action', 'Science Fiction'],
        similarity: 0.88,
      },
      {
        id: 13,
        title: 'Looper',
        year: 2012,
        budget: 30e6,
        revenue: 176.5e6,
        predicted: 120e6,
        genres: ['Action', 'Thriller'],
        similarity: 0.84,
      },
      {
        id: 14,
        title: 'Amélie',
        year: 2001,
        budget: 10e6,
        revenue: 173.9e6,
        predicted: 40e6,
        genres: ['Comedy', 'Romance'],
        similarity: 0.52,
      },
      {
        id: 15,
        title: '英雄 (Hero)',
        year: 2002,
        budget: 31e6,
        revenue: 177.4e6,
        predicted: 96e6,
        genres: ['Action', 'Drama'],
        similarity: 0.77,
      },
      {
        id: 16,
        title: 'John Carter',
        year: 2012,
        budget: 260e6,
        revenue: 284.1e6,
        predicted: 610e6,
        genres: ['Action', 'Adventure'],
        similarity: 0.8,
      },
      {
        id: 17,
        title: 'Dredd',
        year: 2012,
        budget: 50e6,
        revenue: 41e6,
        predicted: 95e6,
        genres: ['Action', 'Science Fiction'],
        similarity: 0.79,
      },
      {
        id: 18,
        title: 'Unknown Money',
        year: null,
        budget: null,
        revenue: 12e6,
        predicted: null,
        genres: [],
        similarity: 0.4,
      },
    ],
    whatIf: {
      budget: budgets.map((b) => sweep(b, revenue * (b / input.budget) ** 0.6, b)),
      month: MONTH_EFFECT.map((m, i) => sweep(i + 1, revenue * Math.exp(m - 0.2), input.budget)),
    },
    warnings: ['The release year 2027 is past the last year in the data (2016): the forecast extrapolates.'],
    models: {
      revenue: {
        id: 3,
        target: 'revenue',
        algorithm: 'gradient_boosting',
        featureSet: 'greenlight',
        createdAt: '2026-11-20T10:15:00.000Z',
      },
      hit:
        options.hit === false
          ? null
          : {
              id: 4,
              target: 'hit',
              algorithm: 'logistic',
              featureSet: 'greenlight',
              createdAt: '2026-11-20T10:20:00.000Z',
            },
    },
  };
}

/** A title that holds accented letters, CJK and characters special to PDF or HTML. */
export const TRICKY_TITLE = 'Größe 重要度 (Ça) \\ <img src=x onerror=alert(1)> & Ωmega';

export const sampleInput: FilmInput = {
  title: 'Desert Run',
  budget: 90e6,
  runtime: 118,
  genres: ['Action', 'Adventure'],
  releaseDate: '2027-06-18',
  language: 'en',
  countries: ['US'],
  companies: ['Warner Bros. Pictures'],
  keywords: ['desert', 'chase'],
  directors: ['George Miller'],
  cast: ['Charlize Theron', 'Tom Hardy'],
};

export function modelSummaries(): ModelVersionSummary[] {
  return [
    {
      id: 3,
      target: 'revenue',
      algorithm: 'gradient_boosting',
      featureSet: 'greenlight',
      params: { n_estimators: 300, max_depth: 4, learning_rate: 0.05 },
      metrics: { r2: 0.612, rmse: 1.08, mae: 0.74, mae_dollars: 61.2e6 },
      data: {
        rows: 3211,
        batches: [1, 2],
        fingerprint: 'abc123',
        years: [1916, 2016],
        includeFlagged: false,
        hitMultiple: HIT_MULTIPLE,
      },
      status: 'active',
      note: null,
      createdAt: '2026-11-20T10:15:00.000Z',
      activatedAt: '2026-11-20T10:16:00.000Z',
    },
    {
      id: 4,
      target: 'hit',
      algorithm: 'logistic',
      featureSet: 'greenlight',
      params: { C: 1 },
      metrics: { auc: 0.781, f1: 0.62, logloss: 0.51, brier: 0.17 },
      data: {
        rows: 3211,
        batches: [1, 2],
        fingerprint: 'abc123',
        years: [1916, 2016],
        includeFlagged: false,
        hitMultiple: HIT_MULTIPLE,
      },
      status: 'active',
      note: null,
      createdAt: '2026-11-20T10:20:00.000Z',
      activatedAt: '2026-11-20T10:21:00.000Z',
    },
  ];
}

/**
 * Small, explicit models and films for forecast tests: a linear revenue model and a logistic hit model whose
 * formulas the tests know, so expected numbers can be computed by hand. The integration tests use the real
 * trained models.
 */
import type { FilmInput, SilverFilm } from '../../../src-main/shared/film';
import type { LoadedModel, ModelVersionSummary } from '../../../src-main/core/models/types';

const GENRE_EFFECT: Record<string, number> = { Action: 0.3, Adventure: 0.2, Drama: -0.2, Horror: 0.1 };

function features(film: FilmInput | SilverFilm) {
  const budget = film.budget ?? 1;
  const date = 'releaseDate' in film ? film.releaseDate : null;
  const month = date ? Number(date.slice(5, 7)) : NaN;
  return [
    { feature: 'log_budget', value: `$${Math.round(budget / 1e6)}M`, effect: 0.9 * (Math.log1p(budget) - 17) },
    {
      feature: 'runtime',
      value: `${film.runtime ?? '?'} min`,
      effect: film.runtime ? 0.004 * (film.runtime - 110) : 0,
    },
    { feature: 'release_month', value: String(month), effect: month === 6 || month === 12 ? 0.15 : 0 },
    ...Object.keys(GENRE_EFFECT).map((g) => ({
      feature: `genre=${g}`,
      value: film.genres.includes(g) ? 'yes' : 'no',
      effect: film.genres.includes(g) ? GENRE_EFFECT[g] : 0,
    })),
  ];
}

function version(id: number, target: 'revenue' | 'hit'): ModelVersionSummary {
  return {
    id,
    target,
    algorithm: target === 'revenue' ? 'linear' : 'logistic',
    featureSet: 'greenlight',
    params: {},
    metrics: {},
    data: { rows: 100, batches: [1], fingerprint: 'test', years: [1990, 2016], includeFlagged: false, hitMultiple: 2 },
    status: 'active',
    note: null,
    createdAt: '2025-01-01T00:00:00.000Z',
    activatedAt: '2025-01-01T00:00:00.000Z',
  };
}

const coverage = {
  maxBudget: 380e6,
  minBudget: 1e5,
  lastYear: 2016,
  firstYear: 1916,
  genres: ['Action', 'Adventure', 'Drama', 'Horror', 'Comedy'],
};

export function linearRevenueModel(absResiduals: number[] = defaultResiduals(), id = 1): LoadedModel {
  const base = 17.5;
  const explain = (film: FilmInput | SilverFilm) => ({ base, contributions: features(film) });
  const predictRaw = (film: FilmInput | SilverFilm) => base + features(film).reduce((s, c) => s + c.effect, 0);
  return {
    version: version(id, 'revenue'),
    predictRaw,
    predict: (film) => Math.expm1(predictRaw(film)),
    explain,
    calibration: { absResiduals },
    coverage,
  };
}

export function logisticHitModel(id = 2): LoadedModel {
  const base = -0.5;
  const explain = (film: FilmInput | SilverFilm) => ({
    base,
    contributions: features(film).map((c) => ({ ...c, effect: c.effect * 0.5 })),
  });
  const predictRaw = (film: FilmInput | SilverFilm) => {
    const e = explain(film);
    return e.base + e.contributions.reduce((s, c) => s + c.effect, 0);
  };
  return {
    version: version(id, 'hit'),
    predictRaw,
    predict: (film) => 1 / (1 + Math.exp(-predictRaw(film))),
    explain,
    calibration: { oof: [] },
    coverage,
  };
}

/** Residuals 0.01, 0.02, ... 2.00: the 80% half-width is the ceil(201 * 0.8) = 161st, 1.61. */
export function defaultResiduals(): number[] {
  return Array.from({ length: 200 }, (_, i) => (i + 1) / 100);
}

export function silverFilm(partial: Partial<SilverFilm> & { id: number; title: string }): SilverFilm {
  return {
    tmdbId: partial.id,
    budget: 50e6,
    revenue: 120e6,
    runtime: 110,
    releaseDate: '2010-06-01',
    year: 2010,
    originalLanguage: 'en',
    popularity: 10,
    voteAverage: 6.5,
    voteCount: 1000,
    hasHomepage: false,
    hasTagline: true,
    genres: ['Action'],
    keywords: [],
    companies: ['Warner Bros.'],
    countries: ['US'],
    languages: ['en'],
    cast: [],
    directors: [],
    flags: [],
    ...partial,
  };
}

export function sampleFilms(): SilverFilm[] {
  return [
    silverFilm({
      id: 1,
      title: 'Big Action',
      budget: 150e6,
      revenue: 600e6,
      genres: ['Action', 'Adventure'],
      directors: ['Ann Lee'],
    }),
    silverFilm({
      id: 2,
      title: 'Small Drama',
      budget: 5e6,
      revenue: 12e6,
      genres: ['Drama'],
      runtime: 95,
      originalLanguage: 'fr',
    }),
    silverFilm({
      id: 3,
      title: 'Mid Horror',
      budget: 20e6,
      revenue: 90e6,
      genres: ['Horror'],
      year: 2015,
      releaseDate: '2015-10-30',
    }),
    silverFilm({
      id: 4,
      title: 'Action Sequel',
      budget: 160e6,
      revenue: 700e6,
      genres: ['Action', 'Adventure'],
      year: 2014,
      releaseDate: '2014-06-20',
    }),
    silverFilm({ id: 5, title: 'Flagged', budget: 7, revenue: 12, genres: ['Action'], flags: ['budget_implausible'] }),
    silverFilm({ id: 6, title: 'Unknown Revenue', revenue: null, genres: ['Comedy'] }),
    silverFilm({
      id: 7,
      title: 'Old Western Adventure',
      budget: 140e6,
      revenue: 300e6,
      genres: ['Adventure'],
      year: 1995,
      releaseDate: '1995-05-01',
      companies: ['Carolco'],
    }),
  ];
}

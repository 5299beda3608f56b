/**
 * The extra track-record stats and the market budget: computed only from films released strictly before the
 * film at hand, and the same for a new film typed in the forecast form as for the same film in training.
 */
import { describe, expect, it } from 'vitest';
import { buildFeatureSpec, encode, featureNames } from '../../../src-main/core/features';
import { buildTrackHistory, budgetVsMarket, trackRecord } from '../../../src-main/core/features/track-records';
import { toFilmFacts } from '../../../src-main/core/features/film-facts';
import { TRACK_STAT_NAMES, type FeatureSpec } from '../../../src-main/core/features/types';
import type { FilmInput, SilverFilm } from '../../../src-main/shared/film';
import { silverFilm } from './film-fixtures';

const STAR = 'Star Lead';

/** A lead's career: 2000 ($200M on $20M), 2002 ($10M on $40M), 2004 (the film at hand), 2006 (later). */
function career(): SilverFilm[] {
  return [
    silverFilm({ id: 1, releaseDate: '2000-03-01', year: 2000, cast: [STAR], revenue: 200e6, budget: 20e6 }),
    silverFilm({ id: 2, releaseDate: '2002-03-01', year: 2002, cast: [STAR], revenue: 10e6, budget: 40e6 }),
    silverFilm({ id: 3, releaseDate: '2004-03-01', year: 2004, cast: [STAR, 'Newcomer'], revenue: 50e6 }),
    silverFilm({ id: 4, releaseDate: '2006-03-01', year: 2006, cast: [STAR], revenue: 900e6, budget: 90e6 }),
  ];
}

const ALL_STATS = ['cast', 'director', 'company']
  .flatMap((who) => TRACK_STAT_NAMES.map((stat) => `${who}_${stat}`))
  .concat('log_budget_vs_market');

describe('extra track-record stats', () => {
  it('read only earlier films: best prior, mean log ROI, best single name, recency-weighted mean', () => {
    const films = career();
    const history = buildTrackHistory(films, 2, { shrinkage: 0 });
    const r = trackRecord(history, toFilmFacts(films[2]), 'cast');
    expect(r.prior_films).toBe(2);
    expect(r.prior_max_log_revenue).toBeCloseTo(Math.log1p(200e6), 3);
    const roi = (Math.log1p(200e6) - Math.log1p(20e6) + Math.log1p(10e6) - Math.log1p(40e6)) / 2;
    expect(r.prior_mean_log_roi).toBeCloseTo(roi, 3);
    expect(r.prior_best_mean_log_revenue).toBeCloseTo((Math.log1p(200e6) + Math.log1p(10e6)) / 2, 3);
    // The 2002 flop is more recent than the 2000 hit, so it weighs more than in the plain mean.
    expect(r.prior_recent_mean_log_revenue).toBeLessThan(r.prior_mean_log_revenue);
    expect(r.prior_recent_mean_log_revenue).toBeGreaterThan(Math.log1p(10e6));
  });

  it('never change when a later film, or one released the same day, changes', () => {
    const spec = buildFeatureSpec(career(), ALL_STATS.join(','));
    const before = encode(spec, career()[2]);
    const changed = career();
    changed[3] = { ...changed[3], revenue: 1, budget: 1e9 };
    changed.push(silverFilm({ id: 5, releaseDate: '2004-03-01', year: 2004, cast: [STAR], revenue: 3e9, budget: 1e9 }));
    const spec2 = buildFeatureSpec(changed, ALL_STATS.join(','));
    expect(featureNames(spec2)).toEqual(featureNames(spec));
    expect(Array.from(encode(spec2, changed[2]))).toEqual(Array.from(before));
  });

  it('give a film typed in the forecast form the numbers the same film gets in training', () => {
    const films = career();
    const spec = JSON.parse(JSON.stringify(buildFeatureSpec(films, ALL_STATS.join(',')))) as FeatureSpec;
    const film = films[2];
    const typed: FilmInput = {
      budget: film.budget as number,
      runtime: film.runtime,
      genres: film.genres,
      releaseDate: film.releaseDate,
      language: film.originalLanguage,
      countries: film.countries,
      cast: ['  star LEAD ', 'Newcomer'],
    };
    expect(Array.from(encode(spec, typed))).toEqual(Array.from(encode(spec, film)));
  });

  it('do not move the best single record when an unknown extra name is typed', () => {
    const history = buildTrackHistory(career(), 2);
    const input: FilmInput = { budget: 30e6, genres: ['Drama'], releaseDate: '2008-01-01', cast: [STAR] };
    const alone = trackRecord(history, toFilmFacts(input), 'cast');
    const padded = trackRecord(history, toFilmFacts({ ...input, cast: [STAR, 'Nobody Known'] }), 'cast');
    expect(padded.prior_best_mean_log_revenue).toBe(alone.prior_best_mean_log_revenue);
    expect(padded.prior_max_log_revenue).toBe(alone.prior_max_log_revenue);
    const unknownOnly = trackRecord(history, toFilmFacts({ ...input, cast: ['Nobody Known'] }), 'cast');
    expect(unknownOnly.prior_best_mean_log_revenue).toBeNaN();
    expect(unknownOnly.prior_max_log_revenue).toBeNaN();
  });
});

describe('budget against the market', () => {
  it("compares with the previous three years' budgets only, never later films", () => {
    const films = [
      silverFilm({ id: 1, releaseDate: '1990-01-01', budget: 1e9 }), // more than three years before: ignored
      silverFilm({ id: 2, releaseDate: '2001-06-01', budget: 10e6 }),
      silverFilm({ id: 3, releaseDate: '2002-06-01', budget: 40e6 }),
      silverFilm({ id: 4, releaseDate: '2003-06-01', budget: 20e6 }), // the film at hand
      silverFilm({ id: 5, releaseDate: '2003-06-01', budget: 1e3 }), // same day: not earlier
      silverFilm({ id: 6, releaseDate: '2010-06-01', budget: 1e9 }), // later
    ];
    const history = buildTrackHistory(films, 2);
    const expected = Math.log1p(20e6) - (Math.log1p(10e6) + Math.log1p(40e6)) / 2;
    expect(budgetVsMarket(history, toFilmFacts(films[3]))).toBeCloseTo(expected, 3);
    // The analyst's film on that date, and an undated one (after all history: 2010 and the three years before).
    const typed: FilmInput = { budget: 20e6, genres: ['Drama'], releaseDate: '2003-06-01' };
    expect(budgetVsMarket(history, toFilmFacts(typed))).toBe(budgetVsMarket(history, toFilmFacts(films[3])));
    const undated = budgetVsMarket(history, toFilmFacts({ budget: 1e9, genres: ['Drama'] }));
    expect(undated).toBeCloseTo(0, 3);
    // No earlier film with a budget in the window: unknown.
    expect(budgetVsMarket(history, toFilmFacts(films[0]))).toBeNaN();
  });
});

import { describe, expect, it } from 'vitest';
import {
  buildFeatureSpec,
  describeValue,
  encode,
  encodeMatrix,
  featureNames,
  resolveFeatureNames,
  trackRecord,
  buildTrackHistory,
  toFilmFacts,
  trainingRows,
} from '../../../src-main/core/features';
import { FEATURE_SETS, FRANCHISE_LABELS, TRACK_LABELS, featuresLabel } from '../../../src-main/core/features/catalog';
import { TRACK_STAT_NAMES } from '../../../src-main/core/features/types';
import type { FilmInput } from '../../../src-main/shared/film';
import { silverFilm } from './film-fixtures';

const director = 'Ada Director';

/** Three films by the same director: 2001 (a hit), 2003 (a flop), 2005 (the film at hand). */
function careerFilms() {
  return [
    silverFilm({
      id: 1,
      releaseDate: '2001-05-01',
      directors: [director],
      cast: ['Lead A'],
      revenue: 100e6,
      budget: 10e6,
    }),
    silverFilm({
      id: 2,
      releaseDate: '2003-05-01',
      directors: [director],
      cast: ['Lead A'],
      revenue: 5e6,
      budget: 10e6,
    }),
    silverFilm({
      id: 3,
      releaseDate: '2005-05-01',
      directors: [director],
      cast: ['Lead B'],
      revenue: 900e6,
      budget: 10e6,
    }),
  ];
}

describe('track records', () => {
  it('count only films released strictly before the film at hand', () => {
    const films = careerFilms();
    const history = buildTrackHistory(films, 2);
    expect(trackRecord(history, toFilmFacts(films[0]), 'director').prior_films).toBe(0);
    expect(trackRecord(history, toFilmFacts(films[1]), 'director').prior_films).toBe(1);
    expect(trackRecord(history, toFilmFacts(films[2]), 'director').prior_films).toBe(2);
    // a film released the same day as another by the same director does not see it
    const sameDay = silverFilm({ id: 9, releaseDate: '2003-05-01', directors: [director] });
    expect(trackRecord(history, toFilmFacts(sameDay), 'director').prior_films).toBe(1);
  });

  it('never change when a later film changes (no look-ahead)', () => {
    const films = careerFilms();
    const spec = buildFeatureSpec(films, 'greenlight');
    const before = encode(spec, films[1]);
    const changed = careerFilms();
    changed[2] = { ...changed[2], revenue: 1, budget: 1e9 }; // the 2005 film flops instead
    changed.push(silverFilm({ id: 4, releaseDate: '2010-01-01', directors: [director], revenue: 2e9 }));
    const spec2 = buildFeatureSpec(changed, 'greenlight');
    const after = encode(spec2, changed[1]);
    const names = featureNames(spec);
    for (const name of names.filter((n) => n.startsWith('director_') || n.startsWith('cast_'))) {
      expect(after[featureNames(spec2).indexOf(name)], name).toBe(before[names.indexOf(name)]);
    }
  });

  it('shrink a one-film record toward the earlier films mean and know hit rates', () => {
    const films = careerFilms();
    const history = buildTrackHistory(films, 2);
    const r = trackRecord(history, toFilmFacts(films[1]), 'director');
    // one prior film (log1p 100M), and the all-films mean before 2003 is that same film: no pull
    expect(r.prior_mean_log_revenue).toBeCloseTo(Math.log1p(100e6), 3);
    expect(r.prior_hit_rate).toBeCloseTo(1, 6);
    const r3 = trackRecord(history, toFilmFacts(films[2]), 'director');
    expect(r3.prior_hit_rate).toBeCloseTo(0.5, 6); // one hit, one flop; global rate before 2005 is also 0.5
  });

  it('treat a new film without a date as released after all history, and a film with no people as a debut', () => {
    const films = careerFilms();
    const history = buildTrackHistory(films, 2);
    const input: FilmInput = { budget: 5e7, genres: ['Drama'], directors: ['ada director'] };
    expect(trackRecord(history, toFilmFacts(input), 'director').prior_films).toBe(3);
    // No cast typed reads exactly as a cast nobody has seen before, not as a missing value.
    const blank = trackRecord(history, toFilmFacts(input), 'cast');
    expect(blank).toEqual(trackRecord(history, toFilmFacts({ ...input, cast: ['Never Seen'] }), 'cast'));
    expect(blank.prior_films).toBe(0);
    expect(blank.prior_mean_log_revenue).toBeCloseTo(
      films.reduce((sum, f) => sum + Math.log1p(f.revenue!), 0) / films.length,
      3, // the history keeps log revenue to 4 decimals
    );
  });
});

describe('feature spec and encode', () => {
  const films = [
    ...careerFilms(),
    silverFilm({ id: 10, genres: ['Action', 'Adventure'], companies: ['Warner Bros.'], keywords: ['hero'] }),
    silverFilm({ id: 11, genres: ['Comedy'], budget: null, releaseDate: null, year: null }),
    // companies need five films to enter the vocabulary
    ...[12, 13, 14, 15].map((id) => silverFilm({ id, companies: ['Warner Bros.'] })),
  ];

  it('builds the greenlight set with genres, track records and no post-release values', () => {
    const spec = buildFeatureSpec(films, 'greenlight');
    const names = featureNames(spec);
    expect(names).toContain('log_budget');
    expect(names).toEqual(expect.arrayContaining(['genre=Action', 'genre=Comedy', 'genre=Drama']));
    expect(names).toContain('director_prior_films');
    expect(names).not.toContain('popularity');
    expect(featureNames(buildFeatureSpec(films, 'tracking'))).toEqual(
      expect.arrayContaining(['popularity', 'vote_count', 'vote_average']),
    );
  });

  it('leaves track records out of a named set when there are no credits, and refuses them by name', () => {
    const noCredits = films.map((f) => ({ ...f, directors: [], cast: [] }));
    const names = featureNames(buildFeatureSpec(noCredits, 'greenlight'));
    expect(names.some((n) => /^(director|cast)_prior/.test(n))).toBe(false);
    expect(() => buildFeatureSpec(noCredits, 'director_prior_films,runtime')).toThrow(/credits/);
  });

  it('accepts the seed list, where budget means log1p budget, and refuses unknown names', () => {
    const spec = buildFeatureSpec(films, 'runtime,popularity,vote_average,budget');
    expect(featureNames(spec)).toEqual(['runtime', 'popularity', 'vote_average', 'budget']);
    const row = encode(spec, films[0]);
    expect(row[3]).toBeCloseTo(Math.log1p(10e6), 10);
    expect(() => resolveFeatureNames('runtime,revenue')).toThrow(/Unknown feature 'revenue'/);
  });

  it('extends a set named inside a list with more names, once each, as a custom set', () => {
    const extended = resolveFeatureNames('greenlight, has_tagline,runtime');
    expect(extended.set).toBe('custom');
    expect(extended.names).toEqual([...FEATURE_SETS.greenlight, 'has_tagline']);
    const spec = buildFeatureSpec(films, 'greenlight,has_tagline');
    expect(featureNames(spec)).toEqual([...featureNames(buildFeatureSpec(films, 'greenlight')), 'has_tagline']);
    expect(() => resolveFeatureNames('greenlight,tagline')).toThrow(/Unknown feature 'tagline'/);
    // A version is labelled with the list as asked for, not the expanded names.
    expect(featuresLabel(' greenlight, has_tagline,has_tagline ')).toBe('greenlight,has_tagline');
    expect(featuresLabel(['runtime', 'budget'])).toBe('runtime,budget');
  });

  it('encodes the same after a JSON round trip, for silver films and new films', () => {
    const spec = buildFeatureSpec(films, 'tracking');
    const restored = JSON.parse(JSON.stringify(spec));
    const input: FilmInput = {
      budget: 150e6,
      runtime: 120,
      genres: ['action'],
      releaseDate: '2027-06-18',
      companies: ['warner bros.'],
      directors: [director],
    };
    for (const film of [...films, input]) {
      const a = encode(spec, film);
      const b = encode(restored, film);
      expect(Array.from(b).map(String)).toEqual(Array.from(a).map(String)); // String keeps NaN comparable
    }
    const row = encode(restored, input);
    const names = featureNames(spec);
    expect(row[names.indexOf('genre=Action')]).toBe(1); // case-insensitive match
    expect(row[names.indexOf('company=Warner Bros.')]).toBe(1);
    expect(row[names.indexOf('month')]).toBe(6);
    expect(row[names.indexOf('weekday')]).toBe(5); // 2027-06-18 is a Friday
    expect(Number.isNaN(row[names.indexOf('popularity')])).toBe(true);
  });

  it('marks unknown values as NaN and fills a matrix row by row', () => {
    const spec = buildFeatureSpec(films, 'greenlight');
    const m = encodeMatrix(spec, films);
    expect(m.rows).toBe(films.length);
    const j = featureNames(spec).indexOf('log_budget');
    expect(Number.isNaN(m.data[4 * m.cols + j])).toBe(true);
    expect(m.data[j]).toBeCloseTo(Math.log1p(10e6), 10);
  });

  it('labels values for people', () => {
    const spec = buildFeatureSpec(films, 'greenlight');
    const col = (name: string) => spec.columns.find((c) => c.name === name)!;
    expect(describeValue(col('log_budget'), Math.log1p(150e6))).toBe('budget $150M');
    expect(describeValue(col('genre=Action'), 1)).toBe('genre Action: yes');
    expect(describeValue(col('month'), 6)).toBe('release month June');
  });

  it('names track records and franchise figures in plain words, without log scales or statistics jargon', () => {
    const labels = [
      ...Object.values(TRACK_LABELS).flatMap((byStat) => Object.values(byStat)),
      ...Object.values(FRANCHISE_LABELS),
    ];
    expect(labels).toHaveLength(3 * TRACK_STAT_NAMES.length + 5);
    for (const label of labels) expect(label).not.toMatch(/\blog\b|mean|prior|\/|_/);
    expect(TRACK_LABELS.director.prior_mean_log_revenue).toBe("director's earlier films: typical revenue");
    expect(TRACK_LABELS.company.prior_hit_rate).toBe("studios' earlier films: hit rate");
    expect(FRANCHISE_LABELS.franchise_last_log_roi).toBe("franchise's latest film: return on budget");
    // Every label names a different figure.
    expect(new Set(labels).size).toBe(labels.length);
  });
});

describe('training rows', () => {
  it('leaves flagged films out by default and builds hit labels from the multiple', () => {
    const films = [
      silverFilm({ id: 1, revenue: 25e6, budget: 10e6 }),
      silverFilm({ id: 2, revenue: 15e6, budget: 10e6 }),
      silverFilm({ id: 3, revenue: 7, budget: 30, flags: ['budget_implausible'] }),
      silverFilm({ id: 4, revenue: null }),
    ];
    expect(trainingRows(films, 'hit').films.map((f) => f.id)).toEqual([1, 2]);
    expect(Array.from(trainingRows(films, 'hit').y)).toEqual([1, 0]);
    expect(Array.from(trainingRows(films, 'hit', { hitMultiple: 3 }).y)).toEqual([0, 0]);
    expect(trainingRows(films, 'revenue', { includeFlagged: true }).films.map((f) => f.id)).toEqual([1, 2, 3]);
    expect(trainingRows(films, 'popularity').films).toHaveLength(3);
  });
});

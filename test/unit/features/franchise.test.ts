/**
 * Franchise records from titles: which earlier films a film continues, read only from films released strictly
 * before it, the same for a film typed in the forecast form as in training, and guarded against false matches.
 */
import { describe, expect, it } from 'vitest';
import { buildFeatureSpec, describeValue, encode, featureNames, toFilmFacts } from '../../../src-main/core/features';
import { franchisePriors, franchiseRecord, titleParts } from '../../../src-main/core/features/franchise';
import { buildTrackHistory } from '../../../src-main/core/features/track-records';
import type { FeatureSpec } from '../../../src-main/core/features/types';
import type { FilmInput, SilverFilm } from '../../../src-main/shared/film';
import { silverFilm } from './film-fixtures';

let id = 1000;
function film(title: string, releaseDate: string, overrides: Partial<SilverFilm> = {}): SilverFilm {
  return silverFilm({ id: id++, title, releaseDate, year: Number(releaseDate.slice(0, 4)), ...overrides });
}

/** The titles of the earlier films `title` continues (released on `date`), from these history films. */
function priorTitles(history: SilverFilm[], title: string, date: string | null, extra: Partial<FilmInput> = {}) {
  const h = buildTrackHistory(history, 2, { titles: true });
  const facts = toFilmFacts({ title, budget: 1e8, genres: ['Drama'], releaseDate: date, ...extra });
  return franchisePriors(h, facts).map((i) => h.titles![i]);
}

const ironMan = () => [
  film('Iron Man', '2008-05-02', { revenue: 585e6, budget: 140e6 }),
  film('Iron Man 2', '2010-05-07', { revenue: 624e6, budget: 200e6 }),
  film('Iron Man 3', '2013-05-03', { revenue: 1215e6, budget: 200e6 }),
];

describe('franchise titles', () => {
  it('split into words and a franchise key without sequel markers, subtitles or a leading article', () => {
    expect(titleParts('Shrek the Third').key).toBe('shrek');
    expect(titleParts('The Godfather: Part II').key).toBe('godfather');
    expect(titleParts('Star Trek II: The Wrath of Khan').key).toBe('star trek');
    expect(titleParts('Back to the Future Part III').key).toBe('back to the future');
    expect(titleParts('Fast & Furious 6').key).toBe('fast and furious');
    expect(titleParts('Amélie').words).toEqual(['amelie']);
    expect(titleParts("Ocean's Twelve").words).toEqual(['oceans', 'twelve']);
    // A title that is only a number keeps it: '300' is a film, not a sequel marker.
    expect(titleParts('300').key).toBe('300');
    expect(titleParts('Apollo 13').key).toBe('apollo 13');
    expect(titleParts(null)).toEqual({ words: [], key: '' });
    // Plain ASCII titles take a one-pass tokenizer; others the Unicode rules: both read alike.
    expect(titleParts('Ocean\u2019s Twelve')).toEqual(titleParts("Ocean's Twelve"));
    expect(titleParts('Amélie & Co: Part 2')).toEqual(titleParts('AMELIE & CO: part 2'));
    expect(titleParts('Amélie & Co: Part 2')).toEqual({
      words: ['amelie', 'and', 'co', 'part', '2'],
      key: 'amelie and co',
    });
    expect(titleParts('X-Men: Days of Future Past')).toEqual({
      words: ['x', 'men', 'days', 'of', 'future', 'past'],
      key: 'x men',
    });
    expect(titleParts('Cry_Wolf').words).toEqual(['cry', 'wolf']);
    expect(titleParts('Léon: The Professional').key).toBe('leon');
    expect(titleParts('千と千尋の神隠し').words).toEqual(['千と千尋の神隠し']);
  });

  it('find sequels by number, roman numeral, "the Third", subtitle and whole-title prefix', () => {
    const films = [
      ...ironMan(),
      film('Shrek', '2001-05-18'),
      film('Shrek 2', '2004-05-19'),
      film('Thor', '2011-04-21'),
      film('The Dark Knight', '2008-07-16'),
      film('Rocky', '1976-11-21'),
    ];
    expect(priorTitles(films, 'Iron Man 2', '2010-05-07')).toEqual(['Iron Man']);
    expect(priorTitles(films, 'Shrek the Third', '2007-05-17')).toEqual(['Shrek', 'Shrek 2']);
    expect(priorTitles(films, 'Thor: The Dark World', '2013-10-30')).toEqual(['Thor']);
    expect(priorTitles(films, 'The Dark Knight Rises', '2012-07-16')).toEqual(['The Dark Knight']);
    expect(priorTitles(films, 'Rocky II', '1979-06-15')).toEqual(['Rocky']);
  });

  it('confirm a shared long start or one rare first word only through shared people', () => {
    const radcliffe = { cast: ['Daniel Radcliffe', 'Rupert Grint'], companies: ['Heyday Films'] };
    const films = [
      film("Harry Potter and the Philosopher's Stone", '2001-11-16', radcliffe),
      film('Casino', '1995-11-22', { directors: ['Martin Scorsese'], companies: ['Universal Pictures'] }),
    ];
    expect(priorTitles(films, 'Harry Potter and the Chamber of Secrets', '2002-11-13', radcliffe)).toEqual([
      "Harry Potter and the Philosopher's Stone",
    ]);
    // Two shared words: a shared studio is enough; nothing shared, no match.
    expect(
      priorTitles(films, 'Harry Potter and the Chamber of Secrets', '2002-11-13', { companies: ['Heyday Films'] }),
    ).toHaveLength(1);
    expect(priorTitles(films, 'Harry Potter and the Chamber of Secrets', '2002-11-13')).toEqual([]);
    // One rare word: a studio is not enough, a director is.
    expect(priorTitles(films, 'Casino Royale', '2006-11-14')).toEqual([]);
    expect(priorTitles(films, 'Casino Royale', '2006-11-14', { companies: ['Universal Pictures'] })).toEqual([]);
    expect(priorTitles(films, 'Casino Jack', '2010-09-10', { directors: ['martin scorsese'] })).toEqual(['Casino']);
  });

  it('never match on a common or small word, the same title twice, or a number that is not a sequel marker', () => {
    const stars = ['Star Wars', 'Star Trek', 'A Star Is Born', 'Lone Star', 'Star Kid', 'Dark Star'];
    const loves = ['Love Actually', 'Love Story', 'Love Happens', 'Love & Basketball', 'Love Jones', 'Love Field'];
    const lead = { cast: ['Same Lead'] };
    const films = [
      ...stars.map((t, i) => film(t, `${1970 + i}-01-01`, lead)),
      ...loves.map((t, i) => film(t, `${1980 + i}-01-01`, lead)),
      film('Up', '2009-05-29', lead),
      film('The Host', '2006-07-27', lead),
      film('Apollo 13', '1995-06-30', lead),
      film('The Man Who Knew Too Much', '1956-06-01', lead),
    ];
    expect(priorTitles(films, 'Star Trek', '2009-05-08', lead)).not.toContain('Star Wars');
    expect(priorTitles(films, 'Star Dust', '2007-08-10', lead)).toEqual([]); // 'star' is in six earlier titles
    expect(priorTitles(films, 'Love Wedding Marriage', '2011-06-03', lead)).toEqual([]);
    expect(priorTitles(films, 'Up in the Air', '2009-12-04', lead)).toEqual([]); // 'up' is a small word
    expect(priorTitles(films, 'The Host', '2013-03-22', lead)).toEqual([]); // a remake, not a sequel
    expect(priorTitles(films, 'Apollo 18', '2011-09-02')).toEqual([]); // 13 is no sequel number: keys differ
    expect(priorTitles(films, 'The Man Who Shot Liberty Valance', '1962-04-22')).toEqual([]);
    expect(priorTitles(films, 'The', '2010-01-01', lead)).toEqual([]);
  });

  it('read only films released strictly before: never later ones, one the same day, or the film itself', () => {
    const films = ironMan();
    const spec = buildFeatureSpec(films, 'franchise_records,runtime');
    const before = encode(spec, films[1]);
    const changed = ironMan();
    changed[1] = { ...changed[1], revenue: 1 }; // the film's own revenue
    changed[2] = { ...changed[2], revenue: 5e9, budget: 1 }; // a later film
    changed.push(film('Iron Man 2: Extended', '2010-05-07', { revenue: 9e9 })); // the same day
    changed.push(film('Iron Man 4', '2020-05-07', { revenue: 9e9 })); // later still
    const spec2 = buildFeatureSpec(changed, 'franchise_records,runtime');
    expect(Array.from(encode(spec2, changed[1]))).toEqual(Array.from(before));
    const at = (name: string, row: Float64Array) => row[featureNames(spec).indexOf(name)];
    expect(at('franchise_prior_films', encode(spec, films[0]))).toBe(0);
    expect(at('franchise_prior_films', before)).toBe(1);
    expect(at('franchise_prior_films', encode(spec, films[2]))).toBe(2);
  });

  it('give a film typed in the forecast form the numbers the same film gets in training, from a stored spec', () => {
    const films = ironMan();
    const spec = JSON.parse(JSON.stringify(buildFeatureSpec(films, 'greenlight'))) as FeatureSpec;
    const past = films[2];
    const typed: FilmInput = {
      title: '  iron man 3 ',
      budget: past.budget as number,
      runtime: past.runtime,
      genres: past.genres,
      releaseDate: past.releaseDate,
      language: past.originalLanguage,
      countries: past.countries,
    };
    expect(Array.from(encode(spec, typed))).toEqual(Array.from(encode(spec, past)));
    // A new sequel with no date comes after all history: it continues all three.
    const next = encode(spec, { title: 'Iron Man 4', budget: 2e8, genres: ['Action'] });
    expect(next[featureNames(spec).indexOf('franchise_prior_films')]).toBe(3);
  });

  it('give a title with no franchise, or no title, no earlier films and no franchise figures', () => {
    const history = buildTrackHistory(ironMan(), 2, { titles: true });
    const input: FilmInput = { title: 'A Quiet Original', budget: 3e7, genres: ['Drama'], releaseDate: '2015-01-01' };
    const none = franchiseRecord(history, toFilmFacts(input));
    expect(none.franchise_prior_films).toBe(0);
    expect(none.franchise_prior_mean_log_revenue).toBeNaN();
    expect(none.franchise_last_log_roi).toBeNaN();
    expect(franchiseRecord(history, toFilmFacts({ ...input, title: undefined }))).toEqual(none);
    expect(franchiseRecord(history, toFilmFacts({ ...input, title: '   ' }))).toEqual(none);
    // A past film with no date: unknown, as for track records.
    const undated = franchiseRecord(history, toFilmFacts(film('Iron Man 5', '', { releaseDate: null })));
    expect(undated.franchise_prior_films).toBeNaN();
  });

  it('shrink the mean toward earlier films, take the latest known budget for the ROI, and say it in words', () => {
    const films = [
      film('Other', '2000-01-01', { revenue: 1e6 }),
      ...ironMan(),
      film('Iron Man: Begins', '2014-01-01', { revenue: 1e6, budget: null }),
    ];
    const history = buildTrackHistory(films, 2, { titles: true, shrinkage: 3 });
    const facts = toFilmFacts({ title: 'Iron Man 4', budget: 2e8, genres: ['Action'], releaseDate: '2016-01-01' });
    const r = franchiseRecord(history, facts);
    expect(r.franchise_prior_films).toBe(4);
    const logs = [585e6, 624e6, 1215e6, 1e6].map(Math.log1p);
    const all = [1e6, 585e6, 624e6, 1215e6, 1e6].map(Math.log1p);
    const globalMean = all.reduce((a, b) => a + b, 0) / all.length;
    expect(r.franchise_prior_mean_log_revenue).toBeCloseTo((logs.reduce((a, b) => a + b, 0) + 3 * globalMean) / 7, 3);
    expect(r.franchise_prior_max_log_revenue).toBeCloseTo(Math.log1p(1215e6), 3);
    expect(r.franchise_last_log_revenue).toBeCloseTo(Math.log1p(1e6), 3);
    // The latest film has no budget: the ROI is Iron Man 3's.
    expect(r.franchise_last_log_roi).toBeCloseTo(Math.log1p(1215e6) - Math.log1p(200e6), 3);

    const spec = buildFeatureSpec(films, 'franchise_records,runtime');
    const column = (name: string) => spec.columns.find((c) => c.name === name)!;
    expect(describeValue(column('franchise_prior_films'), 4)).toBe(
      "franchise's earlier films (found by title): count = 4 films",
    );
    expect(describeValue(column('franchise_prior_films'), 0)).toBe(
      "franchise's earlier films (found by title): count = none",
    );
    expect(describeValue(column('franchise_last_log_roi'), Math.log(6.075))).toBe(
      "franchise's latest film: return on budget = 6.1x budget",
    );
    expect(describeValue(column('franchise_last_log_roi'), NaN)).toBe(
      "franchise's latest film: return on budget = none",
    );
  });
});

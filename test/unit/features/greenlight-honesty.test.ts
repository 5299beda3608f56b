import { describe, expect, it } from 'vitest';
import { buildFeatureSpec, encode, featureNames } from '../../../src-main/core/features';
import { inFixedDollars } from '../../../src-main/core/features/inflation';
import type { FilmInput } from '../../../src-main/shared/film';
import { silverFilm } from './film-fixtures';

/** Enough films for keyword and company vocabularies (five films each), with credits-stinger tags. */
function films() {
  return Array.from({ length: 12 }, (_, i) =>
    silverFilm({
      id: 100 + i,
      releaseDate: `${2000 + i}-05-01`,
      year: 2000 + i,
      revenue: 10e6 * (i + 1),
      companies: i % 2 === 0 ? ['Big Studio'] : ['Small Shop', 'Other'],
      keywords: ['duringcreditsstinger', 'sequel', ...(i % 3 === 0 ? ['aftercreditsstinger'] : [])],
      hasTagline: i % 2 === 0,
      hasHomepage: i % 4 === 0,
    }),
  );
}

const newFilm: FilmInput = {
  title: 'Next',
  budget: 50e6,
  runtime: 110,
  genres: ['Drama'],
  releaseDate: '2027-05-01',
  companies: ['Big Studio'],
};

describe('the greenlight set is honest about what is known before a film is made', () => {
  it('has no page-completeness counts or flags and no viewer-tagged keywords; tracking keeps the counts', () => {
    const names = featureNames(buildFeatureSpec(films(), 'greenlight'));
    for (const leaky of ['n_keywords', 'n_companies', 'has_tagline', 'has_homepage'])
      expect(names).not.toContain(leaky);
    expect(names.filter((n) => n.includes('stinger'))).toEqual([]);
    expect(names).toContain('keyword=sequel');
    expect(names).toEqual(expect.arrayContaining(['company_prior_mean_log_revenue', 'company_prior_hit_rate']));
    expect(featureNames(buildFeatureSpec(films(), 'tracking'))).toEqual(
      expect.arrayContaining(['n_keywords', 'n_companies', 'has_tagline', 'has_homepage', 'popularity']),
    );
  });

  it('encodes a new film the same however much of its page the analyst filled in', () => {
    const spec = buildFeatureSpec(films(), 'greenlight');
    const sparse = encode(spec, newFilm);
    const filled = encode(spec, {
      ...newFilm,
      keywords: ['unheard-of one', 'another', 'third'],
      hasTagline: true,
      hasHomepage: true,
      companies: ['Big Studio', 'Unknown Financier', 'Another Unknown'],
    });
    expect(Array.from(filled)).toEqual(Array.from(sparse));
  });

  it("gives a studio's record from its earlier films only, and reads a film with no studio as one new to the data", () => {
    const spec = buildFeatureSpec(films(), 'company_records,runtime');
    const at = (name: string, row: Float64Array) => row[featureNames(spec).indexOf(name)];
    const early = encode(spec, { ...newFilm, releaseDate: '2004-06-01' });
    const late = encode(spec, newFilm);
    // Big Studio released films in 2000, 2002, 2004 (before June) -> 3 earlier films in 2004; all 6 by 2027.
    expect(at('company_prior_films', early)).toBe(3);
    expect(at('company_prior_films', late)).toBe(6);
    expect(at('company_prior_mean_log_revenue', late)).toBeGreaterThan(at('company_prior_mean_log_revenue', early));
    const blank = encode(spec, { ...newFilm, companies: [] });
    expect(Array.from(blank)).toEqual(Array.from(encode(spec, { ...newFilm, companies: ['Never Heard Of'] })));
    expect(at('company_prior_films', blank)).toBe(0);
  });

  it('reads a blank country list as one country outside the vocabulary, not as a film made nowhere', () => {
    const spec = buildFeatureSpec(films(), 'greenlight');
    expect(spec.blankCountriesAsOne).toBe(true);
    const names = featureNames(spec);
    const blank = encode(spec, { ...newFilm, countries: [] });
    expect(blank[names.indexOf('n_countries')]).toBe(1);
    // Exactly as a country the data do not know (all country columns 0, one country).
    expect(Array.from(blank)).toEqual(Array.from(encode(spec, { ...newFilm, countries: ['ZZ'] })));
    expect(encode(spec, { ...newFilm, countries: ['US', 'GB'] })[names.indexOf('n_countries')]).toBe(2);
    // Silver films with no country read the same way in training.
    const silverBlank = encode(spec, { ...films()[0], countries: [] });
    expect(silverBlank[names.indexOf('n_countries')]).toBe(1);
    // A spec saved before the change (no flag) keeps reading a blank as 0, so stored versions predict as before.
    const { blankCountriesAsOne: _flag, ...older } = JSON.parse(JSON.stringify(spec)) as typeof spec;
    expect(encode(older, { ...newFilm, countries: [] })[names.indexOf('n_countries')]).toBe(0);
    expect(buildFeatureSpec(films(), 'greenlight', { blankCountriesAsOne: false }).blankCountriesAsOne).toBeUndefined();
    // Only specs with the column carry the flag.
    expect(buildFeatureSpec(films(), 'runtime,budget').blankCountriesAsOne).toBeUndefined();
  });
});

describe('budget in fixed dollars', () => {
  it('leaves 2017 dollars alone and grows older budgets by consumer prices', () => {
    expect(inFixedDollars(1e6, 2017)).toBeCloseTo(1e6, 6);
    expect(inFixedDollars(1e6, 1985) / 1e6).toBeCloseTo(245.1 / 107.6, 6);
    expect(inFixedDollars(1e6, 1850)).toBe(inFixedDollars(1e6, 1913));
    expect(inFixedDollars(1e6, 2090)).toBe(inFixedDollars(1e6, 2024));
  });
});

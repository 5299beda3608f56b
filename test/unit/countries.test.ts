/**
 * Country names for codes (src-main/shared/countries.ts): the platform's English names for ISO 3166-1 codes, the
 * country a retired TMDB code meant ('SU' the Soviet Union, not Russia), the code itself, never an exception, for
 * anything else; and the way back from what an analyst types (a name or a code) to the code the form submits.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  COUNTRY_CODES,
  countryChoices,
  countryCode,
  countryLabel,
  countryName,
  isCountryCode,
} from '../../src-main/shared/countries';
import { membership } from '../../src-main/shared/format';
import { featureLabel } from '../../src-main/shared/charts/forecast';
import { describeContributions } from '../../src-main/core/forecast/explain-text';
import { inputRows } from '../../src-main/core/report/sections';
import { makeForecast, sampleInput } from './report/fixtures';

describe('isCountryCode', () => {
  it('knows the assigned codes and the retired or private ones TMDB gives, in any case, and nothing else', () => {
    for (const code of ['US', 'gb', ' cn ', 'XK', 'SU', 'xc', 'XG', 'YU', 'AN']) expect(isCountryCode(code)).toBe(true);
    for (const code of ['XX', 'UK', 'ZZ', 'U', 'USA', '', 'Neverland']) expect(isCountryCode(code)).toBe(false);
    expect(COUNTRY_CODES.every(isCountryCode)).toBe(true);
  });
});

describe('countryName', () => {
  it('names standard codes in English, whatever their case or spaces', () => {
    expect(countryName('US')).toBe('United States');
    expect(countryName('GB')).toBe('United Kingdom');
    expect(countryName('CN')).toBe('China');
    expect(countryName('FR')).toBe('France');
    expect(countryName(' de ')).toBe('Germany');
    expect(countryName('jp')).toBe('Japan');
  });

  it('names the countries of retired and private codes TMDB gives old films, not their successors', () => {
    expect(countryName('SU')).toBe('Soviet Union');
    expect(countryName('YU')).toBe('Yugoslavia');
    expect(countryName('CS')).toBe('Serbia and Montenegro');
    expect(countryName('XC')).toBe('Czechoslovakia');
    expect(countryName('XG')).toBe('East Germany');
    expect(countryName('DD')).toBe('East Germany');
    expect(countryName('XK')).toBe('Kosovo');
  });

  it('reads short names where the platform adds a note, and "and" for "&"', () => {
    expect(countryName('HK')).toBe('Hong Kong');
    expect(countryName('MO')).toBe('Macao');
    expect(countryName('MM')).toBe('Myanmar');
    expect(countryName('BA')).toBe('Bosnia and Herzegovina');
    expect(countryName('TT')).toBe('Trinidad and Tobago');
  });

  it('gives back an unknown code or a non-code as it was, and blank as blank', () => {
    expect(countryName('XX')).toBe('XX');
    expect(countryName('xx')).toBe('xx');
    expect(countryName('ZZ')).toBe('ZZ');
    expect(countryName('QO')).toBe('QO');
    expect(countryName('AA')).toBe('AA');
    expect(countryName('Atlantis')).toBe('Atlantis');
    expect(countryName(' Neverland ')).toBe('Neverland');
    expect(countryName('USA')).toBe('USA');
    expect(countryName('U')).toBe('U');
    expect(countryName('x1')).toBe('x1');
    expect(countryName('')).toBe('');
    expect(countryName('   ')).toBe('');
    expect(countryName(null)).toBe('');
    expect(countryName(undefined)).toBe('');
  });

  it('names every country the picker offers, each name once, and reads each name back to its code', () => {
    expect(COUNTRY_CODES).toHaveLength(250);
    const names = COUNTRY_CODES.map((code) => countryName(code));
    expect(names.filter((name, i) => name === COUNTRY_CODES[i])).toEqual([]);
    expect(new Set(names).size).toBe(names.length);
    expect(COUNTRY_CODES.filter((code) => countryCode(countryName(code)) !== code)).toEqual([]);
    expect(COUNTRY_CODES.filter((code) => countryCode(countryLabel(code)) !== code)).toEqual([]);
  });
});

describe('on a platform without region names', () => {
  afterEach(() => {
    vi.restoreAllMocks();
    vi.resetModules();
  });

  it('shows codes as they are and still never throws', async () => {
    vi.spyOn(Intl, 'DisplayNames').mockImplementation(function () {
      throw new RangeError('no region names here');
    });
    vi.resetModules();
    const fresh = await import('../../src-main/shared/countries');
    expect(fresh.countryName('US')).toBe('US');
    expect(fresh.countryName('SU')).toBe('Soviet Union');
    expect(fresh.countryLabel('GB')).toBe('GB');
    expect(fresh.countryCode('gb')).toBe('GB');
    expect(fresh.countryCode('USA')).toBe('US');
  });
});

describe('countryLabel', () => {
  it('shows the name with the code, and an unknown code or a name once', () => {
    expect(countryLabel('US')).toBe('United States (US)');
    expect(countryLabel('gb')).toBe('United Kingdom (GB)');
    expect(countryLabel('CN')).toBe('China (CN)');
    expect(countryLabel('XX')).toBe('XX');
    expect(countryLabel('Atlantis')).toBe('Atlantis');
    expect(countryLabel('')).toBe('');
    expect(countryLabel(null)).toBe('');
  });
});

describe('countryChoices', () => {
  it('sorts by name, keeps each code once in upper case and drops blanks', () => {
    expect(countryChoices(['us', 'GB', 'CN', ' ', 'US', 'fr', 'XX']).map((c) => c.label)).toEqual([
      'China (CN)',
      'France (FR)',
      'United Kingdom (GB)',
      'United States (US)',
      'XX',
    ]);
  });
});

describe('countryCode', () => {
  it('reads codes in any case, names in any case or accent, and picker labels', () => {
    expect(countryCode('us')).toBe('US');
    expect(countryCode(' GB ')).toBe('GB');
    expect(countryCode('United States')).toBe('US');
    expect(countryCode('united kingdom')).toBe('GB');
    expect(countryCode('China')).toBe('CN');
    expect(countryCode('Cote d’Ivoire')).toBe('CI');
    expect(countryCode("cote d'ivoire")).toBe('CI');
    expect(countryCode('Bosnia & Herzegovina')).toBe('BA');
    expect(countryCode('the Netherlands')).toBe('NL');
    expect(countryCode('China (CN)')).toBe('CN');
    expect(countryCode('Soviet Union')).toBe('SU');
  });

  it("reads everyday names and TMDB's own, and UK as the GB the data use", () => {
    expect(countryCode('USA')).toBe('US');
    expect(countryCode('United States of America')).toBe('US');
    expect(countryCode('UK')).toBe('GB');
    expect(countryCode('uk')).toBe('GB');
    expect(countryCode('Great Britain')).toBe('GB');
    expect(countryCode('Czech Republic')).toBe('CZ');
    expect(countryCode('Hong Kong')).toBe('HK');
  });

  it('knows no code that no country has, as the forecast contract does not, nor any name it does not know', () => {
    expect(countryCode('XX')).toBeNull();
    expect(countryCode('xx')).toBeNull();
    expect(countryCode('Neverland (XX)')).toBeNull();
    expect(countryCode('su')).toBe('SU');
    expect(countryCode('Atlantis')).toBeNull();
    expect(countryCode('Korea')).toBeNull();
    expect(countryCode('U S')).toBeNull();
    expect(countryCode('')).toBeNull();
    expect(countryCode('  ')).toBeNull();
    expect(countryCode(null)).toBeNull();
    expect(countryCode(undefined)).toBeNull();
  });
});

describe("the PDF report's inputs", () => {
  const countries = (codes: string[] | undefined) =>
    new Map(inputRows(makeForecast({ ...sampleInput, countries: codes }))).get('Production countries');

  it('name the production countries with their codes, an unknown code as it is, and none as a dash', () => {
    expect(countries(['US', 'GB'])).toBe('United States (US), United Kingdom (GB)');
    expect(countries(['CN', 'XX'])).toBe('China (CN), XX');
    expect(countries([])).toBe('—');
    expect(countries(undefined)).toBe('—');
  });
});

describe('reasons saved with a forecast', () => {
  it('read a country code in a label saved before countries were named as its name', () => {
    expect(featureLabel({ feature: 'country=CN', value: 'yes', label: 'Production country: CN' })).toBe(
      'Production country: China',
    );
    expect(featureLabel({ feature: 'country=GB', value: 'no', label: 'Production country: not GB' })).toBe(
      'Production country: not United Kingdom',
    );
    expect(featureLabel({ feature: 'language=zh', value: 'yes', label: 'Original language: zh' })).toBe(
      'Original language: Mandarin',
    );
    // Labels saved now, other columns and codes nobody knows stay as saved.
    expect(featureLabel({ feature: 'country=CN', value: 'yes', label: 'Production country: China' })).toBe(
      'Production country: China',
    );
    expect(featureLabel({ feature: 'country=XX', value: 'yes', label: 'Production country: XX' })).toBe(
      'Production country: XX',
    );
    expect(featureLabel({ feature: 'genre=Drama', value: 'no', label: 'Genre: not Drama' })).toBe('Genre: not Drama');
  });

  it('name the country of a reason saved without a label', () => {
    expect(membership('country=CN', 'yes')).toEqual({ group: 'country', term: 'China', member: true });
    expect(membership('country=XX', 'no')).toEqual({ group: 'country', term: 'XX', member: false });
    expect(featureLabel({ feature: 'country=US', value: 'no' })).toBe('country: not United States');
    const [reason] = describeContributions([{ feature: 'country=CN', value: 'yes', effect: 0.12 }], 'log revenue');
    expect(reason.text).toBe('country China: +0.12 on log revenue');
  });
});

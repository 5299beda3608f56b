import { describe, expect, it } from 'vitest';
import {
  parseDate,
  parseInteger,
  parseJsonList,
  parseMoney,
  parseNameList,
  parseNumber,
  ValueParseError,
} from '../../../src-main/core/ingest/parse';

describe('parseMoney', () => {
  it.each([
    ['90000000', 90_000_000],
    ['90M', 90_000_000],
    ['90m', 90_000_000],
    ['$90,000,000', 90_000_000],
    ['1.5B', 1_500_000_000],
    ['90 000 000', 90_000_000],
    ['$90 million', 90_000_000],
    ['250K', 250_000],
    ['USD 1,234.50', 1234.5],
    ['90.000.000', 90_000_000],
    ['0', 0],
  ])('reads %s', (text, expected) => {
    expect(parseMoney(text)).toBe(expected);
  });

  it('returns null for empty and n/a cells', () => {
    expect(parseMoney('')).toBeNull();
    expect(parseMoney('  ')).toBeNull();
    expect(parseMoney('N/A')).toBeNull();
    expect(parseMoney(undefined)).toBeNull();
  });

  it('refuses words, bad grouping and unknown units, listing the accepted formats', () => {
    for (const bad of ['lots', '1,23,4', '90 00', '12 zillion', '€90M', '9O']) {
      expect(() => parseMoney(bad), bad).toThrowError(ValueParseError);
    }
    expect(() => parseMoney('lots')).toThrowError(/accepted: 90000000, 90M, \$90,000,000, 1\.5B, 90 000 000/);
  });

  it('refuses negative amounts', () => {
    expect(() => parseMoney('-5000000')).toThrowError(/negative/);
    expect(() => parseMoney('$-5M')).toThrowError(/negative/);
    expect(() => parseMoney('(5,000)')).toThrowError(/negative/);
  });
});

describe('parseDate', () => {
  it.each([
    ['2010-07-16', '2010-07-16'],
    ['07/16/2010', '2010-07-16'],
    ['16/07/2010', '2010-07-16'],
    ['16.07.2010', '2010-07-16'],
    ['Jul 16 2010', '2010-07-16'],
    ['July 16, 2010', '2010-07-16'],
    ['16 July 2010', '2010-07-16'],
    ['16-Jul-2010', '2010-07-16'],
    ['2010-7-6', '2010-07-06'],
    ['2010-07-16T00:00:00Z', '2010-07-16'],
    ['2012-02-29', '2012-02-29'],
  ])('reads %s', (text, iso) => {
    expect(parseDate(text)?.iso).toBe(iso);
  });

  it('reads slashed dates month first when both numbers could be a month', () => {
    expect(parseDate('03/04/2010')).toEqual({ year: 2010, month: 3, day: 4, iso: '2010-03-04' });
  });

  it('keeps a year alone as a year, without inventing a month or day', () => {
    expect(parseDate('2010')).toEqual({ year: 2010, month: null, day: null, iso: null });
  });

  it('refuses days that do not exist', () => {
    expect(() => parseDate('2010-02-30')).toThrowError(/not a real date/);
    expect(() => parseDate('2011-02-29')).toThrowError(/not a real date/);
    expect(() => parseDate('2010-13-01')).toThrowError(/not a real date/);
    expect(() => parseDate('31/31/2013')).toThrowError(/not a real date/);
  });

  it('refuses unknown formats, saying which are accepted', () => {
    expect(() => parseDate('someday')).toThrowError(/accepted: 2010-07-16, 07\/16\/2010/);
    expect(() => parseDate('Foo 16 2010')).toThrowError(/month name/);
  });

  it('returns null for an empty cell', () => {
    expect(parseDate('')).toBeNull();
  });
});

describe('numbers and lists', () => {
  it('reads numbers and whole numbers', () => {
    expect(parseNumber('7.25')).toBe(7.25);
    expect(parseNumber('1,024')).toBe(1024);
    expect(parseInteger('19995')).toBe(19995);
    expect(() => parseInteger('1.5')).toThrowError(/whole number/);
    expect(() => parseNumber('abc')).toThrowError(ValueParseError);
  });

  it('reads TMDB JSON lists with their codes', () => {
    expect(parseJsonList('[{"id": 28, "name": "Action"}]')).toEqual([{ name: 'Action', code: '28' }]);
    expect(parseJsonList('[{"iso_3166_1": "US", "name": "United States"}]', 'iso_3166_1')).toEqual([
      { name: 'United States', code: 'US' },
    ]);
    expect(parseJsonList('')).toEqual([]);
  });

  it('refuses broken JSON and lists of unnamed entries', () => {
    expect(() => parseJsonList('[{"id": 28, "name": "Action"')).toThrowError(/not valid JSON/);
    expect(() => parseJsonList('{"id": 1}')).toThrowError(/not a list/);
    expect(() => parseJsonList('[{"id": 1}]')).toThrowError(/without a "name"/);
  });

  it('reads delimited and JSON name lists', () => {
    expect(parseNameList('Action|Adventure')).toEqual(['Action', 'Adventure']);
    expect(parseNameList('Action; Drama')).toEqual(['Action', 'Drama']);
    expect(parseNameList('Action, Drama')).toEqual(['Action', 'Drama']);
    expect(parseNameList('["Comedy", "Drama"]')).toEqual(['Comedy', 'Drama']);
    expect(parseNameList('Science Fiction')).toEqual(['Science Fiction']);
    expect(parseNameList('')).toEqual([]);
  });
});

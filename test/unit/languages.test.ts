/**
 * Language names for codes (src-main/shared/languages.ts): the platform's names for standard codes, TMDB's own
 * meaning where it differs ('cn' Cantonese, 'zh' Mandarin, 'xx' no language), and the code itself, never an
 * exception, for anything else.
 */
import { describe, expect, it } from 'vitest';
import { languageChoices, languageLabel, languageName } from '../../src-main/shared/languages';
import { inputRows } from '../../src-main/core/report/sections';
import { makeForecast, sampleInput } from './report/fixtures';

describe('languageName', () => {
  it('names standard codes in English, whatever their case or spaces', () => {
    expect(languageName('en')).toBe('English');
    expect(languageName('fr')).toBe('French');
    expect(languageName('ja')).toBe('Japanese');
    expect(languageName('hi')).toBe('Hindi');
    expect(languageName(' DE ')).toBe('German');
  });

  it("reads TMDB's codes as TMDB means them", () => {
    expect(languageName('cn')).toBe('Cantonese');
    expect(languageName('zh')).toBe('Mandarin');
    expect(languageName('ZH')).toBe('Mandarin');
    expect(languageName('xx')).toBe('No language');
    expect(languageName('sh')).toBe('Serbo-Croatian');
  });

  it('gives back an unknown code or a non-code as it was, and blank as blank', () => {
    expect(languageName('qq')).toBe('qq');
    expect(languageName('zz')).toBe('zz');
    expect(languageName('QQ')).toBe('QQ');
    expect(languageName('e')).toBe('e');
    expect(languageName('x1')).toBe('x1');
    expect(languageName('Latin')).toBe('Latin');
    expect(languageName('')).toBe('');
    expect(languageName('   ')).toBe('');
    expect(languageName(null)).toBe('');
    expect(languageName(undefined)).toBe('');
  });
});

describe('languageLabel', () => {
  it('shows the name with the code, and an unknown code once', () => {
    expect(languageLabel('en')).toBe('English (en)');
    expect(languageLabel('cn')).toBe('Cantonese (cn)');
    expect(languageLabel('FR')).toBe('French (fr)');
    expect(languageLabel('qq')).toBe('qq');
    expect(languageLabel('')).toBe('');
    expect(languageLabel(null)).toBe('');
  });
});

describe('languageChoices', () => {
  it('sorts by name, keeps each code once in lower case and drops blanks', () => {
    expect(languageChoices(['fr', 'en', 'zh', 'cn', 'EN', ' ', 'qq', 'de'])).toEqual([
      { code: 'cn', label: 'Cantonese (cn)' },
      { code: 'en', label: 'English (en)' },
      { code: 'fr', label: 'French (fr)' },
      { code: 'de', label: 'German (de)' },
      { code: 'zh', label: 'Mandarin (zh)' },
      { code: 'qq', label: 'qq' },
    ]);
  });
});

describe("the PDF report's inputs", () => {
  const language = (code: string | null) =>
    new Map(inputRows(makeForecast({ ...sampleInput, language: code }))).get('Original language');

  it('name the original language with its code, and a blank as a dash', () => {
    expect(language('cn')).toBe('Cantonese (cn)');
    expect(language('fr')).toBe('French (fr)');
    expect(language('qq')).toBe('qq');
    expect(language(null)).toBe('—');
  });
});

/**
 * The new-film form as the analyst types it (all text), and its translation into a FilmInput with
 * per-field messages. Kept apart from the store so it can be tested on its own.
 */
import type { FilmInput } from '../../../src-main/shared/film';
import { countryCode } from '../../../src-main/shared/countries';
import { MONEY_FORMATS_HINT, parseMoney } from '../../../src-main/shared/format';

/** TMDB's genres, used until the forecast channels tell us the model's own list. */
export const DEFAULT_GENRES = [
  'Action',
  'Adventure',
  'Animation',
  'Comedy',
  'Crime',
  'Documentary',
  'Drama',
  'Family',
  'Fantasy',
  'Foreign',
  'History',
  'Horror',
  'Music',
  'Mystery',
  'Romance',
  'Science Fiction',
  'TV Movie',
  'Thriller',
  'War',
  'Western',
];

/**
 * The original languages most films in TMDB's data are made in (codes as TMDB writes them: 'cn' is Cantonese, 'zh'
 * Mandarin), offered until the forecast channels tell us the data's own list.
 */
export const DEFAULT_LANGUAGES = ['en', 'fr', 'es', 'de', 'zh', 'cn', 'hi', 'ja', 'it', 'ru', 'ko', 'pt'];

/** What the countries field takes, said where a typed country is not known. */
export const COUNTRY_HINT = 'Type a country by name (France) or by its two-letter code (FR).';

/** The message for countries nobody knows: 'Not a country we know: "Atlantis". Type a country by name ...'. */
export function unknownCountries(entries: string[]): string {
  return `Not a country we know: ${entries.map((e) => `"${e}"`).join(', ')}. ${COUNTRY_HINT}`;
}

export interface FilmForm {
  title: string;
  budget: string;
  runtime: string;
  genres: string[];
  releaseDate: string;
  language: string;
  /** Production countries, comma-separated: codes as the picker writes them ('US, GB'), names also read ('France'). */
  countries: string;
  companies: string;
  keywords: string;
  directors: string;
  cast: string;
}

export type FormErrors = Partial<Record<keyof FilmForm, string>>;

/** Sensible defaults: a mid-budget action-adventure next summer, so the first forecast appears at once. */
export function defaultForm(today = new Date()): FilmForm {
  return {
    title: 'Untitled project',
    budget: '90M',
    runtime: '118',
    genres: ['Action', 'Adventure'],
    releaseDate: `${today.getUTCFullYear() + 1}-06-18`,
    language: 'en',
    countries: 'US',
    companies: '',
    keywords: '',
    directors: '',
    cast: '',
  };
}

/** "a, b ,, c" -> ['a', 'b', 'c']. */
export function splitList(text: string): string[] {
  return text
    .split(/[,;\n]/)
    .map((part) => part.trim())
    .filter(Boolean);
}

/** Turns the typed form into a FilmInput, or says what is wrong with which field. */
export function formToInput(raw: FilmForm): { input: FilmInput | null; errors: FormErrors } {
  // Inputs of type number hand back numbers: read every field as text.
  const text = (value: unknown) => (value == null ? '' : String(value));
  const form = { ...raw } as FilmForm;
  for (const key of Object.keys(form) as (keyof FilmForm)[]) {
    if (key !== 'genres') form[key] = text(raw[key]);
  }
  const errors: FormErrors = {};
  const budget = parseMoney(form.budget);
  if (!form.budget.trim()) errors.budget = 'Budget is required.';
  else if (budget === null) errors.budget = `"${form.budget}" is not an amount. ${MONEY_FORMATS_HINT}`;
  else if (budget <= 0) errors.budget = 'Budget must be more than zero.';

  let runtime: number | null = null;
  if (form.runtime.trim()) {
    runtime = Number(form.runtime);
    if (!Number.isFinite(runtime) || runtime < 1 || runtime > 600) {
      errors.runtime = 'Runtime is in minutes, from 1 to 600.';
    }
  }
  if (form.releaseDate && !/^\d{4}-\d{2}-\d{2}$/.test(form.releaseDate)) {
    errors.releaseDate = 'Use a date like 2027-06-18.';
  }
  const language = form.language.trim().toLowerCase();
  if (language && !/^[a-z]{2}$/.test(language))
    errors.language = 'Pick a language from the list (a two-letter code such as en or fr).';
  // Each country by its code, whether typed as a code ('gb') or a name ('United Kingdom'); codes are what is sent.
  const entries = splitList(form.countries);
  const unknown = entries.filter((entry) => !countryCode(entry));
  if (unknown.length) errors.countries = unknownCountries(unknown);
  const countries = [...new Set(entries.map((entry) => countryCode(entry) ?? entry))];

  if (Object.keys(errors).length) return { input: null, errors };
  const input: FilmInput = {
    title: form.title.trim() || undefined,
    budget: budget as number,
    runtime,
    genres: [...form.genres],
    releaseDate: form.releaseDate || null,
    language: language || null,
    countries,
    companies: splitList(form.companies),
    keywords: splitList(form.keywords),
    directors: splitList(form.directors),
    cast: splitList(form.cast),
  };
  return { input, errors };
}

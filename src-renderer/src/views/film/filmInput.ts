/**
 * A past film seen as a scenario: the fields the forecast form would hold, cut to what the forecast
 * contract accepts (its lists have caps, names must not be blank, countries are known codes), so the
 * model can be asked what it says of a film whose outcome is known.
 */
import type { FilmInput } from '../../../../src-main/shared/film';
import type { FilmDetail } from '../../../../src-main/shared/contract/data';
import { isCountryCode } from '../../../../src-main/shared/countries';

/** The contract's caps on lists (shared/contract/forecast.ts). */
const CAPS = { companies: 30, keywords: 50, directors: 10, cast: 20, countries: 30, genres: 20 } as const;

const names = (list: string[], max: number) =>
  list
    .map((n) => n.trim())
    .filter((n) => n.length > 0 && n.length <= 200)
    .slice(0, max);

/** Null when the film has no budget (the model needs one). */
export function filmToInput(film: FilmDetail): FilmInput | null {
  if (film.budget == null || !(film.budget > 0)) return null;
  return {
    title: film.title.slice(0, 300),
    budget: film.budget,
    runtime: film.runtime != null && film.runtime >= 1 && film.runtime <= 600 ? film.runtime : null,
    genres: names(film.genres, CAPS.genres),
    releaseDate: film.releaseDate && /^\d{4}-\d{2}-\d{2}$/.test(film.releaseDate) ? film.releaseDate : null,
    language: film.originalLanguage && /^[A-Za-z]{2,3}$/.test(film.originalLanguage) ? film.originalLanguage : null,
    countries: film.countries.filter(isCountryCode).slice(0, CAPS.countries),
    companies: names(film.companies, CAPS.companies),
    keywords: names(film.keywords, CAPS.keywords),
    directors: names(film.directors, CAPS.directors),
    cast: names(film.cast, CAPS.cast),
    hasHomepage: film.hasHomepage,
    hasTagline: film.hasTagline,
  };
}

/** How the actual revenue sits against the forecast: "2.1× the forecast, above the 80% range". */
export function actualVersusForecast(
  actual: number | null,
  forecast: { revenue: number; revenueLow: number; revenueHigh: number; interval: number },
): string | null {
  if (actual == null || !(actual > 0) || !(forecast.revenue > 0)) return null;
  const ratio = actual / forecast.revenue;
  const where =
    actual < forecast.revenueLow
      ? `below the ${Math.round(forecast.interval * 100)}% range`
      : actual > forecast.revenueHigh
        ? `above the ${Math.round(forecast.interval * 100)}% range`
        : `inside the ${Math.round(forecast.interval * 100)}% range`;
  return `${ratio >= 10 || ratio < 0.1 ? ratio.toPrecision(2) : ratio.toFixed(2)}× the forecast, ${where}`;
}

import type { FilmInput, SilverFilm } from '../../shared/film';
import type { FilmFacts } from './types';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days since 1970-01-01 of an ISO date, or null when the text is not a valid yyyy-mm-dd date. */
export function dayNumber(date: string | null | undefined): number | null {
  if (!date) return null;
  const m = ISO_DATE.exec(date);
  if (!m) return null;
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return Number.isFinite(ms) ? Math.floor(ms / 86_400_000) : null;
}

export function isSilverFilm(film: FilmInput | SilverFilm): film is SilverFilm {
  return 'flags' in film && 'id' in film && Array.isArray((film as SilverFilm).flags);
}

function positiveOrNull(v: number | null | undefined): number | null {
  return typeof v === 'number' && Number.isFinite(v) && v > 0 ? v : null;
}

function finiteOrNull(v: number | null | undefined): number | null {
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

/** Reads a silver film or the analyst's input into one shape, so encoding has a single path. */
export function toFilmFacts(film: FilmInput | SilverFilm): FilmFacts {
  const silver = isSilverFilm(film);
  const date = silver ? film.releaseDate : (film.releaseDate ?? null);
  const day = dayNumber(date);
  const when = day === null ? null : new Date(day * 86_400_000);
  return {
    title: film.title?.trim() || null,
    budget: positiveOrNull(film.budget),
    runtime: positiveOrNull(film.runtime ?? null),
    day,
    year: when ? when.getUTCFullYear() : silver ? (film.year ?? null) : null,
    month: when ? when.getUTCMonth() + 1 : null,
    weekday: when ? when.getUTCDay() : null,
    language: (silver ? film.originalLanguage : film.language) ?? null,
    countries: film.countries ?? [],
    genres: film.genres ?? [],
    companies: film.companies ?? [],
    keywords: film.keywords ?? [],
    directors: film.directors ?? [],
    cast: film.cast ?? [],
    hasHomepage: Boolean(film.hasHomepage),
    hasTagline: Boolean(film.hasTagline),
    popularity: silver ? finiteOrNull(film.popularity) : null,
    voteCount: silver ? finiteOrNull(film.voteCount) : null,
    voteAverage: silver ? finiteOrNull(film.voteAverage) : null,
    isNew: !silver,
  };
}

/** Case- and space-insensitive key for names typed by people ("warner bros." matches "Warner Bros."). */
export function termKey(name: string): string {
  return name.trim().toLowerCase().replace(/\s+/g, ' ');
}

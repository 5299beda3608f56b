/**
 * Which format a header is: TMDB movies, TMDB credits, or anything else (mapped).
 */
import { indexColumns } from './columns';
import { creditsTyper } from './tmdb-credits';
import { mappedTyper, suggestMapping } from './mapped';
import { moviesTyper, type MoviesTyperOptions } from './tmdb-movies';
import type { ImportKind, RowTyper } from './types';

const TMDB_MOVIE_COLUMNS = [
  'budget',
  'genres',
  'id',
  'keywords',
  'original_title',
  'popularity',
  'production_companies',
  'production_countries',
  'release_date',
  'revenue',
  'runtime',
  'spoken_languages',
  'vote_count',
];

/** Credits when the header has movie_id with cast or crew; movies when it has most TMDB movie columns; else mapped. */
export function detectKind(header: string[]): ImportKind {
  const index = indexColumns(header);
  if (index.has('movie_id') && (index.has('cast') || index.has('crew'))) return 'credits';
  const tmdbColumns = TMDB_MOVIE_COLUMNS.filter((c) => index.has(c)).length;
  return tmdbColumns >= 6 ? 'movies' : 'mapped';
}

/**
 * The row typer for a file: checks the required columns (throwing ImportError naming what is missing)
 * and, for mapped files, completes the given mapping with the suggested one.
 */
export function typerFor(
  fileName: string,
  header: string[],
  kind: ImportKind,
  mapping: Record<string, string> | undefined,
  options: MoviesTyperOptions = {},
): { typer: RowTyper; mapping: Record<string, string> | null } {
  if (kind === 'movies') return { typer: moviesTyper(fileName, header, options), mapping: null };
  if (kind === 'credits') return { typer: creditsTyper(fileName, header), mapping: null };
  const used = completeMapping(header, mapping ?? {});
  return { typer: mappedTyper(fileName, header, used), mapping: used };
}

/** The given mapping, plus suggestions for the fields it leaves out (never reusing a column it names). */
export function completeMapping(header: string[], given: Record<string, string>): Record<string, string> {
  const taken = new Set(Object.values(given).map((c) => c.trim().toLowerCase()));
  const completed: Record<string, string> = {};
  for (const [field, column] of Object.entries(suggestMapping(header))) {
    if (!(field in given) && !taken.has(column.trim().toLowerCase())) completed[field] = column;
  }
  return { ...completed, ...given };
}

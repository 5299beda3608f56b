/**
 * The TMDB movies format (tmdb_5000_movies.csv): one film per row, lists as JSON inside fields,
 * zeros for unknown money and runtime.
 */
import { isCanonicalList } from './canonical-list';
import { cell, indexColumns, requireColumns, textOrNull } from './columns';
import { termListJson } from './list-json';
import {
  parseDate,
  parseInteger,
  parseJsonList,
  parseMoney,
  parseNumber,
  ValueParseError,
  type ListItem,
} from './parse';
import type { FilmColumns, RowProblem, RowTyper, TermKind, TypedFilm } from './types';

export const MOVIES_REQUIRED = ['id', 'title', 'budget', 'revenue'];

/** The list columns of the movies file: the silver term kind each fills and the key holding its code. */
const LIST_COLUMNS: { column: string; kind: TermKind; codeKey: string }[] = [
  { column: 'genres', kind: 'genre', codeKey: 'id' },
  { column: 'keywords', kind: 'keyword', codeKey: 'id' },
  { column: 'production_companies', kind: 'company', codeKey: 'id' },
  { column: 'production_countries', kind: 'country', codeKey: 'iso_3166_1' },
  { column: 'spoken_languages', kind: 'language', codeKey: 'iso_639_1' },
];

/** Zero means unknown in TMDB's money and runtime columns. */
export const zeroIsUnknown = (n: number | null): number | null => (n === 0 ? null : n);

/**
 * Runs `parse` on one field, recording a problem (with the field name) instead of throwing. Returns
 * `fallback` when the field could not be read.
 */
export function readField<T>(problems: RowProblem[], field: string, parse: () => T, fallback: T): T {
  try {
    return parse();
  } catch (err) {
    if (!(err instanceof ValueParseError)) throw err;
    problems.push({ field, reason: err.message });
    return fallback;
  }
}

export interface MoviesTyperOptions {
  /**
   * Give lists as the JSON text silver stores (TypedFilm.termsJson): a field in TMDB's canonical form as it is
   * (checked by a regular expression, never parsed), any other parsed and written as JSON (list-json.ts).
   */
  rawLists?: boolean;
}

export function moviesTyper(fileName: string, header: string[], options: MoviesTyperOptions = {}): RowTyper {
  const index = indexColumns(header);
  requireColumns(fileName, index, header, MOVIES_REQUIRED, 'a TMDB movies file');
  const col = (name: string) => index.get(name);
  const at = {
    id: col('id'),
    title: col('title'),
    original_title: col('original_title'),
    budget: col('budget'),
    revenue: col('revenue'),
    runtime: col('runtime'),
    release_date: col('release_date'),
    original_language: col('original_language'),
    popularity: col('popularity'),
    vote_average: col('vote_average'),
    vote_count: col('vote_count'),
    homepage: col('homepage'),
    tagline: col('tagline'),
    overview: col('overview'),
    status: col('status'),
  };
  const lists = LIST_COLUMNS.filter((l) => index.has(l.column)).map((l) => ({ ...l, at: index.get(l.column) }));

  return (fields) => {
    const problems: RowProblem[] = [];
    const get = (i: number | undefined) => cell(fields, i);
    const tmdbId = readField(problems, 'id', () => parseInteger(get(at.id), 'a TMDB id'), null);
    if (tmdbId === null && !problems.some((p) => p.field === 'id'))
      problems.push({ field: 'id', reason: 'is empty; every TMDB film needs its id' });
    else if (tmdbId !== null && tmdbId <= 0)
      problems.push({ field: 'id', reason: `"${tmdbId}" is not a TMDB id (ids are positive)` });
    const title = get(at.title);
    if (title.trim() === '') problems.push({ field: 'title', reason: 'is empty; every film needs a title' });
    const money = (name: 'budget' | 'revenue') =>
      readField(problems, name, () => zeroIsUnknown(parseMoney(get(at[name]))), null);
    const date = readField(problems, 'release_date', () => parseDate(get(at.release_date)), null);
    const columns: FilmColumns = {
      title,
      original_title: textOrNull(get(at.original_title)),
      budget: money('budget'),
      revenue: money('revenue'),
      runtime: readField(
        problems,
        'runtime',
        () => zeroIsUnknown(parseNumber(get(at.runtime), 'a number of minutes')),
        null,
      ),
      release_date: date?.iso ?? null,
      release_year: date?.year ?? null,
      original_language: textOrNull(get(at.original_language)),
      popularity: readField(problems, 'popularity', () => parseNumber(get(at.popularity)), null),
      vote_average: readField(problems, 'vote_average', () => parseNumber(get(at.vote_average)), null),
      vote_count: readField(problems, 'vote_count', () => parseInteger(get(at.vote_count), 'a count of votes'), null),
      homepage: textOrNull(get(at.homepage)),
      tagline: textOrNull(get(at.tagline)),
      overview: textOrNull(get(at.overview)),
      status: textOrNull(get(at.status)),
    };
    const terms: Partial<Record<TermKind, ListItem[]>> = {};
    if (options.rawLists) {
      const termsJson: NonNullable<TypedFilm['termsJson']> = {};
      for (const l of lists) {
        const text = get(l.at);
        termsJson[l.kind] = isCanonicalList(text, l.codeKey)
          ? text
          : termListJson(
              l.kind,
              readField(problems, l.column, () => parseJsonList(text, l.codeKey), []),
            );
      }
      if (problems.length > 0) return { type: 'problems', problems };
      return { type: 'film', film: { tmdbId, columns, terms, termsJson } };
    }
    for (const l of lists) {
      terms[l.kind] = readField(problems, l.column, () => parseJsonList(get(l.at), l.codeKey), []);
    }
    if (problems.length > 0) return { type: 'problems', problems };
    return { type: 'film', film: { tmdbId, columns, terms } };
  };
}

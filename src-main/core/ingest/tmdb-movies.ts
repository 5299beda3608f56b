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

/**
 * readField for a parser taking the text (and what it reads, for its messages): no closure per call.
 */
function readValue<T>(problems: RowProblem[], field: string, parse: (text: string) => T, text: string, fallback: T): T {
  try {
    return parse(text);
  } catch (err) {
    if (!(err instanceof ValueParseError)) throw err;
    problems.push({ field, reason: err.message });
    return fallback;
  }
}

function readList(problems: RowProblem[], field: string, text: string, codeKey: string): ListItem[] {
  try {
    return parseJsonList(text, codeKey);
  } catch (err) {
    if (!(err instanceof ValueParseError)) throw err;
    problems.push({ field, reason: err.message });
    return [];
  }
}

const parseTmdbId = (text: string) => parseInteger(text, 'a TMDB id');
const parseDollars = (text: string) => zeroIsUnknown(parseMoney(text));
const parseMinutes = (text: string) => zeroIsUnknown(parseNumber(text, 'a number of minutes'));
const parseVoteCount = (text: string) => parseInteger(text, 'a count of votes');

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

  // The row function runs once per row of files of a million rows: no closures made per row (each cost an
  // allocation, and under tsx a __name call), parsers passed by reference to readValue.
  return (fields) => {
    const problems: RowProblem[] = [];
    const tmdbId = readValue(problems, 'id', parseTmdbId, cell(fields, at.id), null);
    if (tmdbId === null && !problems.some((p) => p.field === 'id'))
      problems.push({ field: 'id', reason: 'is empty; every TMDB film needs its id' });
    else if (tmdbId !== null && tmdbId <= 0)
      problems.push({ field: 'id', reason: `"${tmdbId}" is not a TMDB id (ids are positive)` });
    const title = cell(fields, at.title);
    if (title.trim() === '') problems.push({ field: 'title', reason: 'is empty; every film needs a title' });
    const date = readValue(problems, 'release_date', parseDate, cell(fields, at.release_date), null);
    const columns: FilmColumns = {
      title,
      original_title: textOrNull(cell(fields, at.original_title)),
      budget: readValue(problems, 'budget', parseDollars, cell(fields, at.budget), null),
      revenue: readValue(problems, 'revenue', parseDollars, cell(fields, at.revenue), null),
      runtime: readValue(problems, 'runtime', parseMinutes, cell(fields, at.runtime), null),
      release_date: date?.iso ?? null,
      release_year: date?.year ?? null,
      original_language: textOrNull(cell(fields, at.original_language)),
      popularity: readValue(problems, 'popularity', parseNumber, cell(fields, at.popularity), null),
      vote_average: readValue(problems, 'vote_average', parseNumber, cell(fields, at.vote_average), null),
      vote_count: readValue(problems, 'vote_count', parseVoteCount, cell(fields, at.vote_count), null),
      homepage: textOrNull(cell(fields, at.homepage)),
      tagline: textOrNull(cell(fields, at.tagline)),
      overview: textOrNull(cell(fields, at.overview)),
      status: textOrNull(cell(fields, at.status)),
    };
    const terms: Partial<Record<TermKind, ListItem[]>> = {};
    if (options.rawLists) {
      const termsJson: NonNullable<TypedFilm['termsJson']> = {};
      for (const l of lists) {
        const text = cell(fields, l.at);
        termsJson[l.kind] = isCanonicalList(text, l.codeKey)
          ? text
          : termListJson(l.kind, readList(problems, l.column, text, l.codeKey));
      }
      if (problems.length > 0) return { type: 'problems', problems };
      return { type: 'film', film: { tmdbId, columns, terms, termsJson } };
    }
    for (const l of lists) terms[l.kind] = readList(problems, l.column, cell(fields, l.at), l.codeKey);
    if (problems.length > 0) return { type: 'problems', problems };
    return { type: 'film', film: { tmdbId, columns, terms } };
  };
}

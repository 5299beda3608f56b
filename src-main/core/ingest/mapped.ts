/**
 * Any other CSV (a studio's own export), read through a column mapping `{ field: "Source Column" }`.
 * The mapping is suggested from header names; only mapped fields are written, so a mapped file can
 * update a few columns of films already in silver.
 */
import { cell, indexColumns, normaliseColumnName, textOrNull } from './columns';
import { ImportError } from './errors';
import { parseDate, parseInteger, parseMoney, parseNameList, parseNumber, type ListItem } from './parse';
import { readField, zeroIsUnknown } from './tmdb-movies';
import type { FilmColumns, RowProblem, RowTyper, TermKind } from './types';

/** The fields a mapped file can fill, with the header names (normalised) that suggest each. */
export const MAPPED_FIELDS = {
  title: ['title', 'film', 'movie', 'film title', 'movie title', 'name', 'original title'],
  tmdb_id: ['tmdb id', 'tmdb_id', 'id', 'movie id', 'movie_id', 'film id'],
  original_title: ['original title', 'original_title'],
  budget: ['budget', 'production budget', 'prod budget', 'budget usd', 'budget ($)', 'cost'],
  revenue: [
    'revenue',
    'worldwide gross',
    'worldwide revenue',
    'gross',
    'box office',
    'total gross',
    'ww gross',
    'worldwide box office',
  ],
  release_date: ['release date', 'release_date', 'released', 'date', 'premiere', 'opening date'],
  release_year: ['year', 'release year', 'release_year'],
  runtime: [
    'runtime',
    'running time',
    'running time min',
    'running time (min)',
    'length',
    'duration',
    'minutes',
    'runtime min',
  ],
  genres: ['genres', 'genre', 'major genre', 'main genre'],
  keywords: ['keywords', 'tags'],
  companies: ['companies', 'studio', 'studios', 'production companies', 'production company', 'distributor'],
  countries: ['countries', 'country', 'production countries', 'production country'],
  languages: ['languages', 'spoken languages'],
  original_language: ['language', 'original language', 'original_language'],
  directors: ['director', 'directors', 'directed by'],
  cast: ['cast', 'stars', 'actors', 'lead actors', 'leads', 'starring'],
  popularity: ['popularity'],
  vote_average: ['vote average', 'vote_average', 'rating', 'imdb rating', 'score'],
  vote_count: ['vote count', 'vote_count', 'votes', 'imdb votes'],
  overview: ['overview', 'synopsis', 'plot', 'description', 'summary'],
  tagline: ['tagline'],
  homepage: ['homepage', 'website', 'url'],
  status: ['status'],
} as const;

export type MappedField = keyof typeof MAPPED_FIELDS;
export const MAPPED_FIELD_NAMES = Object.keys(MAPPED_FIELDS) as MappedField[];

/** Folds "Running Time (min)" and "running_time_min" together for matching. */
function fold(name: string): string {
  return normaliseColumnName(name)
    .replace(/[_\-.()$]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * Suggests `{ field: column }` from a header: exact (folded) name matches first, then a field's synonym
 * contained in a column name ("Domestic Gross" does not win over "Worldwide Gross": exact names come first).
 * Each column is used for at most one field.
 */
export function suggestMapping(header: string[]): Record<string, string> {
  const mapping: Record<string, string> = {};
  const used = new Set<number>();
  const folded = header.map(fold);
  const assign = (field: MappedField, i: number) => {
    mapping[field] = header[i];
    used.add(i);
  };
  for (const field of MAPPED_FIELD_NAMES) {
    // Synonyms in order of preference: "Title" beats "Original Title" for the title.
    for (const synonym of MAPPED_FIELDS[field].map(fold)) {
      const i = folded.findIndex((h, j) => !used.has(j) && h === synonym);
      if (i >= 0) {
        assign(field, i);
        break;
      }
    }
  }
  for (const field of MAPPED_FIELD_NAMES) {
    if (mapping[field] !== undefined || field === 'tmdb_id') continue;
    const synonyms = MAPPED_FIELDS[field].map(fold).filter((s) => s.length >= 4);
    const i = folded.findIndex(
      (h, j) => !used.has(j) && synonyms.some((s) => h.includes(s)) && !/domestic|us gross/.test(h),
    );
    if (i >= 0) assign(field, i);
  }
  return mapping;
}

const LIST_FIELDS: Partial<Record<MappedField, TermKind>> = {
  genres: 'genre',
  keywords: 'keyword',
  companies: 'company',
  countries: 'country',
  languages: 'language',
};

/** Checks a mapping against the header; unknown fields and absent columns are refused with a clear line. */
export function resolveMapping(
  fileName: string,
  header: string[],
  mapping: Record<string, string>,
): Map<MappedField, number> {
  const index = indexColumns(header);
  const resolved = new Map<MappedField, number>();
  for (const [field, column] of Object.entries(mapping)) {
    if (!(MAPPED_FIELD_NAMES as string[]).includes(field)) {
      throw new ImportError(
        fileName,
        `the mapping names an unknown field "${field}" (fields: ${MAPPED_FIELD_NAMES.join(', ')})`,
      );
    }
    const i = index.get(normaliseColumnName(column));
    if (i === undefined) {
      throw new ImportError(
        fileName,
        `the mapping for ${field} names the column "${column}", which the file does not have`,
      );
    }
    resolved.set(field as MappedField, i);
  }
  if (!resolved.has('title')) {
    throw new ImportError(
      fileName,
      'no column could be used as the film title: map one, e.g. --map "title=Film Name" (a mapped file needs at least a title)',
    );
  }
  return resolved;
}

function codeOf(name: string, length: number): string | null {
  return new RegExp(`^[A-Za-z]{${length}}$`).test(name.trim()) ? name.trim().toUpperCase() : null;
}

export function mappedTyper(fileName: string, header: string[], mapping: Record<string, string>): RowTyper {
  const at = resolveMapping(fileName, header, mapping);
  return (fields) => {
    const problems: RowProblem[] = [];
    const get = (f: MappedField) => cell(fields, at.get(f));
    // A blank cell says nothing: the field is left out, so a film silver already holds keeps its value (a
    // studio export with a few empty cells must not erase TMDB's budget, genres or directors).
    const has = (f: MappedField) => at.has(f) && get(f).trim() !== '';
    const title = get('title');
    if (title.trim() === '') problems.push({ field: mapping.title, reason: 'is empty; every film needs a title' });
    const columns: Partial<FilmColumns> & { title: string } = { title };
    const read = <T>(f: MappedField, parse: () => T, fallback: T) => readField(problems, mapping[f], parse, fallback);
    const tmdbId = has('tmdb_id') ? read('tmdb_id', () => parseInteger(get('tmdb_id'), 'a TMDB id'), null) : null;
    if (tmdbId !== null && tmdbId <= 0)
      problems.push({ field: mapping.tmdb_id, reason: `"${tmdbId}" is not a TMDB id (ids are positive)` });
    // Zero money or runtime means unknown: left out like a blank.
    const known = <K extends 'budget' | 'revenue' | 'runtime'>(column: K, value: number | null) => {
      if (value !== null) columns[column] = value;
    };
    if (has('budget'))
      known(
        'budget',
        read('budget', () => zeroIsUnknown(parseMoney(get('budget'))), null),
      );
    if (has('revenue'))
      known(
        'revenue',
        read('revenue', () => zeroIsUnknown(parseMoney(get('revenue'))), null),
      );
    if (has('runtime'))
      known(
        'runtime',
        read('runtime', () => zeroIsUnknown(parseNumber(get('runtime'), 'a number of minutes')), null),
      );
    if (has('release_date')) {
      const date = read('release_date', () => parseDate(get('release_date')), null);
      if (date) {
        // A year alone leaves the date unknown (iso null) and keeps the year.
        columns.release_date = date.iso;
        columns.release_year = date.year;
      }
    }
    if (has('release_year') && columns.release_year == null) {
      columns.release_year = read('release_year', () => parseInteger(get('release_year'), 'a year'), null);
    }
    for (const f of ['original_title', 'original_language', 'overview', 'tagline', 'homepage', 'status'] as const) {
      if (has(f)) columns[f] = textOrNull(get(f));
    }
    if (has('popularity')) columns.popularity = read('popularity', () => parseNumber(get('popularity')), null);
    if (has('vote_average')) columns.vote_average = read('vote_average', () => parseNumber(get('vote_average')), null);
    if (has('vote_count'))
      columns.vote_count = read('vote_count', () => parseInteger(get('vote_count'), 'a count of votes'), null);
    const terms: Partial<Record<TermKind, ListItem[]>> = {};
    for (const [field, kind] of Object.entries(LIST_FIELDS) as [MappedField, TermKind][]) {
      if (!has(field)) continue;
      const names = read(field, () => parseNameList(get(field)), [] as string[]);
      const codeLength = kind === 'country' || kind === 'language' ? 2 : 0;
      terms[kind] = names.map((name) => ({ name, code: codeLength ? codeOf(name, codeLength) : null }));
    }
    const cast = has('cast') ? read('cast', () => parseNameList(get('cast')), []) : undefined;
    const directors = has('directors') ? read('directors', () => parseNameList(get('directors')), []) : undefined;
    if (problems.length > 0) return { type: 'problems', problems };
    return {
      type: 'film',
      film: {
        tmdbId,
        columns,
        terms,
        cast,
        crew: directors?.map((name) => ({ name, job: 'Director', department: 'Directing' })),
        crewJobs: directors ? ['Director'] : undefined,
      },
    };
  };
}

/**
 * The TMDB credits format (tmdb_5000_credits.csv): movie_id, title, cast and crew as JSON lists.
 * Credits attach to a film already in silver (by TMDB id); the writer quarantines credits without one.
 */
import { cell, indexColumns, requireColumns } from './columns';
import { parseInteger, ValueParseError } from './parse';
import { readField } from './tmdb-movies';
import type { CrewMember, RowProblem, RowTyper } from './types';

export const CREDITS_REQUIRED = ['movie_id', 'cast', 'crew'];

const LIST_EXAMPLE = {
  cast: '[{"name": "Sam Worthington", "order": 0}]',
  crew: '[{"name": "James Cameron", "job": "Director", "department": "Directing"}]',
};

function parseObjectList(text: string, field: 'cast' | 'crew'): Record<string, unknown>[] {
  if (text.trim() === '') return [];
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new ValueParseError(
      `is not valid JSON (${(err as Error).message.split('\n')[0]}); expected a list like ${LIST_EXAMPLE[field]}`,
    );
  }
  if (
    !Array.isArray(value) ||
    value.some((e) => e === null || typeof e !== 'object' || typeof (e as { name?: unknown }).name !== 'string')
  ) {
    throw new ValueParseError(`is not a list of named people; expected a list like ${LIST_EXAMPLE[field]}`);
  }
  return value as Record<string, unknown>[];
}

export function creditsTyper(fileName: string, header: string[]): RowTyper {
  const index = indexColumns(header);
  requireColumns(fileName, index, header, CREDITS_REQUIRED, 'a TMDB credits file');
  const at = { id: index.get('movie_id'), cast: index.get('cast'), crew: index.get('crew') };
  return (fields) => {
    const problems: RowProblem[] = [];
    const tmdbId = readField(problems, 'movie_id', () => parseInteger(cell(fields, at.id), 'a TMDB id'), null);
    if (tmdbId === null && problems.length === 0)
      problems.push({ field: 'movie_id', reason: 'is empty; credits need the TMDB id of their film' });
    const castEntries = readField(problems, 'cast', () => parseObjectList(cell(fields, at.cast), 'cast'), []);
    const crewEntries = readField(problems, 'crew', () => parseObjectList(cell(fields, at.crew), 'crew'), []);
    if (problems.length > 0 || tmdbId === null) return { type: 'problems', problems };
    // Billing order as given by "order" (position in the list when absent).
    const cast = castEntries
      .map((e, i) => ({ name: String(e.name), order: typeof e.order === 'number' ? e.order : i }))
      .sort((a, b) => a.order - b.order)
      .map((e) => e.name);
    const crew: CrewMember[] = crewEntries.map((e) => ({
      name: String(e.name),
      job: typeof e.job === 'string' && e.job !== '' ? e.job : 'Unknown',
      department: typeof e.department === 'string' ? e.department : null,
    }));
    return { type: 'credits', credits: { tmdbId, cast, crew } };
  };
}

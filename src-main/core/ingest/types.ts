/**
 * What an import produces from one row before it is written: a typed film (or a film's credits), or the
 * problems that send the row to quarantine. Shared by the format adapters and the silver writer.
 */
import type { ListItem } from './parse';

export type ImportKind = 'movies' | 'credits' | 'mapped';

/** One problem found in a row: the field at fault (null for the row as a whole) and a readable reason. */
export interface RowProblem {
  field: string | null;
  reason: string;
}

/** Film columns of silver, as the writer stores them (dollars, minutes, ISO dates; null = unknown). */
export interface FilmColumns {
  title: string;
  original_title: string | null;
  budget: number | null;
  revenue: number | null;
  runtime: number | null;
  release_date: string | null;
  release_year: number | null;
  original_language: string | null;
  popularity: number | null;
  vote_average: number | null;
  vote_count: number | null;
  homepage: string | null;
  tagline: string | null;
  overview: string | null;
  status: string | null;
}

export type TermKind = 'genre' | 'keyword' | 'company' | 'country' | 'language';

export interface CrewMember {
  name: string;
  job: string;
  department: string | null;
}

/**
 * A film as typed from one row. `columns` holds only the columns the file provides (a mapped file may give
 * a few); the writer leaves the others as they are in silver. Lists that are present replace the stored ones.
 */
export interface TypedFilm {
  tmdbId: number | null;
  columns: Partial<FilmColumns> & { title: string };
  /** Lists as parsed items (previews and scoring read these); the import asks for `termsJson` instead. */
  terms: Partial<Record<TermKind, ListItem[]>>;
  /**
   * Lists as the JSON text silver stores (list-json.ts): a TMDB field in canonical form (canonical-list.ts) as
   * it is, any other as the JSON of its parsed items. Only the import asks for these (`rawLists`); a kind is in
   * `terms` or here, not both.
   */
  termsJson?: Partial<Record<TermKind, string>>;
  cast?: string[];
  /** Replaces the film's crew for the jobs listed (mapped files give directors only). */
  crew?: CrewMember[];
  crewJobs?: string[] | 'all';
}

/** A credits row: the film it belongs to and its lists. */
export interface TypedCredits {
  tmdbId: number;
  cast: string[];
  crew: CrewMember[];
}

export type TypedRow =
  | { type: 'film'; film: TypedFilm }
  | { type: 'credits'; credits: TypedCredits }
  | { type: 'problems'; problems: RowProblem[] };

/** Types one row's fields (already checked for count, NUL bytes and size) for one file format. */
export type RowTyper = (fields: string[]) => TypedRow;

/** The film columns in one fixed order: silver's upsert binds them, and the import's threads pack them, in it. */
export const FILM_COLUMNS: (keyof FilmColumns)[] = [
  'title',
  'original_title',
  'budget',
  'revenue',
  'runtime',
  'release_date',
  'release_year',
  'original_language',
  'popularity',
  'vote_average',
  'vote_count',
  'homepage',
  'tagline',
  'overview',
  'status',
];

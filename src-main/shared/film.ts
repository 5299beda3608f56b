/**
 * The shapes of a film, shared by every layer. Pure types: both the main process and the renderer import them.
 */

/** A film that does not exist yet, as the analyst types it (also: a past film seen the same way). */
export interface FilmInput {
  title?: string;
  /** Production budget in dollars; required and positive. */
  budget: number;
  /** Minutes, 1-600; unknown when absent. */
  runtime?: number | null;
  genres: string[];
  /** ISO date yyyy-mm-dd. */
  releaseDate?: string | null;
  /** ISO 639-1 code, e.g. 'en'. */
  language?: string | null;
  /** Production country codes (ISO 3166-1 alpha-2), e.g. 'US'. */
  countries?: string[];
  /** Production companies (studios), by name. */
  companies?: string[];
  keywords?: string[];
  directors?: string[];
  /** Top-billed cast in billing order. */
  cast?: string[];
  hasHomepage?: boolean;
  hasTagline?: boolean;
}

/** A typed, cleaned film as silver holds it (what features and comparables read). */
export interface SilverFilm {
  id: number;
  tmdbId: number | null;
  title: string;
  budget: number | null;
  revenue: number | null;
  runtime: number | null;
  releaseDate: string | null;
  year: number | null;
  originalLanguage: string | null;
  popularity: number | null;
  voteAverage: number | null;
  voteCount: number | null;
  hasHomepage: boolean;
  hasTagline: boolean;
  genres: string[];
  keywords: string[];
  companies: string[];
  /** ISO 3166-1 codes. */
  countries: string[];
  /** ISO 639-1 codes of spoken languages. */
  languages: string[];
  /** Names in billing order. */
  cast: string[];
  directors: string[];
  /** Quality flags (e.g. 'budget_implausible'); flagged films are left out of training by default. */
  flags: string[];
}

/** Progress of long work, as hosts forward it to the UI (throttled to about 10 a second). */
export interface JobProgress {
  job: string;
  step: string;
  current: number;
  total: number;
  /** Free-form detail for the UI, e.g. "candidate 3/12, fold 2/5". */
  detail?: string;
  /** Estimated seconds left, when known. */
  etaSeconds?: number;
}

export type JobState = 'running' | 'done' | 'failed' | 'cancelled';

export interface JobStatus<R = unknown> {
  job: string;
  kind: string;
  state: JobState;
  progress?: JobProgress;
  result?: R;
  error?: string;
  startedAt: string;
  finishedAt?: string;
}

/**
 * The shapes of a feature spec: everything needed to turn a film into a row of numbers the same way at
 * training time, after a restart and on another machine. Plain JSON, saved with each model version.
 */

/** The list-valued facts of a film that features take terms from. */
export type TermList = 'language' | 'countries' | 'genres' | 'companies' | 'keywords';

/** Single numbers read (or derived) from a film. */
export type ScalarName =
  | 'log_budget'
  | 'budget'
  | 'log_budget_real'
  | 'log_budget_vs_market'
  | 'runtime'
  | 'year'
  | 'month'
  | 'weekday'
  | 'n_genres'
  | 'n_keywords'
  | 'n_companies'
  | 'n_countries'
  | 'has_homepage'
  | 'has_tagline'
  | 'popularity'
  | 'vote_count'
  | 'vote_average';

/** Whose record: the film's directors, its top-billed cast (pooled), or its production companies (pooled). */
export type TrackWho = 'director' | 'cast' | 'company';
/**
 * What a track record reports. Means are shrunk toward the all-films mean before the film's date; `best` is the
 * best single name's shrunk mean; `recent` weights earlier films by a five-year half-life; `roi` is log revenue
 * minus log budget (films with a known budget).
 */
export const TRACK_STAT_NAMES = [
  'prior_films',
  'prior_mean_log_revenue',
  'prior_hit_rate',
  'prior_max_log_revenue',
  'prior_mean_log_roi',
  'prior_best_mean_log_revenue',
  'prior_recent_mean_log_revenue',
] as const;
export type TrackStat = (typeof TRACK_STAT_NAMES)[number];

/** What a franchise record reports (franchise.ts): the earlier films a film continues, found by title. */
export type FranchiseStat =
  | 'franchise_prior_films'
  | 'franchise_prior_mean_log_revenue'
  | 'franchise_prior_max_log_revenue'
  | 'franchise_last_log_revenue'
  | 'franchise_last_log_roi';

/** Where one encoded column takes its value from. */
export type ColumnSource =
  | { type: 'scalar'; scalar: ScalarName }
  /** 1 when the film's list holds the term (case-insensitive), else 0. */
  | { type: 'member'; list: TermList; term: string }
  | { type: 'track'; who: TrackWho; stat: TrackStat }
  /** The film's franchise record: earlier films whose titles it continues (franchise.ts). */
  | { type: 'franchise'; stat: FranchiseStat };

export interface FeatureColumn {
  /** Machine name, e.g. 'log_budget', 'genre=Action', 'director_prior_films'. */
  name: string;
  /**
   * What a person reads, e.g. 'budget', 'genre Action', "director's earlier films: count", as training stored it;
   * displays read the catalog's current words instead (labels.ts catalogLabel), so older models read as new ones.
   */
  label: string;
  source: ColumnSource;
}

/**
 * Track-record history: the films with known revenue (and their hit outcome) a person appeared in, by
 * release day. Stored once per spec so a new film's record can be computed at its own date.
 */
export interface TrackHistory {
  /**
   * Per history film: [day number (days since 1970-01-01), log1p(revenue), hit 0/1 or -1 when budget is unknown,
   * log1p(budget) or -1 when unknown (absent in specs saved before ROI records)].
   */
  films: [number, number, number, number?][];
  /** Person (lower-cased name) -> indices into `films`, for directors and top-billed cast. */
  directors: Record<string, number[]>;
  cast: Record<string, number[]>;
  /** Production company (lower-cased name) -> indices into `films`; absent in specs saved before company records. */
  companies?: Record<string, number[]>;
  /** Per history film, its title as imported: kept only by specs with franchise records (franchise.ts). */
  titles?: string[];
  /** How many top-billed cast names count toward the cast record. */
  topCast: number;
  /** Shrinkage strength: a person's mean is pulled toward the all-films mean as if they had this many extra films. */
  shrinkage: number;
}

export interface FeatureSpec {
  version: 1;
  /** 'greenlight', 'tracking' or 'custom' (an explicit list). */
  set: string;
  /** The names asked for (a set name expands to its list). */
  requested: string[];
  columns: FeatureColumn[];
  /** Revenue >= hitMultiple x budget counts as a hit in track records. */
  hitMultiple: number;
  history: TrackHistory | null;
  /**
   * n_countries reads a blank country list as one country not named (at least 1), never as none: only 15 training
   * films list no country (mean log revenue 15.0 against 17.6), a page left unfilled rather than a film made
   * nowhere, so "none" was a page-completeness signal and a blank in the form cut a forecast for nothing. Absent
   * (false) in specs saved before, which keep reading a blank as 0.
   */
  blankCountriesAsOne?: boolean;
}

/** A film as features see it, whatever it came from (silver row or the analyst's input). */
export interface FilmFacts {
  /** The title, when known (franchise records read it); null when not given. */
  title: string | null;
  budget: number | null;
  runtime: number | null;
  /** Days since 1970-01-01 of the release, null when unknown. */
  day: number | null;
  year: number | null;
  month: number | null;
  /** 0 = Sunday ... 6 = Saturday. */
  weekday: number | null;
  language: string | null;
  countries: string[];
  genres: string[];
  companies: string[];
  keywords: string[];
  directors: string[];
  cast: string[];
  hasHomepage: boolean;
  hasTagline: boolean;
  popularity: number | null;
  voteCount: number | null;
  voteAverage: number | null;
  /** True for a film that does not exist yet (the analyst's input): its records use all history. */
  isNew: boolean;
}

/**
 * The features the app knows by name: single values, term groups (one column per vocabulary term) and
 * track records; and the named sets built from them.
 */
import {
  TRACK_STAT_NAMES,
  type FranchiseStat,
  type ScalarName,
  type TermList,
  type TrackStat,
  type TrackWho,
} from './types';
import { splitFeatureList } from '../../shared/feature-list';

export const SCALAR_LABELS: Record<ScalarName, string> = {
  log_budget: 'budget',
  budget: 'budget',
  log_budget_real: 'budget in 2017 dollars',
  log_budget_vs_market: "budget against the previous three years' films",
  runtime: 'runtime',
  year: 'release year',
  month: 'release month',
  weekday: 'release weekday',
  n_genres: 'number of genres',
  n_keywords: 'number of keywords',
  n_companies: 'number of production companies',
  n_countries: 'number of production countries',
  has_homepage: 'has a homepage',
  has_tagline: 'has a tagline',
  popularity: 'TMDB popularity',
  vote_count: 'vote count',
  vote_average: 'vote average',
};

/** Scalars read from the track-record history (earlier films), so a spec using them stores the history. */
export const HISTORY_SCALARS: ScalarName[] = ['log_budget_vs_market'];

/** Known only once a film is out: the `tracking` set adds them. */
export const POST_RELEASE_SCALARS: ScalarName[] = ['popularity', 'vote_count', 'vote_average'];

/**
 * How complete a film's TMDB page is: the number of keywords and companies typed in, a tagline, a homepage.
 * Pages of famous films are filled in after release, so these act as fame signals measured afterwards; for a
 * film not yet made they only echo how much the analyst typed. Only the `tracking` set (films already out)
 * uses them.
 */
export const PAGE_COMPLETENESS_SCALARS: ScalarName[] = ['n_keywords', 'n_companies', 'has_homepage', 'has_tagline'];

/**
 * Keywords that describe the finished cut as viewers tag it (a scene during or after the credits): known
 * after release only, and mostly tagged on famous films. Never vocabulary columns.
 */
export const POST_RELEASE_KEYWORDS = ['duringcreditsstinger', 'aftercreditsstinger'];

/**
 * Term groups: the name used in feature lists, the film list it reads, the column prefix, how many of the
 * most frequent training terms become columns (Infinity: all), the minimum number of training films, and
 * terms never made into columns.
 */
export const TERM_GROUPS: Record<
  string,
  { list: TermList; prefix: string; label: string; top: number; minCount: number; exclude?: string[] }
> = {
  language: { list: 'language', prefix: 'language', label: 'original language', top: 10, minCount: 5 },
  countries: { list: 'countries', prefix: 'country', label: 'production country', top: 10, minCount: 5 },
  genres: { list: 'genres', prefix: 'genre', label: 'genre', top: Infinity, minCount: 1 },
  companies: { list: 'companies', prefix: 'company', label: 'production company', top: 20, minCount: 5 },
  keywords: {
    list: 'keywords',
    prefix: 'keyword',
    label: 'keyword',
    top: 40,
    minCount: 5,
    exclude: POST_RELEASE_KEYWORDS,
  },
};

/** The stats the track-record groups (TRACK_GROUP, COMPANY_TRACK_GROUP) add, per person or studio. */
export const TRACK_STATS: TrackStat[] = ['prior_films', 'prior_mean_log_revenue', 'prior_hit_rate'];

const WHOSE: Record<TrackWho, string> = { director: "director's", cast: "lead cast's", company: "studios'" };
/**
 * What each track-record figure is, in an analyst's words, after whose it is ("director's earlier films: typical
 * revenue"). Display only: the column names (director_prior_mean_log_revenue, ...) are what models are saved with.
 * "Typical" because the figures are log-scale means pulled toward the average film (a geometric mean, not a sum).
 */
const STAT_LABELS: Record<TrackStat, string> = {
  prior_films: 'earlier films: count',
  prior_mean_log_revenue: 'earlier films: typical revenue',
  prior_hit_rate: 'earlier films: hit rate',
  prior_max_log_revenue: 'earlier films: best revenue',
  prior_mean_log_roi: 'earlier films: typical return on budget',
  prior_best_mean_log_revenue: 'earlier films: typical revenue of the strongest name',
  prior_recent_mean_log_revenue: 'earlier films: typical revenue, recent ones counting most',
};
export const TRACK_LABELS = Object.fromEntries(
  Object.entries(WHOSE).map(([who, whose]) => [
    who,
    Object.fromEntries(TRACK_STAT_NAMES.map((stat) => [stat, `${whose} ${STAT_LABELS[stat]}`])),
  ]),
) as Record<TrackWho, Record<TrackStat, string>>;

/**
 * Name of the group that adds the production companies' records (films released before, pooled over the
 * film's companies). Needs no credits: companies come with the films file.
 */
export const COMPANY_TRACK_GROUP = 'company_records';

/**
 * Name of the group that adds the franchise record (franchise.ts): the earlier films in the data whose titles
 * the film continues ("Iron Man" -> "Iron Man 2"), released strictly before it, and how they did. Read from the
 * title, so a film typed in the form gets it the same way as in training.
 */
export const FRANCHISE_GROUP = 'franchise_records';

/**
 * The stats the franchise group adds (measured with bench/greenlight-ideas.ts: these three lifted hit AUC most;
 * the best and the latest earlier film's revenue stay available by name).
 */
export const FRANCHISE_STATS: FranchiseStat[] = [
  'franchise_prior_films',
  'franchise_prior_mean_log_revenue',
  'franchise_last_log_roi',
];

/** The franchise figures in an analyst's words (display only, like STAT_LABELS). */
export const FRANCHISE_LABELS: Record<FranchiseStat, string> = {
  franchise_prior_films: "franchise's earlier films (found by title): count",
  franchise_prior_mean_log_revenue: "franchise's earlier films: typical revenue",
  franchise_prior_max_log_revenue: "franchise's earlier films: best revenue",
  franchise_last_log_revenue: "franchise's latest film: revenue",
  franchise_last_log_roi: "franchise's latest film: return on budget",
};

/** Name of the group that adds every track-record column (when credits exist). */
export const TRACK_GROUP = 'track_records';

/**
 * The pre-release set: only what is known before a film is made, and what an analyst can type for a film that
 * does not exist yet. Left out on purpose (measured, see the README): the page-completeness counts and flags
 * (PAGE_COMPLETENESS_SCALARS), which marked a new film typed with 2 keywords and no tagline down about 3x in
 * revenue for no reason but how much was typed; and viewer-tagged keywords (POST_RELEASE_KEYWORDS). Studios
 * enter as membership of the top companies and as the companies' track records from earlier films (their
 * pooled prior film count reads as studio scale: extra unknown co-producers add nothing), never as a count
 * of companies listed. Franchise records come from the title alone (a title the analyst types), never from
 * how the film's page was filled in.
 */
export const GREENLIGHT_SET: string[] = [
  'log_budget',
  'runtime',
  'year',
  'month',
  'weekday',
  'language',
  'countries',
  'genres',
  'companies',
  'keywords',
  'n_genres',
  'n_countries',
  TRACK_GROUP,
  COMPANY_TRACK_GROUP,
  FRANCHISE_GROUP,
];

export const FEATURE_SETS: Record<string, string[]> = {
  greenlight: GREENLIGHT_SET,
  tracking: [...GREENLIGHT_SET, ...PAGE_COMPLETENESS_SCALARS, ...POST_RELEASE_SCALARS],
};

export const FEATURE_SET_DESCRIPTIONS: Record<string, string> = {
  greenlight:
    'Pre-release only: budget, runtime, date, language, countries, genres, studios and their track records, keywords, director and cast track records, and the earlier films of its franchise (by title).',
  tracking:
    'Greenlight plus what is known only after release: popularity, vote count, vote average, and how complete the TMDB page is.',
};

export function isScalarName(name: string): name is ScalarName {
  return Object.prototype.hasOwnProperty.call(SCALAR_LABELS, name);
}

/** Every name an explicit feature list may use, for help texts and validation messages. */
export function knownFeatureNames(): string[] {
  const track = (['director', 'cast', 'company'] as TrackWho[]).flatMap((who) =>
    TRACK_STAT_NAMES.map((s) => `${who}_${s}`),
  );
  return [
    ...Object.keys(SCALAR_LABELS),
    ...Object.keys(TERM_GROUPS),
    TRACK_GROUP,
    COMPANY_TRACK_GROUP,
    FRANCHISE_GROUP,
    ...track,
    ...Object.keys(FRANCHISE_LABELS),
  ];
}

/**
 * How a model version names its features: the set's name, or the list as it was asked for, trimmed and each name once
 * ('greenlight,has_tagline' stays that, not the set's fifteen names and one more).
 */
export function featuresLabel(features: string | string[]): string {
  return splitFeatureList(features).join(',');
}

/**
 * Expands a set name or a comma-separated list into feature names, refusing unknown names with the list
 * of known ones. A set named inside a list stands for its names, so a set can be extended
 * (`greenlight,has_tagline`); such a list is a custom set.
 */
export function resolveFeatureNames(features: string | string[]): { set: string; names: string[] } {
  if (typeof features === 'string' && FEATURE_SETS[features.trim()]) {
    return { set: features.trim(), names: [...FEATURE_SETS[features.trim()]] };
  }
  const names = splitFeatureList(features).flatMap((n) =>
    Object.prototype.hasOwnProperty.call(FEATURE_SETS, n) ? FEATURE_SETS[n] : [n],
  );
  if (names.length === 0) throw new RangeError('No features given: name a set (greenlight, tracking) or a list.');
  const known = new Set(knownFeatureNames());
  const unknown = names.filter((n) => !known.has(n));
  if (unknown.length > 0) {
    throw new RangeError(
      `Unknown feature${unknown.length > 1 ? 's' : ''} ${unknown.map((u) => `'${u}'`).join(', ')}. ` +
        `Use a set (${Object.keys(FEATURE_SETS).join(', ')}) or names among: ${knownFeatureNames().join(', ')}.`,
    );
  }
  return { set: 'custom', names: [...new Set(names)] };
}

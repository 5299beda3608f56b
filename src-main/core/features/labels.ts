/** Human labels for encoded feature values, for explanations ("budget $150M", "genre Action: yes"). */
import { formatMoney, formatNumber } from '../../shared/format';
import { countryName } from '../../shared/countries';
import { languageName } from '../../shared/languages';
import { FRANCHISE_LABELS, SCALAR_LABELS, TERM_GROUPS, TRACK_LABELS } from './catalog';
import type { FeatureColumn, FranchiseStat, TermList, TrackStat, TrackWho } from './types';

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
/** 3.24 -> '3.2x', 0.456 -> '0.46x', 12.3 -> '12x' (or with another sign: '3.2×'). */
function formatMultiple(x: number, sign = 'x'): string {
  return `${x >= 10 ? Math.round(x) : x >= 1 ? x.toFixed(1) : x.toFixed(2)}${sign}`;
}

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** The label of one column's value for a film, e.g. '$150M', 'June', 'yes', '3 films'. */
export function valueLabel(column: FeatureColumn, value: number): string {
  // A film that continues no earlier film has no franchise figures: 'none', not 'unknown'.
  if (Number.isNaN(value)) return column.source.type === 'franchise' ? 'none' : 'unknown';
  const source = column.source;
  if (source.type === 'member') return value ? 'yes' : 'no';
  if (source.type === 'track') {
    if (source.stat === 'prior_films') return `${value} film${value === 1 ? '' : 's'}`;
    if (source.stat === 'prior_hit_rate') return `${Math.round(value * 100)}%`;
    return `${formatMoney(Math.expm1(value))} (typical)`;
  }
  if (source.type === 'franchise') {
    if (source.stat === 'franchise_prior_films') return value === 0 ? 'none' : `${value} film${value === 1 ? '' : 's'}`;
    if (source.stat === 'franchise_last_log_roi') return `${formatMultiple(Math.exp(value))} budget`;
    const money = formatMoney(Math.expm1(value));
    return source.stat === 'franchise_prior_mean_log_revenue' ? `${money} (typical)` : money;
  }
  switch (source.scalar) {
    case 'log_budget':
    case 'budget':
    case 'log_budget_real':
      return formatMoney(Math.expm1(value));
    case 'runtime':
      return `${Math.round(value)} min`;
    case 'month':
      return MONTHS[value - 1] ?? String(value);
    case 'weekday':
      return WEEKDAYS[value] ?? String(value);
    case 'has_homepage':
    case 'has_tagline':
      return value ? 'yes' : 'no';
    case 'popularity':
    case 'vote_average':
      return value.toFixed(1);
    default:
      return String(Math.round(value * 100) / 100);
  }
}

/**
 * A vocabulary term as a person reads it: a language or a country by its name ('zh' -> 'Mandarin', 'CN' ->
 * 'China'), any other term as it is.
 */
export function termLabel(list: TermList, term: string): string {
  if (list === 'language') return languageName(term) || term;
  if (list === 'countries') return countryName(term) || term;
  return term;
}

/** A membership column's group as a person names it ('company' -> 'production company'). */
const GROUP_LABELS = new Map(Object.values(TERM_GROUPS).map((g) => [g.prefix, g.label]));

/**
 * A column's label in the catalog's current words ("director's earlier films: typical revenue", 'original
 * language Mandarin', 'production country China'), read from what the column is (its source), so a model saved
 * with older wording (or its codes: 'production country CN') reads the same as a new one; the label the spec
 * stored where the catalog does not know the column. Display only.
 */
export function catalogLabel(column: FeatureColumn): string {
  const source = column.source;
  switch (source.type) {
    case 'scalar':
      return SCALAR_LABELS[source.scalar] ?? column.label;
    case 'track':
      return TRACK_LABELS[source.who]?.[source.stat] ?? column.label;
    case 'franchise':
      return FRANCHISE_LABELS[source.stat] ?? column.label;
    case 'member': {
      const group = GROUP_LABELS.get(column.name.slice(0, column.name.indexOf('=')));
      return group ? `${group} ${termLabel(source.list, source.term)}` : column.label;
    }
    default:
      return column.label;
  }
}

/**
 * "budget $150M", "genre Action: yes", "director's earlier films: count = 3 films": a column and its value in one
 * phrase (a label that already holds a colon takes its value after an equals sign).
 */
export function describeValue(column: FeatureColumn, value: number): string {
  const label = valueLabel(column, value);
  const name = catalogLabel(column);
  if (name.includes(':')) return `${name} = ${label}`;
  return column.source.type === 'member' || label === 'yes' || label === 'no' || label === 'none'
    ? `${name}: ${label}`
    : `${name} ${label}`;
}

const WHOSE_RECORD: Record<TrackWho | 'franchise', string> = {
  director: 'Director',
  cast: 'Lead cast',
  company: 'Studios',
  franchise: 'Franchise',
};

/** What a track-record or franchise figure says, after the whose ('Director: ...'). */
function recordWords(stat: TrackStat | FranchiseStat, value: number): string {
  if (Number.isNaN(value)) {
    if (stat === 'franchise_last_log_roi') return 'no earlier return known';
    return stat.startsWith('franchise_') ? 'no earlier films' : 'unknown';
  }
  const money = () => formatMoney(Math.expm1(value));
  switch (stat) {
    case 'prior_films':
    case 'franchise_prior_films':
      return value === 0 ? 'no earlier films' : `${formatNumber(value)} earlier film${value === 1 ? '' : 's'}`;
    // Means and rates are shrunk toward the average film: the model's reading, not the films' own average.
    case 'prior_mean_log_revenue':
    case 'franchise_prior_mean_log_revenue':
      return `earlier films read as ${money()}`;
    case 'prior_hit_rate':
      return `earlier hit rate read as ${Math.round(value * 100)}%`;
    case 'prior_mean_log_roi':
      return `earlier films read as ${formatMultiple(Math.exp(value), '×')} budget`;
    case 'prior_best_mean_log_revenue':
      return `best name's films read as ${money()}`;
    case 'prior_recent_mean_log_revenue':
      return `recent films read as ${money()}`;
    case 'prior_max_log_revenue':
    case 'franchise_prior_max_log_revenue':
      return `best earlier film ${money()}`;
    case 'franchise_last_log_revenue':
      return `latest film earned ${money()}`;
    case 'franchise_last_log_roi':
      return `latest returned ${formatMultiple(Math.exp(value), '×')} budget`;
  }
}

const COUNT_SCALARS = new Set<string>(['vote_count', 'n_genres', 'n_keywords', 'n_companies', 'n_countries']);

function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * One column's part in a forecast as an analyst reads it, short enough for a chart's axis: 'Budget: $150M',
 * 'Genre: not Drama', "Director: no earlier films", 'Franchise: latest returned 6.1× budget'. Display only:
 * nothing here changes what a film encodes to.
 */
export function contributionLabel(column: FeatureColumn, value: number): string {
  const source = column.source;
  if (source.type === 'member') {
    const group = capitalised(GROUP_LABELS.get(column.name.slice(0, column.name.indexOf('='))) ?? source.list);
    return `${group}: ${value ? '' : 'not '}${termLabel(source.list, source.term)}`;
  }
  if (source.type === 'track') return `${WHOSE_RECORD[source.who]}: ${recordWords(source.stat, value)}`;
  if (source.type === 'franchise') return `${WHOSE_RECORD.franchise}: ${recordWords(source.stat, value)}`;
  const label = capitalised(SCALAR_LABELS[source.scalar]);
  if (Number.isNaN(value)) return `${label}: unknown`;
  if (COUNT_SCALARS.has(source.scalar)) return `${label}: ${formatNumber(value)}`;
  if (source.scalar === 'log_budget_vs_market')
    return `${label}: ${formatMultiple(Math.exp(value), '×')} their typical budget`;
  return `${label}: ${valueLabel(column, value)}`;
}

/**
 * One column by itself, without a film's value, as charts over a whole model name it (feature importance): a
 * membership column as the forecast reasons say it ('Genre: Drama', 'Original language: Mandarin', 'Production
 * country: China'), any other its catalog label in the catalog's current words ('Budget', "Director's earlier
 * films: hit rate"), also for models saved with older labels. Display only, like contributionLabel.
 */
export function columnLabel(column: FeatureColumn): string {
  return column.source.type === 'member' ? contributionLabel(column, 1) : capitalised(catalogLabel(column));
}

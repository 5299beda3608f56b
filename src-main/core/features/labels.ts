/** Human labels for encoded feature values, for explanations ("budget $150M", "genre Action: yes"). */
import { formatMoney } from '../../shared/format';
import type { FeatureColumn } from './types';

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
/** 3.24 -> '3.2x', 0.456 -> '0.46x'. */
function formatMultiple(x: number): string {
  return `${x >= 10 ? Math.round(x) : x >= 1 ? x.toFixed(1) : x.toFixed(2)}x`;
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

/** "budget $150M", "genre Action: yes": a column and its value in one phrase. */
export function describeValue(column: FeatureColumn, value: number): string {
  const label = valueLabel(column, value);
  return column.source.type === 'member' || label === 'yes' || label === 'no' || label === 'none'
    ? `${column.label}: ${label}`
    : `${column.label} ${label}`;
}

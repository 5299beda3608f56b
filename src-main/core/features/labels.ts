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
const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** The label of one column's value for a film, e.g. '$150M', 'June', 'yes', '3 films'. */
export function valueLabel(column: FeatureColumn, value: number): string {
  if (Number.isNaN(value)) return 'unknown';
  const source = column.source;
  if (source.type === 'member') return value ? 'yes' : 'no';
  if (source.type === 'track') {
    if (source.stat === 'prior_films') return `${value} film${value === 1 ? '' : 's'}`;
    if (source.stat === 'prior_hit_rate') return `${Math.round(value * 100)}%`;
    return `${formatMoney(Math.expm1(value))} (typical)`;
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
  return column.source.type === 'member' || label === 'yes' || label === 'no'
    ? `${column.label}: ${label}`
    : `${column.label} ${label}`;
}

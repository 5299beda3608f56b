/**
 * Contributions in words: "budget $150M: +1.20 on log revenue". Sorted by size of effect, all kept, so they
 * still add up (with the base) to the model's raw prediction.
 */
import type { Contribution } from '../../shared/forecast';
import type { FeatureContribution } from '../models/types';

const readable = new Map<string, string>();

/** 'log_budget' -> 'budget', 'genre=Action' -> 'genre Action', 'release_month' -> 'release month' (memoised). */
export function readableFeature(feature: string): string {
  let text = readable.get(feature);
  if (text === undefined) {
    text = feature
      .replace(/^log1?p?_/, '')
      .replace(/[=_]/g, ' ')
      .replace(/\s+/g, ' ')
      .trim();
    if (readable.size < 10_000) readable.set(feature, text);
  }
  return text;
}

/** 'genre=Drama' with value 'no' -> 'not genre Drama'; 'yes' -> 'genre Drama'; null for other features. */
function membershipSubject(feature: string, value: string): string | null {
  const equals = feature.indexOf('=');
  if (equals <= 0 || (value !== 'yes' && value !== 'no')) return null;
  const subject = `${feature.slice(0, equals).replace(/_/g, ' ')} ${feature.slice(equals + 1)}`;
  return value === 'no' ? `not ${subject}` : subject;
}

export function describeContributions(contributions: readonly FeatureContribution[], scale: string): Contribution[] {
  return [...contributions]
    .sort((a, b) => Math.abs(b.effect) - Math.abs(a.effect))
    .map((c) => {
      const label = readableFeature(c.feature);
      const value = c.value ?? '';
      const subject =
        membershipSubject(c.feature, value) ??
        (value && !label.toLowerCase().includes(value.toLowerCase()) ? `${label} ${value}` : label);
      const sign = c.effect >= 0 ? '+' : '\u2212';
      return {
        feature: c.feature,
        value,
        effect: c.effect,
        text: `${subject}: ${sign}${Math.abs(c.effect).toFixed(2)} on ${scale}`,
      };
    });
}

/**
 * Contributions in words: "budget $150M: +1.20 on log revenue". Sorted by size of effect, all kept, so they
 * still add up (with the base) to the model's raw prediction.
 */
import type { Contribution } from '../../shared/forecast';
import { membership } from '../../shared/format';
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

export function describeContributions(contributions: readonly FeatureContribution[], scale: string): Contribution[] {
  return [...contributions]
    .sort((a, b) => Math.abs(b.effect) - Math.abs(a.effect))
    .map((c) => {
      const label = readableFeature(c.feature);
      const value = c.value ?? '';
      const member = membership(c.feature, value);
      const subject = member
        ? `${member.member ? '' : 'not '}${member.group} ${member.term}`
        : value && !label.toLowerCase().includes(value.toLowerCase())
          ? `${label} ${value}`
          : label;
      const sign = c.effect >= 0 ? '+' : '\u2212';
      return {
        feature: c.feature,
        value,
        effect: c.effect,
        text: `${subject}: ${sign}${Math.abs(c.effect).toFixed(2)} on ${scale}`,
      };
    });
}

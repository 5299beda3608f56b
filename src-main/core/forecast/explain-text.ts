/**
 * Contributions in words: "Budget: $150M (+1.20 on log revenue)", "Franchise: latest returned 6.1× budget
 * (+0.12 on log revenue)", from the model's label of each (features/labels.ts contributionLabel); a model that
 * gives none falls back to the column's name ("budget $150M: +1.20 on log revenue"). Sorted by size of effect,
 * all kept, so they still add up (with the base) to the model's raw prediction.
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
      const value = c.value ?? '';
      const effect = `${c.effect >= 0 ? '+' : '\u2212'}${Math.abs(c.effect).toFixed(2)} on ${scale}`;
      if (c.label)
        return { feature: c.feature, value, label: c.label, effect: c.effect, text: `${c.label} (${effect})` };
      const label = readableFeature(c.feature);
      const member = membership(c.feature, value);
      const subject = member
        ? `${member.member ? '' : 'not '}${member.group} ${member.term}`
        : value && !label.toLowerCase().includes(value.toLowerCase())
          ? `${label} ${value}`
          : label;
      return { feature: c.feature, value, effect: c.effect, text: `${subject}: ${effect}` };
    });
}

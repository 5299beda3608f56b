/**
 * What a model learns to predict, and which films can teach it. Raw scale: log1p(revenue) for revenue,
 * 0/1 for hit, popularity as is.
 */
import type { SilverFilm } from '../../shared/film';
import type { Target } from '../models/types';

export const TARGETS: Target[] = ['revenue', 'hit', 'popularity'];

export interface TargetOptions {
  /** Hit: revenue >= hitMultiple x budget. Default 2 (the seeds' rule). */
  hitMultiple?: number;
  /** Keep quality-flagged films (default false: flagged films are left out). */
  includeFlagged?: boolean;
}

/** True when the film can be a training row for the target. */
export function hasTarget(film: SilverFilm, target: Target): boolean {
  if (target === 'popularity') return film.popularity !== null && Number.isFinite(film.popularity);
  return (film.revenue ?? 0) > 0 && (film.budget ?? 0) > 0;
}

/** The raw-scale target value of a film that `hasTarget`. */
export function targetValue(film: SilverFilm, target: Target, hitMultiple = 2): number {
  switch (target) {
    case 'revenue':
      return Math.log1p(film.revenue as number);
    case 'hit':
      return (film.revenue as number) >= hitMultiple * (film.budget as number) ? 1 : 0;
    case 'popularity':
      return film.popularity as number;
  }
}

/** The films a target trains on, in a stable order (by id), with their raw-scale target values. */
export function trainingRows(
  films: SilverFilm[],
  target: Target,
  options: TargetOptions = {},
): { films: SilverFilm[]; y: Float64Array } {
  const chosen = films
    .filter((f) => (options.includeFlagged || f.flags.length === 0) && hasTarget(f, target))
    .sort((a, b) => a.id - b.id);
  const y = Float64Array.from(chosen, (f) => targetValue(f, target, options.hitMultiple ?? 2));
  return { films: chosen, y };
}

/** Raw-scale prediction to the reported unit: dollars for revenue; hit and popularity pass through. */
export function toReportedUnit(target: Target, raw: number): number {
  return target === 'revenue' ? Math.max(0, Math.expm1(raw)) : raw;
}

/**
 * Leak-free track records of directors and top-billed cast. A film's record is computed only from films
 * released strictly before it (by release day), so a model never learns from the future: the film's own
 * revenue, and anything released on or after its date, are invisible to it.
 */
import type { SilverFilm } from '../../shared/film';
import { dayNumber, termKey } from './film-facts';
import type { FilmFacts, TrackHistory, TrackStat, TrackWho } from './types';

export const DEFAULT_TOP_CAST = 3;
export const DEFAULT_SHRINKAGE = 3;

/** True when at least one film lists a director or cast member (i.e. credits were imported). */
export function hasCredits(films: SilverFilm[]): boolean {
  return films.some((f) => f.directors.length > 0 || f.cast.length > 0);
}

/**
 * Builds the history from films with known revenue and a release date. `hitMultiple` decides the hit
 * outcome recorded for films whose budget is known.
 */
export function buildTrackHistory(
  films: SilverFilm[],
  hitMultiple: number,
  options: { topCast?: number; shrinkage?: number } = {},
): TrackHistory {
  const topCast = options.topCast ?? DEFAULT_TOP_CAST;
  const history: TrackHistory = {
    films: [],
    directors: {},
    cast: {},
    companies: {},
    topCast,
    shrinkage: options.shrinkage ?? DEFAULT_SHRINKAGE,
  };
  const dated = films
    .map((f) => ({ f, day: dayNumber(f.releaseDate) }))
    .filter((e): e is { f: SilverFilm; day: number } => e.day !== null && (e.f.revenue ?? 0) > 0)
    .sort((a, b) => a.day - b.day || a.f.id - b.f.id);
  for (const { f, day } of dated) {
    const index = history.films.length;
    const revenue = f.revenue as number;
    const hit = f.budget && f.budget > 0 ? (revenue >= hitMultiple * f.budget ? 1 : 0) : -1;
    history.films.push([day, round4(Math.log1p(revenue)), hit]);
    for (const name of new Set(f.directors.map(termKey))) (history.directors[name] ??= []).push(index);
    for (const name of new Set(f.cast.slice(0, topCast).map(termKey))) (history.cast[name] ??= []).push(index);
    for (const name of new Set(f.companies.map(termKey))) (history.companies![name] ??= []).push(index);
  }
  return history;
}

function round4(x: number): number {
  return Math.round(x * 10_000) / 10_000;
}

/** Number of history films released strictly before `day` (films are sorted by day). */
function countBefore(history: TrackHistory, day: number): number {
  let lo = 0;
  let hi = history.films.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (history.films[mid][0] < day) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Cached prefix sums over the sorted history, for the all-films means before a day. */
const prefixCache = new WeakMap<TrackHistory, { logRevenue: Float64Array; hits: Float64Array; known: Float64Array }>();

function prefixSums(history: TrackHistory) {
  let cached = prefixCache.get(history);
  if (!cached) {
    const n = history.films.length;
    cached = { logRevenue: new Float64Array(n + 1), hits: new Float64Array(n + 1), known: new Float64Array(n + 1) };
    for (let i = 0; i < n; i++) {
      const [, logRevenue, hit] = history.films[i];
      cached.logRevenue[i + 1] = cached.logRevenue[i] + logRevenue;
      cached.hits[i + 1] = cached.hits[i] + (hit === 1 ? 1 : 0);
      cached.known[i + 1] = cached.known[i] + (hit >= 0 ? 1 : 0);
    }
    prefixCache.set(history, cached);
  }
  return cached;
}

export interface TrackRecord {
  prior_films: number;
  prior_mean_log_revenue: number;
  prior_hit_rate: number;
}

const MISSING: TrackRecord = { prior_films: NaN, prior_mean_log_revenue: NaN, prior_hit_rate: NaN };

/**
 * The record of a film's directors (or top-billed cast, or production companies, pooled) from films released strictly before it.
 * Means are shrunk toward the mean of all films released before it, so one lucky film does not read as a
 * sure thing. A film with no such people listed, or a past film with no date, gets NaN (missing). A new
 * film (the analyst's input) without a date is treated as released after all history.
 */
export function trackRecord(history: TrackHistory, facts: FilmFacts, who: TrackWho): TrackRecord {
  const names =
    who === 'director' ? facts.directors : who === 'cast' ? facts.cast.slice(0, history.topCast) : facts.companies;
  if (names.length === 0) return MISSING;
  if (facts.day === null && !facts.isNew) return MISSING;
  const day = facts.day ?? Infinity;
  const index = who === 'director' ? history.directors : who === 'cast' ? history.cast : (history.companies ?? {});
  const before = day === Infinity ? history.films.length : countBefore(history, day);
  const sums = prefixSums(history);
  const globalMean = before > 0 ? sums.logRevenue[before] / before : NaN;
  const globalHitRate = sums.known[before] > 0 ? sums.hits[before] / sums.known[before] : NaN;
  // A person's (or studio's) films are listed in release order, so the prior ones are a prefix of the list;
  // a film shared by two of the names counts once (marked in a reused stamp array, no per-call Set).
  const seen = stampsFor(history);
  const stamp = nextStamp(seen);
  let count = 0;
  let sumLog = 0;
  let hits = 0;
  let known = 0;
  for (const name of names) {
    const list = index[cachedTermKey(name)];
    if (!list) continue;
    for (let k = 0; k < list.length && list[k] < before; k++) {
      const i = list[k];
      if (seen.marks[i] === stamp) continue;
      seen.marks[i] = stamp;
      const film = history.films[i];
      count++;
      sumLog += film[1];
      if (film[2] >= 0) {
        known++;
        hits += film[2];
      }
    }
  }
  const k = history.shrinkage;
  return {
    prior_films: count,
    prior_mean_log_revenue: count + k > 0 ? (sumLog + k * globalMean) / (count + k) : NaN,
    prior_hit_rate: known + k > 0 ? (hits + k * globalHitRate) / (known + k) : NaN,
  };
}

/** Per history: one mark per history film, and the stamp of the current call (marks equal to it are seen). */
const stampCache = new WeakMap<TrackHistory, { marks: Uint32Array; stamp: number }>();

function stampsFor(history: TrackHistory) {
  let entry = stampCache.get(history);
  if (!entry) stampCache.set(history, (entry = { marks: new Uint32Array(history.films.length), stamp: 0 }));
  return entry;
}

function nextStamp(entry: { marks: Uint32Array; stamp: number }): number {
  if (entry.stamp === 0xffffffff) {
    entry.marks.fill(0);
    entry.stamp = 0;
  }
  return ++entry.stamp;
}

/** termKey of names typed for people and studios, remembered (names repeat across rows of a batch). */
const termKeys = new Map<string, string>();
function cachedTermKey(name: string): string {
  let key = termKeys.get(name);
  if (key === undefined) {
    key = termKey(name);
    if (termKeys.size < 100_000) termKeys.set(name, key);
  }
  return key;
}

export function trackValue(history: TrackHistory, facts: FilmFacts, who: TrackWho, stat: TrackStat): number {
  return trackRecord(history, facts, who)[stat];
}

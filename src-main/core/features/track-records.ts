/**
 * Leak-free track records of directors and top-billed cast. A film's record is computed only from films
 * released strictly before it (by release day), so a model never learns from the future: the film's own
 * revenue, and anything released on or after its date, are invisible to it.
 */
import type { SilverFilm } from '../../shared/film';
import { dayNumber, termKey } from './film-facts';
import { TRACK_STAT_NAMES, type FilmFacts, type TrackHistory, type TrackStat, type TrackWho } from './types';

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
  options: { topCast?: number; shrinkage?: number; titles?: boolean } = {},
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
  if (options.titles) history.titles = [];
  const dated = films
    .map((f) => ({ f, day: dayNumber(f.releaseDate) }))
    .filter((e): e is { f: SilverFilm; day: number } => e.day !== null && (e.f.revenue ?? 0) > 0)
    .sort((a, b) => a.day - b.day || a.f.id - b.f.id);
  for (const { f, day } of dated) {
    const index = history.films.length;
    const revenue = f.revenue as number;
    const hit = f.budget && f.budget > 0 ? (revenue >= hitMultiple * f.budget ? 1 : 0) : -1;
    const logBudget = f.budget && f.budget > 0 ? round4(Math.log1p(f.budget)) : -1;
    history.films.push([day, round4(Math.log1p(revenue)), hit, logBudget]);
    history.titles?.push(f.title);
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
export function countBefore(history: TrackHistory, day: number): number {
  let lo = 0;
  let hi = history.films.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (history.films[mid][0] < day) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

interface PrefixSums {
  logBudget: Float64Array;
  budgetKnown: Float64Array;
  logRevenue: Float64Array;
  hits: Float64Array;
  known: Float64Array;
  logRoi: Float64Array;
  roiKnown: Float64Array;
}

/** Cached prefix sums over the sorted history, for the all-films means before a day. */
const prefixCache = new WeakMap<TrackHistory, PrefixSums>();

function prefixSums(history: TrackHistory): PrefixSums {
  let cached = prefixCache.get(history);
  if (!cached) {
    const n = history.films.length;
    const column = () => new Float64Array(n + 1);
    cached = {
      logBudget: column(),
      budgetKnown: column(),
      logRevenue: column(),
      hits: column(),
      known: column(),
      logRoi: column(),
      roiKnown: column(),
    };
    for (let i = 0; i < n; i++) {
      const [, logRevenue, hit, logBudget = -1] = history.films[i];
      cached.logRevenue[i + 1] = cached.logRevenue[i] + logRevenue;
      cached.hits[i + 1] = cached.hits[i] + (hit === 1 ? 1 : 0);
      cached.known[i + 1] = cached.known[i] + (hit >= 0 ? 1 : 0);
      cached.logRoi[i + 1] = cached.logRoi[i] + (logBudget >= 0 ? logRevenue - logBudget : 0);
      cached.roiKnown[i + 1] = cached.roiKnown[i] + (logBudget >= 0 ? 1 : 0);
      cached.logBudget[i + 1] = cached.logBudget[i] + (logBudget >= 0 ? logBudget : 0);
      cached.budgetKnown[i + 1] = cached.budgetKnown[i] + (logBudget >= 0 ? 1 : 0);
    }
    prefixCache.set(history, cached);
  }
  return cached;
}

/** Mean log revenue of the first `before` history films (the films released before some day); NaN for none. */
export function meanLogRevenueBefore(history: TrackHistory, before: number): number {
  return before > 0 ? prefixSums(history).logRevenue[before] / before : NaN;
}

/** How far back the market's budgets are averaged for `budgetVsMarket`: three years. */
const MARKET_WINDOW_DAYS = 3 * 365;

/**
 * A film's log budget minus the mean log budget of the films released in the three years before it (from the
 * history, so only earlier films count): how big a bet it is for its time. NaN when the budget is unknown,
 * a past film has no date, or no earlier film with a budget falls in the window.
 */
export function budgetVsMarket(history: TrackHistory, facts: FilmFacts): number {
  if (facts.budget === null || (facts.day === null && !facts.isNew)) return NaN;
  const end = facts.day === null ? history.films.length : countBefore(history, facts.day);
  const lastDay = end > 0 ? history.films[end - 1][0] : 0;
  const start = countBefore(history, (facts.day ?? lastDay + 1) - MARKET_WINDOW_DAYS);
  const sums = prefixSums(history);
  const known = sums.budgetKnown[end] - sums.budgetKnown[start];
  if (known <= 0) return NaN;
  return Math.log1p(facts.budget) - (sums.logBudget[end] - sums.logBudget[start]) / known;
}

export type TrackRecord = Record<TrackStat, number>;

const MISSING: TrackRecord = Object.freeze(
  Object.fromEntries(TRACK_STAT_NAMES.map((stat) => [stat, NaN])),
) as TrackRecord;

/** Half-life, in days, of a past film's weight in the recency-weighted mean (five years). */
const RECENCY_HALF_LIFE_DAYS = 5 * 365.25;

/**
 * The record of a film's directors (or top-billed cast, or production companies, pooled) from films released
 * strictly before it. Means are shrunk toward the mean of all films released before it, so one lucky film does
 * not read as a sure thing. A film with no such people listed reads as one whose people have no earlier films
 * (a debut: no prior films, the all-films means), not as missing: almost every training film lists a director
 * and cast, so the models never learned what "missing" means, and a name left blank in the form swung forecasts
 * by -68% / +90% through that untrained branch. A past film with no date gets NaN (missing). A new film (the
 * analyst's input) without a date is treated as released after all history.
 *
 * Pooled stats count a film shared by two of the names once. `prior_best_mean_log_revenue` is per name: the
 * best shrunk mean among the names with at least one earlier film (a name never seen before adds nothing, so
 * typing an unknown extra name does not move it).
 */
export function trackRecord(history: TrackHistory, facts: FilmFacts, who: TrackWho): TrackRecord {
  const names =
    who === 'director' ? facts.directors : who === 'cast' ? facts.cast.slice(0, history.topCast) : facts.companies;
  if (facts.day === null && !facts.isNew) return MISSING;
  const day = facts.day ?? Infinity;
  const index = who === 'director' ? history.directors : who === 'cast' ? history.cast : (history.companies ?? {});
  const before = day === Infinity ? history.films.length : countBefore(history, day);
  const sums = prefixSums(history);
  const globalMean = before > 0 ? sums.logRevenue[before] / before : NaN;
  const globalHitRate = sums.known[before] > 0 ? sums.hits[before] / sums.known[before] : NaN;
  const globalRoi = sums.roiKnown[before] > 0 ? sums.logRoi[before] / sums.roiKnown[before] : NaN;
  const k = history.shrinkage;
  // The day recency weights are measured from: the film's own day, or (undated new film) the last history day.
  const asOf = day === Infinity ? (before > 0 ? history.films[before - 1][0] : 0) : day;
  // A person's (or studio's) films are listed in release order, so the prior ones are a prefix of the list;
  // a film shared by two of the names counts once (marked in a reused stamp array, no per-call Set).
  const seen = stampsFor(history);
  const stamp = nextStamp(seen);
  let count = 0;
  let sumLog = 0;
  let maxLog = -Infinity;
  let hits = 0;
  let known = 0;
  let sumRoi = 0;
  let roiKnown = 0;
  let weighted = 0;
  let weights = 0;
  let best = -Infinity;
  for (const name of names) {
    const list = index[cachedTermKey(name)];
    if (!list) continue;
    let ownCount = 0;
    let ownSum = 0;
    for (let j = 0; j < list.length && list[j] < before; j++) {
      const i = list[j];
      const film = history.films[i];
      ownCount++;
      ownSum += film[1];
      if (seen.marks[i] === stamp) continue;
      seen.marks[i] = stamp;
      count++;
      sumLog += film[1];
      if (film[1] > maxLog) maxLog = film[1];
      if (film[2] >= 0) {
        known++;
        hits += film[2];
      }
      const logBudget = film[3] ?? -1;
      if (logBudget >= 0) {
        roiKnown++;
        sumRoi += film[1] - logBudget;
      }
      const weight = Math.pow(0.5, (asOf - film[0]) / RECENCY_HALF_LIFE_DAYS);
      weighted += weight * film[1];
      weights += weight;
    }
    if (ownCount > 0) best = Math.max(best, (ownSum + k * globalMean) / (ownCount + k));
  }
  return {
    prior_films: count,
    prior_mean_log_revenue: count + k > 0 ? (sumLog + k * globalMean) / (count + k) : NaN,
    prior_hit_rate: known + k > 0 ? (hits + k * globalHitRate) / (known + k) : NaN,
    prior_max_log_revenue: count > 0 ? maxLog : NaN,
    prior_mean_log_roi: roiKnown + k > 0 ? (sumRoi + k * globalRoi) / (roiKnown + k) : NaN,
    prior_best_mean_log_revenue: best === -Infinity ? NaN : best,
    prior_recent_mean_log_revenue: weights + k > 0 ? (weighted + k * globalMean) / (weights + k) : NaN,
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

/**
 * The past films most like a scenario: a flat index over silver films with known budget and revenue, scored
 * by a weighted similarity over budget (log scale), genres, year, runtime, language and, when the analyst
 * named them, the people and studios. Built once per data version and scanned linearly (a few thousand films
 * take well under a millisecond).
 */
import type { FilmInput, SilverFilm } from '../../shared/film';
import type { Comparable } from '../../shared/forecast';
import { nameKey } from './names';

/** Weights of each similarity component; components unknown on either side are left out of the average. */
export const SIMILARITY_WEIGHTS = {
  budget: 3,
  genres: 2,
  year: 1,
  runtime: 0.5,
  language: 1,
  people: 3,
  companies: 0.5,
};

export interface ComparablesIndex {
  films: SilverFilm[];
  logBudget: Float64Array;
  year: Float64Array;
  runtime: Float64Array;
  language: (string | null)[];
  /** Genres as bits (see genreBits), so genre overlap is two integer operations per film. */
  genreMask: Int32Array;
  genreBits: Map<string, number>;
  people: Set<string>[];
  companies: Set<string>[];
  titleKey: string[];
}

/** Films that can be compared: budget and revenue known, not quality-flagged. */
export function buildComparablesIndex(films: readonly SilverFilm[]): ComparablesIndex {
  const usable = films.filter(
    (f) => f.budget != null && f.budget > 0 && f.revenue != null && f.revenue > 0 && f.flags.length === 0,
  );
  const n = usable.length;
  const index: ComparablesIndex = {
    films: usable,
    logBudget: new Float64Array(n),
    year: new Float64Array(n),
    runtime: new Float64Array(n),
    language: [],
    genreMask: new Int32Array(n),
    genreBits: new Map(),
    people: [],
    companies: [],
    titleKey: [],
  };
  usable.forEach((f, i) => {
    index.logBudget[i] = Math.log(f.budget as number);
    index.year[i] = f.year ?? NaN;
    index.runtime[i] = f.runtime ?? NaN;
    index.language.push(f.originalLanguage);
    index.genreMask[i] = genreMask(index.genreBits, f.genres, true);
    index.people.push(new Set([...f.directors, ...f.cast].map(nameKey)));
    index.companies.push(new Set(f.companies.map(nameKey)));
    index.titleKey.push(nameKey(f.title));
  });
  return index;
}

export function inputYear(input: FilmInput): number | null {
  const year = input.releaseDate ? Number(input.releaseDate.slice(0, 4)) : NaN;
  return Number.isFinite(year) ? year : null;
}

/**
 * The k most similar films, most similar first. The scenario itself is excluded when it is in the data (same
 * title, and same year when the scenario has a date), so a past film is never its own comparable.
 */
export function findComparables(
  index: ComparablesIndex,
  input: FilmInput,
  k: number,
  predicted: (film: SilverFilm) => number | null,
): Comparable[] {
  if (k <= 0) return [];
  const logBudget = Math.log(input.budget);
  const year = inputYear(input);
  const runtime = input.runtime ?? null;
  const genres = genreMask(index.genreBits, input.genres, false);
  const genreCount = popcount(genres) + unknownGenres(index.genreBits, input.genres);
  const people = new Set([...(input.directors ?? []), ...(input.cast ?? [])].map(nameKey));
  const companies = new Set((input.companies ?? []).map(nameKey));
  const ownTitle = input.title ? nameKey(input.title) : null;
  const w = SIMILARITY_WEIGHTS;

  // Weight of every component the scenario has beyond budget: with it, a film's score is bounded by
  // (w_budget * budget_similarity + rest) / (w_budget + rest), so films too far in budget are skipped early.
  const rest =
    (genreCount > 0 ? w.genres : 0) +
    (year !== null ? w.year : 0) +
    (runtime !== null ? w.runtime : 0) +
    (input.language ? w.language : 0) +
    (people.size > 0 ? w.people : 0) +
    (companies.size > 0 ? w.companies : 0);

  const best: { i: number; s: number }[] = [];
  for (let i = 0; i < index.films.length; i++) {
    const budgetSimilarity = Math.exp(-Math.abs(index.logBudget[i] - logBudget));
    if (best.length === k && (w.budget * budgetSimilarity + rest) / (w.budget + rest) <= best[k - 1].s) continue;
    if (ownTitle !== null && index.titleKey[i] === ownTitle && (year === null || index.year[i] === year)) continue;
    let sum = w.budget * budgetSimilarity;
    let weights = w.budget;
    if (genreCount > 0) {
      const shared = popcount(genres & index.genreMask[i]);
      sum += (w.genres * shared) / (genreCount + popcount(index.genreMask[i]) - shared);
      weights += w.genres;
    }
    if (year !== null && !Number.isNaN(index.year[i])) {
      sum += w.year * Math.exp(-Math.abs(index.year[i] - year) / 10);
      weights += w.year;
    }
    if (runtime !== null && !Number.isNaN(index.runtime[i])) {
      sum += w.runtime * Math.exp(-Math.abs(index.runtime[i] - runtime) / 30);
      weights += w.runtime;
    }
    if (input.language) {
      sum += w.language * (index.language[i] === input.language ? 1 : 0);
      weights += w.language;
    }
    if (people.size > 0) {
      sum += w.people * overlapShare(people, index.people[i]);
      weights += w.people;
    }
    if (companies.size > 0) {
      sum += w.companies * overlapShare(companies, index.companies[i]);
      weights += w.companies;
    }
    const s = sum / weights;
    if (best.length < k || s > best[best.length - 1].s) insertSorted(best, { i, s }, k);
  }
  return best.map(({ i, s }) => {
    const f = index.films[i];
    return {
      id: f.id,
      title: f.title,
      year: f.year,
      budget: f.budget,
      revenue: f.revenue,
      predicted: predicted(f),
      genres: f.genres,
      similarity: Math.round(s * 1000) / 1000,
    };
  });
}

/**
 * A bit per genre (the first 31 distinct genres met; rarer ones beyond that are ignored for similarity, which
 * TMDB's 20 genres never reach). `grow` adds unseen genres; a scenario's unseen genres get no bit.
 */
function genreMask(bits: Map<string, number>, genres: readonly string[], grow: boolean): number {
  let mask = 0;
  for (const g of genres) {
    const key = nameKey(g);
    let bit = bits.get(key);
    if (bit === undefined && grow && bits.size < 31) bits.set(key, (bit = bits.size));
    if (bit !== undefined) mask |= 1 << bit;
  }
  return mask;
}

/** Scenario genres no film has: they count in the union (lowering overlap) but can never be shared. */
function unknownGenres(bits: Map<string, number>, genres: readonly string[]): number {
  return new Set(genres.map(nameKey).filter((g) => !bits.has(g))).size;
}

function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (((x + (x >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

/** Share of the scenario's names that the film also has. */
function overlapShare(wanted: Set<string>, have: Set<string>): number {
  let shared = 0;
  for (const x of wanted) if (have.has(x)) shared++;
  return shared / wanted.size;
}

/** Keeps `list` sorted by descending score and at most k long. */
function insertSorted(list: { i: number; s: number }[], item: { i: number; s: number }, k: number): void {
  let at = list.length;
  while (at > 0 && list[at - 1].s < item.s) at--;
  list.splice(at, 0, item);
  if (list.length > k) list.pop();
}

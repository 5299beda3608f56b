/**
 * Franchise records from titles, leak-free: the earlier films a film continues ("Iron Man" -> "Iron Man 2",
 * "Shrek" -> "Shrek the Third", "Harry Potter and the ..." -> the next one) and how they did. Only history films
 * released strictly before the film at hand count, as in track-records.ts, and a title word's rarity is counted
 * over those earlier titles only, so nothing later (nor the film itself) is ever seen. A new film typed in the
 * form is read from its title by the same code, against the titles the feature spec stores with its history.
 *
 * Two titles are one franchise when, after normalising (case, accents, punctuation, '&' as 'and', a leading
 * 'The' / 'A' / 'An' dropped) and with different titles (the same title twice is a remake or another film):
 * 1. they have the same franchise key: the part before ':' with a trailing sequel marker taken off (a number
 *    2-12, a roman numeral II-X, 'Part N', 'the Second' ... 'the Sixth'), of two words or more, or of one word
 *    found in few earlier titles ("Shrek 2", "Shrek the Third"; "Toy Story 3"; "Thor: The Dark World");
 * 2. the earlier title is the whole start of the later one with at least two words that are not small words
 *    ("The Dark Knight" -> "The Dark Knight Rises", "Happy Feet" -> "Happy Feet Two");
 * 3. they begin with at least two same words that are not small words and share a director, a top-billed lead
 *    or a studio ("Harry Potter and the ...", "Star Trek Into Darkness"), or begin with one rare word and share
 *    a director or a top-billed lead ("Ocean's Eleven" -> "Ocean's Twelve", "Batman" -> "Batman Returns").
 *    The shared names guard the weak matches: "Casino" -> "Casino Royale" and "Up" -> "Up in
 *    the Air" are not franchises; a shared studio alone is too common for one word.
 * A common first word alone ("Star", "Love", "The") never makes a match.
 */
import { termKey } from './film-facts';
import { countBefore, meanLogRevenueBefore } from './track-records';
import type { FilmFacts, FranchiseStat, TrackHistory } from './types';

/** Words that never make a title distinctive on their own. */
const SMALL_WORDS = new Set(
  (
    'the a an of and to in on at for with from by is it my your his her our their this that who what how when ' +
    'where why or vs up me i you we'
  ).split(' '),
);
const LEADING_ARTICLES = new Set(['the', 'a', 'an']);
const ROMAN: Record<string, number> = { ii: 2, iii: 3, iv: 4, v: 5, vi: 6, vii: 7, viii: 8, ix: 9, x: 10 };
const ORDINALS = new Set(['second', 'third', 'fourth', 'fifth', 'sixth']);
/** A single word counts as distinctive when at most this many earlier titles hold it. */
export const RARE_WORD_MAX_TITLES = 5;

/** Typed for an apostrophe: the acute accent (European keyboards), the modifier letter apostrophe, the prime. */
const APOSTROPHE_LIKE = /[\u00b4\u02bc\u2032]/g;

/** A title in lower-case words of letters and digits (any script), ':' kept as its own token. */
function tokens(title: string): string[] {
  if (/^[\x20-\x7e]*$/.test(title)) return asciiTokens(title);
  // Apostrophe look-alikes first (NFKD makes an acute accent '´' a space and a mark), then accents off (NFKD, the
  // combining marks dropped), then the same rules as asciiTokens.
  return title
    .replace(APOSTROPHE_LIKE, "'")
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/['’`]/g, '')
    .replace(/:/g, ' : ')
    .replace(/[^\p{L}\p{N}:]+/gu, ' ')
    .trim()
    .split(' ')
    .filter(Boolean);
}

/**
 * The same tokens for a plain ASCII title (most of them) in one pass, without regular expressions: letters and
 * digits make words, an apostrophe or backtick joins ("Ocean's" -> "oceans"), '&' is the word 'and', ':' its
 * own token, anything else a break.
 */
function asciiTokens(title: string): string[] {
  const out: string[] = [];
  let word = '';
  for (let i = 0; i < title.length; i++) {
    const c = title.charCodeAt(i);
    if ((c >= 97 && c <= 122) || (c >= 48 && c <= 57)) word += title[i];
    else if (c >= 65 && c <= 90) word += String.fromCharCode(c + 32);
    else if (c === 39 || c === 96) continue;
    else {
      if (word) out.push(word);
      word = '';
      if (c === 38) out.push('and');
      else if (c === 58) out.push(':');
    }
  }
  if (word) out.push(word);
  return out;
}

function dropLeadingArticles(words: string[]): string[] {
  let i = 0;
  while (i < words.length && LEADING_ARTICLES.has(words[i])) i++;
  return i === 0 ? words : words.slice(i);
}

function isSequelNumber(word: string): boolean {
  if (/^\d{1,2}$/.test(word)) {
    const n = Number(word);
    return n >= 2 && n <= 12;
  }
  return (ROMAN[word] ?? 0) >= 2;
}

export interface TitleParts {
  /** The title's words, ':' left out, a leading article dropped. */
  words: string[];
  /** The franchise key: the words before ':' without a trailing sequel marker, joined by spaces ('' if none). */
  key: string;
}

/** Splits a title into its words and its franchise key. */
export function titleParts(title: string | null | undefined): TitleParts {
  const text = title ?? '';
  let parts = partsCache.get(text);
  if (!parts) {
    parts = splitTitle(text);
    if (partsCache.size < PARTS_CACHE_LIMIT) partsCache.set(text, parts);
  }
  return parts;
}

/** Titles split so far (a forecast's what-if sweep encodes one title dozens of times), up to a limit. */
const partsCache = new Map<string, Readonly<TitleParts>>();
const PARTS_CACHE_LIMIT = 20_000;

function splitTitle(title: string): TitleParts {
  const all = tokens(title);
  const words = dropLeadingArticles(all.filter((w) => w !== ':'));
  const colon = all.indexOf(':');
  let head = dropLeadingArticles(colon < 0 ? all : all.slice(0, colon));
  for (let changed = true; changed && head.length > 1;) {
    changed = false;
    const last = head[head.length - 1];
    if (isSequelNumber(last) || last === 'part') {
      head = head.slice(0, -1);
      changed = true;
    } else if (head.length > 2 && head[head.length - 2] === 'the' && ORDINALS.has(last)) {
      head = head.slice(0, -2);
      changed = true;
    }
  }
  return { words, key: head.join(' ') };
}

/** Per history: each title's parts, and where each first word and each word occur (ascending film indices). */
interface TitleIndex {
  parts: TitleParts[];
  byFirstWord: Map<string, number[]>;
  byWord: Map<string, number[]>;
}

const titleIndexes = new WeakMap<TrackHistory, TitleIndex>();

function titleIndex(history: TrackHistory): TitleIndex {
  let index = titleIndexes.get(history);
  if (index) return index;
  index = { parts: [], byFirstWord: new Map(), byWord: new Map() };
  const titles = history.titles ?? [];
  for (let i = 0; i < titles.length; i++) {
    const parts = titleParts(titles[i]);
    index.parts.push(parts);
    if (parts.words.length === 0) continue;
    push(index.byFirstWord, parts.words[0], i);
    for (const word of new Set(parts.words)) push(index.byWord, word, i);
  }
  titleIndexes.set(history, index);
  return index;
}

function push(map: Map<string, number[]>, key: string, value: number): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** Number of values below `limit` in an ascending list. */
function countBelow(list: readonly number[], limit: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (list[mid] < limit) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function holds(list: readonly number[] | undefined, value: number): boolean {
  if (!list) return false;
  const at = countBelow(list, value);
  return at < list.length && list[at] === value;
}

/** True when the word is in at most RARE_WORD_MAX_TITLES of the history titles before index `before`. */
function isRare(index: TitleIndex, word: string, before: number): boolean {
  return countBelow(index.byWord.get(word) ?? [], before) <= RARE_WORD_MAX_TITLES;
}

/** True when history film `i` lists one of the film's directors or top-billed leads (or, if asked, studios). */
function sharesNames(history: TrackHistory, facts: FilmFacts, i: number, studios: boolean): boolean {
  for (const name of facts.directors) if (holds(history.directors[termKey(name)], i)) return true;
  for (const name of facts.cast.slice(0, history.topCast)) if (holds(history.cast[termKey(name)], i)) return true;
  if (!studios) return false;
  const companies = history.companies ?? {};
  for (const name of facts.companies) if (holds(companies[termKey(name)], i)) return true;
  return false;
}

function sameWords(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((w, k) => w === b[k]);
}

/** True when earlier history film `i` (parts `a`) and the film (parts `b`) are one franchise (see the top). */
function continues(
  index: TitleIndex,
  history: TrackHistory,
  facts: FilmFacts,
  i: number,
  b: TitleParts,
  before: number,
): boolean {
  const a = index.parts[i];
  if (sameWords(a.words, b.words)) return false;
  if (a.key !== '' && a.key === b.key) {
    if (a.key.includes(' ') || (a.key.length >= 3 && isRare(index, a.key, before))) return true;
  }
  let p = 0;
  while (p < a.words.length && p < b.words.length && a.words[p] === b.words[p]) p++;
  const shared = a.words.slice(0, p).filter((w) => !SMALL_WORDS.has(w));
  if (shared.length >= 2 && p === a.words.length) return true;
  if (shared.length >= 2) return sharesNames(history, facts, i, true);
  // One rare word is weak evidence: only a shared director or lead confirms it (a shared studio alone matched
  // "The Green Mile" -> "Green Lantern" and "Meet Joe Black" -> "Meet the Parents").
  if (shared.length === 1 && isRare(index, shared[0], before)) return sharesNames(history, facts, i, false);
  return false;
}

export type FranchiseRecord = Record<FranchiseStat, number>;

export const FRANCHISE_STAT_NAMES = [
  'franchise_prior_films',
  'franchise_prior_mean_log_revenue',
  'franchise_prior_max_log_revenue',
  'franchise_last_log_revenue',
  'franchise_last_log_roi',
] as const;

const MISSING: FranchiseRecord = Object.freeze(
  Object.fromEntries(FRANCHISE_STAT_NAMES.map((stat) => [stat, NaN])),
) as FranchiseRecord;

/** The record of a film that continues no earlier film (shared: callers only read it). */
const NONE: FranchiseRecord = Object.freeze({ ...MISSING, franchise_prior_films: 0 });

/** Indices of the history films (released strictly before the film) that the film continues, in release order. */
export function franchisePriors(history: TrackHistory, facts: FilmFacts): number[] {
  if (facts.day === null && !facts.isNew) return [];
  const before = facts.day === null ? history.films.length : countBefore(history, facts.day);
  const parts = titleParts(facts.title);
  if (parts.words.length === 0) return [];
  const index = titleIndex(history);
  const candidates = index.byFirstWord.get(parts.words[0]) ?? [];
  const priors: number[] = [];
  for (let c = 0; c < candidates.length && candidates[c] < before; c++) {
    if (continues(index, history, facts, candidates[c], parts, before)) priors.push(candidates[c]);
  }
  return priors;
}

/**
 * The film's franchise record: how many earlier films it continues (0 for a title with none, or no title: a
 * blank reads as a film that continues nothing, the case of most training films), their mean log revenue
 * (shrunk toward the mean of all earlier films, as track records are), the best and the latest one's log
 * revenue, and the latest one's log(revenue / budget) (NaN when there is no earlier film or no known budget).
 * A past film with no date gets NaN throughout.
 */
export function franchiseRecord(history: TrackHistory, facts: FilmFacts): FranchiseRecord {
  if (facts.day === null && !facts.isNew) return MISSING;
  const priors = franchisePriors(history, facts);
  if (priors.length === 0) return NONE;
  const record = { ...MISSING, franchise_prior_films: priors.length };
  const before = facts.day === null ? history.films.length : countBefore(history, facts.day);
  const k = history.shrinkage;
  let sum = 0;
  let max = -Infinity;
  for (const i of priors) {
    const logRevenue = history.films[i][1];
    sum += logRevenue;
    if (logRevenue > max) max = logRevenue;
  }
  record.franchise_prior_mean_log_revenue = (sum + k * meanLogRevenueBefore(history, before)) / (priors.length + k);
  record.franchise_prior_max_log_revenue = max;
  record.franchise_last_log_revenue = history.films[priors[priors.length - 1]][1];
  for (let j = priors.length - 1; j >= 0; j--) {
    const [, logRevenue, , logBudget = -1] = history.films[priors[j]];
    if (logBudget >= 0) {
      record.franchise_last_log_roi = logRevenue - logBudget;
      break;
    }
  }
  return record;
}

/**
 * Franchise records from titles, leak-free: the earlier films a film continues ("Iron Man" -> "Iron Man 2",
 * "Shrek" -> "Shrek the Third", "Harry Potter and the ..." -> the next one) and how they did. Only history films
 * released strictly before the film at hand count, as in track-records.ts, and a title word's rarity is counted
 * over those earlier titles only, so nothing later (nor the film itself) is ever seen. A new film typed in the
 * form is read from its title by the same code, against the titles the feature spec stores with its history.
 *
 * Two titles are one franchise when, after normalising (case, accents, punctuation, '&' as 'and', a leading
 * 'The' / 'A' / 'An' dropped) and with different titles (the same title twice is a remake or another film; titles
 * that differ only in a leading article are different: "The Final Destination" is the fourth "Final Destination"):
 * 1. they have the same franchise key: the part before ':' with a trailing sequel marker taken off (a number
 *    2-12, a roman numeral II-X, 'Part N', 'the Second' ... 'the Sixth'), of two words or more, or of one word
 *    found in few earlier titles ("Shrek 2", "Shrek the Third"; "Toy Story 3"; "Thor: The Dark World"). A later
 *    title that is the key and nothing else names the same thing again (a remake, a reboot or another film: "The
 *    Spirit" after "Spirit: Stallion of the Cimarron", "Robin Hood" after "Robin Hood: Prince of Thieves"), so it
 *    also needs a shared director, top-billed lead or studio ("Star Trek" after "Star Trek: Nemesis");
 * 2. they begin with at least two same words that are not small words and share a director, a top-billed lead
 *    or a studio ("Harry Potter and the ...", "Star Trek Into Darkness"), or the later title is the whole earlier
 *    one of two such words or more and one word more ("The Dark Knight" -> "The Dark Knight Rises", "Happy Feet"
 *    -> "Happy Feet Two"); a longer addition needs a shared name too ("Two Lovers" -> "Two Lovers and a Bear",
 *    "Pride & Prejudice" -> "Pride and Prejudice and Zombies" are not franchises);
 * 3. they begin with one rare word and share two credits among directors and top-billed leads ("Ocean's Eleven"
 *    -> "Ocean's Twelve"; a director who also leads counts twice, as in Tyler Perry's Madea films), or one credit
 *    when something else confirms it: a sequel marker in the later title ("Journey 2: The Mysterious Island",
 *    "Jason X", "Step Up 3D"), an earlier title that is that word alone or numbered ("Batman" -> "Batman Returns",
 *    "Terminator 2: Judgment Day" -> "Terminator Genisys"), or a shared studio too ("Batman Forever" -> "Batman &
 *    Robin"). One shared person alone is a career, not a franchise: "Good Morning, Vietnam" -> "Good Will
 *    Hunting" (Robin Williams), "Saving Private Ryan" -> "Saving Mr. Banks" (Tom Hanks), "Mission: Impossible"
 *    -> "Mission to Mars" (Brian De Palma). A shared studio alone is too common for one word ("The Green Mile" ->
 *    "Green Lantern"), and "Casino" -> "Casino Royale" and "Up" -> "Up in the Air" are not franchises.
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

/** A title as the matcher reads it: its parts, the leading article dropped from them, and its sequel marker. */
export interface ParsedTitle {
  parts: Readonly<TitleParts>;
  /** The leading article(s) dropped from the words ('the', 'a', 'an', or '' when none). */
  article: string;
  /** True when the part before ':' ends in a sequel marker: a number 2-12, a roman numeral, 'Part N', 'the Third', '3D'. */
  marked: boolean;
  /** True when the title is its franchise key and nothing else: no marker, no subtitle ("Robin Hood", "The Spirit"). */
  bare: boolean;
}

/** Splits a title into its words and its franchise key. */
export function titleParts(title: string | null | undefined): TitleParts {
  return parseTitle(title).parts;
}

/** A title as the matcher reads it (cached: callers only read it). */
export function parseTitle(title: string | null | undefined): Readonly<ParsedTitle> {
  const text = title ?? '';
  let parsed = parsedCache.get(text);
  if (!parsed) {
    parsed = splitTitle(text);
    if (parsedCache.size < PARSED_CACHE_LIMIT) parsedCache.set(text, parsed);
  }
  return parsed;
}

/** Titles split so far (a forecast's what-if sweep encodes one title dozens of times), up to a limit. */
const parsedCache = new Map<string, Readonly<ParsedTitle>>();
const PARSED_CACHE_LIMIT = 20_000;

function splitTitle(title: string): ParsedTitle {
  const all = tokens(title);
  const unmarked = all.filter((w) => w !== ':');
  const words = dropLeadingArticles(unmarked);
  const article = unmarked.slice(0, unmarked.length - words.length).join(' ');
  const colon = all.indexOf(':');
  let head = dropLeadingArticles(colon < 0 ? all : all.slice(0, colon));
  const last = head[head.length - 1];
  // '3D' ('3-D' reads as '3' 'd') marks a sequel but stays in the key: "Piranha 3D" is a remake of "Piranha".
  let marked = head.length > 1 && (last === '3d' || (last === 'd' && head[head.length - 2] === '3'));
  for (let changed = true; changed && head.length > 1;) {
    changed = false;
    const end = head[head.length - 1];
    if (isSequelNumber(end) || end === 'part') {
      head = head.slice(0, -1);
      changed = marked = true;
    } else if (head.length > 2 && head[head.length - 2] === 'the' && ORDINALS.has(end)) {
      head = head.slice(0, -2);
      changed = marked = true;
    }
  }
  return { parts: { words, key: head.join(' ') }, article, marked, bare: !marked && head.length === words.length };
}

/** Per history: each title as read, and where each first word and each word occur (ascending film indices). */
interface TitleIndex {
  titles: ParsedTitle[];
  byFirstWord: Map<string, number[]>;
  byWord: Map<string, number[]>;
}

const titleIndexes = new WeakMap<TrackHistory, TitleIndex>();

function titleIndex(history: TrackHistory): TitleIndex {
  let index = titleIndexes.get(history);
  if (index) return index;
  index = { titles: [], byFirstWord: new Map(), byWord: new Map() };
  const titles = history.titles ?? [];
  for (let i = 0; i < titles.length; i++) {
    const parsed = parseTitle(titles[i]);
    const parts = parsed.parts;
    index.titles.push(parsed);
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
  if (sharedCredits(history, facts, i, 1) > 0) return true;
  return studios && sharesStudio(history, facts, i);
}

/**
 * How many of the film's credits history film `i` shares, counting up to `enough`: each director and each
 * top-billed lead named in both counts once (a director who also leads counts twice; a name listed twice in
 * one role, once).
 */
function sharedCredits(history: TrackHistory, facts: FilmFacts, i: number, enough: number): number {
  let shared = 0;
  for (const [names, index] of [
    [facts.directors, history.directors],
    [facts.cast.slice(0, history.topCast), history.cast],
  ] as const) {
    const seen = new Set<string>();
    for (const name of names) {
      const key = termKey(name);
      if (seen.has(key)) continue;
      seen.add(key);
      if (holds(index[key], i) && ++shared >= enough) return shared;
    }
  }
  return shared;
}

function sharesStudio(history: TrackHistory, facts: FilmFacts, i: number): boolean {
  const companies = history.companies ?? {};
  for (const name of facts.companies) if (holds(companies[termKey(name)], i)) return true;
  return false;
}

function sameWords(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((w, k) => w === b[k]);
}

/** True when earlier history film `i` and the film (read as `b`) are one franchise (see the top). */
function continues(
  index: TitleIndex,
  history: TrackHistory,
  facts: FilmFacts,
  i: number,
  b: ParsedTitle,
  before: number,
): boolean {
  const earlier = index.titles[i];
  const a = earlier.parts;
  const later = b.parts;
  // The same title twice is a remake or another film; a leading article more or less makes another title.
  if (sameWords(a.words, later.words) && earlier.article === b.article) return false;
  if (a.key !== '' && a.key === later.key) {
    if (a.key.includes(' ') || (a.key.length >= 3 && isRare(index, a.key, before))) {
      // A later title that is the key alone names the same thing again: only a shared name makes it a sequel.
      return !b.bare || sharesNames(history, facts, i, true);
    }
  }
  let p = 0;
  while (p < a.words.length && p < later.words.length && a.words[p] === later.words[p]) p++;
  const shared = a.words.slice(0, p).filter((w) => !SMALL_WORDS.has(w));
  // The whole earlier title and one word more is a sequel's shape ("The Dark Knight Rises", "Happy Feet Two");
  // a longer addition makes a new title on an old one ("Two Lovers and a Bear"), which needs a shared name.
  if (shared.length >= 2) {
    return (p === a.words.length && later.words.length === p + 1) || sharesNames(history, facts, i, true);
  }
  if (shared.length !== 1 || !isRare(index, shared[0], before)) return false;
  // One rare word is weak evidence: two shared credits confirm it, or one with a sequel marker in the later
  // title, an earlier title that is the word alone or numbered, or a shared studio (see the top).
  const credits = sharedCredits(history, facts, i, 2);
  if (credits >= 2) return true;
  if (credits === 0) return false;
  return b.marked || a.words.length === 1 || (earlier.marked && a.key === shared[0]) || sharesStudio(history, facts, i);
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
  const parsed = parseTitle(facts.title);
  if (parsed.parts.words.length === 0) return [];
  const index = titleIndex(history);
  const candidates = index.byFirstWord.get(parsed.parts.words[0]) ?? [];
  const priors: number[] = [];
  for (let c = 0; c < candidates.length && candidates[c] < before; c++) {
    if (continues(index, history, facts, candidates[c], parsed, before)) priors.push(candidates[c]);
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

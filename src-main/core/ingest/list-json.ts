/**
 * A film's lists as silver stores them: JSON arrays in columns of `films` (migration 004), read back by
 * store/films.ts and expanded into rows by the film_terms, film_cast and film_crew views. A TMDB list field
 * already in canonical form (canonical-list.ts) is stored as its own text; everything else is written here,
 * from the parsed items, in the same shape, so the views and readers treat both alike.
 */
import type { ListItem } from './parse';
import type { CrewMember, TermKind } from './types';

/** The films column of each kind's list and the key its codes are under (as in TMDB's files). */
export const TERM_LISTS: Record<TermKind, { column: string; codeKey: string }> = {
  genre: { column: 'genres_json', codeKey: 'id' },
  keyword: { column: 'keywords_json', codeKey: 'id' },
  company: { column: 'companies_json', codeKey: 'id' },
  country: { column: 'countries_json', codeKey: 'iso_3166_1' },
  language: { column: 'languages_json', codeKey: 'iso_639_1' },
};

/** The kinds in one fixed order (columns, the import threads' row codec). */
export const TERM_KINDS: TermKind[] = ['genre', 'keyword', 'company', 'country', 'language'];

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const LONE_SURROGATES = new RegExp(LONE_SURROGATE.source, 'g');

/**
 * The text as SQLite stores it when bound: a lone UTF-16 surrogate becomes U+FFFD. JSON.stringify would
 * keep it as a \ud800 escape, which SQLite's JSON functions and JSON.parse read differently.
 */
export function wellFormed(text: string): string {
  return LONE_SURROGATE.test(text) ? text.replace(LONE_SURROGATES, '\ufffd') : text;
}

const text = (s: string | null) => (s === null ? null : wellFormed(s));

/** A list of terms as JSON: `[{"id": "28", "name": "Action"}]` (codes as text, null when unknown). */
export function termListJson(kind: TermKind, items: ListItem[]): string {
  const key = TERM_LISTS[kind].codeKey;
  return JSON.stringify(items.map((i) => ({ [key]: text(i.code), name: wellFormed(i.name) })));
}

/** The cast as JSON: names in billing order. */
export function castJson(names: string[]): string {
  return JSON.stringify(names.map(wellFormed));
}

/**
 * Orders texts as SQLite's BINARY collation does (by UTF-8 bytes, that is by code point), which is not
 * JavaScript's order of UTF-16 units for characters above U+FFFF.
 */
export function compareBinary(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    let x = a.charCodeAt(i);
    let y = b.charCodeAt(i);
    if (x === y) continue;
    // Surrogates (U+D800-DFFF, the halves of code points above U+FFFF) go after U+E000-FFFF.
    if (x >= 0xd800) x = x <= 0xdfff ? x + 0x2000 : x - 0x800;
    if (y >= 0xd800) y = y <= 0xdfff ? y + 0x2000 : y - 0x800;
    return x - y;
  }
  return a.length - b.length;
}

/**
 * The crew as silver keeps it: one member per job and name (the first met keeps its department), ordered by
 * job, then name, as readers list it.
 */
export function normaliseCrew(crew: CrewMember[]): CrewMember[] {
  const seen = new Map<string, Set<string>>();
  const kept: CrewMember[] = [];
  for (const c of crew) {
    const member = { name: wellFormed(c.name), job: wellFormed(c.job), department: text(c.department) };
    let names = seen.get(member.job);
    if (!names) seen.set(member.job, (names = new Set()));
    if (names.has(member.name)) continue;
    names.add(member.name);
    kept.push(member);
  }
  return kept.sort((a, b) => compareBinary(a.job, b.job) || compareBinary(a.name, b.name));
}

/** The crew as JSON (normaliseCrew first). */
export function crewJson(crew: CrewMember[]): string {
  return JSON.stringify(normaliseCrew(crew).map((c) => ({ name: c.name, job: c.job, department: c.department })));
}

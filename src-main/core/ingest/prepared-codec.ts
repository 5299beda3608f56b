/**
 * Prepared rows packed for the trip between the import's threads (pipeline.ts). Copying an array of row
 * objects between threads (structured clone) cost about 30 us a TMDB row, as much as typing it; the same
 * values as flat arrays of strings and primitives cost about 7 us. TMDB movie rows (every film column, lists
 * parsed or left as canonical JSON) are packed flat; any other row (quarantined, credits, mapped) travels as it
 * is, in order, in `others`.
 */
import type { ListItem } from './parse';
import type { PreparedRow } from './prepare';
import { FILM_COLUMNS, type FilmColumns, type TermKind, type TypedFilm } from './types';

const TERM_KINDS: TermKind[] = ['genre', 'keyword', 'company', 'country', 'language'];

const FLAT_FILM = 0;
const OTHER = 1;

export interface PackedRows {
  /**
   * Per row: line, tag, then for flat films the TMDB id, the 15 columns, the number of parsed lists and for
   * each its kind, length and name, code pairs, then the number of JSON lists.
   */
  values: (string | number | null)[];
  /** Per flat film: bronze JSON, then kind, code key and JSON text of each list. */
  strings: string[];
  /** Rows that are not flat films, whole. */
  others: PreparedRow[];
}

function isFlatFilm(row: PreparedRow): boolean {
  if (row.typed.type !== 'film') return false;
  const film = row.typed.film;
  if (film.cast || film.crew || film.crewJobs) return false;
  return FILM_COLUMNS.every((c) => c in film.columns);
}

export function packRows(rows: PreparedRow[]): PackedRows {
  const packed: PackedRows = { values: [], strings: [], others: [] };
  const { values, strings } = packed;
  for (const row of rows) {
    if (!isFlatFilm(row)) {
      values.push(row.line, OTHER);
      packed.others.push(row);
      continue;
    }
    const film = (row.typed as { film: TypedFilm }).film;
    values.push(row.line, FLAT_FILM, film.tmdbId);
    for (const c of FILM_COLUMNS) values.push(film.columns[c] ?? null);
    const parsed = TERM_KINDS.filter((k) => film.terms[k] !== undefined);
    values.push(parsed.length);
    for (const k of parsed) {
      const items = film.terms[k]!;
      values.push(k, items.length);
      for (const item of items) values.push(item.name, item.code);
    }
    const lists = film.termsJson ?? {};
    const kinds = TERM_KINDS.filter((k) => lists[k] !== undefined);
    values.push(kinds.length);
    strings.push(row.bronzeJson);
    for (const k of kinds) strings.push(k, lists[k]!.codeKey, lists[k]!.json);
  }
  return packed;
}

export function unpackRows(packed: PackedRows): PreparedRow[] {
  const { values, strings, others } = packed;
  const rows: PreparedRow[] = [];
  let v = 0;
  let s = 0;
  let o = 0;
  while (v < values.length) {
    const line = values[v++] as number;
    if (values[v++] === OTHER) {
      rows.push(others[o++]);
      continue;
    }
    const tmdbId = values[v++] as number | null;
    const columns = {} as Record<string, unknown>;
    for (const c of FILM_COLUMNS) columns[c] = values[v++];
    const terms: TypedFilm['terms'] = {};
    const parsedCount = values[v++] as number;
    for (let i = 0; i < parsedCount; i++) {
      const kind = values[v++] as TermKind;
      const items: ListItem[] = new Array<ListItem>(values[v++] as number);
      for (let j = 0; j < items.length; j++)
        items[j] = { name: values[v++] as string, code: values[v++] as string | null };
      terms[kind] = items;
    }
    const listCount = values[v++] as number;
    const bronzeJson = strings[s++];
    const film: TypedFilm = { tmdbId, columns: columns as unknown as FilmColumns, terms };
    if (listCount > 0) {
      const termsJson: NonNullable<TypedFilm['termsJson']> = {};
      for (let i = 0; i < listCount; i++) {
        const kind = strings[s++] as TermKind;
        termsJson[kind] = { codeKey: strings[s++], json: strings[s++] };
      }
      film.termsJson = termsJson;
    }
    rows.push({ line, bronzeJson, typed: { type: 'film', film } });
  }
  return rows;
}

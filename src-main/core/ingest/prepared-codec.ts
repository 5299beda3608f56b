/**
 * Prepared rows packed for the trip between the import's threads (pipeline.ts). Copying an array of row
 * objects between threads (structured clone) cost about 30 us a TMDB row, as much as typing it; the same
 * values as flat arrays of strings and primitives cost about 7 us. TMDB movie rows (every film column, lists as
 * the JSON text silver stores) are packed flat; any other row (quarantined, credits, mapped, lists parsed into
 * items) travels as it is, in order, in `others`.
 */
import { TERM_KINDS } from './list-json';
import type { PreparedRow } from './prepare';
import { FILM_COLUMNS, type FilmColumns, type TypedFilm } from './types';

const FLAT_FILM = 0;
const OTHER = 1;

export interface PackedRows {
  /** Per row: line, tag, then for flat films the TMDB id, the 15 columns, and a bit per list kind present. */
  values: (string | number | null)[];
  /** Per flat film: bronze JSON, then the JSON text of each list present, in TERM_KINDS order. */
  strings: string[];
  /** Rows that are not flat films, whole. */
  others: PreparedRow[];
}

function isFlatFilm(row: PreparedRow): boolean {
  if (row.typed.type !== 'film') return false;
  const film = row.typed.film;
  if (film.cast || film.crew || film.crewJobs) return false;
  for (const k in film.terms) if (film.terms[k as keyof TypedFilm['terms']] !== undefined) return false;
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
    strings.push(row.bronzeJson);
    let present = 0;
    const lists = film.termsJson;
    if (lists) {
      for (let k = 0; k < TERM_KINDS.length; k++) {
        const json = lists[TERM_KINDS[k]];
        if (json === undefined) continue;
        present |= 1 << k;
        strings.push(json);
      }
    }
    values.push(present);
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
    const bronzeJson = strings[s++];
    const present = values[v++] as number;
    const film: TypedFilm = { tmdbId, columns: columns as unknown as FilmColumns, terms: {} };
    if (present !== 0) {
      const termsJson: NonNullable<TypedFilm['termsJson']> = {};
      for (let k = 0; k < TERM_KINDS.length; k++) if (present & (1 << k)) termsJson[TERM_KINDS[k]] = strings[s++];
      film.termsJson = termsJson;
    }
    rows.push({ line, bronzeJson, typed: { type: 'film', film } });
  }
  return rows;
}

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

/**
 * Packs rows one at a time, as they are prepared: the reading thread adds each row as soon as it is typed, so its
 * objects die young (a chunk's prepared rows held in an array lived through garbage collections, which took a
 * quarter of that thread's time on big files), and takes the packed batch at the end of each chunk.
 */
export class RowPacker {
  private packed: PackedRows = { values: [], strings: [], others: [] };

  get rows(): number {
    return this.count;
  }

  private count = 0;

  add(row: PreparedRow): void {
    const { values, strings } = this.packed;
    this.count++;
    if (!isFlatFilm(row)) {
      values.push(row.line, OTHER);
      this.packed.others.push(row);
      return;
    }
    const film = (row.typed as { film: TypedFilm }).film;
    const columns = film.columns as FilmColumns;
    values.push(row.line, FLAT_FILM, film.tmdbId);
    for (let c = 0; c < FILM_COLUMNS.length; c++) values.push(columns[FILM_COLUMNS[c]] ?? null);
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

  /** The rows added since the last take, packed; the packer starts a new batch. */
  take(): PackedRows {
    const packed = this.packed;
    this.packed = { values: [], strings: [], others: [] };
    this.count = 0;
    return packed;
  }
}

export function packRows(rows: PreparedRow[]): PackedRows {
  const packer = new RowPacker();
  for (const row of rows) packer.add(row);
  return packer.take();
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

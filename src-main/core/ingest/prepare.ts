/**
 * The database-free half of an import: checking the header, then checking and typing each row and turning
 * its fields into bronze's JSON text. It runs in the importing thread for small files, and in a thread of
 * its own for big ones (pipeline.ts) while the importing thread only writes to SQLite.
 */
import { detectKind, typerFor } from './detect';
import { ImportError } from './errors';
import type { ImportKind, RowProblem, RowTyper, TypedRow } from './types';

/** A field longer than this is refused (the row is quarantined): no film needs a megabyte of text. */
export const MAX_FIELD_CHARS = 1_000_000;
/** A header with more columns than this is refused. */
export const MAX_COLUMNS = 10_000;

export interface Typing {
  kind: ImportKind;
  typer: RowTyper;
  /** Mapped files: the mapping used (given + suggested); null for TMDB files. */
  mapping: Record<string, string> | null;
  header: string[];
}

/**
 * Checks the header and picks the row typer. Throws ImportError (naming the file) for a header that cannot be
 * used: too many columns, all blank, or a required column missing.
 */
export function typingFor(
  fileName: string,
  header: string[],
  options: { kind?: ImportKind; mapping?: Record<string, string> },
): Typing {
  if (header.length > MAX_COLUMNS) {
    throw new ImportError(
      fileName,
      `has ${header.length.toLocaleString('en-US')} columns; at most ${MAX_COLUMNS.toLocaleString('en-US')} are supported`,
    );
  }
  if (header.every((h) => h.trim() === ''))
    throw new ImportError(fileName, 'has an empty header row; the first row must name the columns');
  const kind = options.kind ?? detectKind(header);
  // rawLists: each TMDB list as the JSON text silver stores (canonical ones as they are, see list-json.ts).
  const { typer, mapping } = typerFor(fileName, header, kind, options.mapping, { rawLists: true });
  return { kind, typer, mapping, header };
}

/** One data row ready to write: where it starts, its fields as bronze's JSON text, and what typing made of it. */
export interface PreparedRow {
  line: number;
  bronzeJson: string;
  typed: TypedRow;
}

export function prepareRow(typing: Typing, fields: string[], line: number): PreparedRow {
  const bronzeJson = JSON.stringify(fields);
  const shapeProblems = checkShape(fields, typing.header);
  if (shapeProblems.length > 0) return { line, bronzeJson, typed: { type: 'problems', problems: shapeProblems } };
  return { line, bronzeJson, typed: typing.typer(fields) };
}

/** Problems with a row's shape, before any field is typed: field count, NUL bytes, oversized fields. */
export function checkShape(fields: string[], header: string[]): RowProblem[] {
  const problems: RowProblem[] = [];
  if (fields.length !== header.length) {
    problems.push({
      field: null,
      reason: `the row has ${fields.length} field${fields.length === 1 ? '' : 's'} but the header has ${header.length} columns${spanHint(fields, header)}`,
    });
  }
  for (let i = 0; i < fields.length; i++) {
    const f = fields[i];
    const name = header[i] ?? `column ${i + 1}`;
    if (f.length > MAX_FIELD_CHARS) {
      problems.push({
        field: name,
        reason: `is ${f.length.toLocaleString('en-US')} characters long; the limit is ${MAX_FIELD_CHARS.toLocaleString('en-US')}`,
      });
    } else if (f.includes('\0')) {
      problems.push({ field: name, reason: 'contains a NUL byte (\\0), which text fields cannot hold' });
    }
  }
  return problems;
}

/**
 * Why a row may have the wrong number of fields: a field running over several lines usually means a quote opened
 * in it that closes only at a later quote, so the lines between (often the next rows) were read into it.
 */
function spanHint(fields: string[], header: string[]): string {
  const i = fields.findIndex((f) => f.includes('\n') || f.includes('\r'));
  if (i < 0) return '';
  const name = header[i] ?? `column ${i + 1}`;
  const lines = fields[i].split(/\r\n|\n|\r/).length;
  return (
    `; its ${name} field runs over ${lines} lines, so a quote opened in it probably closes later than intended ` +
    `(the lines it swallowed, often the next rows, are in this row's raw text)`
  );
}

/**
 * Finding columns in a header by name: trimmed and case-insensitive, first occurrence wins.
 */
import { ImportError } from './errors';

export type ColumnIndex = Map<string, number>;

export function normaliseColumnName(name: string): string {
  return name
    .replace(/^\uFEFF/, '')
    .trim()
    .toLowerCase();
}

export function indexColumns(header: string[]): ColumnIndex {
  const index: ColumnIndex = new Map();
  header.forEach((name, i) => {
    const key = normaliseColumnName(name);
    if (!index.has(key)) index.set(key, i);
  });
  return index;
}

/** Refuses a header that lacks any of `required`, naming what is missing and what the file has. */
export function requireColumns(
  fileName: string,
  index: ColumnIndex,
  header: string[],
  required: string[],
  what: string,
): void {
  const missing = required.filter((c) => !index.has(c));
  if (missing.length === 0) return;
  const found =
    header
      .slice(0, 30)
      .map((h) => JSON.stringify(h))
      .join(', ') + (header.length > 30 ? `, ... (${header.length} columns)` : '');
  throw new ImportError(
    fileName,
    `has no column ${missing.map((m) => `"${m}"`).join(', ')}, required for ${what} (columns found: ${found || 'none'})`,
  );
}

/** The text of a column in a row, or '' when the row has no such field. */
export function cell(fields: string[], index: number | undefined): string {
  return index === undefined ? '' : (fields[index] ?? '');
}

/** Text as stored: null when blank, otherwise exactly as given. */
export function textOrNull(value: string): string | null {
  return value.trim() === '' ? null : value;
}

/**
 * The import wizard's preview: the first rows of a file as they will be typed, without writing anything.
 */
import { parse } from 'csv-parse/sync';
import type { FilePreview, PreviewRow } from '../../shared/contract/data';
import { completeMapping, detectKind, typerFor } from './detect';
import { ImportError } from './errors';
import { MAPPED_FIELD_NAMES, suggestMapping } from './mapped';
import { readHead, sniff, type ImportSource } from './read';
import type { ImportKind, TypedRow } from './types';

const PREVIEW_BYTES = 1024 * 1024;
const LIST_NAMES: Record<string, string> = {
  genre: 'genres',
  keyword: 'keywords',
  company: 'companies',
  country: 'countries',
  language: 'languages',
};

/** Reads the first MB of `source` and types its first `rows` rows (default 20). Throws ImportError like importFile. */
export async function previewFile(
  source: ImportSource,
  options: { kind?: ImportKind; mapping?: Record<string, string>; rows?: number } = {},
): Promise<FilePreview> {
  const wanted = options.rows ?? 20;
  const { head, size } = await readHead(source, PREVIEW_BYTES);
  const sniffed = sniff(source.fileName, head, size);
  let text = new TextDecoder(sniffed.encoding).decode(head);
  // Cut at the last line break when the file goes on, so no half row is shown.
  if (head.length < size) text = text.slice(0, Math.max(0, text.lastIndexOf('\n') + 1));
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, {
      delimiter: sniffed.delimiter,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: true,
      info: true,
      to: wanted + 1,
    }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (err) {
    throw new ImportError(source.fileName, `cannot be read as CSV (${(err as Error).message})`);
  }
  if (records.length === 0) throw new ImportError(source.fileName, 'has no header row');
  const header = records[0].record;
  const kind = options.kind ?? detectKind(header);
  const suggested = suggestMapping(header);
  let error: string | null = null;
  let typer: ((fields: string[]) => TypedRow) | null = null;
  let mapping: Record<string, string> | null =
    kind === 'mapped' ? completeMapping(header, options.mapping ?? {}) : null;
  try {
    const built = typerFor(source.fileName, header, kind, options.mapping);
    typer = built.typer;
    mapping = built.mapping;
  } catch (err) {
    if (!(err instanceof ImportError)) throw err;
    error = err.message;
  }
  const rows: PreviewRow[] = records.slice(1, wanted + 1).map((r, i) => {
    const fields = r.record;
    const row: PreviewRow = { row: i + 1, line: r.info.lines, fields, values: null, problems: [] };
    if (!typer) return row;
    if (fields.length !== header.length) {
      row.problems.push({
        field: null,
        reason: `the row has ${fields.length} fields but the header has ${header.length} columns`,
      });
      return row;
    }
    const typed = typer(fields);
    if (typed.type === 'problems') row.problems = typed.problems;
    else if (typed.type === 'credits')
      row.values = { movie_id: typed.credits.tmdbId, cast: typed.credits.cast, crew: typed.credits.crew };
    else {
      const f = typed.film;
      row.values = {
        tmdb_id: f.tmdbId,
        ...f.columns,
        ...Object.fromEntries(Object.entries(f.terms).map(([k, items]) => [LIST_NAMES[k], items.map((t) => t.name)])),
        ...(f.cast ? { cast: f.cast } : {}),
        ...(f.crew ? { directors: f.crew.map((c) => c.name) } : {}),
      };
    }
    return row;
  });
  return {
    fileName: source.fileName,
    kind,
    encoding: sniffed.encoding,
    delimiter: sniffed.delimiter,
    header,
    suggestedMapping: suggested,
    mapping,
    mappableFields: MAPPED_FIELD_NAMES,
    rows,
    error,
  };
}

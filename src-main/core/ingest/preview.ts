/**
 * The import wizard's preview: the first rows of a file as they will be typed, without writing anything. It reads
 * them with the import's own tokenizer and shape checks, so a row previews as it will import.
 */
import type { FilePreview, PreviewRow } from '../../shared/contract/data';
import { CsvTokenizer } from './csv-tokenizer';
import { completeMapping, detectKind, typerFor } from './detect';
import { ImportError } from './errors';
import { MAPPED_FIELD_NAMES, suggestMapping } from './mapped';
import { checkShape } from './prepare';
import { MAX_RECORD_CHARS, readHead, sniff, type ImportSource } from './read';
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
  const text = new TextDecoder(sniffed.encoding).decode(head, { stream: head.length < size });
  // When the file goes on, a record still open at the end of the head (a quoted field running over lines, or
  // a row cut in half) is held back by the tokenizer rather than shown half read.
  const records: { fields: string[]; line: number }[] = [];
  const keep = (fields: string[], line: number) => {
    if (records.length <= wanted) records.push({ fields, line });
  };
  const tokenizer = new CsvTokenizer(sniffed.delimiter, MAX_RECORD_CHARS);
  tokenizer.push(text, keep);
  if (head.length >= size) tokenizer.end(keep);
  if (records.length === 0 && tokenizer.failure) {
    throw new ImportError(source.fileName, `cannot be read as CSV (${tokenizer.failure.message})`);
  }
  if (records.length === 0) throw new ImportError(source.fileName, 'has no header row');
  const header = records[0].fields;
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
    const fields = r.fields;
    const row: PreviewRow = { row: i + 1, line: r.line, fields, values: null, problems: [] };
    if (!typer) return row;
    const shapeProblems = checkShape(fields, header);
    if (shapeProblems.length > 0) {
      row.problems = shapeProblems;
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

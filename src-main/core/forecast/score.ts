/**
 * Batch scoring: forecast every row of a CSV and write the rows back with revenue, revenue_low, revenue_high,
 * hit_probability and roi. Reading and typing reuse the import pipeline (encoding and delimiter sniffing,
 * csv-parse, the mapped-file column mapping and its parsers), so a file that imports also scores. Bad rows are
 * reported with their row number and skipped, never silently dropped; formulas in the output are neutralised.
 */
import fs from 'node:fs';
import { NotUtf8Error, readHead, readRecords, sniff, type ImportSource, type Sniffed } from '../ingest/read';
import { mappedTyper, suggestMapping } from '../ingest/mapped';
import { ImportError } from '../ingest/errors';
import type { TypedFilm } from '../ingest/types';
import { csvLine } from './csv-out';
import { DEFAULT_INTERVAL, type ForecastState } from './engine';
import { scoreInputs, type RowResult } from './score-rows';
import { ScorePool } from './score-pool';

export const SCORE_COLUMNS = ['revenue', 'revenue_low', 'revenue_high', 'hit_probability', 'roi'] as const;
const MAX_LISTED_PROBLEMS = 100;

export interface ScoreProblem {
  /** 1 = the first data row after the header (as import numbers rows). */
  row: number;
  field: string | null;
  reason: string;
}

export interface ScoreSummary {
  file: string;
  out: string;
  rows: number;
  scored: number;
  skipped: number;
  /** The first problems (at most 100); `skipped` counts them all. */
  problems: ScoreProblem[];
  mapping: Record<string, string>;
  interval: number;
  seconds: number;
}

export interface ScoreOptions {
  /** `{ field: "Source Column" }`; fields not given are suggested from the header, as import does. */
  mapping?: Record<string, string>;
  interval?: number;
  /**
   * Worker threads that forecast while this thread reads and writes (default 0: all in this thread). They
   * need `databasePath` (a file, not ':memory:') to open the same models.
   */
  threads?: number;
  databasePath?: string;
  onProgress?: (p: { step: string; current: number; total: number }) => void;
}

/** Scores `source` into the CSV file `outPath`. Throws ImportError when the file cannot be read at all. */
export async function scoreFile(
  state: ForecastState,
  source: ImportSource,
  outPath: string,
  options: ScoreOptions = {},
): Promise<ScoreSummary> {
  const started = performance.now();
  const { head, size } = await readHead(source);
  const sniffed = sniff(source.fileName, head, size);
  try {
    return await scoreWith(state, source, sniffed, outPath, options, started);
  } catch (err) {
    if (!(err instanceof NotUtf8Error)) throw err;
    return scoreWith(state, source, { ...sniffed, encoding: 'windows-1252' }, outPath, options, started);
  }
}

/** Rows sent to a worker at a time: small enough to balance two workers, large enough to amortise messages. */
const SUB_BATCH_ROWS = 2000;

async function scoreWith(
  state: ForecastState,
  source: ImportSource,
  sniffed: Sniffed,
  outPath: string,
  options: ScoreOptions,
  started: number,
): Promise<ScoreSummary> {
  const level = options.interval ?? DEFAULT_INTERVAL;
  const summary: ScoreSummary = {
    file: source.fileName,
    out: outPath,
    rows: 0,
    scored: 0,
    skipped: 0,
    problems: [],
    mapping: {},
    interval: level,
    seconds: 0,
  };
  // Problems found while typing rows (here) and while scoring them (maybe in workers) each arrive in row order;
  // both keep their first 100, and the summary lists the first 100 of the two merged.
  const typingProblems: ScoreProblem[] = [];
  const scoringProblems: ScoreProblem[] = [];
  const note = (list: ScoreProblem[], p: ScoreProblem) => {
    summary.skipped++;
    if (list.length < MAX_LISTED_PROBLEMS) list.push(p);
  };
  const pool = await startPool(state, options);
  const scoreBatch = (inputs: unknown[]) =>
    pool ? pool.score(inputs, level) : Promise.resolve(scoreInputs(state, inputs, level));
  // Batches in flight, written in the order they were read.
  const inFlight: { rows: { row: number; fields: string[] }[]; results: Promise<RowResult[]> }[] = [];
  const maxInFlight = pool ? 2 * pool.size : 1;
  const fd = fs.openSync(outPath, 'w');
  const writeOldest = async () => {
    const batch = inFlight.shift();
    if (!batch) return;
    const results = await batch.results;
    let out = '';
    results.forEach((r, k) => {
      const { row, fields } = batch.rows[k];
      if (!r.ok) return note(scoringProblems, { row, field: columnFor(summary.mapping, r.path), reason: r.message });
      out += csvLine([
        ...fields,
        Math.round(r.revenue),
        Math.round(r.low),
        Math.round(r.high),
        r.hit === null ? null : round(r.hit, 4),
        round(r.roi, 4),
      ]);
      summary.scored++;
    });
    if (out) fs.writeSync(fd, out);
  };

  let typeRow: ((fields: string[]) => ReturnType<ReturnType<typeof mappedTyper>>) | null = null;
  let width = 0;
  try {
    const result = await readRecords(source, sniffed, async (records, bytesRead) => {
      let rows: { row: number; fields: string[] }[] = [];
      let inputs: unknown[] = [];
      const send = async () => {
        if (rows.length === 0) return;
        const results = scoreBatch(inputs);
        results.catch(() => {}); // awaited (and its error thrown) in order by writeOldest
        inFlight.push({ rows, results });
        rows = [];
        inputs = [];
        while (inFlight.length > maxInFlight) await writeOldest();
      };
      for (const record of records) {
        if (!typeRow) {
          const header = record.fields.map((h) => h.replace(/^\uFEFF/, ''));
          summary.mapping = { ...suggestMapping(header), ...(options.mapping ?? {}) };
          if (summary.mapping.budget === undefined) {
            throw new ImportError(
              source.fileName,
              'has no budget column: map one, e.g. --map "budget=Production Budget"',
            );
          }
          typeRow = mappedTyper(source.fileName, header, summary.mapping);
          width = header.length;
          fs.writeSync(fd, csvLine([...header, ...SCORE_COLUMNS]));
          continue;
        }
        summary.rows++;
        const row = summary.rows;
        const typed = typeRow(record.fields);
        if (typed.type !== 'film') {
          const first = typed.type === 'problems' ? typed.problems[0] : { field: null, reason: 'is not a film row' };
          note(typingProblems, { row, field: first.field, reason: first.reason });
          continue;
        }
        const fields = record.fields.slice(0, width);
        while (fields.length < width) fields.push('');
        rows.push({ row, fields });
        inputs.push(toFilmInput(typed.film));
        if (rows.length >= SUB_BATCH_ROWS) await send();
      }
      await send();
      options.onProgress?.({ step: 'scoring', current: bytesRead, total: sniffed.size });
    });
    while (inFlight.length > 0) await writeOldest();
    if (!typeRow) throw new ImportError(source.fileName, 'has no header row');
    if (result.failure) {
      note(scoringProblems, {
        row: summary.rows + 1,
        field: null,
        reason: `the file could not be read past line ${result.failure.line}: ${result.failure.message}`,
      });
    }
  } finally {
    fs.closeSync(fd);
    await pool?.close();
  }
  summary.problems = [...typingProblems, ...scoringProblems]
    .sort((a, b) => a.row - b.row)
    .slice(0, MAX_LISTED_PROBLEMS);
  summary.seconds = (performance.now() - started) / 1000;
  return summary;
}

/** Worker threads for large files on a database file; null (score in this thread) otherwise. */
async function startPool(state: ForecastState, options: ScoreOptions): Promise<ScorePool | null> {
  const threads = options.threads ?? 0;
  if (threads <= 0 || !options.databasePath || options.databasePath === ':memory:') return null;
  const ids = [state.models.revenue.version.id, state.models.hit?.version.id ?? 0];
  return ScorePool.start(options.databasePath, threads, ids);
}

/** A typed row of a mapped file as a scenario (films to score have no revenue yet; it is ignored if given). */
function toFilmInput(film: TypedFilm): Record<string, unknown> {
  const c = film.columns;
  const names = (kind: 'genre' | 'keyword' | 'company' | 'country') => film.terms[kind]?.map((t) => t.name);
  const input: Record<string, unknown> = {
    title: c.title || undefined,
    budget: c.budget ?? undefined,
    runtime: c.runtime ?? undefined,
    genres: names('genre') ?? [],
    releaseDate: c.release_date ?? (c.release_year ? `${c.release_year}-07-01` : undefined),
    language: c.original_language ?? undefined,
    countries: film.terms.country?.map((t) => t.code ?? t.name).filter((code) => /^[A-Za-z]{2}$/.test(code)),
    companies: names('company'),
    keywords: names('keyword'),
    directors: film.crew?.filter((m) => m.job === 'Director').map((m) => m.name),
    cast: film.cast,
    hasHomepage: c.homepage !== undefined ? Boolean(c.homepage) : undefined,
    hasTagline: c.tagline !== undefined ? Boolean(c.tagline) : undefined,
  };
  for (const key of Object.keys(input)) if (input[key] === undefined) delete input[key];
  if (input.budget === undefined) input.budget = null; // reported as "budget is missing" below
  return input;
}

const FIELD_OF_INPUT: Record<string, string> = {
  title: 'title',
  budget: 'budget',
  runtime: 'runtime',
  genres: 'genres',
  releaseDate: 'release_date',
  language: 'original_language',
  countries: 'countries',
  companies: 'companies',
  keywords: 'keywords',
  directors: 'directors',
  cast: 'cast',
};

/** The source column behind an input field, for messages ("Production Budget" rather than "budget"). */
function columnFor(mapping: Record<string, string>, inputPath: string): string | null {
  const field = FIELD_OF_INPUT[inputPath.split('.')[0]];
  return field ? (mapping[field] ?? field) : inputPath || null;
}

function round(value: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

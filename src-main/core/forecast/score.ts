/**
 * Batch scoring: forecast every row of a CSV and write the rows back with revenue, revenue_low, revenue_high,
 * hit_probability and roi. Reading and typing reuse the import pipeline (encoding and delimiter sniffing,
 * csv-parse, the mapped-file column mapping and its parsers), so a file that imports also scores. Bad rows are
 * reported with their row number and skipped, never silently dropped; formulas in the output are neutralised.
 */
import fs from 'node:fs';
import { filmInputSchema } from '../../shared/contract/forecast';
import { InvalidInputError } from '../api/handler';
import { NotUtf8Error, readHead, readRecords, sniff, type ImportSource, type Sniffed } from '../ingest/read';
import { mappedTyper, suggestMapping } from '../ingest/mapped';
import { ImportError } from '../ingest/errors';
import type { TypedFilm } from '../ingest/types';
import { csvLine } from './csv-out';
import { DEFAULT_INTERVAL, quickForecast, type ForecastState } from './engine';

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

async function scoreWith(
  state: ForecastState,
  source: ImportSource,
  sniffed: Sniffed,
  outPath: string,
  options: ScoreOptions,
  started: number,
): Promise<ScoreSummary> {
  const level = options.interval ?? DEFAULT_INTERVAL;
  const fd = fs.openSync(outPath, 'w');
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
  const problem = (p: ScoreProblem) => {
    summary.skipped++;
    if (summary.problems.length < MAX_LISTED_PROBLEMS) summary.problems.push(p);
  };
  let typeRow: ((fields: string[]) => ReturnType<ReturnType<typeof mappedTyper>>) | null = null;
  let width = 0;
  try {
    const result = await readRecords(source, sniffed, (records, bytesRead) => {
      let out = '';
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
          out += csvLine([...header, ...SCORE_COLUMNS]);
          continue;
        }
        summary.rows++;
        const row = summary.rows;
        const typed = typeRow(record.fields);
        if (typed.type !== 'film') {
          const first = typed.type === 'problems' ? typed.problems[0] : { field: null, reason: 'is not a film row' };
          problem({ row, field: first.field, reason: first.reason });
          continue;
        }
        const parsed = filmInputSchema.safeParse(toFilmInput(typed.film));
        if (!parsed.success) {
          const issue = parsed.error.issues[0];
          problem({ row, field: columnFor(summary.mapping, String(issue.path[0] ?? '')), reason: issue.message });
          continue;
        }
        try {
          const f = quickForecast(state, parsed.data, level);
          const fields = record.fields.slice(0, width);
          while (fields.length < width) fields.push('');
          out += csvLine([
            ...fields,
            Math.round(f.revenue),
            Math.round(f.revenueLow),
            Math.round(f.revenueHigh),
            f.hitProbability === null ? null : round(f.hitProbability, 4),
            round(f.roi, 4),
          ]);
          summary.scored++;
        } catch (err) {
          if (!(err instanceof InvalidInputError)) throw err;
          const issue = err.issues[0];
          problem({ row, field: columnFor(summary.mapping, issue.path), reason: issue.message });
        }
      }
      if (out) fs.writeSync(fd, out);
      options.onProgress?.({ step: 'scoring', current: bytesRead, total: sniffed.size });
    });
    if (!typeRow) throw new ImportError(source.fileName, 'has no header row');
    if (result.failure) {
      problem({
        row: summary.rows + 1,
        field: null,
        reason: `the file could not be read past line ${result.failure.line}: ${result.failure.message}`,
      });
    }
  } finally {
    fs.closeSync(fd);
  }
  summary.seconds = (performance.now() - started) / 1000;
  return summary;
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

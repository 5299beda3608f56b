/**
 * Data channels: importing files (as a job), previewing them for the import wizard, statistics, import
 * history, quarantine, the film browser and the exploratory charts' aggregates. The shapes returned are
 * declared here so the renderer can use them without importing core code.
 */
import { z } from 'zod';
import type { SilverFilm } from '../film';
import { channel, output } from './define';

export type ImportKind = 'movies' | 'credits' | 'mapped';

/** One problem of one row: the row (1 = first row after the header), the line it starts on, the field. */
export interface ImportProblem {
  row: number;
  line: number;
  field: string | null;
  reason: string;
}

/** What an import did. loaded + quarantined === rows, always. */
export interface ImportSummary {
  file: string;
  batch: number;
  kind: ImportKind;
  rows: number;
  loaded: number;
  quarantined: number;
  flagged: number;
  seconds: number;
  /** The first 100 row problems; quarantine holds every one. */
  problems: ImportProblem[];
  encoding: 'utf-8' | 'windows-1252' | 'utf-16le' | 'utf-16be';
  delimiter: string;
  sha256: string;
}

export interface ImportBatch {
  id: number;
  source: string;
  kind: ImportKind;
  sha256: string;
  mapping: Record<string, string> | null;
  encoding: string | null;
  delimiter: string | null;
  rowsRead: number;
  rowsLoaded: number;
  rowsQuarantined: number;
  rowsFlagged: number;
  startedAt: string;
  finishedAt: string | null;
  seconds: number | null;
}

export interface QuarantinedRow {
  id: number;
  batch: number;
  source: string;
  row: number;
  field: string | null;
  reason: string;
  /** The raw fields as read (each clipped to 200 characters). */
  raw: string[];
}

/** One row of the import wizard's preview: raw fields, the values as they will be typed, and problems. */
export interface PreviewRow {
  row: number;
  /** The line of the file where the row starts (as import problems give it). */
  line: number;
  fields: string[];
  /** Typed values by silver column or list ("genres", "cast"...); null when the row would be quarantined. */
  values: Record<string, unknown> | null;
  problems: { field: string | null; reason: string }[];
}

export interface FilePreview {
  fileName: string;
  kind: ImportKind;
  encoding: string;
  delimiter: string;
  header: string[];
  /** Mapped files: the mapping suggested from the header names. */
  suggestedMapping: Record<string, string>;
  /** The mapping the preview used (the given one completed with suggestions); null for TMDB files. */
  mapping: Record<string, string> | null;
  /** Every field a mapped file can fill. */
  mappableFields: string[];
  rows: PreviewRow[];
  /** Set when the file cannot be imported as it is (e.g. a required column is missing). */
  error: string | null;
}

export interface FilmFlagDetail {
  flag: string;
  field: string;
  message: string;
}

/** One film in full: its lists, crew with jobs, flags with their explanations, and where it came from. */
export interface FilmDetail extends SilverFilm {
  originalTitle: string | null;
  overview: string | null;
  tagline: string | null;
  homepage: string | null;
  status: string | null;
  crew: { name: string; job: string; department: string | null }[];
  flagDetails: FilmFlagDetail[];
  source: { batch: number | null; file: string | null; row: number | null };
  updatedAt: string;
}

/** A row of the film browser. */
export interface FilmListItem {
  id: number;
  tmdbId: number | null;
  title: string;
  year: number | null;
  budget: number | null;
  revenue: number | null;
  genres: string[];
  flags: string[];
}

export interface DataStats {
  films: number;
  withBudget: number;
  withRevenue: number;
  withBoth: number;
  flagged: number;
  flags: { flag: string; count: number }[];
  quarantined: number;
  quarantineReasons: { field: string | null; reason: string; count: number }[];
  batches: number;
  lastImport: string | null;
}

export interface HistogramBin {
  /** Lower edge, upper edge (log10 dollars). */
  from: number;
  to: number;
  count: number;
}

export interface ExploreData {
  films: number;
  logBudget: HistogramBin[];
  logRevenue: HistogramBin[];
  revenueByGenre: { genre: string; median: number; count: number }[];
  revenueByYear: { year: number; median: number; count: number }[];
  /** Films with both budget and revenue known (flagged ones left out), at most 2,000, spread evenly. */
  budgetRevenue: { id: number; title: string; budget: number; revenue: number }[];
  /** Missing values per column, over all films. */
  missing: { column: string; missing: number }[];
}

const importKind = z.enum(['movies', 'credits', 'mapped']);
/** A file's own name: no folders (paths never come from the renderer). */
const fileName = z
  .string()
  .min(1, 'fileName must not be empty')
  .max(255, 'fileName: at most 255 characters')
  .refine(
    (s) => !/[\\/]/.test(s) && s !== '.' && s !== '..' && !s.includes('\0'),
    'fileName must be a file name without folders',
  );
/** Base64 text; the decoded size limit is checked by the handler. */
const MAX_IMPORT_BYTES = 200 * 1024 * 1024;
const MAX_PREVIEW_BYTES = 2 * 1024 * 1024;
const base64 = (maxBytes: number) =>
  z
    .string()
    .max(Math.ceil((maxBytes * 4) / 3) + 4, `content: at most ${maxBytes / 1024 / 1024} MB`)
    .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'content must be base64');
const mapping = z
  .record(z.string().min(1).max(40), z.string().min(1).max(300))
  .refine((m) => Object.keys(m).length <= 40, 'mapping: at most 40 fields');
const id = z.number().int().positive();
const limit = z.number().int().min(1).max(500);
const offset = z.number().int().min(0).max(100_000_000);

export const DATA_LIMITS = { MAX_IMPORT_BYTES, MAX_PREVIEW_BYTES } as const;

export const dataChannels = {
  'data.import': channel({
    summary: 'Imports an uploaded CSV (base64) as a job; the result is the import summary.',
    job: true,
    input: z
      .object({ fileName, content: base64(MAX_IMPORT_BYTES), kind: importKind.optional(), mapping: mapping.optional() })
      .strict(),
    output: output<{ job: string }>(),
  }),
  'data.preview': channel({
    summary: 'The first rows of a file as they will be imported, its detected format and a suggested column mapping.',
    input: z
      .object({
        fileName,
        content: base64(MAX_PREVIEW_BYTES),
        kind: importKind.optional(),
        mapping: mapping.optional(),
        rows: z.number().int().min(1).max(100).optional(),
      })
      .strict(),
    output: output<FilePreview>(),
  }),
  'data.stats': channel({
    summary: 'Film counts, known budgets and revenues, flags, quarantine reasons and batches.',
    input: z.object({}).strict(),
    output: output<DataStats>(),
  }),
  'data.batches': channel({
    summary: 'Import history, newest first.',
    input: z.object({}).strict(),
    output: output<ImportBatch[]>(),
  }),
  'data.quarantine': channel({
    summary: 'Quarantined rows with their reasons, by batch.',
    input: z.object({ batch: id.optional(), limit, offset }).strict(),
    output: output<{ total: number; rows: QuarantinedRow[] }>(),
  }),
  'data.explore': channel({
    summary:
      'Aggregates for the exploratory charts: histograms, revenue by genre and year, budget vs revenue, missing values.',
    input: z.object({}).strict(),
    output: output<ExploreData>(),
  }),
  'films.search': channel({
    summary: "The film browser's page of films matching a title search and filters.",
    input: z
      .object({
        query: z.string().max(200).optional(),
        genre: z.string().max(100).optional(),
        yearFrom: z.number().int().min(1800).max(2200).optional(),
        yearTo: z.number().int().min(1800).max(2200).optional(),
        flagged: z.boolean().optional(),
        sort: z.enum(['title', 'year', 'budget', 'revenue']).optional(),
        descending: z.boolean().optional(),
        limit,
        offset,
      })
      .strict(),
    output: output<{ total: number; films: FilmListItem[] }>(),
  }),
  'films.get': channel({
    summary: 'One film with its lists, crew, flags and source row.',
    input: z.object({ id }).strict(),
    output: output<FilmDetail | null>(),
  }),
};

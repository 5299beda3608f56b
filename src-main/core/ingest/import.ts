/**
 * Importing one CSV file into bronze and silver, in one transaction: every row read lands in bronze;
 * rows that type cleanly are upserted into silver (with quality flags), the others are quarantined with
 * their reason. loaded + quarantined === rows read, always. Nothing is committed until the end, so an
 * error, a cancel or a killed process leaves the database as it was.
 */
import path from 'node:path';
import type { Db } from '../store/db';
import { createBatch, finishBatch } from '../store/batches';
import { bronzeWriter, insertBronzeHeader } from '../store/bronze';
import { quarantineWriter } from '../store/quarantine';
import { SilverWriter } from '../store/silver';
import { resourcesDirectory } from '../store/paths';
import { ImportCancelledError, ImportError } from './errors';
import { readPreparedHere, readPreparedInHelper, type PreparedReader } from './pipeline';
import { typingFor, type PreparedRow, type Typing } from './prepare';
import { NotUtf8Error, readHead, sniff, type ImportSource } from './read';
import type { ImportProblem, ImportSummary } from '../../shared/contract/data';
import type { ImportKind, RowProblem } from './types';

export type { ImportSource } from './read';
export { ImportError, ImportCancelledError } from './errors';

export { MAX_COLUMNS, MAX_FIELD_CHARS } from './prepare';
/** Files from this size on are read and typed in a helper thread while this one writes (see pipeline.ts). */
export const PIPELINE_MIN_BYTES = 16 * 1024 * 1024;
/** SQLite page cache during an import, in KiB as a negative cache_size (-65536 = 64 MB). */
const IMPORT_CACHE_KIB = -65536;
/** How many row problems the summary lists (all of them are in quarantine). */
export const MAX_LISTED_PROBLEMS = 100;

export interface ImportProgress {
  step: string;
  current: number;
  total: number;
}

export interface ImportOptions {
  /** Detected from the header when omitted. */
  kind?: ImportKind;
  /** Mapped files: `{ field: "Source Column" }`; fields left out are suggested from the header. */
  mapping?: Record<string, string>;
  /** Called about once per megabyte read; current/total are bytes. */
  onProgress?: (p: ImportProgress) => void;
  /** Aborting rolls the whole import back. */
  signal?: AbortSignal;
  /**
   * The worker entry (core/jobs) to start a helper thread from, which reads and types rows while this thread
   * writes. Used for files on disk of at least `pipelineMinBytes` (default PIPELINE_MIN_BYTES); without it
   * everything runs in this thread.
   */
  pipelineEntry?: string;
  pipelineMinBytes?: number;
}

export type { ImportProblem, ImportSummary };

/**
 * Imports into one database run one at a time: each holds the write transaction for its whole file. Keyed
 * by the database file, so imports on other connections to it (the import worker's) queue here too.
 */
const queues = new Map<unknown, Promise<unknown>>();

function queueKey(db: Db): unknown {
  return db.memory ? db : path.resolve(db.name);
}

/** Runs `work` after the imports already started on this database (this process), before later ones. */
export function runAfterImportsOn<T>(db: Db, work: () => Promise<T>): Promise<T> {
  const key = queueKey(db);
  const previous = queues.get(key) ?? Promise.resolve();
  const next = previous.catch(() => undefined).then(work);
  queues.set(key, next);
  // Forget the queue once it is idle, so closed databases are not kept.
  void next.then(
    () => queues.get(key) === next && queues.delete(key),
    () => queues.get(key) === next && queues.delete(key),
  );
  return next;
}

/**
 * Imports one file on `db`, in this thread. Throws ImportError (one line naming the file) when the file
 * cannot be read at all: missing, empty, binary, or lacking a required column; the database is then unchanged.
 * The app's handlers use importFileIsolated (isolated.ts), which runs this on a connection of its own.
 */
export function importFile(db: Db, source: ImportSource, options: ImportOptions = {}): Promise<ImportSummary> {
  return runAfterImportsOn(db, () => importWithEncodingRetry(db, source, options));
}

async function importWithEncodingRetry(db: Db, source: ImportSource, options: ImportOptions): Promise<ImportSummary> {
  const fileName = displayName(source);
  const { head, size } = await readHead({ ...source, fileName });
  const sniffed = sniff(fileName, head, size);
  try {
    return await importOnce(db, { ...source, fileName }, sniffed, options);
  } catch (err) {
    // The sniffed start was UTF-8 but a later byte was not: the file is Windows-1252 after all.
    if (err instanceof NotUtf8Error)
      return importOnce(db, { ...source, fileName }, { ...sniffed, encoding: 'windows-1252' }, options);
    throw err;
  }
}

/** The file's own name: never a directory path (it is shown to users and stored as the batch source). */
function displayName(source: ImportSource): string {
  const name = source.fileName || (source.path ? path.basename(source.path) : 'upload.csv');
  return path.basename(name.replace(/\\/g, '/'));
}

interface Counts {
  rows: number;
  loaded: number;
  quarantined: number;
  flagged: number;
}

async function importOnce(
  db: Db,
  source: ImportSource,
  sniffed: ReturnType<typeof sniff>,
  options: ImportOptions,
): Promise<ImportSummary> {
  const fileName = source.fileName;
  const started = performance.now();
  const startedAt = new Date().toISOString();
  const counts: Counts = { rows: 0, loaded: 0, quarantined: 0, flagged: 0 };
  const problems: ImportProblem[] = [];
  interface State {
    batch: number;
    typing: Typing;
    bronze: ReturnType<typeof bronzeWriter>;
    quarantine: ReturnType<typeof quarantineWriter>;
    silver: SilverWriter;
  }
  // Set once the header is read (the batch row needs the kind, which the header decides).
  let state = null as State | null;

  const start = (header: string[]): Typing => {
    const typing = typingFor(fileName, header, options);
    const batch = createBatch(db, {
      source: fileName,
      kind: typing.kind,
      mapping: typing.mapping,
      encoding: sniffed.encoding,
      delimiter: sniffed.delimiter,
      startedAt,
    });
    insertBronzeHeader(db, batch, header);
    state = {
      batch,
      typing,
      bronze: bronzeWriter(db, batch),
      quarantine: quarantineWriter(db, batch),
      silver: new SilverWriter(db, startedAt),
    };
    return typing;
  };

  const quarantineRow = (rowNumber: number, line: number, rawJson: string, rowProblems: RowProblem[]) => {
    const s = state!;
    const reason = rowProblems.map((p) => (p.field ? `${p.field}: ${p.reason}` : p.reason)).join('; ');
    s.quarantine(rowNumber, rowProblems[0]?.field ?? null, reason, rawJson);
    counts.quarantined++;
    for (const p of rowProblems) {
      if (problems.length < MAX_LISTED_PROBLEMS)
        problems.push({ row: rowNumber, line, field: p.field, reason: p.reason });
    }
  };

  const writeRow = (row: PreparedRow) => {
    const s = state!;
    const rowNumber = ++counts.rows;
    s.bronze.writeJson(rowNumber, row.bronzeJson);
    const typed = row.typed;
    if (typed.type === 'problems') return quarantineRow(rowNumber, row.line, row.bronzeJson, typed.problems);
    if (typed.type === 'credits') {
      if (s.silver.attachCredits(typed.credits) === null) {
        return quarantineRow(rowNumber, row.line, row.bronzeJson, [
          {
            field: 'movie_id',
            reason: `no film with TMDB id ${typed.credits.tmdbId} is in the database: import the movies file (e.g. tmdb_5000_movies.csv) first, then these credits`,
          },
        ]);
      }
      counts.loaded++;
      return;
    }
    const result = s.silver.upsertFilm(typed.film, s.batch, rowNumber);
    counts.loaded++;
    if (result.flagged) counts.flagged++;
  };

  // A larger page cache while importing keeps the list indexes in memory on big files (64 MB, restored after).
  const cacheSize = db.pragma('cache_size', { simple: true }) as number;
  db.pragma(`cache_size = ${IMPORT_CACHE_KIB}`);
  // The writer only ever references films it has just upserted or looked up, so the per-row foreign key
  // checks are redundant during the import (about a fifth of the insert time); they are back on after.
  const foreignKeys = db.pragma('foreign_keys', { simple: true }) as number;
  db.pragma('foreign_keys = OFF');
  // Statement journals (SQLite's undo of one multi-row INSERT or upsert inside the long transaction) kept in
  // memory: on disk they spill past 64 KiB, which on 16 KiB pages is four pages, and each import then wrote
  // about seven times as many pages (strace, TMDB file: 52,000 pwrite calls instead of 2,400). They are small
  // here (one statement's pages), and restored with the rest after.
  const tempStore = db.pragma('temp_store', { simple: true }) as number;
  db.pragma('temp_store = MEMORY');
  try {
    db.exec('BEGIN IMMEDIATE');
    const report = options.onProgress;
    report?.({ step: 'importing', current: 0, total: sniffed.size });
    const reader: PreparedReader = {
      onHeader: start,
      onRow: writeRow,
      onProgress: (bytesRead) => {
        if (options.signal?.aborted) throw new ImportCancelledError(fileName);
        report?.({ step: 'importing', current: bytesRead, total: sniffed.size });
      },
    };
    const pipelined =
      options.pipelineEntry !== undefined &&
      source.path !== undefined &&
      !source.content &&
      sniffed.size >= (options.pipelineMinBytes ?? PIPELINE_MIN_BYTES);
    const read = pipelined
      ? await readPreparedInHelper(
          options.pipelineEntry!,
          { fileName, path: source.path! },
          sniffed,
          { kind: options.kind, mapping: options.mapping },
          reader,
          options.signal,
        )
      : await readPreparedHere(source, sniffed, reader, options.signal);
    if (options.signal?.aborted) throw new ImportCancelledError(fileName);
    if (!state) {
      if (read.failure) throw new ImportError(fileName, `the header row cannot be read (${read.failure.message})`);
      throw new ImportError(fileName, 'has no header row; expected a CSV file whose first row names the columns');
    }
    if (read.failure) {
      const rowNumber = ++counts.rows;
      state!.bronze.writeJson(rowNumber, '[]');
      quarantineRow(rowNumber, read.failure.line, '[]', [{ field: null, reason: describeReadFailure(read.failure) }]);
    }
    state.bronze.flush();
    state.silver.flush();
    const seconds = (performance.now() - started) / 1000;
    finishBatch(db, state!.batch, {
      sha256: read.sha256,
      rowsRead: counts.rows,
      rowsLoaded: counts.loaded,
      rowsQuarantined: counts.quarantined,
      rowsFlagged: counts.flagged,
      finishedAt: new Date().toISOString(),
      seconds,
    });
    db.exec('COMMIT');
    report?.({ step: 'done', current: sniffed.size, total: sniffed.size });
    const s = state!;
    return {
      file: fileName,
      batch: s.batch,
      kind: s.typing.kind,
      rows: counts.rows,
      loaded: counts.loaded,
      quarantined: counts.quarantined,
      flagged: counts.flagged,
      seconds: Math.round(seconds * 1000) / 1000,
      problems,
      encoding: sniffed.encoding,
      delimiter: sniffed.delimiter,
      sha256: read.sha256,
    };
  } catch (err) {
    if (db.inTransaction) db.exec('ROLLBACK');
    throw err;
  } finally {
    db.pragma(`cache_size = ${cacheSize}`);
    db.pragma(`foreign_keys = ${foreignKeys ? 'ON' : 'OFF'}`);
    db.pragma(`temp_store = ${tempStore}`);
  }
}

function describeReadFailure(f: { code: string; line: number; message: string }): string {
  if (f.code === 'CSV_QUOTE_NOT_CLOSED') {
    return `a quote opened on line ${f.line} is never closed; the rest of the file from line ${f.line} could not be read as rows`;
  }
  if (f.code === 'CSV_MAX_RECORD_SIZE') {
    return `the record starting on line ${f.line} is larger than 64 MB (most likely a quote that is never closed); the rest of the file was not read`;
  }
  return `the CSV cannot be read from line ${f.line} on: ${f.message}`;
}

/** Imports the embedded TMDB 5000 movies, then their credits (resources/data). */
export async function importDefaults(db: Db, onProgress?: (p: ImportProgress) => void): Promise<ImportSummary[]> {
  const dir = path.join(resourcesDirectory(), 'data');
  const summaries: ImportSummary[] = [];
  for (const [fileName, kind] of [
    ['tmdb_5000_movies.csv', 'movies'],
    ['tmdb_5000_credits.csv', 'credits'],
  ] as const) {
    summaries.push(
      await importFile(
        db,
        { fileName, path: path.join(dir, fileName) },
        { kind, onProgress: onProgress && ((p) => onProgress({ ...p, step: `${kind}: ${p.step}` })) },
      ),
    );
  }
  return summaries;
}

/** First run: imports the embedded data when silver has no films; returns null when it had some. */
export async function ensureDefaultData(
  db: Db,
  onProgress?: (p: ImportProgress) => void,
): Promise<ImportSummary[] | null> {
  const films = db.prepare('SELECT count(*) FROM films').pluck().get() as number;
  if (films > 0) return null;
  return importDefaults(db, onProgress);
}

/**
 * Prepared rows for the import's writer, from the same thread or from a second one.
 *
 * Reading, tokenizing and typing a TMDB row costs about as much CPU as SQLite's work to store it. For big files
 * the import worker therefore starts a helper thread that reads and prepares rows (prepare.ts) while the
 * import thread only writes them: on two cores the two halves overlap. The helper runs at most
 * `BATCHES_IN_FLIGHT` batches (of at most ROWS_PER_BATCH rows) ahead of the writer, so memory stays bounded
 * whatever the file's size. Everything the database sees is decided in the writer, in one transaction, as before.
 */
import { Worker, type MessagePort } from 'node:worker_threads';
import { importErrorFromData, importErrorToData, ImportCancelledError, type ImportErrorData } from './errors';
import { RowPacker, unpackRows, type PackedRows } from './prepared-codec';
import { prepareRow, typingFor, type PreparedRow, type Typing } from './prepare';
import { NotUtf8Error, readEachRecord, type ImportSource, type ReadResult, type Sniffed } from './read';
import type { ImportKind } from './types';

/**
 * Rows a batch holds at most. Small batches keep each message's buffers and arrays in V8's young generation and
 * malloc's reused memory: batches of a megabyte's rows (about 850 TMDB rows) were serialized into fresh memory
 * each time, page-faulted in (a large share of the reading thread's time on these virtual machines).
 */
const ROWS_PER_BATCH = 256;
/**
 * How many batches the helper may have sent that the writer has not yet written (checked after each megabyte
 * read, which sends about four): with ROWS_PER_BATCH, a few thousand rows at most.
 */
const BATCHES_IN_FLIGHT = 12;
/** Heap limits of the helper thread (it holds a few batches at a time). */
const HELPER_LIMITS = { maxOldGenerationSizeMb: 512, maxYoungGenerationSizeMb: 64 };

export interface TypingOptions {
  kind?: ImportKind;
  mapping?: Record<string, string>;
}

export interface PreparedReader {
  /** Called once with the header, before any rows; returns the typing (throws ImportError for a bad header). */
  onHeader: (header: string[]) => Typing;
  /** Called with each row, in file order. */
  onRow: (row: PreparedRow) => void;
  /** Called after each chunk's rows with how far the read has got, in bytes. */
  onProgress: (bytesRead: number) => void;
}

/**
 * Reads and prepares rows in this thread, one at a time: each row is written before the next is read, so
 * its objects die young (a chunk's prepared rows held together cost more garbage collection than typing them).
 */
export async function readPreparedHere(
  source: ImportSource,
  sniffed: Sniffed,
  reader: PreparedReader,
  signal?: AbortSignal,
): Promise<ReadResult> {
  let typing: Typing | null = null;
  return readEachRecord(
    source,
    sniffed,
    (fields, line) => {
      if (typing) reader.onRow(prepareRow(typing, fields, line));
      else typing = reader.onHeader(fields);
    },
    (bytesRead) => reader.onProgress(bytesRead),
    signal,
  );
}

export type ToPrepareWorker =
  | {
      type: 'prepare.start';
      source: { fileName: string; path: string };
      sniffed: Sniffed;
      options: TypingOptions;
    }
  | { type: 'prepare.ack' };

export type FromPrepareWorker =
  | { type: 'prepare.rows'; header?: string[]; rows: PackedRows; bytesRead: number }
  | { type: 'prepare.end'; result: ReadResult }
  | { type: 'prepare.failed'; notUtf8: boolean; error: ImportErrorData };

/**
 * Reads and prepares rows in a helper thread started from `entry` (the shared worker entry), handing each
 * batch to `reader` here. Rejects with what the helper met (ImportError, NotUtf8Error) or with the writer's
 * own error; the helper is stopped either way.
 */
export function readPreparedInHelper(
  entry: string,
  source: { fileName: string; path: string },
  sniffed: Sniffed,
  options: TypingOptions,
  reader: PreparedReader,
  signal?: AbortSignal,
): Promise<ReadResult> {
  return new Promise((resolve, reject) => {
    const helper = new Worker(entry, { resourceLimits: HELPER_LIMITS });
    let settled = false;
    const finish = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', onAbort);
      void helper.terminate();
      outcome();
    };
    const fail = (err: unknown) => finish(() => reject(err));
    const onAbort = () => fail(new ImportCancelledError(source.fileName));
    signal?.addEventListener('abort', onAbort, { once: true });

    helper.on('message', (message: FromPrepareWorker | { type?: unknown }) => {
      if (settled) return;
      const m = message as FromPrepareWorker;
      try {
        if (m.type === 'prepare.rows') {
          if (m.header) reader.onHeader(m.header);
          for (const row of unpackRows(m.rows)) reader.onRow(row);
          reader.onProgress(m.bytesRead);
          helper.postMessage({ type: 'prepare.ack' } satisfies ToPrepareWorker);
        } else if (m.type === 'prepare.end') {
          finish(() => resolve(m.result));
        } else if (m.type === 'prepare.failed') {
          fail(m.notUtf8 ? new NotUtf8Error() : importErrorFromData(m.error));
        }
      } catch (err) {
        fail(err);
      }
    });
    helper.on('error', (err) => fail(new Error(`${source.fileName}: the reading thread failed (${err.message})`)));
    helper.on('exit', (code) => fail(new Error(`${source.fileName}: the reading thread stopped (exit code ${code})`)));
    helper.postMessage({ type: 'prepare.start', source, sniffed, options } satisfies ToPrepareWorker);
  });
}

/**
 * The helper's side: reads and prepares the file, packing each row as it is read and sending a batch per chunk
 * read, waiting when the writer is behind.
 */
export async function servePrepare(
  port: MessagePort | null,
  start: Extract<ToPrepareWorker, { type: 'prepare.start' }>,
  acks: { wait: () => Promise<void> },
): Promise<void> {
  const post = (m: FromPrepareWorker) => port?.postMessage(m);
  let typing: Typing | null = null;
  let header: string[] | undefined;
  let inFlight = 0;
  let bytesRead = 0;
  const packer = new RowPacker();
  const sendBatch = () => {
    if (packer.rows === 0 && header === undefined) return;
    const rows = packer.take();
    post(header ? { type: 'prepare.rows', header, rows, bytesRead } : { type: 'prepare.rows', rows, bytesRead });
    header = undefined;
    inFlight++;
  };
  try {
    const result = await readEachRecord(
      start.source,
      start.sniffed,
      (fields, line) => {
        if (typing) {
          packer.add(prepareRow(typing, fields, line));
          if (packer.rows >= ROWS_PER_BATCH) sendBatch();
        } else {
          header = fields;
          typing = typingFor(start.source.fileName, header, start.options);
        }
      },
      async (bytes) => {
        bytesRead = bytes;
        sendBatch();
        while (inFlight >= BATCHES_IN_FLIGHT) {
          await acks.wait();
          inFlight--;
        }
      },
    );
    post({ type: 'prepare.end', result });
  } catch (err) {
    post({ type: 'prepare.failed', notUtf8: err instanceof NotUtf8Error, error: importErrorToData(err) });
  }
}

/** Counts the writer's acks; `wait` resolves at the next one not yet waited for. */
export function ackCounter(): { wait: () => Promise<void>; ack: () => void } {
  let pending = 0;
  let waiter: (() => void) | null = null;
  return {
    ack: () => {
      if (waiter) {
        const w = waiter;
        waiter = null;
        w();
      } else pending++;
    },
    wait: () => {
      if (pending > 0) {
        pending--;
        return Promise.resolve();
      }
      return new Promise<void>((resolve) => (waiter = resolve));
    },
  };
}

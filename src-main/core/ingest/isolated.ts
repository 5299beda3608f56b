/**
 * Imports run on their own database connection in a worker thread. An import holds one write transaction
 * for the whole file; on the app's shared connection, any write another handler made meanwhile (a saved
 * scenario, a setting) joined that transaction and was rolled back with it on a cancel or a bad file. On its
 * own connection the import's transaction is its own: readers keep reading the last committed data (WAL),
 * other writers wait for it (busy_timeout), and the main thread stays free to answer the UI.
 *
 * The worker is the shared worker entry of core/jobs (the same file the training pool starts, from
 * TypeScript source or from the Electron bundle); import-worker.ts is its import side.
 */
import { Worker } from 'node:worker_threads';
import type { Db } from '../store/db';
import { workerEntry } from '../jobs/pool';
import { importErrorFromData, ImportCancelledError } from './errors';
import { importFile, runAfterImportsOn, type ImportOptions } from './import';
import type { FromImportWorker, ToImportWorker } from './import-worker';
import type { ImportSource } from './read';
import type { ImportSummary } from '../../shared/contract/data';

/** Heap limits of the import worker: bounded memory means a runaway file fails its import, not the app. */
const WORKER_LIMITS = { maxOldGenerationSizeMb: 1024, maxYoungGenerationSizeMb: 96 };

/**
 * Imports one file like importFile, but on a connection of its own in a worker thread. In-memory databases
 * (':memory:', used by tests) cannot be shared between connections: they import in-process on `db`.
 */
export function importFileIsolated(
  target: { db: Db; databasePath: string },
  source: ImportSource,
  options: ImportOptions = {},
): Promise<ImportSummary> {
  if (target.db.memory || target.databasePath === ':memory:') return importFile(target.db, source, options);
  // One import per database file at a time, in-process ones included (each holds the write lock throughout).
  return runAfterImportsOn(target.db, () => importInWorker(target.databasePath, source, options));
}

function importInWorker(databasePath: string, source: ImportSource, options: ImportOptions): Promise<ImportSummary> {
  return new Promise((resolve, reject) => {
    if (options.signal?.aborted) return reject(new ImportCancelledError(source.fileName));
    const worker = new Worker(workerEntry(), { resourceLimits: WORKER_LIMITS });
    let settled = false;
    const finish = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      options.signal?.removeEventListener('abort', onAbort);
      void worker.terminate();
      outcome();
    };
    // The worker rolls back and answers `import.failed` with the cancel; the import checks between chunks.
    const onAbort = () => worker.postMessage({ type: 'import.cancel' } satisfies ToImportWorker);
    options.signal?.addEventListener('abort', onAbort, { once: true });

    worker.on('message', (message: FromImportWorker | { type?: unknown }) => {
      const m = message as FromImportWorker;
      if (m.type === 'import.progress') options.onProgress?.(m.progress);
      else if (m.type === 'import.done') finish(() => resolve(m.summary));
      else if (m.type === 'import.failed') finish(() => reject(importErrorFromData(m.error)));
    });
    worker.on('error', (err: Error & { code?: string }) =>
      finish(() =>
        reject(
          new Error(
            err.code === 'ERR_WORKER_OUT_OF_MEMORY'
              ? `${source.fileName}: the import ran out of memory (limit ${WORKER_LIMITS.maxOldGenerationSizeMb} MB); nothing was imported`
              : `${source.fileName}: the import worker crashed (${err.message}); nothing was imported`,
          ),
        ),
      ),
    );
    worker.on('exit', (code) =>
      finish(() =>
        reject(new Error(`${source.fileName}: the import worker stopped (exit code ${code}); nothing was imported`)),
      ),
    );

    // A copy of the upload in its own buffer, moved (not copied again) to the worker.
    const content = source.content ? new Uint8Array(source.content) : undefined;
    const start: ToImportWorker = {
      type: 'import.start',
      databasePath,
      source: { fileName: source.fileName, path: source.path, content },
      // Big files: the worker starts a helper thread (same entry) that reads and types while it writes.
      options: {
        kind: options.kind,
        mapping: options.mapping,
        pipelineEntry: workerEntry(),
        pipelineMinBytes: options.pipelineMinBytes,
      },
    };
    worker.postMessage(start, content ? [content.buffer as ArrayBuffer] : []);
  });
}

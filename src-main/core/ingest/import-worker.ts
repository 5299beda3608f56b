/**
 * The worker-thread side of an isolated import (see isolated.ts): opens its own connection to the database
 * file and runs the ordinary import on it, sending progress and the summary back. It is loaded by the
 * shared worker entry (core/jobs/worker.ts), so it starts from TypeScript source and from the Electron
 * bundle the same way the training workers do; it answers only the `import.*` messages.
 */
import { parentPort } from 'node:worker_threads';
import { openDatabase } from '../store/db';
import { importErrorToData, type ImportErrorData } from './errors';
import { importFile, type ImportProgress } from './import';
import { ackCounter, servePrepare, type ToPrepareWorker } from './pipeline';
import type { ImportKind } from './types';
import type { ImportSummary } from '../../shared/contract/data';

/** How long the import's connection waits for another writer (another process's import) before giving up. */
const IMPORT_BUSY_TIMEOUT_MS = 60_000;

export type ToImportWorker =
  | {
      type: 'import.start';
      databasePath: string;
      source: { fileName: string; path?: string; content?: Uint8Array };
      options: {
        kind?: ImportKind;
        mapping?: Record<string, string>;
        /** Start a helper thread from this entry for big files (pipeline.ts). */
        pipelineEntry?: string;
        pipelineMinBytes?: number;
      };
    }
  | { type: 'import.cancel' };

export type FromImportWorker =
  | { type: 'import.progress'; progress: ImportProgress }
  | { type: 'import.done'; summary: ImportSummary }
  | { type: 'import.failed'; error: ImportErrorData };

const abort = new AbortController();

async function run(message: Extract<ToImportWorker, { type: 'import.start' }>): Promise<void> {
  const send = (m: FromImportWorker) => parentPort?.postMessage(m);
  let db: ReturnType<typeof openDatabase> | null = null;
  try {
    // The main thread opened (checked and migrated) this file already: skip the integrity check here.
    db = openDatabase(message.databasePath, { check: false });
    db.pragma(`busy_timeout = ${IMPORT_BUSY_TIMEOUT_MS}`);
    const { content, ...rest } = message.source;
    const source = content
      ? { ...rest, content: Buffer.from(content.buffer, content.byteOffset, content.length) }
      : rest;
    const summary = await importFile(db, source, {
      ...message.options,
      signal: abort.signal,
      onProgress: (progress) => send({ type: 'import.progress', progress }),
    });
    send({ type: 'import.done', summary });
  } catch (err) {
    send({ type: 'import.failed', error: importErrorToData(err) });
  } finally {
    db?.close();
  }
}

// This thread may also be an import's helper, reading and typing rows for it (pipeline.ts).
const acks = ackCounter();

parentPort?.on('message', (message: ToImportWorker | ToPrepareWorker | { type?: unknown }) => {
  if (message.type === 'import.start') void run(message as Extract<ToImportWorker, { type: 'import.start' }>);
  else if (message.type === 'import.cancel') abort.abort();
  else if (message.type === 'prepare.start')
    void servePrepare(parentPort, message as Extract<ToPrepareWorker, { type: 'prepare.start' }>, acks);
  else if (message.type === 'prepare.ack') acks.ack();
});

/**
 * A scoring worker thread: opens the database read-only, prepares the same forecast state as the main thread
 * (the active models, the data's vocabulary), then scores the batches of rows it is sent.
 */
import { parentPort } from 'node:worker_threads';
import { openDatabase, type Db } from '../store/db';
import { forecastState } from './service';
import { scoreInputs } from './score-rows';
import type { ForecastState } from './engine';

export type ToScoreWorker =
  { type: 'init'; databasePath: string } | { type: 'score'; id: number; inputs: unknown[]; level: number };
export type FromScoreWorker =
  | { type: 'ready'; modelIds: number[] }
  | { type: 'scored'; id: number; results: ReturnType<typeof scoreInputs> }
  | { type: 'error'; id: number | null; message: string };

let db: Db | null = null;
let state: ForecastState | null = null;
const port = parentPort;

port?.on('message', (message: ToScoreWorker) => {
  try {
    if (message.type === 'init') {
      db = openDatabase(message.databasePath, { readonly: true, check: false });
      state = forecastState({ db });
      const ids = [state.models.revenue.version.id, state.models.hit?.version.id ?? 0];
      port.postMessage({ type: 'ready', modelIds: ids } satisfies FromScoreWorker);
    } else if (message.type === 'score') {
      if (!state) throw new Error('scoring worker used before init');
      port.postMessage({
        type: 'scored',
        id: message.id,
        results: scoreInputs(state, message.inputs, message.level),
      } satisfies FromScoreWorker);
    }
  } catch (err) {
    port.postMessage({
      type: 'error',
      id: message.type === 'score' ? message.id : null,
      message: (err as Error).message,
    } satisfies FromScoreWorker);
  }
});

/**
 * A small pool of worker threads for training and tuning. One job runs at a time (the machines have two
 * cores; a second job waits its turn); its tasks spread over the workers. Cancel terminates the job's
 * busy workers; a worker that throws, exits or runs out of memory fails its job with a clear message, and
 * the pool starts a fresh worker in its place.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { JobCancelledError } from './manager';
import type { FromWorker, SharedDataset, ToWorker, WorkerResult, WorkerTask } from './protocol';

let configuredEntry: string | undefined;

/**
 * Points the pool at a different worker entry (the Electron build passes its bundled chunk's path,
 * from electron-vite's `?modulePath`). Also settable as GREENLIGHT_WORKER_ENTRY.
 */
export function setWorkerEntry(entry: string | undefined): void {
  configuredEntry = entry;
}

/** The worker entry in use: configured, from the environment, or the TypeScript bootstrap beside this file. */
export function workerEntry(): string {
  if (configuredEntry) return configuredEntry;
  if (process.env.GREENLIGHT_WORKER_ENTRY) return process.env.GREENLIGHT_WORKER_ENTRY;
  const bootstrap = path.join(__dirname, 'worker-bootstrap.cjs');
  if (fs.existsSync(bootstrap)) return bootstrap;
  return path.join(__dirname, 'worker.js');
}

export interface PoolOptions {
  /** Number of workers (default min(2, available cores)). */
  size?: number;
  entry?: string;
  /** Heap limit per worker in MB (default 1024): a runaway fit fails its job instead of the app. */
  maxOldGenerationSizeMb?: number;
}

export interface RunOptions {
  signal?: AbortSignal;
  /** Called as each task finishes, in completion order. */
  onResult?: (index: number, result: WorkerResult) => void;
  /** Progress inside one long task (boosting rounds, trees). */
  onTaskProgress?: (index: number, done: number, total: number) => void;
}

type SlotEvent = FromWorker | { type: 'died'; message: string };

interface Slot {
  worker: Worker;
  datasets: Set<string>;
  onEvent: ((event: SlotEvent) => void) | null;
  retired: boolean;
}

export class WorkerPool {
  readonly size: number;
  private readonly entry: string;
  private readonly heapMb: number;
  private slots: Slot[] = [];
  private tail: Promise<void> = Promise.resolve();
  private messageId = 0;
  /** Workers started over the pool's life (replacements included): lets tests see a crashed worker replaced. */
  started = 0;

  constructor(options: PoolOptions = {}) {
    this.size = Math.max(1, options.size ?? Math.min(2, os.availableParallelism()));
    this.entry = options.entry ?? workerEntry();
    this.heapMb = options.maxOldGenerationSizeMb ?? 1024;
  }

  /**
   * Runs tasks over the pool and resolves with their results in task order. Rejects with
   * JobCancelledError when `signal` aborts, or with the first task's failure.
   */
  async run(dataset: SharedDataset | null, tasks: WorkerTask[], options: RunOptions = {}): Promise<WorkerResult[]> {
    const previous = this.tail;
    let release!: () => void;
    this.tail = new Promise((resolve) => (release = resolve));
    try {
      await previous;
      if (options.signal?.aborted) throw new JobCancelledError();
      return await this.runNow(dataset, tasks, options);
    } finally {
      release();
    }
  }

  /** Terminates every worker (the CLI calls this before exiting; tests after each file). */
  async close(): Promise<void> {
    const slots = this.slots;
    this.slots = [];
    await Promise.all(slots.map((s) => this.retire(s)));
  }

  private runNow(dataset: SharedDataset | null, tasks: WorkerTask[], options: RunOptions): Promise<WorkerResult[]> {
    return new Promise((resolve, reject) => {
      const results: WorkerResult[] = new Array(tasks.length);
      const active = new Map<Slot, number>();
      let next = 0;
      let finished = 0;
      let settled = false;

      const finish = (error?: Error) => {
        if (settled) return;
        settled = true;
        options.signal?.removeEventListener('abort', onAbort);
        for (const slot of [...this.slots]) {
          slot.onEvent = null;
          if (active.has(slot))
            this.replace(slot); // stop work nobody waits for any more
          else slot.worker.unref();
        }
        if (dataset) {
          for (const slot of this.slots) {
            if (slot.datasets.delete(dataset.id)) this.post(slot, { type: 'forget', datasetId: dataset.id });
          }
        }
        if (error) reject(error);
        else resolve(results);
      };
      const onAbort = () => finish(new JobCancelledError());
      options.signal?.addEventListener('abort', onAbort, { once: true });

      const dispatch = (slot: Slot) => {
        if (settled) return;
        if (next >= tasks.length) {
          active.delete(slot);
          slot.onEvent = null;
          slot.worker.unref();
          if (finished === tasks.length) finish();
          return;
        }
        const index = next++;
        const id = ++this.messageId;
        active.set(slot, index);
        slot.onEvent = (event) => {
          if (event.type === 'progress' && event.id === id) {
            options.onTaskProgress?.(index, event.done, event.total);
          } else if (event.type === 'done' && event.id === id) {
            results[index] = event.result;
            finished++;
            options.onResult?.(index, event.result);
            dispatch(slot);
          } else if (event.type === 'failed' && event.id === id) {
            finish(new Error(`Training task ${index + 1} of ${tasks.length} failed: ${event.message}`));
          } else if (event.type === 'died') {
            active.delete(slot);
            finish(new Error(event.message));
          }
        };
        if (dataset && !slot.datasets.has(dataset.id)) {
          this.post(slot, { type: 'dataset', dataset });
          slot.datasets.add(dataset.id);
        }
        slot.worker.ref();
        this.post(slot, { type: 'run', id, datasetId: dataset?.id ?? null, task: tasks[index] });
      };

      if (tasks.length === 0) return finish();
      for (const slot of this.ensureSlots().slice(0, tasks.length)) dispatch(slot);
    });
  }

  private post(slot: Slot, message: ToWorker): void {
    slot.worker.postMessage(message);
  }

  private ensureSlots(): Slot[] {
    while (this.slots.length < this.size) this.slots.push(this.spawn());
    return [...this.slots];
  }

  private spawn(): Slot {
    const worker = new Worker(this.entry, { resourceLimits: { maxOldGenerationSizeMb: this.heapMb } });
    this.started++;
    worker.unref();
    const slot: Slot = { worker, datasets: new Set(), onEvent: null, retired: false };
    let reported = false;
    const died = (message: string) => {
      if (reported || slot.retired) return;
      reported = true;
      const handler = slot.onEvent;
      this.replace(slot);
      handler?.({ type: 'died', message });
    };
    worker.on('message', (message: FromWorker) => slot.onEvent?.(message));
    worker.on('error', (err: Error & { code?: string }) => {
      died(
        err.code === 'ERR_WORKER_OUT_OF_MEMORY'
          ? `The training worker ran out of memory (limit ${this.heapMb} MB). Try fewer trees, a smaller depth or fewer candidates.`
          : `The training worker crashed: ${err.message}`,
      );
    });
    worker.on('exit', (code) => died(`The training worker stopped unexpectedly (exit code ${code}).`));
    return slot;
  }

  /** Retires a slot's worker and puts a fresh one in its place (started lazily on the next run). */
  private replace(slot: Slot): void {
    const i = this.slots.indexOf(slot);
    if (i >= 0) this.slots.splice(i, 1);
    void this.retire(slot);
  }

  private async retire(slot: Slot): Promise<void> {
    if (slot.retired) return;
    slot.retired = true;
    slot.onEvent = null;
    await slot.worker.terminate();
  }
}

let sharedPool: WorkerPool | null = null;

/** The process-wide training pool, started on first use. */
export function getTrainingPool(): WorkerPool {
  sharedPool ??= new WorkerPool();
  return sharedPool;
}

/** Stops the shared pool's workers (CLI exit, app quit, test teardown). */
export async function shutdownTrainingPool(): Promise<void> {
  const pool = sharedPool;
  sharedPool = null;
  await pool?.close();
}

/**
 * Worker threads for batch scoring: each opens the database read-only and scores the batches it is sent, so
 * forecasting 100,000 rows uses every core while the main thread reads and writes the CSV. Results come back
 * per batch; callers await them in the order they were sent, so the output keeps the input's row order.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { FromScoreWorker, ToScoreWorker } from './score-worker';
import type { RowResult } from './score-rows';

export class ScorePool {
  private readonly workers: Worker[] = [];
  private readonly waiting = new Map<number, { resolve: (r: RowResult[]) => void; reject: (e: Error) => void }>();
  private nextId = 1;
  private nextWorker = 0;
  private failure: Error | null = null;

  private constructor() {}

  get size(): number {
    return this.workers.length;
  }

  /**
   * Starts `size` workers on `databasePath` and checks they forecast with `expectedModelIds` (the main thread's
   * active models), so every row is scored by the same models.
   */
  static async start(databasePath: string, size: number, expectedModelIds: number[]): Promise<ScorePool> {
    const pool = new ScorePool();
    const entry = scoreWorkerEntry();
    try {
      await Promise.all(
        Array.from({ length: size }, async () => {
          const worker = new Worker(entry, { resourceLimits: { maxOldGenerationSizeMb: 1024 } });
          pool.workers.push(worker);
          await pool.init(worker, databasePath, expectedModelIds);
        }),
      );
    } catch (err) {
      await pool.close();
      throw err;
    }
    return pool;
  }

  private init(worker: Worker, databasePath: string, expected: number[]): Promise<void> {
    return new Promise((resolve, reject) => {
      const onFirst = (message: FromScoreWorker) => {
        worker.off('error', onError);
        if (message.type === 'ready' && message.modelIds.join(',') === expected.join(',')) {
          worker.on('message', (m: FromScoreWorker) => this.onMessage(m));
          worker.on('error', (err) => this.fail(err));
          worker.on('exit', (code) => {
            if (code !== 0) this.fail(new Error(`a scoring worker stopped (exit code ${code})`));
          });
          resolve();
        } else {
          reject(new Error(message.type === 'error' ? message.message : 'a scoring worker uses other models'));
        }
      };
      const onError = (err: Error) => reject(err);
      worker.once('message', onFirst);
      worker.once('error', onError);
      worker.postMessage({ type: 'init', databasePath } satisfies ToScoreWorker);
    });
  }

  /** Scores one batch on the next worker (round robin). */
  score(inputs: unknown[], level: number): Promise<RowResult[]> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.nextId++;
    const worker = this.workers[this.nextWorker++ % this.workers.length];
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      worker.postMessage({ type: 'score', id, inputs, level } satisfies ToScoreWorker);
    });
  }

  private onMessage(message: FromScoreWorker): void {
    if (message.type === 'scored') {
      this.waiting.get(message.id)?.resolve(message.results);
      this.waiting.delete(message.id);
    } else if (message.type === 'error') {
      const error = new Error(`scoring failed: ${message.message}`);
      if (message.id === null) return this.fail(error);
      this.waiting.get(message.id)?.reject(error);
      this.waiting.delete(message.id);
    }
  }

  private fail(err: Error): void {
    this.failure ??= err;
    for (const { reject } of this.waiting.values()) reject(err);
    this.waiting.clear();
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
    this.workers.length = 0;
  }
}

/** The worker entry: the TypeScript bootstrap beside this file when running from source, else the built file. */
export function scoreWorkerEntry(): string {
  const bootstrap = path.join(__dirname, 'score-worker-bootstrap.cjs');
  return fs.existsSync(bootstrap) ? bootstrap : path.join(__dirname, 'score-worker.js');
}

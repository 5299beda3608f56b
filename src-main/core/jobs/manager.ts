import { randomUUID } from 'node:crypto';
import type { CoreContext } from '../context';
import { emitEvent } from '../context';
import type { JobProgress, JobStatus } from '../../shared/film';

/** What a job body receives: a throttled progress reporter and a signal that aborts on cancel. */
export interface JobControl {
  job: string;
  report(progress: Omit<JobProgress, 'job'>): void;
  signal: AbortSignal;
}

/** Thrown (or rejected with) when a job was cancelled; the job ends 'cancelled', not 'failed'. */
export class JobCancelledError extends Error {
  constructor() {
    super('Cancelled');
    this.name = 'JobCancelledError';
  }
}

/** Throttles progress to at most one event per `intervalMs`, always letting the last step (current === total) through. */
export function throttleProgress<T extends { current: number; total: number; step: string }>(
  send: (p: T) => void,
  intervalMs = 100,
  now: () => number = Date.now,
): (p: T) => void {
  let last = -Infinity;
  let lastStep = '';
  return (p) => {
    const t = now();
    const finished = p.current >= p.total;
    if (finished || p.step !== lastStep || t - last >= intervalMs) {
      last = t;
      lastStep = p.step;
      send(p);
    }
  };
}

/**
 * Runs long work (imports, training, reports) as jobs with ids, progress events and cancel. The job body
 * may run here or hand the work to a worker thread; either way the UI hears `job.progress` and
 * `job.finished` events through the context. Finished jobs are kept (the last 50) so a client can fetch results.
 */
export class JobManager {
  private readonly jobs = new Map<string, { status: JobStatus; abort: AbortController }>();

  constructor(private readonly ctx: CoreContext) {}

  start<R>(kind: string, body: (control: JobControl) => Promise<R>): string {
    const job = randomUUID();
    const abort = new AbortController();
    const status: JobStatus = { job, kind, state: 'running', startedAt: new Date().toISOString() };
    this.jobs.set(job, { status, abort });
    const report = throttleProgress<Omit<JobProgress, 'job'>>((p) => {
      status.progress = { ...p, job };
      emitEvent(this.ctx, { type: 'job.progress', progress: status.progress });
    });
    void (async () => {
      try {
        status.result = await body({ job, report, signal: abort.signal });
        status.state = abort.signal.aborted ? 'cancelled' : 'done';
      } catch (err) {
        status.state = abort.signal.aborted || err instanceof JobCancelledError ? 'cancelled' : 'failed';
        status.error = status.state === 'cancelled' ? 'Cancelled' : ((err as Error)?.message ?? String(err));
      } finally {
        status.finishedAt = new Date().toISOString();
        emitEvent(this.ctx, { type: 'job.finished', status: { ...status } });
        this.prune();
      }
    })();
    return job;
  }

  get(job: string): JobStatus | undefined {
    const entry = this.jobs.get(job);
    return entry ? { ...entry.status } : undefined;
  }

  list(): JobStatus[] {
    return [...this.jobs.values()].map((j) => ({ ...j.status }));
  }

  /** Asks a running job to stop; returns false when there is no such running job. */
  cancel(job: string): boolean {
    const entry = this.jobs.get(job);
    if (!entry || entry.status.state !== 'running') return false;
    entry.abort.abort();
    return true;
  }

  /** Resolves with the job's final status (for the CLI and tests). */
  wait(job: string): Promise<JobStatus> {
    return new Promise((resolve, reject) => {
      const current = this.get(job);
      if (!current) return reject(new Error(`No job ${job}`));
      if (current.state !== 'running') return resolve(current);
      const onEvent = (e: { type: string; status?: JobStatus }) => {
        if (e.type === 'job.finished' && e.status?.job === job) {
          this.ctx.events.off('event', onEvent);
          resolve(e.status);
        }
      };
      this.ctx.events.on('event', onEvent);
    });
  }

  private prune(): void {
    const finished = [...this.jobs.values()].filter((j) => j.status.state !== 'running');
    for (const j of finished.slice(0, Math.max(0, finished.length - 50))) this.jobs.delete(j.status.job);
  }
}

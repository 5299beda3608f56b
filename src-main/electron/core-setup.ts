/**
 * Core set-up that differs in the desktop build: the training worker's bundled entry, and the first-run work
 * (the embedded films into an empty database) run as a job so the window shows its progress.
 */
import workerEntryPath from '../core/jobs/worker?modulePath';
import { emitEvent, type CoreContext } from '../core/context';
import { ensureDefaultData } from '../core/ingest/import';
import { setWorkerEntry } from '../core/jobs/pool';

/** The built app runs bundled JavaScript, not TypeScript: point the worker pool at worker.ts's own chunk. */
export function configureWorkerEntry(): void {
  setWorkerEntry(workerEntryPath);
}

/** First run: loads the embedded TMDB films when the database has none; progress arrives as job events. */
export async function prepareCore(ctx: CoreContext): Promise<void> {
  const job = ctx.jobs.start('data.defaults', async (control) => {
    const summaries = await ensureDefaultData(ctx.db, (p) => control.report(p));
    if (summaries) emitEvent(ctx, { type: 'data.changed', what: 'films' });
    return summaries;
  });
  const status = await ctx.jobs.wait(job);
  if (status.state === 'failed') throw new Error(`Loading the embedded films failed: ${status.error}`);
}

/**
 * Core set-up that differs in the desktop build: the training worker's bundled entry, and the first-run work
 * (the embedded films into an empty database) run as a job so the window shows its progress.
 */
import workerEntryPath from '../core/jobs/worker?modulePath';
import { emitEvent, type CoreContext } from '../core/context';
import { ensureDefaultData } from '../core/ingest/import';
import { setWorkerEntry } from '../core/jobs/pool';
import { ensureDefaultModels } from '../core/models/defaults';

/** The built app runs bundled JavaScript, not TypeScript: point the worker pool at worker.ts's own chunk. */
export function configureWorkerEntry(): void {
  setWorkerEntry(workerEntryPath);
}

/**
 * First run: loads the embedded TMDB films when the database has none (progress arrives as job events), then
 * installs the shipped models when it has no model at all, so a new user can forecast at once.
 */
export async function prepareCore(ctx: CoreContext): Promise<void> {
  const job = ctx.jobs.start('data.defaults', async (control) => {
    const summaries = await ensureDefaultData(ctx.db, (p) => control.report(p));
    if (summaries) emitEvent(ctx, { type: 'data.changed', what: 'films' });
    return summaries;
  });
  const status = await ctx.jobs.wait(job);
  if (status.state === 'failed') throw new Error(`Loading the embedded films failed: ${status.error}`);
  try {
    const installed = ensureDefaultModels(ctx.db);
    if (Object.keys(installed).length > 0) emitEvent(ctx, { type: 'data.changed', what: 'models' });
  } catch (err) {
    // The app still opens: the Models view can train one, and forecasts say that no model is active.
    console.warn(`The shipped models could not be installed: ${(err as Error).message}`);
  }
}

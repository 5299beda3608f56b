/**
 * First-run work the desktop app does once the window is up: load the embedded films into an empty database and
 * install the shipped models, as jobs, so the renderer sees progress events while it happens.
 */
import type { CoreContext } from '../core/context';

export async function prepareCore(ctx: CoreContext): Promise<void> {
  void ctx; // wired to ensureDefaultData / ensureDefaultModels once the import and training modules land
}

import type { JobProgress } from '../shared/film';

/**
 * A one-line progress bar on stderr when it is a terminal; silent otherwise (pipes, --json, CI logs).
 * Accepts `{ step, current, total }` events as often as they come and redraws at most 10 times a second.
 */
export function createProgressBar(stream: NodeJS.WriteStream = process.stderr, enabled = Boolean(stream.isTTY)) {
  let last = 0;
  let drawn = false;
  return {
    update(p: Pick<JobProgress, 'step' | 'current' | 'total'> & Partial<JobProgress>): void {
      if (!enabled) return;
      const now = Date.now();
      if (now - last < 100 && p.current < p.total) return;
      last = now;
      const width = 30;
      const ratio = p.total > 0 ? Math.min(1, p.current / p.total) : 0;
      const filled = Math.round(ratio * width);
      const eta = p.etaSeconds !== undefined ? ` ~${Math.ceil(p.etaSeconds)}s left` : '';
      const detail = p.detail ? ` ${p.detail}` : '';
      stream.write(
        `\r${p.step.padEnd(12).slice(0, 12)} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ` +
          `${p.current}/${p.total}${detail}${eta}\u001b[K`,
      );
      drawn = true;
    },
    done(): void {
      if (enabled && drawn) stream.write('\n');
      drawn = false;
    },
  };
}

/**
 * Long work (imports, training, reports) as jobs: start one, watch its progress, cancel it, wait for its
 * result. Progress arrives as `job.progress` / `job.finished` events; `jobs.get` is polled as a fallback in
 * case an event is lost (a dropped SSE connection, a reload).
 */
import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { JobStatus } from '../../../src-main/shared/film';
import { useClient, type ClientChannel, type InputOf } from '../api/client';

/** How often to ask `jobs.get` when no event has arrived. */
export const JOB_POLL_MS = 1000;

export const useJobsStore = defineStore('jobs', () => {
  const byId = ref<Record<string, JobStatus>>({});
  const waiters = new Map<string, ((status: JobStatus) => void)[]>();

  function isFinished(status: JobStatus | undefined): boolean {
    return !!status && status.state !== 'running';
  }

  /** Records a status (from an event or a poll) and wakes whoever waits for it to finish. */
  function update(status: JobStatus): void {
    const previous = byId.value[status.job];
    // A late progress event must not turn a finished job back into a running one.
    if (isFinished(previous) && !isFinished(status)) return;
    byId.value = { ...byId.value, [status.job]: { ...previous, ...status } };
    if (isFinished(status)) {
      for (const wake of waiters.get(status.job) ?? []) wake(byId.value[status.job]);
      waiters.delete(status.job);
    }
  }

  function onProgress(progress: NonNullable<JobStatus['progress']>): void {
    const previous = byId.value[progress.job];
    if (!previous || isFinished(previous)) return;
    byId.value = { ...byId.value, [progress.job]: { ...previous, progress } };
  }

  /** Starts a job channel and returns its id. */
  async function start<K extends ClientChannel>(channel: K, input: InputOf<K>, kind = channel): Promise<string> {
    const answer = (await useClient().call(channel, input)) as unknown as { job: string };
    if (!byId.value[answer.job]) {
      update({ job: answer.job, kind, state: 'running', startedAt: new Date().toISOString() });
    }
    return answer.job;
  }

  /** Resolves with the job's final status, whether events arrive or not. */
  function wait(job: string, pollMs = JOB_POLL_MS): Promise<JobStatus> {
    const known = byId.value[job];
    if (isFinished(known)) return Promise.resolve(known);
    return new Promise((resolve) => {
      const timer = setInterval(async () => {
        try {
          const status = await useClient().call('jobs.get', { job });
          if (status) update(status as JobStatus);
        } catch {
          // The host may be busy; the next poll or an event will tell.
        }
      }, pollMs);
      const list = waiters.get(job) ?? [];
      list.push((status) => {
        clearInterval(timer);
        resolve(status);
      });
      waiters.set(job, list);
    });
  }

  async function cancel(job: string): Promise<boolean> {
    const { cancelled } = await useClient().call('jobs.cancel', { job });
    return cancelled;
  }

  function get(job: string | null | undefined): JobStatus | undefined {
    return job ? byId.value[job] : undefined;
  }

  return { byId, update, onProgress, start, wait, cancel, get };
});

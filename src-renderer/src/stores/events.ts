/**
 * Events pushed by main: job progress goes to the jobs store; `data.changed` bumps a counter per domain
 * that views watch to refresh (films after an import, models after training, scenarios after edits).
 */
import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { AppEvent } from '../../../src-main/shared/contract';
import { useClient } from '../api/client';
import { useJobsStore } from './jobs';

export const useEventsStore = defineStore('events', () => {
  const changed = ref({ films: 0, models: 0, scenarios: 0 });
  let unsubscribe: (() => void) | null = null;

  function handle(event: AppEvent): void {
    const jobs = useJobsStore();
    if (event.type === 'job.progress') jobs.onProgress(event.progress);
    else if (event.type === 'job.finished') jobs.update(event.status);
    else if (event.type === 'data.changed')
      changed.value = { ...changed.value, [event.what]: changed.value[event.what] + 1 };
  }

  /** Subscribes once to the host's events. */
  function connect(): void {
    if (!unsubscribe) unsubscribe = useClient().onEvent(handle);
  }

  function disconnect(): void {
    unsubscribe?.();
    unsubscribe = null;
  }

  /** Marks a domain changed from the renderer's side (after a call known to change it). */
  function touch(what: keyof typeof changed.value): void {
    changed.value = { ...changed.value, [what]: changed.value[what] + 1 };
  }

  return { changed, handle, connect, disconnect, touch };
});

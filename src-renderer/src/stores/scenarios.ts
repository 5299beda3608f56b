/** Saved scenarios: the list, edits (rename, duplicate, annotate, delete) and side-by-side comparison. */
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { Forecast, ScenarioRecord } from '../../../src-main/shared/forecast';
import { errorMessage, useClient, type OutputOf } from '../api/client';
import { useEventsStore } from './events';

export type Comparison = OutputOf<'scenarios.compare'>;

export const useScenariosStore = defineStore('scenarios', () => {
  const list = ref<ScenarioRecord[]>([]);
  const loaded = ref(false);
  const loading = ref(false);
  const error = ref<string | null>(null);
  const selected = ref<number[]>([]);
  const comparison = ref<Comparison | null>(null);
  const comparing = ref(false);
  const available = computed(() => useClient().has('scenarios.list'));
  /** What the active models say now of each stale scenario (scenarios.get's fresh forecast), by id. */
  const fresh = ref<Record<number, Forecast | null>>({});
  const staleCount = computed(() => list.value.filter((s) => s.stale).length);

  /** Asks for the fresh forecasts of the stale scenarios; a failure leaves the stored figures alone. */
  async function loadFresh(): Promise<void> {
    const client = useClient();
    if (!client.has('scenarios.get')) return;
    const stale = list.value.filter((s) => s.stale);
    const answers = await Promise.all(
      stale.map((s) =>
        client
          .call('scenarios.get', { id: s.id })
          .then((view) => [s.id, view?.fresh ?? null] as const)
          .catch(() => [s.id, null] as const),
      ),
    );
    fresh.value = Object.fromEntries(answers);
  }

  async function load(): Promise<void> {
    if (!available.value) return;
    loading.value = true;
    try {
      list.value = (await useClient().call('scenarios.list', {})) as ScenarioRecord[];
      selected.value = selected.value.filter((id) => list.value.some((s) => s.id === id));
      error.value = null;
      loaded.value = true;
      void loadFresh();
    } catch (err) {
      error.value = errorMessage(err);
    } finally {
      loading.value = false;
    }
  }

  /** Runs one edit, then reloads the list; the error (if any) is shown above the list. */
  async function edit(action: () => Promise<unknown>): Promise<boolean> {
    try {
      await action();
      useEventsStore().touch('scenarios');
      await load();
      return true;
    } catch (err) {
      error.value = errorMessage(err);
      return false;
    }
  }

  const client = () => useClient();
  const rename = (id: number, name: string) => edit(() => client().call('scenarios.rename', { id, name }));
  const annotate = (id: number, note: string) =>
    edit(() => client().call('scenarios.annotate', { id, note: note.trim() ? note : null }));
  const duplicate = (id: number) => edit(() => client().call('scenarios.duplicate', { id }));
  const refresh = (id: number) => edit(() => client().call('scenarios.refresh', { id }));
  /** Re-forecasts every stale scenario with the active models (one call each, then one reload). */
  const refreshStale = () =>
    edit(async () => {
      for (const s of list.value.filter((x) => x.stale)) await client().call('scenarios.refresh', { id: s.id });
    });
  async function remove(id: number): Promise<boolean> {
    selected.value = selected.value.filter((s) => s !== id);
    if (comparison.value?.scenarios.some((s) => s.id === id)) comparison.value = null;
    return edit(() => client().call('scenarios.delete', { id }));
  }

  function toggle(id: number, on: boolean): void {
    selected.value = on ? [...new Set([...selected.value, id])] : selected.value.filter((s) => s !== id);
  }

  async function compare(): Promise<void> {
    if (!selected.value.length) return;
    comparing.value = true;
    try {
      comparison.value = await client().call('scenarios.compare', { ids: [...selected.value] });
      error.value = null;
    } catch (err) {
      error.value = errorMessage(err);
    } finally {
      comparing.value = false;
    }
  }

  return {
    list,
    loaded,
    loading,
    error,
    selected,
    comparison,
    comparing,
    available,
    fresh,
    staleCount,
    load,
    refreshStale,
    rename,
    annotate,
    duplicate,
    refresh,
    remove,
    toggle,
    compare,
  };
});

/**
 * Models: the train form's options, training as a job (progress, cancel, result), the versions with
 * activate / roll back / archive / compare, and the chosen version's CV table and diagnostics.
 */
import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { ModelVersionSummary } from '../../../src-main/core/models/types';
import type {
  ModelDetail,
  ModelDiagnostics,
  ModelOptions,
  TrainInput,
  VersionComparison,
} from '../../../src-main/shared/contract/models';
import { errorMessage, useClient } from '../api/client';
import { useJobsStore } from './jobs';
import { useEventsStore } from './events';

export interface TrainOutcome {
  model: number;
  rows: number;
  candidates: number;
  seconds: number;
  cv: Record<string, number>;
  activated: boolean;
}

export const useModelsStore = defineStore('models', () => {
  const options = ref<ModelOptions | null>(null);
  const versions = ref<ModelVersionSummary[]>([]);
  const loaded = ref(false);
  const error = ref<string | null>(null);
  const job = ref<string | null>(null);
  const training = ref(false);
  const outcome = ref<TrainOutcome | null>(null);
  const trainError = ref<string | null>(null);
  const chosen = ref<number | null>(null);
  const detail = ref<ModelDetail | null>(null);
  const diagnostics = ref<ModelDiagnostics | null>(null);
  const comparison = ref<VersionComparison | null>(null);
  const picked = ref<number[]>([]);
  /** Archived versions are hidden unless asked for (they can still be activated: a roll back). */
  const showArchived = ref(false);

  const client = () => useClient();
  const available = () => client().has('models.list');

  async function load(): Promise<void> {
    if (!available()) return;
    try {
      if (!options.value) options.value = await client().call('models.options', {});
      versions.value = await client().call('models.list', showArchived.value ? { includeArchived: true } : {});
      loaded.value = true;
      error.value = null;
    } catch (err) {
      error.value = errorMessage(err);
    }
  }

  async function train(input: TrainInput): Promise<void> {
    training.value = true;
    outcome.value = null;
    trainError.value = null;
    try {
      const jobs = useJobsStore();
      job.value = await jobs.start('models.train', input);
      const status = await jobs.wait(job.value);
      if (status.state === 'done') {
        outcome.value = status.result as TrainOutcome;
        useEventsStore().touch('models');
        await load();
        await choose(outcome.value.model);
      } else {
        trainError.value =
          status.state === 'cancelled'
            ? 'Training was cancelled; no version was saved.'
            : (status.error ?? 'Training failed.');
      }
    } catch (err) {
      trainError.value = errorMessage(err);
    } finally {
      training.value = false;
    }
  }

  async function cancel(): Promise<void> {
    if (job.value) await useJobsStore().cancel(job.value);
  }

  async function choose(id: number): Promise<void> {
    chosen.value = id;
    detail.value = null;
    diagnostics.value = null;
    try {
      const [d, diag] = await Promise.all([
        client().call('models.get', { id }),
        client().call('models.diagnostics', { id }),
      ]);
      if (chosen.value !== id) return;
      detail.value = d;
      diagnostics.value = diag;
    } catch (err) {
      error.value = errorMessage(err);
    }
  }

  async function act(action: () => Promise<unknown>): Promise<void> {
    try {
      await action();
      useEventsStore().touch('models');
      await load();
    } catch (err) {
      error.value = errorMessage(err);
    }
  }
  const activate = (id: number) => act(() => client().call('models.activate', { id }));
  const archive = (id: number) => act(() => client().call('models.archive', { id }));

  function togglePick(id: number, on: boolean): void {
    picked.value = on ? [...new Set([...picked.value, id])] : picked.value.filter((p) => p !== id);
  }

  async function compare(): Promise<void> {
    try {
      comparison.value = await client().call('models.compare', { ids: [...picked.value] });
    } catch (err) {
      error.value = errorMessage(err);
    }
  }

  return {
    options,
    versions,
    loaded,
    error,
    job,
    training,
    outcome,
    trainError,
    chosen,
    detail,
    diagnostics,
    comparison,
    picked,
    showArchived,
    available,
    load,
    train,
    cancel,
    choose,
    activate,
    archive,
    togglePick,
    compare,
  };
});

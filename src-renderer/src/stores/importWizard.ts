/**
 * The import wizard: choose a file -> preview (detected kind, mapping, first rows) -> import as a job with
 * progress -> summary. Kept in a store so leaving the Data view does not lose an import in progress.
 */
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { FilePreview, ImportKind, ImportSummary } from '../../../src-main/shared/contract/data';
import { errorMessage, useClient } from '../api/client';
import { fileToBase64 } from '../composables/files';
import { useJobsStore } from './jobs';
import { useEventsStore } from './events';

/** The preview needs only the start of the file. */
export const PREVIEW_BYTES = 1024 * 1024;

export type WizardStep = 'choose' | 'preview' | 'importing' | 'done';

export const useImportWizardStore = defineStore('importWizard', () => {
  const step = ref<WizardStep>('choose');
  const file = ref<File | null>(null);
  const preview = ref<FilePreview | null>(null);
  const kind = ref<ImportKind | null>(null);
  const mapping = ref<Record<string, string>>({});
  const job = ref<string | null>(null);
  const summary = ref<ImportSummary | null>(null);
  const error = ref<string | null>(null);
  const busy = ref(false);
  const available = computed(() => useClient().has('data.preview') && useClient().has('data.import'));

  function reset(): void {
    step.value = 'choose';
    file.value = null;
    preview.value = null;
    kind.value = null;
    mapping.value = {};
    job.value = null;
    summary.value = null;
    error.value = null;
  }

  /** Reads the start of the file and asks main how it would be read. */
  async function choose(chosen: File): Promise<void> {
    reset();
    file.value = chosen;
    await refreshPreview();
  }

  async function refreshPreview(): Promise<void> {
    if (!file.value) return;
    busy.value = true;
    try {
      const content = await fileToBase64(file.value, PREVIEW_BYTES);
      const answer = await useClient().call('data.preview', {
        fileName: file.value.name,
        content,
        ...(kind.value ? { kind: kind.value } : {}),
        ...(kind.value === 'mapped' && Object.keys(mapping.value).length ? { mapping: mapping.value } : {}),
      });
      preview.value = answer;
      kind.value = answer.kind;
      mapping.value = { ...(answer.mapping ?? answer.suggestedMapping) };
      error.value = null;
      step.value = 'preview';
    } catch (err) {
      error.value = errorMessage(err);
    } finally {
      busy.value = false;
    }
  }

  async function start(): Promise<void> {
    if (!file.value) return;
    busy.value = true;
    error.value = null;
    try {
      const content = await fileToBase64(file.value);
      const jobs = useJobsStore();
      job.value = await jobs.start('data.import', {
        fileName: file.value.name,
        content,
        ...(kind.value ? { kind: kind.value } : {}),
        ...(kind.value === 'mapped' ? { mapping: mapping.value } : {}),
      });
      step.value = 'importing';
      const status = await jobs.wait(job.value);
      if (status.state === 'done') {
        summary.value = status.result as ImportSummary;
        step.value = 'done';
        useEventsStore().touch('films');
      } else {
        error.value =
          status.state === 'cancelled'
            ? 'The import was cancelled; nothing was loaded.'
            : (status.error ?? 'The import failed.');
        step.value = 'preview';
      }
    } catch (err) {
      error.value = errorMessage(err);
    } finally {
      busy.value = false;
    }
  }

  async function cancel(): Promise<void> {
    if (job.value) await useJobsStore().cancel(job.value);
  }

  return {
    step,
    file,
    preview,
    kind,
    mapping,
    job,
    summary,
    error,
    busy,
    available,
    reset,
    choose,
    refreshPreview,
    start,
    cancel,
  };
});

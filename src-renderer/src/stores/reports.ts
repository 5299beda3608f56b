/**
 * Reports: choose saved scenarios, build the PDF as a job, hand it over as a download. The Forecast view
 * also exports its unsaved scenario (the `draft` export), with its own progress and result.
 */
import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { ReportExportResult } from '../../../src-main/shared/contract/reports';
import type { FilmInput } from '../../../src-main/shared/film';
import { errorMessage, type InputOf } from '../api/client';
import { downloadBase64 } from '../composables/files';
import { useJobsStore } from './jobs';

export const useReportsStore = defineStore('reports', () => {
  const chosen = ref<number[]>([]);
  const note = ref('');
  const job = ref<string | null>(null);
  const busy = ref(false);
  const result = ref<ReportExportResult | null>(null);
  const error = ref<string | null>(null);

  function toggle(id: number, on: boolean): void {
    chosen.value = on ? [...new Set([...chosen.value, id])] : chosen.value.filter((c) => c !== id);
  }

  /** Runs one reports.export job to its end and downloads the PDF; throws the job's error. */
  async function runExport(
    request: InputOf<'reports.export'>,
    onJob: (job: string) => void,
  ): Promise<ReportExportResult> {
    const jobs = useJobsStore();
    const id = await jobs.start('reports.export', request);
    onJob(id);
    const status = await jobs.wait(id);
    if (status.state !== 'done') throw new Error(status.error ?? 'The report could not be built.');
    const built = status.result as ReportExportResult;
    downloadBase64(built.pdfBase64, built.fileName, 'application/pdf');
    return built;
  }

  /** The Forecast view's export: the scenario as typed, not saved, forecast again in main with the active models. */
  const draft = ref<{
    job: string | null;
    busy: boolean;
    result: ReportExportResult | null;
    error: string | null;
    /** The input the export was made of (JSON), so the view can tell when the film has changed since. */
    input: string | null;
  }>({ job: null, busy: false, result: null, error: null, input: null });
  async function exportDraft(input: FilmInput): Promise<void> {
    draft.value = { job: null, busy: true, result: null, error: null, input: JSON.stringify(input) };
    try {
      const title = input.title?.trim();
      const built = await runExport({ input, ...(title ? { title } : {}) }, (id) => (draft.value.job = id));
      draft.value.result = built;
    } catch (err) {
      draft.value.error = errorMessage(err);
    } finally {
      draft.value.busy = false;
    }
  }

  async function exportPdf(): Promise<void> {
    if (!chosen.value.length) return;
    busy.value = true;
    error.value = null;
    result.value = null;
    try {
      result.value = await runExport(
        { scenarioIds: [...chosen.value], ...(note.value.trim() ? { note: note.value.trim() } : {}) },
        (id) => (job.value = id),
      );
    } catch (err) {
      error.value = errorMessage(err);
    } finally {
      busy.value = false;
    }
  }

  return { chosen, note, job, busy, result, error, draft, toggle, exportPdf, exportDraft };
});

/** Reports: choose saved scenarios, build the PDF as a job, hand it over as a download. */
import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { ReportExportResult } from '../../../src-main/shared/contract/reports';
import { errorMessage } from '../api/client';
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

  async function exportPdf(): Promise<void> {
    if (!chosen.value.length) return;
    busy.value = true;
    error.value = null;
    result.value = null;
    try {
      const jobs = useJobsStore();
      job.value = await jobs.start('reports.export', {
        scenarioIds: [...chosen.value],
        ...(note.value.trim() ? { note: note.value.trim() } : {}),
      });
      const status = await jobs.wait(job.value);
      if (status.state !== 'done') throw new Error(status.error ?? 'The report could not be built.');
      result.value = status.result as ReportExportResult;
      downloadBase64(result.value.pdfBase64, result.value.fileName, 'application/pdf');
    } catch (err) {
      error.value = errorMessage(err);
    } finally {
      busy.value = false;
    }
  }

  return { chosen, note, job, busy, result, error, toggle, exportPdf };
});

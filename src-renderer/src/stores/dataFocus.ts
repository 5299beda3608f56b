/**
 * Links between the Data view's cards: "see the 12 quarantined rows" in the import summary or the quality
 * report asks the quarantine browser to show a batch (or all batches) and scroll into view.
 */
import { defineStore } from 'pinia';
import { ref } from 'vue';

export const useDataFocusStore = defineStore('dataFocus', () => {
  /** The batch the quarantine browser should show; null for every batch. */
  const quarantineBatch = ref<number | null>(null);
  /** Bumped on each request, so asking twice for the same batch still scrolls. */
  const quarantineRequest = ref(0);

  function showQuarantine(batch: number | null): void {
    quarantineBatch.value = batch;
    quarantineRequest.value++;
  }

  return { quarantineBatch, quarantineRequest, showQuarantine };
});

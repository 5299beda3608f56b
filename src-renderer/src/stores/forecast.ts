/**
 * The Forecast view's state: the form, the live forecast (debounced, stale answers dropped) and saving it
 * as a scenario.
 */
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { Forecast } from '../../../src-main/shared/forecast';
import { errorMessage, useClient } from '../api/client';
import { debounce } from '../composables/debounce';
import { defaultForm, formToInput, type FilmForm } from './filmForm';
import { useEventsStore } from './events';

export const FORECAST_DEBOUNCE_MS = 300;

export const useForecastStore = defineStore('forecast', () => {
  const form = ref<FilmForm>(defaultForm());
  const result = ref<Forecast | null>(null);
  const loading = ref(false);
  const error = ref<string | null>(null);
  const saveMessage = ref<string | null>(null);
  let sequence = 0;

  const validation = computed(() => formToInput(form.value));
  const available = computed(() => useClient().has('forecast.run'));

  /** Asks for a forecast now; an answer to an older request is ignored. */
  async function predict(): Promise<void> {
    const { input } = validation.value;
    if (!input || !available.value) return;
    const mine = ++sequence;
    loading.value = true;
    try {
      const forecast = await useClient().call('forecast.run', { input });
      if (mine !== sequence) return;
      result.value = forecast as Forecast;
      error.value = null;
    } catch (err) {
      if (mine !== sequence) return;
      error.value = errorMessage(err);
    } finally {
      if (mine === sequence) loading.value = false;
    }
  }

  const schedule = debounce(() => void predict(), FORECAST_DEBOUNCE_MS);

  /** Called on every edit: results follow the typing, once it pauses. */
  function edited(): void {
    saveMessage.value = null;
    if (validation.value.input) schedule();
  }

  function reset(): void {
    form.value = defaultForm();
    edited();
  }

  async function saveAsScenario(name: string, note?: string): Promise<boolean> {
    const { input } = validation.value;
    if (!input) return false;
    try {
      const saved = await useClient().call('scenarios.save', { name, note: note ?? null, input });
      saveMessage.value = `Saved as scenario "${(saved as { name?: string })?.name ?? name}".`;
      useEventsStore().touch('scenarios');
      return true;
    } catch (err) {
      saveMessage.value = `Could not save: ${errorMessage(err)}`;
      return false;
    }
  }

  return { form, result, loading, error, saveMessage, validation, available, predict, edited, reset, saveAsScenario };
});

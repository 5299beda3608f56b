import { afterEach, describe, expect, it, vi } from 'vitest';
import { mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import ForecastView from '../../src-renderer/src/views/ForecastView.vue';
import { reportExportInput } from '../../src-main/shared/contract/reports';
import type { FilmInput } from '../../src-main/shared/film';
import { useEventsStore } from '../../src-renderer/src/stores/events';
import { installFakeHost, settle } from './fake-transport';
import { sampleForecast } from './fixtures';

const JOB = '3c0f7e1d-2b4a-4c5d-8e6f-7a8b9c0d1e2f';

function mountView() {
  const pinia = createPinia();
  setActivePinia(pinia);
  return mount(ForecastView, { global: { plugins: [pinia], stubs: { EChart: true } }, attachTo: document.body });
}

describe('Export PDF from the Forecast view', () => {
  afterEach(() => {
    vi.restoreAllMocks();
    document.body.innerHTML = '';
  });

  it('sends the unsaved scenario inline, shows progress, and downloads the PDF', async () => {
    const created = vi.spyOn(URL, 'createObjectURL').mockReturnValue('blob:pdf');
    vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => {});
    const host = installFakeHost({
      'forecast.run': ({ input }: { input: FilmInput }) => sampleForecast(input),
      'forecast.choices': () => ({ genres: ['Action', 'Drama'] }),
      'reports.export': () => ({ job: JOB }),
      'jobs.get': () => ({ job: JOB, kind: 'reports.export', state: 'running', startedAt: 'x' }),
    });
    const wrapper = mountView();
    useEventsStore().connect();
    await settle(20);
    await wrapper.get('[data-testid=field-title]').setValue('Quiet Harbour');
    await wrapper.get('[data-testid=forecast-export-pdf]').trigger('click');
    await settle();

    const sent = host.calls.find((c) => c.channel === 'reports.export')!.input as { input: FilmInput; title: string };
    expect(reportExportInput.safeParse(sent).success).toBe(true);
    expect(sent.title).toBe('Quiet Harbour');
    expect(sent.input.budget).toBeGreaterThan(0);
    expect('scenarioIds' in sent).toBe(false);
    expect(wrapper.get('[data-testid=forecast-export-pdf]').attributes('disabled')).toBeDefined();
    expect(wrapper.find('[data-testid=forecast-export] [data-testid=job-progress]').exists()).toBe(true);

    host.emit({
      type: 'job.finished',
      status: {
        job: JOB,
        kind: 'reports.export',
        state: 'done',
        result: { fileName: 'greenlight-quiet-harbour-2027-01-01.pdf', pdfBase64: btoa('%PDF-1.7'), pages: 6 },
        startedAt: 'x',
      },
    });
    await settle(10);
    expect(created).toHaveBeenCalledOnce();
    expect(wrapper.get('[data-testid=forecast-export-done]').text()).toContain(
      'greenlight-quiet-harbour-2027-01-01.pdf (6 pages)',
    );

    // Once the film changes, the PDF is no longer this forecast's: the message says so.
    await wrapper.get('[data-testid=field-title]').setValue('Loud Harbour');
    await settle(10);
    expect(wrapper.get('[data-testid=forecast-export-done]').text()).toBe(
      'greenlight-quiet-harbour-2027-01-01.pdf was made before the last change to the film: export again for this one.',
    );
  });

  it('says why in words when the report fails', async () => {
    installFakeHost({
      'forecast.run': ({ input }: { input: FilmInput }) => sampleForecast(input),
      'forecast.choices': () => ({ genres: ['Action'] }),
      'reports.export': () => {
        throw Object.assign(new Error('No active revenue model.'), { code: 'no_model' });
      },
    });
    const wrapper = mountView();
    await settle(20);
    await wrapper.get('[data-testid=forecast-export-pdf]').trigger('click');
    await settle();
    expect(wrapper.get('[data-testid=forecast-export] [data-testid=state-error]').text()).toBe(
      'No report: No active revenue model.',
    );
  });
});

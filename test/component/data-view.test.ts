import { afterEach, describe, expect, it } from 'vitest';
import { mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import ImportWizard from '../../src-renderer/src/views/data/ImportWizard.vue';
import QualityReport from '../../src-renderer/src/views/data/QualityReport.vue';
import type { FilePreview, ImportSummary } from '../../src-main/shared/contract/data';
import { useEventsStore } from '../../src-renderer/src/stores/events';
import { useDataFocusStore } from '../../src-renderer/src/stores/dataFocus';
import { installFakeHost, settle } from './fake-transport';

const JOB = '7b0c8f1e-2d4a-4b5c-9e6f-1a2b3c4d5e6f';

const preview: FilePreview = {
  fileName: 'studio.csv',
  kind: 'mapped',
  encoding: 'utf-8',
  delimiter: ',',
  header: ['Title', 'Production Budget'],
  suggestedMapping: { title: 'Title', budget: 'Production Budget' },
  mapping: { title: 'Title', budget: 'Production Budget' },
  mappableFields: ['title', 'budget', 'revenue'],
  rows: [
    { row: 1, line: 2, fields: ['A', '5'], values: { title: 'A', budget: 5e6 }, problems: [] },
    {
      row: 2,
      line: 3,
      fields: ['B', 'x'],
      values: null,
      problems: [{ field: 'Production Budget', reason: '"x" is not money' }],
    },
  ],
  error: null,
};
const summary: ImportSummary = {
  file: 'studio.csv',
  batch: 9,
  kind: 'mapped',
  rows: 2,
  loaded: 1,
  quarantined: 1,
  flagged: 0,
  seconds: 0.2,
  problems: [{ row: 2, line: 3, field: 'Production Budget', reason: '"x" is not money' }],
  encoding: 'utf-8',
  delimiter: ',',
  sha256: 'abc',
};

function mountWith(component: object) {
  const pinia = createPinia();
  setActivePinia(pinia);
  return mount(component, { global: { plugins: [pinia] }, attachTo: document.body });
}

describe('import wizard', () => {
  afterEach(() => (document.body.innerHTML = ''));

  it('previews the chosen file, imports it as a job and shows loaded / flagged / quarantined with reasons', async () => {
    const host = installFakeHost({
      'data.preview': () => preview,
      'data.import': () => ({ job: JOB }),
      'jobs.get': () => ({ job: JOB, kind: 'import', state: 'running', startedAt: 'x' }),
      'jobs.cancel': () => ({ cancelled: true }),
    });
    const wrapper = mountWith(ImportWizard);
    useEventsStore().connect();
    const input = wrapper.get('[data-testid=import-file]');
    const file = new File(['Title,Production Budget\nA,5\nB,x\n'], 'studio.csv', { type: 'text/csv' });
    Object.defineProperty(input.element, 'files', { value: [file] });
    await input.trigger('change');
    await settle(10);

    const sent = host.calls.find((c) => c.channel === 'data.preview')!.input as { fileName: string; content: string };
    expect(sent.fileName).toBe('studio.csv');
    expect(atob(sent.content)).toBe('Title,Production Budget\nA,5\nB,x\n');
    expect(wrapper.get('[data-testid=import-preview-rows]').text()).toContain('Production Budget: "x" is not money');
    expect((wrapper.get('[data-testid=map-budget]').element as HTMLSelectElement).value).toBe('Production Budget');

    await wrapper.get('[data-testid=import-start]').trigger('click');
    await settle(10);
    host.emit({ type: 'job.progress', progress: { job: JOB, step: 'Reading', current: 1, total: 2 } });
    await settle();
    expect(wrapper.get('[data-testid=job-state]').text()).toBe('Reading: 1 of 2');
    host.emit({
      type: 'job.finished',
      status: { job: JOB, kind: 'import', state: 'done', result: summary, startedAt: 'x' },
    });
    await settle(10);
    expect(wrapper.get('[data-testid=import-loaded]').text()).toBe('1');
    expect(wrapper.get('[data-testid=import-quarantined]').text()).toBe('1');
    expect(wrapper.get('[data-testid=import-problems]').text()).toContain('"x" is not money');
    expect(useEventsStore().changed.films).toBe(1);

    // The summary leads to the quarantined rows of this batch.
    const see = wrapper.get('[data-testid=import-see-quarantine]');
    expect(see.text()).toBe('See the 1 quarantined row of batch 9');
    await see.trigger('click');
    expect(useDataFocusStore().quarantineBatch).toBe(9);
  });

  it('names a file that cannot be imported and keeps the Import button off', async () => {
    installFakeHost({
      'data.preview': () => ({ ...preview, error: 'studio.csv has no Title column.' }),
      'data.import': () => ({}),
    });
    const wrapper = mountWith(ImportWizard);
    const input = wrapper.get('[data-testid=import-file]');
    Object.defineProperty(input.element, 'files', { value: [new File(['x'], 'studio.csv')] });
    await input.trigger('change');
    await settle(10);
    expect(wrapper.get('[data-testid=state-error]').text()).toContain('no Title column');
    expect(wrapper.get('[data-testid=import-start]').attributes('disabled')).toBeDefined();
  });
});

describe('quality report', () => {
  it('says what is missing when the build has no data.stats channel', async () => {
    installFakeHost({});
    const wrapper = mountWith(QualityReport);
    await settle();
    expect(wrapper.get('[data-testid=state-missing]').text()).toContain('data.stats');
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import { mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import QuarantineBrowser from '../../src-renderer/src/views/data/QuarantineBrowser.vue';
import QualityReport from '../../src-renderer/src/views/data/QualityReport.vue';
import type { DataStats, ImportBatch, QuarantinedRow } from '../../src-main/shared/contract/data';
import { useDataFocusStore } from '../../src-renderer/src/stores/dataFocus';
import { installFakeHost, settle } from './fake-transport';

const batch = (id: number, source: string, quarantined: number): ImportBatch => ({
  id,
  source,
  kind: 'mapped',
  sha256: 'x',
  mapping: null,
  encoding: 'utf-8',
  delimiter: ',',
  rowsRead: 40,
  rowsLoaded: 40 - quarantined,
  rowsQuarantined: quarantined,
  rowsFlagged: 0,
  startedAt: '2025-01-01T00:00:00Z',
  finishedAt: '2025-01-01T00:00:01Z',
  seconds: 1,
});

/** 30 bad rows in batch 2, 1 in batch 3; the handler pages and filters as main does. */
const all: QuarantinedRow[] = [
  ...Array.from({ length: 30 }, (_, i) => ({
    id: i + 1,
    batch: 2,
    source: 'studio.csv',
    row: i + 2,
    field: 'Production Budget',
    reason: `"x${i}" is not money`,
    raw: ['<b>Bold</b> title', 'x'.repeat(80)],
  })),
  { id: 31, batch: 3, source: 'other.csv', row: 7, field: null, reason: 'row has 3 fields, the header 5', raw: ['a'] },
];
function quarantine({ batch: b, limit, offset }: { batch?: number; limit: number; offset: number }) {
  const rows = all.filter((r) => b === undefined || r.batch === b);
  return { total: rows.length, rows: rows.slice(offset, offset + limit) };
}

function mountWith(component: object) {
  const pinia = createPinia();
  setActivePinia(pinia);
  return mount(component, { global: { plugins: [pinia] }, attachTo: document.body });
}

describe('quarantine browser', () => {
  afterEach(() => (document.body.innerHTML = ''));

  it('lists rows with batch, row, field and reason, pages through them and filters by batch', async () => {
    const host = installFakeHost({
      'data.quarantine': quarantine,
      'data.batches': () => [batch(3, 'other.csv', 1), batch(2, 'studio.csv', 30), batch(1, 'clean.csv', 0)],
    });
    const wrapper = mountWith(QuarantineBrowser);
    await settle();
    const rows = () => wrapper.findAll('[data-testid=quarantine-row]');
    expect(rows()).toHaveLength(25);
    expect(rows()[0].text()).toContain('studio.csv');
    expect(rows()[0].text()).toContain('"x0" is not money');
    expect(wrapper.find('[data-testid=quarantine-table] b').exists()).toBe(false);
    expect(rows()[0].text()).toContain('<b>Bold</b> title');
    expect(wrapper.get('[data-testid=quarantine-count]').text()).toMatch(/1–25 of\s+31/);

    await wrapper.get('[data-testid=quarantine-next]').trigger('click');
    await settle();
    expect(rows()).toHaveLength(6);
    expect(rows()[5].text()).toContain('row has 3 fields');

    // Only batches that quarantined rows are offered.
    const options = wrapper.findAll('[data-testid=quarantine-batch] option').map((o) => o.text());
    expect(options).toEqual(['All batches', '#3 other.csv (1 row)', '#2 studio.csv (30 rows)']);
    await wrapper.get('[data-testid=quarantine-batch]').setValue('3');
    await settle();
    expect(rows()).toHaveLength(1);
    expect(host.calls.at(-1)).toEqual({ channel: 'data.quarantine', input: { batch: 3, limit: 25, offset: 0 } });
  });

  it('opens on a batch when the import summary or the quality report asks', async () => {
    installFakeHost({
      'data.quarantine': quarantine,
      'data.batches': () => [batch(3, 'other.csv', 1), batch(2, 'studio.csv', 30)],
      'data.stats': (): DataStats => ({
        films: 10,
        withBudget: 9,
        withRevenue: 8,
        withBoth: 8,
        flagged: 0,
        flags: [],
        quarantined: 31,
        quarantineReasons: [{ field: 'Production Budget', reason: 'not money', count: 30 }],
        batches: 3,
        lastImport: null,
      }),
    });
    const pinia = createPinia();
    setActivePinia(pinia);
    const report = mount(QualityReport, { global: { plugins: [pinia] }, attachTo: document.body });
    const browser = mount(QuarantineBrowser, { global: { plugins: [pinia] }, attachTo: document.body });
    await settle();

    useDataFocusStore().showQuarantine(3);
    await settle();
    expect(browser.findAll('[data-testid=quarantine-row]')).toHaveLength(1);

    await report.get('[data-testid=quality-see-quarantine]').trigger('click');
    await settle();
    expect(report.get('[data-testid=quality-see-quarantine]').text()).toBe('See the 31 quarantined rows');
    expect((browser.get('[data-testid=quarantine-batch]').element as HTMLSelectElement).value).toBe('');
    expect(browser.findAll('[data-testid=quarantine-row]')).toHaveLength(25);
  });

  it('says in words when nothing was quarantined', async () => {
    installFakeHost({ 'data.quarantine': () => ({ total: 0, rows: [] }), 'data.batches': () => [] });
    const wrapper = mountWith(QuarantineBrowser);
    await settle();
    expect(wrapper.get('[data-testid=state-empty]').text()).toContain('No quarantined rows');
  });
});

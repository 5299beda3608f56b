import { afterEach, describe, expect, it } from 'vitest';
import { mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import ScenariosView from '../../src-renderer/src/views/ScenariosView.vue';
import type { ScenarioRecord } from '../../src-main/shared/forecast';
import { installFakeHost, settle } from './fake-transport';
import { sampleForecast, sampleScenario } from './fixtures';

function mountView() {
  const pinia = createPinia();
  setActivePinia(pinia);
  return mount(ScenariosView, { global: { plugins: [pinia] }, attachTo: document.body });
}

function scenarioHost(initial: ScenarioRecord[]) {
  let list = [...initial];
  return installFakeHost({
    'scenarios.list': () => list,
    'scenarios.rename': ({ id, name }: { id: number; name: string }) => {
      list = list.map((s) => (s.id === id ? { ...s, name } : s));
      return list.find((s) => s.id === id);
    },
    'scenarios.delete': ({ id }: { id: number }) => {
      list = list.filter((s) => s.id !== id);
      return { deleted: true };
    },
    'scenarios.compare': ({ ids }: { ids: number[] }) => {
      const chosen = list.filter((s) => ids.includes(s.id)).map((s) => ({ ...s, fresh: null }));
      return {
        scenarios: chosen,
        totals: {
          scenarios: chosen.length,
          budget: chosen.reduce((t, s) => t + s.input.budget, 0),
          expectedRevenue: chosen.reduce((t, s) => t + (s.forecast?.revenue ?? 0), 0),
          expectedHits: 1.24,
        },
      };
    },
  });
}

describe('Scenarios view', () => {
  afterEach(() => (document.body.innerHTML = ''));

  it('says there are none yet, in words', async () => {
    scenarioHost([]);
    const wrapper = mountView();
    await settle();
    expect(wrapper.get('[data-testid=state-empty]').text()).toMatch(/No scenarios yet/);
  });

  it('lists scenarios with a stale mark and compares the chosen ones with slate totals', async () => {
    const host = scenarioHost([
      sampleScenario(1, 'Alpha'),
      sampleScenario(2, 'Beta', { stale: true }),
      sampleScenario(3, 'Gamma'),
    ]);
    const wrapper = mountView();
    await settle();
    expect(wrapper.findAll('[data-testid^=scenario-row-]')).toHaveLength(3);
    expect(wrapper.get('[data-testid=scenario-row-2]').find('[data-testid=scenario-stale]').exists()).toBe(true);
    expect(wrapper.get('[data-testid=scenario-row-1]').find('[data-testid=scenario-stale]').exists()).toBe(false);

    await wrapper.get('[data-testid=scenario-row-1] [data-testid=scenario-select]').setValue(true);
    await wrapper.get('[data-testid=scenario-row-3] [data-testid=scenario-select]').setValue(true);
    await wrapper.get('[data-testid=compare-button]').trigger('click');
    await settle();
    expect(host.calls.find((c) => c.channel === 'scenarios.compare')?.input).toEqual({ ids: [1, 3] });
    const table = wrapper.get('[data-testid=scenario-comparison]');
    expect(table.text()).toContain('Alpha');
    expect(table.text()).toContain('Gamma');
    expect(table.text()).not.toContain('Beta');
    // Revenue 100M + 300M.
    expect(wrapper.get('[data-testid=slate-revenue]').text()).toBe('$400M');
  });

  it('marks each forecast fresh or stale, shows what the active models say now, and re-forecasts the stale ones', async () => {
    let list = [sampleScenario(1, 'Alpha'), sampleScenario(2, 'Beta', { stale: true })];
    const host = installFakeHost({
      'scenarios.list': () => list,
      'scenarios.get': ({ id }: { id: number }) => ({
        ...list.find((s) => s.id === id)!,
        fresh: sampleForecast({}, 555e6),
      }),
      'scenarios.refresh': ({ id }: { id: number }) => {
        list = list.map((s) => (s.id === id ? { ...s, stale: false } : s));
        return list.find((s) => s.id === id);
      },
    });
    const wrapper = mountView();
    await settle();
    const beta = wrapper.get('[data-testid=scenario-row-2]');
    expect(beta.get('[data-testid=scenario-stale]').text()).toBe('stale');
    expect(beta.get('[data-testid=scenario-fresh-revenue]').text()).toBe('now $555M');
    expect(beta.text()).toContain('$200M'); // the saved figure stays
    expect(wrapper.get('[data-testid=scenario-row-1] [data-testid=scenario-fresh]').text()).toBe('fresh');
    expect(host.calls.filter((c) => c.channel === 'scenarios.get').map((c) => c.input)).toEqual([{ id: 2 }]);
    expect(wrapper.get('[data-testid=scenarios-stale-note]').text()).toContain('1 of 2 forecasts is stale');

    await wrapper.get('[data-testid=scenarios-refresh-stale]').trigger('click');
    await settle();
    expect(host.calls.filter((c) => c.channel === 'scenarios.refresh').map((c) => c.input)).toEqual([{ id: 2 }]);
    expect(wrapper.find('[data-testid=scenarios-stale-note]').exists()).toBe(false);
    expect(wrapper.get('[data-testid=scenario-row-2] [data-testid=scenario-fresh]').text()).toBe('fresh');
  });

  it('renames inline and deletes after confirmation', async () => {
    const host = scenarioHost([sampleScenario(1, 'Alpha'), sampleScenario(2, 'Beta')]);
    const wrapper = mountView();
    await settle();
    const row = () => wrapper.get('[data-testid=scenario-row-1]');
    await row().get('[data-testid=scenario-rename]').trigger('click');
    await row().get('[data-testid=scenario-edit-input]').setValue('Alpha (director cut)');
    await row().get('form').trigger('submit');
    await settle();
    expect(row().get('[data-testid=scenario-name-text]').text()).toBe('Alpha (director cut)');

    await wrapper.get('[data-testid=scenario-row-2] [data-testid=scenario-delete]').trigger('click');
    expect(host.calls.some((c) => c.channel === 'scenarios.delete')).toBe(false);
    await wrapper.get('[data-testid=scenario-row-2] [data-testid=scenario-delete-confirm]').trigger('click');
    await settle();
    expect(wrapper.find('[data-testid=scenario-row-2]').exists()).toBe(false);
  });
});

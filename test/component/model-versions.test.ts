import { afterEach, describe, expect, it } from 'vitest';
import { mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import ModelsView from '../../src-renderer/src/views/ModelsView.vue';
import type { ModelOptions } from '../../src-main/shared/contract/models';
import type { ModelVersionSummary } from '../../src-main/core/models/types';
import { installFakeHost, settle } from './fake-transport';

const options: ModelOptions = {
  targets: ['revenue'],
  featureSets: [{ name: 'greenlight', features: ['log_budget'] }],
  featureNames: ['log_budget'],
  algorithms: [{ name: 'gbdt', targets: ['revenue'], params: [] }],
  defaults: { folds: 5, repeats: 1, hitMultiple: 2, seed: 42 },
};
const version = (id: number, status: ModelVersionSummary['status']): ModelVersionSummary => ({
  id,
  target: 'revenue',
  algorithm: 'gbdt',
  featureSet: 'greenlight',
  params: {},
  metrics: { r2: 0.5 + id / 100 },
  data: { rows: 3000, batches: [1], fingerprint: 'f', years: [1916, 2016], includeFlagged: false },
  status,
  note: null,
  createdAt: '2025-01-01T10:00:00Z',
  activatedAt: null,
});

/** Versions 1 (archived), 2 (ready), 3 (active); list and activate behave as main does. */
function fakeModels() {
  const versions = [version(3, 'active'), version(2, 'ready'), version(1, 'archived')];
  return {
    'models.options': () => options,
    'models.list': ({ includeArchived }: { includeArchived?: boolean }) =>
      versions.filter((v) => includeArchived || v.status !== 'archived').map((v) => ({ ...v })),
    'models.activate': ({ id }: { id: number }) => {
      for (const v of versions) {
        if (v.status === 'active') v.status = 'ready';
        if (v.id === id) v.status = 'active';
      }
      return versions.find((v) => v.id === id);
    },
  };
}

function mountView() {
  const pinia = createPinia();
  setActivePinia(pinia);
  return mount(ModelsView, { global: { plugins: [pinia] }, attachTo: document.body });
}

describe('model versions', () => {
  afterEach(() => (document.body.innerHTML = ''));

  it('hides archived versions until asked, then offers to roll back to one', async () => {
    const host = installFakeHost(fakeModels());
    const wrapper = mountView();
    await settle();
    expect(wrapper.find('[data-testid=model-row-1]').exists()).toBe(false);
    await wrapper.get('[data-testid=models-show-archived]').setValue(true);
    await settle();
    const archived = wrapper.get('[data-testid=model-row-1]');
    expect(archived.get('[data-testid=model-status]').text()).toBe('archived');
    expect(
      host.calls.some((c) => c.channel === 'models.list' && (c.input as { includeArchived?: boolean }).includeArchived),
    ).toBe(true);
    expect(archived.get('[data-testid=model-activate]').text()).toBe('Roll back');
  });

  it('asks before activating, says what changes, and activates only on Yes', async () => {
    const host = installFakeHost(fakeModels());
    const wrapper = mountView();
    await settle();
    await wrapper.get('[data-testid=model-row-2] [data-testid=model-activate]').trigger('click');
    const consequence = wrapper.get('[data-testid=model-activate-consequence]').text();
    expect(consequence).toContain('Forecasts of revenue will use v2 (R² 0.52) instead of v3 (R² 0.53).');
    expect(consequence).toContain('Saved scenarios forecast with v3 will be marked stale');

    await wrapper.get('[data-testid=model-activate-no]').trigger('click');
    expect(wrapper.find('[data-testid=model-activate-confirm]').exists()).toBe(false);
    expect(host.calls.some((c) => c.channel === 'models.activate')).toBe(false);

    await wrapper.get('[data-testid=model-row-2] [data-testid=model-activate]').trigger('click');
    expect(wrapper.get('[data-testid=model-activate-yes]').text()).toBe('Roll back to v2');
    await wrapper.get('[data-testid=model-activate-yes]').trigger('click');
    await settle();
    expect(host.calls.filter((c) => c.channel === 'models.activate').map((c) => c.input)).toEqual([{ id: 2 }]);
    expect(wrapper.get('[data-testid=model-row-2] [data-testid=model-status]').text()).toBe('active');
    // v3 is now newer than the active one: activating it again is not a roll back.
    expect(wrapper.get('[data-testid=model-row-3] [data-testid=model-activate]').text()).toBe('Activate');
  });
});

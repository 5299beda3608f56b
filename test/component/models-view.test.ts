import { afterEach, describe, expect, it } from 'vitest';
import { mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import ModelsView from '../../src-renderer/src/views/ModelsView.vue';
import type { ModelOptions } from '../../src-main/shared/contract/models';
import type { ModelVersionSummary } from '../../src-main/core/models/types';
import { useEventsStore } from '../../src-renderer/src/stores/events';
import { parseGrid, parseParam } from '../../src-renderer/src/views/models/params';
import { installFakeHost, settle } from './fake-transport';

const JOB = '0e5d6c7b-8a9f-4e3d-a2b1-c0d9e8f7a6b5';
const options: ModelOptions = {
  targets: ['revenue', 'hit'],
  featureSets: [{ name: 'greenlight', features: ['log_budget', 'runtime'] }],
  featureNames: ['log_budget', 'runtime'],
  algorithms: [
    {
      name: 'gbdt',
      label: 'Gradient-boosted trees',
      targets: ['revenue', 'hit'],
      params: [
        { name: 'n_estimators', default: 100 },
        { name: 'max_depth', default: 3 },
      ],
    },
    { name: 'logistic', targets: ['hit'], params: [{ name: 'C', default: 1 }] },
  ],
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

/** The Models view on a fresh store, charts stubbed (they need a canvas). */
function mountModelsView(options: { attachTo?: HTMLElement } = {}) {
  const pinia = createPinia();
  setActivePinia(pinia);
  return mount(ModelsView, { global: { plugins: [pinia], stubs: { EChart: true } }, ...options });
}

describe('parameter parsing', () => {
  it('reads None, numbers and names, and explains a bad search space', () => {
    expect([parseParam('None'), parseParam('0.1'), parseParam('sqrt'), parseParam(' ')]).toEqual([
      null,
      0.1,
      'sqrt',
      undefined,
    ]);
    expect(parseGrid('{"max_depth":[3,null]}').grid).toEqual({ max_depth: [3, null] });
    expect(parseGrid('{max_depth:[3]}').error).toMatch(/not valid JSON/);
    expect(parseGrid('{"max_depth":[]}').error).toMatch(/non-empty list/);
  });
});

describe('Models view', () => {
  afterEach(() => (document.body.innerHTML = ''));

  it('trains with the typed parameters, shows progress with Cancel, then the new version', async () => {
    let versions = [version(1, 'active')];
    const host = installFakeHost({
      'models.options': () => options,
      'models.list': () => versions,
      'models.train': () => ({ job: JOB }),
      'models.get': ({ id }: { id: number }) => ({
        ...version(id, 'ready'),
        featureNames: ['log_budget'],
        protocol: { kind: 'kfold', folds: 3, repeats: 1, seed: 42, temporalSplit: null, scoring: 'r2' },
        candidates: [
          {
            index: 0,
            params: { n_estimators: 40 },
            score: 0.52,
            scoreStd: 0.01,
            foldScores: [],
            metrics: { r2: 0.52, mae_dollars: 7e7 },
          },
        ],
        chosen: 0,
        coverage: { maxBudget: null, minBudget: null, lastYear: null, firstYear: null, genres: [] },
      }),
      'models.diagnostics': ({ id }: { id: number }) => ({
        id,
        target: 'revenue',
        actualVsPredicted: [],
        residuals: [],
        importance: [],
      }),
      'jobs.get': () => ({ job: JOB, kind: 'train', state: 'running', startedAt: 'x' }),
      'jobs.cancel': () => ({ cancelled: true }),
    });
    const wrapper = mountModelsView({ attachTo: document.body });
    useEventsStore().connect();
    await settle(10);
    expect(wrapper.find('[data-testid=model-row-1]').exists()).toBe(true);

    await wrapper.get('[data-testid=param-n_estimators]').setValue('40');
    await wrapper.get('[data-testid=param-max_depth]').setValue('None');
    await wrapper.get('[data-testid=train-folds]').setValue('3');
    await wrapper.get('[data-testid=train-form]').trigger('submit');
    await settle(10);
    expect(host.calls.find((c) => c.channel === 'models.train')?.input).toMatchObject({
      target: 'revenue',
      algorithm: 'gbdt',
      params: { n_estimators: 40, max_depth: null },
      folds: 3,
      activate: true,
    });

    host.emit({
      type: 'job.progress',
      progress: {
        job: JOB,
        step: 'Cross-validating',
        current: 2,
        total: 6,
        detail: 'candidate 1/1, fold 2/3',
        etaSeconds: 12,
      },
    });
    await settle();
    expect(wrapper.get('[data-testid=job-detail]').text()).toContain('fold 2/3');
    expect(wrapper.get('[data-testid=job-eta]').text()).toContain('12 s');
    await wrapper.get('[data-testid=job-cancel]').trigger('click');
    await settle();
    expect(host.calls.some((c) => c.channel === 'jobs.cancel')).toBe(true);

    versions = [version(2, 'ready'), ...versions];
    host.emit({
      type: 'job.finished',
      status: {
        job: JOB,
        kind: 'train',
        state: 'done',
        startedAt: 'x',
        result: {
          model: 2,
          rows: 3000,
          candidates: 1,
          seconds: 4,
          cv: { r2: 0.52, mae_dollars: 7e7 },
          activated: false,
        },
      },
    });
    await settle(10);
    expect(wrapper.get('[data-testid=train-result]').text()).toContain('Trained version v2');
    // One candidate in the singular, never "candidate(s)".
    expect(wrapper.get('[data-testid=train-result]').text()).toContain('3,000 films, 1 candidate in 4 s');
    expect(wrapper.get('[data-testid=train-result]').text()).not.toContain('(s)');
    // Metrics by the names analysts know, not the keys they are stored under.
    expect(wrapper.get('[data-testid=train-result]').text()).toContain('MAE ($) $70M');
    expect(wrapper.get('[data-testid=train-result]').text()).not.toContain('mae_dollars');
    expect(wrapper.get('[data-testid=model-row-2]').text()).toContain('ready');
    expect(wrapper.get('[data-testid=cv-table]').text()).toContain('n_estimators=40');
    expect(wrapper.findAll('[data-testid=cv-table] th').map((th) => th.text())).toEqual(
      expect.arrayContaining(['R²', 'MAE ($)']),
    );
  });

  it('counts features alike in the form and a version, and shows no empty diagnostics', async () => {
    const groups = ['log_budget', 'runtime', 'genres', 'keywords', 'track_records'];
    const columns = ['log_budget', 'runtime', 'genre=Action', 'genre=Drama', 'keyword=sequel', 'director_prior_films'];
    installFakeHost({
      'models.options': () => ({
        ...options,
        featureSets: [{ name: 'greenlight', features: groups, description: 'Pre-release only.' }],
      }),
      'models.list': () => [version(1, 'active')],
      'models.get': ({ id }: { id: number }) => ({
        ...version(id, 'active'),
        featureNames: columns,
        featureGroups: groups.length,
        protocol: { kind: 'kfold', folds: 5, repeats: 1, seed: 42, temporalSplit: null, scoring: 'r2' },
        candidates: [
          { index: 0, params: {}, score: 0.5, scoreStd: 0.01, foldScores: [], metrics: { r2: 0.5, rows: 3000 } },
        ],
        chosen: 0,
        coverage: { maxBudget: null, minBudget: null, lastYear: null, firstYear: null, genres: [] },
      }),
      // A shipped version: no out-of-fold predictions, importance labelled by the handler.
      'models.diagnostics': ({ id }: { id: number }) => ({
        id,
        target: 'revenue',
        actualVsPredicted: [],
        residuals: [],
        importance: [
          { feature: 'log_budget', gain: 0.6, label: 'Budget' },
          { feature: 'genre=Drama', gain: 0.4, label: 'Genre: Drama' },
        ],
      }),
    });
    const wrapper = mountModelsView();
    await settle(10);
    const option = wrapper.get('[data-testid=train-features] option');
    expect(option.text()).toBe('greenlight (5 feature groups)');
    expect(wrapper.get('[data-testid=train-features-hint]').text()).toContain('Pre-release only.');
    expect(wrapper.get('[data-testid=train-features-hint]').text()).toContain('one column per term');

    await wrapper.get('[data-testid=model-row-1] [data-testid=model-details]').trigger('click');
    await settle(10);
    const detail = wrapper.text();
    expect(detail).toContain('gbdt on greenlight (5 feature groups, 6 columns)');
    expect(detail).toContain('5 folds × 1 · scored by R²');
    expect(wrapper.findAll('[data-testid=cv-table] th').map((th) => th.text())).toContain('Rows');
    // No empty actual-vs-predicted or residual charts: a sentence says why, importance gets the full width.
    expect(wrapper.find('[data-testid=diagnostics-no-oof]').text()).toMatch(/kept no out-of-fold predictions/);
    expect(wrapper.find('[data-testid=chart-avp]').exists()).toBe(false);
    expect(wrapper.get('[data-testid=chart-imp]').classes()).toContain('wide');
    expect(wrapper.get('[data-testid=chart-imp] figcaption').text()).toBe('Feature importance');
  });

  it('trains on a typed feature list, a set in it standing for its features, and names an unknown one', async () => {
    const host = installFakeHost({
      'models.options': () => options,
      'models.list': () => [],
      'models.train': () => ({ job: JOB }),
      'jobs.get': () => ({ job: JOB, kind: 'train', state: 'running', startedAt: 'x' }),
    });
    const wrapper = mountModelsView();
    await settle(10);
    expect(wrapper.find('[data-testid=train-custom-features]').exists()).toBe(false);
    await wrapper.get('[data-testid=train-features]').setValue('(custom)');
    const start = wrapper.get('[data-testid=train-start]');
    expect(wrapper.get('[data-testid=train-custom-error]').text()).toMatch(/at least one feature name/);
    expect(start.attributes('disabled')).toBeDefined();
    expect(wrapper.get('[data-testid=train-feature-names]').text()).toContain('log_budget');

    await wrapper.get('[data-testid=train-custom-features]').setValue('greenlight, runtime, tagline');
    expect(wrapper.get('[data-testid=train-custom-error]').text()).toBe(
      'Not a feature name: "tagline". The names are listed below.',
    );
    await wrapper.get('[data-testid=train-form]').trigger('submit');
    await settle(5);
    expect(host.calls.some((c) => c.channel === 'models.train')).toBe(false);

    await wrapper.get('[data-testid=train-custom-features]').setValue(' greenlight, runtime ,runtime');
    expect(wrapper.find('[data-testid=train-custom-error]').exists()).toBe(false);
    expect(start.attributes('disabled')).toBeUndefined();
    await wrapper.get('[data-testid=train-form]').trigger('submit');
    await settle(10);
    expect(host.calls.find((c) => c.channel === 'models.train')?.input).toMatchObject({
      target: 'revenue',
      features: 'greenlight,runtime',
    });
  });

  it('offers only the algorithms that fit the target', async () => {
    installFakeHost({ 'models.options': () => options, 'models.list': () => [] });
    const wrapper = mountModelsView();
    await settle(10);
    const names = () => wrapper.findAll('[data-testid=train-algorithm] option').map((o) => o.attributes('value'));
    expect(names()).toEqual(['gbdt']);
    await wrapper.get('[data-testid=train-target]').setValue('hit');
    expect(names()).toEqual(['gbdt', 'logistic']);
    expect(wrapper.get('[data-testid=state-empty]').text()).toMatch(/No model versions yet/);
  });
});

import { afterEach, describe, expect, it, vi } from 'vitest';
import { mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import App from '../../src-renderer/src/App.vue';
import { installFakeHost, settle } from './fake-transport';

async function go(hash: string): Promise<void> {
  location.hash = hash;
  window.dispatchEvent(new HashChangeEvent('hashchange'));
  await settle();
}

describe('app routes', () => {
  afterEach(() => {
    vi.restoreAllMocks();
    location.hash = '';
    document.body.innerHTML = '';
  });

  it('opens a film page over the Data view and returns to it as it was left', async () => {
    const problems: string[] = [];
    vi.spyOn(console, 'warn').mockImplementation((...a: unknown[]) => problems.push(a.map(String).join(' ')));
    vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => problems.push(a.map(String).join(' ')));
    installFakeHost({
      'films.search': () => ({
        total: 1,
        films: [
          { id: 5, tmdbId: 1, title: 'Heat', year: 1995, budget: 6e7, revenue: 1.87e8, genres: ['Crime'], flags: [] },
        ],
      }),
      'films.get': ({ id }: { id: number }) => ({
        id,
        title: 'Heat',
        budget: null,
        revenue: 1.87e8,
        genres: [],
        keywords: [],
        companies: [],
        countries: [],
        languages: [],
        cast: [],
        directors: [],
        flags: [],
        flagDetails: [],
        crew: [],
        source: { batch: null, file: null, row: null },
      }),
    });
    const pinia = createPinia();
    setActivePinia(pinia);
    const wrapper = mount(App, { global: { plugins: [pinia], stubs: { EChart: true } }, attachTo: document.body });
    await go('#/data');
    await wrapper.get('[data-testid=film-search]').setValue('Heat');
    await settle();
    expect(wrapper.get('[data-testid=film-link]').attributes('href')).toBe('#/film/5');

    await go('#/film/5');
    expect(wrapper.get('main').attributes('data-testid')).toBe('view-film');
    expect(wrapper.get('[data-testid=film-title]').text()).toBe('Heat');
    expect(wrapper.get('[data-testid=nav-data]').classes()).toContain('active');

    await go('#/data');
    expect(wrapper.get('main').attributes('data-testid')).toBe('view-data');
    expect((wrapper.get('[data-testid=film-search]').element as HTMLInputElement).value).toBe('Heat');
    await go('#/film/6');
    await go('#/forecast');
    expect(wrapper.get('main').attributes('data-testid')).toBe('view-forecast');
    expect(problems.filter((p) => /Unhandled error|TypeError/.test(p))).toEqual([]);
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import { mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import FilmDetailView from '../../src-renderer/src/views/FilmDetailView.vue';
import ComparablesTable from '../../src-renderer/src/views/forecast/ComparablesTable.vue';
import { actualVersusForecast, filmToInput } from '../../src-renderer/src/views/film/filmInput';
import { routeFromHash } from '../../src-renderer/src/stores/route';
import { filmInputSchema } from '../../src-main/shared/contract/forecast';
import type { FilmDetail } from '../../src-main/shared/contract/data';
import { installFakeHost, settle } from './fake-transport';
import { sampleForecast } from './fixtures';

function sampleFilm(extra: Partial<FilmDetail> = {}): FilmDetail {
  return {
    id: 42,
    tmdbId: 19995,
    title: 'Avatar <script>window.pwned=1</script>',
    budget: 237e6,
    revenue: 2787.965e6,
    runtime: 162,
    releaseDate: '2009-12-10',
    year: 2009,
    originalLanguage: 'en',
    popularity: 150.4,
    voteAverage: 7.2,
    voteCount: 11800,
    hasHomepage: true,
    hasTagline: true,
    genres: ['Action', 'Adventure'],
    keywords: Array.from({ length: 70 }, (_, i) => `keyword ${i}`),
    companies: ['Lightstorm', ' '],
    countries: ['US', 'GB', 'XXX'],
    languages: ['en', 'es'],
    cast: ['Sam Worthington', 'Zoe Saldana'],
    directors: ['James Cameron'],
    flags: ['budget_implausible'],
    originalTitle: 'Avatar',
    overview: 'A paraplegic marine…',
    tagline: 'Enter the world.',
    homepage: 'http://www.avatarmovie.com/',
    status: 'Released',
    crew: [{ name: 'James Cameron', job: 'Director', department: 'Directing' }],
    flagDetails: [{ flag: 'budget_implausible', field: 'budget', message: 'budget $237M is above any film of 2009' }],
    source: { batch: 1, file: 'tmdb_5000_movies.csv', row: 1 },
    updatedAt: '2025-01-01T00:00:00Z',
    ...extra,
  };
}

function mountDetail(id: number) {
  const pinia = createPinia();
  setActivePinia(pinia);
  return mount(FilmDetailView, { props: { id }, global: { plugins: [pinia] }, attachTo: document.body });
}

describe('film detail view', () => {
  afterEach(() => (document.body.innerHTML = ''));

  it('shows the film, its flags explained, and the model’s forecast beside the actual revenue', async () => {
    const host = installFakeHost({
      'films.get': ({ id }: { id: number }) => (id === 42 ? sampleFilm() : null),
      'forecast.run': ({ input }: { input: { budget: number } }) => sampleForecast({ budget: input.budget }, 1000e6),
    });
    const wrapper = mountDetail(42);
    await settle();
    expect(wrapper.get('[data-testid="film-title"]').text()).toBe('Avatar <script>window.pwned=1</script>');
    expect(document.querySelector('script')).toBeNull();
    expect(wrapper.get('[data-testid="film-budget"]').text()).toBe('$237M');
    expect(wrapper.get('[data-testid="film-flags"]').text()).toContain('budget $237M is above any film of 2009');
    expect(wrapper.get('[data-testid="film-source"]').text()).toContain('tmdb_5000_movies.csv, row 1');
    expect(wrapper.get('[data-testid="film-predicted"]').text()).toBe('$1B');
    // 2,788M actual vs 1,000M forecast, whose 80% range is 500M-1,800M.
    expect(wrapper.get('[data-testid="film-versus"]').text()).toBe(
      'Actual revenue: 2.79× the forecast, above the 80% range.',
    );
    const asked = host.calls.find((c) => c.channel === 'forecast.run')!.input as { input: unknown };
    expect(filmInputSchema.safeParse(asked.input).success).toBe(true);
  });

  it('names the languages, keeping the code at hand, and a code nobody knows as it is', async () => {
    installFakeHost({
      'films.get': ({ id }: { id: number }) =>
        id === 42
          ? sampleFilm({ originalLanguage: 'cn', languages: ['cn', 'zh', 'en', 'xx', 'qq'] })
          : sampleFilm({ originalLanguage: null, languages: [] }),
      'forecast.run': () => sampleForecast(),
    });
    const wrapper = mountDetail(42);
    await settle();
    const language = wrapper.get('[data-testid="film-language"]');
    expect(language.text()).toBe('Cantonese');
    expect(language.attributes('title')).toBe('cn');
    expect(wrapper.text()).toContain('Spoken languages');
    expect(wrapper.text()).toContain('Cantonese, Mandarin, English, No language, qq');
    wrapper.unmount();

    const blank = mountDetail(43);
    await settle();
    expect(blank.get('[data-testid="film-language"]').text()).toBe('—');
  });

  it('names the production countries, keeping the codes at hand, and a code nobody knows as it is', async () => {
    installFakeHost({
      'films.get': ({ id }: { id: number }) =>
        id === 42 ? sampleFilm({ countries: ['US', 'GB', 'CN', 'XX', 'Neverland'] }) : sampleFilm({ countries: [] }),
      'forecast.run': () => sampleForecast(),
    });
    const wrapper = mountDetail(42);
    await settle();
    const countries = wrapper.get('[data-testid="film-countries"]');
    expect(countries.text()).toBe('United States, United Kingdom, China, XX, Neverland');
    expect(countries.attributes('title')).toBe('US, GB, CN, XX, Neverland');
    expect(wrapper.text()).not.toContain('US, GB');
    wrapper.unmount();

    const blank = mountDetail(43);
    await settle();
    expect(blank.get('[data-testid="film-countries"]').text()).toBe('—');
    expect(blank.get('[data-testid="film-countries"]').attributes('title')).toBeUndefined();
  });

  it('says so in words when the film does not exist or no model is active', async () => {
    installFakeHost({
      'films.get': ({ id }: { id: number }) => (id === 42 ? sampleFilm() : null),
      'forecast.run': () => {
        throw Object.assign(new Error('No active revenue model: train one in Models.'), { code: 'no_model' });
      },
    });
    const missing = mountDetail(7);
    await settle();
    expect(missing.get('[data-testid="state-empty"]').text()).toContain('There is no film 7');
    missing.unmount();

    const noModel = mountDetail(42);
    await settle();
    expect(noModel.get('[data-testid="film-model"]').text()).toContain('No forecast: No active revenue model');
  });

  it('does not ask the model about a film without a budget', async () => {
    const host = installFakeHost({
      'films.get': () => sampleFilm({ budget: null }),
      'forecast.run': () => sampleForecast(),
    });
    const wrapper = mountDetail(42);
    await settle();
    expect(wrapper.get('[data-testid="film-model"]').text()).toContain('budget of this film is unknown');
    expect(host.calls.some((c) => c.channel === 'forecast.run')).toBe(false);
  });
});

describe('a film as a scenario', () => {
  it('fits the forecast contract: lists capped, blank names and bad codes left out', () => {
    const input = filmToInput(sampleFilm())!;
    expect(filmInputSchema.safeParse(input).success).toBe(true);
    expect(input.keywords).toHaveLength(50);
    expect(input.companies).toEqual(['Lightstorm']);
    expect(input.countries).toEqual(['US', 'GB']);
    const odd = filmToInput(sampleFilm({ countries: ['su', 'XX', 'Neverland', 'GB'] }))!;
    expect(odd.countries).toEqual(['su', 'GB']);
    expect(filmInputSchema.parse(odd).countries).toEqual(['SU', 'GB']);
    expect(filmToInput(sampleFilm({ budget: 0 }))).toBeNull();
  });

  it('places the actual revenue against the range', () => {
    const f = { revenue: 100, revenueLow: 50, revenueHigh: 180, interval: 0.8 };
    expect(actualVersusForecast(120, f)).toBe('1.20× the forecast, inside the 80% range');
    expect(actualVersusForecast(20, f)).toBe('0.20× the forecast, below the 80% range');
    expect(actualVersusForecast(null, f)).toBeNull();
  });
});

describe('routes', () => {
  it('reads a film page or a view from the hash, and anything else as the Forecast view', () => {
    expect(routeFromHash('#/film/12')).toEqual({ view: 'film', filmId: 12 });
    expect(routeFromHash('#/data')).toEqual({ view: 'data', filmId: null });
    expect(routeFromHash('#/film/0')).toEqual({ view: 'forecast', filmId: null });
    expect(routeFromHash('#/film/x')).toEqual({ view: 'forecast', filmId: null });
  });

  it('links a comparable film to its page', () => {
    const wrapper = mount(ComparablesTable, { props: { comparables: sampleForecast().comparables } });
    const link = wrapper.get('[data-testid="comparable-link"]');
    expect(link.attributes('href')).toBe('#/film/1');
    expect(link.text()).toBe('<img src=x onerror="window.pwned=1">Heist');
  });
});

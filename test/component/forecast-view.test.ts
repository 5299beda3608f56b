import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import ForecastView from '../../src-renderer/src/views/ForecastView.vue';
import { FORECAST_DEBOUNCE_MS } from '../../src-renderer/src/stores/forecast';
import { formToInput, defaultForm } from '../../src-renderer/src/stores/filmForm';
import type { FilmInput } from '../../src-main/shared/film';
import { installFakeHost } from './fake-transport';
import { sampleForecast } from './fixtures';

const stubs = { EChart: true };

function mountView() {
  const pinia = createPinia();
  setActivePinia(pinia);
  return mount(ForecastView, { global: { plugins: [pinia], stubs }, attachTo: document.body });
}

describe('film form', () => {
  it('reads money as typed and lists, and says what is wrong with a field', () => {
    const form = { ...defaultForm(), budget: '$90,000,000', cast: 'A, B ,, C', countries: 'us, gb' };
    const { input } = formToInput(form);
    expect(input).toMatchObject({ budget: 90e6, cast: ['A', 'B', 'C'], countries: ['US', 'GB'] });
    expect(formToInput({ ...form, budget: 'lots' }).errors.budget).toMatch(/not an amount.*90M/);
    expect(formToInput({ ...form, runtime: '700' }).errors.runtime).toMatch(/1 to 600/);
    expect(formToInput({ ...form, budget: '0' }).errors.budget).toMatch(/more than zero/);
  });

  it('reads countries by code or by name, each once, and names the ones it does not know', () => {
    const form = { ...defaultForm(), countries: 'United Kingdom; us, China (CN), GB' };
    expect(formToInput(form).input?.countries).toEqual(['GB', 'US', 'CN']);
    expect(formToInput({ ...form, countries: '' }).input?.countries).toEqual([]);
    expect(formToInput({ ...form, countries: 'US, Atlantis, XXX' }).errors.countries).toBe(
      'Not a country we know: "Atlantis", "XXX". Type a country by name (France) or by its two-letter code (FR).',
    );
  });
});

describe('Forecast view', () => {
  beforeEach(() => vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] }));
  afterEach(() => {
    vi.useRealTimers();
    document.body.innerHTML = '';
  });

  it('shows revenue, range, hit probability and warnings, and updates once typing pauses', async () => {
    const host = installFakeHost({
      'forecast.run': ({ input }: { input: FilmInput }) => sampleForecast(input, input.budget * 3),
      'forecast.choices': () => ({ genres: ['Action', 'Drama'] }),
    });
    const wrapper = mountView();
    await vi.runAllTimersAsync();
    expect(wrapper.get('[data-testid=forecast-revenue]').text()).toBe('$270M');
    expect(wrapper.get('[data-testid=forecast-range]').text()).toContain('$135M – $486M');
    expect(wrapper.get('[data-testid=forecast-hit]').text()).toBe('62%');
    expect(wrapper.get('[data-testid=forecast-warnings]').text()).toContain('Budget above');
    expect(wrapper.findAll('[data-testid^=genre-]').map((g) => g.attributes('data-testid'))).toEqual([
      'genre-Action',
      'genre-Drama',
    ]);

    // A number input hands back a number; the form still reads it.
    await wrapper.get('[data-testid=field-runtime]').setValue('124');
    await vi.runAllTimersAsync();
    const lastRun = host.calls.filter((c) => c.channel === 'forecast.run').at(-1)!;
    expect((lastRun.input as { input: FilmInput }).input.runtime).toBe(124);

    const before = host.calls.filter((c) => c.channel === 'forecast.run').length;
    const budget = wrapper.get('[data-testid=field-budget]');
    for (const text of ['1', '15', '150', '150M']) await budget.setValue(text);
    await vi.advanceTimersByTimeAsync(FORECAST_DEBOUNCE_MS - 50);
    expect(host.calls.filter((c) => c.channel === 'forecast.run').length).toBe(before);
    await vi.runAllTimersAsync();
    const runs = host.calls.filter((c) => c.channel === 'forecast.run');
    expect(runs.length).toBe(before + 1);
    expect((runs.at(-1)!.input as { input: FilmInput }).input.budget).toBe(150e6);
    expect(wrapper.get('[data-testid=forecast-revenue]').text()).toBe('$450M');
  });

  it("shows a sequel's earlier films beside the model's reading, as text, and nothing for a film without one", async () => {
    const franchise = {
      films: [
        { title: '<b>Iron Man</b>', year: 2008, revenue: 585e6 },
        { title: 'Iron Man 2', year: 2010, revenue: 624e6 },
      ],
      modelReading: 174e6,
    };
    installFakeHost({
      'forecast.run': ({ input }: { input: FilmInput }) => ({
        ...sampleForecast(input),
        franchise: input.title === 'Iron Man 3' ? franchise : undefined,
      }),
    });
    const wrapper = mountView();
    await vi.runAllTimersAsync();
    expect(wrapper.find('[data-testid=forecast-franchise]').exists()).toBe(false);
    await wrapper.get('[data-testid=field-title]').setValue('Iron Man 3');
    await vi.runAllTimersAsync();
    const note = wrapper.get('[data-testid=forecast-franchise]');
    expect(note.text()).toBe(
      'Earlier films in this franchise (found by title): <b>Iron Man</b> (2008) $585M, Iron Man 2 (2010) $624M. ' +
        'The model reads them as $174M, pulled toward the average film: 2 films are little evidence.',
    );
    expect(note.find('b').exists()).toBe(false);
  });

  it('numbers the comparable films as the chart numbers its dots, and says so under the chart', async () => {
    installFakeHost({ 'forecast.run': ({ input }: { input: FilmInput }) => sampleForecast(input) });
    const wrapper = mountView();
    await vi.runAllTimersAsync();
    const table = wrapper.get('[data-testid=comparables-table]');
    expect(table.find('th').text()).toBe('#');
    const ranks = table.findAll('[data-testid=comparable-rank]').map((td) => td.text());
    expect(ranks).toEqual(ranks.map((_, i) => String(i + 1)));
    expect(ranks.length).toBeGreaterThan(0);
    expect(wrapper.get('[data-testid=chart-comparables]').text()).toMatch(
      /Each number is a film in the Comparable films table below/,
    );
  });

  it("offers the data's languages by name, sorted, and submits the code", async () => {
    const host = installFakeHost({
      'forecast.run': ({ input }: { input: FilmInput }) => sampleForecast(input),
      'forecast.choices': () => ({ genres: ['Action'], languages: ['fr', 'en', 'zh', 'cn', 'Latin'] }),
    });
    const wrapper = mountView();
    await vi.runAllTimersAsync();
    const select = wrapper.get('[data-testid=field-language]');
    expect(select.element.tagName).toBe('SELECT');
    const options = select.findAll('option').map((o) => [o.attributes('value'), o.text()]);
    // Blank first; a name an import kept instead of a code is not offered (the form takes codes only).
    expect(options).toEqual([
      ['', 'Not given'],
      ['cn', 'Cantonese (cn)'],
      ['en', 'English (en)'],
      ['fr', 'French (fr)'],
      ['zh', 'Mandarin (zh)'],
    ]);
    expect((select.element as HTMLSelectElement).value).toBe('en');

    await select.setValue('cn');
    await vi.runAllTimersAsync();
    const last = host.calls.filter((c) => c.channel === 'forecast.run').at(-1)!;
    expect((last.input as { input: FilmInput }).input.language).toBe('cn');

    await select.setValue('');
    await vi.runAllTimersAsync();
    const blank = host.calls.filter((c) => c.channel === 'forecast.run').at(-1)!;
    expect((blank.input as { input: FilmInput }).input.language).toBeNull();
  });

  it('offers the common TMDB languages by name until the data tell it theirs', async () => {
    installFakeHost({ 'forecast.run': ({ input }: { input: FilmInput }) => sampleForecast(input) });
    const wrapper = mountView();
    await vi.runAllTimersAsync();
    const labels = wrapper
      .get('[data-testid=field-language]')
      .findAll('option')
      .map((o) => o.text());
    expect(labels).toContain('English (en)');
    expect(labels).toContain('Cantonese (cn)');
    expect(labels).toContain('Mandarin (zh)');
    expect(labels.slice(1)).toEqual([...labels.slice(1)].sort((a, b) => a.localeCompare(b, 'en')));
  });

  it('shows the countries by name, takes names or codes, several at once, and submits the codes', async () => {
    const host = installFakeHost({
      'forecast.run': ({ input }: { input: FilmInput }) => sampleForecast(input),
      'forecast.choices': () => ({ genres: ['Action'], countries: ['US', 'GB', 'XC', 'Neverland'] }),
    });
    const wrapper = mountView();
    await vi.runAllTimersAsync();
    const chips = () => wrapper.findAll('[data-testid^=country-]').map((c) => c.find('span').text());
    const submitted = () =>
      (host.calls.filter((c) => c.channel === 'forecast.run').at(-1)!.input as { input: FilmInput }).input.countries;
    // The default film is American: shown by name, sent as the code.
    expect(chips()).toEqual(['United States (US)']);
    expect(submitted()).toEqual(['US']);

    // Every country is a suggestion by name and code (the data's own too, a name it kept is not), the chosen left out.
    const suggestions = wrapper.findAll('datalist option').map((o) => o.attributes('value'));
    expect(suggestions).toContain('China (CN)');
    expect(suggestions).toContain('Czechoslovakia (XC)');
    expect(suggestions).not.toContain('United States (US)');
    expect(suggestions.some((o) => o?.includes('Neverland'))).toBe(false);
    expect(suggestions).toEqual([...suggestions].sort((a, b) => a!.localeCompare(b!, 'en')));

    const field = wrapper.get('[data-testid=field-countries]');
    // A name, then Enter.
    await field.setValue('united kingdom');
    await field.trigger('keydown', { key: 'Enter' });
    // Several at once, by code and by name: each comma adds what comes before it.
    await field.setValue('fr, Germany, ja');
    expect((field.element as HTMLInputElement).value).toBe('ja');
    // A suggestion picked whole.
    await field.setValue('China (CN)');
    expect((field.element as HTMLInputElement).value).toBe('');
    // What is left in the box is added on leaving it.
    await field.setValue('jp');
    await field.trigger('blur');
    await vi.runAllTimersAsync();
    expect(chips()).toEqual([
      'United States (US)',
      'United Kingdom (GB)',
      'France (FR)',
      'Germany (DE)',
      'China (CN)',
      'Japan (JP)',
    ]);
    expect(submitted()).toEqual(['US', 'GB', 'FR', 'DE', 'CN', 'JP']);

    // Taken off by its button, or the last one by Backspace in the empty box.
    await wrapper.get('[data-testid=remove-country-FR]').trigger('click');
    await field.trigger('keydown', { key: 'Backspace' });
    await vi.runAllTimersAsync();
    expect(submitted()).toEqual(['US', 'GB', 'DE', 'CN']);
    expect(wrapper.get('[aria-label="Remove China (CN)"]').text()).toBe('×');
  });

  it('keeps a country nobody knows in the box, says so, and sends nothing new', async () => {
    const host = installFakeHost({ 'forecast.run': ({ input }: { input: FilmInput }) => sampleForecast(input) });
    const wrapper = mountView();
    await vi.runAllTimersAsync();
    const runs = host.calls.filter((c) => c.channel === 'forecast.run').length;
    const field = wrapper.get('[data-testid=field-countries]');
    await field.setValue('Atlantis, gb');
    await field.trigger('keydown', { key: 'Enter' });
    expect(wrapper.get('[data-testid=countries-problem]').text()).toBe(
      'Not a country we know: "Atlantis". Type a country by name (France) or by its two-letter code (FR).',
    );
    expect((field.element as HTMLInputElement).value).toBe('Atlantis');
    expect(field.attributes('aria-invalid')).toBe('true');
    await vi.runAllTimersAsync();
    // GB was added; Atlantis was not.
    const calls = host.calls.filter((c) => c.channel === 'forecast.run');
    expect(calls.length).toBe(runs + 1);
    expect((calls.at(-1)!.input as { input: FilmInput }).input.countries).toEqual(['US', 'GB']);
    // Typing again clears the message.
    await field.setValue('Atlantis Fr');
    expect(wrapper.find('[data-testid=countries-problem]').exists()).toBe(false);
  });

  it('shows a field error for money it cannot read and does not call the host', async () => {
    const host = installFakeHost({ 'forecast.run': ({ input }: { input: FilmInput }) => sampleForecast(input) });
    const wrapper = mountView();
    await vi.runAllTimersAsync();
    const calls = host.calls.length;
    await wrapper.get('[data-testid=field-budget]').setValue('ninety');
    await vi.runAllTimersAsync();
    expect(wrapper.get('[data-testid=error-budget]').text()).toMatch(/not an amount/);
    expect(wrapper.get('[data-testid=field-budget]').attributes('aria-invalid')).toBe('true');
    expect(host.calls.length).toBe(calls);
  });

  it('shows strings from data as text, never as HTML', async () => {
    installFakeHost({ 'forecast.run': ({ input }: { input: FilmInput }) => sampleForecast(input) });
    const wrapper = mountView();
    await vi.runAllTimersAsync();
    const table = wrapper.get('[data-testid=comparables-table]');
    expect(table.text()).toContain('<img src=x onerror="window.pwned=1">Heist');
    expect(table.find('img').exists()).toBe(false);
  });

  it('says so in words when the host fails or the channel is missing', async () => {
    installFakeHost({
      'forecast.run': () => {
        throw new Error('No revenue model is active.');
      },
    });
    let wrapper = mountView();
    await vi.runAllTimersAsync();
    expect(wrapper.get('[data-testid=state-error]').text()).toContain('No revenue model is active.');
    wrapper.unmount();

    installFakeHost({});
    wrapper = mountView();
    await vi.runAllTimersAsync();
    expect(wrapper.get('[data-testid=state-missing]').text()).toContain('forecast.run');
  });

  it('saves the scenario with the typed inputs', async () => {
    const host = installFakeHost({
      'forecast.run': ({ input }: { input: FilmInput }) => sampleForecast(input),
      'scenarios.save': ({ name }: { name: string }) => ({ id: 1, name }),
    });
    const wrapper = mountView();
    await vi.runAllTimersAsync();
    await wrapper.get('[data-testid=scenario-name]').setValue('Summer tentpole');
    await wrapper.get('[data-testid=save-scenario]').trigger('submit');
    await vi.runAllTimersAsync();
    const save = host.calls.find((c) => c.channel === 'scenarios.save');
    expect(save?.input).toMatchObject({ name: 'Summer tentpole', input: { budget: 90e6 } });
    expect(wrapper.get('[data-testid=save-message]').text()).toContain('Summer tentpole');
  });
});

import { describe, expect, it } from 'vitest';
import {
  buildForecastState,
  forecastWith,
  blankFieldWarnings,
  pageSignalWarnings,
  BUDGET_SWEEP,
} from '../../../src-main/core/forecast/engine';
import { InvalidInputError } from '../../../src-main/core/api/handler';
import { linearRevenueModel, logisticHitModel, sampleFilms } from './helpers';

const scenario = {
  title: 'New Blockbuster',
  budget: 90e6,
  runtime: 118,
  genres: ['action', 'ADVENTURE'],
  releaseDate: '2027-06-18',
  language: 'en',
};

function state() {
  return buildForecastState({ revenue: linearRevenueModel(), hit: logisticHitModel() }, sampleFilms());
}

describe('forecastWith', () => {
  it('gives revenue from the raw prediction and contributions that add up to it exactly', () => {
    const s = state();
    const f = forecastWith(s, scenario, { explainHit: true });
    expect(forecastWith(s, scenario).hitContributions).toBeUndefined();
    const raw = s.models.revenue.predictRaw(f.input);
    const sum = f.base + f.contributions.reduce((acc, c) => acc + c.effect, 0);
    expect(Math.abs(sum - raw)).toBeLessThan(1e-9);
    expect(f.revenue).toBeCloseTo(Math.expm1(raw), 3);
    // Sorted by size, in words.
    expect(Math.abs(f.contributions[0].effect)).toBeGreaterThanOrEqual(Math.abs(f.contributions[1].effect));
    const budgetText = f.contributions.find((c) => c.feature === 'log_budget')!.text;
    expect(budgetText).toMatch(/^budget \$90M: [+\u2212]\d+\.\d\d on log revenue$/);
    // Membership columns say which way the film goes (it is an action film, not a drama).
    expect(f.contributions.find((c) => c.feature === 'genre=Action')!.text).toMatch(/^genre Action: \+0\.30 on/);
    expect(f.contributions.find((c) => c.feature === 'genre=Drama')!.text).toMatch(/^not genre Drama: /);
    const hitSum = f.hitContributions!.reduce((acc, c) => acc + c.effect, 0) - 0.5;
    expect(hitSum).toBeCloseTo(s.models.hit!.predictRaw(f.input), 9);
  });

  it('normalises names to the data spelling and keeps the input otherwise', () => {
    const f = forecastWith(state(), { ...scenario, companies: ['warner   BROS.'], directors: ['ann lee'] });
    expect(f.input.genres).toEqual(['Action', 'Adventure']);
    expect(f.input.companies).toEqual(['Warner Bros.']);
    expect(f.input.directors).toEqual(['Ann Lee']);
  });

  it('uses conformal half-widths from the residuals, and intervals widen with the level', () => {
    const f = forecastWith(state(), scenario);
    const raw = Math.log1p(f.revenue);
    // Residuals 0.01..2.00 (n=200): 80% -> 161st = 1.61; 50% -> ceil(100.5)=101st = 1.01; 95% -> 191st = 1.91.
    expect(f.revenueHigh).toBeCloseTo(Math.expm1(raw + 1.61), 0);
    expect(f.revenueLow).toBeCloseTo(Math.expm1(raw - 1.61), 0);
    expect(f.interval).toBe(0.8);
    const i50 = f.intervals['0.5'];
    const i80 = f.intervals['0.8'];
    const i95 = f.intervals['0.95'];
    expect(i50.low).toBeGreaterThan(i80.low);
    expect(i80.low).toBeGreaterThan(i95.low);
    expect(i50.high).toBeLessThan(i80.high);
    expect(i80.high).toBeLessThan(i95.high);
    expect(i50.low).toBeLessThan(f.revenue);
    expect(i50.high).toBeGreaterThan(f.revenue);
    const f95 = forecastWith(state(), scenario, { interval: 0.95 });
    expect(f95.revenueHigh).toBeCloseTo(i95.high, 0);
  });

  it('reports hit probability, ROI, break-even and the models used', () => {
    const f = forecastWith(state(), scenario);
    expect(f.hitProbability).toBeGreaterThan(0);
    expect(f.hitProbability).toBeLessThan(1);
    expect(f.roi).toBeCloseTo(f.revenue / 90e6 - 1, 9);
    expect(f.breakEven).toBe(180e6);
    expect(f.models.revenue.id).toBe(1);
    expect(f.models.hit?.id).toBe(2);
  });

  it('sweeps budget from a quarter to four times and the twelve months', () => {
    const f = forecastWith(state(), scenario);
    expect(BUDGET_SWEEP[0]).toBeCloseTo(0.25, 12);
    expect(BUDGET_SWEEP[12]).toBeCloseTo(4, 12);
    expect(f.whatIf!.budget.map((p) => p.x)).toEqual(BUDGET_SWEEP.map((m) => 90e6 * m));
    // This model's revenue grows with budget.
    const revenues = f.whatIf!.budget.map((p) => p.revenue);
    expect(revenues).toEqual([...revenues].sort((a, b) => a - b));
    expect(f.whatIf!.month.map((p) => p.x)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    // June and December carry the seasonal bump in the test model.
    expect(f.whatIf!.month[5].revenue).toBeGreaterThan(f.whatIf!.month[4].revenue);
    expect(forecastWith(state(), scenario, { whatIf: false }).whatIf).toBeUndefined();
  });

  it('refuses an unknown genre with the list of known ones', () => {
    let error: unknown;
    try {
      forecastWith(state(), { ...scenario, genres: ['Action', 'Space Opera'] });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(InvalidInputError);
    const issue = (error as InvalidInputError).issues[0];
    expect(issue.path).toBe('genres');
    expect(issue.message).toContain('"Space Opera"');
    expect(issue.message).toContain('Action, Adventure, Comedy, Drama, Horror');
  });

  it('warns, without refusing, when the scenario lies outside the training data', () => {
    const f = forecastWith(state(), scenario);
    expect(f.warnings.some((w) => w.includes('2027') && w.includes('2016'))).toBe(true);
    const big = forecastWith(state(), { ...scenario, budget: 500e6, releaseDate: '2012-01-01' });
    expect(big.warnings).toHaveLength(1);
    expect(big.warnings[0]).toMatch(/above the largest.*\$380M/);
  });

  it('works without a hit model', () => {
    const s = buildForecastState({ revenue: linearRevenueModel(), hit: null }, sampleFilms());
    const f = forecastWith(s, scenario);
    expect(f.hitProbability).toBeNull();
    expect(f.models.hit).toBeNull();
    expect(f.whatIf!.budget[0].hitProbability).toBeNull();
  });
});

describe('pageSignalWarnings', () => {
  it("says by how much the page's completeness moves a model that reads it, and nothing below the bar", () => {
    const page = [
      { feature: 'has_tagline', effect: -0.3 },
      { feature: 'n_keywords', effect: -0.1 },
      { feature: 'log_budget', effect: 1.5 },
    ];
    // exp(-0.4) - 1 = -33%.
    expect(pageSignalWarnings(page)).toEqual([
      "The revenue model reads how complete the film's TMDB page is (has a tagline, number of keywords), which is " +
        'filled in after release: that puts this forecast 33% lower than an average page would. A model on the ' +
        'greenlight set does not read it.',
    ]);
    expect(pageSignalWarnings([{ feature: 'has_homepage', effect: 0.05 }])).toEqual([]);
    expect(pageSignalWarnings([{ feature: 'log_budget', effect: 2 }])).toEqual([]);
  });
});

describe('blankFieldWarnings', () => {
  const film = { budget: 90e6, genres: ['Action'] };
  const records = [
    { feature: 'director_prior_mean_log_revenue', effect: -0.4 },
    { feature: 'director_prior_hit_rate', effect: -0.2 },
    { feature: 'cast_prior_mean_log_revenue', effect: 0.3 },
    { feature: 'company_prior_films', effect: 0.05 },
    { feature: 'log_budget', effect: 1.5 },
  ];

  it('says by how much a blank director or cast moves the forecast, in either direction', () => {
    const warnings = blankFieldWarnings(film, records);
    expect(warnings).toHaveLength(2);
    // exp(-0.6) - 1 = -45%; exp(0.3) - 1 = +35%.
    expect(warnings[0]).toMatch(
      /^No director given: .* 45% lower than an average track record would\. Enter the director if known\.$/,
    );
    expect(warnings[1]).toMatch(/^No lead cast given: .* 35% higher than/);
  });

  it('covers a blank production country and original language the same way', () => {
    const places = [
      { feature: 'n_countries', effect: -0.2 },
      { feature: 'country=US', effect: -0.05 },
      { feature: 'language=en', effect: -0.12 },
    ];
    const warnings = blankFieldWarnings(film, places);
    expect(warnings[0]).toMatch(/^No production country given: .* 22% lower than an average film's countries would/);
    expect(warnings[1]).toMatch(/^No original language given: .* 11% lower/);
    expect(blankFieldWarnings({ ...film, countries: ['US'], language: 'en' }, places)).toEqual([]);
  });

  it('treats a blank title like the other blank fields: a warning when the franchise records move it noticeably', () => {
    const franchise = [
      { feature: 'franchise_prior_films', effect: -0.15 },
      { feature: 'franchise_prior_mean_log_revenue', effect: -0.03 },
      { feature: 'franchise_last_log_roi', effect: 0.01 },
    ];
    const warnings = blankFieldWarnings(film, franchise);
    // exp(-0.17) - 1 = -16%.
    expect(warnings).toEqual([
      'No title given: the model reads that as a film that continues no earlier film in the data, which puts this ' +
        "forecast 16% lower than an average film's franchise record would. Enter the title if known.",
    ]);
    expect(blankFieldWarnings({ ...film, title: '   ' }, franchise)).toEqual(warnings);
    expect(blankFieldWarnings({ ...film, title: 'Night Harbor' }, franchise)).toEqual([]);
    // The usual size of it (about -0.07 on log revenue, 7%) is below the bar every blank field shares.
    expect(blankFieldWarnings(film, [{ feature: 'franchise_prior_films', effect: -0.07 }])).toEqual([]);
  });

  it('stays quiet when the names are typed, when the effect is small, or when the model reads no records', () => {
    expect(blankFieldWarnings({ ...film, directors: ['Ann Lee'], cast: ['Bo Park'] }, records)).toEqual([]);
    expect(blankFieldWarnings(film, [{ feature: 'company_prior_films', effect: -0.09 }])).toEqual([]);
    expect(blankFieldWarnings(film, [{ feature: 'log_budget', effect: -2 }])).toEqual([]);
  });

  it('is part of the forecast, named after the model that reads director records', () => {
    const linear = linearRevenueModel();
    const withDirectors = {
      ...linear,
      explain: (f: Parameters<typeof linear.explain>[0]) => {
        const explained = linear.explain(f);
        const debut = 'directors' in f && (f.directors?.length ?? 0) > 0 ? 0 : -0.5;
        const record = { feature: 'director_prior_mean_log_revenue', value: 'unknown', effect: debut };
        return { ...explained, contributions: [...explained.contributions, record] };
      },
    };
    const s = buildForecastState({ revenue: withDirectors, hit: null }, sampleFilms());
    expect(forecastWith(s, scenario).warnings).toContainEqual(expect.stringMatching(/^No director given: .* 39%/));
    expect(forecastWith(s, { ...scenario, directors: ['Ann Lee'] }).warnings.join(' ')).not.toMatch(/director/);
  });
});

/**
 * What a forecast's reasons say, in the app's waterfall, the PDF and the CLI: the readable label of each feature and
 * the film's value ("Franchise: latest returned 6.1× budget"), never the column's name ("franchise last log
 * roi 6.1x budget"); and the earlier films of a franchise beside the model's pulled-in reading of them.
 */
import { describe, expect, it } from 'vitest';
import { buildFeatureSpec } from '../../../src-main/core/features';
import { catalogLabel, columnLabel, contributionLabel, describeValue } from '../../../src-main/core/features/labels';
import type { FeatureColumn } from '../../../src-main/core/features/types';
import { describeContributions } from '../../../src-main/core/forecast/explain-text';
import { printForecast } from '../../../src-main/cli/commands/predict';
import { contributionsWaterfallOption, featureLabel, waterfallSteps } from '../../../src-main/shared/charts/forecast';
import { renderChartSvg } from '../../../src-main/core/report/charts-svg';
import { franchiseNote } from '../../../src-main/shared/format';
import { silverFilm } from '../features/film-fixtures';
import { makeForecast, sampleInput } from '../report/fixtures';

const credits = { directors: ['Jon Favreau'], cast: ['Robert Downey Jr.'], companies: ['Marvel Studios'] };
const spec = buildFeatureSpec(
  [
    silverFilm({ id: 1, title: 'Iron Man', releaseDate: '2008-05-02', year: 2008, revenue: 585e6, ...credits }),
    silverFilm({ id: 2, title: 'Iron Man 2', releaseDate: '2010-05-07', year: 2010, revenue: 624e6, ...credits }),
  ],
  'greenlight',
);
const column = (name: string): FeatureColumn => {
  const found = spec.columns.find((c) => c.name === name);
  if (!found) throw new Error(`no column ${name}: ${spec.columns.map((c) => c.name).join(', ')}`);
  return found;
};
const label = (name: string, value: number) => contributionLabel(column(name), value);

describe('contributionLabel', () => {
  it('says what the franchise figures are in words', () => {
    expect(label('franchise_last_log_roi', Math.log(6.075))).toBe('Franchise: latest returned 6.1× budget');
    expect(label('franchise_last_log_roi', NaN)).toBe('Franchise: no earlier return known');
    expect(label('franchise_prior_films', 3)).toBe('Franchise: 3 earlier films');
    expect(label('franchise_prior_films', 1)).toBe('Franchise: 1 earlier film');
    expect(label('franchise_prior_films', 0)).toBe('Franchise: no earlier films');
    // The mean is pulled toward the average film: the model's reading, not the films' own figure.
    expect(label('franchise_prior_mean_log_revenue', Math.log1p(174e6))).toBe('Franchise: earlier films read as $174M');
    expect(label('franchise_prior_mean_log_revenue', NaN)).toBe('Franchise: no earlier films');
  });

  it('says whose track record and what it holds', () => {
    expect(label('director_prior_films', 0)).toBe('Director: no earlier films');
    expect(label('cast_prior_films', 12)).toBe('Lead cast: 12 earlier films');
    expect(label('company_prior_films', 1234)).toBe('Studios: 1,234 earlier films');
    expect(label('director_prior_mean_log_revenue', Math.log1p(80e6))).toBe('Director: earlier films read as $80M');
    expect(label('company_prior_hit_rate', 0.456)).toBe('Studios: earlier hit rate read as 46%');
  });

  it('names the group and the way a membership goes, and scalars by their readable names', () => {
    expect(label('genre=Drama', 1)).toBe('Genre: Drama');
    expect(label('genre=Drama', 0)).toBe('Genre: not Drama');
    expect(label('log_budget', Math.log1p(150e6))).toBe('Budget: $150M');
    expect(label('runtime', 124)).toBe('Runtime: 124 min');
    expect(label('runtime', NaN)).toBe('Runtime: unknown');
    expect(label('year', 2027)).toBe('Release year: 2027');
    expect(label('month', 6)).toBe('Release month: June');
    expect(label('n_countries', 0)).toBe('Number of production countries: 0');
  });

  it('covers every column of the greenlight set without a column name in it', () => {
    for (const c of spec.columns) {
      for (const value of [0, 1, 3, NaN]) {
        const text = contributionLabel(c, value);
        expect(text, c.name).toMatch(/^[A-Z][^:]*: \S/);
        expect(text, c.name).not.toMatch(/_|log |=|undefined|NaN/);
      }
    }
  });

  it("names an original language by its name, TMDB's codes as TMDB means them, an unknown code as it is", () => {
    const language = (term: string): FeatureColumn => ({
      name: `language=${term}`,
      label: `original language ${term}`,
      source: { type: 'member', list: 'language', term },
    });
    expect(contributionLabel(language('fr'), 1)).toBe('Original language: French');
    expect(contributionLabel(language('zh'), 1)).toBe('Original language: Mandarin');
    expect(contributionLabel(language('cn'), 0)).toBe('Original language: not Cantonese');
    expect(contributionLabel(language('qq'), 1)).toBe('Original language: qq');
    // Countries are not languages: 'CN' is China, not Cantonese.
    const country: FeatureColumn = {
      name: 'country=CN',
      label: 'production country CN',
      source: { type: 'member', list: 'countries', term: 'CN' },
    };
    expect(contributionLabel(country, 1)).toBe('Production country: China');
  });

  it('names a production country by its name, from the column, whatever label the model was saved with', () => {
    // As the shipped models in models/ store them: the label holds the code.
    const country = (term: string): FeatureColumn => ({
      name: `country=${term}`,
      label: `production country ${term}`,
      source: { type: 'member', list: 'countries', term },
    });
    expect(contributionLabel(country('CN'), 1)).toBe('Production country: China');
    expect(contributionLabel(country('US'), 0)).toBe('Production country: not United States');
    expect(contributionLabel(country('GB'), 1)).toBe('Production country: United Kingdom');
    expect(contributionLabel(country('XX'), 1)).toBe('Production country: XX');
    expect(catalogLabel(country('CN'))).toBe('production country China');
    expect(describeValue(country('GB'), 1)).toBe('production country United Kingdom: yes');
    expect(columnLabel(country('CN'))).toBe('Production country: China');
    // A spec built from films (five make a country a column) names its country columns the same way.
    const films = [1, 2, 3, 4, 5].map((id) => silverFilm({ id, title: `Film ${id}`, countries: ['CN'] }));
    const built = buildFeatureSpec(films, 'countries');
    const cn = built.columns.find((c) => c.name === 'country=CN');
    expect(cn && contributionLabel(cn, 1)).toBe('Production country: China');
  });

  it('names a track record read from a log ROI as a multiple of the budget, not as dollars', () => {
    const roi = buildFeatureSpec(
      [silverFilm({ id: 1, title: 'A', directors: ['Ann'] })],
      'director_prior_mean_log_roi',
    );
    expect(contributionLabel(roi.columns[0], Math.log(2.1))).toBe('Director: earlier films read as 2.1× budget');
  });
});

describe('contribution text, waterfall and PDF rows', () => {
  const contributions = [
    {
      feature: 'franchise_last_log_roi',
      value: '6.1x budget',
      effect: 0.27,
      label: 'Franchise: latest returned 6.1× budget',
    },
    { feature: 'log_budget', value: '$90M', effect: 1.2, label: 'Budget: $90M' },
    { feature: 'genre=Drama', value: 'no', effect: -0.05 },
    { feature: 'language=cn', value: 'yes', effect: 0.01 },
  ];

  it('read the label with the effect, sorted by size; a model without labels falls back to the column', () => {
    expect(describeContributions(contributions, 'log revenue').map((c) => c.text)).toEqual([
      'Budget: $90M (+1.20 on log revenue)',
      'Franchise: latest returned 6.1× budget (+0.27 on log revenue)',
      'not genre Drama: \u22120.05 on log revenue',
      'language Cantonese: +0.01 on log revenue',
    ]);
  });

  it('label the waterfall with the label, and forecasts saved before labels with the column', () => {
    const described = describeContributions(contributions, 'log revenue');
    expect(described.map(featureLabel)).toEqual([
      'Budget: $90M',
      'Franchise: latest returned 6.1× budget',
      'genre: not Drama',
      'language: Cantonese',
    ]);
    const forecast = { ...makeForecast(sampleInput), contributions: described };
    expect(waterfallSteps(forecast, 3).map((s) => s.label)).toContain('Franchise: latest returned 6.1× budget');
  });

  it('print whole on the waterfall, the longest of the usual labels included', () => {
    const long = ['Franchise: latest returned 6.1× budget', 'Lead cast: earlier films read as $71.5M'];
    const forecast = {
      ...makeForecast(sampleInput),
      contributions: long.map((text, i) => ({ feature: `f${i}`, value: '', effect: 0.3, label: text, text })),
    };
    const svg = renderChartSvg(contributionsWaterfallOption(forecast), 515, 262);
    for (const text of long) expect(svg).toContain(`>${text}<`);
  });
});

describe('franchiseNote', () => {
  const films = [
    { title: 'Iron Man', year: 2008, revenue: 585e6 },
    { title: 'Iron Man 2', year: 2010, revenue: 624e6 },
    { title: 'Iron Man 3', year: 2013, revenue: 1.215e9 },
  ];

  it("puts the earlier films' own figures beside the model's reading", () => {
    expect(franchiseNote({ films, modelReading: 174e6 })).toBe(
      'Earlier films in this franchise (found by title): Iron Man (2008) $585M, Iron Man 2 (2010) $624M, ' +
        'Iron Man 3 (2013) $1.22B. The model reads them as $174M, pulled toward the average film: 3 films are ' +
        'little evidence.',
    );
    expect(franchiseNote({ films: films.slice(0, 1), modelReading: null })).toBe(
      'Earlier films in this franchise (found by title): Iron Man (2008) $585M.',
    );
    expect(franchiseNote(undefined)).toBeNull();
    expect(franchiseNote({ films: [], modelReading: null })).toBeNull();
  });

  it('names the latest five of a long franchise and counts the rest', () => {
    const many = Array.from({ length: 8 }, (_, i) => ({ title: `Saga ${i + 1}`, year: 2000 + i, revenue: 1e8 }));
    const note = franchiseNote({ films: many, modelReading: 9e7 })!;
    expect(note).toContain('3 earlier, then Saga 4 (2003) $100M');
    expect(note).not.toContain('Saga 3 ');
    expect(note).toContain('8 films are little evidence');
  });

  it('is printed by the CLI under the reasons', () => {
    let out = '';
    const forecast = { ...makeForecast(sampleInput), franchise: { films, modelReading: 174e6 } };
    printForecast(forecast, { write: (s: string) => (out += s) } as unknown as NodeJS.WritableStream);
    expect(out).toContain('Earlier films in this franchise (found by title): Iron Man (2008) $585M');
    expect(out.indexOf('Earlier films in this franchise')).toBeGreaterThan(out.indexOf('Why (top reasons):'));
  });
});

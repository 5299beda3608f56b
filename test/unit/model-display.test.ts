/**
 * The model channels' display additions (core/api/model-display.ts): importance rows carry the feature catalog's
 * label beside the column name, and a version's detail says how many feature groups its columns came from. What
 * training stored is read as it is; nothing here changes it.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../src-main/core/api/handler';
import { handlers } from '../../src-main/core/api/handlers';
import { createContext } from '../../src-main/core/context';
import { openDatabase } from '../../src-main/core/store/db';
import { getModelVersion, insertModelVersion } from '../../src-main/core/store/models';
import { columnLabel } from '../../src-main/core/features/labels';
import { readShippedModel } from '../../src-main/core/models/defaults';
import { GREENLIGHT_SET } from '../../src-main/core/features/catalog';
import type { FeatureColumn } from '../../src-main/core/features/types';
import type { ModelDetail, ModelDiagnostics } from '../../src-main/shared/contract/models';

const db = openDatabase(':memory:');
const ctx = createContext(db, ':memory:', 'http');
afterAll(() => db.close());

/** Columns as a model saved before the catalog's current wording stored them (display reads the new words). */
const columns: FeatureColumn[] = [
  { name: 'log_budget', label: 'budget', source: { type: 'scalar', scalar: 'log_budget' } },
  { name: 'genre=Drama', label: 'genre Drama', source: { type: 'member', list: 'genres', term: 'Drama' } },
  {
    name: 'company=Pixar',
    label: 'production company Pixar',
    source: { type: 'member', list: 'companies', term: 'Pixar' },
  },
  {
    name: 'director_prior_hit_rate',
    label: "director's prior hit rate",
    source: { type: 'track', who: 'director', stat: 'prior_hit_rate' },
  },
  {
    name: 'franchise_prior_films',
    label: 'earlier films in its franchise (by title)',
    source: { type: 'franchise', stat: 'franchise_prior_films' },
  },
  { name: 'language=cn', label: 'original language cn', source: { type: 'member', list: 'language', term: 'cn' } },
  { name: 'country=CN', label: 'production country CN', source: { type: 'member', list: 'countries', term: 'CN' } },
];

/** A stored version as training leaves one, with `featureNames` from its spec (plus one the spec lacks). */
function storeVersion(): number {
  const featureNames = [...columns.map((c) => c.name), 'legacy_column'];
  return insertModelVersion(db, {
    target: 'revenue',
    algorithm: 'gbdt',
    featureSet: 'greenlight',
    params: {},
    metrics: { r2: 0.5 },
    data: { rows: 100, years: [1990, 2016], batches: [1], fingerprint: 'x', includeFlagged: false },
    note: null,
    featureSpec: {
      version: 1,
      set: 'greenlight',
      requested: [...GREENLIGHT_SET],
      columns,
      hitMultiple: 2,
      history: null,
    },
    report: {
      protocol: { kind: 'kfold', folds: 3, repeats: 1, seed: 42, temporalSplit: null, scoring: 'r2' },
      candidates: [],
      chosen: 0,
      featureNames,
      importance: { gain: [0.5, 0.2, 0.1, 0.1, 0.04, 0.03, 0.02, 0.01], permutation: null },
      oof: { filmIds: [1, 2], actual: [17, 18], predicted: [17.5, 17.8] },
      coverage: { maxBudget: null, minBudget: null, lastYear: 2016, firstYear: 1990, genres: [] },
      seconds: 1,
    },
    calibration: {},
    artifact: {} as never,
  } as never);
}

describe('feature labels for charts over a whole model', () => {
  it("name a membership column as the forecast reasons do, any other by its catalog label's current words", () => {
    expect(columns.map(columnLabel)).toEqual([
      'Budget',
      'Genre: Drama',
      'Production company: Pixar',
      "Director's earlier films: hit rate",
      "Franchise's earlier films (found by title): count",
      'Original language: Cantonese',
      'Production country: China',
    ]);
  });

  it('name the countries of the models shipped in models/ without retraining them', () => {
    const stored = readShippedModel('revenue').featureSpec.columns.filter((c) => c.source.type === 'member');
    const byName = new Map(stored.map((c) => [c.name, c]));
    // Saved with the codes in their labels; read in words from each column's source.
    expect(byName.get('country=CN')?.label).toBe('production country CN');
    expect(columnLabel(byName.get('country=CN')!)).toBe('Production country: China');
    expect(columnLabel(byName.get('country=US')!)).toBe('Production country: United States');
    expect(columnLabel(byName.get('country=GB')!)).toBe('Production country: United Kingdom');
    expect(stored.filter((c) => /^Production country: [A-Z]{2}$/.test(columnLabel(c)))).toEqual([]);
  });

  it('fall back to the stored label for a column the catalog does not know', () => {
    const odd = {
      name: 'director_prior_other',
      label: 'something older',
      source: { type: 'track', who: 'director', stat: 'prior_other' },
    };
    expect(columnLabel(odd as unknown as FeatureColumn)).toBe('Something older');
  });
});

describe('models.diagnostics and models.get for display', () => {
  const id = storeVersion();

  it('label every importance row from the version’s own spec, keeping the column name and gain', async () => {
    const d = (await dispatch(handlers, ctx, 'models.diagnostics', { id })) as ModelDiagnostics;
    const byName = new Map(d.importance.map((r) => [r.feature, r]));
    expect(byName.get('log_budget')).toMatchObject({ label: 'Budget', gain: 0.5 });
    expect(byName.get('genre=Drama')).toMatchObject({ label: 'Genre: Drama', gain: 0.2 });
    expect(byName.get('director_prior_hit_rate')?.label).toBe("Director's earlier films: hit rate");
    expect(byName.get('language=cn')?.label).toBe('Original language: Cantonese');
    expect(byName.get('country=CN')).toMatchObject({ label: 'Production country: China', gain: 0.02 });
    // A column the spec does not know keeps its name only (the chart shows the name).
    expect(byName.get('legacy_column')?.label).toBeUndefined();
  });

  it('count the feature groups asked for beside the encoded columns', async () => {
    const detail = (await dispatch(handlers, ctx, 'models.get', { id })) as ModelDetail;
    expect(detail.featureGroups).toBe(GREENLIGHT_SET.length);
    expect(detail.featureNames).toHaveLength(columns.length + 1);
  });

  it('leave what training stored untouched', () => {
    const stored = getModelVersion(db, id)!;
    expect((stored.report as { importance: unknown }).importance).toEqual({
      gain: [0.5, 0.2, 0.1, 0.1, 0.04, 0.03, 0.02, 0.01],
      permutation: null,
    });
    expect(stored.featureSpec.columns).toEqual(columns);
  });
});

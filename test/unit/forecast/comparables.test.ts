import { describe, expect, it } from 'vitest';
import { buildComparablesIndex, findComparables } from '../../../src-main/core/forecast/comparables';
import { sampleFilms, silverFilm } from './helpers';

const predicted = () => 1;

describe('comparables', () => {
  it('leaves out flagged films and films without known revenue', () => {
    const index = buildComparablesIndex(sampleFilms());
    expect(index.films.map((f) => f.id)).toEqual([1, 2, 3, 4, 7]);
  });

  it('ranks the most alike first, with actual revenue and the model prediction', () => {
    const index = buildComparablesIndex(sampleFilms());
    const found = findComparables(
      index,
      { budget: 155e6, genres: ['Action', 'Adventure'], releaseDate: '2013-06-01', runtime: 110, language: 'en' },
      3,
      (f) => f.revenue! * 0.9,
    );
    expect(found.map((c) => c.id)).toEqual([4, 1, 7]);
    expect(found[0].revenue).toBe(700e6);
    expect(found[0].predicted).toBeCloseTo(630e6, 3);
    expect(found[0].similarity).toBeGreaterThan(found[1].similarity);
    expect(found[0].similarity).toBeLessThanOrEqual(1);
  });

  it('excludes the film itself when it is in the data (same title and year)', () => {
    const index = buildComparablesIndex(sampleFilms());
    const itself = {
      title: 'action sequel',
      budget: 160e6,
      genres: ['Action', 'Adventure'],
      releaseDate: '2014-06-20',
    };
    const ids = findComparables(index, itself, 4, predicted).map((c) => c.id);
    expect(ids).not.toContain(4);
    expect(ids).toHaveLength(4);
    // A film of the same title in another year is a different film and may be compared.
    const remake = findComparables(index, { ...itself, releaseDate: '2030-06-20' }, 4, predicted).map((c) => c.id);
    expect(remake).toContain(4);
  });

  it('counts the people when the analyst names them', () => {
    const index = buildComparablesIndex(sampleFilms());
    const withDirector = findComparables(
      index,
      { budget: 155e6, genres: ['Action', 'Adventure'], directors: ['ANN LEE'] },
      1,
      predicted,
    );
    expect(withDirector[0].id).toBe(1);
  });
});

describe('comparables pruning', () => {
  it('finds the same films as an exhaustive ranking', () => {
    // 400 films on a grid of budgets, years and genres; compare the pruned scan with a full sort.
    const genres = ['Action', 'Drama', 'Comedy', 'Horror', 'Adventure'];
    const films = Array.from({ length: 400 }, (_, i) =>
      silverFilm({
        id: i + 1,
        title: `F${i}`,
        budget: 1e6 * (1 + ((i * 37) % 300)),
        year: 1980 + (i % 37),
        releaseDate: `${1980 + (i % 37)}-05-01`,
        runtime: 80 + (i % 60),
        genres: [genres[i % 5], genres[(i * 7) % 5]],
        originalLanguage: i % 3 === 0 ? 'fr' : 'en',
      }),
    );
    const index = buildComparablesIndex(films);
    const input = {
      budget: 80e6,
      genres: ['Action', 'Horror'],
      releaseDate: '2001-05-01',
      runtime: 100,
      language: 'en',
    };
    const found = findComparables(index, input, 10, predicted);
    const all = findComparables(index, input, 400, predicted);
    expect(found.map((c) => c.id)).toEqual(all.slice(0, 10).map((c) => c.id));
    expect(findComparables(index, input, 0, predicted)).toEqual([]);
  });
});

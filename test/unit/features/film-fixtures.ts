import type { SilverFilm } from '../../../src-main/shared/film';

let nextId = 1;

/** A silver film with sensible defaults; tests override what they care about. */
export function silverFilm(overrides: Partial<SilverFilm> = {}): SilverFilm {
  const id = overrides.id ?? nextId++;
  return {
    id,
    tmdbId: id,
    title: `Film ${id}`,
    budget: 10_000_000,
    revenue: 30_000_000,
    runtime: 100,
    releaseDate: '2005-06-15',
    year: 2005,
    originalLanguage: 'en',
    popularity: 10,
    voteAverage: 6.5,
    voteCount: 500,
    hasHomepage: false,
    hasTagline: true,
    genres: ['Drama'],
    keywords: [],
    companies: [],
    countries: ['US'],
    languages: ['en'],
    cast: [],
    directors: [],
    flags: [],
    ...overrides,
  };
}

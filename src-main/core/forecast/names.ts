/**
 * Names as the data spell them. Analysts type "action" or "warner bros."; the data say "Action" and
 * "Warner Bros.". A vocabulary maps the lower-cased, space-normalised form to the data's spelling.
 */
import type { SilverFilm } from '../../shared/film';

export function nameKey(name: string): string {
  return name.normalize('NFC').trim().replace(/\s+/g, ' ').toLowerCase();
}

export type NameList = 'genres' | 'companies' | 'keywords' | 'countries' | 'languages' | 'cast' | 'directors';

/** For each list, lower-cased name -> the data's spelling (the first spelling met wins). */
export type Vocabulary = Record<NameList, Map<string, string>>;

export function buildVocabulary(films: readonly SilverFilm[], extraGenres: readonly string[] = []): Vocabulary {
  const vocab: Vocabulary = {
    genres: new Map(),
    companies: new Map(),
    keywords: new Map(),
    countries: new Map(),
    languages: new Map(),
    cast: new Map(),
    directors: new Map(),
  };
  const add = (list: NameList, name: string | null | undefined) => {
    if (!name) return;
    const key = nameKey(name);
    if (key && !vocab[list].has(key)) vocab[list].set(key, name);
  };
  for (const g of extraGenres) add('genres', g);
  for (const film of films) {
    film.genres.forEach((n) => add('genres', n));
    film.companies.forEach((n) => add('companies', n));
    film.keywords.forEach((n) => add('keywords', n));
    film.countries.forEach((n) => add('countries', n));
    add('languages', film.originalLanguage);
    film.languages.forEach((n) => add('languages', n));
    film.cast.forEach((n) => add('cast', n));
    film.directors.forEach((n) => add('directors', n));
  }
  return vocab;
}

/** The data's spelling of `name`, or the name as typed (trimmed) when the data never saw it. */
export function canonicalName(vocab: Vocabulary, list: NameList, name: string): string {
  return vocab[list].get(nameKey(name)) ?? name.trim().replace(/\s+/g, ' ');
}

/** The known genres, sorted, for messages and the form. */
export function knownGenres(vocab: Vocabulary): string[] {
  return [...vocab.genres.values()].sort((a, b) => a.localeCompare(b));
}

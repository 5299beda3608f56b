/**
 * The compiled encoder (term lookups precomputed once per spec) must give exactly the numbers of the plain
 * reference encoder below (the original, per-column implementation) on every film of the embedded data,
 * as silver films and as the analyst's new-film input.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../../src-main/core/store/db';
import { importDefaults } from '../../../src-main/core/ingest/import';
import { loadSilverFilms } from '../../../src-main/core/store/films';
import { buildFeatureSpec, encode, encodeMatrix, scalarValue } from '../../../src-main/core/features/spec';
import { termKey, toFilmFacts } from '../../../src-main/core/features/film-facts';
import { trackRecord } from '../../../src-main/core/features/track-records';
import type { FeatureSpec, FilmFacts } from '../../../src-main/core/features/types';
import type { FilmInput, SilverFilm } from '../../../src-main/shared/film';

/** The reference: one column at a time, normalising every vocabulary term on every call. */
function referenceEncode(spec: FeatureSpec, film: FilmInput | SilverFilm): number[] {
  const facts: FilmFacts = toFilmFacts(film);
  const terms = (list: string): string[] =>
    list === 'language' ? (facts.language ? [facts.language] : []) : (facts[list as 'genres'] as string[]);
  return spec.columns.map((column) => {
    const source = column.source;
    if (source.type === 'member') {
      return new Set(terms(source.list).map(termKey)).has(termKey(source.term)) ? 1 : 0;
    }
    if (source.type === 'track') {
      return spec.history ? trackRecord(spec.history, facts, source.who)[source.stat] : NaN;
    }
    return scalarValue(facts, source.scalar); // unchanged by the rewrite
  });
}

/** The analyst's input for a past film: same facts, as a film that does not exist yet (with odd spacing/case). */
function asNewFilm(f: SilverFilm): FilmInput {
  return {
    title: f.title,
    budget: f.budget ?? 1,
    runtime: f.runtime ?? undefined,
    releaseDate: f.releaseDate ?? undefined,
    language: f.originalLanguage ?? undefined,
    genres: f.genres,
    countries: f.countries,
    companies: f.companies.map((c) => `  ${c.toUpperCase()} `),
    keywords: f.keywords,
    directors: f.directors,
    cast: f.cast,
  } as FilmInput;
}

let dir: string;
let db: Db;
let films: SilverFilm[];
beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'greenlight-encoder-'));
  db = openDatabase(path.join(dir, 'g.sqlite'));
  await importDefaults(db);
  films = loadSilverFilms(db, { includeFlagged: true });
}, 120_000);
afterAll(() => {
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('compiled encoder', () => {
  it.each(['greenlight', 'tracking'])('matches the reference on every film with the %s set', (set) => {
    const spec = buildFeatureSpec(films, set);
    const reference = films.flatMap((f) => referenceEncode(spec, f));
    const matrix = encodeMatrix(spec, films);
    expect(matrix.data.length).toBe(reference.length);
    expect(Array.from(matrix.data)).toEqual(reference);
    // New films (the forecast path), through a JSON round trip of the spec as a stored model has it.
    const stored = JSON.parse(JSON.stringify(spec)) as FeatureSpec;
    for (const film of films.slice(0, 800)) {
      const input = asNewFilm(film);
      expect(Array.from(encode(stored, input))).toEqual(referenceEncode(spec, input));
    }
  });
});

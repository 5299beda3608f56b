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
import {
  TRACK_STAT_NAMES,
  type FeatureSpec,
  type FilmFacts,
  type FranchiseStat,
  type TrackHistory,
  type TrackStat,
  type TrackWho,
} from '../../../src-main/core/features/types';
import type { FilmInput, SilverFilm } from '../../../src-main/shared/film';
import { FRANCHISE_STAT_NAMES, RARE_WORD_MAX_TITLES, parseTitle } from '../../../src-main/core/features/franchise';

const allFilmsMemo = new Map<string, { globalMean: number; globalHitRate: number; globalRoi: number }>();
function allFilmsBefore(history: TrackHistory, day: number) {
  const memoKey = `${history.films.length}|${day}`;
  let memo = allFilmsMemo.get(memoKey);
  if (!memo) {
    const earlier = history.films.filter((f) => f[0] < day);
    const knownEarlier = earlier.filter((f) => f[2] >= 0);
    const budgeted = earlier.filter((f) => (f[3] ?? -1) >= 0);
    memo = {
      globalMean: earlier.length ? earlier.reduce((a, f) => a + f[1], 0) / earlier.length : NaN,
      globalHitRate: knownEarlier.length ? knownEarlier.reduce((a, f) => a + f[2], 0) / knownEarlier.length : NaN,
      globalRoi: budgeted.length ? budgeted.reduce((a, f) => a + f[1] - (f[3] as number), 0) / budgeted.length : NaN,
    };
    allFilmsMemo.set(memoKey, memo);
  }
  return memo;
}

const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;

/** The reference track record: every listed film filtered by date, shared films deduplicated with a Set. */
function referenceTrackRecord(history: TrackHistory, facts: FilmFacts, who: TrackWho): Record<TrackStat, number> {
  const missing = Object.fromEntries(TRACK_STAT_NAMES.map((s) => [s, NaN])) as Record<TrackStat, number>;
  const names =
    who === 'director' ? facts.directors : who === 'cast' ? facts.cast.slice(0, history.topCast) : facts.companies;
  // No names listed reads as a debut (no earlier films), computed below like any unknown name.
  if (facts.day === null && !facts.isNew) return missing;
  const day = facts.day ?? Infinity;
  const index = who === 'director' ? history.directors : who === 'cast' ? history.cast : (history.companies ?? {});
  const priorOf = (name: string) => (index[termKey(name)] ?? []).filter((i) => history.films[i][0] < day);
  const prior = new Set(names.flatMap(priorOf));
  const { globalMean, globalHitRate, globalRoi } = allFilmsBefore(history, day);
  const k = history.shrinkage;
  const films = [...prior].map((i) => history.films[i]);
  const withHit = films.filter((f) => f[2] >= 0);
  const withBudget = films.filter((f) => (f[3] ?? -1) >= 0);
  const shrunk = (sum: number, n: number, toward: number) => (sum + k * toward) / (n + k);
  const asOf = day === Infinity ? history.films[history.films.length - 1][0] : day;
  const weights = films.map((f) => 0.5 ** ((asOf - f[0]) / (5 * 365.25)));
  const perName = names
    .map((name) => priorOf(name).map((i) => history.films[i][1]))
    .filter((logs) => logs.length > 0)
    .map((logs) =>
      shrunk(
        logs.reduce((a, b) => a + b, 0),
        logs.length,
        globalMean,
      ),
    );
  return {
    prior_films: films.length,
    prior_mean_log_revenue: shrunk(
      films.reduce((a, f) => a + f[1], 0),
      films.length,
      globalMean,
    ),
    prior_hit_rate: shrunk(
      withHit.reduce((a, f) => a + f[2], 0),
      withHit.length,
      globalHitRate,
    ),
    prior_max_log_revenue: films.length ? Math.max(...films.map((f) => f[1])) : NaN,
    prior_mean_log_roi: shrunk(
      withBudget.reduce((a, f) => a + f[1] - (f[3] as number), 0),
      withBudget.length,
      globalRoi,
    ),
    prior_best_mean_log_revenue: perName.length ? Math.max(...perName) : NaN,
    prior_recent_mean_log_revenue: shrunk(
      films.reduce((a, f, j) => a + weights[j] * f[1], 0),
      weights.reduce((a, b) => a + b, 0),
      globalMean,
    ),
  };
}

/** The reference market budget: mean log budget of history films dated in [day - 3 years, day). */
function referenceBudgetVsMarket(history: TrackHistory, facts: FilmFacts): number {
  if (facts.budget === null || (facts.day === null && !facts.isNew)) return NaN;
  const day = facts.day ?? history.films[history.films.length - 1][0] + 1;
  const window = history.films.filter((f) => f[0] < day && f[0] >= day - 3 * 365 && (f[3] ?? -1) >= 0);
  return window.length ? Math.log1p(facts.budget) - mean(window.map((f) => f[3] as number)) : NaN;
}

/**
 * The reference franchise record: every earlier history film tried (no first-word index), word rarity counted
 * by scanning the earlier titles, shared names found with includes (no binary search).
 */
/** Every history title split once per history (the reference's only shortcut: splitting is not under test). */
const referenceTitleMemo = new WeakMap<TrackHistory, ReturnType<typeof parseTitle>[]>();
function referenceTitles(history: TrackHistory) {
  let parsed = referenceTitleMemo.get(history);
  if (!parsed) referenceTitleMemo.set(history, (parsed = (history.titles ?? []).map((t) => parseTitle(t))));
  return parsed;
}

function referenceFranchiseRecord(history: TrackHistory, facts: FilmFacts): Record<FranchiseStat, number> {
  const record = Object.fromEntries(FRANCHISE_STAT_NAMES.map((s) => [s, NaN])) as Record<FranchiseStat, number>;
  if (facts.day === null && !facts.isNew) return record;
  const day = facts.day ?? Infinity;
  const titles = referenceTitles(history);
  const earlier = history.films.map((f, i) => i).filter((i) => history.films[i][0] < day);
  const later = parseTitle(facts.title);
  const rare = (word: string) =>
    earlier.filter((i) => titles[i].parts.words.includes(word)).length <= RARE_WORD_MAX_TITLES;
  const lists = (index: Record<string, number[]>, names: string[]) => names.map((n) => index[termKey(n)] ?? []);
  const people = [
    ...lists(history.directors, facts.directors),
    ...lists(history.cast, facts.cast.slice(0, history.topCast)),
  ];
  const studios = lists(history.companies ?? {}, facts.companies);
  // Credits: each distinct director and each distinct top-billed lead on both films (one person in both roles: 2).
  const credits = (i: number) =>
    [...new Set(facts.directors.map(termKey))].filter((n) => (history.directors[n] ?? []).includes(i)).length +
    [...new Set(facts.cast.slice(0, history.topCast).map(termKey))].filter((n) => (history.cast[n] ?? []).includes(i))
      .length;
  const small = new Set(
    'the a an of and to in on at for with from by is it my your his her our their this that who what how when where why or vs up me i you we'.split(
      ' ',
    ),
  );
  const priors = earlier.filter((i) => {
    const a = titles[i].parts;
    const b = later.parts;
    if (b.words.length === 0 || a.words.length === 0 || a.words[0] !== b.words[0]) return false;
    if (a.words.join(' ') === b.words.join(' ') && titles[i].article === later.article) return false;
    const byPeople = people.some((l) => l.includes(i));
    const byStudio = studios.some((l) => l.includes(i));
    if (a.key !== '' && a.key === b.key && (a.key.includes(' ') || (a.key.length >= 3 && rare(a.key)))) {
      return b.words.join(' ') !== b.key || later.marked || byPeople || byStudio;
    }
    let p = 0;
    while (p < Math.min(a.words.length, b.words.length) && a.words[p] === b.words[p]) p++;
    const shared = a.words.slice(0, p).filter((w) => !small.has(w));
    if (shared.length >= 2) return (p === a.words.length && b.words.length === p + 1) || byPeople || byStudio;
    if (shared.length !== 1 || !rare(shared[0])) return false;
    const n = credits(i);
    const numbered = titles[i].marked && a.key === shared[0];
    return n >= 2 || (n === 1 && (later.marked || a.words.length === 1 || numbered || byStudio));
  });
  record.franchise_prior_films = priors.length;
  if (priors.length === 0) return record;
  const logs = priors.map((i) => history.films[i][1]);
  const { globalMean } = allFilmsBefore(history, day);
  const k = history.shrinkage;
  record.franchise_prior_mean_log_revenue = (logs.reduce((a, b) => a + b, 0) + k * globalMean) / (logs.length + k);
  record.franchise_prior_max_log_revenue = Math.max(...logs);
  record.franchise_last_log_revenue = logs[logs.length - 1];
  const budgeted = priors.filter((i) => (history.films[i][3] ?? -1) >= 0);
  if (budgeted.length > 0) {
    const last = history.films[budgeted[budgeted.length - 1]];
    record.franchise_last_log_roi = last[1] - (last[3] as number);
  }
  return record;
}

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
      return spec.history ? referenceTrackRecord(spec.history, facts, source.who)[source.stat] : NaN;
    }
    if (source.type === 'franchise') {
      return spec.history ? referenceFranchiseRecord(spec.history, facts)[source.stat] : NaN;
    }
    if (source.scalar === 'log_budget_vs_market') {
      return spec.history ? referenceBudgetVsMarket(spec.history, facts) : NaN;
    }
    return scalarValue(facts, source.scalar, spec); // unchanged by the rewrite
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

/**
 * Equal, except that the reference's all-films means sum in another order (not prefix sums), so they may
 * differ in the last bits; every other value must match exactly.
 */
function expectClose(actual: number[], expected: number[]) {
  expect(actual.length).toBe(expected.length);
  const off = actual.flatMap((a, i) =>
    Object.is(a, expected[i]) || Math.abs(a - expected[i]) <= 1e-12 * Math.max(1, Math.abs(a))
      ? []
      : [[i, a, expected[i]]],
  );
  expect(off.slice(0, 5)).toEqual([]);
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
  const everyTrackStat = ['director', 'cast', 'company']
    .flatMap((who) => TRACK_STAT_NAMES.map((stat) => `${who}_${stat}`))
    .concat('log_budget_vs_market', 'log_budget_real')
    .join(',');
  it.each([
    ['greenlight', 'greenlight'],
    ['tracking', 'tracking'],
    ['every track-record stat and market budget', everyTrackStat],
    ['every franchise stat', [...FRANCHISE_STAT_NAMES, 'runtime'].join(',')],
  ])('matches the reference on every film with the %s features', (_label, set) => {
    const spec = buildFeatureSpec(films, set);
    const reference = films.flatMap((f) => referenceEncode(spec, f));
    const matrix = encodeMatrix(spec, films);
    expect(matrix.data.length).toBe(reference.length);
    expectClose(Array.from(matrix.data), reference);
    // New films (the forecast path), through a JSON round trip of the spec as a stored model has it.
    const stored = JSON.parse(JSON.stringify(spec)) as FeatureSpec;
    for (const film of films.slice(0, 800)) {
      const input = asNewFilm(film);
      expectClose(Array.from(encode(stored, input)), referenceEncode(spec, input));
    }
  });
});

/**
 * Building a feature spec from training films, and encoding any film (past or new) with it. The spec is
 * plain JSON: encode(JSON.parse(JSON.stringify(spec)), film) gives the same numbers as encode(spec, film).
 */
import type { FilmInput, SilverFilm } from '../../shared/film';
import type { Matrix } from '../ml/types';
import {
  FEATURE_SETS,
  HISTORY_SCALARS,
  SCALAR_LABELS,
  TERM_GROUPS,
  COMPANY_TRACK_GROUP,
  FRANCHISE_GROUP,
  FRANCHISE_LABELS,
  FRANCHISE_STATS,
  TRACK_GROUP,
  TRACK_LABELS,
  TRACK_STATS,
  isScalarName,
  resolveFeatureNames,
} from './catalog';
import { termKey, toFilmFacts } from './film-facts';
import { inFixedDollars } from './inflation';
import { franchiseRecord, type FranchiseRecord } from './franchise';
import { budgetVsMarket, buildTrackHistory, hasCredits, trackRecord, type TrackRecord } from './track-records';
import {
  TRACK_STAT_NAMES,
  type FeatureColumn,
  type FeatureSpec,
  type FilmFacts,
  type FranchiseStat,
  type ScalarName,
  type TermList,
  type TrackStat,
  type TrackWho,
} from './types';

export interface BuildSpecOptions {
  /** Hit threshold used for track records (revenue >= hitMultiple x budget). Default 2. */
  hitMultiple?: number;
  /**
   * Films whose revenue feeds the track records (default: the training films). Only films released
   * strictly before a film ever count toward its record.
   */
  historyFilms?: SilverFilm[];
  /** Track records: how many top-billed cast count, and the shrinkage strength (defaults in track-records.ts). */
  topCast?: number;
  shrinkage?: number;
  /** Read a blank country list as one unnamed country in n_countries (FeatureSpec.blankCountriesAsOne). Default true. */
  blankCountriesAsOne?: boolean;
}

function termsOf(facts: FilmFacts, list: TermList): string[] {
  if (list === 'language') return facts.language ? [facts.language] : [];
  return facts[list];
}

/** The `top` most frequent terms (by number of films) with at least `minCount` films; ties by name. */
function vocabulary(
  facts: FilmFacts[],
  list: TermList,
  top: number,
  minCount: number,
  exclude: string[] = [],
): string[] {
  const excluded = new Set(exclude.map(termKey));
  const counts = new Map<string, { display: string; count: number }>();
  for (const f of facts) {
    for (const key of new Set(termsOf(f, list).map(termKey))) {
      if (!key || excluded.has(key)) continue;
      const entry = counts.get(key);
      if (entry) entry.count++;
      else counts.set(key, { display: termsOf(f, list).find((t) => termKey(t) === key) as string, count: 1 });
    }
  }
  return [...counts.values()]
    .filter((e) => e.count >= minCount)
    .sort((a, b) => b.count - a.count || (a.display < b.display ? -1 : a.display > b.display ? 1 : 0))
    .slice(0, top)
    .map((e) => e.display);
}

/**
 * Builds the spec from the training films: vocabularies for term groups, and the track-record history
 * when the films carry credits (otherwise track-record columns are left out of a set, and refused when
 * asked for by name).
 */
export function buildFeatureSpec(
  films: SilverFilm[],
  features: string | string[],
  options: BuildSpecOptions = {},
): FeatureSpec {
  const { set, names } = resolveFeatureNames(features);
  const hitMultiple = options.hitMultiple ?? 2;
  const facts = films.map(toFilmFacts);
  const historyFilms = options.historyFilms ?? films;
  const credits = hasCredits(historyFilms);
  const columns: FeatureColumn[] = [];
  let wantsTrack = false;
  let wantsTitles = false;
  for (const name of names) {
    if (isScalarName(name)) {
      if (HISTORY_SCALARS.includes(name)) wantsTrack = true;
      columns.push({ name, label: SCALAR_LABELS[name], source: { type: 'scalar', scalar: name } });
    } else if (TERM_GROUPS[name]) {
      const group = TERM_GROUPS[name];
      for (const term of vocabulary(facts, group.list, group.top, group.minCount, group.exclude)) {
        columns.push({
          name: `${group.prefix}=${term}`,
          label: `${group.label} ${term}`,
          source: { type: 'member', list: group.list, term },
        });
      }
    } else if (name === COMPANY_TRACK_GROUP || name.startsWith('company_prior_')) {
      wantsTrack = true;
      const stats = name === COMPANY_TRACK_GROUP ? TRACK_STATS : [name.replace(/^company_/, '') as TrackStat];
      for (const stat of stats) {
        columns.push({
          name: `company_${stat}`,
          label: TRACK_LABELS.company[stat],
          source: { type: 'track', who: 'company', stat },
        });
      }
    } else if (name === FRANCHISE_GROUP || name.startsWith('franchise_')) {
      wantsTrack = true;
      wantsTitles = true;
      const stats = name === FRANCHISE_GROUP ? FRANCHISE_STATS : [name as FranchiseStat];
      for (const stat of stats) {
        columns.push({ name: stat, label: FRANCHISE_LABELS[stat], source: { type: 'franchise', stat } });
      }
    } else if (name === TRACK_GROUP || /^(director|cast)_prior_/.test(name)) {
      if (!credits) {
        if (set === 'custom') {
          throw new RangeError(`Feature '${name}' needs credits (directors, cast): import a credits file first.`);
        }
        continue; // a named set simply has no track records without credits
      }
      wantsTrack = true;
      const pairs: [TrackWho, TrackStat][] =
        name === TRACK_GROUP
          ? (['director', 'cast'] as TrackWho[]).flatMap((who) =>
              TRACK_STATS.map((s) => [who, s] as [TrackWho, TrackStat]),
            )
          : [[name.startsWith('director') ? 'director' : 'cast', name.replace(/^(director|cast)_/, '') as TrackStat]];
      for (const [who, stat] of pairs) {
        columns.push({ name: `${who}_${stat}`, label: TRACK_LABELS[who][stat], source: { type: 'track', who, stat } });
      }
    }
  }
  if (columns.length === 0) throw new RangeError(`The features ${names.join(', ')} give no columns on these films.`);
  return {
    version: 1,
    set,
    requested: set === 'custom' ? names : [...FEATURE_SETS[set]],
    columns,
    hitMultiple,
    // Only specs with the column carry the flag (the others encode the same either way).
    ...((options.blankCountriesAsOne ?? true) && columns.some((c) => c.name === 'n_countries')
      ? { blankCountriesAsOne: true }
      : {}),
    history: wantsTrack
      ? buildTrackHistory(historyFilms, hitMultiple, {
          topCast: options.topCast,
          shrinkage: options.shrinkage,
          titles: wantsTitles,
        })
      : null,
  };
}

function orNaN(v: number | null): number {
  return v === null ? NaN : v;
}

/**
 * One scalar feature of a film's facts; NaN when unknown. `spec` says how this spec reads a blank country list
 * (FeatureSpec.blankCountriesAsOne; without it, as none).
 */
export function scalarValue(
  facts: FilmFacts,
  scalar: ScalarName,
  spec?: Pick<FeatureSpec, 'blankCountriesAsOne'>,
): number {
  switch (scalar) {
    case 'log_budget':
    case 'budget':
      return facts.budget === null ? NaN : Math.log1p(facts.budget);
    case 'log_budget_vs_market':
      return NaN; // needs the spec's history: encodeFactsInto fills it
    case 'log_budget_real':
      return facts.budget === null || facts.year === null ? NaN : Math.log1p(inFixedDollars(facts.budget, facts.year));
    case 'runtime':
      return orNaN(facts.runtime);
    case 'year':
      return orNaN(facts.year);
    case 'month':
      return orNaN(facts.month);
    case 'weekday':
      return orNaN(facts.weekday);
    case 'n_genres':
      return facts.genres.length;
    case 'n_keywords':
      return facts.keywords.length;
    case 'n_companies':
      return facts.companies.length;
    case 'n_countries':
      return spec?.blankCountriesAsOne ? Math.max(1, facts.countries.length) : facts.countries.length;
    case 'has_homepage':
      return facts.hasHomepage ? 1 : 0;
    case 'has_tagline':
      return facts.hasTagline ? 1 : 0;
    case 'popularity':
      return orNaN(facts.popularity);
    case 'vote_count':
      return orNaN(facts.voteCount);
    case 'vote_average':
      return orNaN(facts.voteAverage);
  }
}

/**
 * A spec compiled once for fast encoding: each term list's columns as a Map from normalised term to column
 * index, the scalar and track-record columns as flat lists. Built lazily and cached per spec object, so
 * encoding a row does no string normalising of vocabulary terms and builds no closures.
 */
interface CompiledSpec {
  scalarColumns: number[];
  scalarNames: ScalarName[];
  /** Per term list used by the spec: every column it fills (zeroed first) and term key -> column. */
  termLists: { list: TermList; columns: number[]; byKey: Map<string, number>; byRaw: Map<string, number> }[];
  trackColumns: number[];
  trackWho: TrackWho[];
  trackStat: TrackStat[];
  usesDirector: boolean;
  usesCast: boolean;
  usesCompany: boolean;
  franchiseColumns: number[];
  franchiseStat: FranchiseStat[];
}

/** Raw film terms seen are cached per list up to this many (terms repeat across rows; keywords are many). */
const RAW_TERM_CACHE_LIMIT = 50_000;
const NO_COLUMN = -1;
const MISSING_RECORD = Object.fromEntries(TRACK_STAT_NAMES.map((s) => [s, NaN])) as TrackRecord;

const compiledSpecs = new WeakMap<FeatureSpec, CompiledSpec>();

function compileSpec(spec: FeatureSpec): CompiledSpec {
  let compiled = compiledSpecs.get(spec);
  if (compiled) return compiled;
  compiled = {
    scalarColumns: [],
    scalarNames: [],
    termLists: [],
    trackColumns: [],
    trackWho: [],
    trackStat: [],
    usesDirector: false,
    usesCast: false,
    usesCompany: false,
    franchiseColumns: [],
    franchiseStat: [],
  };
  for (let j = 0; j < spec.columns.length; j++) {
    const source = spec.columns[j].source;
    if (source.type === 'scalar') {
      compiled.scalarColumns.push(j);
      compiled.scalarNames.push(source.scalar);
    } else if (source.type === 'member') {
      let group = compiled.termLists.find((g) => g.list === source.list);
      if (!group) {
        group = { list: source.list, columns: [], byKey: new Map(), byRaw: new Map() };
        compiled.termLists.push(group);
      }
      group.columns.push(j);
      const key = termKey(source.term);
      // Two columns with one key cannot come from a built vocabulary; the first wins, as before.
      if (!group.byKey.has(key)) group.byKey.set(key, j);
    } else if (source.type === 'franchise') {
      compiled.franchiseColumns.push(j);
      compiled.franchiseStat.push(source.stat);
    } else {
      compiled.trackColumns.push(j);
      compiled.trackWho.push(source.who);
      compiled.trackStat.push(source.stat);
      if (source.who === 'director') compiled.usesDirector = true;
      else if (source.who === 'cast') compiled.usesCast = true;
      else compiled.usesCompany = true;
    }
  }
  compiledSpecs.set(spec, compiled);
  return compiled;
}

/** The column of a film's raw term in one list, or NO_COLUMN; caches the raw spelling's answer. */
function columnOfTerm(group: CompiledSpec['termLists'][number], raw: string): number {
  const cached = group.byRaw.get(raw);
  if (cached !== undefined) return cached;
  const column = group.byKey.get(termKey(raw)) ?? NO_COLUMN;
  if (group.byRaw.size < RAW_TERM_CACHE_LIMIT) group.byRaw.set(raw, column);
  return column;
}

/** Encodes facts into `out` at `offset` (so matrices fill without copies). */
function encodeFactsInto(spec: FeatureSpec, facts: FilmFacts, out: Float64Array, offset: number): void {
  const compiled = compileSpec(spec);
  const { scalarColumns, scalarNames, termLists, trackColumns } = compiled;
  for (let s = 0; s < scalarColumns.length; s++) {
    const scalar = scalarNames[s];
    out[offset + scalarColumns[s]] =
      scalar === 'log_budget_vs_market'
        ? spec.history
          ? budgetVsMarket(spec.history, facts)
          : NaN
        : scalarValue(facts, scalar, spec);
  }
  for (let g = 0; g < termLists.length; g++) {
    const group = termLists[g];
    const columns = group.columns;
    for (let c = 0; c < columns.length; c++) out[offset + columns[c]] = 0;
    if (group.list === 'language') {
      if (facts.language) {
        const column = columnOfTerm(group, facts.language);
        if (column !== NO_COLUMN) out[offset + column] = 1;
      }
      continue;
    }
    const terms = facts[group.list];
    for (let t = 0; t < terms.length; t++) {
      const column = columnOfTerm(group, terms[t]);
      if (column !== NO_COLUMN) out[offset + column] = 1;
    }
  }
  if (trackColumns.length > 0) {
    const history = spec.history;
    const director = compiled.usesDirector && history ? trackRecord(history, facts, 'director') : MISSING_RECORD;
    const cast = compiled.usesCast && history ? trackRecord(history, facts, 'cast') : MISSING_RECORD;
    const company = compiled.usesCompany && history ? trackRecord(history, facts, 'company') : MISSING_RECORD;
    for (let t = 0; t < trackColumns.length; t++) {
      const who = compiled.trackWho[t];
      const record = who === 'director' ? director : who === 'cast' ? cast : company;
      out[offset + trackColumns[t]] = record[compiled.trackStat[t]];
    }
  }
  const { franchiseColumns } = compiled;
  if (franchiseColumns.length > 0) {
    const record: FranchiseRecord | null = spec.history?.titles ? franchiseRecord(spec.history, facts) : null;
    for (let t = 0; t < franchiseColumns.length; t++) {
      out[offset + franchiseColumns[t]] = record ? record[compiled.franchiseStat[t]] : NaN;
    }
  }
}

/** One film as a row of numbers in the spec's column order; NaN marks a missing value. */
export function encode(spec: FeatureSpec, film: FilmInput | SilverFilm): Float64Array {
  const out = new Float64Array(spec.columns.length);
  encodeFactsInto(spec, toFilmFacts(film), out, 0);
  return out;
}

/** Many films as a row-major matrix. */
export function encodeMatrix(spec: FeatureSpec, films: (FilmInput | SilverFilm)[]): Matrix {
  const cols = spec.columns.length;
  const data = new Float64Array(films.length * cols);
  for (let i = 0; i < films.length; i++) encodeFactsInto(spec, toFilmFacts(films[i]), data, i * cols);
  return { rows: films.length, cols, data };
}

export function featureNames(spec: FeatureSpec): string[] {
  return spec.columns.map((c) => c.name);
}

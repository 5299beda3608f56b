/**
 * Channels other engineers are building, typed as their task notes describe them, so views can be written
 * before the channels land. Once a channel appears in the contract, the contract's type wins (see
 * client.ts) and these entries stop mattering; delete them as they land.
 */
import type { FilmInput, SilverFilm } from '../../../src-main/shared/film';
import type { Forecast, ScenarioRecord } from '../../../src-main/shared/forecast';
import type { ModelVersionSummary, Target } from '../../../src-main/core/models/types';

type Job = { job: string };

export type ImportKind = 'movies' | 'credits' | 'mapped';

export interface ImportPreview {
  kind: ImportKind;
  encoding: string;
  delimiter: string;
  header: string[];
  /** Field -> source column, suggested from the header (mapped files). */
  mapping: Record<string, string>;
  /** The fields a mapping may fill, with whether each is required. */
  fields?: { name: string; required: boolean }[];
  rows: { row: number; values: Record<string, unknown>; problems: string[] }[];
}

export interface ImportSummary {
  file: string;
  batch: number;
  kind: ImportKind;
  rows: number;
  loaded: number;
  quarantined: number;
  flagged: number;
  seconds: number;
  /** The first problems found (quarantine holds every one). */
  problems: { row: number; line: number; field: string | null; reason: string }[];
  encoding?: string;
  delimiter?: string;
}

export interface ImportBatch {
  id: number;
  source: string;
  kind: ImportKind;
  rowsRead: number;
  rowsLoaded: number;
  rowsQuarantined: number;
  rowsFlagged: number;
  startedAt: string;
  finishedAt: string | null;
  seconds: number | null;
}

export interface DataStats {
  films: number;
  withMoney: number;
  flagged: { flag: string; count: number; message?: string }[];
  quarantined: { reason: string; count: number }[];
  batches: number;
}

export interface ExploreData {
  budgetHistogram: { x0: number; x1: number; count: number }[];
  revenueHistogram: { x0: number; x1: number; count: number }[];
  revenueByGenre: { genre: string; median: number; count: number }[];
  revenueByYear: { year: number; median: number; count: number }[];
  budgetVsRevenue: { id: number; title: string; budget: number; revenue: number }[];
  missing: { column: string; missing: number; total: number }[];
}

export interface ModelOptions {
  targets: Target[];
  featureSets: { name: string; features: string[]; description?: string }[];
  algorithms: { name: string; label?: string; targets?: Target[]; params: { name: string; default: unknown }[] }[];
}

export interface TrainInput {
  target: Target;
  features: string;
  algorithm: string;
  params?: Record<string, unknown>;
  grid?: Record<string, unknown[]>;
  folds?: number;
  activate?: boolean;
  note?: string;
}

export interface ModelDiagnostics {
  actualVsPredicted?: { actual: number; predicted: number }[];
  residuals?: { predicted: number; residual: number }[];
  roc?: { fpr: number; tpr: number }[];
  calibration?: { predicted: number; observed: number; count: number }[];
  importance?: { feature: string; gain: number; permutation?: number }[];
}

export interface ForecastChoices {
  genres: string[];
  languages: string[];
  countries: string[];
  hitMultiple: number;
  coverage: { maxBudget: number | null; minBudget: number | null; firstYear: number | null; lastYear: number | null };
  models: { revenue: number | null; hit: number | null };
}

export interface ScenarioView extends ScenarioRecord {
  fresh: Forecast | null;
}

export interface SlateTotals {
  scenarios: number;
  budget: number;
  expectedRevenue: number;
  expectedHits: number | null;
}

export interface PlannedChannels {
  'data.preview': {
    input: { fileName: string; content: string; kind?: ImportKind; mapping?: Record<string, string>; rows?: number };
    output: ImportPreview;
  };
  'data.import': {
    input: { fileName: string; content: string; kind?: ImportKind; mapping?: Record<string, string> };
    output: Job;
  };
  'data.stats': { input: Record<string, never>; output: DataStats };
  'data.batches': { input: Record<string, never>; output: ImportBatch[] };
  'data.explore': { input: Record<string, never>; output: ExploreData };
  'films.search': {
    input: {
      query?: string;
      genre?: string;
      yearFrom?: number;
      yearTo?: number;
      flagged?: boolean;
      limit?: number;
      offset?: number;
    };
    output: { total: number; films: SilverFilm[] };
  };
  'forecast.run': {
    input: { input: FilmInput; options?: { interval?: number; comparables?: number; whatIf?: boolean } };
    output: Forecast;
  };
  'forecast.choices': { input: Record<string, never>; output: ForecastChoices };
  'scenarios.list': { input: Record<string, never>; output: ScenarioRecord[] };
  'scenarios.get': { input: { id: number }; output: ScenarioView | null };
  'scenarios.save': { input: { name: string; note?: string | null; input: FilmInput }; output: ScenarioRecord };
  'scenarios.refresh': { input: { id: number }; output: ScenarioRecord };
  'scenarios.rename': { input: { id: number; name: string }; output: ScenarioRecord };
  'scenarios.annotate': { input: { id: number; note: string | null }; output: ScenarioRecord };
  'scenarios.duplicate': { input: { id: number; name?: string }; output: ScenarioRecord };
  'scenarios.delete': { input: { id: number }; output: { deleted: boolean } };
  'scenarios.compare': { input: { ids: number[] }; output: { scenarios: ScenarioView[]; totals: SlateTotals } };
  'models.options': { input: Record<string, never>; output: ModelOptions };
  'models.list': { input: Record<string, never>; output: ModelVersionSummary[] };
  'models.train': { input: TrainInput; output: Job };
  'models.activate': { input: { id: number }; output: ModelVersionSummary };
  'models.diagnostics': { input: { id: number }; output: ModelDiagnostics };
  'reports.export': { input: { scenarioIds: number[]; note?: string }; output: Job };
}

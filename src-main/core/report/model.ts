/**
 * What a report prints, gathered before any page is laid out: the scenarios with their forecasts, the model
 * versions behind them, and the import batches the data came from. Building this (source.ts) reads the
 * database; rendering it (render.ts) touches nothing but the PDF.
 */
import type { Forecast } from '../../shared/forecast';
import type { ModelVersionSummary } from '../models/types';

export const TMDB_ATTRIBUTION = 'This product uses data from TMDB but is not endorsed or certified by TMDB.';

export interface ReportScenario {
  /** Saved scenario id; null for an inline scenario forecast for this report only. */
  id: number | null;
  name: string;
  note: string | null;
  forecast: Forecast;
  /** When the stored forecast was saved (saved scenarios). */
  savedAt: string | null;
  /** Set when the active models differ from the ones that gave the stored forecast. */
  staleNote: string | null;
}

export interface ImportBatchInfo {
  id: number;
  source: string;
  kind: string;
  rowsRead: number;
  rowsLoaded: number;
  rowsQuarantined: number;
  rowsFlagged: number;
  finishedAt: string | null;
}

export interface ReportData {
  kind: 'scenario' | 'slate';
  title: string;
  /** The analyst's note for the committee (title page). */
  note: string | null;
  generatedAt: Date;
  scenarios: ReportScenario[];
  /** Model versions the forecasts used, as stored (empty when the database no longer holds them). */
  models: ModelVersionSummary[];
  batches: ImportBatchInfo[];
}

export type ReportProgress = (progress: { step: string; current: number; total: number; detail?: string }) => void;

export interface RenderedReport {
  pdf: Buffer;
  pages: number;
  fileName: string;
}

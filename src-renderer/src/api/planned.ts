/**
 * Channels other engineers are building, typed as their task notes describe them, so views can be written
 * before the channels land. Once a channel appears in the contract, the contract's type wins (see
 * client.ts) and these entries stop mattering; delete them as they land.
 */
import type { ModelVersionSummary, Target } from '../../../src-main/core/models/types';

type Job = { job: string };

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

export interface PlannedChannels {
  'models.options': { input: Record<string, never>; output: ModelOptions };
  'models.list': { input: Record<string, never>; output: ModelVersionSummary[] };
  'models.train': { input: TrainInput; output: Job };
  'models.activate': { input: { id: number }; output: ModelVersionSummary };
  'models.diagnostics': { input: { id: number }; output: ModelDiagnostics };
  'reports.export': { input: { scenarioIds: number[]; note?: string }; output: Job };
}

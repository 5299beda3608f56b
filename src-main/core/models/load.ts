/**
 * Loading model versions for prediction: the feature spec and estimator of a stored version, wrapped as a
 * LoadedModel (what forecasts, gold and the seed routes use). Loaded versions are cached per database by id.
 */
import type { Db } from '../store/db';
import { getModelSummary, requireModelVersion, activeModelIds, type ModelVersionRecord } from '../store/models';
import { encode } from '../features/spec';
import { contributionLabel, valueLabel } from '../features/labels';
import { toReportedUnit } from '../features/targets';
import { loadModelArtifact } from './blend';
import type { FilmInput, SilverFilm } from '../../shared/film';
import type { FeatureContribution, LoadedModel, Target } from './types';
import { applyCalibration, type PlattMap } from './calibration';
import type { Coverage } from './report';

/** What calibration_json holds. */
export interface StoredCalibration {
  absResiduals?: number[];
  oof?: { score: number; label: number }[];
  platt?: PlattMap;
}

/** Wraps a stored (or shipped) version as a LoadedModel. */
export function toLoadedModel(record: ModelVersionRecord): LoadedModel {
  const spec = record.featureSpec;
  const estimator = loadModelArtifact(record.artifact);
  const calibration = record.calibration as StoredCalibration;
  const target: Target = record.target;
  const coverage = (record.report.coverage as Coverage | undefined) ?? {
    maxBudget: null,
    minBudget: null,
    lastYear: null,
    firstYear: null,
    genres: [],
  };
  const row = (input: FilmInput | SilverFilm) => encode(spec, input);
  const raw = (x: Float64Array) => estimator.predictRaw({ rows: 1, cols: x.length, data: x })[0];
  return {
    version: {
      id: record.id,
      target,
      algorithm: record.algorithm,
      featureSet: record.featureSet,
      params: record.params,
      metrics: record.metrics,
      data: record.data,
      status: record.status,
      note: record.note,
      createdAt: record.createdAt,
      activatedAt: record.activatedAt,
    },
    predictRaw: (input) => raw(row(input)),
    predict: (input) => {
      const r = raw(row(input));
      return target === 'hit' ? applyCalibration(calibration.platt, r) : toReportedUnit(target, r);
    },
    explain: (input) => {
      const x = row(input);
      const { base, values } = estimator.contributions(x);
      const contributions: FeatureContribution[] = [];
      spec.columns.forEach((column, j) => {
        if (values[j] === 0) return;
        const value = valueLabel(column, x[j]);
        contributions.push({ feature: column.name, value, label: contributionLabel(column, x[j]), effect: values[j] });
      });
      return { base, contributions };
    },
    calibration: { absResiduals: calibration.absResiduals, oof: calibration.oof },
    spec,
    coverage,
  };
}

const cache = new WeakMap<Db, Map<number, LoadedModel>>();

/** Loads a version by id (cached: versions never change once stored; only their status does). */
export function loadModelVersion(db: Db, id: number): LoadedModel {
  let byId = cache.get(db);
  if (!byId) cache.set(db, (byId = new Map()));
  const cached = byId.get(id);
  if (cached) {
    const summary = getModelSummary(db, id);
    if (summary) {
      cached.version = summary; // status and activation time may have changed
      return cached;
    }
    byId.delete(id);
  }
  const model = toLoadedModel(requireModelVersion(db, id));
  byId.set(id, model);
  return model;
}

/** The active version of each target, loaded. Targets without an active version are absent. */
export function loadActiveModels(db: Db): { revenue?: LoadedModel; hit?: LoadedModel; popularity?: LoadedModel } {
  const ids = activeModelIds(db);
  const out: { revenue?: LoadedModel; hit?: LoadedModel; popularity?: LoadedModel } = {};
  for (const [target, id] of Object.entries(ids) as [Target, number][]) out[target] = loadModelVersion(db, id);
  return out;
}

/** Read-side views of a stored version for the UI: its detail page and its diagnostics charts. */
import type { Db } from '../store/db';
import { requireModelVersion, type ModelVersionRecord } from '../store/models';
import { reliabilityBins } from '../forecast/calibration';
import type { ModelDetail, ModelDiagnostics } from '../../shared/contract/models';
import { applyCalibration } from './calibration';
import type { StoredCalibration } from './load';
import type { TrainingReport } from './report';

function reportOf(record: ModelVersionRecord): TrainingReport {
  return record.report as unknown as TrainingReport;
}

export function modelDetail(db: Db, id: number): ModelDetail {
  const record = requireModelVersion(db, id);
  const report = reportOf(record);
  const { featureSpec: _spec, report: _report, calibration: _calibration, artifact: _artifact, ...summary } = record;
  return {
    ...summary,
    featureNames: report.featureNames ?? record.featureSpec.columns.map((c) => c.name),
    protocol: report.protocol,
    candidates: (report.candidates ?? []).map((c) => ({
      index: c.index,
      params: c.params as Record<string, unknown>,
      score: c.score,
      scoreStd: c.scoreStd,
      foldScores: c.foldScores,
      metrics: c.metrics,
    })),
    chosen: report.chosen ?? 0,
    coverage: report.coverage,
    confusion: report.classification?.confusion,
  };
}

/** Out-of-fold evidence as chart series; hit probabilities pass through the version's calibration map. */
export function modelDiagnostics(db: Db, id: number): ModelDiagnostics {
  const record = requireModelVersion(db, id);
  const report = reportOf(record);
  const calibration = record.calibration as StoredCalibration;
  const hit = record.target === 'hit';
  const predicted = (report.oof?.predicted ?? []).map((raw) => (hit ? applyCalibration(calibration.platt, raw) : raw));
  const actual = report.oof?.actual ?? [];
  const names = report.featureNames ?? [];
  const diagnostics: ModelDiagnostics = {
    id,
    target: record.target,
    actualVsPredicted: actual.map((a, i) => ({ actual: a, predicted: predicted[i] })),
    residuals: actual.map((a, i) => ({ predicted: predicted[i], residual: a - predicted[i] })),
    importance: names
      .map((feature, j) => ({
        feature,
        gain: report.importance?.gain?.[j] ?? 0,
        permutation: report.importance?.permutation?.[j],
      }))
      .sort((a, b) => b.gain - a.gain),
  };
  if (hit) {
    diagnostics.roc = report.classification?.roc;
    diagnostics.calibration = reliabilityBins(predicted, actual);
  }
  return diagnostics;
}

/**
 * Display-side additions to the model channels' answers, made here so training and core/models/diagnostics.ts stay
 * as they are: each importance row gets the feature catalog's label ('Budget', 'Genre: Drama') beside its column
 * name, and a version's detail says how many feature groups its columns came from.
 */
import type { Db } from '../store/db';
import { requireModelVersion } from '../store/models';
import { modelDetail, modelDiagnostics } from '../models/diagnostics';
import { columnLabel } from '../features/labels';
import type { ModelDetail, ModelDiagnostics } from '../../shared/contract/models';

/** A version's detail plus `featureGroups`: the features asked for (a set's groups, or a list's names). */
export function modelDetailForDisplay(db: Db, id: number): ModelDetail {
  const detail = modelDetail(db, id);
  const spec = requireModelVersion(db, id).featureSpec;
  return { ...detail, featureGroups: spec.requested.length };
}

/** A version's diagnostics with every importance row labelled from its stored feature spec's columns. */
export function modelDiagnosticsForDisplay(db: Db, id: number): ModelDiagnostics {
  const diagnostics = modelDiagnostics(db, id);
  const columns = new Map(requireModelVersion(db, id).featureSpec.columns.map((c) => [c.name, c]));
  return {
    ...diagnostics,
    importance: diagnostics.importance.map((row) => {
      const column = columns.get(row.feature);
      return column ? { ...row, label: columnLabel(column) } : row;
    }),
  };
}

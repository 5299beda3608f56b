import type { HandlerMap } from './handler';
import { InvalidInputError } from './handler';
import { emitEvent } from '../context';
import { trainModel, validateTrainRequest, type TrainRequest } from '../models/train';
import { activateModel, archiveModel, compareVersions } from '../models/versions';
import { modelDetailForDisplay, modelDiagnosticsForDisplay } from './model-display';
import { modelOptions } from '../models/options';
import { getModelSummary, listModelVersions, ModelVersionNotFoundError } from '../store/models';

function summaryOrThrow(db: Parameters<typeof getModelSummary>[0], id: number) {
  const summary = getModelSummary(db, id);
  if (!summary) throw new ModelVersionNotFoundError(id);
  return summary;
}

export const modelHandlers = {
  'models.train': (input, ctx) => {
    const request = input as TrainRequest;
    // Feature names, parameter names per algorithm and target/algorithm fit are checked now, so the form
    // hears about a mistake at once instead of from a failed job.
    try {
      validateTrainRequest(request);
    } catch (err) {
      throw new InvalidInputError('models.train', [{ path: '', message: (err as Error).message }]);
    }
    const job = ctx.jobs.start('models.train', (control) => trainModel(ctx, request, control));
    return { job };
  },
  'models.list': (input, ctx) => listModelVersions(ctx.db, input),
  'models.get': ({ id }, ctx) => modelDetailForDisplay(ctx.db, id),
  'models.compare': ({ ids }, ctx) => compareVersions(ctx.db, ids),
  'models.activate': ({ id }, ctx) => {
    activateModel(ctx.db, id);
    emitEvent(ctx, { type: 'data.changed', what: 'models' });
    return summaryOrThrow(ctx.db, id);
  },
  'models.archive': ({ id }, ctx) => {
    archiveModel(ctx.db, id);
    emitEvent(ctx, { type: 'data.changed', what: 'models' });
    return summaryOrThrow(ctx.db, id);
  },
  'models.diagnostics': ({ id }, ctx) => modelDiagnosticsForDisplay(ctx.db, id),
  'models.options': () => modelOptions(),
} satisfies HandlerMap<
  | 'models.train'
  | 'models.list'
  | 'models.get'
  | 'models.compare'
  | 'models.activate'
  | 'models.archive'
  | 'models.diagnostics'
  | 'models.options'
>;

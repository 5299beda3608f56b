/**
 * `greenlight train`: trains (and tunes) a model version in worker threads, with a progress bar on a
 * terminal; `--json` prints one object. Also the hidden `train-defaults` (npm run train:default).
 */
import { Command } from 'commander';
import { trainInputSchema } from '../../shared/contract/models';
import { trainModel, type TrainRequest, type TrainResult } from '../../core/models/train';
import { shutdownTrainingPool } from '../../core/jobs/pool';
import { trainDefaultModels } from '../../core/models/defaults';
import { resolveFeatureNames } from '../../core/features/catalog';
import { featureCount, plural } from '../../shared/format';
import { printJson, withDatabase, withDbOption } from '../common';
import { createProgressBar } from '../progress';

function parseJsonOption(name: string, text: string | undefined): unknown {
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    throw new Error(`${name} is not valid JSON: ${text} (e.g. ${name} '{"max_depth":[3,5]}')`);
  }
}

function toNumber(name: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!Number.isFinite(n)) throw new Error(`${name} must be a number, got "${text}"`);
  return n;
}

interface TrainOptions {
  target: string;
  features: string;
  algorithm: string;
  params?: string;
  grid?: string;
  random?: string;
  iter?: string;
  folds: string;
  repeats: string;
  temporalSplit?: string;
  hitMultiple: string;
  includeFlagged?: boolean;
  seed: string;
  activate?: boolean;
  note?: string;
  json?: boolean;
  db?: string;
}

/** Turns command-line options into a request, validated by the same schema as the UI's. */
export function requestFromOptions(o: TrainOptions): TrainRequest {
  if (o.random !== undefined && o.iter === undefined)
    throw new Error('--random needs --iter N (how many candidates to draw)');
  const raw = {
    target: o.target,
    features: o.features,
    algorithm: o.algorithm,
    params: parseJsonOption('--params', o.params),
    grid: parseJsonOption('--grid', o.grid),
    random:
      o.random !== undefined
        ? { space: parseJsonOption('--random', o.random), iter: toNumber('--iter', o.iter) }
        : undefined,
    folds: toNumber('--folds', o.folds),
    repeats: toNumber('--repeats', o.repeats),
    temporalSplit: toNumber('--temporal-split', o.temporalSplit),
    hitMultiple: toNumber('--hit-multiple', o.hitMultiple),
    includeFlagged: Boolean(o.includeFlagged),
    seed: toNumber('--seed', o.seed),
    activate: Boolean(o.activate),
    note: o.note ?? null,
  };
  const parsed = trainInputSchema.safeParse(raw);
  if (!parsed.success) {
    const flag = (path: PropertyKey[]) => `--${String(path[0] ?? '').replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
    throw new Error(
      parsed.error.issues
        .map((i) => `${flag(i.path)}${i.path.length > 1 ? ` ${i.path.slice(1).join('.')}` : ''}: ${i.message}`)
        .join('; '),
    );
  }
  return parsed.data as TrainRequest;
}

function printHuman(r: TrainResult): void {
  const m = r.cv;
  const scores =
    r.target === 'hit'
      ? `AUC ${m.auc.toFixed(3)}, F1 ${m.f1.toFixed(3)}, log loss ${m.logloss.toFixed(3)}, Brier ${m.brier.toFixed(3)}`
      : `R^2 ${m.r2.toFixed(3)}, RMSE ${m.rmse.toFixed(3)}, MAE ${m.mae.toFixed(3)}` +
        (m.mae_dollars !== undefined ? `, MAE $${(m.mae_dollars / 1e6).toFixed(1)}M` : '');
  process.stdout.write(
    [
      `Model version ${r.model}: ${r.target}, ${r.algorithm}, features ${r.features} (${featureCount(resolveFeatureNames(r.features).names.length, r.featureNames.length)}), ${plural(r.rows, 'film')}`,
      `  cross-validated: ${scores}`,
      `  parameters: ${JSON.stringify(r.params)}${r.candidates > 1 ? ` (best of ${r.candidates} candidates)` : ''}`,
      `  ${r.activated ? 'active now' : `not active: greenlight models activate ${r.model}`} (${r.seconds.toFixed(1)} s)`,
    ].join('\n') + '\n',
  );
}

export function trainCommand(): Command {
  const cmd = new Command('train')
    .description('Train (and tune) a model version in worker threads; cross-validated, stored in the database.')
    .requiredOption('--target <target>', 'revenue, hit or popularity')
    .option(
      '--features <set|list>',
      'greenlight, tracking, or a comma-separated list of feature names (a set in the list adds its names)',
      'greenlight',
    )
    .option('--algorithm <name>', 'gbdt, rf, tree, linear (ridge), logistic or mlrf', 'gbdt')
    .option(
      '--params <json>',
      'fixed parameters, scikit-learn names, e.g. \'{"n_estimators":300,"learning_rate":0.05}\'',
    )
    .option('--grid <json>', 'grid search: lists of values, e.g. \'{"max_depth":[3,5],"n_estimators":[100,300]}\'')
    .option('--random <json>', 'random search space (lists of values); with --iter')
    .option('--iter <n>', 'random search: candidates to draw')
    .option('--folds <n>', 'cross-validation folds (2-20)', '5')
    .option('--repeats <n>', 'repeats of k-fold with fresh shuffles', '1')
    .option('--temporal-split <year>', 'instead of k-fold: train on films before YEAR, test on the rest')
    .option('--hit-multiple <k>', 'a hit is revenue >= k x budget', '2.0')
    .option('--include-flagged', 'keep quality-flagged films (left out by default)')
    .option('--seed <n>', 'random seed (same seed, same model)', '42')
    .option('--activate', 'make the new version the active one for its target')
    .option('--note <text>', 'a note stored with the version')
    .option('--json', 'print one JSON object: {model,target,algorithm,features,params,rows,cv,candidates,seconds}')
    .addHelpText(
      'after',
      [
        '',
        'Examples:',
        '  greenlight train --target revenue --activate',
        '  greenlight train --target hit --algorithm logistic --grid \'{"C":[0.1,1,10]}\' --json',
        '  greenlight train --target revenue --features runtime,popularity,vote_average,budget --algorithm rf \\',
        '      --grid \'{"n_estimators":[10,50,100,200],"max_depth":[5,10,20,null],"min_samples_split":[2,5,10]}\'',
        '  greenlight train --target revenue --temporal-split 2010 --note "before/after 2010"',
        '  greenlight train --target revenue --features greenlight,has_tagline,has_homepage --note "with page signals"',
        '',
        'Training uses silver films with known budget and revenue (popularity: known popularity); flagged films',
        'are left out unless --include-flagged. Ctrl-C stops training and leaves the database as it was.',
      ].join('\n'),
    );
  withDbOption(cmd);
  cmd.action(async (o: TrainOptions) => {
    const request = requestFromOptions(o);
    const bar = createProgressBar(process.stderr, Boolean(process.stderr.isTTY) && !o.json);
    const abort = new AbortController();
    const onSigint = () => abort.abort();
    process.once('SIGINT', onSigint);
    try {
      const result = await withDatabase(o, (db) =>
        trainModel(db, request, { report: bar.update, signal: abort.signal }),
      );
      bar.done();
      if (o.json) {
        const { featureNames: _names, activated: _activated, ...shape } = result;
        printJson(shape);
      } else printHuman(result);
    } finally {
      bar.done();
      process.off('SIGINT', onSigint);
      await shutdownTrainingPool();
    }
  });
  return cmd;
}

/** Hidden: retrains the default models shipped in models/ from resources/data (npm run train:default). */
export function trainDefaultsCommand(): Command {
  return new Command('train-defaults')
    .description('Retrain the default models shipped in models/ from the embedded data (reproducible).')
    .option('--out <dir>', 'where to write the model files (default: the models/ folder)')
    .action(async (o: { out?: string }) => {
      const bar = createProgressBar();
      try {
        const written = await trainDefaultModels({ outDir: o.out, report: bar.update });
        bar.done();
        for (const w of written) process.stdout.write(`${w.file}: ${w.summary}\n`);
      } finally {
        await shutdownTrainingPool();
      }
    });
}

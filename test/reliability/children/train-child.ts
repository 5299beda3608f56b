/**
 * Child process of the crash-safety test: trains (and activates) one small model version, reporting progress on
 * stdout, so the parent can SIGKILL it mid-way. Usage: run-ts.cjs train-child.ts DB SEED
 */
import { openDatabase } from '../../../src-main/core/store/db';
import { trainModel } from '../../../src-main/core/models/train';
import { shutdownTrainingPool } from '../../../src-main/core/jobs/pool';

const [dbPath, seed] = process.argv.slice(2);
const db = openDatabase(dbPath);
process.stdout.write('ready\n');
trainModel(
  db,
  {
    target: 'revenue',
    features: 'runtime,popularity,vote_average,budget',
    algorithm: 'gbdt',
    params: { n_estimators: 15, max_depth: 3, learning_rate: 0.2 },
    folds: 3,
    seed: Number(seed),
    activate: true,
  },
  { report: (p) => process.stdout.write(`progress ${p.step} ${p.current}/${p.total}\n`) },
).then(
  async (result) => {
    process.stdout.write(`done ${JSON.stringify({ model: result.model })}\n`);
    await shutdownTrainingPool();
    db.close();
  },
  (err: Error) => {
    process.stderr.write(`${err.message}\n`);
    process.exit(1);
  },
);

/**
 * Worker faults, seen from the app: a training job whose worker throws, exits or runs out of memory ends
 * 'failed' with a message a person can act on, the database is unchanged, and the same pool then trains a real
 * model with fresh workers. Faults are injected with the pool's own self-test tasks (core/jobs/protocol.ts).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src-main/core/store/db';
import { createContext, type CoreContext } from '../../src-main/core/context';
import { importFile } from '../../src-main/core/ingest/import';
import { WorkerPool } from '../../src-main/core/jobs/pool';
import type { SelfTestTask } from '../../src-main/core/jobs/protocol';
import { trainModel, type TrainRequest } from '../../src-main/core/models/train';
import { integrityOk } from './helpers';

const HEAP_MB = 64;
let dir: string;
let ctx: CoreContext;
const pool = new WorkerPool({ size: 2, maxOldGenerationSizeMb: HEAP_MB });

const request: TrainRequest = {
  target: 'revenue',
  features: 'runtime,budget',
  algorithm: 'gbdt',
  params: { n_estimators: 10, max_depth: 2 },
  folds: 3,
  seed: 3,
};

/** A training-shaped job whose worker misbehaves as asked. */
function faultyJob(behaviour: SelfTestTask['behaviour']): string {
  return ctx.jobs.start('models.train', async ({ signal }) => {
    await pool.run(null, [{ kind: 'selftest', behaviour }], { signal });
    return trainModel(ctx, request, { pool, signal });
  });
}

function realJob(): string {
  return ctx.jobs.start('models.train', ({ signal, report }) => trainModel(ctx, request, { pool, signal, report }));
}

const versions = () => ctx.db.prepare('SELECT count(*) FROM model_versions').pluck().get() as number;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'greenlight-faults-'));
  const file = path.join(dir, 'faults.sqlite');
  ctx = createContext(openDatabase(file), file, 'cli');
  // 200 small films with a revenue that follows the budget: enough to train on in a second.
  const rows = ['Title,Production Budget,Worldwide Gross,Release Date,Running Time min,Major Genre'];
  for (let i = 1; i <= 200; i++) {
    const budget = 1e6 * (5 + (i % 40));
    rows.push(
      `Fault Film ${i},${budget},${budget * (1.5 + (i % 7) / 3)},${2000 + (i % 17)}-05-0${(i % 9) + 1},${90 + (i % 50)},Drama`,
    );
  }
  await importFile(ctx.db, { fileName: 'faults.csv', content: Buffer.from(rows.join('\n')) });
});
afterAll(async () => {
  await pool.close();
  ctx?.db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('a training worker that fails', () => {
  const cases: [SelfTestTask['behaviour'], RegExp][] = [
    ['throw', /Training task 1 of 1 failed: self-test failure requested/],
    ['exit', /training worker stopped unexpectedly \(exit code 3\)/],
    ['oom', new RegExp(`training worker ran out of memory \\(limit ${HEAP_MB} MB\\)\\. Try fewer trees`)],
  ];

  for (const [behaviour, message] of cases) {
    it(`(${behaviour}) fails its job with a clear message, writes nothing, and the next job trains on fresh workers`, async () => {
      const before = versions();
      const started = pool.started;
      const failed = await ctx.jobs.wait(faultyJob(behaviour));
      expect(failed.state).toBe('failed');
      expect(failed.error).toMatch(message);
      expect(versions()).toBe(before);
      expect(integrityOk(ctx.db)).toBe(true);

      const ok = await ctx.jobs.wait(realJob());
      expect(ok.state, ok.error).toBe('done');
      expect(versions()).toBe(before + 1);
      if (behaviour !== 'throw') expect(pool.started).toBeGreaterThan(started); // the dead worker was replaced
    });
  }

  it('a job queued behind a crashing one still runs to the end', async () => {
    const before = versions();
    const crashing = faultyJob('oom');
    const queued = realJob();
    const [a, b] = await Promise.all([ctx.jobs.wait(crashing), ctx.jobs.wait(queued)]);
    expect(a.state).toBe('failed');
    expect(b.state, b.error).toBe('done');
    expect(versions()).toBe(before + 1);
  });

  it('a cancelled training job ends cancelled and writes nothing', async () => {
    const before = versions();
    const job = ctx.jobs.start('models.train', async ({ signal }) => {
      await pool.run(null, [{ kind: 'selftest', behaviour: 'sleep', ms: 60_000 }], { signal });
      return trainModel(ctx, request, { pool, signal });
    });
    setTimeout(() => ctx.jobs.cancel(job), 300);
    const status = await ctx.jobs.wait(job);
    expect(status.state).toBe('cancelled');
    expect(versions()).toBe(before);
    expect((await ctx.jobs.wait(realJob())).state).toBe('done');
  });
});

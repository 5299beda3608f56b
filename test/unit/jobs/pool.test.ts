import { afterAll, describe, expect, it } from 'vitest';
import { WorkerPool } from '../../../src-main/core/jobs/pool';
import { JobCancelledError } from '../../../src-main/core/jobs/manager';
import { shareDataset, type SelfTestResult, type WorkerTask } from '../../../src-main/core/jobs/protocol';

const pool = new WorkerPool({ size: 2, maxOldGenerationSizeMb: 64 });
afterAll(() => pool.close());

const selftest = (behaviour: 'echo' | 'throw' | 'exit' | 'oom' | 'sleep' | 'sum', ms?: number): WorkerTask => ({
  kind: 'selftest',
  behaviour,
  ms,
});

describe('worker pool', () => {
  it('runs tasks on real worker threads that read the shared dataset', async () => {
    const x = Float64Array.from({ length: 12 }, (_, i) => i + 1); // sum 78
    const dataset = shareDataset('d1', x, new Float64Array(4), 4, 3);
    const results = (await pool.run(dataset, [selftest('sum'), selftest('sum'), selftest('sum')])) as SelfTestResult[];
    expect(results.map((r) => r.value)).toEqual([78, 78, 78]);
    expect(results.every((r) => r.threadId > 0)).toBe(true); // not the main thread
    expect(new Set(results.map((r) => r.threadId)).size).toBe(2); // spread over both workers
  });

  it('fails the job with the worker error message, and keeps working afterwards', async () => {
    await expect(pool.run(null, [selftest('throw')])).rejects.toThrow(/self-test failure requested/);
    const ok = await pool.run(null, [selftest('echo')]);
    expect(ok).toHaveLength(1);
  });

  it('replaces a worker that exits, failing only its job', async () => {
    const before = pool.started;
    await expect(pool.run(null, [selftest('exit')])).rejects.toThrow(/stopped unexpectedly \(exit code 3\)/);
    await pool.run(null, [selftest('echo'), selftest('echo')]);
    expect(pool.started).toBeGreaterThan(before);
  });

  it('fails a job whose worker runs out of memory with a clear message', async () => {
    await expect(pool.run(null, [selftest('oom')])).rejects.toThrow(/ran out of memory \(limit 64 MB\)/);
    expect(await pool.run(null, [selftest('echo')])).toHaveLength(1);
  });

  it('cancels: rejects with JobCancelledError and terminates the busy workers', async () => {
    const abort = new AbortController();
    const before = pool.started;
    const running = pool.run(null, [selftest('sleep', 60_000), selftest('sleep', 60_000)], { signal: abort.signal });
    setTimeout(() => abort.abort(), 200);
    await expect(running).rejects.toBeInstanceOf(JobCancelledError);
    const after = await pool.run(null, [selftest('echo'), selftest('echo')]);
    expect(after).toHaveLength(2);
    expect(pool.started).toBe(before + 2); // both sleeping workers were replaced
  });

  it('runs one job at a time: a second job waits for the first', async () => {
    const order: string[] = [];
    const a = pool.run(null, [selftest('sleep', 300)]).then(() => order.push('a'));
    const b = pool.run(null, [selftest('echo')]).then(() => order.push('b'));
    await Promise.all([a, b]);
    expect(order).toEqual(['a', 'b']);
  });
});

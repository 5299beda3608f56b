import { beforeEach, describe, expect, it } from 'vitest';
import { createPinia, setActivePinia } from 'pinia';
import { useJobsStore } from '../../src-renderer/src/stores/jobs';
import { useEventsStore } from '../../src-renderer/src/stores/events';
import { installFakeHost, settle } from './fake-transport';
import type { JobStatus } from '../../src-main/shared/film';

const JOB = '3f1e1f7c-8b53-4c8e-9d7a-0d9f7a1b2c3d';

describe('jobs store', () => {
  beforeEach(() => setActivePinia(createPinia()));

  it('follows progress events and resolves when the job finishes', async () => {
    const host = installFakeHost({ 'models.train': () => ({ job: JOB }), 'jobs.get': () => null });
    useEventsStore().connect();
    const jobs = useJobsStore();
    const job = await jobs.start('models.train', { target: 'revenue', features: 'greenlight', algorithm: 'gbdt' });
    expect(job).toBe(JOB);
    const done = jobs.wait(job, 60_000);
    host.emit({ type: 'job.progress', progress: { job, step: 'Training', current: 2, total: 5, detail: 'fold 2/5' } });
    expect(jobs.get(job)?.progress?.current).toBe(2);
    const finished: JobStatus = { job, kind: 'train', state: 'done', result: { model: 7 }, startedAt: 'x' };
    host.emit({ type: 'job.finished', status: finished });
    await expect(done).resolves.toMatchObject({ state: 'done', result: { model: 7 } });
    // A late progress event must not reopen a finished job.
    host.emit({ type: 'job.progress', progress: { job, step: 'Training', current: 3, total: 5 } });
    expect(jobs.get(job)?.state).toBe('done');
  });

  it('falls back to polling jobs.get when no event arrives', async () => {
    let polls = 0;
    installFakeHost({
      'data.import': () => ({ job: JOB }),
      'jobs.get': () => ({
        job: JOB,
        kind: 'import',
        state: ++polls >= 2 ? 'failed' : 'running',
        error: 'bad file',
        startedAt: 'x',
      }),
    });
    const jobs = useJobsStore();
    const job = await jobs.start('data.import', { fileName: 'a.csv', content: '' });
    const status = await jobs.wait(job, 5);
    expect(status).toMatchObject({ state: 'failed', error: 'bad file' });
    expect(polls).toBeGreaterThanOrEqual(2);
    await settle();
  });

  it('counts data.changed events per domain', () => {
    const host = installFakeHost({});
    const events = useEventsStore();
    events.connect();
    host.emit({ type: 'data.changed', what: 'films' });
    host.emit({ type: 'data.changed', what: 'films' });
    expect(events.changed).toEqual({ films: 2, models: 0, scenarios: 0 });
  });
});

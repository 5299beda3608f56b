import { afterAll, describe, expect, it } from 'vitest';
import { dispatch, InvalidInputError } from '../../../src-main/core/api/handler';
import { handlers } from '../../../src-main/core/api/handlers';
import { createContext } from '../../../src-main/core/context';
import { openDatabase } from '../../../src-main/core/store/db';

const db = openDatabase(':memory:');
const ctx = createContext(db, ':memory:', 'http');
afterAll(() => db.close());

describe('model channels', () => {
  it('list nothing on a new database and offer the train form its options', async () => {
    expect(await dispatch(handlers, ctx, 'models.list', {})).toEqual([]);
    const options = (await dispatch(handlers, ctx, 'models.options', {})) as { targets: string[] };
    expect(options.targets).toEqual(['revenue', 'hit', 'popularity']);
  });

  it('refuse a bad train request at the door, before a job starts', async () => {
    const bad = [
      { target: 'revenue', features: 'greenlight', algorithm: 'gbdt', params: { n_estimators: 1e9 } },
      { target: 'revenue', features: 'greenlight', algorithm: 'gbdt', grid: { max_depth: [1, 2, 3], n_estimators: [] } },
      { target: 'revenue', features: 'greenlight', algorithm: 'gbdt', folds: 1 },
      { target: 'hit', features: 'greenlight', algorithm: 'linear' },
      { target: 'revenue', features: 'budget,revenue', algorithm: 'gbdt' },
    ];
    for (const input of bad) {
      await expect(dispatch(handlers, ctx, 'models.train', input), JSON.stringify(input)).rejects.toBeInstanceOf(
        InvalidInputError,
      );
    }
    expect(ctx.jobs.list()).toEqual([]);
  });

  it('fail a train job on an empty database with the way to load films', async () => {
    const { job } = (await dispatch(handlers, ctx, 'models.train', {
      target: 'revenue',
      features: 'greenlight',
      algorithm: 'gbdt',
    })) as { job: string };
    const status = await ctx.jobs.wait(job);
    expect(status.state).toBe('failed');
    expect(status.error).toMatch(/greenlight import --defaults/);
  });

  it('say which version does not exist', async () => {
    await expect(dispatch(handlers, ctx, 'models.get', { id: 999 })).rejects.toThrow(/no model version 999/);
    await expect(dispatch(handlers, ctx, 'models.activate', { id: 999 })).rejects.toThrow(/no model version 999/);
  });
});

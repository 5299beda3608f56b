import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { createContext } from '../../../src-main/core/context';
import { dispatch, InvalidInputError } from '../../../src-main/core/api/handler';
import { handlers } from '../../../src-main/core/api/handlers';
import type { ImportSummary } from '../../../src-main/shared/contract/data';
import type { AppEvent } from '../../../src-main/shared/contract';
import { cleanup, fixture, tempDatabase } from './helpers';

afterEach(cleanup);

function setup() {
  const { db, file } = tempDatabase();
  const ctx = createContext(db, file, 'http');
  const events: AppEvent[] = [];
  ctx.events.on('event', (e: AppEvent) => events.push(e));
  return { db, ctx, events, call: (channel: string, input: unknown) => dispatch(handlers, ctx, channel, input) };
}

const base64 = (name: string) => fs.readFileSync(fixture(name).path).toString('base64');

describe('data channels', () => {
  it('data.import runs a job whose result is the summary, then announces changed films', async () => {
    const { db, ctx, events, call } = setup();
    const { job } = (await call('data.import', {
      fileName: 'movies-bad-money.csv',
      content: base64('movies-bad-money.csv'),
    })) as { job: string };
    const status = await ctx.jobs.wait(job);
    expect(status.state).toBe('done');
    expect(status.result as ImportSummary).toMatchObject({
      file: 'movies-bad-money.csv',
      rows: 3,
      loaded: 1,
      quarantined: 2,
    });
    expect(events).toContainEqual({ type: 'data.changed', what: 'films' });
    expect(events.some((e) => e.type === 'job.progress')).toBe(true);

    const stats = (await call('data.stats', {})) as { films: number; quarantined: number };
    expect(stats).toMatchObject({ films: 1, quarantined: 2 });
    const q = (await call('data.quarantine', { limit: 10, offset: 0 })) as { total: number };
    expect(q.total).toBe(2);
    const batches = (await call('data.batches', {})) as { source: string }[];
    expect(batches.map((b) => b.source)).toEqual(['movies-bad-money.csv']);
    const list = (await call('films.search', { limit: 10, offset: 0 })) as { films: { id: number }[] };
    const film = (await call('films.get', { id: list.films[0].id })) as { title: string; genres: string[] };
    expect(film).toMatchObject({ title: 'Fine', genres: ['Drama'] });
    expect(await call('films.get', { id: 999 })).toBeNull();
    db.close();
  });

  it('a failed import job fails with the one-line message and changes nothing', async () => {
    const { db, ctx, call } = setup();
    const { job } = (await call('data.import', { fileName: 'image.png', content: base64('image.png') })) as {
      job: string;
    };
    const status = await ctx.jobs.wait(job);
    expect(status).toMatchObject({ state: 'failed', error: 'image.png: is a PNG image, not CSV' });
    expect(db.prepare('SELECT count(*) FROM import_batches').pluck().get()).toBe(0);
    db.close();
  });

  it('refuses file names with folders, content that is not base64, and unknown keys', async () => {
    const { db, call } = setup();
    for (const input of [
      { fileName: '../secret.csv', content: '' },
      { fileName: 'C:\\x.csv', content: '' },
      { fileName: 'a.csv', content: 'not base64!' },
      { fileName: 'a.csv', content: '', path: '/etc/passwd' },
      { fileName: 'a.csv', content: '', kind: 'other' },
    ]) {
      await expect(call('data.import', input), JSON.stringify(input)).rejects.toBeInstanceOf(InvalidInputError);
    }
    await expect(call('films.search', { limit: 10_000, offset: 0 })).rejects.toBeInstanceOf(InvalidInputError);
    await expect(call('data.quarantine', { limit: 10, offset: -1 })).rejects.toBeInstanceOf(InvalidInputError);
    db.close();
  });

  it('data.preview shows the kind, the suggested mapping and typed rows with problems', async () => {
    const { db, call } = setup();
    const preview = (await call('data.preview', {
      fileName: 'studio-mapped.csv',
      content: base64('studio-mapped.csv'),
    })) as {
      kind: string;
      suggestedMapping: Record<string, string>;
      rows: { values: Record<string, unknown> | null; problems: { field: string | null }[] }[];
      error: string | null;
    };
    expect(preview.kind).toBe('mapped');
    expect(preview.suggestedMapping).toMatchObject({
      title: 'Title',
      budget: 'Production Budget',
      revenue: 'Worldwide Gross',
    });
    expect(preview.rows).toHaveLength(5);
    expect(preview.rows[0].values).toMatchObject({
      title: 'Studio One',
      budget: 90e6,
      genres: ['Action', 'Adventure'],
    });
    expect(preview.rows[4].values).toBeNull();
    expect(preview.rows[4].problems[0].field).toBe('Release Date');
    expect(preview.error).toBeNull();
    const missing = (await call('data.preview', { fileName: 'm.csv', content: base64('movies-missing-id.csv') })) as {
      error: string;
    };
    expect(missing.error).toMatch(/has no column "id"/);
    expect(db.prepare('SELECT count(*) FROM import_batches').pluck().get()).toBe(0);
    db.close();
  });

  it('data.preview reads a big file whose first megabyte ends inside a quoted field running over lines', async () => {
    const { db, call } = setup();
    // Synopses with line breaks inside quotes, enough of them that the 1 MB head ends inside one.
    const synopsis = `"${'A long synopsis, with commas.\n'.repeat(40)}"`;
    const rows = Array.from({ length: 1000 }, (_, i) => `Film ${i + 1},${2000 + (i % 17)},1000000,${synopsis}`);
    const text = `Title,Year,Budget,Synopsis\n${rows.join('\n')}\n`;
    expect(text.length).toBeGreaterThan(1024 * 1024);
    const preview = (await call('data.preview', {
      fileName: 'long.csv',
      content: Buffer.from(text).toString('base64'),
    })) as { rows: { row: number; line: number; values: Record<string, unknown> | null }[]; error: string | null };
    expect(preview.error).toBeNull();
    expect(preview.rows).toHaveLength(20);
    // Each row starts 41 lines after the one before (40 line breaks inside its synopsis).
    expect(preview.rows.map((r) => r.line).slice(0, 3)).toEqual([2, 43, 84]);
    expect(preview.rows[19].values).toMatchObject({ title: 'Film 20', budget: 1e6 });
    expect((preview.rows[0].values?.overview as string).split('\n')).toHaveLength(41);
    db.close();
  });

  it('data.explore aggregates the charts in one call', async () => {
    const { db, ctx, call } = setup();
    const { job } = (await call('data.import', {
      fileName: 'movies-good.csv',
      content: base64('movies-good.csv'),
    })) as { job: string };
    await ctx.jobs.wait(job);
    const explore = (await call('data.explore', {})) as {
      films: number;
      logBudget: { count: number }[];
      revenueByGenre: { genre: string; count: number }[];
      budgetRevenue: unknown[];
      missing: { column: string; missing: number }[];
    };
    expect(explore.films).toBe(3);
    expect(explore.logBudget.reduce((s, b) => s + b.count, 0)).toBe(2);
    expect(explore.revenueByGenre.find((g) => g.genre === 'Drama')).toMatchObject({ count: 1 });
    expect(explore.budgetRevenue).toHaveLength(2);
    expect(explore.missing.find((m) => m.column === 'budget')).toEqual({ column: 'budget', missing: 1 });
    db.close();
  });
});

/**
 * The HTTP host on a first-run database (embedded films + shipped default models): forecasts over the API and
 * the seed-compatible routes answering the seed client's five example films.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../../src-main/http/server';
import { openDatabase, type Db } from '../../../src-main/core/store/db';
import { createContext } from '../../../src-main/core/context';
import { prepareForecasting } from '../../../src-main/core/forecast/prepare';
import { loadShippedModel } from '../../../src-main/core/models/defaults';
import { seedFilm } from '../../../src-main/http/seed-routes';
import type { Forecast } from '../../../src-main/shared/forecast';
import { postJson, request } from './helpers';

const seedClient = JSON.parse(
  fs.readFileSync(path.join(__dirname, '..', '..', 'fixtures', 'seed_client_films.json'), 'utf8'),
) as { films: { runtime: number; popularity: number; vote_avg: number; log_budget: number }[] };

let dir: string;
let db: Db;
let server: RunningServer;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'greenlight-http-api-'));
  const file = path.join(dir, 'g.sqlite');
  db = openDatabase(file);
  await prepareForecasting(db);
  server = await startServer({ ctx: createContext(db, file, 'http'), port: 0, staticDir: dir, log: () => {} });
}, 300_000);
afterAll(async () => {
  await server?.close();
  db?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('forecasts over HTTP', () => {
  it('answers forecast.run with the token, and 400 with issues for a bad scenario', async () => {
    const headers = { 'X-Greenlight-Token': server.token };
    const input = {
      budget: 90e6,
      runtime: 118,
      genres: ['Action', 'Adventure'],
      releaseDate: '2027-06-18',
      language: 'en',
    };
    const ok = await postJson(`${server.url}api/forecast.run`, { input }, headers);
    expect(ok.status).toBe(200);
    const f = (ok.json() as { ok: true; result: Forecast }).result;
    expect(f.revenue).toBeGreaterThan(1e6);
    expect(f.revenueLow).toBeLessThan(f.revenue);
    expect(f.revenueHigh).toBeGreaterThan(f.revenue);
    expect(f.hitProbability).toBeGreaterThan(0);
    expect(f.comparables.length).toBe(8);
    const bad = await postJson(`${server.url}api/forecast.run`, { input: { ...input, genres: ['Nope'] } }, headers);
    expect(bad.status).toBe(400);
    const error = (bad.json() as { error: { code: string; issues: { path: string; message: string }[] } }).error;
    expect(error.code).toBe('invalid_input');
    expect(error.issues[0].path).toBe('genres');
    expect(error.issues[0].message).toContain('known genres');
  });
});

describe('seed-compatible routes', () => {
  it('GET /health answers without a token', async () => {
    const res = await request(`${server.url}health`);
    expect(res.status).toBe(200);
    expect(res.json()).toMatchObject({ status: 'ok' });
  });

  it("answer the seed client's five example films from the shipped tracking models", async () => {
    const revenueModel = loadShippedModel('seed-revenue');
    const hitModel = loadShippedModel('seed-hit');
    expect(seedClient.films).toHaveLength(5);
    for (const film of seedClient.films) {
      const revenue = await postJson(`${server.url}predict_revenue`, film);
      expect(revenue.status).toBe(200);
      const { revenue: logRevenue } = revenue.json() as { revenue: number };
      // log1p dollars: between $10K and $10B for these studio films, and what the shipped model says.
      expect(logRevenue).toBeGreaterThan(Math.log1p(1e4));
      expect(logRevenue).toBeLessThan(Math.log1p(1e10));
      expect(logRevenue).toBeCloseTo(revenueModel.predictRaw(seedFilm(film)), 9);
      const hit = await postJson(`${server.url}predict_hit`, film);
      expect(hit.status).toBe(200);
      const { probability } = hit.json() as { probability: number };
      expect(probability).toBeGreaterThanOrEqual(0);
      expect(probability).toBeLessThanOrEqual(1);
      expect(probability).toBeCloseTo(hitModel.predict(seedFilm(film)), 9);
    }
    // More popular, better-rated, bigger films earn more in the seed's model: the 4th film (popularity 46,
    // log budget 17.45) beats the 1st (popularity 14.8, log budget 15.9).
    const first = (await postJson(`${server.url}predict_revenue`, seedClient.films[0])).json() as { revenue: number };
    const fourth = (await postJson(`${server.url}predict_revenue`, seedClient.films[3])).json() as { revenue: number };
    expect(fourth.revenue).toBeGreaterThan(first.revenue);
  });

  it('refuses malformed seed input with 400 naming the fields', async () => {
    const res = await postJson(`${server.url}predict_revenue`, { runtime: 'long', popularity: 1 });
    expect(res.status).toBe(400);
    expect((res.json() as { error: { message: string } }).error.message).toMatch(/runtime.*vote_avg|vote_avg/);
  });
});

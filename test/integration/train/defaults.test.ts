import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../../src-main/core/store/db';
import { importDefaults } from '../../../src-main/core/ingest/import';
import { ensureDefaultModels, loadShippedModel, readShippedModel } from '../../../src-main/core/models/defaults';
import { loadActiveModels } from '../../../src-main/core/models/load';
import { countGoldPredictions } from '../../../src-main/core/store/gold';
import { shippedModelsDirectory } from '../../../src-main/core/store/paths';
import { seedFilm } from '../../../src-main/http/seed-routes';
import { forecast, forecastState } from '../../../src-main/core/forecast/service';

let dir: string;
let db: Db;
beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'greenlight-defaults-'));
  db = openDatabase(path.join(dir, 'g.sqlite'));
  await importDefaults(db);
});
afterAll(() => {
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('shipped default models', () => {
  it('are small portable JSON files', () => {
    const files = fs.readdirSync(shippedModelsDirectory()).filter((f) => f.endsWith('.json'));
    expect(files.sort()).toEqual(['hit.json', 'popularity.json', 'revenue.json', 'seed-hit.json', 'seed-revenue.json']);
    const bytes = files.reduce((n, f) => n + fs.statSync(path.join(shippedModelsDirectory(), f)).size, 0);
    expect(bytes).toBeLessThan(5 * 1024 * 1024);
    expect(readShippedModel('revenue').featureSet).toBe('greenlight');
    expect(readShippedModel('popularity').featureSet).toBe('tracking');
  });

  it('install as active versions on a database that has none, once, and fill gold', () => {
    const installed = ensureDefaultModels(db);
    expect(Object.keys(installed).sort()).toEqual(['hit', 'popularity', 'revenue']);
    const films = db.prepare('SELECT count(*) FROM films').pluck().get() as number;
    expect(countGoldPredictions(db, installed.revenue!)).toBe(films);
    expect(ensureDefaultModels(db)).toEqual({});
    const active = loadActiveModels(db);
    const revenue = active.revenue!.predict({
      budget: 150e6,
      runtime: 120,
      genres: ['Action'],
      releaseDate: '2027-06-18',
    });
    expect(revenue).toBeGreaterThan(20e6);
    expect(revenue).toBeLessThan(3e9);
    const p = active.hit!.predict({ budget: 150e6, runtime: 120, genres: ['Action'], releaseDate: '2027-06-18' });
    expect(p).toBeGreaterThan(0);
    expect(p).toBeLessThan(1);
    expect(active.revenue!.calibration.absResiduals!.length).toBeGreaterThan(1000);
  });

  it('keep out-of-fold predictions, so a fresh install forecasts with intervals per band of predicted revenue', () => {
    ensureDefaultModels(db);
    const shipped = readShippedModel('revenue');
    const predicted = (shipped.report as { oof?: { predicted?: number[] } }).oof?.predicted ?? [];
    expect(predicted.length).toBe((shipped.calibration.absResiduals as number[]).length);
    const state = forecastState({ db });
    expect(state.intervals.kind).toBe('mondrian');
    expect(state.intervals.bins.length).toBeGreaterThan(1);
    // Bands differ: a small film's 80% half-width is not the blockbusters' one.
    const q80 = (bin: Float64Array) => bin[Math.ceil((bin.length + 1) * 0.8) - 1];
    const widths = state.intervals.bins.map(q80);
    expect(Math.max(...widths)).toBeGreaterThan(Math.min(...widths) * 1.2);
    const small = forecast(
      { db },
      { title: 'Small', budget: 2e6, runtime: 95, genres: ['Drama'], releaseDate: '2027-03-05' },
    );
    const big = forecast(
      { db },
      { title: 'Big', budget: 200e6, runtime: 130, genres: ['Action'], releaseDate: '2027-06-18' },
    );
    const logWidth = (f: typeof small) => Math.log1p(f.revenueHigh) - Math.log1p(f.revenueLow);
    expect(logWidth(small)).not.toBeCloseTo(logWidth(big), 3);
  });

  it('forecast a new film the same however much of its page the analyst filled in (no completeness proxies)', () => {
    const film = {
      title: 'Next',
      budget: 40e6,
      runtime: 110,
      genres: ['Drama', 'Thriller'],
      releaseDate: '2027-10-08',
      companies: ['Warner Bros.'],
      keywords: ['revenge', 'police'],
    };
    const filled = {
      ...film,
      keywords: [...film.keywords, 'made-up one', 'made-up two', 'made-up three'],
      companies: [...film.companies, 'Unheard Of Films', 'Nobody Media'],
      hasTagline: true,
      hasHomepage: true,
    };
    for (const name of ['revenue', 'hit'] as const) {
      const model = loadShippedModel(name);
      expect(model.predict(filled)).toBe(model.predict(film));
    }
  });

  it('forecast a new film with a director, cast or studio left blank as one with names new to the data', () => {
    const film = { title: 'Next', budget: 40e6, runtime: 110, genres: ['Drama'], releaseDate: '2027-10-08' };
    const unknown = { ...film, directors: ['Nobody Yet'], cast: ['Not Known', 'Also New'], companies: ['New Co'] };
    for (const name of ['revenue', 'hit'] as const) {
      const model = loadShippedModel(name);
      expect(model.predict(film)).toBe(model.predict(unknown));
    }
  });

  it('answer the seed client films from the seed-compatible models (log1p revenue, probability)', () => {
    const seedFilms = JSON.parse(fs.readFileSync(path.join(__dirname, '../../fixtures/seed_client_films.json'), 'utf8'))
      .films as {
      runtime: number;
      popularity: number;
      vote_avg: number;
      log_budget: number;
    }[];
    const revenueModel = loadShippedModel('seed-revenue');
    const hitModel = loadShippedModel('seed-hit');
    for (const f of seedFilms) {
      // The same film the seed routes build from the seed client's four numbers.
      const film = seedFilm(f);
      const logRevenue = revenueModel.predictRaw(film);
      expect(logRevenue).toBeGreaterThan(14); // above ~$1.2M
      expect(logRevenue).toBeLessThan(22); // below ~$3.6B
      const p = hitModel.predict(film);
      expect(p).toBeGreaterThan(0);
      expect(p).toBeLessThan(1);
    }
  });
});

/**
 * First-run preparation for the hosts that forecast (serve, predict, score): load the embedded TMDB films
 * when the database has none, and install the shipped default models when no model version exists, so a
 * fresh install forecasts at once.
 */
import type { Db } from '../store/db';
import { ensureDefaultData } from '../ingest/import';
import { ensureDefaultModels } from '../models/defaults';

export async function prepareForecasting(db: Db, log: (line: string) => void = () => {}): Promise<void> {
  let lastStep = '';
  const imported = await ensureDefaultData(db, (p) => {
    if (p.step !== lastStep) {
      lastStep = p.step;
      log(`First run: loading the embedded TMDB films (${p.step})...`);
    }
  });
  if (imported) log(`Loaded the embedded TMDB films: ${imported.map((s) => `${s.file} ${s.loaded} rows`).join(', ')}.`);
  try {
    const installed = Object.entries(ensureDefaultModels(db));
    if (installed.length > 0) {
      log(`Installed the default models: ${installed.map(([target, id]) => `${target} #${id}`).join(', ')}.`);
    }
  } catch (err) {
    // The app still runs (import, train); forecasts say there is no model until one is trained.
    log(`Could not install the default models: ${(err as Error).message}`);
  }
}

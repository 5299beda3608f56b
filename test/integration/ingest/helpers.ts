import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase, type Db } from '../../../src-main/core/store/db';

export const FIXTURES = path.resolve(__dirname, '../../fixtures/import');
export const DATA = path.resolve(__dirname, '../../../resources/data');

const dirs: string[] = [];

/** A fresh database file in its own temporary folder. */
export function tempDatabase(): { db: Db; file: string; dir: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'greenlight-ingest-'));
  dirs.push(dir);
  const file = path.join(dir, 'g.sqlite');
  return { db: openDatabase(file), file, dir };
}

export function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'greenlight-ingest-'));
  dirs.push(dir);
  return dir;
}

export function cleanup(): void {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
}

export function fixture(name: string): { fileName: string; path: string } {
  return { fileName: name, path: path.join(FIXTURES, name) };
}

/** Row counts of every layer, to show a failed import changed nothing. */
export function layerCounts(db: Db): Record<string, number> {
  const tables = [
    'import_batches',
    'bronze_rows',
    'bronze_headers',
    'films',
    'film_terms',
    'film_cast',
    'film_crew',
    'film_flags',
    'quarantine',
  ];
  return Object.fromEntries(tables.map((t) => [t, db.prepare(`SELECT count(*) FROM ${t}`).pluck().get() as number]));
}

export const MOVIES_HEADER =
  'budget,genres,homepage,id,keywords,original_language,original_title,overview,popularity,production_companies,production_countries,release_date,revenue,runtime,spoken_languages,status,tagline,title,vote_average,vote_count';

/** One TMDB-format movies row with plain values; `overview` may be large. */
export function moviesRow(id: number, title: string, overview = 'A film.'): string {
  const q = (s: string) => `"${s.replace(/"/g, '""')}"`;
  const genres = q('[{"id": 18, "name": "Drama"}]');
  return `1000000,${genres},,${id},[],en,${q(title)},${q(overview)},1.5,[],[],2010-07-16,5000000,100,[],Released,,${q(title)},6.5,100`;
}

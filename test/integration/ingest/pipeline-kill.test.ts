/**
 * SIGKILL during a two-thread import (pipeline.ts): the process dies with its reading thread and its
 * writer mid-transaction. The database must open, pass integrity_check and hold exactly what it held before.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { importFile } from '../../../src-main/core/ingest/import';
import { openDatabase } from '../../../src-main/core/store/db';
import { integrityOk, killHard, spawnTs, waitForLine } from '../../reliability/helpers';
import { cleanup, fixture, layerCounts, MOVIES_HEADER, moviesRow, tempDir } from './helpers';

afterEach(cleanup);

const CHILD = path.join(__dirname, 'children', 'pipelined-import-child.ts');

describe('killing a two-thread import', () => {
  it('leaves the database as it was, after progress of 1 to 3 batches', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'big.csv');
    const lines = [MOVIES_HEADER];
    for (let i = 1; i <= 12_000; i++) lines.push(moviesRow(i, `Film ${i}`, 'x'.repeat(900)));
    fs.writeFileSync(file, `${lines.join('\n')}\n`);
    const databasePath = path.join(dir, 'g.sqlite');
    const seeded = openDatabase(databasePath);
    await importFile(seeded, fixture('movies-good.csv'));
    const before = layerCounts(seeded);
    seeded.close();

    for (const progressLines of [2, 3, 4]) {
      const child = spawnTs(CHILD, [databasePath, file]);
      await waitForLine(child, /^ready$/);
      let seen = 0;
      let finished = false;
      await new Promise<void>((resolve) => {
        child.stdout?.on('data', (chunk: Buffer) => {
          seen += (chunk.toString().match(/^progress /gm) ?? []).length;
          if (/^done$/m.test(chunk.toString())) finished = true;
          if (seen >= progressLines || finished) resolve();
        });
        child.once('exit', () => resolve());
      });
      await killHard(child);
      expect(finished, 'the import finished before the kill').toBe(false);
      const db = openDatabase(databasePath);
      expect(integrityOk(db)).toBe(true);
      expect(layerCounts(db)).toEqual(before);
      db.close();
    }
  }, 120_000);
});

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src-main/core/store/db';
import { importFile } from '../../../src-main/core/ingest/import';
import { quarantineByReason } from '../../../src-main/core/store/quarantine';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

describe('quarantineByReason', () => {
  it('groups reasons that differ only in the quoted value, and keeps the accepted formats readable', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'greenlight-reasons-'));
    dirs.push(dir);
    const file = path.join(dir, 'studio.csv');
    fs.writeFileSync(
      file,
      'Title,Production Budget,Worldwide Gross,Release Date\n' +
        'Alpha,lots,100000000,2011-03-01\n' +
        'Beta,plenty,200000000,2012-04-01\n' +
        'Gamma,50000000,300000000,2013-05-01\n',
    );
    const db = openDatabase(path.join(dir, 'g.sqlite'));
    const summary = await importFile(db, { fileName: 'studio.csv', path: file }, { kind: 'mapped' });
    expect(summary.quarantined).toBe(2);

    const groups = quarantineByReason(db);
    expect(groups).toHaveLength(1);
    expect(groups[0].count).toBe(2);
    expect(groups[0].reason).toContain('"..."');
    expect(groups[0].reason).not.toContain('lots');
    // The accepted formats keep their digits (they used to print as "N NM, $N NB").
    expect(groups[0].reason).toMatch(/90M/);
    expect(groups[0].reason).not.toMatch(/\bN\b/);
    db.close();
  });
});

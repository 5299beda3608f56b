/**
 * Child process of the crash-safety test: imports one CSV into a database and reports each step on stdout,
 * so the parent can SIGKILL it at any moment. Usage: run-ts.cjs import-child.ts DB FILE
 */
import path from 'node:path';
import { openDatabase } from '../../../src-main/core/store/db';
import { importFile } from '../../../src-main/core/ingest/import';

const [dbPath, file] = process.argv.slice(2);
const db = openDatabase(dbPath);
process.stdout.write('ready\n');
importFile(
  db,
  { fileName: path.basename(file), path: file },
  { onProgress: (p) => process.stdout.write(`progress ${p.current}/${p.total}\n`) },
).then(
  (summary) => {
    process.stdout.write(
      `done ${JSON.stringify({ batch: summary.batch, rows: summary.rows, loaded: summary.loaded })}\n`,
    );
    db.close();
  },
  (err: Error) => {
    process.stderr.write(`${err.message}\n`);
    process.exit(1);
  },
);

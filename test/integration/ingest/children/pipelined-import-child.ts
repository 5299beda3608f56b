/**
 * Child process of the pipelined kill test: imports one file as the app does (import worker + reading thread,
 * forced on whatever the file's size) and prints each progress event, so the parent can SIGKILL it mid-import.
 * Usage: run-ts.cjs pipelined-import-child.ts DB FILE
 */
import path from 'node:path';
import { importFileIsolated } from '../../../../src-main/core/ingest/isolated';
import { openDatabase } from '../../../../src-main/core/store/db';

const [databasePath, file] = process.argv.slice(2);
const db = openDatabase(databasePath);
process.stdout.write('ready\n');
importFileIsolated(
  { db, databasePath },
  { fileName: path.basename(file), path: file },
  { pipelineMinBytes: 0, onProgress: (p) => process.stdout.write(`progress ${p.current}/${p.total}\n`) },
).then(
  () => {
    process.stdout.write('done\n');
    db.close();
  },
  (err: Error) => {
    process.stderr.write(`${err.message}\n`);
    process.exit(1);
  },
);

/**
 * Child process of the backup test: writes to the database as fast as it can, each transaction adding 50
 * scenarios and recording the total in app_settings, until killed. A consistent copy therefore always has
 * exactly as many scenarios as its recorded total. Usage: run-ts.cjs writer-child.ts DB
 */
import { openDatabase } from '../../../src-main/core/store/db';

const db = openDatabase(process.argv[2]);
const insert = db.prepare(
  "INSERT INTO scenarios (name, note, input_json, created_at, updated_at) VALUES (?, ?, '{}', datetime('now'), datetime('now'))",
);
const record = db.prepare(
  "INSERT INTO app_settings (key, value) VALUES ('h7_total', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
);
let total = db.prepare('SELECT count(*) FROM scenarios').pluck().get() as number;
const writeOne = db.transaction(() => {
  for (let i = 0; i < 50; i++) insert.run(`Scenario ${total + i}`, 'x'.repeat(200));
  total += 50;
  record.run(String(total));
});
writeOne();
process.stdout.write('ready\n');
const loop = () => {
  for (let i = 0; i < 20; i++) writeOne();
  process.stdout.write(`total ${total}\n`);
  setImmediate(loop);
};
loop();

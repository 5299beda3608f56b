/**
 * `greenlight data stats` and `greenlight data quarantine`: what the database holds and what it refused.
 */
import { Command } from 'commander';
import { dataStats } from '../../core/store/films';
import { listQuarantine, quarantineByReason } from '../../core/store/quarantine';
import { printJson, withDatabase, withDbOption } from '../common';

const number = (n: number) => n.toLocaleString('en-US');

function statsCommand(): Command {
  const cmd = new Command('stats')
    .description('Films, known budgets and revenues, quality flags, quarantined rows by reason, and import batches.')
    .option('--json', 'print one JSON object')
    .addHelpText(
      'after',
      '\nExamples:\n  greenlight data stats\n  greenlight data stats --db ./greenlight.sqlite --json',
    );
  withDbOption(cmd);
  cmd.action(async (opts: { json?: boolean; db?: string }) => {
    await withDatabase(opts, (db) => {
      const s = dataStats(db, quarantineByReason(db));
      if (opts.json) return printJson(s);
      const lines = [
        `Films: ${number(s.films)} (budget known ${number(s.withBudget)}, revenue known ${number(s.withRevenue)}, both ${number(s.withBoth)})`,
        `Flagged: ${number(s.flagged)}${s.flags.length ? ` (${s.flags.map((f) => `${f.flag} ${number(f.count)}`).join(', ')})` : ''}`,
        `Quarantined rows: ${number(s.quarantined)}`,
        ...s.quarantineReasons.slice(0, 15).map((r) => `  ${number(r.count)} x ${r.reason}`),
        `Import batches: ${number(s.batches)}${s.lastImport ? ` (last finished ${s.lastImport})` : ''}`,
      ];
      if (s.films === 0)
        lines.push('No films yet: run `greenlight import --defaults` to load the embedded TMDB 5000 films.');
      process.stdout.write(`${lines.join('\n')}\n`);
    });
  });
  return cmd;
}

function positiveInteger(option: string) {
  return (value: string) => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 1) throw new Error(`${option}: "${value}" must be a whole number of 1 or more`);
    return n;
  };
}

function quarantineCommand(): Command {
  const cmd = new Command('quarantine')
    .description('Rows that could not be imported, with the file, row, field and reason.')
    .option('--batch <id>', 'only this import batch (see `greenlight data stats`)', positiveInteger('--batch'))
    .option('--limit <n>', 'at most this many rows', positiveInteger('--limit'), 100)
    .option('--json', 'print one JSON object: {total, rows}')
    .addHelpText('after', '\nExamples:\n  greenlight data quarantine\n  greenlight data quarantine --batch 3 --json');
  withDbOption(cmd);
  cmd.action(async (opts: { batch?: number; limit: number; json?: boolean; db?: string }) => {
    await withDatabase(opts, (db) => {
      const result = listQuarantine(db, { batch: opts.batch, limit: opts.limit, offset: 0 });
      if (opts.json) return printJson(result);
      if (result.total === 0) {
        process.stdout.write(`No quarantined rows${opts.batch ? ` in batch ${opts.batch}` : ''}.\n`);
        return;
      }
      const lines = result.rows.map((r) => `${r.source} (batch ${r.batch}) row ${r.row}: ${r.reason}`);
      if (result.total > result.rows.length)
        lines.push(`... ${number(result.total - result.rows.length)} more (use --limit)`);
      process.stdout.write(`${lines.join('\n')}\n`);
    });
  });
  return cmd;
}

export function dataCommand(): Command {
  return new Command('data')
    .description('What the database holds: statistics and quarantined rows.')
    .addCommand(statsCommand())
    .addCommand(quarantineCommand());
}

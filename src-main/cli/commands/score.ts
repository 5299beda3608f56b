/**
 * `greenlight score FILE.csv --out forecasts.csv`: forecasts every row of a CSV with the active models.
 */
import os from 'node:os';
import path from 'node:path';
import { Command } from 'commander';
import { createContext } from '../../core/context';
import { forecastState } from '../../core/forecast/service';
import { prepareForecasting } from '../../core/forecast/prepare';
import { scoreFile } from '../../core/forecast/score';
import { plural } from '../../shared/format';
import { createProgressBar } from '../progress';
import { printJson, withDatabase, withDbOption } from '../common';

/** Parses `--map "budget=Production Budget,title=Film"` into `{ budget: 'Production Budget', title: 'Film' }`. */
export function parseMapOption(text: string | undefined): Record<string, string> | undefined {
  if (text === undefined) return undefined;
  const mapping: Record<string, string> = {};
  for (const pair of text.split(',')) {
    if (pair.trim() === '') continue;
    const eq = pair.indexOf('=');
    if (eq <= 0 || eq === pair.length - 1) throw new Error(`--map: "${pair}" must look like field=Source Column`);
    mapping[pair.slice(0, eq).trim()] = pair.slice(eq + 1).trim();
  }
  return mapping;
}

export function scoreCommand(): Command {
  const cmd = new Command('score')
    .description(
      'Forecast every row of a CSV file; writes the rows plus revenue, revenue_low, revenue_high, hit_probability and roi.',
    )
    .argument('<file>', 'CSV file with one film per row (a budget column is required)')
    .requiredOption('--out <file>', 'where to write the forecasts (CSV)')
    .option('--map <pairs>', 'column mapping as field=Source Column,... (unmapped fields are guessed from the header)')
    .option('--interval <level>', 'coverage of revenue_low..revenue_high', '0.8')
    .option('--json', 'print the summary as JSON')
    .addHelpText(
      'after',
      '\nExamples:\n  greenlight score slate.csv --out forecasts.csv\n' +
        '  greenlight score studio.csv --map "budget=Prod Budget,title=Film" --out forecasts.csv --json',
    );
  withDbOption(cmd);
  cmd.action(
    async (file: string, opts: { out: string; map?: string; interval: string; json?: boolean; db?: string }) => {
      const mapping = parseMapOption(opts.map);
      const interval = Number(opts.interval);
      if (!(interval > 0.05 && interval < 0.995))
        throw new Error(`--interval: "${opts.interval}" must be between 0.05 and 0.995`);
      if (path.resolve(file) === path.resolve(opts.out)) throw new Error('--out must not be the input file');
      await withDatabase(opts, async (db, dbFile) => {
        await prepareForecasting(db, (l) => process.stderr.write(`${l}\n`));
        const state = forecastState(createContext(db, dbFile, 'cli'));
        const bar = createProgressBar(process.stderr, Boolean(process.stderr.isTTY) && !opts.json);
        const summary = await scoreFile(state, { fileName: path.basename(file), path: file }, opts.out, {
          mapping,
          interval,
          threads: Math.min(2, os.availableParallelism()),
          databasePath: dbFile,
          onProgress: (p) => bar.update(p),
        });
        bar.done();
        if (opts.json) printJson(summary);
        else {
          process.stdout.write(
            `Scored ${summary.scored} of ${plural(summary.rows, 'row')} of ${summary.file} into ${summary.out} in ${summary.seconds.toFixed(2)} s.\n`,
          );
          if (summary.skipped > 0) {
            process.stdout.write(`Skipped ${plural(summary.skipped, 'bad row')}:\n`);
            for (const p of summary.problems) {
              process.stdout.write(`  row ${p.row}${p.field ? `, ${p.field}` : ''}: ${p.reason}\n`);
            }
            if (summary.skipped > summary.problems.length) {
              process.stdout.write(`  ... and ${summary.skipped - summary.problems.length} more\n`);
            }
          }
        }
        if (summary.scored === 0 && summary.rows > 0) process.exitCode = 1;
      });
    },
  );
  return cmd;
}

/**
 * `greenlight import FILE...`: loads CSV files into the database (bronze, silver, quarantine), one batch
 * per file. Exit code 0 when every file was read (even with quarantined rows), 1 when one could not be.
 */
import path from 'node:path';
import { Command } from 'commander';
import type { ImportKind, ImportSummary } from '../../shared/contract/data';
import { importDefaults, importFile, ImportError } from '../../core/ingest/import';
import { MAPPED_FIELD_NAMES } from '../../core/ingest/mapped';
import { plural } from '../../shared/format';
import { printJson, withDatabase, withDbOption } from '../common';
import { createProgressBar } from '../progress';

/**
 * Reads `--map` values: "field=Source Column" pairs separated by commas (a comma followed by another
 * `field=` starts the next pair, so column names may hold commas). Repeated --map options add up.
 */
export function parseMapOption(values: string[]): Record<string, string> {
  const mapping: Record<string, string> = {};
  for (const value of values) {
    for (const pair of value.split(/,(?=\s*[A-Za-z_]+\s*=)/)) {
      const eq = pair.indexOf('=');
      const field = pair.slice(0, eq).trim();
      const column = pair.slice(eq + 1).trim();
      if (eq < 0 || field === '' || column === '') {
        throw new Error(`--map: "${pair.trim()}" is not field=Source Column (e.g. --map "budget=Production Budget")`);
      }
      if (!(MAPPED_FIELD_NAMES as string[]).includes(field)) {
        throw new Error(`--map: unknown field "${field}" (fields: ${MAPPED_FIELD_NAMES.join(', ')})`);
      }
      mapping[field] = column;
    }
  }
  return mapping;
}

const number = (n: number) => n.toLocaleString('en-US');

function printSummary(s: ImportSummary): void {
  const lines = [
    `${s.file}: ${plural(s.rows, 'row')} read, ${number(s.loaded)} loaded, ${number(s.quarantined)} quarantined, ` +
      `${number(s.flagged)} flagged (batch ${s.batch}, ${s.kind}, ${s.encoding}, ${s.seconds.toFixed(1)} s)`,
  ];
  const shown = s.problems.slice(0, 10);
  for (const p of shown) lines.push(`  row ${p.row} (line ${p.line})${p.field ? `, ${p.field}` : ''}: ${p.reason}`);
  if (s.quarantined > 0) {
    lines.push(`  all quarantined rows and their reasons: greenlight data quarantine --batch ${s.batch}`);
  }
  process.stdout.write(`${lines.join('\n')}\n`);
}

export function importCommand(): Command {
  const cmd = new Command('import')
    .description('Import CSV files: TMDB movies, TMDB credits, or any film table with a column mapping.')
    .argument('[files...]', 'CSV files to import, in order (movies before their credits)')
    .option('--kind <kind>', 'movies, credits or mapped (default: detected from the header)')
    .option(
      '--map <pairs>',
      'for mapped files: field=Source Column pairs, comma-separated (fields not given are suggested from the header)',
      (value: string, previous: string[] = []) => [...previous, value],
    )
    .option('--defaults', 'import the embedded TMDB 5000 movies and credits')
    .option('--json', 'print one JSON object per file')
    .addHelpText(
      'after',
      [
        '',
        'Examples:',
        '  greenlight import --defaults',
        '  greenlight import tmdb_5000_movies.csv tmdb_5000_credits.csv --json',
        '  greenlight import studio.csv --kind mapped --map "budget=Production Budget,revenue=Worldwide Gross,release_date=Release Date"',
        '',
        `Mapped fields: ${MAPPED_FIELD_NAMES.join(', ')}.`,
        'Money reads 90000000, 90M, $90,000,000, 1.5B; dates read 2010-07-16, 07/16/2010, 16.07.2010, Jul 16 2010.',
        'Exit code: 0 when every file was read (rows that could not be typed are quarantined), 1 when one could not be read.',
      ].join('\n'),
    );
  withDbOption(cmd);
  cmd.action(
    async (
      files: string[],
      opts: { kind?: string; map?: string[]; defaults?: boolean; json?: boolean; db?: string },
    ) => {
      if (files.length === 0 && !opts.defaults)
        throw new Error('import: give one or more CSV files, or --defaults for the embedded data');
      if (opts.kind !== undefined && !['movies', 'credits', 'mapped'].includes(opts.kind)) {
        throw new Error(`--kind: "${opts.kind}" must be movies, credits or mapped`);
      }
      const kind = opts.kind as ImportKind | undefined;
      const mapping = opts.map ? parseMapOption(opts.map) : undefined;
      const report = (s: ImportSummary) => {
        if (opts.json) {
          const { file, batch, kind: k, rows, loaded, quarantined, flagged, seconds } = s;
          printJson({ file, batch, kind: k, rows, loaded, quarantined, flagged, seconds });
        } else printSummary(s);
      };
      let failed = 0;
      await withDatabase(opts, async (db) => {
        const bar = createProgressBar(process.stderr, Boolean(process.stderr.isTTY) && !opts.json);
        if (opts.defaults) {
          const summaries = await importDefaults(db, (p) => bar.update(p));
          bar.done();
          summaries.forEach(report);
        }
        for (const file of files) {
          try {
            const summary = await importFile(
              db,
              { fileName: path.basename(file), path: file },
              { kind, mapping, onProgress: (p) => bar.update({ ...p, step: path.basename(file) }) },
            );
            bar.done();
            report(summary);
          } catch (err) {
            bar.done();
            if (!(err instanceof ImportError)) throw err;
            failed++;
            process.stderr.write(`greenlight: ${err.message}\n`);
            if (opts.json) printJson({ file: path.basename(file), error: err.message });
          }
        }
      });
      if (failed > 0) process.exitCode = 1;
    },
  );
  return cmd;
}

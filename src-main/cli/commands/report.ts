/**
 * `greenlight report`: the committee's PDF of saved scenarios (a slate when several) or of a scenario file,
 * made by the same core code as the app's Reports view.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Command } from 'commander';
import type { FilmInput } from '../../shared/film';
import { filmInputSchema } from '../../shared/contract/forecast';
import { MAX_REPORT_SCENARIOS } from '../../shared/contract/reports';
import { parseMoney, plural } from '../../shared/format';
import { buildReport } from '../../core/report';
import { prepareForecasting } from '../../core/forecast/prepare';
import { withDatabase, withDbOption } from '../common';
import { createProgressBar } from '../progress';

/** "3,7, 12" -> [3, 7, 12]; one clear line naming the option for anything else. */
export function parseScenarioIds(text: string): number[] {
  const parts = text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
  if (parts.length === 0) throw new Error('--scenario: give one or more scenario ids, e.g. --scenario 3,7');
  const ids = parts.map((p) => {
    if (!/^\d+$/.test(p) || Number(p) < 1)
      throw new Error(`--scenario: "${p}" is not a scenario id (ids are whole numbers from 1)`);
    return Number(p);
  });
  if (ids.length > MAX_REPORT_SCENARIOS)
    throw new Error(`--scenario: at most ${MAX_REPORT_SCENARIOS} scenarios in one report`);
  return ids;
}

/**
 * Reads a scenario file: a JSON object with the fields of a film (budget required; money may be written
 * "90M"). Errors name the file and the field.
 */
export function readScenarioFile(file: string): FilmInput {
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    const reason = (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message;
    throw new Error(`${file}: cannot read the scenario (${reason})`);
  }
  if (
    raw &&
    typeof raw === 'object' &&
    !Array.isArray(raw) &&
    typeof (raw as { budget?: unknown }).budget === 'string'
  ) {
    const money = parseMoney((raw as { budget: string }).budget);
    if (money === null)
      throw new Error(`${file}: budget: "${(raw as { budget: string }).budget}" is not an amount such as 90M`);
    raw = { ...raw, budget: money };
  }
  const parsed = filmInputSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue.path.join('.') || '(the file)';
    throw new Error(`${file}: ${field}: ${issue.message}`);
  }
  return parsed.data;
}

export function reportCommand(): Command {
  const cmd = new Command('report')
    .description(
      'Write the PDF report for the greenlight committee: saved scenarios (several make a slate) or a scenario file.',
    )
    .option(
      '--scenario <ids>',
      'saved scenario ids, comma-separated: one makes a scenario report, two or more a slate report',
    )
    .option(
      '--input <file>',
      'a scenario as JSON ({"title": ..., "budget": "90M", "genres": [...], ...}), forecast now',
    )
    .option('--out <file>', 'where to write the PDF (default: a name from the title, in this directory)')
    .option('--title <text>', 'report title (default: the film title, or "Slate of N films")')
    .option('--note <text>', "the analyst's note for the title page")
    .addHelpText(
      'after',
      '\nExamples:\n' +
        '  greenlight report --scenario 3 --out desert-run.pdf\n' +
        '  greenlight report --scenario 3,7,12 --title "Summer 2027 slate" --note "Three options for the June slot."\n' +
        '  greenlight report --input scenario.json --out report.pdf --db ./greenlight.sqlite',
    );
  withDbOption(cmd);
  cmd.action(
    async (opts: { scenario?: string; input?: string; out?: string; title?: string; note?: string; db?: string }) => {
      if (Boolean(opts.scenario) === Boolean(opts.input))
        throw new Error('give --scenario ID[,ID...] or --input scenario.json (one of them)');
      const scenarioIds = opts.scenario ? parseScenarioIds(opts.scenario) : undefined;
      const input = opts.input ? readScenarioFile(opts.input) : undefined;
      const bar = createProgressBar();
      const report = await withDatabase(opts, async (db) => {
        // A fresh database has no films and no models: load and install them first, as `serve` does.
        await prepareForecasting(db, (line) => process.stderr.write(`${line}\n`));
        return buildReport({ db }, { scenarioIds, input, title: opts.title, note: opts.note }, (p) => bar.update(p));
      });
      bar.done();
      const out = path.resolve(opts.out ?? report.fileName);
      fs.mkdirSync(path.dirname(out), { recursive: true });
      fs.writeFileSync(out, report.pdf);
      process.stdout.write(
        `Wrote ${out} (${plural(report.pages, 'page')}, ${Math.ceil(report.pdf.length / 1024)} KB)\n`,
      );
    },
  );
  return cmd;
}

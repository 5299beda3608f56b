/**
 * `greenlight predict`: one film's forecast from the command line. Also exports the film options and their
 * parsing, shared with `greenlight scenarios save`.
 */
import { Command } from 'commander';
import type { FilmInput } from '../../shared/film';
import type { Forecast, ModelUsed } from '../../shared/forecast';
import { filmInputSchema } from '../../shared/contract/forecast';
import { countryCode } from '../../shared/countries';
import { formatMoney, formatMoneyRange, formatPercent, formatRoi, franchiseNote } from '../../shared/format';
import { parseDate, parseMoney } from '../../core/ingest/parse';
import { forecast } from '../../core/forecast/service';
import { prepareForecasting } from '../../core/forecast/prepare';
import { printJson, withDatabase, withDbOption } from '../common';
import { createContext } from '../../core/context';

export interface FilmOptions {
  title?: string;
  budget: string;
  runtime?: string;
  genres?: string;
  releaseDate?: string;
  language?: string;
  countries?: string;
  companies?: string;
  keywords?: string;
  director?: string;
  cast?: string;
}

/** The options that describe a film, shared by predict and scenarios save. */
export function addFilmOptions(cmd: Command): Command {
  return cmd
    .option('--title <text>', 'working title (used to leave the film itself out of its comparables)')
    .requiredOption('--budget <money>', 'production budget: 90000000, 90M or $90,000,000')
    .option('--runtime <minutes>', 'running time in minutes (1-600)')
    .option('--genres <list>', 'comma-separated genres, e.g. Action,Adventure')
    .option('--release-date <date>', 'release date, e.g. 2027-06-18')
    .option('--language <code>', 'original language (ISO 639-1), e.g. en')
    .option('--countries <list>', 'production countries by code or name, e.g. US,GB or "France,Japan"')
    .option('--companies <list>', 'production companies (studios), comma-separated')
    .option('--keywords <list>', 'keywords, comma-separated')
    .option('--director <list>', 'directors, comma-separated')
    .option('--cast <list>', 'top-billed cast in billing order, comma-separated');
}

function list(text: string | undefined): string[] | undefined {
  if (text === undefined) return undefined;
  return text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

/** Turns the command-line options into a validated FilmInput; throws one clear line naming the option. */
export function filmInputFromOptions(opts: FilmOptions): FilmInput {
  const problem = (option: string, message: string) => new Error(`${option}: ${message}`);
  let budget: number | null;
  try {
    budget = parseMoney(opts.budget);
  } catch (err) {
    throw problem('--budget', (err as Error).message);
  }
  if (budget === null || budget <= 0) throw problem('--budget', 'must be a positive amount, e.g. 90M');
  let releaseDate: string | undefined;
  if (opts.releaseDate !== undefined) {
    try {
      const parsed = parseDate(opts.releaseDate);
      releaseDate = parsed?.iso ?? undefined;
    } catch (err) {
      throw problem('--release-date', (err as Error).message);
    }
  }
  const runtime = opts.runtime === undefined ? undefined : Number(opts.runtime);
  if (runtime !== undefined && !Number.isFinite(runtime))
    throw problem('--runtime', `"${opts.runtime}" is not a number of minutes`);
  const candidate = {
    title: opts.title,
    budget,
    runtime,
    genres: list(opts.genres) ?? [],
    releaseDate,
    language: opts.language,
    countries: countryCodes(opts.countries),
    companies: list(opts.companies),
    keywords: list(opts.keywords),
    directors: list(opts.director),
    cast: list(opts.cast),
  };
  const parsed = filmInputSchema.safeParse(candidate);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const option = OPTION_OF[String(issue.path[0])] ?? String(issue.path[0]);
    throw problem(option, issue.message);
  }
  return parsed.data;
}

/** --countries by code or by name, as the form takes them ("US", "France", "UK"); says which one it does not know. */
function countryCodes(text: string | undefined): string[] | undefined {
  return list(text)?.map((typed) => {
    const code = countryCode(typed);
    if (code === null) {
      throw new Error(
        `--countries: "${typed}" is not a country we know: give a code such as US or a name such as France`,
      );
    }
    return code;
  });
}

const OPTION_OF: Record<string, string> = {
  title: '--title',
  budget: '--budget',
  runtime: '--runtime',
  genres: '--genres',
  releaseDate: '--release-date',
  language: '--language',
  countries: '--countries',
  companies: '--companies',
  keywords: '--keywords',
  directors: '--director',
  cast: '--cast',
};

function modelJson(m: ModelUsed | null) {
  return (
    m && { id: m.id, target: m.target, algorithm: m.algorithm, feature_set: m.featureSet, created_at: m.createdAt }
  );
}

/** The `--json` shape of issue 4 (snake_case keys). */
export function forecastJson(f: Forecast) {
  return {
    revenue: f.revenue,
    revenue_low: f.revenueLow,
    revenue_high: f.revenueHigh,
    interval: f.interval,
    intervals: f.intervals,
    hit_probability: f.hitProbability,
    hit_multiple: f.hitMultiple,
    roi: f.roi,
    break_even: f.breakEven,
    base: f.base,
    contributions: f.contributions.map((c) => ({
      feature: c.feature,
      value: c.value,
      label: c.label,
      effect: c.effect,
    })),
    comparables: f.comparables.map((c) => ({
      id: c.id,
      title: c.title,
      year: c.year,
      budget: c.budget,
      revenue: c.revenue,
      predicted: c.predicted,
    })),
    franchise: f.franchise ? { films: f.franchise.films, model_reading: f.franchise.modelReading } : null,
    warnings: f.warnings,
    models: { revenue: modelJson(f.models.revenue), hit: modelJson(f.models.hit) },
  };
}

/** A forecast for a person: the headline numbers, the main reasons, the closest films. */
export function printForecast(f: Forecast, out: NodeJS.WritableStream = process.stdout): void {
  const lines = [
    `Revenue        ${formatMoney(f.revenue)}  (${formatPercent(f.interval)} range ${formatMoneyRange(f.revenueLow, f.revenueHigh)})`,
    `Hit chance     ${f.hitProbability === null ? 'no hit model' : formatPercent(f.hitProbability)}  (earning ${f.hitMultiple}x the budget)`,
    `Return         ${formatRoi(f.roi)}  (break-even at ${formatMoney(f.breakEven)})`,
    '',
    'Why (top reasons):',
    ...f.contributions.slice(0, 6).map((c) => `  ${c.text}`),
  ];
  const franchise = franchiseNote(f.franchise);
  if (franchise) lines.push('', franchise);
  if (f.comparables.length > 0) {
    lines.push('', 'Comparable films:');
    for (const c of f.comparables.slice(0, 5)) {
      lines.push(
        `  ${c.title} (${c.year ?? '?'}): budget ${formatMoney(c.budget)}, revenue ${formatMoney(c.revenue)}, model says ${formatMoney(c.predicted)}`,
      );
    }
  }
  for (const w of f.warnings) lines.push(`Warning: ${w}`);
  lines.push('', `Models: revenue #${f.models.revenue.id}${f.models.hit ? `, hit #${f.models.hit.id}` : ''}`);
  out.write(`${lines.join('\n')}\n`);
}

export function predictCommand(): Command {
  const cmd = new Command('predict')
    .description(
      "Forecast a film's worldwide revenue, its range and hit probability, with reasons and comparable films.",
    )
    .option('--interval <level>', 'coverage of the headline interval: 0.5, 0.8 or 0.95', '0.8')
    .option('--comparables <k>', 'how many comparable films', '8')
    .option('--json', 'print one JSON object')
    .addHelpText(
      'after',
      '\nExamples:\n  greenlight predict --budget 90M --runtime 118 --genres Action,Adventure --release-date 2027-06-18\n' +
        '  greenlight predict --budget "$90,000,000" --genres Drama --language fr --director "Agnès Varda" --json',
    );
  addFilmOptions(cmd);
  withDbOption(cmd);
  cmd.action(async (opts: FilmOptions & { interval: string; comparables: string; json?: boolean; db?: string }) => {
    const input = filmInputFromOptions(opts);
    const interval = Number(opts.interval);
    if (!(interval > 0.05 && interval < 0.995))
      throw new Error(`--interval: "${opts.interval}" must be between 0.05 and 0.995`);
    const k = Number(opts.comparables);
    if (!Number.isInteger(k) || k < 0 || k > 50)
      throw new Error(`--comparables: "${opts.comparables}" must be a whole number 0-50`);
    await withDatabase(opts, async (db, file) => {
      await prepareForecasting(db);
      const f = forecast(createContext(db, file, 'cli'), input, { interval, comparables: k, whatIf: false });
      if (opts.json) printJson(forecastJson(f));
      else printForecast(f);
    });
  });
  return cmd;
}

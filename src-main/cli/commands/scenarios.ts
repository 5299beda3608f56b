/**
 * `greenlight scenarios list|show|save|delete|compare`: the saved scenarios from the command line, through the
 * same contract channels (and input validation) as the app.
 */
import { Command } from 'commander';
import type { ScenarioRecord } from '../../shared/forecast';
import type { ScenarioView, SlateTotals } from '../../shared/contract/scenarios';
import { formatMoney, formatPercent } from '../../shared/format';
import { dispatch } from '../../core/api/handler';
import { handlers } from '../../core/api/handlers';
import { createContext, type CoreContext } from '../../core/context';
import { prepareForecasting } from '../../core/forecast/prepare';
import { printJson, withDatabase, withDbOption } from '../common';
import { addFilmOptions, filmInputFromOptions, forecastJson, printForecast, type FilmOptions } from './predict';

type Opts = { json?: boolean; db?: string };

function withContext<T>(opts: Opts, fn: (ctx: CoreContext) => Promise<T>): Promise<T> {
  return withDatabase(opts, (db, file) => fn(createContext(db, file, 'cli')));
}

function parseId(text: string): number {
  const id = Number(text);
  if (!Number.isInteger(id) || id <= 0) throw new Error(`"${text}" is not a scenario id (a positive whole number)`);
  return id;
}

function scenarioJson(s: ScenarioRecord | ScenarioView) {
  return {
    id: s.id,
    name: s.name,
    note: s.note,
    input: s.input,
    model_ids: s.modelIds,
    stale: s.stale ?? false,
    created_at: s.createdAt,
    updated_at: s.updatedAt,
    forecast: s.forecast ? forecastJson(s.forecast) : null,
    ...('fresh' in s ? { fresh: s.fresh ? forecastJson(s.fresh) : null } : {}),
  };
}

function line(s: ScenarioRecord): string {
  const f = s.forecast;
  const numbers = f
    ? `${formatMoney(f.revenue)} (${formatMoney(f.revenueLow)}-${formatMoney(f.revenueHigh)}), hit ${f.hitProbability === null ? '-' : formatPercent(f.hitProbability)}`
    : 'no forecast';
  return `#${s.id}  ${s.name}  budget ${formatMoney(s.input.budget)}: ${numbers}${s.stale ? '  [stale: models changed]' : ''}`;
}

function totalsLine(t: SlateTotals): string {
  return `Slate of ${t.scenarios}: budget ${formatMoney(t.budget)}, expected revenue ${formatMoney(t.expectedRevenue)}, expected hits ${t.expectedHits === null ? '-' : t.expectedHits.toFixed(2)}`;
}

export function scenariosCommand(): Command {
  const cmd = new Command('scenarios').description('Saved scenarios: list, show, save, delete, compare.');

  withDbOption(
    cmd.command('list').description('List saved scenarios (stale ones marked).').option('--json', 'print JSON'),
  ).action((opts: Opts) =>
    withContext(opts, async (ctx) => {
      const list = (await dispatch(handlers, ctx, 'scenarios.list', {})) as ScenarioRecord[];
      if (opts.json) printJson(list.map(scenarioJson));
      else process.stdout.write(list.length ? `${list.map(line).join('\n')}\n` : 'No saved scenarios yet.\n');
    }),
  );

  withDbOption(
    cmd
      .command('show <id>')
      .description('One scenario; a fresh forecast beside a stale one.')
      .option('--json', 'print JSON'),
  ).action((id: string, opts: Opts) =>
    withContext(opts, async (ctx) => {
      const view = (await dispatch(handlers, ctx, 'scenarios.get', { id: parseId(id) })) as ScenarioView | null;
      if (!view) throw new Error(`there is no scenario ${id}`);
      if (opts.json) return printJson(scenarioJson(view));
      process.stdout.write(`${line(view)}\n${view.note ? `Note: ${view.note}\n` : ''}\n`);
      if (view.forecast) printForecast(view.forecast);
      if (view.fresh) {
        process.stdout.write('\nWith the active models now:\n');
        printForecast(view.fresh);
      }
    }),
  );

  const save = cmd
    .command('save')
    .description('Forecast a film and save it as a scenario.')
    .requiredOption('--name <name>', 'scenario name')
    .option('--note <text>', 'a note for the committee')
    .option('--json', 'print JSON');
  addFilmOptions(save);
  withDbOption(save).action((opts: FilmOptions & Opts & { name: string; note?: string }) => {
    const input = filmInputFromOptions(opts);
    return withContext(opts, async (ctx) => {
      await prepareForecasting(ctx.db, (l) => process.stderr.write(`${l}\n`));
      const saved = (await dispatch(handlers, ctx, 'scenarios.save', {
        name: opts.name,
        note: opts.note ?? null,
        input,
      })) as ScenarioRecord;
      if (opts.json) printJson(scenarioJson(saved));
      else process.stdout.write(`Saved ${line(saved)}\n`);
    });
  });

  withDbOption(cmd.command('delete <id>').description('Delete a scenario.').option('--json', 'print JSON')).action(
    (id: string, opts: Opts) =>
      withContext(opts, async (ctx) => {
        const result = (await dispatch(handlers, ctx, 'scenarios.delete', { id: parseId(id) })) as { deleted: boolean };
        if (!result.deleted) throw new Error(`there is no scenario ${id}`);
        if (opts.json) printJson(result);
        else process.stdout.write(`Deleted scenario ${id}.\n`);
      }),
  );

  withDbOption(
    cmd
      .command('compare <ids...>')
      .description('Scenarios side by side, with slate totals.')
      .option('--json', 'print JSON'),
  ).action((ids: string[], opts: Opts) =>
    withContext(opts, async (ctx) => {
      const result = (await dispatch(handlers, ctx, 'scenarios.compare', { ids: ids.map(parseId) })) as {
        scenarios: ScenarioView[];
        totals: SlateTotals;
      };
      if (opts.json) {
        return printJson({
          scenarios: result.scenarios.map(scenarioJson),
          totals: {
            scenarios: result.totals.scenarios,
            budget: result.totals.budget,
            expected_revenue: result.totals.expectedRevenue,
            expected_hits: result.totals.expectedHits,
          },
        });
      }
      process.stdout.write(`${result.scenarios.map(line).join('\n')}\n${totalsLine(result.totals)}\n`);
    }),
  );
  return cmd;
}

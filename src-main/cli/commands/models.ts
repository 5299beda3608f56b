/** `greenlight models list|show|activate|compare|archive`: model versions in the database. */
import { Command } from 'commander';
import type { ModelVersionSummary } from '../../core/models/types';
import { listModelVersions, getModelSummary } from '../../core/store/models';
import { activateModel, archiveModel, compareVersions } from '../../core/models/versions';
import { modelDetailForDisplay } from '../../core/api/model-display';
import { featureCount, plural } from '../../shared/format';
import { printJson, withDatabase, withDbOption } from '../common';

function versionId(text: string): number {
  const id = Number(text);
  if (!Number.isInteger(id) || id < 1) throw new Error(`A version id is a positive whole number, got "${text}"`);
  return id;
}

/** The one metric a row shows: R^2 for regression, AUC for hit. */
function headline(v: ModelVersionSummary): string {
  const m = v.metrics;
  if (typeof m.auc === 'number') return `AUC ${m.auc.toFixed(3)}`;
  if (typeof m.r2 === 'number') return `R^2 ${m.r2.toFixed(3)}`;
  return '';
}

function row(v: ModelVersionSummary): string {
  return [
    String(v.id).padStart(4),
    v.target.padEnd(10),
    v.algorithm.padEnd(8),
    v.featureSet.slice(0, 28).padEnd(28),
    headline(v).padEnd(11),
    String(v.data.rows).padStart(5),
    v.status.padEnd(8),
    v.createdAt.slice(0, 16).replace('T', ' '),
    v.note ?? '',
  ].join('  ');
}

function jsonOption(cmd: Command): Command {
  return withDbOption(cmd.option('--json', 'print JSON'));
}

export function modelsCommand(): Command {
  const models = new Command('models').description(
    'List, inspect, compare, activate (roll back) and archive model versions.',
  );
  models.addHelpText(
    'after',
    [
      '',
      'Examples:',
      '  greenlight models list',
      '  greenlight models show 3 --json',
      '  greenlight models compare 3 5',
      '  greenlight models activate 3      # roll back: activate an older version',
      '  greenlight models archive 4',
    ].join('\n'),
  );

  models.addCommand(
    jsonOption(
      new Command('list')
        .description('Model versions, newest first')
        .option('--target <target>', 'only this target')
        .option('--all', 'include archived versions'),
    ).action(async (o: { json?: boolean; db?: string; target?: string; all?: boolean }) => {
      await withDatabase(o, (db) => {
        if (o.target && !['revenue', 'hit', 'popularity'].includes(o.target)) {
          throw new Error(`--target must be revenue, hit or popularity, got "${o.target}"`);
        }
        const versions = listModelVersions(db, {
          target: o.target as ModelVersionSummary['target'] | undefined,
          includeArchived: o.all,
        });
        if (o.json) return printJson(versions);
        if (versions.length === 0) {
          process.stdout.write(
            'No model versions yet: train one with `greenlight train --target revenue --activate`.\n',
          );
          return;
        }
        process.stdout.write(
          `${['  id', 'target    ', 'algo    ', 'features'.padEnd(28), 'cv'.padEnd(11), ' rows', 'status  ', 'created'].join('  ')}\n`,
        );
        for (const v of versions) process.stdout.write(`${row(v)}\n`);
      });
    }),
  );

  models.addCommand(
    jsonOption(new Command('show').description('One version in detail').argument('<id>')).action(
      async (id: string, o: { json?: boolean; db?: string }) => {
        await withDatabase(o, (db) => {
          const d = modelDetailForDisplay(db, versionId(id));
          if (o.json) return printJson(d);
          const lines = [
            `Version ${d.id}: ${d.target}, ${d.algorithm}, features ${d.featureSet} (${featureCount(d.featureGroups ?? d.featureNames.length, d.featureNames.length)}), ${d.status}`,
            `  created ${d.createdAt}${d.activatedAt ? `, activated ${d.activatedAt}` : ''}${d.note ? `; note: ${d.note}` : ''}`,
            `  parameters: ${JSON.stringify(d.params)}`,
            `  data: ${plural(d.data.rows, 'film')}, years ${d.data.years ? d.data.years.join('-') : '?'}, batches ${d.data.batches.join(',') || '-'}, ` +
              `fingerprint ${d.data.fingerprint}${d.data.includeFlagged ? ', flagged films included' : ''}`,
            `  CV (${d.protocol.kind}, ${plural(d.protocol.folds, 'fold')} x ${d.protocol.repeats}): ` +
              Object.entries(d.metrics)
                .filter(([k]) => k !== 'rows')
                .map(([k, v]) => `${k} ${Math.abs(v) >= 1000 ? v.toExponential(3) : v.toFixed(4)}`)
                .join(', '),
          ];
          if (d.candidates.length > 1) {
            lines.push(`  candidates (${d.protocol.scoring}, best marked *):`);
            const ranked = [...d.candidates].sort((a, b) => b.score - a.score).slice(0, 15);
            for (const c of ranked) {
              lines.push(
                `   ${c.index === d.chosen ? '*' : ' '} ${c.score.toFixed(4)} ± ${c.scoreStd.toFixed(4)}  ${JSON.stringify(c.params)}`,
              );
            }
          }
          process.stdout.write(`${lines.join('\n')}\n`);
        });
      },
    ),
  );

  models.addCommand(
    jsonOption(
      new Command('activate').description('Make a version the active one for its target (roll back)').argument('<id>'),
    ).action(async (id: string, o: { json?: boolean; db?: string }) => {
      await withDatabase(o, (db) => {
        const { previous, goldRows } = activateModel(db, versionId(id));
        const v = getModelSummary(db, versionId(id))!;
        if (o.json) return printJson({ ...v, previous, goldRows });
        process.stdout.write(
          `Version ${v.id} is the active ${v.target} model${previous ? ` (was ${previous})` : ''}; ${goldRows} film predictions written.\n`,
        );
      });
    }),
  );

  models.addCommand(
    jsonOption(new Command('compare').description('Two or more versions side by side').argument('<ids...>')).action(
      async (ids: string[], o: { json?: boolean; db?: string }) => {
        if (ids.length < 2) throw new Error('compare needs at least two version ids');
        await withDatabase(o, (db) => {
          const c = compareVersions(db, ids.map(versionId));
          if (o.json) return printJson(c);
          const head = ['metric'.padEnd(14), ...c.versions.map((v) => `v${v.id} ${v.algorithm}`.padEnd(16))].join(' ');
          const lines = [head];
          for (const m of c.metrics) {
            const cells = m.values.map((value, i) =>
              `${value === null ? '-' : Math.abs(value) >= 1000 ? value.toExponential(3) : value.toFixed(4)}${m.better === c.versions[i].id ? ' *' : ''}`.padEnd(
                16,
              ),
            );
            lines.push([m.name.padEnd(14), ...cells].join(' '));
          }
          for (const p of c.params)
            lines.push([p.name.padEnd(14), ...p.values.map((v) => JSON.stringify(v).padEnd(16))].join(' '));
          lines.push(
            c.sameData ? 'Same training data (fingerprints match).' : 'Trained on different data: compare with care.',
          );
          process.stdout.write(`${lines.join('\n')}\n`);
        });
      },
    ),
  );

  models.addCommand(
    jsonOption(new Command('archive').description('Archive a version (not the active one)').argument('<id>')).action(
      async (id: string, o: { json?: boolean; db?: string }) => {
        await withDatabase(o, (db) => {
          archiveModel(db, versionId(id));
          const v = getModelSummary(db, versionId(id))!;
          if (o.json) return printJson(v);
          process.stdout.write(`Version ${v.id} archived.\n`);
        });
      },
    ),
  );
  return models;
}

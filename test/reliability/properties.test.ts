/**
 * Property-based tests (fast-check): random input never crashes the CSV reader, the import, the money and date
 * parsers, the contract's door (dispatch) or the model loader; valid input round-trips. Each property runs
 * RUNS times (more for the cheap ones); a failure prints the seed and the shrunk counterexample to replay.
 */
import { afterAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { z } from 'zod';
import { openDatabase } from '../../src-main/core/store/db';
import { importFile, ImportError } from '../../src-main/core/ingest/import';
import { NotUtf8Error, readRecords, sniff, type RawRecord } from '../../src-main/core/ingest/read';
import { parseDate, parseMoney, ValueParseError } from '../../src-main/core/ingest/parse';
import { formatMoney, parseMoney as parseMoneyInForm } from '../../src-main/shared/format';
import { contract, channelNames, type ChannelName } from '../../src-main/shared/contract';
import { dispatch, InvalidInputError, type Handler } from '../../src-main/core/api/handler';
import type { CoreContext } from '../../src-main/core/context';
import { createEstimator, loadEstimator } from '../../src-main/core/ml/registry';
import type { AlgorithmName, Matrix, Params, Task } from '../../src-main/core/ml/types';
import { csvRecord, integrityOk } from './helpers';

/** Runs per property: cheap properties run CHEAP_RUNS, those that fit models or touch SQLite fewer. */
const CHEAP_RUNS = 1000;
const RUNS = 200;
const MODEL_RUNS = 60;
const checked: { property: string; runs: number }[] = [];

/** Asserts a property and records its name and run count for the suite's summary line. */
async function property<Ts extends [unknown, ...unknown[]]>(
  name: string,
  prop: fc.IAsyncPropertyWithHooks<Ts> | fc.IPropertyWithHooks<Ts>,
  runs: number,
): Promise<void> {
  await fc.assert(prop as fc.IAsyncProperty<Ts>, { numRuns: runs });
  checked.push({ property: name, runs });
}

afterAll(() => {
  const runs = checked.reduce((a, c) => a + c.runs, 0);
  console.log(JSON.stringify({ suite: 'properties', properties: checked.length, runs }));
});

// ---- the CSV reader ----------------------------------------------------------------------------------------

/** Any text a cell may hold, quotes, delimiters and line breaks included (not NUL-heavy binary). */
const cellText = fc.string({
  unit: fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom('a', 'Z', '7', ' ', 'é', '重', '😀', '$', '=', '<') },
    { weight: 3, arbitrary: fc.constantFrom('"', ',', ';', '\t', '\n', '\r\n', '\r') },
    { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 1 }) },
  ),
  maxLength: 30,
});
/** A table of at least two columns (a one-column row holding '' would be a blank line, which CSV cannot tell apart). */
const table = fc
  .integer({ min: 2, max: 6 })
  .chain((cols) => fc.array(fc.array(cellText, { minLength: cols, maxLength: cols }), { minLength: 1, maxLength: 15 }));

async function readAll(content: Buffer): Promise<RawRecord[]> {
  const records: RawRecord[] = [];
  const result = await readRecords(
    { fileName: 'p.csv', content },
    { size: content.length, encoding: 'utf-8', delimiter: ',' },
    (batch) => void records.push(...batch),
  );
  expect(result.failure).toBeNull();
  return records;
}

describe('properties: the CSV reader', () => {
  it('reads back exactly the table a correct CSV writer wrote (quotes, delimiters, line breaks, any Unicode)', async () => {
    await property(
      'csv round trip',
      fc.asyncProperty(table, async (rows) => {
        const records = await readAll(Buffer.from(rows.map(csvRecord).join(''), 'utf8'));
        expect(records.map((r) => r.fields)).toEqual(rows);
      }),
      RUNS,
    );
  });

  it('keeps multi-byte characters whole across the 1 MB chunk boundary', async () => {
    await property(
      'csv chunk boundary',
      fc.asyncProperty(
        fc.integer({ min: 0, max: 40 }),
        fc.array(fc.constantFrom('é', '重', '😀', 'a', '"'), { minLength: 10, maxLength: 60 }),
        async (shift, chars) => {
          const title = chars.join('');
          const padding = 'p'.repeat(1024 * 1024 - 20 - shift);
          const rows = [
            ['pad', padding],
            [title, title],
          ];
          const records = await readAll(Buffer.from(rows.map(csvRecord).join(''), 'utf8'));
          expect(records[1].fields).toEqual([title, title]);
        },
      ),
      8, // each run reads a megabyte through csv-parse
    );
  });

  it('never crashes on random bytes: it reads records or refuses the file with an ImportError', async () => {
    await property(
      'reader on random bytes',
      fc.asyncProperty(fc.uint8Array({ minLength: 0, maxLength: 2000 }), async (bytes) => {
        const content = Buffer.from(bytes);
        try {
          const sniffed = sniff('r.csv', content, content.length);
          await readRecords({ fileName: 'r.csv', content }, sniffed, () => {});
        } catch (err) {
          if (!(err instanceof ImportError) && !(err instanceof NotUtf8Error)) throw err;
        }
      }),
      CHEAP_RUNS,
    );
  });

  it('imports any CSV-like text with every row accounted for, or refuses it with a one-line ImportError', async () => {
    const db = openDatabase(':memory:');
    const header = fc.constantFrom(
      'id,title,budget,revenue,runtime,release_date,genres,popularity,vote_count',
      'Title,Production Budget,Worldwide Gross,Release Date,Major Genre,Director',
      'movie_id,title,cast,crew',
      'a;b;c',
    );
    const cell = fc.oneof(
      cellText,
      fc.constantFrom(
        '19995',
        '-5',
        '$90M',
        '1.5B',
        'abc',
        '2010-02-30',
        '07/16/2010',
        '[]',
        '[{"name":"Drama"}',
        '\0',
      ),
    );
    try {
      await property(
        'import on random CSV',
        fc.asyncProperty(header, fc.array(fc.array(cell, { maxLength: 10 }), { maxLength: 12 }), async (h, rows) => {
          const text = `${h}\n${rows.map((r) => r.join(h.includes(';') ? ';' : ',')).join('\n')}`;
          try {
            const s = await importFile(db, { fileName: 'fuzz.csv', content: Buffer.from(text, 'utf8') });
            expect(s.loaded + s.quarantined).toBe(s.rows);
            const bronze = db.prepare('SELECT count(*) FROM bronze_rows WHERE batch_id = ?').pluck().get(s.batch);
            expect(bronze).toBe(s.rows);
          } catch (err) {
            if (!(err instanceof ImportError)) throw err;
            expect(err.message).toMatch(/^fuzz\.csv: [^\n]+$/);
          }
        }),
        RUNS,
      );
      expect(integrityOk(db)).toBe(true);
    } finally {
      db.close();
    }
  });
});

// ---- money and dates ---------------------------------------------------------------------------------------

const moneyish = fc.string({
  unit: fc.constantFrom(
    '0',
    '1',
    '5',
    '9',
    ',',
    '.',
    ' ',
    '$',
    '-',
    '(',
    ')',
    'k',
    'm',
    'b',
    'M',
    'illion',
    'usd',
    "'",
    'e',
    'x',
  ),
  maxLength: 16,
});

describe('properties: money', () => {
  it('any text gives null, a finite amount >= 0, or a ValueParseError saying which formats are accepted', async () => {
    await property(
      'money never crashes',
      fc.property(fc.oneof(moneyish, fc.string()), (text) => {
        try {
          const value = parseMoney(text);
          if (value !== null) {
            expect(Number.isFinite(value)).toBe(true);
            expect(value).toBeGreaterThanOrEqual(0);
          }
        } catch (err) {
          expect(err).toBeInstanceOf(ValueParseError);
          expect((err as Error).message).toMatch(/accepted|negative|below zero/);
        }
      }),
      CHEAP_RUNS * 5,
    );
  });

  it('whole dollars round-trip through every written form: 90000000, 90,000,000, $90,000,000, 90 000 000', async () => {
    await property(
      'money round trip',
      fc.property(fc.integer({ min: 0, max: 999_999_999_999 }), (n) => {
        const grouped = n.toLocaleString('en-US');
        for (const text of [String(n), grouped, `$${grouped}`, grouped.replace(/,/g, ' '), `USD ${n}`]) {
          expect(parseMoney(text)).toBe(n);
        }
      }),
      CHEAP_RUNS,
    );
  });

  it('a short amount as the app shows it ($90M, $1.2B) means the same to the import and to the form', async () => {
    await property(
      'money display round trip',
      fc.property(fc.integer({ min: 1000, max: 9_990_000_000_000 }), (n) => {
        const shown = formatMoney(n);
        const imported = parseMoney(shown)!;
        // Equal to the cent (near $10T a double holds cents only approximately).
        expect(Math.abs(imported - parseMoneyInForm(shown)!)).toBeLessThanOrEqual(0.01);
        expect(Math.abs(imported - n) / n).toBeLessThan(0.0051); // three significant figures
      }),
      CHEAP_RUNS,
    );
  });

  it('never reads a negative amount as positive', async () => {
    await property(
      'negative money refused',
      fc.property(fc.integer({ min: 1, max: 1e12 }), fc.constantFrom('-', '-$', '$-'), (n, sign) => {
        expect(() => parseMoney(`${sign}${n}`)).toThrow(ValueParseError);
        expect(() => parseMoney(`(${n})`)).toThrow(ValueParseError);
      }),
      CHEAP_RUNS,
    );
  });
});

const MONTH_NAMES = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const validDate = fc
  .record({
    y: fc.integer({ min: 1000, max: 9999 }),
    m: fc.integer({ min: 1, max: 12 }),
    d: fc.integer({ min: 1, max: 31 }),
  })
  .filter(({ y, m, d }) => d <= new Date(Date.UTC(y, m, 0)).getUTCDate());
const pad = (n: number) => String(n).padStart(2, '0');

describe('properties: dates', () => {
  it('any text gives null, a real date, or a ValueParseError naming the accepted formats', async () => {
    const dateish = fc.string({
      unit: fc.constantFrom('0', '1', '2', '3', '9', '-', '/', '.', ' ', ',', 'Jul', 'Sept', 'th', 'T', ':', 'Z'),
      maxLength: 20,
    });
    await property(
      'dates never crash',
      fc.property(fc.oneof(dateish, fc.string()), (text) => {
        try {
          const date = parseDate(text);
          if (date?.iso) {
            const back = new Date(`${date.iso}T00:00:00Z`);
            expect(back.getUTCFullYear()).toBe(date.year);
            expect(back.getUTCMonth() + 1).toBe(date.month);
            expect(back.getUTCDate()).toBe(date.day);
          }
        } catch (err) {
          expect(err).toBeInstanceOf(ValueParseError);
          expect((err as Error).message).toMatch(/accepted|not a real date|impossible year|month name/);
        }
      }),
      CHEAP_RUNS * 5,
    );
  });

  it('every real date reads the same in ISO, US, dotted European and month-name forms', async () => {
    await property(
      'date round trip',
      fc.property(validDate, ({ y, m, d }) => {
        const iso = `${y}-${pad(m)}-${pad(d)}`;
        const name = MONTH_NAMES[m - 1];
        const forms = [iso, `${pad(m)}/${pad(d)}/${y}`, `${d}.${m}.${y}`, `${name} ${d} ${y}`, `${d} ${name} ${y}`];
        for (const text of forms) expect(parseDate(text)?.iso, text).toBe(iso);
      }),
      CHEAP_RUNS,
    );
  });

  it('refuses days that do not exist in their month', async () => {
    await property(
      'impossible days refused',
      fc.property(fc.integer({ min: 1000, max: 9999 }), fc.integer({ min: 1, max: 12 }), (y, m) => {
        const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
        expect(() => parseDate(`${y}-${pad(m)}-${pad(last + 1)}`)).toThrow(/not a real date/);
      }),
      CHEAP_RUNS,
    );
  });
});

// ---- the contract's door -----------------------------------------------------------------------------------

/** Handlers that only record that they ran: dispatch is tested, not the domains. */
const recorded: unknown[] = [];
const stubHandlers = Object.fromEntries(
  channelNames.map((name) => [name, (input: unknown) => (recorded.push(input), 'ran')]),
) as unknown as { [K in ChannelName]: Handler<K> };
const noContext = {} as CoreContext;

/** The top-level keys a channel's input schema names, so random objects hit real fields too. */
function keysOf(channel: ChannelName): string[] {
  const json = z.toJSONSchema(contract[channel].input, { io: 'input', unrepresentable: 'any' }) as {
    properties?: Record<string, unknown>;
  };
  return Object.keys(json.properties ?? {});
}

describe('properties: every channel of the contract', () => {
  it('answers random input by running its handler with validated input, or with InvalidInputError', async () => {
    let ran = 0;
    let refused = 0;
    for (const channel of channelNames) {
      const keys = keysOf(channel);
      const value = fc.oneof(
        fc.anything({ maxDepth: 3 }),
        fc.constantFrom(0, -1, 1e308, NaN, '', 'x'.repeat(5000), '__proto__', null, [], {}, true, '2010-07-16', 90e6),
      );
      const input = fc.oneof(
        fc.anything({ maxDepth: 4 }),
        keys.length ? fc.dictionary(fc.constantFrom(...keys), value, { maxKeys: keys.length }) : fc.constant({}),
        fc.constant(JSON.parse('{"__proto__": {"polluted": true}}')),
      );
      await property(
        `dispatch ${channel}`,
        fc.asyncProperty(input, async (raw) => {
          recorded.length = 0;
          try {
            expect(await dispatch(stubHandlers, noContext, channel, raw)).toBe('ran');
            // What reached the handler is what the schema accepts.
            expect(contract[channel].input.safeParse(recorded[0]).success).toBe(true);
            ran++;
          } catch (err) {
            expect(err).toBeInstanceOf(InvalidInputError);
            expect(recorded).toHaveLength(0);
            refused++;
          }
        }),
        RUNS,
      );
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(refused).toBeGreaterThan(0);
    expect(ran + refused).toBe(channelNames.length * RUNS);
  });

  it('refuses channel names the contract does not list, whatever they are', async () => {
    await property(
      'unknown channels refused',
      fc.asyncProperty(
        fc.oneof(fc.string(), fc.constantFrom('__proto__', 'constructor', 'toString', 'hasOwnProperty')),
        async (name) => {
          fc.pre(!(channelNames as string[]).includes(name));
          await expect(dispatch(stubHandlers, noContext, name, {})).rejects.toThrow(/Unknown channel/);
        },
      ),
      CHEAP_RUNS,
    );
  });
});

// ---- model (de)serialisation -------------------------------------------------------------------------------

const ALGORITHMS: { algorithm: AlgorithmName; tasks: Task[]; params: fc.Arbitrary<Params> }[] = [
  {
    algorithm: 'gbdt',
    tasks: ['regression', 'classification'],
    params: fc.record({
      n_estimators: fc.integer({ min: 1, max: 15 }),
      max_depth: fc.integer({ min: 1, max: 4 }),
      learning_rate: fc.constantFrom(0.05, 0.1, 0.3),
      subsample: fc.constantFrom(0.6, 1),
    }),
  },
  {
    algorithm: 'rf',
    tasks: ['regression', 'classification'],
    params: fc.record({
      n_estimators: fc.integer({ min: 1, max: 8 }),
      max_depth: fc.constantFrom(2, 4, null),
      max_features: fc.constantFrom<Params['max_features']>(null, 'sqrt', 0.5),
    }),
  },
  {
    algorithm: 'tree',
    tasks: ['regression', 'classification'],
    params: fc.record({ max_depth: fc.constantFrom(1, 3, null) }),
  },
  { algorithm: 'linear', tasks: ['regression'], params: fc.record({ alpha: fc.constantFrom(0.1, 1, 10) }) },
  { algorithm: 'logistic', tasks: ['classification'], params: fc.record({ C: fc.constantFrom(0.1, 1, 10) }) },
];

const dataset = fc.record({
  rows: fc.integer({ min: 12, max: 60 }),
  cols: fc.integer({ min: 1, max: 4 }),
  seed: fc.integer({ min: 0, max: 1e6 }),
  missing: fc.constantFrom(0, 0.1),
});

function makeData(rows: number, cols: number, seed: number, missing: number, classification: boolean) {
  let s = seed + 1;
  const rand = () => ((s = (s * 16807) % 2147483647) - 1) / 2147483646;
  const data = new Float64Array(rows * cols).map(() => (rand() < missing ? NaN : rand() * 10 - 5));
  const y = new Float64Array(rows).map((_, i) => {
    const signal = (Number.isNaN(data[i * cols]) ? 0 : data[i * cols]) + rand();
    return classification ? (i % 2 === 0 ? 1 : 0) ^ (signal > 2 ? 1 : 0) : signal * 3;
  });
  return { X: { rows, cols, data } as Matrix, y };
}

describe('properties: model (de)serialisation', () => {
  it('every algorithm predicts identically after toJSON -> JSON text -> loadEstimator', async () => {
    const spec = fc.constantFrom(...ALGORITHMS).chain((a) =>
      fc.record({
        algorithm: fc.constant(a.algorithm),
        task: fc.constantFrom(...a.tasks),
        params: a.params,
        data: dataset,
      }),
    );
    await property(
      'model round trip',
      fc.property(spec, ({ algorithm, task, params, data }) => {
        const { X, y } = makeData(data.rows, data.cols, data.seed, data.missing, task === 'classification');
        const model = createEstimator(algorithm, task, params, data.seed).fit(X, y);
        const loaded = loadEstimator(JSON.parse(JSON.stringify(model.toJSON())));
        expect(loaded.algorithm).toBe(algorithm);
        expect(loaded.task).toBe(task);
        expect(Array.from(loaded.predictRaw(X))).toEqual(Array.from(model.predictRaw(X)));
        expect(Array.from(loaded.predict(X))).toEqual(Array.from(model.predict(X)));
        // Stable: a second round trip gives the same JSON.
        expect(JSON.stringify(loaded.toJSON())).toBe(JSON.stringify(model.toJSON()));
      }),
      MODEL_RUNS,
    );
  });

  it('refuses saved models that are not models with a RangeError, never a crash', async () => {
    const junk = fc.oneof(
      fc.anything({ maxDepth: 2 }),
      fc.record({ kind: fc.string(), version: fc.anything({ maxDepth: 0 }) }),
      fc.record({
        kind: fc.constantFrom('gbdt-regression', 'rf-classification', 'tree-x'),
        version: fc.constantFrom(0, 2, '1'),
      }),
    );
    await property(
      'model loader refuses junk',
      fc.property(junk, (json) => {
        expect(() => loadEstimator(json as never)).toThrow(RangeError);
      }),
      CHEAP_RUNS,
    );
  });
});

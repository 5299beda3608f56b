/**
 * Nothing from the renderer reaches a handler without passing the contract's schema in main. For every channel:
 * garbage input (wrong types, extra keys, huge strings, deep nesting) must end in InvalidInputError and never
 * run the handler; every schema must be strict and bounded; and the only doors into the handlers (IPC, HTTP)
 * must go through `dispatch`.
 */
import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { afterAll, describe, expect, it } from 'vitest';
import { contract, channelNames, type ChannelName } from '../../src-main/shared/contract';
import { dispatch, InvalidInputError, type Handler } from '../../src-main/core/api/handler';
import { createContext } from '../../src-main/core/context';
import { openDatabase } from '../../src-main/core/store/db';

type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema | JsonSchema[];
  prefixItems?: JsonSchema[];
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  default?: unknown;
  propertyNames?: JsonSchema;
  maxProperties?: number;
};

const HUGE_STRING_LIMIT = 20_000_000; // beyond this a test string costs too much memory; bounds are still checked

function inputSchema(channel: ChannelName): JsonSchema {
  return z.toJSONSchema(contract[channel].input, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
}

function typesOf(s: JsonSchema): string[] {
  return s.type === undefined ? [] : Array.isArray(s.type) ? s.type : [s.type];
}

/** An anchored pattern without open-ended repetition (`+`, `*`, `{n,}`) bounds a string's length by itself. */
function patternIsBounded(pattern: string | undefined): boolean {
  if (!pattern || !pattern.startsWith('^') || !pattern.endsWith('$')) return false;
  const withoutEscapes = pattern.replace(/\\./g, '');
  return !/[+*]|\{\d+,\}/.test(withoutEscapes);
}

/** Schema nodes that accept anything, unbounded strings or lists, and non-strict objects: each a way past validation. */
function looseness(s: JsonSchema, at: string, out: string[]): string[] {
  const alternatives = [...(s.anyOf ?? []), ...(s.oneOf ?? []), ...(s.allOf ?? [])];
  alternatives.forEach((alt) => looseness(alt, at, out));
  const types = typesOf(s);
  if (alternatives.length === 0 && types.length === 0 && s.enum === undefined && s.const === undefined) {
    out.push(`${at}: accepts any value`);
  }
  if (
    types.includes('string') &&
    s.enum === undefined &&
    s.const === undefined &&
    s.maxLength === undefined &&
    !patternIsBounded(s.pattern)
  ) {
    out.push(`${at}: string without a maximum length`);
  }
  if (types.includes('array')) {
    if (s.maxItems === undefined && !Array.isArray(s.items) && s.prefixItems === undefined) {
      out.push(`${at}: list without a maximum length`);
    }
    const items = Array.isArray(s.items) ? s.items : (s.prefixItems ?? (s.items ? [s.items] : []));
    items.forEach((item, i) => looseness(item, `${at}[${i}]`, out));
  }
  if (types.includes('object')) {
    if (s.additionalProperties === undefined || s.additionalProperties === true) {
      if (!s.propertyNames) out.push(`${at}: object accepts unknown keys (use .strict())`);
    } else if (typeof s.additionalProperties === 'object') {
      // a record: its values and its keys must be bounded too
      looseness(s.additionalProperties, `${at}.*`, out);
      if (s.propertyNames) looseness(s.propertyNames, `${at}.<key>`, out);
      else if (s.maxProperties === undefined) out.push(`${at}: record with unbounded keys`);
    }
    for (const [key, value] of Object.entries(s.properties ?? {})) looseness(value, `${at}.${key}`, out);
  }
  return out;
}

/** A plausible valid value for a schema (the smallest that its constraints allow), used as the base for mutations. */
function sample(s: JsonSchema): unknown {
  if (s.const !== undefined) return s.const;
  if (s.enum) return s.enum[0];
  if (s.default !== undefined) return s.default;
  const alternatives = s.anyOf ?? s.oneOf;
  if (alternatives) return sample(alternatives.find((a) => !typesOf(a).includes('null')) ?? alternatives[0]);
  const type = typesOf(s)[0];
  switch (type) {
    case 'object': {
      const value: Record<string, unknown> = {};
      for (const key of s.required ?? []) value[key] = sample(s.properties?.[key] ?? {});
      return value;
    }
    case 'string':
      if (s.format === 'uuid') return randomUUID();
      if (s.format === 'date') return '2020-01-01';
      if (s.format === 'date-time') return '2020-01-01T00:00:00Z';
      return 'a'.repeat(Math.max(1, s.minLength ?? 1));
    case 'integer':
    case 'number': {
      const low = s.minimum ?? (s.exclusiveMinimum !== undefined ? s.exclusiveMinimum + 1 : undefined);
      return low ?? Math.min(1, s.maximum ?? 1);
    }
    case 'boolean':
      return true;
    case 'array':
      return Array.from({ length: s.minItems ?? 0 }, () =>
        sample(Array.isArray(s.items) ? s.items[0] : (s.items ?? {})),
      );
    case 'null':
      return null;
    default:
      return null;
  }
}

/** A value of the wrong kind for a schema node. */
function wrongValue(s: JsonSchema): unknown {
  if (s.enum || s.const !== undefined) return '__not_one_of_the_allowed_values__';
  const types = typesOf(s);
  if (types.includes('string')) return 12345;
  if (types.includes('number') || types.includes('integer')) return 'not a number';
  if (types.includes('boolean')) return 'yes';
  if (types.includes('array')) return 'not a list';
  if (types.includes('object')) return 'not an object';
  return { unexpected: { nested: [] } };
}

function deeplyNested(depth: number): unknown {
  let value: unknown = 'bottom';
  for (let i = 0; i < depth; i++) value = { a: value };
  return value;
}

const db = openDatabase(':memory:');
const ctx = createContext(db, ':memory:', 'electron');
afterAll(() => db.close());

/** Handlers that record a call instead of doing anything: reaching one with garbage is the failure. */
const reached: string[] = [];
const spyHandlers = Object.fromEntries(
  channelNames.map((name) => [name, () => void reached.push(name)]),
) as unknown as { [K in ChannelName]: Handler<K> };

async function expectRefused(channel: ChannelName, input: unknown, what: string): Promise<void> {
  reached.length = 0;
  let error: unknown = null;
  try {
    await dispatch(spyHandlers, ctx, channel, input);
  } catch (err) {
    error = err;
  }
  expect(reached, `${channel} with ${what} reached its handler`).toEqual([]);
  expect(error, `${channel} with ${what}`).toBeInstanceOf(InvalidInputError);
}

const mutationTested = new Set<string>();

describe('every contract channel validates its input in main', () => {
  it('the contract has channels', () => {
    expect(channelNames.length).toBeGreaterThan(0);
  });

  describe.each(channelNames)('%s', (channel) => {
    const schema = inputSchema(channel);

    it('has a strict, bounded input schema', () => {
      expect(looseness(schema, 'input', [])).toEqual([]);
    });

    it('refuses inputs of the wrong shape', async () => {
      const garbage: [string, unknown][] = [
        ['a number', 42],
        ['a string', 'text'],
        ['a boolean', true],
        ['a list', [1, 2, 3]],
        ['a 1 MB string', 'x'.repeat(1_000_000)],
        ['an unknown key', { ...((sample(schema) as object) ?? {}), unexpectedKey: 1 }],
        ['a prototype key', JSON.parse('{"__proto__": {"polluted": true}, "constructor": {"prototype": {}}}')],
        ['deep nesting', deeplyNested(2000)],
      ];
      for (const [what, input] of garbage) await expectRefused(channel, input, what);
    });

    it('refuses each field of a valid input set to the wrong type or too long', async () => {
      const base = sample(schema) as Record<string, unknown>;
      const valid = contract[channel].input.safeParse(base).success;
      // A schema with refinements the sampler cannot satisfy still gets the garbage checks above.
      if (!valid || typeof base !== 'object' || base === null) return;
      mutationTested.add(channel);
      for (const [key, property] of Object.entries(schema.properties ?? {})) {
        await expectRefused(channel, { ...base, [key]: wrongValue(property) }, `${key} of the wrong type`);
        if (typesOf(property).includes('string') && property.maxLength && property.maxLength < HUGE_STRING_LIMIT) {
          const tooLong = 'x'.repeat(property.maxLength + 1);
          await expectRefused(channel, { ...base, [key]: tooLong }, `${key} longer than ${property.maxLength}`);
        }
      }
    });
  });
});

it('the field-by-field checks ran on most channels with fields (the sampler found a valid base)', () => {
  const withFields = channelNames.filter((c) => Object.keys(inputSchema(c).properties ?? {}).length > 0);
  expect(mutationTested.size).toBeGreaterThanOrEqual(Math.ceil(withFields.length / 2));
});

describe('the handlers are reachable only through dispatch', () => {
  const srcMain = path.resolve(__dirname, '../../src-main');
  const files = (fs.readdirSync(srcMain, { recursive: true }) as string[])
    .filter((f) => /\.(ts|cts|mts|cjs|js)$/.test(f))
    .map((f) => path.join(srcMain, f));
  const read = (file: string) => fs.readFileSync(file, 'utf8');
  const rel = (file: string) => path.relative(srcMain, file).split(path.sep).join('/');

  it('only electron/ipc.ts registers an IPC handler, for the one invoke channel, and it calls dispatch', () => {
    const ipcUsers = files.filter((f) => /ipcMain\s*\.\s*(handle|handleOnce|on|once|addListener)\s*\(/.test(read(f)));
    expect(ipcUsers.map(rel)).toEqual(['electron/ipc.ts']);
    const ipc = read(path.join(srcMain, 'electron/ipc.ts'));
    expect(ipc.match(/ipcMain\.handle\(/g)).toHaveLength(1);
    expect(ipc).toMatch(/ipcMain\.handle\(INVOKE_CHANNEL,/);
    expect(ipc).toMatch(/dispatch\(handlers, ctx, channel, input\)/);
  });

  it('every module that serves /api/ routes dispatches through the contract', () => {
    const apiServers = files.filter((f) => !rel(f).startsWith('shared/') && /['"`]\/api\//.test(read(f)));
    for (const file of apiServers) expect(read(file), rel(file)).toMatch(/\bdispatch\(/);
  });

  it('no module outside core/api calls a handler directly', () => {
    const direct = files.filter(
      (f) =>
        !rel(f).startsWith('core/api/') &&
        (/\bhandlers\s*\[/.test(read(f)) || /\bhandlers\s*\.\s*['"a-z]/i.test(read(f))),
    );
    expect(direct.map(rel)).toEqual([]);
  });
});

/**
 * The built preload, as Electron's sandbox will load it: ONE CommonJS file that requires nothing but `electron`,
 * exposing `window.greenlight` with exactly the contract's channels, an event subscription and the host name.
 * Built here with electron-vite's own preload pipeline from electron.vite.config.ts, into a temp folder.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import vm from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PreloadConfigFactory } from 'electron-vite';
import { build } from 'vite';
import config from '../../electron.vite.config';
import { channelNames } from '../../src-main/shared/contract';
import { EVENT_CHANNEL, INVOKE_CHANNEL } from '../../src-main/electron/bridge';

const root = path.resolve(__dirname, '../..');
let outDir: string;
let code: string;

beforeAll(async () => {
  outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'greenlight-preload-'));
  const preload = { ...config.preload, build: { ...config.preload!.build, outDir } };
  const resolved = await new PreloadConfigFactory(preload, { logLevel: 'silent' }, { root }).build();
  await build(resolved);
  const files = fs.readdirSync(outDir, { recursive: true }) as string[];
  expect(files).toEqual(['preload.js']);
  code = fs.readFileSync(path.join(outDir, 'preload.js'), 'utf8');
}, 120_000);
afterAll(() => fs.rmSync(outDir, { recursive: true, force: true }));

/** Runs the bundle the way a sandboxed preload runs: a `require` that knows only the sandbox's modules. */
function loadPreload() {
  const required: string[] = [];
  const exposed: Record<string, unknown> = {};
  const invoked: unknown[][] = [];
  const listeners = new Map<string, ((...args: unknown[]) => void)[]>();
  const electron = {
    contextBridge: { exposeInMainWorld: (key: string, value: unknown) => void (exposed[key] = value) },
    ipcRenderer: {
      invoke: async (...args: unknown[]) => {
        invoked.push(args);
        return { ok: true, result: 'answer' };
      },
      on: (channel: string, fn: (...args: unknown[]) => void) =>
        void listeners.set(channel, [...(listeners.get(channel) ?? []), fn]),
      removeListener: (channel: string, fn: (...args: unknown[]) => void) =>
        void listeners.set(
          channel,
          (listeners.get(channel) ?? []).filter((l) => l !== fn),
        ),
    },
  };
  const sandboxRequire = (name: string) => {
    required.push(name);
    if (name === 'electron') return electron;
    throw new Error(`A sandboxed preload cannot require ${name}`);
  };
  const module = { exports: {} };
  vm.runInNewContext(code, { require: sandboxRequire, module, exports: module.exports, console });
  return { required, exposed, invoked, listeners };
}

describe('the built preload', () => {
  it('requires nothing but electron (a sandboxed preload can load nothing else)', () => {
    expect(new Set(loadPreload().required)).toEqual(new Set(['electron']));
  });

  it('exposes only window.greenlight = { api, onEvent, host }', () => {
    const { exposed } = loadPreload();
    expect(Object.keys(exposed)).toEqual(['greenlight']);
    const bridge = exposed.greenlight as Record<string, unknown>;
    expect(Object.keys(bridge).sort()).toEqual(['api', 'host', 'onEvent']);
    expect(bridge.host).toBe('electron');
  });

  it('offers exactly the contract’s channels, each invoking the one IPC channel', async () => {
    const { exposed, invoked } = loadPreload();
    const api = (exposed.greenlight as { api: Record<string, (input: unknown) => Promise<unknown>> }).api;
    expect(Object.keys(api).sort()).toEqual([...channelNames].sort());
    await expect(api['jobs.list']({})).resolves.toEqual({ ok: true, result: 'answer' });
    expect(invoked).toEqual([[INVOKE_CHANNEL, 'jobs.list', {}]]);
  });

  it('passes events on without the IPC event object, and unsubscribes', () => {
    const { exposed, listeners } = loadPreload();
    const bridge = exposed.greenlight as { onEvent: (cb: (...args: unknown[]) => void) => () => void };
    const received: unknown[][] = [];
    const stop = bridge.onEvent((...args) => received.push(args));
    const ipcEvent = { sender: { send: () => undefined } };
    listeners.get(EVENT_CHANNEL)!.forEach((l) => l(ipcEvent, { type: 'data.changed', what: 'films' }));
    expect(received).toEqual([[{ type: 'data.changed', what: 'films' }]]);
    stop();
    expect(listeners.get(EVENT_CHANNEL)).toEqual([]);
  });
});

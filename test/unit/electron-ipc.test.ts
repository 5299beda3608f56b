import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { channelNames, contract } from '../../src-main/shared/contract';
import { createContext, emitEvent, type CoreContext } from '../../src-main/core/context';
import { openDatabase } from '../../src-main/core/store/db';
import { handlers as realHandlers } from '../../src-main/core/api/handlers';
import { buildBridgeApi, EVENT_CHANNEL, INVOKE_CHANNEL } from '../../src-main/electron/bridge';
import { forwardEvents, registerIpc, type Handlers } from '../../src-main/electron/ipc';
import { APP_ENTRY_URL, appOrigins, isTrustedSender } from '../../src-main/electron/security';

/** A stand-in for ipcMain: records the handler so the test can call it as Electron would. */
function fakeIpcMain() {
  const registered = new Map<string, (...args: unknown[]) => unknown>();
  return {
    registered,
    handle: (channel: string, fn: (...args: unknown[]) => unknown) => void registered.set(channel, fn),
    removeHandler: (channel: string) => void registered.delete(channel),
  };
}

/** An IPC event as Electron builds it: the sender web contents, its main frame, and the frame that sent. */
function ipcEvent(opts: { id?: number; url?: string | null; iframe?: boolean } = {}) {
  const mainFrame = { url: opts.url === undefined ? APP_ENTRY_URL : opts.url };
  const senderFrame = opts.url === null ? null : opts.iframe ? { url: APP_ENTRY_URL } : mainFrame;
  return { sender: { id: opts.id ?? 1, mainFrame }, senderFrame };
}

describe('ipc.ts: the one invoke handler', () => {
  let ctx: CoreContext;
  let handlers: Handlers;
  let ipc: ReturnType<typeof fakeIpcMain>;
  let refused: unknown[];

  beforeEach(() => {
    ctx = createContext(openDatabase(':memory:'), ':memory:', 'electron');
    handlers = { ...realHandlers, 'app.info': vi.fn(realHandlers['app.info']) } as Handlers;
    ipc = fakeIpcMain();
    refused = [];
    registerIpc({
      ipcMain: ipc as never,
      handlers,
      ctx,
      isTrusted: (sender) => isTrustedSender(sender, { webContentsId: 1, origins: appOrigins() }),
      onRefused: (sender) => refused.push(sender),
    });
  });
  afterEach(() => ctx.db.close());

  const invoke = (event: unknown, channel: unknown, input?: unknown) =>
    ipc.registered.get(INVOKE_CHANNEL)!(event, channel, input) as Promise<unknown>;

  it('registers exactly one channel', () => {
    expect([...ipc.registered.keys()]).toEqual([INVOKE_CHANNEL]);
  });

  it('answers the app window with { ok: true, result }', async () => {
    const answer = (await invoke(ipcEvent(), 'app.info', {})) as { ok: boolean; result: { host: string } };
    expect(answer.ok).toBe(true);
    expect(answer.result.host).toBe('electron');
    expect(handlers['app.info']).toHaveBeenCalledTimes(1);
  });

  it.each([
    ['another window', { id: 2 }],
    ['an iframe', { iframe: true }],
    ['a foreign page in the window', { url: 'https://evil.example/' }],
    ['a destroyed frame', { url: null }],
  ])('refuses %s without running the handler', async (_what, opts) => {
    const answer = await invoke(ipcEvent(opts), 'app.info', {});
    expect(answer).toEqual({ ok: false, error: { code: 'forbidden', message: expect.any(String) } });
    expect(handlers['app.info']).not.toHaveBeenCalled();
    expect(refused).toHaveLength(1);
  });

  it('answers invalid input with the schema’s issues, never running the handler', async () => {
    const answer = (await invoke(ipcEvent(), 'app.info', { sneaky: true })) as {
      ok: false;
      error: { code: string; issues: unknown[] };
    };
    expect(answer.ok).toBe(false);
    expect(answer.error.code).toBe('invalid_input');
    expect(answer.error.issues.length).toBeGreaterThan(0);
    expect(handlers['app.info']).not.toHaveBeenCalled();
  });

  it('answers an unknown channel (including prototype names) as unknown_channel', async () => {
    for (const channel of ['fs.readFile', '__proto__', 'constructor', 'toString', 42, null]) {
      const answer = (await invoke(ipcEvent(), channel, {})) as { ok: boolean; error: { code: string } };
      expect(answer, String(channel)).toMatchObject({ ok: false, error: { code: 'unknown_channel' } });
    }
  });

  it('turns a handler failure into an envelope with the message and no stack (never a rejection)', async () => {
    handlers['jobs.list'] = () => {
      throw Object.assign(new Error('disk on fire'), { code: 'disk_full' });
    };
    const answer = await invoke(ipcEvent(), 'jobs.list', {});
    expect(answer).toEqual({ ok: false, error: { code: 'disk_full', message: 'disk on fire' } });
    expect(JSON.stringify(answer)).not.toMatch(/at .*\.ts/);
  });

  it('forwards core events to the window on the event channel', () => {
    const sent: unknown[][] = [];
    const stop = forwardEvents(ctx, (...args) => sent.push(args));
    emitEvent(ctx, { type: 'data.changed', what: 'films' });
    stop();
    emitEvent(ctx, { type: 'data.changed', what: 'models' });
    expect(sent).toEqual([[EVENT_CHANNEL, { type: 'data.changed', what: 'films' }]]);
  });
});

describe('bridge.ts: the preload’s api object', () => {
  it('has exactly the contract’s channels, each forwarding (channel, input) to invoke', async () => {
    const calls: unknown[][] = [];
    const api = buildBridgeApi(channelNames, async (channel, input) => {
      calls.push([channel, input]);
      return { ok: true, result: null };
    });
    expect(Object.keys(api).sort()).toEqual(Object.keys(contract).sort());
    await api['jobs.list']({});
    expect(calls).toEqual([['jobs.list', {}]]);
  });
});

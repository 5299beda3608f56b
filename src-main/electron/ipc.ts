/**
 * IPC: the one `greenlight:invoke` handler. It drops messages from anyone but the app's own window (see
 * security.ts), sends everything else through `dispatch` (the contract's schema validation, then the handler),
 * and always answers an envelope. Takes ipcMain as a parameter (type-only Electron import), so tests drive it
 * with a fake under plain Node.
 */
import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import type { AppEvent, ChannelName } from '../shared/contract';
import type { CoreContext } from '../core/context';
import { dispatch, InvalidInputError, UnknownChannelError, type Handler } from '../core/api/handler';
import { EVENT_CHANNEL, INVOKE_CHANNEL, type InvokeEnvelope } from './bridge';
import type { IpcSenderInfo } from './security';

export type Handlers = { [K in ChannelName]: Handler<K> };

/** Turns any thrown value into a failure envelope: a code, the message, the schema's issues; never a stack. */
export function errorEnvelope(err: unknown): InvokeEnvelope<never> {
  if (err instanceof InvalidInputError) {
    return { ok: false, error: { code: 'invalid_input', message: err.message, issues: err.issues } };
  }
  if (err instanceof UnknownChannelError) {
    return { ok: false, error: { code: 'unknown_channel', message: err.message } };
  }
  const code = (err as { code?: unknown })?.code;
  const message = err instanceof Error ? err.message : String(err);
  return {
    ok: false,
    error: { code: typeof code === 'string' && /^[a-z_]{1,40}$/.test(code) ? code : 'failed', message },
  };
}

/** Validates and runs one call; resolves with an envelope and never rejects. */
export async function invokeChannel(
  handlers: Handlers,
  ctx: CoreContext,
  channel: unknown,
  input: unknown,
): Promise<InvokeEnvelope> {
  try {
    return { ok: true, result: await dispatch(handlers, ctx, channel, input) };
  } catch (err) {
    return errorEnvelope(err);
  }
}

/** Reads who sent an IPC message, in the shape `isTrustedSender` checks. */
export function senderInfo(event: IpcMainInvokeEvent): IpcSenderInfo {
  const frame = event.senderFrame;
  return {
    webContentsId: event.sender.id,
    frameUrl: frame ? frame.url : null,
    isMainFrame: frame !== null && frame === event.sender.mainFrame,
  };
}

export const FORBIDDEN: InvokeEnvelope<never> = {
  ok: false,
  error: { code: 'forbidden', message: 'This window may not call Greenlight.' },
};

export interface IpcOptions {
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>;
  handlers: Handlers;
  ctx: CoreContext;
  /** Decides whether a sender is the app's own window (security.ts `isTrustedSender` over `senderInfo`). */
  isTrusted: (sender: IpcSenderInfo) => boolean;
  /** Told about refused senders (main logs them). */
  onRefused?: (sender: IpcSenderInfo, channel: unknown) => void;
}

/** Registers the invoke handler; returns the function that removes it. */
export function registerIpc(options: IpcOptions): () => void {
  const { ipcMain, handlers, ctx, isTrusted, onRefused } = options;
  ipcMain.handle(INVOKE_CHANNEL, async (event: IpcMainInvokeEvent, channel: unknown, input: unknown) => {
    const sender = senderInfo(event);
    if (!isTrusted(sender)) {
      onRefused?.(sender, channel);
      return FORBIDDEN;
    }
    return invokeChannel(handlers, ctx, channel, input);
  });
  return () => ipcMain.removeHandler(INVOKE_CHANNEL);
}

/**
 * Forwards the core's events to the renderer (`send` is `webContents.send(EVENT_CHANNEL, event)` of the live
 * window). Returns the function that stops forwarding.
 */
export function forwardEvents(ctx: CoreContext, send: (channel: string, event: AppEvent) => void): () => void {
  const listener = (event: AppEvent) => send(EVENT_CHANNEL, event);
  ctx.events.on('event', listener);
  return () => ctx.events.off('event', listener);
}

/**
 * The bridge between the renderer and main, shared by preload.ts (which builds it) and ipc.ts (which answers it).
 * Pure: no Electron import, so tests check it under plain Node.
 */
import type { AppEvent, ChannelInput, ChannelName, ChannelOutput } from '../shared/contract';

/** The one IPC channel the renderer may invoke, and the one main sends events on. */
export const INVOKE_CHANNEL = 'greenlight:invoke';
export const EVENT_CHANNEL = 'greenlight:event';

/** A problem with one field of the input, as the contract's schema reported it. */
export interface InputIssue {
  path: string;
  message: string;
}

/**
 * What every invoke answers. Main never rejects: Electron turns a rejected error into a bare string with its
 * own prefix, losing the code and the issues, so failures travel as `{ ok: false }` values instead.
 */
export type InvokeEnvelope<T = unknown> =
  { ok: true; result: T } | { ok: false; error: { code: string; message: string; issues?: InputIssue[] } };

/** The API as the preload exposes it: one function per contract channel, answering an envelope. */
export type BridgeApi = {
  [K in ChannelName]: (input: ChannelInput<K>) => Promise<InvokeEnvelope<ChannelOutput<K>>>;
};

/** `window.greenlight` in the Electron renderer: exactly this, nothing else. */
export interface GreenlightBridge {
  api: BridgeApi;
  /** Subscribes to main's events; returns the function that unsubscribes. */
  onEvent(callback: (event: AppEvent) => void): () => void;
  host: 'electron';
}

/**
 * Builds the api object: one function per channel name, each forwarding `(channel, input)` to `invoke`. The
 * names come from the contract, so the renderer can reach exactly the contract's channels and no others.
 */
export function buildBridgeApi(
  channels: readonly ChannelName[],
  invoke: (channel: ChannelName, input: unknown) => Promise<unknown>,
): BridgeApi {
  const api: Record<string, (input: unknown) => Promise<unknown>> = {};
  for (const channel of channels) api[channel] = (input: unknown) => invoke(channel, input);
  return api as BridgeApi;
}

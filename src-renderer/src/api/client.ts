/**
 * The typed API client. Channel types come from the contract (src-main/shared/contract): a channel that
 * has landed there is typed by it; channels other engineers have not landed yet are typed by
 * `PlannedChannels` until they do, and `has()` tells the views whether they may call them.
 */
import {
  channelNames,
  type ChannelInput,
  type ChannelName,
  type ChannelOutput,
} from '../../../src-main/shared/contract';
import type { Transport, ApiErrorBody } from './transport';
import type { PlannedChannels } from './planned';

type ContractChannels = { [K in ChannelName]: { input: ChannelInput<K>; output: ChannelOutput<K> } };
/** Every channel the renderer knows: the contract's, plus planned ones the contract does not list yet. */
export type ClientChannels = ContractChannels & Omit<PlannedChannels, ChannelName>;
export type ClientChannel = keyof ClientChannels & string;
export type InputOf<K extends ClientChannel> = ClientChannels[K]['input'];
export type OutputOf<K extends ClientChannel> = ClientChannels[K]['output'];

/** A failed call: the host's error code and message (and the fields at fault for invalid input). */
export class ApiError extends Error {
  readonly code: string;
  readonly issues: { path: string; message: string }[];
  constructor(
    readonly channel: string,
    body: ApiErrorBody,
  ) {
    super(body.message);
    this.name = 'ApiError';
    this.code = body.code;
    this.issues = body.issues ?? [];
  }
}

export interface Client {
  readonly host: Transport['host'];
  /** True when this build's contract lists the channel (otherwise its view shows what is missing). */
  has(channel: ClientChannel): boolean;
  call<K extends ClientChannel>(channel: K, input: InputOf<K>): Promise<OutputOf<K>>;
  onEvent: Transport['onEvent'];
}

export function createClient(transport: Transport, available: readonly string[] = channelNames): Client {
  const known = new Set<string>(available);
  return {
    host: transport.host,
    has: (channel) => known.has(channel),
    async call(channel, input) {
      if (!known.has(channel)) {
        throw new ApiError(channel, {
          code: 'missing_channel',
          message: `The ${channel} channel is not available yet.`,
        });
      }
      const envelope = await transport.invoke(channel, input ?? {});
      if (envelope && envelope.ok === true) return envelope.result as never;
      const error =
        envelope && envelope.ok === false && envelope.error
          ? envelope.error
          : { code: 'bad_envelope', message: `The host gave no usable answer for ${channel}.` };
      throw new ApiError(channel, error);
    },
    onEvent: (listener) => transport.onEvent(listener),
  };
}

let current: Client | null = null;

/** Installs the client the stores use (main.ts at start; tests with a fake transport). */
export function installClient(client: Client): void {
  current = client;
}

export function useClient(): Client {
  if (!current) throw new Error('The API client is not installed: call installClient() first.');
  return current;
}

/** A message for people, from anything thrown by a call. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) {
    const fields = error.issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message));
    return fields.length && !error.message.includes(fields[0])
      ? `${error.message} (${fields.join('; ')})`
      : error.message;
  }
  if (error instanceof Error) return error.message;
  return String(error);
}

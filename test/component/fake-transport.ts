/**
 * A fake transport at the client boundary: channels answer from plain functions, events are pushed by the
 * test. Everything above it (client, stores, views) is the real code.
 */
import { createClient, installClient, type Client } from '../../src-renderer/src/api/client';
import type { Envelope, Transport } from '../../src-renderer/src/api/transport';
import type { AppEvent } from '../../src-main/shared/contract';

export type FakeHandler = (input: any) => unknown; // eslint-disable-line @typescript-eslint/no-explicit-any

export interface FakeHost {
  client: Client;
  calls: { channel: string; input: unknown }[];
  emit(event: AppEvent): void;
  handlers: Record<string, FakeHandler>;
}

/** Installs a client whose channels are `handlers` (a thrown error becomes an error envelope). */
export function installFakeHost(handlers: Record<string, FakeHandler>, extraChannels: string[] = []): FakeHost {
  const listeners = new Set<(event: AppEvent) => void>();
  const calls: FakeHost['calls'] = [];
  const transport: Transport = {
    host: 'test',
    async invoke(channel, input): Promise<Envelope> {
      calls.push({ channel, input });
      const handler = handlers[channel];
      if (!handler) return { ok: false, error: { code: 'unknown_channel', message: `Unknown channel: ${channel}` } };
      try {
        return { ok: true, result: await handler(input) };
      } catch (err) {
        const e = err as Error & { code?: string; issues?: { path: string; message: string }[] };
        return { ok: false, error: { code: e.code ?? 'handler_error', message: e.message, issues: e.issues } };
      }
    },
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  const client = createClient(transport, [...Object.keys(handlers), ...extraChannels]);
  installClient(client);
  return { client, calls, handlers, emit: (event) => listeners.forEach((l) => l(event)) };
}

/** Lets pending promises and Vue's update queue run. */
export async function settle(rounds = 5): Promise<void> {
  for (let i = 0; i < rounds; i++) await new Promise((resolve) => setTimeout(resolve, 0));
}

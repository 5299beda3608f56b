/**
 * How the renderer reaches main. Two hosts answer the same envelope: Electron (the preload's
 * `window.greenlight`) and the local HTTP host (browser mode: POST /api/<channel>, events over SSE).
 */
import type { AppEvent } from '../../../src-main/shared/contract';

export interface ApiErrorBody {
  code: string;
  message: string;
  issues?: { path: string; message: string }[];
}

export type Envelope<T = unknown> = { ok: true; result: T } | { ok: false; error: ApiErrorBody };

export interface Transport {
  host: 'electron' | 'http' | 'test';
  invoke(channel: string, input: unknown): Promise<Envelope>;
  /** Subscribes to pushed events; returns the unsubscribe function. */
  onEvent(listener: (event: AppEvent) => void): () => void;
}

/** What the Electron preload exposes (see src-main/electron/preload.ts). */
export interface ElectronBridge {
  api: Record<string, (input: unknown) => Promise<Envelope>>;
  onEvent(listener: (event: AppEvent) => void): () => void;
  host: 'electron';
}

declare global {
  interface Window {
    greenlight?: ElectronBridge;
  }
}

export function electronTransport(bridge: ElectronBridge): Transport {
  return {
    host: 'electron',
    invoke(channel, input) {
      const call = bridge.api[channel];
      if (!call) {
        return Promise.resolve({
          ok: false,
          error: { code: 'unknown_channel', message: `This version of the app has no channel ${channel}.` },
        });
      }
      return call(input);
    },
    onEvent: (listener) => bridge.onEvent(listener),
  };
}

/** Reads the token the HTTP host injects into index.html as <meta name="greenlight-token">. */
export function readToken(doc: Document = document): string {
  return doc.querySelector('meta[name="greenlight-token"]')?.getAttribute('content') ?? '';
}

/** Browser mode: JSON over HTTP to the local host, the token in a header, events from an EventSource. */
export function httpTransport(token: string, base = ''): Transport {
  return {
    host: 'http',
    async invoke(channel, input) {
      let response: Response;
      try {
        response = await fetch(`${base}/api/${encodeURIComponent(channel)}`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', 'X-Greenlight-Token': token },
          body: JSON.stringify(input ?? {}),
        });
      } catch {
        return { ok: false, error: { code: 'offline', message: 'Cannot reach the Greenlight host. Is it running?' } };
      }
      try {
        return (await response.json()) as Envelope;
      } catch {
        return {
          ok: false,
          error: { code: `http_${response.status}`, message: `The host answered ${response.status} without a result.` },
        };
      }
    },
    onEvent(listener) {
      if (typeof EventSource === 'undefined') return () => {};
      const source = new EventSource(`${base}/api/events?token=${encodeURIComponent(token)}`);
      source.onmessage = (message) => {
        try {
          listener(JSON.parse(message.data) as AppEvent);
        } catch {
          // A heartbeat or a malformed line: nothing to tell the UI.
        }
      };
      return () => source.close();
    },
  };
}

/** The transport for wherever the renderer is running. */
export function detectTransport(): Transport {
  if (typeof window !== 'undefined' && window.greenlight?.host === 'electron') {
    return electronTransport(window.greenlight);
  }
  return httpTransport(readToken());
}

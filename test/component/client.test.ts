import { describe, expect, it } from 'vitest';
import { ApiError, createClient, errorMessage } from '../../src-renderer/src/api/client';
import { httpTransport, readToken } from '../../src-renderer/src/api/transport';
import { installFakeHost } from './fake-transport';

describe('API client', () => {
  it('unwraps a successful envelope into its result', async () => {
    const host = installFakeHost({ 'app.info': () => ({ name: 'Greenlight', films: 4803 }) });
    await expect(host.client.call('app.info', {})).resolves.toMatchObject({ films: 4803 });
    expect(host.calls).toEqual([{ channel: 'app.info', input: {} }]);
  });

  it('throws ApiError with the code, message and field issues of a failed envelope', async () => {
    const host = installFakeHost({
      'app.info': () => {
        throw Object.assign(new Error('Invalid input for app.info'), {
          code: 'invalid_input',
          issues: [{ path: 'budget', message: 'budget must be positive' }],
        });
      },
    });
    const error = await host.client.call('app.info', {}).catch((e) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error.code).toBe('invalid_input');
    expect(errorMessage(error)).toContain('budget: budget must be positive');
  });

  it('refuses a channel this build does not list, without calling the host', async () => {
    const host = installFakeHost({});
    expect(host.client.has('forecast.run')).toBe(false);
    await expect(host.client.call('forecast.run', { input: { budget: 1, genres: [] } })).rejects.toMatchObject({
      code: 'missing_channel',
    });
    expect(host.calls).toHaveLength(0);
  });

  it('sends the token header over HTTP and reads it from the page', async () => {
    document.head.innerHTML = '<meta name="greenlight-token" content="t0k3n">';
    expect(readToken()).toBe('t0k3n');
    const seen: { url: string; init: RequestInit }[] = [];
    const originalFetch = globalThis.fetch;
    globalThis.fetch = (async (url: string, init: RequestInit) => {
      seen.push({ url, init });
      return new Response(JSON.stringify({ ok: true, result: { cancelled: true } }));
    }) as typeof fetch;
    try {
      const client = createClient(httpTransport(readToken(), 'http://127.0.0.1:9'));
      await expect(client.call('jobs.cancel', { job: 'x' })).resolves.toEqual({ cancelled: true });
    } finally {
      globalThis.fetch = originalFetch;
    }
    expect(seen[0].url).toBe('http://127.0.0.1:9/api/jobs.cancel');
    expect((seen[0].init.headers as Record<string, string>)['X-Greenlight-Token']).toBe('t0k3n');
    expect(JSON.parse(String(seen[0].init.body))).toEqual({ job: 'x' });
  });

  it('turns an unreachable host into a readable error', async () => {
    const originalFetch = globalThis.fetch;
    globalThis.fetch = (async () => {
      throw new TypeError('fetch failed');
    }) as typeof fetch;
    try {
      const client = createClient(httpTransport('t'));
      await expect(client.call('jobs.list', {})).rejects.toThrow(/Cannot reach the Greenlight host/);
    } finally {
      globalThis.fetch = originalFetch;
    }
  });
});

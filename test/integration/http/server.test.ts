import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../../src-main/http/server';
import Database from 'better-sqlite3';
import { createContext, emitEvent } from '../../../src-main/core/context';
import { DatabaseBusyError } from '../../../src-main/core/api/handler';
import { openDatabase } from '../../../src-main/core/store/db';
import { errorEnvelope } from '../../../src-main/electron/ipc';
import { postJson, request } from './helpers';

let dir: string;
let server: RunningServer;
let staticDir: string;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'greenlight-http-'));
  staticDir = path.join(dir, 'renderer');
  server = await startServer({ db: path.join(dir, 'g.sqlite'), port: 0, staticDir, log: () => {} });
});
afterAll(async () => {
  await server?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const api = (channel: string) => `${server.url}api/${channel}`;
const auth = () => ({ 'X-Greenlight-Token': server.token });

describe('the local HTTP host', () => {
  it('listens on loopback and answers a channel with the token', async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const res = await postJson(api('app.info'), {}, auth());
    expect(res.status).toBe(200);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    const body = res.json() as { ok: boolean; result: { name: string; host: string; films: number } };
    expect(body).toMatchObject({ ok: true, result: { name: 'Greenlight', host: 'http', films: 0 } });
  });

  it('refuses a missing or wrong token with 401', async () => {
    const missing = await postJson(api('app.info'), {});
    expect(missing.status).toBe(401);
    expect(missing.json()).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    const wrong = await postJson(api('app.info'), {}, { 'X-Greenlight-Token': `${server.token}x` });
    expect(wrong.status).toBe(401);
  });

  it('refuses a foreign Host header (DNS rebinding) with 403, even on the seed routes', async () => {
    for (const route of ['api/app.info', 'health', '']) {
      const res = await request(`${server.url}${route}`, {
        method: route.startsWith('api') ? 'POST' : 'GET',
        headers: { Host: `evil.example:${server.port}`, ...auth(), 'Content-Type': 'application/json' },
        body: route.startsWith('api') ? '{}' : undefined,
      });
      expect(res.status).toBe(403);
      expect(res.json()).toMatchObject({ ok: false, error: { code: 'forbidden_host' } });
    }
    const localhost = await request(`${server.url}health`, { headers: { Host: `localhost:${server.port}` } });
    expect(localhost.status).toBe(200);
    const otherPort = await request(`${server.url}health`, { headers: { Host: `127.0.0.1:${server.port + 1}` } });
    expect(otherPort.status).toBe(403);
  });

  it('refuses an oversized body with 413 and keeps serving', async () => {
    const big = JSON.stringify({ padding: 'x'.repeat(2 * 1024 * 1024) });
    const res = await request(api('app.info'), {
      method: 'POST',
      headers: { ...auth(), 'Content-Type': 'application/json' },
      body: big,
    });
    expect(res.status).toBe(413);
    expect(res.json()).toMatchObject({ ok: false, error: { code: 'payload_too_large' } });
    // Chunked (no Content-Length) is counted as it arrives.
    const chunked = await new Promise<number>((resolve, reject) => {
      const req = http.request(api('app.info'), { method: 'POST', headers: { ...auth() } }, (r) => {
        r.resume();
        resolve(r.statusCode ?? 0);
      });
      req.on('error', reject);
      for (let i = 0; i < 20; i++) req.write('x'.repeat(128 * 1024));
      req.end();
    });
    expect(chunked).toBe(413);
    expect((await postJson(api('app.info'), {}, auth())).status).toBe(200);
  });

  it('answers invalid input 400 with issues, bad JSON 400, an unknown channel 404, a GET on a channel 405', async () => {
    const invalid = await postJson(api('jobs.get'), { job: 'not-a-uuid' }, auth());
    expect(invalid.status).toBe(400);
    const body = invalid.json() as { error: { code: string; issues: { path: string }[] } };
    expect(body.error.code).toBe('invalid_input');
    expect(body.error.issues[0].path).toBe('job');
    const extra = await postJson(api('app.info'), { sneaky: 1 }, auth());
    expect(extra.status).toBe(400);
    const badJson = await request(api('app.info'), { method: 'POST', headers: auth(), body: '{nope' });
    expect(badJson.status).toBe(400);
    expect(badJson.json()).toMatchObject({ error: { code: 'bad_json' } });
    const unknown = await postJson(api('no.such'), {}, auth());
    expect(unknown.status).toBe(404);
    expect(unknown.json()).toMatchObject({ error: { code: 'unknown_channel' } });
    const proto = await postJson(api('__proto__'), {}, auth());
    expect(proto.status).toBe(404);
    const get = await request(api('app.info'), { headers: auth() });
    expect(get.status).toBe(405);
  });

  it('says how to build the renderer when it is not built', async () => {
    const res = await request(server.url);
    expect(res.status).toBe(503);
    expect(res.headers['content-type']).toMatch(/text\/html/);
    expect(res.text).toContain('npm run build:renderer');
  });

  it('serves the built renderer with the token injected, MIME types, CSP, and no traversal', async () => {
    fs.mkdirSync(path.join(staticDir, 'assets'), { recursive: true });
    fs.writeFileSync(
      path.join(staticDir, 'index.html'),
      '<!doctype html><html><head><!--greenlight-token--><title>G</title></head><body></body></html>',
    );
    fs.writeFileSync(path.join(staticDir, 'assets', 'app-1234.js'), 'console.log(1)');
    fs.writeFileSync(path.join(dir, 'secret.txt'), 'secret');
    const index = await request(server.url);
    expect(index.status).toBe(200);
    expect(index.text).toContain(`<meta name="greenlight-token" content="${server.token}">`);
    expect(index.text).not.toContain('<!--greenlight-token-->');
    expect(index.headers['content-security-policy']).toContain("script-src 'self'");
    expect(index.headers['cache-control']).toBe('no-store');
    const route = await request(`${server.url}scenarios`);
    expect(route.text).toContain('greenlight-token');
    const js = await request(`${server.url}assets/app-1234.js`);
    expect(js.headers['content-type']).toMatch(/^text\/javascript/);
    expect(js.headers['cache-control']).toContain('immutable');
    for (const evil of [
      '../secret.txt',
      '%2e%2e/secret.txt',
      'assets/..%2f..%2fsecret.txt',
      '%2e%2e%5csecret.txt',
      '.%00/x',
    ]) {
      const res = await request(`${server.url}${evil}`);
      expect(res.text).not.toContain('secret');
      expect([200, 400, 404]).toContain(res.status);
    }
    const missing = await request(`${server.url}assets/none.js`);
    expect(missing.status).toBe(404);
  });

  it('streams ctx events as server-sent events, and refuses the stream without the token', async () => {
    const denied = await request(`${server.url}api/events`);
    expect(denied.status).toBe(401);
    const received = await new Promise<string>((resolve, reject) => {
      const req = http.get(`${server.url}api/events?token=${server.token}`, (res) => {
        expect(res.headers['content-type']).toMatch(/^text\/event-stream/);
        let text = '';
        res.on('data', (chunk: Buffer) => {
          text += chunk.toString('utf8');
          if (text.includes('retry:') && !text.includes('data:')) {
            emitEvent(server.ctx, { type: 'data.changed', what: 'scenarios' });
          }
          const line = text.split('\n').find((l) => l.startsWith('data: '));
          if (line) {
            req.destroy();
            resolve(line);
          }
        });
      });
      req.on('error', reject);
    });
    expect(JSON.parse(received.slice('data: '.length))).toEqual({ type: 'data.changed', what: 'scenarios' });
  });
});

describe('startServer', () => {
  it('closes open event streams on close()', async () => {
    const d = fs.mkdtempSync(path.join(os.tmpdir(), 'greenlight-http-'));
    const s = await startServer({ db: path.join(d, 'g.sqlite'), port: 0, staticDir: d });
    const ended = new Promise<void>((resolve, reject) => {
      const req = http.get(`${s.url}api/events?token=${s.token}`, (res) => {
        res.once('data', () => void s.close());
        res.on('end', () => resolve());
        res.on('close', () => resolve());
      });
      req.on('error', reject);
    });
    await ended;
    await s.close();
    fs.rmSync(d, { recursive: true, force: true });
  });
});

describe('a write while another writer holds the database', () => {
  it('answers 503 database_busy in words, changes nothing, and works again once the writer is done', async () => {
    const file = path.join(dir, 'busy.sqlite');
    const db = openDatabase(file);
    db.pragma('busy_timeout = 50'); // the host's 5 s, shortened for the test
    const busyServer = await startServer({ ctx: createContext(db, file, 'http'), port: 0, staticDir, log: () => {} });
    const headers = { 'X-Greenlight-Token': busyServer.token };
    const scenarioId = db
      .prepare("INSERT INTO scenarios (name, input_json, created_at, updated_at) VALUES ('Kept', '{}', 'now', 'now')")
      .run().lastInsertRowid;
    // Another connection (an import in its worker, another process) holds the write lock.
    const other = new Database(file);
    other.exec('BEGIN IMMEDIATE');
    try {
      const res = await postJson(`${busyServer.url}api/scenarios.delete`, { id: Number(scenarioId) }, headers);
      expect(res.status).toBe(503);
      const body = res.json() as { ok: boolean; error: { code: string; message: string } };
      expect(body.error.code).toBe('database_busy');
      expect(body.error.message).toMatch(/busy: an import .* is writing to it\. Nothing was changed; try again/);
      expect(errorEnvelope(new DatabaseBusyError('scenarios.delete'))).toMatchObject({
        error: { code: 'database_busy' },
      });
    } finally {
      other.exec('ROLLBACK');
      other.close();
    }
    expect(db.prepare('SELECT count(*) FROM scenarios').pluck().get()).toBe(1);
    const again = await postJson(`${busyServer.url}api/scenarios.delete`, { id: Number(scenarioId) }, headers);
    expect(again.json()).toMatchObject({ ok: true, result: { deleted: true } });
    await busyServer.close();
  });
});

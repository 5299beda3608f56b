/**
 * The local HTTP host: the second host of the core (DESIGN.md). Every contract channel as
 * `POST /api/<channel>` (JSON in, `{ok, result | error}` out, token required), progress events as server-sent
 * events on `GET /api/events`, the built renderer as static files, and the seed project's routes.
 * Listens on loopback by default and refuses foreign Host headers; never crashes on a bad request.
 */
import http from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { DatabaseBusyError, dispatch, InvalidInputError, UnknownChannelError } from '../core/api/handler';
import { handlers } from '../core/api/handlers';
import { createContext, type CoreContext } from '../core/context';
import { openDatabase } from '../core/store/db';
import { loadShippedModel } from '../core/models/defaults';
import type { AppEvent } from '../shared/contract';
import { BodyTooLargeError, formatBytes, readBody } from './body';
import { allowedHostHeaders, COMMON_HEADERS, generateToken, hostAllowed, tokenMatches } from './security';
import { predictSeedHit, predictSeedRevenue, seedInputSchema, type SeedModels } from './seed-routes';
import { staticAnswer } from './static';

/**
 * Upload channels carry whole files as base64 and get a larger body limit: the data contract accepts files up to
 * 200 MB (import) and 2 MB (preview), which is 4/3 of that in base64, plus room for the JSON around it.
 */
export const BODY_LIMITS: Record<string, number> = {
  'data.import': Math.ceil((200 * 1024 * 1024 * 4) / 3) + 1024 * 1024,
  'data.preview': 8 * 1024 * 1024,
};
export const DEFAULT_BODY_LIMIT = 1024 * 1024;
const SEED_BODY_LIMIT = 64 * 1024;
const HEARTBEAT_MS = 15_000;

export interface StartServerOptions {
  /** A database file to open (the server closes it on close()), or an existing context (left open). */
  db?: string;
  ctx?: CoreContext;
  /** Default 8000; 0 picks a free port. */
  port?: number;
  /** Default 127.0.0.1 (loopback only). */
  host?: string;
  /** The built renderer (default out/renderer in the project). */
  staticDir?: string;
  /** A fixed token (tests); default: a fresh random one. */
  token?: string;
  /** Extra Host header values to accept, e.g. a name in /etc/hosts for this machine. */
  allowedHosts?: string[];
  /** The seed routes' models (default: the shipped tracking models). */
  seedModels?: () => SeedModels | Promise<SeedModels>;
  /** Where to report handler failures (default: stderr). */
  log?: (line: string) => void;
}

export interface RunningServer {
  url: string;
  token: string;
  port: number;
  host: string;
  ctx: CoreContext;
  server: http.Server;
  close(): Promise<void>;
}

export function defaultStaticDir(): string {
  return path.resolve(__dirname, '..', '..', 'out', 'renderer');
}

type ErrorCode =
  | 'invalid_input'
  | 'bad_json'
  | 'unauthorized'
  | 'forbidden_host'
  | 'unknown_channel'
  | 'database_busy'
  | 'not_found'
  | 'method_not_allowed'
  | 'payload_too_large'
  | 'internal';

export async function startServer(options: StartServerOptions = {}): Promise<RunningServer> {
  if (!options.ctx && !options.db) throw new Error('startServer needs a database path (db) or a context (ctx).');
  const ownDb = !options.ctx;
  const ctx =
    options.ctx ?? createContext(openDatabase(options.db as string), path.resolve(options.db as string), 'http');
  const host = options.host ?? '127.0.0.1';
  const token = options.token ?? generateToken();
  const staticDir = options.staticDir ?? defaultStaticDir();
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const streams = new Set<http.ServerResponse>();
  let allowed = new Set<string>();
  let seedModels: Promise<SeedModels> | undefined;
  const getSeedModels = () => {
    if (!seedModels) {
      seedModels = Promise.resolve().then(() => (options.seedModels ?? defaultSeedModels)());
      seedModels.catch(() => (seedModels = undefined));
    }
    return seedModels;
  };

  const server = http.createServer((req, res) => {
    handle(req, res).catch((err) => {
      log(`greenlight http: ${(err as Error)?.stack ?? String(err)}`);
      if (!res.headersSent) sendError(res, 500, 'internal', 'Internal error.');
      else res.destroy();
    });
  });
  server.on('clientError', (_err, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
    else socket.destroy();
  });

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    if (!hostAllowed(allowed, req.headers.host)) {
      drain(req);
      return sendError(
        res,
        403,
        'forbidden_host',
        'This server answers only requests addressed to its own host and port.',
      );
    }
    let url: URL;
    try {
      url = new URL(req.url ?? '/', 'http://greenlight.local');
    } catch {
      return sendError(res, 400, 'not_found', 'Malformed URL.');
    }
    const method = req.method ?? 'GET';
    const route = url.pathname;

    if (route === '/health' && (method === 'GET' || method === 'HEAD')) {
      return sendJson(res, 200, { status: 'ok', service: 'greenlight' });
    }
    if (route === '/predict_revenue' || route === '/predict_hit') return seedRoute(req, res, route);
    if (route === '/api/events') {
      if (method !== 'GET') return sendError(res, 405, 'method_not_allowed', 'Use GET for /api/events.');
      if (!tokenMatches(token, url.searchParams.get('token') ?? headerToken(req))) {
        return sendError(res, 401, 'unauthorized', 'Missing or wrong token.');
      }
      return openEventStream(req, res);
    }
    if (route.startsWith('/api/')) return apiRoute(req, res, route.slice('/api/'.length), method);
    if (method !== 'GET' && method !== 'HEAD') {
      drain(req);
      return sendError(res, 405, 'method_not_allowed', `${method} is not allowed here.`);
    }
    const answer = staticAnswer(staticDir, route, token);
    res.writeHead(answer.status, answer.headers);
    res.end(method === 'HEAD' ? undefined : answer.body);
  }

  async function apiRoute(req: http.IncomingMessage, res: http.ServerResponse, channel: string, method: string) {
    if (method !== 'POST') {
      drain(req);
      return sendError(res, 405, 'method_not_allowed', 'Channels are called with POST and a JSON body.');
    }
    if (!tokenMatches(token, headerToken(req))) {
      drain(req);
      return sendError(res, 401, 'unauthorized', 'Missing or wrong X-Greenlight-Token header.');
    }
    let name: string;
    try {
      name = decodeURIComponent(channel);
    } catch {
      name = channel;
    }
    const input = await readJson(req, res, BODY_LIMITS[name] ?? DEFAULT_BODY_LIMIT);
    if (input === NO_BODY) return;
    try {
      const result = await dispatch(handlers, ctx, name, input);
      sendJson(res, 200, { ok: true, result: result ?? null });
    } catch (err) {
      if (err instanceof InvalidInputError) {
        return sendError(res, 400, 'invalid_input', err.message, err.issues);
      }
      if (err instanceof UnknownChannelError) return sendError(res, 404, 'unknown_channel', err.message);
      if (err instanceof DatabaseBusyError) return sendError(res, 503, err.code, err.message);
      const message = err instanceof Error ? err.message : String(err);
      log(`greenlight http: ${name} failed: ${err instanceof Error ? err.stack : message}`);
      sendError(res, 500, 'internal', message);
    }
  }

  async function seedRoute(req: http.IncomingMessage, res: http.ServerResponse, route: string) {
    if (req.method !== 'POST') {
      drain(req);
      return sendError(res, 405, 'method_not_allowed', `Use POST for ${route}.`);
    }
    const body = await readJson(req, res, SEED_BODY_LIMIT);
    if (body === NO_BODY) return;
    const parsed = seedInputSchema.safeParse(body);
    if (!parsed.success) {
      const issues = parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
      return sendError(
        res,
        400,
        'invalid_input',
        `Expected {"runtime","popularity","vote_avg","log_budget"} as numbers: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`,
        issues,
      );
    }
    let models: SeedModels;
    try {
      models = await getSeedModels();
    } catch (err) {
      return sendError(res, 500, 'internal', `The seed models are not available: ${(err as Error).message}`);
    }
    sendJson(
      res,
      200,
      route === '/predict_revenue' ? predictSeedRevenue(models, parsed.data) : predictSeedHit(models, parsed.data),
    );
  }

  const NO_BODY = Symbol('no body');
  async function readJson(req: http.IncomingMessage, res: http.ServerResponse, limit: number): Promise<unknown> {
    let raw: Buffer;
    try {
      raw = await readBody(req, limit);
    } catch (err) {
      if (err instanceof BodyTooLargeError) {
        drain(req);
        sendError(
          res,
          413,
          'payload_too_large',
          `Request body too large: the limit for this route is ${formatBytes(limit)}.`,
          undefined,
          true,
        );
        return NO_BODY;
      }
      throw err;
    }
    if (raw.length === 0) return {};
    try {
      return JSON.parse(raw.toString('utf8'));
    } catch {
      sendError(res, 400, 'bad_json', 'The request body is not valid JSON.');
      return NO_BODY;
    }
  }

  function openEventStream(req: http.IncomingMessage, res: http.ServerResponse) {
    res.writeHead(200, {
      ...COMMON_HEADERS,
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
    });
    res.write('retry: 2000\n\n');
    const onEvent = (event: AppEvent) => res.write(`data: ${JSON.stringify(event)}\n\n`);
    const heartbeat = setInterval(() => res.write(': heartbeat\n\n'), HEARTBEAT_MS);
    heartbeat.unref();
    ctx.events.on('event', onEvent);
    streams.add(res);
    const stop = () => {
      clearInterval(heartbeat);
      ctx.events.off('event', onEvent);
      streams.delete(res);
    };
    req.on('close', stop);
    res.on('close', stop);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 8000, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  allowed = allowedHostHeaders(host, port, options.allowedHosts);
  const urlHost = host.includes(':') ? `[${host}]` : host;

  let closed = false;
  return {
    url: `http://${urlHost}:${port}/`,
    token,
    port,
    host,
    ctx,
    server,
    async close() {
      if (closed) return;
      closed = true;
      for (const stream of streams) stream.end();
      streams.clear();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      if (ownDb) ctx.db.close();
    },
  };
}

function headerToken(req: http.IncomingMessage): string | undefined {
  const value = req.headers['x-greenlight-token'];
  return Array.isArray(value) ? value[0] : value;
}

/** Reads and discards the rest of a refused request's body, so the client can read the answer. */
function drain(req: http.IncomingMessage): void {
  let seen = 0;
  req.on('data', (chunk: Buffer) => {
    seen += chunk.length;
    if (seen > 300 * 1024 * 1024) req.destroy();
  });
  req.resume();
}

function sendJson(res: http.ServerResponse, status: number, body: unknown, close = false): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    ...COMMON_HEADERS,
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
    ...(close ? { Connection: 'close' } : {}),
  });
  res.end(text);
}

function sendError(
  res: http.ServerResponse,
  status: number,
  code: ErrorCode,
  message: string,
  issues?: { path: string; message: string }[],
  close = false,
): void {
  sendJson(res, status, { ok: false, error: issues ? { code, message, issues } : { code, message } }, close);
}

/** The seed routes answer from the shipped tracking models on the seed's four features (models/seed-*.json). */
function defaultSeedModels(): SeedModels {
  return { revenue: loadShippedModel('seed-revenue'), hit: loadShippedModel('seed-hit') };
}

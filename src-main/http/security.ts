/**
 * The local HTTP host's guards. The host listens on loopback, but a web page the analyst visits could still
 * reach it: through DNS rebinding (a hostile name resolving to 127.0.0.1, so the Host header is foreign) or by
 * posting to it blindly (no token). These checks stop both.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** A fresh random token for one server run (256 bits, URL-safe). */
export function generateToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Constant-time comparison (hashing first makes the lengths equal, so length does not leak either). */
export function tokenMatches(expected: string, given: string | null | undefined): boolean {
  if (typeof given !== 'string' || given.length === 0 || given.length > 1000) return false;
  const a = createHash('sha256').update(expected).digest();
  const b = createHash('sha256').update(given).digest();
  return timingSafeEqual(a, b);
}

const LOOPBACK_NAMES = ['127.0.0.1', 'localhost', '[::1]'];

export function isLoopbackAddress(host: string): boolean {
  return (
    host === '127.0.0.1' ||
    host === 'localhost' ||
    host === '::1' ||
    host === '[::1]' ||
    /^127\.\d+\.\d+\.\d+$/.test(host)
  );
}

/**
 * The Host header values this server answers: the host it listens on with its port, and the loopback names
 * with its port when it listens on loopback. Anything else (a rebinding name) is refused with 403.
 */
export function allowedHostHeaders(listenHost: string, port: number, extra: readonly string[] = []): Set<string> {
  const bracketed = listenHost.includes(':') && !listenHost.startsWith('[') ? `[${listenHost}]` : listenHost;
  const hosts = new Set([`${bracketed}:${port}`.toLowerCase(), ...extra.map((h) => h.toLowerCase())]);
  if (isLoopbackAddress(listenHost)) for (const name of LOOPBACK_NAMES) hosts.add(`${name}:${port}`);
  return hosts;
}

export function hostAllowed(allowed: Set<string>, hostHeader: string | undefined): boolean {
  return typeof hostHeader === 'string' && allowed.has(hostHeader.trim().toLowerCase());
}

/** Headers on every response. */
export const COMMON_HEADERS: Record<string, string> = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

/**
 * The Content-Security-Policy of the app's HTML: only its own scripts; inline styles allowed because ECharts
 * and Vue's style bindings set them; no plugins, no framing, no foreign connections.
 */
export const HTML_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { injectToken, mimeType, resolveStaticPath } from '../../../src-main/http/static';
import { allowedHostHeaders, hostAllowed, tokenMatches } from '../../../src-main/http/security';

describe('static files of the HTTP host', () => {
  it('injects the token in place of the placeholder, else first in <head>', () => {
    expect(injectToken('<head><!--greenlight-token--></head>', 'abc')).toBe(
      '<head><meta name="greenlight-token" content="abc"></head>',
    );
    expect(injectToken('<html><head lang="x"><title>t</title></head>', 'abc')).toBe(
      '<html><head lang="x"><meta name="greenlight-token" content="abc"><title>t</title></head>',
    );
    // A token can never break out of the attribute.
    expect(injectToken('<head></head>', 'a"><script>')).toContain('content="ascript"');
  });

  it('resolves paths inside the folder only', () => {
    const root = path.resolve('/srv/app');
    expect(resolveStaticPath(root, '/assets/app.js')).toBe(path.join(root, 'assets', 'app.js'));
    expect(resolveStaticPath(root, '/')).toBe(root);
    for (const evil of [
      '/../etc/passwd',
      '/%2e%2e/etc/passwd',
      '/a/..%2f..%2fetc',
      '/.env',
      '/x%00.js',
      '/%E0%A4%A',
      '/a\\..\\b',
    ]) {
      expect(resolveStaticPath(root, evil)).toBeNull();
    }
    expect(mimeType('a.css')).toBe('text/css; charset=utf-8');
    expect(mimeType('a.unknown')).toBe('application/octet-stream');
  });

  it('accepts only its own host and port, and compares tokens exactly', () => {
    const allowed = allowedHostHeaders('127.0.0.1', 8000);
    expect(hostAllowed(allowed, '127.0.0.1:8000')).toBe(true);
    expect(hostAllowed(allowed, 'LOCALHOST:8000')).toBe(true);
    expect(hostAllowed(allowed, '[::1]:8000')).toBe(true);
    expect(hostAllowed(allowed, 'localhost')).toBe(false);
    expect(hostAllowed(allowed, 'attacker.example:8000')).toBe(false);
    expect(hostAllowed(allowed, undefined)).toBe(false);
    expect(hostAllowed(allowedHostHeaders('0.0.0.0', 8000), 'localhost:8000')).toBe(false);
    expect(tokenMatches('secret', 'secret')).toBe(true);
    expect(tokenMatches('secret', 'secreT')).toBe(false);
    expect(tokenMatches('secret', '')).toBe(false);
    expect(tokenMatches('secret', undefined)).toBe(false);
  });
});

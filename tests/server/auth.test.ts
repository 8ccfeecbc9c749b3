import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { createToken, presentedToken, sameSiteRequest, tokenMatches } from '../../src/server/auth';
import { contentTypeOf } from '../../src/server/static';

const req = (headers: Record<string, string>) => ({ headers }) as unknown as IncomingMessage;

describe('auth', () => {
  it('creates distinct 24-byte base64url tokens', () => {
    const a = createToken();
    const b = createToken();
    expect(a).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(Buffer.from(a, 'base64url')).toHaveLength(24);
    expect(a).not.toBe(b);
  });

  it('compares tokens exactly', () => {
    const t = createToken();
    expect(tokenMatches(t, t)).toBe(true);
    expect(tokenMatches(t.slice(0, -1), t)).toBe(false);
    expect(tokenMatches(`${t}x`, t)).toBe(false);
    expect(tokenMatches(t.toUpperCase() === t ? t.toLowerCase() : t.toUpperCase(), t)).toBe(false);
    expect(tokenMatches('', t)).toBe(false);
    expect(tokenMatches(null, t)).toBe(false);
    expect(tokenMatches('x'.repeat(5000), t)).toBe(false);
  });

  it('reads the token from a Bearer header before the query', () => {
    const url = new URL('http://127.0.0.1:1/api/events?token=fromquery');
    expect(presentedToken(req({ authorization: 'Bearer abc_-1' }), url)).toBe('abc_-1');
    expect(presentedToken(req({ authorization: 'Token abc' }), url)).toBeNull();
    expect(presentedToken(req({}), url)).toBe('fromquery');
  });

  it('takes a query token only on the event stream', () => {
    for (const path of [
      '/api/call/getFolder?token=q',
      '/api/events/?token=q',
      '/api/eventsx?token=q',
      '/api?token=q',
      '/?token=q',
    ]) {
      const url = new URL(`http://127.0.0.1:1${path}`);
      expect(presentedToken(req({}), url), path).toBeNull();
      expect(presentedToken(req({ authorization: 'Bearer h' }), url), path).toBe('h');
    }
  });

  it('accepts only our loopback host and origin', () => {
    expect(sameSiteRequest(req({ host: '127.0.0.1:4000' }), 4000)).toBe(true);
    expect(sameSiteRequest(req({ host: 'LOCALHOST:4000' }), 4000)).toBe(true);
    expect(sameSiteRequest(req({}), 4000)).toBe(false);
    expect(sameSiteRequest(req({ host: '127.0.0.1' }), 4000)).toBe(false);
    expect(sameSiteRequest(req({ host: '0.0.0.0:4000' }), 4000)).toBe(false);
    expect(
      sameSiteRequest(req({ host: '127.0.0.1:4000', origin: 'http://127.0.0.1:4000' }), 4000),
    ).toBe(true);
    expect(
      sameSiteRequest(req({ host: '127.0.0.1:4000', origin: 'http://127.0.0.1:4000/x' }), 4000),
    ).toBe(false);
    expect(sameSiteRequest(req({ host: '127.0.0.1:4000', origin: 'file://' }), 4000)).toBe(false);
  });

  it('maps file names to content types', () => {
    expect(contentTypeOf('a/index.HTML')).toBe('text/html; charset=utf-8');
    expect(contentTypeOf('x.svg')).toBe('image/svg+xml');
    expect(contentTypeOf('x.woff2')).toBe('font/woff2');
    expect(contentTypeOf('noext')).toBe('application/octet-stream');
  });
});

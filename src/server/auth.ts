/**
 * Browser-mode access control. The server listens on loopback only, but any web page
 * the user visits can still send requests to 127.0.0.1: a random per-run token guards
 * every API call, and Host/Origin checks stop DNS rebinding and cross-site requests.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** A fresh random token (24 bytes, base64url). */
export function createToken(): string {
  return randomBytes(24).toString('base64url');
}

/**
 * Constant-time comparison of a presented token with the expected one. Both are hashed
 * first so the comparison takes the same time whatever the presented length.
 */
export function tokenMatches(given: string | null | undefined, expected: string): boolean {
  if (typeof given !== 'string' || given.length === 0 || given.length > 1024) return false;
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

/** The event stream's path: the one route that takes the token from the query string. */
export const EVENTS_PATH = '/api/events';

/**
 * The token presented by a request: `Authorization: Bearer …`; on {@link EVENTS_PATH}
 * only, else `?token=`, because `EventSource` cannot send headers. Every other route
 * ignores a query token: a secret in a URL ends up in history, logs and Referer headers,
 * so the API client sends it in the header (src/renderer/src/api/http-client.ts).
 */
export function presentedToken(req: IncomingMessage, url: URL): string | null {
  const auth = req.headers.authorization;
  if (typeof auth === 'string') {
    const m = /^Bearer ([A-Za-z0-9_-]+)$/.exec(auth);
    return m ? m[1] : null;
  }
  return url.pathname === EVENTS_PATH ? url.searchParams.get('token') : null;
}

/** Host names under which the server may be addressed (never a DNS name an attacker controls). */
export function allowedHosts(port: number): Set<string> {
  return new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
}

/**
 * `true` when the request's Host is the loopback address we listen on, and its Origin
 * (if any: fetches from pages always send one for POST) is our own origin.
 */
export function sameSiteRequest(req: IncomingMessage, port: number): boolean {
  const hosts = allowedHosts(port);
  const host = req.headers.host;
  if (typeof host !== 'string' || !hosts.has(host.toLowerCase())) return false;
  const origin = req.headers.origin;
  if (origin === undefined) return true;
  if (typeof origin !== 'string') return false;
  try {
    const o = new URL(origin);
    return (
      o.protocol === 'http:' && hosts.has(o.host.toLowerCase()) && o.origin === origin.toLowerCase()
    );
  } catch {
    return false;
  }
}

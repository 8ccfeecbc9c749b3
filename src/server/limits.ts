/**
 * Resource limits of browser mode (issue 9 §3): how long a client may take to send a
 * request, and how many connections, in-flight API calls and event streams the server
 * holds at once. A page on 127.0.0.1 needs a handful of each (Chromium opens at most 6
 * connections per host); anything far beyond is a stuck or hostile client.
 *
 * The caps count per server, not per remote address: every client of a loopback server
 * comes from 127.0.0.0/8, and any local program can pick another address of that range,
 * so a per-address cap would be no cap at all.
 */

/** Timeouts (milliseconds) and caps of the browser-mode server. */
export interface ServerLimits {
  /**
   * Time from a connection's first byte (or its idle start) until the request headers are
   * complete; a slow-header (slowloris) client is answered 408 and cut off after it.
   */
  headersTimeoutMs: number;
  /** Time to receive a whole request, body included (408 after it). Not the response. */
  requestTimeoutMs: number;
  /** How long an idle keep-alive connection is kept between requests. */
  keepAliveTimeoutMs: number;
  /**
   * How often the server looks for connections past the two timeouts above. Node checks
   * every 30 s by default, which would let a slow client hold on 30 s longer.
   */
  timeoutCheckMs: number;
  /** Open TCP connections; further ones are closed at once (Node's `maxConnections`). */
  maxConnections: number;
  /** API calls being answered at once; more get 503 with `Retry-After`. */
  maxConcurrentRequests: number;
  /** Open event streams (one per tab); more get 503. */
  maxEventStreams: number;
  /** Largest request body (bytes); more gets 413. */
  maxBodyBytes: number;
}

/** The limits `curator serve` runs with. */
export const DEFAULT_SERVER_LIMITS: Readonly<ServerLimits> = Object.freeze({
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  keepAliveTimeoutMs: 5_000,
  timeoutCheckMs: 1_000,
  maxConnections: 64,
  maxConcurrentRequests: 32,
  maxEventStreams: 16,
  maxBodyBytes: 16 * 1024 * 1024,
});

/**
 * The defaults with `overrides` applied.
 * @throws RangeError when a value is not a positive integer, or the request timeout is
 *   shorter than the header timeout (Node refuses that combination).
 */
export function resolveLimits(overrides: Partial<ServerLimits> = {}): ServerLimits {
  const limits: ServerLimits = { ...DEFAULT_SERVER_LIMITS };
  for (const [key, value] of Object.entries(overrides) as Array<[keyof ServerLimits, unknown]>) {
    if (value === undefined) continue;
    if (!(key in DEFAULT_SERVER_LIMITS)) throw new RangeError(`Unknown server limit: ${key}`);
    if (typeof value !== 'number' || !Number.isSafeInteger(value) || value <= 0) {
      throw new RangeError(`Server limit ${key} must be a positive integer.`);
    }
    limits[key] = value;
  }
  if (limits.requestTimeoutMs < limits.headersTimeoutMs) {
    throw new RangeError('requestTimeoutMs must not be shorter than headersTimeoutMs.');
  }
  return limits;
}

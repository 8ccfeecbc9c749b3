/**
 * Browser mode under slow and greedy clients (issue 9 §3), over real sockets: slow
 * headers and bodies are cut off after the (injected, short) timeouts, while an event
 * stream outlives them; connections, in-flight calls and event streams are capped.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createService, type CuratorService } from '../../src/core/service';
import { startServer, type RunningServer } from '../../src/server/http-server';
import { DEFAULT_SERVER_LIMITS, resolveLimits, type ServerLimits } from '../../src/server/limits';
import { makeContent, waitFor, type ContentFixture } from '../helpers/shell-fixtures';
import { openEvents, raw, rawSocket, requestHead, type RawSocket } from './http-helpers';

let fx: ContentFixture;
let service: CuratorService;
let web: string;
const INDEX = '<!doctype html><title>Curator</title>';
const running: RunningServer[] = [];
const sockets: RawSocket[] = [];

async function serve(limits: Partial<ServerLimits>): Promise<RunningServer> {
  const srv = await startServer({ service, staticRoot: web, limits });
  running.push(srv);
  return srv;
}

async function open(port: number): Promise<RawSocket> {
  const s = await rawSocket(port);
  sockets.push(s);
  return s;
}

const call = (srv: RunningServer, method = 'getFolder') =>
  raw(srv.port, {
    method: 'POST',
    path: `/api/call/${method}`,
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${srv.token}` },
    body: '{}',
  });

beforeAll(async () => {
  fx = await makeContent();
  web = join(fx.base, 'web');
  await mkdir(web);
  await writeFile(join(web, 'index.html'), INDEX);
  service = createService({ configDir: fx.configDir, defaultReviewer: 'ed' });
  await service.start(fx.dir);
});
afterEach(async () => {
  for (const s of sockets.splice(0)) s.socket.destroy();
  for (const srv of running.splice(0)) await srv.close();
});
afterAll(async () => {
  await service.close();
  await fx.cleanup();
});

describe('browser-mode limits', () => {
  it('has sensible defaults and refuses nonsense overrides', () => {
    expect(DEFAULT_SERVER_LIMITS).toMatchObject({
      headersTimeoutMs: 10_000,
      requestTimeoutMs: 30_000,
      maxConnections: 64,
      maxConcurrentRequests: 32,
      maxEventStreams: 16,
      maxBodyBytes: 16 * 1024 * 1024,
    });
    expect(resolveLimits({ maxConnections: 3 }).maxConnections).toBe(3);
    expect(() => resolveLimits({ maxConnections: 0 })).toThrow(RangeError);
    expect(() => resolveLimits({ headersTimeoutMs: 1.5 })).toThrow(RangeError);
    expect(() => resolveLimits({ headersTimeoutMs: 500, requestTimeoutMs: 100 })).toThrow(
      RangeError,
    );
  });

  it('cuts off slow-header, silent and slow-body clients after the timeouts; an event stream lives on', async () => {
    const srv = await serve({ headersTimeoutMs: 300, requestTimeoutMs: 600, timeoutCheckMs: 20 });
    const port = srv.port;
    const stream = await openEvents(port, `/api/events?token=${srv.token}`);
    expect(stream.status).toBe(200);

    // Slowloris: the headers arrive one byte every 20 ms and never end.
    const slowHeaders = await open(port);
    slowHeaders.send(requestHead(port, 'GET', '/', 'X-Slow: '));
    // Connected, then not a byte.
    const silent = await open(port);
    // Complete headers, then a body that trickles in and never completes.
    const slowBody = await open(port);
    slowBody.send(
      requestHead(
        port,
        'POST',
        '/api/call/getFolder',
        `Authorization: Bearer ${srv.token}\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n`,
      ),
    );
    const drip = setInterval(() => {
      slowHeaders.send('a');
      slowBody.send(' ');
    }, 20);
    try {
      const [h, s, b] = await Promise.all([slowHeaders.closed, silent.closed, slowBody.closed]);
      for (const [name, r, timeout] of [
        ['slow headers', h, 300],
        ['silent', s, 300],
        ['slow body', b, 600],
      ] as const) {
        expect(r.data, name).toMatch(/^HTTP\/1\.1 408 /);
        expect(r.afterMs, name).toBeGreaterThanOrEqual(timeout - 50);
        // Generous for a loaded machine; without the timeout they would never close.
        expect(r.afterMs, name).toBeLessThan(timeout + 2_000);
      }
    } finally {
      clearInterval(drip);
    }

    // The stream is older than both timeouts and still delivers events.
    await fx.write('beta.md', '---\ntitle: "Beta after the timeouts"\n---\n');
    await waitFor(() => stream.events.find((e) => (e as { id?: string }).id === 'beta.md'));
    stream.close();
    // The server still answers normal calls.
    expect((await call(srv)).status).toBe(200);
  });

  it('caps open connections: one over the cap is closed unanswered; room frees when one closes', async () => {
    const srv = await serve({ maxConnections: 3 });
    const port = srv.port;
    const held: RawSocket[] = [];
    for (let i = 0; i < 3; i++) {
      const s = await open(port);
      // A keep-alive request: once it is answered the server surely counts this connection.
      s.send(requestHead(port, 'GET', '/', '\r\n'));
      await waitFor(() => (s.received().endsWith(INDEX) ? true : undefined));
      held.push(s);
    }
    const extra = await open(port);
    extra.send(requestHead(port, 'GET', '/', '\r\n'));
    const dropped = await extra.closed;
    expect(dropped.data).toBe('');
    for (const s of held) expect(s.socket.destroyed).toBe(false);

    held[0].socket.destroy();
    await waitFor(
      () =>
        new Promise<true | undefined>((r) =>
          srv.server.getConnections((_e, n) => r(n < 3 ? true : undefined)),
        ),
    );
    expect((await raw(port, { path: '/' })).status).toBe(200);
  });

  it('caps API calls in flight with 503 and Retry-After; the slots free up again', async () => {
    const srv = await serve({ maxConcurrentRequests: 2 });
    const port = srv.port;
    const head = requestHead(
      port,
      'POST',
      '/api/call/getFolder',
      `Authorization: Bearer ${srv.token}\r\nContent-Type: application/json\r\nContent-Length: 2\r\nConnection: close\r\n\r\n`,
    );
    // Two calls whose bodies have not arrived yet hold both slots.
    const pending = [await open(port), await open(port)];
    for (const s of pending) s.send(head);
    const busy = await waitFor(async () => {
      const r = await call(srv);
      return r.status === 503 ? r : undefined;
    });
    expect(busy.headers['retry-after']).toBe('1');
    expect(JSON.parse(busy.body)).toMatchObject({ ok: false, error: { code: 'io' } });

    for (const s of pending) s.send('{}');
    for (const s of pending) expect((await s.closed).data).toMatch(/^HTTP\/1\.1 200 /);
    expect((await call(srv)).status).toBe(200);
  });

  it('caps open event streams with 503; closing one makes room', async () => {
    const srv = await serve({ maxEventStreams: 2 });
    const path = `/api/events?token=${srv.token}`;
    const a = await openEvents(srv.port, path);
    const b = await openEvents(srv.port, path);
    expect([a.status, b.status]).toEqual([200, 200]);
    const third = await raw(srv.port, { path });
    expect(third.status).toBe(503);
    expect(JSON.parse(third.body)).toMatchObject({ ok: false, error: { code: 'io' } });
    // Ordinary calls are not affected by the stream cap.
    expect((await call(srv)).status).toBe(200);

    a.close();
    const c = await waitFor(async () => {
      const s = await openEvents(srv.port, path);
      if (s.status === 200) return s;
      s.close();
      return undefined;
    });
    c.close();
    b.close();
  });
});

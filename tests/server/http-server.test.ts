import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createService, type CuratorService } from '../../src/core/service';
import { startServer, type RunningServer } from '../../src/server/http-server';
import { CSP_HEADER } from '../../src/shared/csp';
import { makeContent, waitFor, type ContentFixture } from '../helpers/shell-fixtures';
import { openEvents, raw } from './http-helpers';

let fx: ContentFixture;
let service: CuratorService;
let srv: RunningServer;
let port: number;
const INDEX =
  '<!doctype html><title>Curator</title><script type="module" src="./assets/app.js"></script>';

const api = (method: string, body: unknown, headers: Record<string, string> = {}) =>
  raw(port, {
    method: 'POST',
    path: `/api/call/${method}`,
    headers: {
      'Content-Type': 'application/json',
      Authorization: `Bearer ${srv.token}`,
      ...headers,
    },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

beforeAll(async () => {
  fx = await makeContent();
  const web = join(fx.base, 'web');
  await mkdir(join(web, 'assets'), { recursive: true });
  await writeFile(join(web, 'index.html'), INDEX);
  await writeFile(join(web, 'assets', 'app.js'), 'console.log(1);\n');
  await writeFile(join(web, 'assets', 'app.css'), 'body{}\n');
  await writeFile(join(web, 'assets', 'blob.xyz'), 'opaque');
  await writeFile(join(fx.base, 'secret.txt'), 'TOP SECRET');
  // As `curator serve` creates it: Open folder takes typed paths.
  service = createService({
    configDir: fx.configDir,
    defaultReviewer: 'ed',
    allowTypedPaths: true,
  });
  await service.start(fx.dir);
  srv = await startServer({ service, staticRoot: web, port: 0 });
  port = srv.port;
});
afterAll(async () => {
  await srv.close();
  await service.close();
  await fx.cleanup();
});

describe('browser-mode server: listening and static files', () => {
  it('listens on 127.0.0.1 only, at a free port, with a 32-char base64url token in the URL', () => {
    expect(srv.server.address()).toMatchObject({ address: '127.0.0.1', port });
    expect(port).toBeGreaterThan(0);
    expect(srv.token).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(srv.url).toBe(`http://127.0.0.1:${port}/?token=${srv.token}`);
  });

  it('serves the renderer with content types, the CSP and no CORS headers', async () => {
    const index = await raw(port, { path: `/?token=${srv.token}` });
    expect(index.status).toBe(200);
    expect(index.body).toBe(INDEX);
    expect(index.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(index.headers['content-security-policy']).toBe(CSP_HEADER);
    expect(index.headers['content-security-policy']).toMatch(/connect-src 'self'/);
    expect(index.headers['x-content-type-options']).toBe('nosniff');
    expect(index.headers['referrer-policy']).toBe('no-referrer');
    expect((await raw(port, { path: '/assets/app.js' })).headers['content-type']).toBe(
      'text/javascript; charset=utf-8',
    );
    expect((await raw(port, { path: '/assets/app.css' })).headers['content-type']).toBe(
      'text/css; charset=utf-8',
    );
    expect((await raw(port, { path: '/assets/blob.xyz' })).headers['content-type']).toBe(
      'application/octet-stream',
    );
    const head = await raw(port, { method: 'HEAD', path: '/assets/app.js' });
    expect(head.status).toBe(200);
    expect(head.body).toBe('');
    for (const r of [
      index,
      await api('getFolder', {}),
      await raw(port, {
        method: 'OPTIONS',
        path: '/api/call/getFolder',
        headers: { Origin: 'https://evil.example', 'Access-Control-Request-Method': 'POST' },
      }),
    ]) {
      expect(Object.keys(r.headers).filter((h) => h.startsWith('access-control-'))).toEqual([]);
    }
  });

  it('never serves a file outside the renderer folder', async () => {
    const attempts = [
      '/../secret.txt',
      '/..%2fsecret.txt',
      '/%2e%2e/secret.txt',
      '/assets/..%2f..%2fsecret.txt',
      '/assets/%2e%2e%2f%2e%2e%2fsecret.txt',
      '/..%5csecret.txt',
      '/assets/app.js%00.html',
      '/%E0%A4%A',
      '/assets',
      '/assets/',
      `/${encodeURIComponent(join(fx.base, 'secret.txt'))}`,
    ];
    for (const path of attempts) {
      const r = await raw(port, { path });
      expect(r.status, path).toBe(404);
      expect(r.body, path).not.toContain('TOP SECRET');
    }
    expect((await raw(port, { method: 'POST', path: '/index.html' })).status).toBe(405);
  });
});

describe('browser-mode server: the API', () => {
  it('answers contract calls with the token', async () => {
    const r = await api('query', { sort: { key: 'title', dir: 'desc' } });
    expect(r.status).toBe(200);
    expect(r.headers['cache-control']).toBe('no-store');
    const body = JSON.parse(r.body);
    expect(body.ok).toBe(true);
    expect(body.result.items.map((i: { id: string }) => i.id)).toEqual([
      'world/gamma.md',
      'beta.md',
      'alpha.md',
    ]);
  });

  it('refuses calls without the right token', async () => {
    const noToken = await raw(port, {
      method: 'POST',
      path: '/api/call/getFolder',
      headers: { 'Content-Type': 'application/json' },
      body: '{}',
    });
    expect(noToken.status).toBe(401);
    expect(JSON.parse(noToken.body)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(
      (await api('getFolder', {}, { Authorization: `Bearer ${srv.token.slice(1)}x` })).status,
    ).toBe(401);
    expect((await api('getFolder', {}, { Authorization: `Basic ${srv.token}` })).status).toBe(401);
    expect((await api('getFolder', {}, { Authorization: 'Bearer ' })).status).toBe(401);
    // A refused write changes nothing.
    const pub = await raw(port, {
      method: 'POST',
      path: '/api/call/publish',
      headers: { 'Content-Type': 'application/json', Authorization: 'Bearer nope' },
      body: JSON.stringify({ ids: ['alpha.md'] }),
    });
    expect(pub.status).toBe(401);
    expect((await service.getArticle({ id: 'alpha.md' })).summary.published).toBe(false);
  });

  it('takes the token from the query string only on the event stream', async () => {
    // The right token, in the URL of an API call: refused, and nothing written.
    const inQuery = await raw(port, {
      method: 'POST',
      path: `/api/call/publish?token=${srv.token}`,
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ ids: ['alpha.md'] }),
    });
    expect(inQuery.status).toBe(401);
    expect(JSON.parse(inQuery.body)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect((await service.getArticle({ id: 'alpha.md' })).summary.published).toBe(false);
    expect((await raw(port, { path: `/api/call/getFolder?token=${srv.token}` })).status).toBe(401);
    // The event stream: query (EventSource) or header.
    const byQuery = await openEvents(port, `/api/events?token=${srv.token}`);
    byQuery.close();
    expect(byQuery.status).toBe(200);
    const byHeader = await raw(port, {
      method: 'POST',
      path: '/api/events',
      headers: { Authorization: `Bearer ${srv.token}` },
    });
    expect(byHeader.status).toBe(405); // authorized, wrong method: the header counts here too
    // The page needs no token at all; the one in its first address is for its script.
    expect((await raw(port, { path: '/' })).status).toBe(200);
    expect((await raw(port, { path: `/?token=${srv.token}` })).status).toBe(200);
  });

  it('refuses foreign Host headers (DNS rebinding) and foreign Origins (CSRF), even with the token', async () => {
    for (const host of [
      'evil.example',
      `evil.example:${port}`,
      `127.0.0.1:${port + 1}`,
      `127.0.0.1.nip.io:${port}`,
    ]) {
      const r = await api('getFolder', {}, { Host: host });
      expect(r.status, host).toBe(403);
      expect((await raw(port, { path: '/', headers: { Host: host } })).status, host).toBe(403);
    }
    for (const origin of [
      'https://evil.example',
      'null',
      `http://127.0.0.1:${port + 1}`,
      `https://127.0.0.1:${port}`,
    ]) {
      expect((await api('getFolder', {}, { Origin: origin })).status, origin).toBe(403);
    }
    expect((await api('getFolder', {}, { Origin: `http://127.0.0.1:${port}` })).status).toBe(200);
    expect(
      (
        await api(
          'getFolder',
          {},
          { Host: `localhost:${port}`, Origin: `http://localhost:${port}` },
        )
      ).status,
    ).toBe(200);
  });

  it('refuses malformed requests with a JSON error', async () => {
    const cases: Array<[Promise<{ status: number; body: string }>, number, string]> = [
      [api('getFolder', '{not json'), 400, 'bad-request'],
      [api('getFolder', {}, { 'Content-Type': 'text/plain' }), 415, 'bad-request'],
      [api('noSuchMethod', {}), 404, 'unknown-method'],
      [api('getArticle', { id: '../secret.md' }), 400, 'bad-request'],
      [api('getArticle', { id: 'missing.md' }), 404, 'not-found'],
      [api('query', { limit: -1 }), 400, 'bad-request'],
      [api('openFolder', {}), 400, 'bad-request'],
    ];
    for (const [p, status, code] of cases) {
      const r = await p;
      expect(r.status).toBe(status);
      expect(JSON.parse(r.body)).toMatchObject({ ok: false, error: { code } });
    }
    const get = await raw(port, {
      path: '/api/call/getFolder',
      headers: { Authorization: `Bearer ${srv.token}` },
    });
    expect(get.status).toBe(405);
  });

  it('opens a typed folder path, checked on the server, with clear errors', async () => {
    const other = join(fx.base, 'typed');
    await mkdir(other);
    await writeFile(join(other, 'x.md'), '---\ntitle: X\n---\n');
    const cases: Array<[string, number, string, RegExp]> = [
      [join(fx.base, 'missing'), 404, 'not-found', /^Folder not found: /],
      [join(fx.base, 'secret.txt'), 400, 'bad-request', /^Not a folder: /],
    ];
    for (const [path, status, code, message] of cases) {
      const r = await api('openFolder', { path });
      expect(r.status, path).toBe(status);
      expect(JSON.parse(r.body), path).toMatchObject({ ok: false, error: { code, message } });
    }
    const opened = await api('openFolder', { path: other });
    expect(opened.status).toBe(200);
    expect(JSON.parse(opened.body)).toMatchObject({ ok: true, result: { path: other, count: 1 } });
    const recent = JSON.parse((await api('recentFolders', {})).body);
    expect(recent.result.slice(0, 2)).toEqual([other, fx.dir]);
    expect((await api('openFolder', { path: fx.dir })).status).toBe(200);
  });

  it('refuses bodies over the size limit', async () => {
    const small = await startServer({
      service,
      staticRoot: join(fx.base, 'web'),
      limits: { maxBodyBytes: 1024 },
    });
    try {
      const r = await raw(small.port, {
        method: 'POST',
        path: '/api/call/query',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${small.token}` },
        body: JSON.stringify({ text: 'x'.repeat(900), category: ['y'.repeat(900)] }),
      });
      expect(r.status).toBe(413);
      expect(JSON.parse(r.body)).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    } finally {
      await small.close();
    }
  });

  it('pushes external changes over server-sent events', async () => {
    expect((await openEvents(port, '/api/events')).status).toBe(401);
    const stream = await openEvents(port, `/api/events?token=${srv.token}`);
    try {
      expect(stream.status).toBe(200);
      await fx.write('beta.md', '---\ntitle: "Beta changed"\n---\n');
      await waitFor(() =>
        stream.events.find((e) => (e as { type: string; id: string }).id === 'beta.md'),
      );
      await fx.write('world/new.md', '---\ntitle: New\n---\n');
      const added = await waitFor(() =>
        stream.events.find((e) => (e as { type: string }).type === 'added'),
      );
      expect(added).toEqual({ type: 'added', id: 'world/new.md', origin: 'external' });
      const r = JSON.parse((await api('getArticle', { id: 'beta.md' })).body);
      expect(r.result.data.title).toBe('Beta changed');
    } finally {
      stream.close();
    }
  });
});

/**
 * The desktop renderer's custom protocol (issue 9 §3): `curator://app/…` answers files
 * of the built renderer folder only, each with the CSP and nosniff headers, and refuses
 * every way out of that folder. The handler runs here on real files; the Electron
 * registration goes through the fake electron module.
 */
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { fake } from './fake-electron';

vi.mock('electron', async () => (await import('./fake-electron')).electronModule);

import { protocol } from 'electron';
import {
  APP_SCHEME,
  APP_SCHEME_PRIVILEGES,
  APP_URL,
  createAppProtocolHandler,
  registerAppProtocol,
  registerAppScheme,
} from '../../src/main/app-protocol';
import { CSP_HEADER } from '../../src/shared/csp';

const INDEX =
  '<!doctype html><title>Curator</title><script type="module" src="./assets/app.js"></script>';
let base: string;
let root: string;
let handler: (request: Request) => Promise<Response>;

beforeAll(async () => {
  base = await mkdtemp(join(tmpdir(), 'curator-protocol-'));
  root = join(base, 'out', 'renderer');
  await mkdir(join(root, 'assets'), { recursive: true });
  await writeFile(join(root, 'index.html'), INDEX);
  await writeFile(join(root, 'assets', 'app.js'), 'console.log(1);\n');
  await writeFile(join(base, 'out', 'secret.txt'), 'TOP SECRET');
  await writeFile(join(base, 'secret.txt'), 'TOP SECRET');
  await mkdir(join(base, 'elsewhere'));
  await writeFile(join(base, 'elsewhere', 'x.js'), 'TOP SECRET');
  await symlink(join(base, 'elsewhere'), join(root, 'link'));
  handler = createAppProtocolHandler(root);
});
afterAll(() => rm(base, { recursive: true, force: true }));

const get = (url: string, method = 'GET') => handler(new Request(url, { method }));

function expectSecurityHeaders(r: Response, what: string): void {
  expect(r.headers.get('content-security-policy'), what).toBe(CSP_HEADER);
  expect(r.headers.get('x-content-type-options'), what).toBe('nosniff');
}

describe('curator://app protocol handler', () => {
  it('answers the renderer files with the CSP and nosniff headers', async () => {
    for (const url of [APP_URL, 'curator://app/', 'curator://app']) {
      const r = await get(url);
      expect(r.status, url).toBe(200);
      expect(await r.text(), url).toBe(INDEX);
      expect(r.headers.get('content-type'), url).toBe('text/html; charset=utf-8');
      expectSecurityHeaders(r, url);
    }
    const js = await get('curator://app/assets/app.js?v=1#x');
    expect(js.status).toBe(200);
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await js.text()).toBe('console.log(1);\n');
    const head = await get('curator://app/assets/app.js', 'HEAD');
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });

  it('refuses every path out of the renderer folder, plain or encoded, and other hosts', async () => {
    const attempts = [
      'curator://app/../../etc/passwd',
      'curator://app/../../../../../../../../etc/passwd',
      'curator://app/../secret.txt',
      'curator://app/..%2f..%2fsecret.txt',
      'curator://app/..%2F..%2F..%2F..%2F..%2F..%2F..%2Fetc%2Fpasswd',
      'curator://app/%2e%2e/%2e%2e/secret.txt',
      'curator://app/assets/..%2f..%2fsecret.txt',
      'curator://app/assets/%2e%2e%2f%2e%2e%2fsecret.txt',
      'curator://app/%252e%252e/secret.txt',
      'curator://app/..%5csecret.txt',
      'curator://app/..\\..\\secret.txt',
      'curator://app/link/x.js',
      'curator://app/index.html%00.js',
      'curator://app/%E0%A4%A',
      `curator://app/${encodeURIComponent(join(base, 'secret.txt'))}`,
      'curator://app/etc/passwd',
      'curator://app/assets',
      'curator://app/assets/',
      'curator://evil/index.html',
      'curator://app:8080/index.html',
    ];
    for (const url of attempts) {
      const r = await get(url);
      expect(r.status, url).toBe(404);
      const body = await r.text();
      expect(body, url).not.toContain('TOP SECRET');
      expect(body, url).not.toMatch(/root:/);
      expectSecurityHeaders(r, url);
    }
  });

  it('refuses methods other than GET and HEAD', async () => {
    for (const method of ['POST', 'PUT', 'DELETE']) {
      const r = await get(APP_URL, method);
      expect(r.status, method).toBe(405);
      expectSecurityHeaders(r, method);
    }
  });

  it('registers a standard, secure scheme without CSP bypass or CORS, and one handler', async () => {
    registerAppScheme(protocol);
    expect(fake.protocol.privileged).toEqual([APP_SCHEME_PRIVILEGES]);
    expect(APP_SCHEME_PRIVILEGES).toEqual({
      scheme: 'curator',
      privileges: { standard: true, secure: true, supportFetchAPI: true },
    });
    registerAppProtocol(protocol, root);
    const registered = fake.protocol.handlers.get(APP_SCHEME);
    expect(registered).toBeTypeOf('function');
    const r = await registered!(new Request(APP_URL));
    expect(await r.text()).toBe(INDEX);
  });
});

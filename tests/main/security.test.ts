import { describe, expect, it, vi } from 'vitest';
import {
  cancellableEvent,
  fake,
  FakeBrowserWindow,
  FakeSession,
  FakeWebContents,
} from './fake-electron';

vi.mock('electron', async () => (await import('./fake-electron')).electronModule);

import { shell } from 'electron';
import {
  hardenWebContents,
  isAppUrl,
  openExternalSafely,
  secureSession,
} from '../../src/main/security';
import { APP_URL } from '../../src/main/app-protocol';
import { createMainWindow, secureWebPreferences } from '../../src/main/window';
import { CSP_HEADER } from '../../src/shared/csp';

describe('openExternalSafely', () => {
  it('hands only parsed http(s) URLs to the shell', async () => {
    fake.openedExternally.length = 0;
    const refused = [
      'file:///etc/passwd',
      'javascript:alert(1)',
      'JavaScript:alert(1)',
      ' javascript:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      'vbscript:msgbox',
      'smb://host/share',
      'ms-msdt:/id',
      'http://',
      'not a url',
      '',
    ];
    for (const url of refused) expect(await openExternalSafely(shell, url), url).toBe(false);
    expect(await openExternalSafely(shell, 'https://example.com/path?q=1')).toBe(true);
    expect(await openExternalSafely(shell, 'HTTP://Example.com')).toBe(true);
    expect(fake.openedExternally).toEqual(['https://example.com/path?q=1', 'http://example.com/']);
  });
});

describe('hardenWebContents', () => {
  it('prevents navigation, redirects and webview attachment', () => {
    const wc = new FakeWebContents();
    hardenWebContents(wc as never, shell);
    for (const name of ['will-navigate', 'will-redirect', 'will-attach-webview']) {
      const ev = cancellableEvent();
      wc.emit(name, ev, 'https://evil.example/');
      expect(ev.defaultPrevented, name).toBe(true);
    }
  });

  it('denies every new window; http(s) links go to the browser, others nowhere', async () => {
    fake.openedExternally.length = 0;
    const wc = new FakeWebContents();
    hardenWebContents(wc as never, shell);
    expect(wc.windowOpenHandler?.({ url: 'https://example.com/' })).toEqual({ action: 'deny' });
    expect(wc.windowOpenHandler?.({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' });
    expect(wc.windowOpenHandler?.({ url: 'javascript:alert(1)' })).toEqual({ action: 'deny' });
    await new Promise((r) => setTimeout(r, 0));
    expect(fake.openedExternally).toEqual(['https://example.com/']);
  });
});

describe('secureSession', () => {
  it('sets the CSP header on every response, replacing any other', () => {
    const s = new FakeSession();
    secureSession(s as never);
    let out: Record<string, string[]> = {};
    s.headersListener?.(
      { responseHeaders: { 'content-security-policy': ['default-src *'], 'X-Other': ['1'] } },
      (r) => (out = r.responseHeaders),
    );
    expect(out['Content-Security-Policy']).toEqual([CSP_HEADER]);
    expect(out['content-security-policy']).toBeUndefined();
    expect(out['X-Other']).toEqual(['1']);
    expect(CSP_HEADER).toMatch(/script-src 'self'(;|$)/);
    expect(CSP_HEADER).toMatch(/img-src 'self' https:/);
    expect(CSP_HEADER).not.toMatch(/unsafe-eval/);
  });

  it('denies every permission request and check', () => {
    const s = new FakeSession();
    secureSession(s as never);
    for (const p of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal']) {
      let answer: boolean | undefined;
      s.permissionRequest?.({}, p, (ok) => (answer = ok));
      expect(answer, p).toBe(false);
      expect(s.permissionCheck?.({}, p, 'file://', {})).toBe(false);
    }
  });
});

describe('app URL check', () => {
  it('matches the curator://app origin, or the dev server origin, only', () => {
    expect(APP_URL).toBe('curator://app/index.html');
    for (const url of [
      'curator://app/index.html',
      'curator://app/index.html#/article',
      'curator://app/',
      'curator://app/assets/other.html?x=1',
    ]) {
      expect(isAppUrl(url, APP_URL), url).toBe(true);
    }
    for (const url of [
      'curator://evil/index.html',
      'curator://app.evil.example/index.html',
      'curator://app:8080/index.html',
      'file:///opt/curator/out/renderer/index.html',
      'https://app/index.html',
      'http://localhost:5173/',
      'about:blank',
      'garbage',
    ]) {
      expect(isAppUrl(url, APP_URL), url).toBe(false);
    }
    const dev = 'http://localhost:5173/';
    expect(isAppUrl('http://localhost:5173/index.html#x', dev)).toBe(true);
    expect(isAppUrl('http://localhost:5174/', dev)).toBe(false);
    expect(isAppUrl('curator://app/index.html', dev)).toBe(false);
    // A file: page is never the app, whatever the app URL says.
    const fileApp = 'file:///opt/curator/out/renderer/index.html';
    expect(isAppUrl(fileApp, fileApp)).toBe(false);
  });
});

describe('main window', () => {
  it('is sandboxed, context-isolated and without Node', () => {
    const prefs = secureWebPreferences('/x/preload/index.js');
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
    });
    const win = createMainWindow({
      preload: '/x/preload/index.js',
      appUrl: APP_URL,
    }) as unknown as FakeBrowserWindow;
    expect(win.options.webPreferences).toEqual(prefs);
    expect(win.loadedUrl).toBe('curator://app/index.html');
  });
});

/**
 * Hardening of the desktop shell (Electron security checklist): a strict CSP on every
 * response, no permissions, no navigation, no new windows, external links only for
 * http(s) URLs, and a test of who is calling before any IPC reaches the core.
 */
import type { Session, WebContents } from 'electron';
import { CSP_HEADER } from '../shared/csp';
import { APP_HOST, APP_SCHEME } from './app-protocol';
import { isWebUrl } from '../shared/web-url';

/** The part of Electron's `shell` we use (injected for tests). */
export interface ExternalOpener {
  openExternal(url: string): Promise<void>;
}

/**
 * Opens `url` in the user's browser only when it parses as an http(s) URL; refuses
 * `file:`, `javascript:`, custom protocols and garbage.
 * @returns whether the URL was handed to the OS.
 */
export async function openExternalSafely(shell: ExternalOpener, url: string): Promise<boolean> {
  if (!isWebUrl(url)) return false;
  await shell.openExternal(new URL(url).href);
  return true;
}

/** Adds the CSP header to every response and denies every permission request and check. */
export function secureSession(session: Session, csp: string = CSP_HEADER): void {
  session.webRequest.onHeadersReceived((details, callback) => {
    const headers = { ...(details.responseHeaders ?? {}) };
    // Drop any CSP the response brought (header names are case-insensitive) so ours is the one.
    for (const key of Object.keys(headers)) {
      if (key.toLowerCase() === 'content-security-policy') delete headers[key];
    }
    headers['Content-Security-Policy'] = [csp];
    callback({ responseHeaders: headers });
  });
  session.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}

/**
 * Locks down one WebContents: new windows are denied (http(s) links go to the user's
 * browser instead), navigation away from the app and `<webview>` attachment are prevented.
 */
export function hardenWebContents(contents: WebContents, shell: ExternalOpener): void {
  contents.setWindowOpenHandler(({ url }) => {
    void openExternalSafely(shell, url).catch(() => undefined);
    return { action: 'deny' };
  });
  contents.on('will-navigate', (event) => {
    event.preventDefault();
  });
  contents.on('will-redirect', (event) => {
    event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
  });
}

/**
 * `true` when `url` is the app's own page: on the app's origin, `curator://app` in a
 * build (src/main/app-protocol.ts) or the dev server's http origin. Every path of that
 * origin is the app's (the protocol serves only the built renderer). `file:` and other
 * opaque origins are never the app.
 */
export function isAppUrl(url: string, appUrl: string): boolean {
  let u: URL;
  let app: URL;
  try {
    u = new URL(url);
    app = new URL(appUrl);
  } catch {
    return false;
  }
  if (app.protocol === `${APP_SCHEME}:`) {
    // Node's URL gives a non-special scheme an opaque origin: compare scheme and host.
    return u.protocol === app.protocol && u.host === APP_HOST && app.host === APP_HOST;
  }
  if (app.protocol !== 'http:' && app.protocol !== 'https:') return false;
  return u.origin === app.origin;
}

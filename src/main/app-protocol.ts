/**
 * The desktop renderer's own origin: `curator://app/…`, answered by `protocol.handle`
 * from the built renderer folder (out/renderer) and nothing else, never `file://`
 * (Electron security checklist: a custom protocol gives the page a real origin, so
 * `'self'` in the CSP means the app and not every file on the disk). Every response
 * carries the CSP and `nosniff` as headers.
 */
import { readFile, realpath } from 'node:fs/promises';
import type { CustomScheme, Protocol } from 'electron';
import { CSP_HEADER } from '../shared/csp';
// The same resolver as browser mode's static files: one implementation of "inside the
// renderer folder" (no `..`, encoded or not, no NUL or backslash, no symlink out).
import { contentTypeOf, resolveStatic } from '../server/static';

/** The scheme of the app's pages. */
export const APP_SCHEME = 'curator';
/** The one host the handler answers. */
export const APP_HOST = 'app';
/** The app's origin (a standard scheme, so Chromium gives it a tuple origin). */
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
/** The page the main window loads. */
export const APP_URL = `${APP_ORIGIN}/index.html`;

/**
 * How the scheme is registered, before `app` is ready: standard (relative URLs, a real
 * origin, storage), secure (a secure context, like https). Deliberately not
 * `bypassCSP` and not `corsEnabled`: other origins cannot read the app's files.
 */
export const APP_SCHEME_PRIVILEGES: CustomScheme = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true },
};

/** Headers of every response of the protocol, refusals included. */
export const APP_RESPONSE_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CSP_HEADER,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

function refusal(status: number, text: string): Response {
  return new Response(`${text}\n`, {
    status,
    headers: { ...APP_RESPONSE_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' },
  });
}

/**
 * The protocol handler: `GET`/`HEAD curator://app/<path>` answers the file at `<path>`
 * inside `root` (`/` is `index.html`); anything else is refused.
 * @param root the built renderer folder; its realpath is taken once, on first use.
 * @returns 200 with the file's bytes and content type; 404 for another host, a path
 *   outside `root` (plain, percent-encoded or through a symlink) or no such file; 405
 *   for other methods. Every answer carries {@link APP_RESPONSE_HEADERS}.
 */
export function createAppProtocolHandler(root: string): (request: Request) => Promise<Response> {
  let realRoot: Promise<string> | null = null;
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return refusal(405, 'Method not allowed');
    }
    let url: URL;
    try {
      url = new URL(request.url);
    } catch {
      return refusal(400, 'Bad request');
    }
    if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) {
      return refusal(404, 'Not found');
    }
    realRoot ??= realpath(root);
    const base = await realRoot.catch(() => null);
    // `url.pathname` is still percent-encoded: resolveStatic decodes it once and refuses
    // any `..` segment, so `..%2f` cannot climb out after the URL parser has run.
    const file = base === null ? null : await resolveStatic(base, url.pathname);
    if (!file) return refusal(404, 'Not found');
    let body: Buffer | null = null;
    try {
      if (request.method !== 'HEAD') body = await readFile(file);
    } catch {
      return refusal(404, 'Not found'); // removed since it was resolved
    }
    return new Response(body, {
      status: 200,
      headers: {
        ...APP_RESPONSE_HEADERS,
        'Content-Type': contentTypeOf(file),
        'Cache-Control': 'no-cache',
      },
    });
  };
}

/** Registers the scheme's privileges; must run before `app` is ready. */
export function registerAppScheme(protocol: Pick<Protocol, 'registerSchemesAsPrivileged'>): void {
  protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);
}

/** Serves `root` on {@link APP_ORIGIN}; call once `app` is ready. */
export function registerAppProtocol(protocol: Pick<Protocol, 'handle'>, root: string): void {
  protocol.handle(APP_SCHEME, createAppProtocolHandler(root));
}

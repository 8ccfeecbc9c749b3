/**
 * Browser mode: the renderer and the contract over HTTP on 127.0.0.1.
 *
 *   GET  /…                 static files of the built renderer (out/renderer)
 *   POST /api/call/<method> one contract call; JSON body = the argument object;
 *                           answer = CallResponse JSON; needs `Authorization: Bearer <token>`
 *   GET  /api/events        server-sent events (LibraryEvent JSON); token as `?token=`
 *                           (EventSource cannot send headers) or the Bearer header
 *
 * Every request must address us by our loopback host (DNS rebinding) and, if it has
 * an Origin, come from our own origin (CSRF). No CORS headers are ever sent. The page
 * itself (`/?token=…` on first load) needs no token: it is public build output, and the
 * token in its address is read by the page's script, never by the server. Slow clients
 * and floods are bounded by {@link ServerLimits} (src/server/limits.ts).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { realpath } from 'node:fs/promises';
import { CSP_HEADER } from '../shared/csp';
import type { CallResponse, ErrorCode } from '../shared/contract';
import { dispatch } from '../core/dispatch';
import type { CuratorService } from '../core/service';
import { createToken, EVENTS_PATH, presentedToken, sameSiteRequest, tokenMatches } from './auth';
import { resolveLimits, type ServerLimits } from './limits';
export { DEFAULT_SERVER_LIMITS, type ServerLimits } from './limits';
import { SseHub } from './sse';
import { resolveStatic, sendFile } from './static';

/** Options of {@link startServer}. */
export interface ServerOptions {
  service: CuratorService;
  /** Folder of the built renderer (must contain index.html). */
  staticRoot: string;
  /** TCP port; 0 (default) picks a free one. */
  port?: number;
  /** Fixed token (tests); default a fresh random one. */
  token?: string;
  /** Timeouts and caps; each defaults to {@link DEFAULT_SERVER_LIMITS} (tests inject short ones). */
  limits?: Partial<ServerLimits>;
}

/** A listening browser-mode server. */
export interface RunningServer {
  /** The address to open, token included: `http://127.0.0.1:PORT/?token=…`. */
  url: string;
  origin: string;
  port: number;
  token: string;
  server: Server;
  close(): Promise<void>;
}

/** Headers on every response. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CSP_HEADER,
  'X-Content-Type-Options': 'nosniff',
  // The page URL carries the token until the client strips it: never leak it in a Referer.
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

const STATUS: Record<ErrorCode, number> = {
  'unknown-method': 404,
  'bad-request': 400,
  forbidden: 403,
  'no-folder': 409,
  'not-found': 404,
  conflict: 409,
  malformed: 422,
  invalid: 422,
  'read-only': 422,
  'too-large': 422,
  'not-a-file': 422,
  'bad-path': 422,
  'bad-value': 422,
  'protected-field': 422,
  alias: 422,
  tag: 422,
  io: 500,
  internal: 500,
};

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
  }
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    ...SECURITY_HEADERS,
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': String(Buffer.byteLength(text)),
    'Cache-Control': 'no-store',
  });
  res.end(text);
}

function sendError(res: ServerResponse, status: number, code: ErrorCode, message: string): void {
  const body: CallResponse = { ok: false, error: { code, message } };
  sendJson(res, status, body);
}

async function readBody(req: IncomingMessage, limit: number): Promise<string> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) {
    throw new HttpError(413, 'bad-request', 'Request body too large.');
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buf = chunk as Buffer;
    size += buf.length;
    if (size > limit) throw new HttpError(413, 'bad-request', 'Request body too large.');
    chunks.push(buf);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** 503 for a full server: the client may try again shortly. */
function sendBusy(res: ServerResponse, message: string): void {
  res.setHeader('Retry-After', '1');
  sendError(res, 503, 'io', message);
}

/**
 * Starts the server on 127.0.0.1 and wires service events to SSE.
 * @throws RangeError for invalid `limits`; the listen error when the port is taken.
 */
export async function startServer(opts: ServerOptions): Promise<RunningServer> {
  const token = opts.token ?? createToken();
  const staticRoot = await realpath(opts.staticRoot);
  const limits = resolveLimits(opts.limits);
  const hub = new SseHub();
  const unsubscribe = opts.service.onEvent((event) => hub.broadcast(event));
  let port = 0;
  let inFlight = 0;

  async function handleApi(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    if (!tokenMatches(presentedToken(req, url), token)) {
      sendError(res, 401, 'forbidden', 'Missing or wrong token.');
      return;
    }
    if (url.pathname === EVENTS_PATH) {
      if (req.method !== 'GET') return sendError(res, 405, 'bad-request', 'Use GET.');
      if (hub.size >= limits.maxEventStreams) {
        return sendBusy(res, 'Too many open event streams: close other Curator tabs.');
      }
      hub.add(res, { ...SECURITY_HEADERS });
      return;
    }
    const m = /^\/api\/call\/([A-Za-z]{1,64})$/.exec(url.pathname);
    if (!m) return sendError(res, 404, 'unknown-method', 'No such endpoint.');
    if (req.method !== 'POST') return sendError(res, 405, 'bad-request', 'Use POST.');
    const type = String(req.headers['content-type'] ?? '');
    if (!/^application\/json\s*(;|$)/i.test(type)) {
      return sendError(res, 415, 'bad-request', 'Content-Type must be application/json.');
    }
    if (inFlight >= limits.maxConcurrentRequests) {
      return sendBusy(res, 'Curator is busy: too many calls at once.');
    }
    inFlight++;
    try {
      await answerCall(req, res, m[1]);
    } finally {
      inFlight--;
    }
  }

  async function answerCall(
    req: IncomingMessage,
    res: ServerResponse,
    method: string,
  ): Promise<void> {
    const text = await readBody(req, limits.maxBodyBytes);
    let args: unknown;
    try {
      args = text.trim() === '' ? {} : JSON.parse(text);
    } catch {
      return sendError(res, 400, 'bad-request', 'Body is not valid JSON.');
    }
    const out = await dispatch(opts.service, method, args);
    sendJson(res, out.ok ? 200 : STATUS[out.error.code], out);
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!sameSiteRequest(req, port)) {
      res.writeHead(403, { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('Forbidden: Curator only answers its own page on 127.0.0.1.\n');
      return;
    }
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
    if (url.pathname === '/api' || url.pathname.startsWith('/api/')) {
      await handleApi(req, res, url);
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { ...SECURITY_HEADERS, Allow: 'GET, HEAD' });
      res.end();
      return;
    }
    const file = await resolveStatic(staticRoot, url.pathname);
    if (!file) {
      res.writeHead(404, { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('Not found\n');
      return;
    }
    await sendFile(res, file, { ...SECURITY_HEADERS }, req.method === 'HEAD');
  }

  const server = createServer(
    {
      headersTimeout: limits.headersTimeoutMs,
      // Counts until the request is fully received: a long-lived SSE response is not cut.
      requestTimeout: limits.requestTimeoutMs,
      keepAliveTimeout: limits.keepAliveTimeoutMs,
      connectionsCheckingInterval: limits.timeoutCheckMs,
    },
    (req, res) => {
      handle(req, res).catch((err: unknown) => {
        if (res.headersSent) {
          res.destroy();
          return;
        }
        if (err instanceof HttpError) return sendError(res, err.status, err.code, err.message);
        sendError(res, 500, 'internal', 'Internal error.');
      });
    },
  );
  server.maxConnections = limits.maxConnections;

  await new Promise<void>((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen({ port: opts.port ?? 0, host: '127.0.0.1', exclusive: true }, () => {
      server.off('error', reject);
      resolvePromise();
    });
  });
  port = (server.address() as AddressInfo).port;
  const origin = `http://127.0.0.1:${port}`;

  return {
    url: `${origin}/?token=${token}`,
    origin,
    port,
    token,
    server,
    async close() {
      unsubscribe();
      hub.close();
      await new Promise<void>((resolvePromise) => {
        server.close(() => resolvePromise());
        server.closeAllConnections();
      });
    },
  };
}

/** Raw HTTP helpers for the browser-mode tests (fetch would normalize paths and headers). */
import { request, type IncomingHttpHeaders } from 'node:http';
import { connect, type Socket } from 'node:net';

/** A finished response. */
export interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/** Sends one request with exactly the given path and headers. */
export function raw(
  port: number,
  opts: { method?: string; path: string; headers?: Record<string, string>; body?: string },
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        method: opts.method ?? 'GET',
        path: opts.path,
        headers: { Host: `127.0.0.1:${port}`, ...opts.headers },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
      },
    );
    req.on('error', reject);
    if (opts.body !== undefined) req.write(opts.body);
    req.end();
  });
}

/** Opens an SSE stream and collects its `data:` events (parsed JSON). */
export function openEvents(
  port: number,
  path: string,
): Promise<{ status: number; events: unknown[]; close(): void }> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, path, headers: { Host: `127.0.0.1:${port}` } },
      (res) => {
        const events: unknown[] = [];
        let buf = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          buf += chunk;
          let i;
          while ((i = buf.indexOf('\n\n')) !== -1) {
            const block = buf.slice(0, i);
            buf = buf.slice(i + 2);
            for (const line of block.split('\n')) {
              if (line.startsWith('data: ')) events.push(JSON.parse(line.slice(6)));
            }
          }
        });
        res.on('error', () => undefined);
        resolve({ status: res.statusCode ?? 0, events, close: () => req.destroy() });
      },
    );
    req.on('error', (e) => (String(e).includes('socket hang up') ? undefined : reject(e)));
    req.end();
  });
}

/** A raw TCP client (node:net) for the tests of timeouts and connection caps. */
export interface RawSocket {
  socket: Socket;
  /** Everything the server sent so far. */
  received(): string;
  /** Resolves when the server (or we) closed the connection: what came, and when. */
  closed: Promise<{ data: string; afterMs: number }>;
  /** Writes `text` as is. */
  send(text: string): void;
}

/** Connects to 127.0.0.1:`port`; resolves once connected. */
export function rawSocket(port: number): Promise<RawSocket> {
  return new Promise((resolveConnect, reject) => {
    const started = Date.now();
    const socket = connect({ host: '127.0.0.1', port });
    let data = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => (data += chunk));
    const closed = new Promise<{ data: string; afterMs: number }>((resolveClose) => {
      socket.on('close', () => resolveClose({ data, afterMs: Date.now() - started }));
    });
    // A reset by the server is a close like any other here.
    socket.on('error', () => undefined);
    socket.once('connect', () =>
      resolveConnect({
        socket,
        received: () => data,
        closed,
        send: (text) => {
          if (!socket.destroyed) socket.write(text);
        },
      }),
    );
    socket.once('error', reject);
  });
}

/** The head of a request addressed to us (the Host check passes), without the final CRLF. */
export function requestHead(port: number, method: string, path: string, headers = ''): string {
  return `${method} ${path} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n${headers}`;
}

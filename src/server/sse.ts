/**
 * Server-sent events: the browser-mode channel for library events (file added,
 * changed, removed, folder opened, scan progress).
 */
import type { ServerResponse } from 'node:http';

/** Heartbeat period; keeps proxies and the browser from idling the stream out. */
const HEARTBEAT_MS = 15_000;

/** Open event streams and broadcasting to them. */
export class SseHub {
  private readonly clients = new Set<ServerResponse>();
  private readonly timer: NodeJS.Timeout;

  constructor(heartbeatMs = HEARTBEAT_MS) {
    this.timer = setInterval(() => this.write(': ping\n\n'), heartbeatMs);
    this.timer.unref();
  }

  /** Number of connected streams. */
  get size(): number {
    return this.clients.size;
  }

  /** Turns `res` into an event stream and keeps it until the client goes away. */
  add(res: ServerResponse, headers: Record<string, string>): void {
    res.writeHead(200, {
      ...headers,
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no',
    });
    // Tell EventSource how soon to reconnect if the stream drops.
    res.write('retry: 1000\n\n');
    this.clients.add(res);
    res.on('close', () => this.clients.delete(res));
  }

  /** Sends one JSON event to every stream. */
  broadcast(data: unknown): void {
    // JSON.stringify never emits a raw newline, so one `data:` line is always enough.
    this.write(`data: ${JSON.stringify(data)}\n\n`);
  }

  /** Ends every stream and stops the heartbeat. */
  close(): void {
    clearInterval(this.timer);
    for (const res of this.clients) res.end();
    this.clients.clear();
  }

  private write(chunk: string): void {
    for (const res of this.clients) {
      if (!res.writableEnded) res.write(chunk);
    }
  }
}

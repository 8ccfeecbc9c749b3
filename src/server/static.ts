/**
 * Static files of browser mode: the built renderer (out/renderer) and nothing else.
 * No directory listings, no path traversal (encoded or not), no symlinks out.
 */
import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { extname, join } from 'node:path';
import { isInside } from '../core/library/paths';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
};

/** Content type of a file name; unknown types are served as opaque bytes. */
export function contentTypeOf(file: string): string {
  return TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/**
 * Maps a URL pathname to a file under `root` (an absolute realpath), or null when the
 * path is malformed, escapes the root, or names no regular file.
 */
export async function resolveStatic(root: string, pathname: string): Promise<string | null> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  if (decoded === '/' || decoded === '') decoded = '/index.html';
  const segments = decoded.split('/').filter((s) => s !== '');
  if (segments.some((s) => s === '..' || s === '.')) return null;
  const candidate = join(root, ...segments);
  if (!isInside(root, candidate)) return null;
  try {
    const real = await realpath(candidate);
    if (!isInside(root, real)) return null;
    const st = await stat(real);
    return st.isFile() ? real : null;
  } catch {
    return null;
  }
}

/** Streams a resolved file with its content type (body omitted for HEAD). */
export async function sendFile(
  res: ServerResponse,
  file: string,
  headers: Record<string, string>,
  headOnly: boolean,
): Promise<void> {
  const st = await stat(file);
  const isHtml = extname(file).toLowerCase() === '.html';
  res.writeHead(200, {
    ...headers,
    'Content-Type': contentTypeOf(file),
    'Content-Length': String(st.size),
    // Hashed asset names can be cached; the page itself must always be fresh.
    'Cache-Control': isHtml ? 'no-store' : 'no-cache',
  });
  if (headOnly) {
    res.end();
    return;
  }
  await new Promise<void>((resolvePromise, reject) => {
    const stream = createReadStream(file);
    stream.on('error', reject);
    stream.on('end', () => resolvePromise());
    stream.pipe(res);
  });
}

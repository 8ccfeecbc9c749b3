/**
 * Finds the article files of a content folder and builds their index rows.
 *
 * Reads are synchronous, in chunks with a yield to the event loop between them: for the
 * small files of a content folder a sync read costs a fraction of a thread-pool round trip
 * (fs.promises.readFile was ~10x slower per file here), and the chunks keep the process
 * responsive while a large folder is indexed. Each file is opened once: `fstat` of the open
 * file gives the identity the index cache records, taken *before* the bytes are read (see
 * index-cache.ts, rule 2).
 */
import { promises as fsp, type Dirent } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { ArticleSummary } from '../../shared/article';
import { isTempFileName } from '../fs/temp-files';
import type { CachedEntry } from '../index/index-cache';
import { withFileBytes } from '../index/raw-file';
import { indexFile } from './index-file';
import { isInside } from './paths';

/** `true` for a file name the library treats as an article (`*.md`, not hidden). */
export function isArticleName(name: string): boolean {
  return !name.startsWith('.') && name.toLowerCase().endsWith('.md') && !isTempFileName(name);
}

/**
 * `true` for a folder the library never descends into: hidden folders (`.git`, …) and
 * `node_modules`, which hold tooling, not articles.
 */
export function isSkippedDirName(name: string): boolean {
  return name.startsWith('.') || name === 'node_modules';
}

/**
 * Lists every article file under `dir` (absolute, inside `root`) as ids relative to `root`,
 * sorted. Symbolic links to files are followed only when their target is inside `root`;
 * symbolic links to folders are never followed: they either leave the folder or show
 * articles that are already listed under their real path (and could form cycles).
 */
export async function listArticleIds(root: string, dir: string = root): Promise<string[]> {
  const out: string[] = [];
  // Ids are built from the relative folder prefix and the entry name, not with
  // path.relative per file (which dominated listing 50,000 files).
  const rel = dir === root ? '' : relative(root, dir).split(sep).join('/');
  const stack: Array<[abs: string, prefix: string]> = [[dir, rel === '' ? '' : `${rel}/`]];
  while (stack.length) {
    const [cur, prefix] = stack.pop() as [string, string];
    let entries: Dirent[];
    try {
      entries = await fsp.readdir(cur, { withFileTypes: true });
    } catch {
      continue; // vanished or unreadable: nothing to list
    }
    for (const e of entries) {
      const name = e.name;
      if (e.isDirectory()) {
        if (!isSkippedDirName(name)) stack.push([join(cur, name), `${prefix}${name}/`]);
      } else if (e.isFile()) {
        if (isArticleName(name)) out.push(prefix + name);
      } else if (e.isSymbolicLink() && isArticleName(name)) {
        if (await isFileInside(root, join(cur, name))) out.push(prefix + name);
      }
    }
  }
  return out.sort();
}

async function isFileInside(root: string, abs: string): Promise<boolean> {
  try {
    const real = await fsp.realpath(abs);
    if (!isInside(root, real)) return false;
    return (await fsp.stat(real)).isFile();
  } catch {
    return false; // dangling link (e.g. an editor lock file)
  }
}

/**
 * Reads one file and builds its row with the identity of the file version it was built
 * from, or `null` when it vanished, is not a regular file, or cannot be read.
 */
export function readIndexedFile(root: string, id: string): CachedEntry | null {
  return withFileBytes(root, id, (v, bytes) => {
    const summary = indexFile(id, bytes, v);
    return {
      size: v.size,
      mtimeMs: v.mtimeMs,
      ctimeMs: v.ctimeMs,
      ino: v.ino,
      checkedMs: v.checkedMs,
      hash: summary.hash,
      summary,
    };
  });
}

/** Reads one file and builds its row, or `null` when it vanished or cannot be read. */
export async function readRow(root: string, id: string): Promise<ArticleSummary | null> {
  return readIndexedFile(root, id)?.summary ?? null;
}

/** Roughly how long (ms) a chunk of sync reads may hold the event loop. */
const CHUNK_MS = 12;

/**
 * Indexes the given ids in chunks, yielding to the event loop between chunks; reports
 * progress at most ~100 times plus once at the end. Ids whose file vanished or cannot be
 * read are left out. The map is in the order of `ids`.
 */
export async function indexIds(
  root: string,
  ids: readonly string[],
  onProgress?: (done: number, total: number) => void,
): Promise<Map<string, CachedEntry>> {
  const rows = new Map<string, CachedEntry>();
  const total = ids.length;
  const step = Math.max(1, Math.floor(total / 100));
  let nextReport = step;
  let i = 0;
  while (i < total) {
    const until = performance.now() + CHUNK_MS;
    do {
      const id = ids[i++];
      const entry = readIndexedFile(root, id);
      if (entry) rows.set(id, entry);
      // Check the clock every 16 files: reading it costs about as much as a small file.
    } while (i < total && ((i & 15) !== 0 || performance.now() < until));
    if (onProgress && i >= nextReport && i < total) {
      onProgress(i, total);
      nextReport = i + step;
    }
    if (i < total) await yieldToEventLoop();
  }
  onProgress?.(total, total);
  return rows;
}

/** Lets queued I/O callbacks and timers run. */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** Lists and indexes a whole folder (no index cache). */
export async function scanFolder(
  root: string,
  onProgress?: (done: number, total: number) => void,
): Promise<Map<string, ArticleSummary>> {
  const ids = await listArticleIds(root);
  onProgress?.(0, ids.length);
  const entries = await indexIds(root, ids, onProgress);
  const rows = new Map<string, ArticleSummary>();
  for (const [id, e] of entries) rows.set(id, e.summary);
  return rows;
}

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
import { hash } from 'node:crypto';
import { promises as fsp, type Dirent } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { ArticleSummary } from '../../shared/article';
import { isTempFileName } from '../fs/temp-files';
import { confirmedEntry, type CachedEntry } from './index-cache';
import { absOf, withArticleFile } from './raw-file';
import { indexRead } from './index-file';
import { NAME_ESCAPE, nameOfBytes } from '../fs/file-name';
import { isInside } from '../fs/inside';
import { WARM_UP_MIN_FILES, warmUpFastPath } from './warm-up';

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
 *
 * Every `*.md` entry is listed, so none vanishes without a word: FIFOs, sockets and devices
 * too (they are never read, and are listed with a problem), and names that are not valid
 * UTF-8 or hold a backslash, under escaped ids (core/fs/file-name.ts; a folder is read as
 * bytes only when one of its names needs it).
 *
 * `beforeFolder(rel)`, when given, is awaited before each folder is read (`rel`: the
 * folder's path relative to `root` as the folder watcher names it, `/`-separated, `''` for
 * the root): the library sets up the folder's watch there, so one pass both watches the
 * tree and lists it, and a change made after a folder's listing is still reported.
 */
export async function listArticleIds(
  root: string,
  dir: string = root,
  beforeFolder?: (rel: string) => Promise<void>,
): Promise<string[]> {
  const out: string[] = [];
  // Ids are built from the relative folder prefix and the entry name, not with
  // path.relative per file (which dominated listing 50,000 files).
  const rel = dir === root ? '' : relative(root, dir).split(sep).join('/');
  const stack: Array<[abs: string | Buffer, prefix: string, watchRel: string]> = [
    [dir, rel === '' ? '' : `${rel}/`, rel],
  ];
  const listOne = async (cur: string | Buffer, prefix: string, watchRel: string): Promise<void> => {
    if (beforeFolder) await beforeFolder(watchRel);
    const folder = await readFolder(cur);
    if (folder === null) return; // vanished or unreadable: nothing to list
    for (let i = 0; i < folder.size; i++) {
      const e = folder.entry(i);
      const name = folder.name(i);
      if (e.isDirectory()) {
        if (!isSkippedDirName(name)) {
          // The watcher names folders as a text readdir does (invalid UTF-8 as U+FFFD).
          const text = beforeFolder ? folder.text(i) : '';
          const sub = beforeFolder ? (watchRel ? `${watchRel}/${text}` : text) : '';
          stack.push([folder.abs(i), `${prefix}${name}/`, sub]);
        }
      } else if (!isArticleName(name)) {
        continue;
      } else if (e.isSymbolicLink()) {
        if (await isTargetInside(root, folder.abs(i))) out.push(prefix + name);
      } else {
        out.push(prefix + name); // a file, or a FIFO, socket or device (never read)
      }
    }
  };
  // Several folders at a time (the order is restored by the sort): one after the other, a
  // folder of 200 sub-folders waited ~0.2 s for readdir round trips.
  let busy = 0;
  let waiting: Array<() => void> = [];
  const lane = async (): Promise<void> => {
    for (;;) {
      const next = stack.pop();
      if (next === undefined) {
        if (busy === 0) return;
        await new Promise<void>((r) => waiting.push(r)); // another lane may find more
        continue;
      }
      busy++;
      try {
        await listOne(next[0], next[1], next[2]);
      } finally {
        busy--;
        const wake = waiting;
        waiting = [];
        for (const w of wake) w();
      }
    }
  };
  await Promise.all(Array.from({ length: LIST_LANES }, lane));
  return out.sort();
}

/** Folders {@link listArticleIds} reads at a time. */
const LIST_LANES = 4;

/**
 * The entries of one folder, by index: nothing is built per entry but what the listing asks
 * for (a listing of 10,000 files made an object and two closures per entry).
 */
interface FolderEntries {
  readonly size: number;
  entry(i: number): { isDirectory(): boolean; isSymbolicLink(): boolean };
  /** The entry's id segment (escaped when its name needs it). */
  name(i: number): string;
  /** Its absolute path (bytes when its name is not valid UTF-8 text). */
  abs(i: number): string | Buffer;
  /** The name as a text readdir gives it. */
  text(i: number): string;
}

/** A folder read as text: every name is its own id segment. */
class TextFolder implements FolderEntries {
  constructor(
    private readonly dir: string,
    private readonly dirents: Dirent[],
  ) {}
  get size(): number {
    return this.dirents.length;
  }
  entry(i: number): Dirent {
    return this.dirents[i];
  }
  name(i: number): string {
    return this.dirents[i].name;
  }
  abs(i: number): string {
    return join(this.dir, this.dirents[i].name);
  }
  text(i: number): string {
    return this.dirents[i].name;
  }
}

/** A folder read as bytes, because a name is not valid UTF-8 or needs escaping. */
class BytesFolder implements FolderEntries {
  readonly #names: string[];
  constructor(
    private readonly dir: Buffer,
    private readonly dirents: Array<Dirent & { name: Buffer }>,
  ) {
    this.#names = dirents.map((d) => nameOfBytes(d.name));
  }
  get size(): number {
    return this.dirents.length;
  }
  entry(i: number): Dirent {
    return this.dirents[i];
  }
  name(i: number): string {
    return this.#names[i];
  }
  abs(i: number): Buffer {
    return Buffer.concat([this.dir, SLASH, this.dirents[i].name]);
  }
  text(i: number): string {
    return this.dirents[i].name.toString('utf8');
  }
}

/**
 * The entries of folder `dir`: read as text, or as bytes when a name needs it (invalid
 * UTF-8 shows as `�` when read as text; a backslash or a `�` needs an escaped
 * id), or `null` when it cannot be read.
 */
async function readFolder(dir: string | Buffer): Promise<FolderEntries | null> {
  try {
    if (typeof dir === 'string') {
      const dirents = await fsp.readdir(dir, { withFileTypes: true });
      if (!dirents.some((d) => d.name.includes(NAME_ESCAPE) || d.name.includes('\\'))) {
        return new TextFolder(dir, dirents);
      }
    }
    const bytesDir = typeof dir === 'string' ? Buffer.from(dir) : dir;
    const dirents = (await fsp.readdir(bytesDir, {
      withFileTypes: true,
      encoding: 'buffer',
    })) as unknown as Array<Dirent & { name: Buffer }>;
    return new BytesFolder(bytesDir, dirents);
  } catch {
    return null;
  }
}

const SLASH = Buffer.from(sep);

/** `true` when the link at `abs` leads to something inside `root` that is not a folder. */
async function isTargetInside(root: string, abs: string | Buffer): Promise<boolean> {
  try {
    const real = await fsp.realpath(abs);
    if (!isInside(root, real)) return false;
    return !(await fsp.stat(real)).isDirectory();
  } catch {
    return false; // dangling link (e.g. an editor lock file)
  }
}

/**
 * Reads one file and builds its row with the identity of the file version it was built
 * from, or `null` when it vanished, is not a regular file, or cannot be read. With `hint` (a
 * cached row of the file), bytes with the hint's content hash reuse its row without a parse.
 * `detach` false: for a row dropped right after use (see indexFile in index-file.ts).
 */
export function readIndexedFile(
  root: string,
  id: string,
  hint?: CachedEntry,
  detach = true,
): CachedEntry | null {
  return withArticleFile(absOf(root, id), (read) => {
    const v = read.version;
    if (hint && read.kind === 'bytes' && hash('sha1', read.bytes, 'hex') === hint.hash) {
      return confirmedEntry(hint, v);
    }
    const summary = indexRead(id, read, detach);
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
 * Where indexed entries go: in the order of the ids, each handed over once, so a caller
 * that only passes rows on (curator list) never has to keep them.
 */
export interface IndexSink {
  /** Entry of `ids[index]`, or `null` when its file vanished or cannot be read. */
  entry(index: number, entry: CachedEntry | null): void;
  /** Awaited at each yield to the event loop (e.g. to wait for a slow reader of the output). */
  pause?(): Promise<void>;
  /**
   * `true` when every entry is dropped soon after `entry` returns (curator list): the rows'
   * strings are then left as slices of the file text, not copied out (see indexFile).
   */
  transient?: boolean;
}

/**
 * Indexes the given ids in chunks, yielding to the event loop between chunks; reports
 * progress at most ~100 times plus once at the end. `hints` are cached rows of some of the
 * files, reused when the bytes have their content hash ({@link readIndexedFile}).
 */
export async function indexIdsTo(
  root: string,
  ids: readonly string[],
  sink: IndexSink,
  onProgress?: (done: number, total: number) => void,
  hints?: ReadonlyMap<string, CachedEntry>,
): Promise<void> {
  const total = ids.length;
  if (total >= WARM_UP_MIN_FILES) warmUpFastPath();
  const step = Math.max(1, Math.floor(total / 100));
  let nextReport = step;
  const detach = sink.transient !== true;
  let i = 0;
  while (i < total) {
    const until = performance.now() + CHUNK_MS;
    do {
      const id = ids[i];
      sink.entry(i, readIndexedFile(root, id, hints?.get(id), detach));
      i++;
      // Check the clock every 16 files: reading it costs about as much as a small file.
    } while (i < total && ((i & 15) !== 0 || performance.now() < until));
    if (onProgress && i >= nextReport && i < total) {
      onProgress(i, total);
      nextReport = i + step;
    }
    if (i < total) {
      await yieldToEventLoop();
      await sink.pause?.();
    }
  }
  onProgress?.(total, total);
}

/** A sink that keeps the entries in a map, in id order, leaving out unreadable files. */
export function mapSink(ids: readonly string[]): IndexSink & { rows: Map<string, CachedEntry> } {
  const rows = new Map<string, CachedEntry>();
  return {
    rows,
    entry(index, entry) {
      if (entry) rows.set(ids[index], entry);
    },
  };
}

/**
 * {@link indexIdsTo} into a map in the order of `ids`; ids whose file vanished or cannot be
 * read are left out.
 */
export async function indexIds(
  root: string,
  ids: readonly string[],
  onProgress?: (done: number, total: number) => void,
  hints?: ReadonlyMap<string, CachedEntry>,
): Promise<Map<string, CachedEntry>> {
  const sink = mapSink(ids);
  await indexIdsTo(root, ids, sink, onProgress, hints);
  return sink.rows;
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

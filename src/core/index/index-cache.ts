/**
 * Persisted index cache: lets a warm open of an unchanged folder reuse the index rows built
 * last time instead of reading and parsing every file again.
 *
 * The cache lives outside the content folder (default `~/.cache/curator/<sha1(root)>.json`,
 * or `$CURATOR_CACHE_DIR/<sha1(root)>.json`), is versioned, written atomically, and is only
 * ever a hint: a missing, corrupt or mismatched cache is an empty cache.
 *
 * "Never serve stale data" rests on three rules:
 * 1. A row is reused only when the file's size, mtime, ctime and inode all match what was
 *    recorded ({@link isEntryFresh}). ctime cannot be set from user space, so it catches
 *    tools that restore an old mtime after writing (`rsync -t`, `cp -p`, `touch -d`); the
 *    inode catches a file replaced by rename (atomic saves, `mv`, swapped names).
 * 2. The caller records `checkedMs`, the wall-clock time at which it stat'ed the file, and
 *    must take that stat *before* reading the bytes (a change between stat and read then
 *    leaves a newer row with an older stat, which is merely re-read next time).
 * 3. The racy-git rule: a change made within the timestamp granularity of the recorded stat
 *    can leave size, mtime and ctime unchanged. So a row whose mtime or ctime is not clearly
 *    older than `checkedMs` (by {@link DEFAULT_RACY_MARGIN_MS}, which covers 1–2 s timestamp
 *    granularity of HFS+/FAT/network shares) is not trusted when the cache is loaded.
 */
import { createHash, randomBytes } from 'node:crypto';
import { promises as fsp, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ArticleSummary } from '../../shared/article';
import type { FileIdentity } from './file-version';
import { absOf } from './raw-file';
import { fromTuple, isSummaryTuple, toTuple, type SummaryTuple } from './summary-tuple';

/** Version of the cache file layout; bump when it changes. */
export const INDEX_CACHE_FORMAT = 2;

/**
 * A row is trusted only when the file's mtime and ctime are at least this much older than
 * the moment it was stat'ed (see the module comment, rule 3).
 */
export const DEFAULT_RACY_MARGIN_MS = 3000;

export type { FileIdentity } from './file-version';

/** One cached index row and the stat it was built from. */
export interface CachedEntry extends FileIdentity {
  /** Wall-clock time (ms) at which the file was stat'ed, before its bytes were read. */
  checkedMs: number;
  /** Content hash of the bytes the summary was built from. */
  hash: string;
  summary: ArticleSummary;
}

/** Options of {@link loadIndexCache} and {@link saveIndexCache}. */
export interface IndexCacheOptions {
  /**
   * Version of the code that builds summaries (the app version, or a summary-format
   * constant). A cache written by another version is ignored, so rows built by older
   * validation rules are never shown.
   */
  appVersion: string;
  /** Folder holding cache files; default {@link defaultCacheDir}. */
  cacheDir?: string;
  /** Racy-timestamp margin; default {@link DEFAULT_RACY_MARGIN_MS}. Tests lower it. */
  racyMarginMs?: number;
}

/** `$CURATOR_CACHE_DIR`, or `~/.cache/curator`. */
export function defaultCacheDir(): string {
  const env = process.env.CURATOR_CACHE_DIR;
  return env ? path.resolve(env) : path.join(os.homedir(), '.cache', 'curator');
}

/** Path of the cache file of content folder `root` (an absolute realpath). */
export function indexCachePath(root: string, cacheDir: string = defaultCacheDir()): string {
  return path.join(cacheDir, createHash('sha1').update(root).digest('hex') + '.json');
}

/** `true` when `st` describes exactly the file version the entry was built from. */
export function isEntryFresh(entry: FileIdentity, st: FileIdentity): boolean {
  return (
    st.size === entry.size &&
    st.mtimeMs === entry.mtimeMs &&
    st.ctimeMs === entry.ctimeMs &&
    st.ino === entry.ino
  );
}

/**
 * On-disk layout. Rows are tuples, the summary too (summary-tuple.ts), and the summary
 * fields that repeat the row (`id`, `hash`, `size`, `mtimeMs`) are left out: for 50,000
 * articles this keeps the file, and the time JSON.parse spends on it, much smaller.
 */
interface CacheFile {
  format: number;
  appVersion: string;
  root: string;
  writtenAtMs: number;
  rows: CacheRow[];
}
type CacheRow = [
  id: string,
  size: number,
  mtimeMs: number,
  ctimeMs: number,
  ino: number,
  checkedMs: number,
  hash: string,
  summary: SummaryTuple,
];

/**
 * Loads the cache of `root`. Returns only the entries that may be trusted (see the module
 * comment); the caller still has to compare each with a fresh stat ({@link isEntryFresh}).
 * Never throws: a missing, unreadable, corrupt or foreign cache yields an empty map.
 */
export async function loadIndexCache(
  root: string,
  opts: IndexCacheOptions,
): Promise<Map<string, CachedEntry>> {
  const out = new Map<string, CachedEntry>();
  let file: unknown;
  try {
    // Read as bytes and decoded in one go: readFile with an encoding decodes chunk by chunk,
    // several times slower for a cache of tens of megabytes.
    const bytes = await fsp.readFile(indexCachePath(root, opts.cacheDir));
    file = JSON.parse(bytes.toString('utf8'));
  } catch {
    return out; // missing, unreadable or not JSON
  }
  if (!isCacheFile(file) || file.format !== INDEX_CACHE_FORMAT) return out;
  if (file.appVersion !== opts.appVersion || file.root !== root) return out;
  const margin = opts.racyMarginMs ?? DEFAULT_RACY_MARGIN_MS;
  for (const row of file.rows) {
    if (!isRow(row)) continue;
    const [id, size, mtimeMs, ctimeMs, ino, checkedMs, hash, tuple] = row;
    // A check time after the write time is nonsense (clock jump): distrust it.
    if (checkedMs > file.writtenAtMs) continue;
    if (mtimeMs >= checkedMs - margin || ctimeMs >= checkedMs - margin) continue;
    if (out.has(id)) continue;
    const summary = fromTuple(tuple, id, hash, size, mtimeMs);
    out.set(id, { size, mtimeMs, ctimeMs, ino, checkedMs, hash, summary });
  }
  return out;
}

/**
 * Writes the cache of `root` atomically (temp file in the cache folder, fsync, rename), so a
 * reader sees the old cache or the new one, never a torn file. Entries whose summary does not
 * match the entry (other id, hash, size or mtime) are left out rather than stored wrongly.
 * Errors (read-only home, disk full) are thrown; callers may ignore them: the cache is a hint.
 */
export async function saveIndexCache(
  root: string,
  entries: Iterable<[string, CachedEntry]>,
  opts: IndexCacheOptions,
): Promise<void> {
  const head: Omit<CacheFile, 'rows'> = {
    format: INDEX_CACHE_FORMAT,
    appVersion: opts.appVersion,
    root,
    writtenAtMs: Date.now(),
  };
  const target = indexCachePath(root, opts.cacheDir);
  const dir = path.dirname(target);
  await fsp.mkdir(dir, { recursive: true });
  const temp = `${target}.${process.pid}-${randomBytes(6).toString('hex')}.tmp`;
  let handle: fsp.FileHandle | null = null;
  try {
    handle = await fsp.open(temp, 'wx', 0o600);
    // Written in chunks of rows with a yield between them: serializing 50,000 rows at once
    // would hold the event loop (the app's main process) for a good part of a second.
    await handle.writeFile(`${JSON.stringify(head).slice(0, -1)},"rows":[`);
    let chunk: string[] = [];
    let first = true;
    for (const [id, e] of entries) {
      const s = e.summary;
      if (s.id !== id || s.hash !== e.hash || s.size !== e.size || s.mtimeMs !== e.mtimeMs) {
        continue;
      }
      // JSON cannot say -0: such a (rare) row is left out and read again next time.
      if (Object.is(s.quality, -0) || Object.is(s.heat, -0)) continue;
      const row: CacheRow = [
        id,
        e.size,
        e.mtimeMs,
        e.ctimeMs,
        e.ino,
        e.checkedMs,
        e.hash,
        toTuple(s),
      ];
      chunk.push(JSON.stringify(row));
      if (chunk.length === WRITE_CHUNK_ROWS) {
        await handle.writeFile(`${first ? '' : ','}${chunk.join(',')}`);
        first = false;
        chunk = [];
        await new Promise((r) => setImmediate(r));
      }
    }
    await handle.writeFile(`${first || chunk.length === 0 ? '' : ','}${chunk.join(',')}]}`);
    await handle.sync();
    await handle.close();
    handle = null;
    await fsp.rename(temp, target);
  } catch (err) {
    if (handle) await handle.close().catch(() => undefined);
    await fsp.unlink(temp).catch(() => undefined);
    throw err;
  }
  await pruneCacheDir(dir, target).catch(() => undefined);
}

/** Rows serialized between two yields to the event loop in {@link saveIndexCache}. */
const WRITE_CHUNK_ROWS = 1000;

/** Cache files kept per cache folder; the least recently written beyond this are removed. */
export const MAX_CACHE_FILES = 32;

/**
 * Removes the oldest cache files beyond {@link MAX_CACHE_FILES} (folders opened long ago,
 * temp folders that no longer exist), never `keep`. A cache folder cannot grow without end.
 */
async function pruneCacheDir(dir: string, keep: string): Promise<void> {
  const names = (await fsp.readdir(dir)).filter((n) => /^[0-9a-f]{40}\.json$/.test(n));
  if (names.length <= MAX_CACHE_FILES) return;
  const files = await Promise.all(
    names.map(async (n) => {
      const p = path.join(dir, n);
      const st = await fsp.stat(p).catch(() => null);
      return { p, mtimeMs: st ? st.mtimeMs : 0 };
    }),
  );
  files.sort((a, b) => b.mtimeMs - a.mtimeMs);
  for (const f of files.slice(MAX_CACHE_FILES)) {
    if (f.p !== keep) await fsp.unlink(f.p).catch(() => undefined);
  }
}

/** Files stat'ed between two yields to the event loop in {@link partitionByCache}. */
const STAT_CHUNK = 500;

/**
 * Splits `ids` (files of `root`) into rows that can be reused from `cache` and ids that must
 * be read again, by stat'ing each file. Ids whose file is gone are in neither list.
 *
 * Stats are synchronous, in chunks with a yield to the event loop between them: a sync stat
 * costs a fraction of a thread-pool round trip (10,000 files: ~40 ms sync vs ~300 ms with
 * `fs.promises.stat`), and the chunks keep the process responsive while it runs.
 */
export async function partitionByCache(
  root: string,
  ids: readonly string[],
  cache: ReadonlyMap<string, CachedEntry>,
): Promise<{ reused: CachedEntry[]; toRead: string[] }> {
  const reused: CachedEntry[] = [];
  const toRead: string[] = [];
  for (let i = 0; i < ids.length; i++) {
    if (i > 0 && i % STAT_CHUNK === 0) await new Promise((r) => setImmediate(r));
    const id = ids[i];
    const entry = cache.get(id);
    if (!entry) {
      toRead.push(id);
      continue;
    }
    let st: FileIdentity | undefined;
    try {
      st = statSync(absOf(root, id), { throwIfNoEntry: false });
    } catch {
      st = undefined; // unreadable (permissions, too long a path): treat as gone
    }
    if (st === undefined) continue; // vanished since it was listed
    if (isEntryFresh(entry, st)) reused.push(entry);
    else toRead.push(id);
  }
  return { reused, toRead };
}

function isCacheFile(v: unknown): v is CacheFile {
  if (typeof v !== 'object' || v === null) return false;
  const f = v as Record<string, unknown>;
  return (
    typeof f.format === 'number' &&
    typeof f.appVersion === 'string' &&
    typeof f.root === 'string' &&
    typeof f.writtenAtMs === 'number' &&
    Array.isArray(f.rows)
  );
}

/** Shape check of one row: cheap, but enough that a damaged row is dropped, not served. */
function isRow(r: unknown): r is CacheRow {
  if (!Array.isArray(r) || r.length !== 8) return false;
  if (typeof r[0] !== 'string' || typeof r[6] !== 'string') return false;
  for (let i = 1; i <= 5; i++) if (typeof r[i] !== 'number' || !Number.isFinite(r[i])) return false;
  return isSummaryTuple(r[7]);
}

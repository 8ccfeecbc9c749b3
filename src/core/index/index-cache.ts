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
 *    older than `checkedMs` is not trusted on its stat alone ({@link racyMarginMs}: 3 s where
 *    the file system records whole seconds, as HFS+, FAT and some network shares do; 100 ms,
 *    many clock ticks, where it records sub-second times; `$CURATOR_RACY_MARGIN_MS` sets one
 *    margin for every file, e.g. for a network share whose server clock is off).
 *
 * A row that is not trusted on its stat (racily clean, or its stat changed) is still a hint:
 * the file is read and its content hash compared with the row's, as Git does for racily
 * clean entries. The same bytes give the same row, so it is reused without a parse (the
 * open after a fresh clone, copy or checkout, or after a `touch`); other bytes are parsed.
 */
import { createHash, randomBytes } from 'node:crypto';
import {
  closeSync,
  constants as fsConstants,
  promises as fsp,
  fstatSync,
  mkdirSync,
  openSync,
  readSync,
  rmSync,
  statSync,
  writeSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ArticleSummary } from '../../shared/article';
import { indexCodeVersion } from './cache-version';
import type { FileIdentity } from './file-version';
import { absOf } from './raw-file';
import { fromTuple, isSummaryTuple, toTuple, type SummaryTuple } from './summary-tuple';

/** Version of the cache file layout; bump when it changes. */
export const INDEX_CACHE_FORMAT = 5;

/**
 * A row is trusted only when the file's mtime and ctime are at least this much older than
 * the moment it was stat'ed (see the module comment, rule 3), where the file system keeps
 * whole-second timestamps (1–2 s granularity: HFS+, FAT, some network shares).
 */
export const DEFAULT_RACY_MARGIN_MS = 3000;

/**
 * The same margin where the file system keeps sub-second timestamps (a ctime with a fraction
 * of a second): their granularity is the kernel's clock tick (1–16 ms), far below this.
 */
export const FINE_RACY_MARGIN_MS = 100;

/**
 * The racy margin (ms) for a row: `fixed` when given (an option, or
 * `$CURATOR_RACY_MARGIN_MS`), else {@link FINE_RACY_MARGIN_MS} when the file's ctime (which
 * only the file system sets) has a fraction of a second, else {@link DEFAULT_RACY_MARGIN_MS}.
 */
export function racyMarginMs(ctimeMs: number, fixed?: number): number {
  if (fixed !== undefined) return fixed;
  return ctimeMs % 1000 !== 0 ? FINE_RACY_MARGIN_MS : DEFAULT_RACY_MARGIN_MS;
}

/** `$CURATOR_RACY_MARGIN_MS` as a number of ms, when set to one. */
export function envRacyMargin(): number | undefined {
  const v = process.env.CURATOR_RACY_MARGIN_MS;
  return v !== undefined && /^\d{1,7}$/.test(v) ? Number(v) : undefined;
}

/**
 * `true` when `entry` is trusted on its stat (not racily clean): its mtime and ctime are
 * older than the moment it was stat'ed by more than the racy margin. `fixed`: one margin for
 * every row; `undefined` reads `$CURATOR_RACY_MARGIN_MS`; `null` says it was read already and
 * is not set (a loop over 200,000 rows reads the environment once, not per row).
 */
export function isTrustedOnStat(
  entry: FileIdentity & { checkedMs: number },
  fixed?: number | null,
) {
  const m = racyMarginMs(
    entry.ctimeMs,
    fixed === undefined ? envRacyMargin() : (fixed ?? undefined),
  );
  return entry.mtimeMs < entry.checkedMs - m && entry.ctimeMs < entry.checkedMs - m;
}

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
  /**
   * One racy-timestamp margin for every row (ms); default by the file's timestamp
   * granularity ({@link racyMarginMs}), or `$CURATOR_RACY_MARGIN_MS`. Tests lower it.
   */
  racyMarginMs?: number;
}

/** `$CURATOR_CACHE_DIR`, or `~/.cache/curator`. */
export function defaultCacheDir(): string {
  const env = process.env.CURATOR_CACHE_DIR;
  return env ? path.resolve(env) : path.join(os.homedir(), '.cache', 'curator');
}

/** The cache of the running build, in {@link defaultCacheDir}: what every open uses by default. */
export function defaultIndexCacheOptions(): IndexCacheOptions {
  return { appVersion: indexCodeVersion(), cacheDir: defaultCacheDir() };
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
 * On-disk layout: a header line (JSON), lines of up to {@link ROWS_PER_LINE} rows, each a JSON
 * array, and a trailer line `{"rows":N,"writtenAtMs":T}` (a file without it, or with another
 * count, was cut short and is not used; rows can be written as they are built, so the time
 * of writing comes last). The header holds the same two figures, written over fixed-width
 * placeholders when the file is finished (before it is put in place), so that a reader that
 * streams the rows ({@link IndexCacheStream}) knows them before the first row. Rows are in
 * strictly increasing id order (the order of the sorted id list), so that a reader can merge
 * them with the folder's listing without keeping them; a row out of that order is dropped.
 * Rows are tuples, the summary too (summary-tuple.ts), and the summary fields
 * that repeat the row (`id`, `hash`, `size`, `mtimeMs`) are left out: for 50,000 articles
 * this keeps the file, and the time JSON.parse spends on it, much smaller. Lines are parsed
 * one by one as the file is read, so the file is never one (35 MB at 50,000 rows) string or
 * buffer in memory; each line stays small enough (~75 KB) to be a short-lived object. Lines
 * are ASCII: other characters are written as JSON escapes ({@link asciiJson}).
 */
interface CacheHeader extends CacheTrailer {
  format: number;
  appVersion: string;
  root: string;
}
interface CacheTrailer {
  rows: number;
  writtenAtMs: number;
}
export type CacheRow = [
  id: string,
  size: number,
  mtimeMs: number,
  ctimeMs: number,
  ino: number,
  checkedMs: number,
  hash: string,
  summary: SummaryTuple,
];

/** Characters outside ASCII, written as JSON escapes (see {@link asciiJson}). */
const NON_ASCII = /[\u0080-\uffff]/g;

/**
 * JSON text with every character outside ASCII written as a `\uXXXX` escape (surrogate
 * pairs as two): JSON.parse reads back the same strings. An ASCII line decodes from UTF-8
 * about twice as fast as one with a single curly quote in it (which makes V8 decode the
 * whole line as two-byte text): at 200,000 rows, ~0.2 s of every warm open.
 */
function asciiJson(json: string): string {
  return json.replace(NON_ASCII, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * `true` when `json` has a character outside ASCII: its UTF-8 length is then longer than its
 * length in UTF-16 code units (a lone surrogate too, 3 bytes). Counting is a fraction of the
 * cost of a regular expression test here (~1.5 vs ~4.5 ms for 10,000 rows).
 */
function hasNonAscii(json: string): boolean {
  return Buffer.byteLength(json, 'utf8') !== json.length;
}

/**
 * One row as {@link asciiJson} text, held as a one-byte string. Rows are escaped one by one,
 * only those that need it: an escape leaves V8 holding a row as two-byte text (any
 * character outside Latin-1 makes JSON.stringify's result two-byte, and `replace` keeps it
 * so), and one two-byte row makes the whole line two-byte, which costs twice as much to
 * write. The escaped text is ASCII, so its Latin-1 copy is the same text, one byte a
 * character. Measured: ~35 % less time writing the cache of a 10,000-file cold run.
 */
function asciiRowJson(row: CacheRow): string {
  const json = JSON.stringify(row);
  if (!hasNonAscii(json)) return json;
  return Buffer.from(asciiJson(json), 'latin1').toString('latin1');
}

/** Rows per line of the cache file. */
const ROWS_PER_LINE = 100;

/** Bytes read from the cache file at a time. */
const READ_CHUNK = 1 << 20;

/** The rows of a cache file: those trusted on a matching stat, and every row as a hint. */
export interface LoadedIndexCache {
  /** Rows that may be reused when a fresh stat matches ({@link isEntryFresh}). */
  trusted: Map<string, CachedEntry>;
  /**
   * Every row, trusted or not: a row whose file is not trusted on its stat (racily clean,
   * or changed since) is reused when the file's bytes have the row's content hash.
   */
  hints: Map<string, CachedEntry>;
}

/** Flags of a cache read: `O_NONBLOCK`, so opening a FIFO never waits for a writer. */
const CACHE_OPEN_FLAGS = fsConstants.O_RDONLY | (fsConstants.O_NONBLOCK ?? 0);

/**
 * Loads the cache of `root` (see the module comment). Never throws: a missing, unreadable,
 * corrupt or foreign cache yields no rows.
 */
export async function readIndexCache(
  root: string,
  opts: IndexCacheOptions,
): Promise<LoadedIndexCache> {
  const hints = new Map<string, CachedEntry>();
  let header: CacheHeader | null = null;
  let trailer: CacheTrailer | null = null;
  let count = 0;
  const onLine = (line: string): boolean => {
    if (header === null) {
      header = ourHeader(line, root, opts);
      return header !== null;
    }
    if (trailer !== null) return false; // lines after the trailer
    const rows: unknown = JSON.parse(line);
    if (!Array.isArray(rows)) {
      if (!isCacheTrailer(rows) || rows.rows !== count) return false;
      const h = header as CacheHeader;
      if (h.rows !== rows.rows || h.writtenAtMs !== rows.writtenAtMs) return false;
      trailer = rows;
      return true;
    }
    count += rows.length;
    for (const row of rows) {
      if (!isRow(row)) continue; // a damaged row is dropped, not served
      const [id, size, mtimeMs, ctimeMs, ino, checkedMs, hash, tuple] = row;
      if (hints.has(id)) continue;
      const summary = fromTuple(tuple, id, hash, size, mtimeMs);
      hints.set(id, { size, mtimeMs, ctimeMs, ino, checkedMs, hash, summary });
    }
    return true;
  };
  try {
    const whole = await forEachLine(indexCachePath(root, opts.cacheDir), onLine);
    // Missing, unreadable, not ours, not JSON, or cut short: no rows at all.
    if (!whole || trailer === null) throw new Error('no complete cache');
  } catch {
    return { trusted: new Map(), hints: new Map() };
  }
  const writtenAtMs = (trailer as CacheTrailer).writtenAtMs;
  const margin = opts.racyMarginMs ?? envRacyMargin() ?? null;
  const trusted = new Map<string, CachedEntry>();
  for (const [id, e] of hints) {
    // A check time after the write time is nonsense (clock jump): never trusted on its stat.
    if (e.checkedMs <= writtenAtMs && isTrustedOnStat(e, margin)) trusted.set(id, e);
  }
  return { trusted, hints };
}

/** One row of a cache file, as {@link IndexCacheStream} hands it on. */
export interface StreamedRow {
  /** The row as stored (for {@link IndexCacheWriter.addRow}). */
  row: CacheRow;
  /** The row as an index entry. */
  entry: CachedEntry;
  /** `true` when a matching stat suffices to reuse it (not racily clean; see the rules). */
  trusted: boolean;
}

/**
 * Reads the rows of a cache file in file order, a line at a time, for a merge with the
 * folder's sorted id list (open-index.ts): each row is handed on when the merge reaches its
 * id and kept nowhere here, so no row outlives its use, and `curator list` never has the rows
 * of a 200,000-file folder all in memory. Synchronous, a line (~75 KB) at a time: the merge
 * yields to the event loop between windows of ids. Never throws once open: a damaged row is dropped ({@link dropped}), an
 * unreadable or damaged line ends the rows there ({@link complete} stays `false`).
 *
 * Each row is checked as {@link readIndexCache} checks it; the time of writing comes from the
 * header (written over its placeholders before the file was put in place: a file that was
 * never finished has 0 there, so none of its rows is trusted on its stat).
 */
export class IndexCacheStream {
  #fd: number;
  readonly #margin: number | null;
  /** When the file was finished (ms; the header's `writtenAtMs`). */
  writtenAtMs = 0;
  /** Rows the file says it holds (the header's `rows`). */
  rowsDeclared = 0;
  #buf = Buffer.allocUnsafe(READ_CHUNK);
  /** File offset of `#buf[0]`, bytes held, and the start of the next line in `#buf`. */
  #bufAt = 0;
  #len = 0;
  #at = 0;
  #rows: Array<CacheRow | null> = [];
  #k = 0;
  #next: StreamedRow | null | undefined = undefined;
  #lastId: string | null = null;
  #ended = false;
  #complete = false;
  #count = 0;
  /** Rows dropped so far (damaged, or out of id order). */
  dropped = 0;
  /** Per line of rows passed so far: where it lies in the file, its rows, its valid rows. */
  readonly #lines: Array<{
    start: number;
    end: number;
    rows: number;
    valid: number;
    lastId: string;
  }> = [];

  private constructor(fd: number, margin: number | null) {
    this.#fd = fd;
    this.#margin = margin;
  }

  /**
   * Opens the cache of `root`, or returns `null` when there is none of this build, format
   * and folder (missing, unreadable, foreign, or not a cache file).
   */
  static open(root: string, opts: IndexCacheOptions): IndexCacheStream | null {
    let fd: number;
    try {
      // Non-blocking and regular files only: a FIFO (or device) left where the cache belongs
      // must not hang every open of the folder.
      fd = openSync(indexCachePath(root, opts.cacheDir), CACHE_OPEN_FLAGS);
    } catch {
      return null;
    }
    try {
      if (!fstatSync(fd).isFile()) throw new Error('not a regular file');
    } catch {
      closeSync(fd);
      return null;
    }
    const stream = new IndexCacheStream(fd, opts.racyMarginMs ?? envRacyMargin() ?? null);
    try {
      const first = stream.#line();
      const header = first ? ourHeader(first.text, root, opts) : null;
      if (header === null) throw new Error('not our cache');
      stream.writtenAtMs = header.writtenAtMs;
      stream.rowsDeclared = header.rows;
      return stream;
    } catch {
      stream.close();
      return null;
    }
  }

  /** `true` once every row was read and the trailer matched the rows read and the header. */
  get complete(): boolean {
    return this.#complete;
  }

  /** The next row, without passing it; `undefined` at the end of the rows. */
  peek(): StreamedRow | undefined {
    if (this.#next === undefined) this.#next = this.#read();
    return this.#next ?? undefined;
  }

  /** Passes the row {@link peek} returned. */
  skip(): void {
    this.peek();
    this.#next = undefined;
  }

  /** Passes the rest of the rows (to check the trailer: see {@link complete}). */
  finish(): void {
    while (this.peek()) this.skip();
  }

  /** Closes the file (after which {@link copyRowsTo} cannot be used). */
  close(): void {
    if (this.#fd < 0) return;
    try {
      closeSync(this.#fd);
    } catch {
      // closed already
    }
    this.#fd = -1;
  }

  /**
   * Adds the first `count` valid rows of this file to `writer`, the lines that hold nothing
   * else as they are (no serialization): the rows a merge handed on unchanged before it
   * found the cache out of date.
   */
  copyRowsTo(writer: IndexCacheWriter, count: number): void {
    let done = 0;
    let rawFrom = -1;
    let rawTo = -1;
    let rawRows = 0;
    let lastId = '';
    const flushRaw = (): void => {
      if (rawFrom < 0) return;
      writer.addLines(this.#bytes(rawFrom, rawTo), rawRows, lastId);
      rawFrom = -1;
      rawRows = 0;
    };
    for (const line of this.#lines) {
      if (done >= count) break;
      if (line.valid === line.rows && done + line.rows <= count) {
        if (rawFrom < 0) rawFrom = line.start;
        rawTo = line.end;
        rawRows += line.rows;
        lastId = line.lastId;
        done += line.rows;
        continue;
      }
      // A line partly handed on, or with a dropped row: its valid rows one by one.
      flushRaw();
      const rows: unknown = JSON.parse(this.#bytes(line.start, line.end).toString('utf8'));
      for (const r of rows as unknown[]) {
        if (done >= count) break;
        if (!isRow(r)) continue;
        writer.addRow(r);
        done++;
      }
    }
    flushRaw();
    if (done !== count) throw new Error('cache rows out of step');
  }

  #bytes(start: number, end: number): Buffer {
    const out = Buffer.allocUnsafe(end - start);
    let got = 0;
    while (got < out.length) {
      const n = readSync(this.#fd, out, got, out.length - got, start + got);
      if (n === 0) throw new Error('cache file shrank');
      got += n;
    }
    return out;
  }

  #read(): StreamedRow | null {
    for (;;) {
      while (this.#k < this.#rows.length) {
        const r = this.#rows[this.#k++] as CacheRow | null;
        if (r === null || (this.#lastId !== null && !(this.#lastId < r[0]))) {
          this.dropped++;
          continue;
        }
        this.#lastId = r[0];
        const [id, size, mtimeMs, ctimeMs, ino, checkedMs, hash, tuple] = r;
        const summary = fromTuple(tuple, id, hash, size, mtimeMs);
        const entry: CachedEntry = { size, mtimeMs, ctimeMs, ino, checkedMs, hash, summary };
        // A check time after the write time is nonsense (clock jump): not trusted on its stat.
        const trusted = checkedMs <= this.writtenAtMs && isTrustedOnStat(entry, this.#margin);
        return { row: r, entry, trusted };
      }
      this.#k = 0;
      this.#rows = [];
      if (this.#ended) return null;
      const rows = this.#parseLine();
      if (rows) this.#rows = rows;
    }
  }

  /**
   * The rows of the next line, each shape-checked (a damaged row is `null`), or `null` at
   * the trailer or the end of what can be read (setting {@link complete}).
   */
  #parseLine(): Array<CacheRow | null> | null {
    let line: { text: string; start: number; end: number } | null;
    let parsed: unknown;
    try {
      line = this.#line();
      parsed = line ? JSON.parse(line.text) : null;
    } catch {
      line = null;
    }
    if (!line || !Array.isArray(parsed)) {
      // The trailer, or the end of what can be read.
      this.#ended = true;
      this.#complete =
        line !== null &&
        isCacheTrailer(parsed) &&
        parsed.rows === this.#count &&
        parsed.rows === this.rowsDeclared &&
        parsed.writtenAtMs === this.writtenAtMs &&
        this.#line() === null;
      return null;
    }
    const rows = parsed as Array<CacheRow | null>;
    this.#count += rows.length;
    let valid = 0;
    let lastId = '';
    for (let i = 0; i < rows.length; i++) {
      const r: unknown = rows[i];
      if (!isRow(r)) {
        rows[i] = null;
        continue;
      }
      valid++;
      lastId = r[0];
    }
    this.#lines.push({ start: line.start, end: line.end, rows: rows.length, valid, lastId });
    return rows;
  }

  /** The next `\n`-terminated line and where it lies in the file, or `null` at the end. */
  #line(): { text: string; start: number; end: number } | null {
    for (;;) {
      const nl = this.#buf.indexOf(10, this.#at);
      if (nl !== -1 && nl < this.#len) {
        const start = this.#bufAt + this.#at;
        const text = this.#buf.toString('utf8', this.#at, nl);
        this.#at = nl + 1;
        return { text, start, end: this.#bufAt + nl + 1 };
      }
      // Keep the partial line, read more after it.
      if (this.#at > 0) {
        this.#buf.copy(this.#buf, 0, this.#at, this.#len);
        this.#bufAt += this.#at;
        this.#len -= this.#at;
        this.#at = 0;
      }
      if (this.#len === this.#buf.length) {
        const bigger = Buffer.allocUnsafe(this.#buf.length * 2); // a line longer than a chunk
        this.#buf.copy(bigger, 0, 0, this.#len);
        this.#buf = bigger;
      }
      const n = readSync(
        this.#fd,
        this.#buf,
        this.#len,
        this.#buf.length - this.#len,
        this.#bufAt + this.#len,
      );
      if (n === 0) return null; // (a last line without its line break is not a line)
      this.#len += n;
    }
  }
}

/**
 * Calls `onLine` with each `\n`-terminated line of the file, decoded as UTF-8, reading it a
 * chunk at a time. Stops early when `onLine` returns `false`, and returns `false` then, or
 * when the file does not end with a line break. Throws when the file cannot be read.
 */
async function forEachLine(file: string, onLine: (line: string) => boolean): Promise<boolean> {
  const handle = await fsp.open(file, CACHE_OPEN_FLAGS);
  try {
    if (!(await handle.stat()).isFile()) return false;
    let buf = Buffer.allocUnsafe(READ_CHUNK);
    let len = 0; // bytes in buf not yet consumed (a line's start is at 0)
    for (;;) {
      if (len === buf.length) {
        const bigger = Buffer.allocUnsafe(buf.length * 2); // a line longer than a chunk
        buf.copy(bigger, 0, 0, len);
        buf = bigger;
      }
      const { bytesRead } = await handle.read(buf, len, buf.length - len, null);
      if (bytesRead === 0) return len === 0;
      const end = len + bytesRead;
      let start = 0;
      for (let nl = buf.indexOf(10, len); nl !== -1 && nl < end; nl = buf.indexOf(10, start)) {
        if (!onLine(buf.toString('utf8', start, nl))) return false;
        start = nl + 1;
      }
      buf.copy(buf, 0, start, end);
      len = end - start;
    }
  } finally {
    await handle.close();
  }
}

/**
 * The rows of the cache of `root` that may be reused on a matching stat
 * ({@link readIndexCache}); the caller still has to compare each with a fresh stat
 * ({@link isEntryFresh}).
 */
export async function loadIndexCache(
  root: string,
  opts: IndexCacheOptions,
): Promise<Map<string, CachedEntry>> {
  return (await readIndexCache(root, opts)).trusted;
}

/**
 * The entry of a file version whose bytes have the content hash of `hint` (a cached row of
 * the same file): the cached summary with the new size and mtime, and the new identity. A
 * summary depends only on the id, the bytes, the size and the mtime, so this is the row a
 * parse would build.
 */
export function confirmedEntry(
  hint: CachedEntry,
  v: FileIdentity & { checkedMs: number },
): CachedEntry {
  const s = hint.summary;
  const summary =
    s.size === v.size && s.mtimeMs === v.mtimeMs ? s : { ...s, size: v.size, mtimeMs: v.mtimeMs };
  return {
    size: v.size,
    mtimeMs: v.mtimeMs,
    ctimeMs: v.ctimeMs,
    ino: v.ino,
    checkedMs: v.checkedMs,
    hash: hint.hash,
    summary,
  };
}

/**
 * Writes the cache of `root` as rows are added, atomically: into a temp file in the cache
 * folder, renamed into place by {@link IndexCacheWriter.commit}, so a reader sees the old
 * cache or the new one, never a torn file. Not fsync'ed: after a crash the file may be empty
 * or cut short, which fails the trailer check and so is an empty cache (and a damaged row
 * fails its shape check); waiting for the disk would only slow every command that writes it.
 * Lines are written synchronously (one ~75 KB write per 100 rows).
 */
export class IndexCacheWriter {
  readonly #fd: number;
  readonly #temp: string;
  readonly #target: string;
  #line: CacheRow[] = [];
  #rows = 0;
  #open = true;

  readonly #of: { appVersion: string; root: string };
  #lastId: string | null = null;

  private constructor(
    fd: number,
    temp: string,
    target: string,
    of: { appVersion: string; root: string },
  ) {
    this.#fd = fd;
    this.#temp = temp;
    this.#target = target;
    this.#of = of;
  }

  /**
   * The header line, its two figures right-aligned in fixed widths (JSON allows the spaces),
   * so that {@link commit} can write the final figures over the placeholders in place.
   */
  #header(rows: number, writtenAtMs: number): string {
    const rowsText = String(rows);
    const atText = String(writtenAtMs);
    if (rowsText.length > 12 || atText.length > 16) throw new Error('cache header overflow');
    const start = JSON.stringify({
      format: INDEX_CACHE_FORMAT,
      appVersion: this.#of.appVersion,
      root: this.#of.root,
    }).slice(0, -1);
    return `${asciiJson(start)},"rows":${rowsText.padStart(12)},"writtenAtMs":${atText.padStart(16)}}\n`;
  }

  /**
   * Starts the cache of `root` (an absolute realpath).
   * @throws when the cache folder cannot be created or written (read-only home, …).
   */
  static create(root: string, opts: IndexCacheOptions): IndexCacheWriter {
    const target = indexCachePath(root, opts.cacheDir);
    mkdirSync(path.dirname(target), { recursive: true });
    const temp = `${target}.${process.pid}-${randomBytes(6).toString('hex')}.tmp`;
    const fd = openSync(temp, 'wx', 0o600);
    const writer = new IndexCacheWriter(fd, temp, target, { appVersion: opts.appVersion, root });
    writer.#write(writer.#header(0, 0));
    return writer;
  }

  /** Rows added so far. */
  get rows(): number {
    return this.#rows + this.#line.length;
  }

  /**
   * Adds the row of `id`. An entry whose summary does not match it (other id, hash, size or
   * mtime) is left out rather than stored wrongly, and so is one that JSON cannot say
   * exactly (-0).
   */
  add(id: string, e: CachedEntry): void {
    const s = e.summary;
    if (s.id !== id || s.hash !== e.hash || s.size !== e.size || s.mtimeMs !== e.mtimeMs) return;
    if (Object.is(s.quality, -0) || Object.is(s.heat, -0)) return;
    this.addRow([id, e.size, e.mtimeMs, e.ctimeMs, e.ino, e.checkedMs, e.hash, toTuple(s)]);
  }

  /**
   * Adds a row as read from a cache file ({@link IndexCacheStream}: shape-checked, so not
   * checked again). Rows must come in strictly increasing id order; one that does not is
   * left out (a reader would drop it).
   */
  addRow(row: CacheRow): void {
    if (this.#lastId !== null && !(this.#lastId < row[0])) return;
    this.#lastId = row[0];
    this.#line.push(row);
    if (this.#line.length === ROWS_PER_LINE) this.#flushLine();
  }

  /**
   * Writes lines of rows exactly as another cache file holds them (`text`: whole lines,
   * `rows` rows whose ids all follow the rows added so far, `lastId` the last of them):
   * copying what is unchanged costs no serialization.
   */
  addLines(text: string | Buffer, rows: number, lastId: string): void {
    this.#flushLine();
    if (this.#lastId !== null && !(this.#lastId < lastId)) throw new Error('rows out of order');
    if (typeof text === 'string') this.#write(text);
    else writeSync(this.#fd, text);
    this.#rows += rows;
    this.#lastId = lastId;
  }

  /** Finishes the file and puts it in place of the old cache. */
  async commit(): Promise<void> {
    try {
      this.#flushLine();
      const trailer: CacheTrailer = { rows: this.#rows, writtenAtMs: Date.now() };
      this.#write(`${JSON.stringify(trailer)}\n`);
      writeSync(this.#fd, this.#header(trailer.rows, trailer.writtenAtMs), 0);
      this.#open = false;
      closeSync(this.#fd);
      await fsp.rename(this.#temp, this.#target);
    } catch (err) {
      this.abort();
      throw err;
    }
    await pruneCacheDir(path.dirname(this.#target), this.#target).catch(() => undefined);
  }

  /** Drops the temp file; the cache on disk stays as it was. */
  abort(): void {
    if (this.#open) {
      this.#open = false;
      try {
        closeSync(this.#fd);
      } catch {
        // already closed
      }
    }
    rmSync(this.#temp, { force: true });
  }

  #flushLine(): void {
    if (this.#line.length === 0) return;
    const rows = this.#line;
    let text = `[${asciiRowJson(rows[0])}`;
    for (let i = 1; i < rows.length; i++) text += `,${asciiRowJson(rows[i])}`;
    // ASCII (asciiRowJson): its Latin-1 bytes are its UTF-8 bytes, copied without encoding.
    this.#write(`${text}]\n`, 'latin1');
    this.#rows += this.#line.length;
    this.#line = [];
  }

  /** Writes `text`; `latin1` only for ASCII text (one byte a character, no UTF-8 encoding). */
  #write(text: string, encoding: 'utf8' | 'latin1' = 'utf8'): void {
    writeSync(this.#fd, text, null, encoding);
  }
}

/**
 * Writes the cache of `root` with `entries` ({@link IndexCacheWriter}), yielding to the event
 * loop every {@link YIELD_EVERY_ROWS} rows: serializing 50,000 rows at once would hold the
 * event loop (the app's main process) for a good part of a second. Errors (read-only home,
 * disk full) are thrown; callers may ignore them: the cache is a hint.
 */
export async function saveIndexCache(
  root: string,
  entries: Iterable<[string, CachedEntry]>,
  opts: IndexCacheOptions,
): Promise<void> {
  // Rows go in id order (see the layout): a library's map is in that order unless files
  // were added since it opened.
  let list = [...entries];
  if (!list.every((r, i) => i === 0 || list[i - 1][0] < r[0])) {
    list = list.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  }
  const writer = IndexCacheWriter.create(root, opts);
  try {
    let n = 0;
    for (const [id, e] of list) {
      writer.add(id, e);
      if (++n % YIELD_EVERY_ROWS === 0) await new Promise((r) => setImmediate(r));
    }
  } catch (err) {
    writer.abort();
    throw err;
  }
  await writer.commit();
}

/** Rows serialized between two yields to the event loop in {@link saveIndexCache}. */
const YIELD_EVERY_ROWS = 1000;

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
 * Splits `ids` (files of `root`) into rows that can be reused from `trusted` (rows trusted on
 * their stat) and ids that must be read, by stat'ing each file. Ids whose file is gone are in neither list.
 *
 * Stats are synchronous, in chunks with a yield to the event loop between them: a sync stat
 * costs a fraction of a thread-pool round trip (10,000 files: ~40 ms sync vs ~300 ms with
 * `fs.promises.stat`), and the chunks keep the process responsive while it runs.
 */
export async function partitionByCache(
  root: string,
  ids: readonly string[],
  trusted: ReadonlyMap<string, CachedEntry>,
): Promise<{ reused: CachedEntry[]; toRead: string[] }> {
  const reused: CachedEntry[] = [];
  // No cache (a first open): every file is read. The loop below would only copy the list,
  // yielding 20 times at 10,000 files, and be compiled by V8 on the way (~6 ms of a cold
  // `curator list` on one core).
  if (trusted.size === 0) return { reused, toRead: ids.slice() };
  const toRead: string[] = [];
  for (let i = 0; i < ids.length; i++) {
    if (i > 0 && i % STAT_CHUNK === 0) await new Promise((r) => setImmediate(r));
    const id = ids[i];
    const entry = trusted.get(id);
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

function isCacheHeader(v: unknown): v is CacheHeader {
  if (typeof v !== 'object' || v === null) return false;
  const f = v as Record<string, unknown>;
  return (
    typeof f.format === 'number' &&
    typeof f.appVersion === 'string' &&
    typeof f.root === 'string' &&
    isCacheTrailer(v)
  );
}

/**
 * The header of a cache file of `root` written by this build in this format, or `null`
 * (another build, format or folder, or not a header: the cache is then ignored).
 */
function ourHeader(line: string, root: string, opts: IndexCacheOptions): CacheHeader | null {
  const h: unknown = JSON.parse(line);
  if (!isCacheHeader(h) || h.format !== INDEX_CACHE_FORMAT) return null;
  if (h.appVersion !== opts.appVersion || h.root !== root) return null;
  return h;
}

function isCacheTrailer(v: unknown): v is CacheTrailer {
  if (typeof v !== 'object' || v === null) return false;
  const f = v as Record<string, unknown>;
  return typeof f.rows === 'number' && typeof f.writtenAtMs === 'number';
}

/** Shape check of one row: cheap, but enough that a damaged row is dropped, not served. */
function isRow(r: unknown): r is CacheRow {
  if (!Array.isArray(r) || r.length !== 8) return false;
  if (typeof r[0] !== 'string' || typeof r[6] !== 'string') return false;
  for (let i = 1; i <= 5; i++) if (typeof r[i] !== 'number' || !Number.isFinite(r[i])) return false;
  return isSummaryTuple(r[7]);
}

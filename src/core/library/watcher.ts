/**
 * Watches a content folder for changes made outside Curator (another editor, git,
 * a script). One non-recursive `fs.watch` per folder: Node 20's `recursive` option on
 * Linux is emulated with one watcher per *file*, misses edits to a file after it was
 * replaced by rename (how vim and git write), and uses a watch per file; a watcher per
 * folder is enough because Linux reports every change of a folder's entries (create,
 * modify, delete, rename) on the folder itself.
 *
 * The watcher does not interpret events: it collects the touched paths, debounces them,
 * and hands the batch to `onBatch`, which compares the disk with the index.
 */
import { watch, promises as fsp, type FSWatcher } from 'node:fs';
import { join } from 'node:path';
import { isTempFileName } from '../fs/temp-files';
import { isSkippedDirName } from '../index/scanner';

/** Longest a batch waits while events keep arriving (ms). */
const MAX_WAIT_MS = 400;

/** Folders {@link FolderWatcher.watchTree} reads at a time. */
const WATCH_LANES = 8;

/** Options of {@link FolderWatcher}. */
export interface FolderWatcherOptions {
  /** Quiet time after the last event before a batch is delivered (ms). */
  debounceMs?: number;
  /** Told about a watch that could not be set up (e.g. the inotify limit was reached). */
  onError?: (err: Error) => void;
}

/** Debounced, per-folder watcher of a content folder. */
export class FolderWatcher {
  readonly #root: string;
  readonly #onBatch: (relPaths: string[]) => void;
  readonly #debounceMs: number;
  readonly #onError: (err: Error) => void;
  /**
   * Watched folders by relative path (`''` = the root), with the inode watched: a folder
   * deleted and re-created under the same name needs a new watch.
   */
  readonly #watchers = new Map<string, { w: FSWatcher; ino: number }>();
  #pending = new Set<string>();
  #timer: NodeJS.Timeout | null = null;
  #firstPendingAt = 0;
  #closed = false;

  /**
   * @param root absolute realpath of the content folder
   * @param onBatch receives the relative (`/`-separated) paths touched since the last batch;
   *   a path may name a file or a folder, and may no longer exist
   */
  constructor(
    root: string,
    onBatch: (relPaths: string[]) => void,
    opts: FolderWatcherOptions = {},
  ) {
    this.#root = root;
    this.#onBatch = onBatch;
    this.#debounceMs = opts.debounceMs ?? 75;
    this.#onError = opts.onError ?? (() => undefined);
  }

  /**
   * Starts watching the root and every folder below it (an open that lists the folder
   * calls {@link watchFolder} per folder instead).
   */
  async start(): Promise<void> {
    await this.watchTree('');
  }

  /**
   * Watches folder `rel` and every folder below it that is not watched yet
   * (called for new folders found in a batch).
   */
  async watchTree(rel: string): Promise<void> {
    // Several folders at a time: one after the other, a tree of 200 folders took ~0.3 s of
    // waiting for stat and readdir round trips before a large folder's open could start.
    const stack = [rel];
    let busy = 0;
    let waiting: Array<() => void> = [];
    const lane = async (): Promise<void> => {
      for (;;) {
        if (this.#closed) return;
        const cur = stack.pop();
        if (cur === undefined) {
          if (busy === 0) return;
          await new Promise<void>((r) => waiting.push(r)); // another lane may find more
          continue;
        }
        busy++;
        try {
          stack.push(...(await this.#watchOne(cur)));
        } finally {
          busy--;
          const wake = waiting;
          waiting = [];
          for (const w of wake) w();
        }
      }
    };
    await Promise.all(Array.from({ length: WATCH_LANES }, lane));
  }

  /**
   * Watches folder `rel` alone (unless watched already), not the folders below it: for a
   * caller that reads the folder itself right after, as the open's listing does
   * (`listArticleIds`' `beforeFolder`), so the tree is read once for both. Whatever
   * changes in the folder once this resolves is reported in a batch.
   * @returns `true` when the folder is watched
   */
  async watchFolder(rel: string): Promise<boolean> {
    if (this.#closed) return false;
    let ino: number;
    try {
      const st = await fsp.stat(this.#abs(rel));
      if (!st.isDirectory()) return false;
      ino = st.ino;
    } catch {
      return false;
    }
    if (this.#closed) return false;
    const existing = this.#watchers.get(rel);
    if (existing && existing.ino !== ino) {
      existing.w.close();
      this.#watchers.delete(rel);
    }
    return this.#watchers.has(rel) || this.#watchDir(rel, ino);
  }

  /** Watches folder `cur` (unless watched already) and returns its sub-folders to watch. */
  async #watchOne(cur: string): Promise<string[]> {
    if (!(await this.watchFolder(cur))) return [];
    let entries;
    try {
      entries = await fsp.readdir(this.#abs(cur), { withFileTypes: true });
    } catch {
      return [];
    }
    const subs: string[] = [];
    for (const e of entries) {
      if (e.isDirectory() && !isSkippedDirName(e.name))
        subs.push(cur ? `${cur}/${e.name}` : e.name);
    }
    return subs;
  }

  /**
   * Replaces the watches of folder `rel` and everything below it. Used when the folder's
   * own entry changed in its parent (created, deleted, renamed): a folder deleted and
   * re-created under the same name may even get the same inode number, so the old
   * watches cannot be told apart from valid ones and are renewed.
   */
  async rewatchTree(rel: string): Promise<void> {
    this.unwatchTree(rel);
    await this.watchTree(rel);
  }

  /** Stops watching folder `rel` and everything below it (it was removed or renamed). */
  unwatchTree(rel: string): void {
    for (const [dir, { w }] of this.#watchers) {
      if (rel === '' || dir === rel || dir.startsWith(`${rel}/`)) {
        w.close();
        this.#watchers.delete(dir);
      }
    }
  }

  /** `true` when folder `rel` is watched. */
  isWatched(rel: string): boolean {
    return this.#watchers.has(rel);
  }

  /** Stops every watch and drops pending events. */
  close(): void {
    this.#closed = true;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    this.#pending.clear();
    for (const { w } of this.#watchers.values()) w.close();
    this.#watchers.clear();
  }

  #abs(rel: string): string {
    return rel ? join(this.#root, ...rel.split('/')) : this.#root;
  }

  #watchDir(rel: string, ino: number): boolean {
    let w: FSWatcher;
    try {
      w = watch(this.#abs(rel), { persistent: false }, (_type, name) => {
        if (name === null || name === undefined) {
          this.#touch(rel); // overflow or unknown name: re-check the whole folder
          return;
        }
        const file = String(name);
        if (isTempFileName(file)) return;
        this.#touch(rel ? `${rel}/${file}` : file);
      });
    } catch (err) {
      this.#onError(err as Error);
      return false;
    }
    w.on('error', () => {
      // The folder went away (or its watch broke): forget it and let the parent's
      // event for its name trigger a re-check.
      w.close();
      if (this.#watchers.get(rel)?.w === w) this.#watchers.delete(rel);
      if (rel) this.#touch(rel);
    });
    this.#watchers.set(rel, { w, ino });
    return true;
  }

  #touch(rel: string): void {
    if (this.#closed) return;
    this.#pending.add(rel);
    const now = Date.now();
    if (this.#timer) {
      // A steady stream of events (a script rewriting many files) must not postpone
      // the batch forever: after MAX_WAIT_MS the running timer is kept.
      if (now - this.#firstPendingAt >= MAX_WAIT_MS) return;
      clearTimeout(this.#timer);
    } else {
      this.#firstPendingAt = now;
    }
    this.#timer = setTimeout(() => this.#flush(), this.#debounceMs);
  }

  #flush(): void {
    this.#timer = null;
    if (this.#closed || this.#pending.size === 0) return;
    const batch = [...this.#pending];
    this.#pending = new Set();
    this.#onBatch(batch);
  }
}

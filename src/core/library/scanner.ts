/**
 * Finds the article files of a content folder and builds their index rows.
 */
import { promises as fsp, type Dirent } from 'node:fs';
import { join } from 'node:path';
import type { ArticleSummary } from '../../shared/article';
import { isTempFileName } from '../fs/atomic-write';
import { indexFile } from './index-file';
import { idOf, isInside } from './paths';

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
 * Lists every article file under `dir` (absolute, inside `root`) as ids relative to `root`.
 * Symbolic links to files are followed only when their target is inside `root`;
 * symbolic links to folders are never followed: they either leave the folder or show
 * articles that are already listed under their real path (and could form cycles).
 */
export async function listArticleIds(root: string, dir: string = root): Promise<string[]> {
  const out: string[] = [];
  const stack = [dir];
  while (stack.length) {
    const cur = stack.pop() as string;
    let entries: Dirent[];
    try {
      entries = await fsp.readdir(cur, { withFileTypes: true });
    } catch {
      continue; // vanished or unreadable: nothing to list
    }
    for (const e of entries) {
      const abs = join(cur, e.name);
      if (e.isDirectory()) {
        if (!isSkippedDirName(e.name)) stack.push(abs);
      } else if (e.isFile()) {
        if (isArticleName(e.name)) out.push(idOf(root, abs));
      } else if (e.isSymbolicLink() && isArticleName(e.name)) {
        if (await isFileInside(root, abs)) out.push(idOf(root, abs));
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

/** Reads one file and builds its row, or `null` when it vanished or cannot be read. */
export async function readRow(root: string, id: string): Promise<ArticleSummary | null> {
  const abs = join(root, ...id.split('/'));
  try {
    const [bytes, st] = await Promise.all([fsp.readFile(abs), fsp.stat(abs)]);
    if (!st.isFile()) return null;
    return indexFile(id, bytes, { size: st.size, mtimeMs: st.mtimeMs });
  } catch {
    return null;
  }
}

/**
 * Indexes the given ids with a bounded number of reads in flight; reports progress
 * at most ~100 times plus once at the end.
 */
export async function indexIds(
  root: string,
  ids: readonly string[],
  onProgress?: (done: number, total: number) => void,
): Promise<Map<string, ArticleSummary>> {
  const rows = new Map<string, ArticleSummary>();
  const total = ids.length;
  const step = Math.max(1, Math.floor(total / 100));
  let next = 0;
  let done = 0;
  const worker = async (): Promise<void> => {
    while (next < total) {
      const id = ids[next++];
      const row = await readRow(root, id);
      if (row) rows.set(id, row);
      done++;
      if (onProgress && done % step === 0 && done < total) onProgress(done, total);
    }
  };
  await Promise.all(Array.from({ length: Math.min(16, total) }, worker));
  onProgress?.(total, total);
  // Keep a stable id order regardless of which read finished first.
  return new Map([...rows.entries()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)));
}

/** Lists and indexes a whole folder. */
export async function scanFolder(
  root: string,
  onProgress?: (done: number, total: number) => void,
): Promise<Map<string, ArticleSummary>> {
  const ids = await listArticleIds(root);
  onProgress?.(0, ids.length);
  return indexIds(root, ids, onProgress);
}

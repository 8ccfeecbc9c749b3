/**
 * The open watches and lists the folder in one pass (listArticleIds' `beforeFolder` sets up
 * each folder's watch before the folder is read): a file created, changed or deleted
 * between a folder's watch and its listing, or after it, is never missed — it is in the
 * listing or in a watcher batch (the library re-checks every batched path after the scan).
 */
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { listArticleIds } from '../../../src/core/index/scanner';
import { FolderWatcher } from '../../../src/core/library/watcher';
import { Library } from '../../../src/core/library/library';
import { validArticle, waitFor } from './fixtures';

const cleanup: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  while (cleanup.length) await cleanup.pop()?.();
});

function tempRoot(): string {
  const root = realpathSync(mkdtempSync(join(tmpdir(), 'curator-watch-list-')));
  cleanup.push(() => rmSync(root, { recursive: true, force: true }));
  return root;
}

/** A watcher whose batches are collected; `seen(paths)` resolves once all were batched. */
function collectingWatcher(root: string) {
  const batched = new Set<string>();
  let check = (): void => undefined;
  const watcher = new FolderWatcher(
    root,
    (batch) => {
      for (const p of batch) batched.add(p);
      check();
    },
    { debounceMs: 10 },
  );
  cleanup.push(() => watcher.close());
  const seen = (paths: string[]): Promise<void> =>
    new Promise((resolve) => {
      check = () => {
        if (paths.every((p) => batched.has(p))) resolve();
      };
      check();
    });
  return { watcher, batched, seen };
}

describe('one pass that watches and lists the folder', () => {
  it('misses no change made between a folder’s watch and its listing, or after', async () => {
    const root = tempRoot();
    mkdirSync(join(root, 'desk', 'deep'), { recursive: true });
    writeFileSync(join(root, 'top.md'), validArticle('Top'));
    writeFileSync(join(root, 'desk', 'old.md'), validArticle('Old'));
    writeFileSync(join(root, 'desk', 'gone.md'), validArticle('Gone'));
    writeFileSync(join(root, 'desk', 'deep', 'd.md'), validArticle('Deep'));
    const { watcher, batched, seen } = collectingWatcher(root);

    const watchedBeforeRead: string[] = [];
    const ids = await listArticleIds(root, root, async (rel) => {
      await watcher.watchFolder(rel);
      watchedBeforeRead.push(rel);
      if (rel !== 'desk') return;
      // Watched, not read yet: every change from here on must show up somewhere.
      writeFileSync(join(root, 'desk', 'new.md'), validArticle('New'));
      writeFileSync(join(root, 'desk', 'old.md'), validArticle('Old, edited'));
      rmSync(join(root, 'desk', 'gone.md'));
      mkdirSync(join(root, 'desk', 'fresh'));
      writeFileSync(join(root, 'desk', 'fresh', 'f.md'), validArticle('Fresh'));
    });

    expect(ids).toEqual([
      'desk/deep/d.md',
      'desk/fresh/f.md',
      'desk/new.md',
      'desk/old.md',
      'top.md',
    ]);
    expect(watchedBeforeRead.sort()).toEqual(['', 'desk', 'desk/deep', 'desk/fresh']);
    for (const rel of ['', 'desk', 'desk/deep', 'desk/fresh'])
      expect(watcher.isWatched(rel)).toBe(true);

    // After the listing: still watched, in every folder.
    writeFileSync(join(root, 'desk', 'deep', 'later.md'), validArticle('Later'));
    writeFileSync(join(root, 'desk', 'fresh', 'f.md'), validArticle('Fresh, edited'));
    rmSync(join(root, 'top.md'));
    await seen([
      'desk/new.md',
      'desk/old.md',
      'desk/gone.md',
      'desk/fresh',
      'desk/deep/later.md',
      'desk/fresh/f.md',
      'top.md',
    ]);
    expect(batched.has('desk/gone.md')).toBe(true);
  });

  it('names folders for the watcher as a text readdir does, and skips hidden ones', async () => {
    const root = tempRoot();
    mkdirSync(join(root, 'a\\b'), { recursive: true });
    mkdirSync(join(root, '.git'));
    mkdirSync(join(root, 'node_modules'));
    writeFileSync(join(root, 'a\\b', 'x.md'), validArticle('X'));
    const { watcher, seen } = collectingWatcher(root);
    const rels: string[] = [];
    const ids = await listArticleIds(root, root, async (rel) => {
      rels.push(rel);
      await watcher.watchFolder(rel);
    });
    expect(ids).toHaveLength(1); // an escaped id (the name holds a backslash)
    expect(rels.sort()).toEqual(['', 'a\\b']);
    expect(watcher.isWatched('a\\b')).toBe(true);
    writeFileSync(join(root, 'a\\b', 'y.md'), validArticle('Y'));
    await seen(['a\\b/y.md']);
  });

  it('Library.open with watch: every folder watched after open, external changes indexed', async () => {
    const root = tempRoot();
    mkdirSync(join(root, 'one', 'two'), { recursive: true });
    writeFileSync(join(root, 'one', 'two', 'a.md'), validArticle('Alpha'));
    const lib = await Library.open(root, { watch: true, cache: false, debounceMs: 10 });
    cleanup.push(() => lib.close());
    expect(lib.entries().map((e) => e.id)).toEqual(['one/two/a.md']);
    writeFileSync(join(root, 'one', 'two', 'b.md'), validArticle('Bravo'));
    writeFileSync(join(root, 'one', 'two', 'a.md'), validArticle('Alpha edited'));
    await waitFor(
      () =>
        lib.entries().some((e) => e.id === 'one/two/b.md') &&
        lib.entries().find((e) => e.id === 'one/two/a.md')?.title === 'Alpha edited',
    );
  });
});

import { mkdirSync, renameSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { LibraryEvent } from '../../../src/shared/contract';
import { Library } from '../../../src/core/library/library';
import { makeFolder, validArticle, waitFor } from './fixtures';

const cleanup: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  while (cleanup.length) await cleanup.pop()?.();
});

async function openWatched(files: Record<string, string>) {
  const root = makeFolder(files);
  const lib = await Library.open(root, { watch: true });
  const events: LibraryEvent[] = [];
  lib.on('event', (e) => events.push(e));
  cleanup.push(() => rmSync(root, { recursive: true, force: true }));
  cleanup.push(() => lib.close());
  const has = (type: string, id: string) =>
    events.some((e) => e.type === type && 'id' in e && e.id === id);
  return { root, lib, events, has };
}

describe('watching the folder', () => {
  it('sees external add, change and remove', async () => {
    const { root, lib, has } = await openWatched({ 'a.md': validArticle('Alpha') });

    writeFileSync(join(root, 'b.md'), validArticle('Bravo'));
    await waitFor(() => has('added', 'b.md'));
    expect(lib.entries().find((e) => e.id === 'b.md')?.title).toBe('Bravo');

    writeFileSync(join(root, 'a.md'), validArticle('Alpha edited'));
    await waitFor(() => has('changed', 'a.md'));
    expect(lib.entries().find((e) => e.id === 'a.md')?.title).toBe('Alpha edited');

    rmSync(join(root, 'b.md'));
    await waitFor(() => has('removed', 'b.md'));
    expect(lib.entries().map((e) => e.id)).toEqual(['a.md']);
  });

  it('follows new sub-folders (and files created in them right away)', async () => {
    const { root, lib, has } = await openWatched({ 'a.md': validArticle() });
    mkdirSync(join(root, 'new/deeper'), { recursive: true });
    writeFileSync(join(root, 'new/deeper/x.md'), validArticle('Deep'));
    await waitFor(() => has('added', 'new/deeper/x.md'));
    // A later change inside the new folder is seen too: it is watched now.
    writeFileSync(join(root, 'new/deeper/x.md'), validArticle('Deep edited'));
    await waitFor(() => has('changed', 'new/deeper/x.md'));
    expect(lib.entries().find((e) => e.id === 'new/deeper/x.md')?.title).toBe('Deep edited');
    // Removing the folder removes its articles.
    rmSync(join(root, 'new'), { recursive: true });
    await waitFor(() => has('removed', 'new/deeper/x.md'));
    expect(lib.entries().map((e) => e.id)).toEqual(['a.md']);
  });

  it('handles editors that save by writing a temp file and renaming it over the article', async () => {
    const { root, lib, has, events } = await openWatched({ 'sub/a.md': validArticle('One') });
    const file = join(root, 'sub/a.md');
    writeFileSync(join(root, 'sub/.a.md.swp'), validArticle('Two'));
    renameSync(join(root, 'sub/.a.md.swp'), file);
    await waitFor(() => lib.entries().find((e) => e.id === 'sub/a.md')?.title === 'Two');
    expect(has('changed', 'sub/a.md')).toBe(true);
    // A second rename-save on the replaced file is seen as well.
    events.length = 0;
    writeFileSync(join(root, 'sub/a.md.tmp'), validArticle('Three'));
    renameSync(join(root, 'sub/a.md.tmp'), file);
    await waitFor(() => lib.entries().find((e) => e.id === 'sub/a.md')?.title === 'Three');
    expect(has('changed', 'sub/a.md')).toBe(true);
    expect(events.some((e) => 'id' in e && e.id !== 'sub/a.md')).toBe(false);
  });

  it('keeps watching a folder deleted and re-created under the same name', async () => {
    const { root, lib, has, events } = await openWatched({ 'sub/a.md': validArticle('A') });
    rmSync(join(root, 'sub'), { recursive: true });
    mkdirSync(join(root, 'sub'));
    writeFileSync(join(root, 'sub/b.md'), validArticle('B'));
    await waitFor(() => has('removed', 'sub/a.md') && has('added', 'sub/b.md'));
    events.length = 0;
    writeFileSync(join(root, 'sub/b.md'), validArticle('B2'));
    await waitFor(() => has('changed', 'sub/b.md'));
    expect(lib.entries().map((e) => [e.id, e.title])).toEqual([['sub/b.md', 'B2']]);
  });

  it('sees a folder renamed into place (git checkout, mv)', async () => {
    const { root, lib, has } = await openWatched({ 'old/a.md': validArticle('A') });
    renameSync(join(root, 'old'), join(root, 'moved'));
    await waitFor(() => has('removed', 'old/a.md') && has('added', 'moved/a.md'));
    expect(lib.entries().map((e) => e.id)).toEqual(['moved/a.md']);
    writeFileSync(join(root, 'moved/a.md'), validArticle('A2'));
    await waitFor(() => has('changed', 'moved/a.md'));
  });

  it("announces the library's own writes once, as its own, and still sees an external change right after", async () => {
    const { root, lib, events, has } = await openWatched({
      'a.md': validArticle('Alpha'),
      'b.md': validArticle('B', 'review:\n  status: approved\n'),
    });
    const a = await lib.getArticle('a.md');
    const res = await lib.save('a.md', [{ op: 'set', path: 'quality', value: 77 }], {
      baseHash: a.hash,
    });
    expect(res.ok).toBe(true);
    await lib.publish(['b.md']);
    // A marker change proves the watcher has caught up with everything before it.
    writeFileSync(join(root, 'marker.md'), validArticle('Marker'));
    await waitFor(() => has('added', 'marker.md'));
    // Each own write is announced once, as own (by the Library itself, before the write
    // answers); the watcher adds nothing for them.
    expect(events.filter((e) => 'id' in e && (e.id === 'a.md' || e.id === 'b.md'))).toEqual([
      { type: 'changed', id: 'a.md', origin: 'own' },
      { type: 'changed', id: 'b.md', origin: 'own' },
    ]);
    expect(lib.entries().find((e) => e.id === 'a.md')?.quality).toBe(77);

    writeFileSync(
      join(root, 'a.md'),
      readFileSync(join(root, 'a.md'), 'utf8').replace('quality: 77', 'quality: 12'),
    );
    await waitFor(() =>
      events.some((e) => e.type === 'changed' && e.id === 'a.md' && e.origin === 'external'),
    );
    expect(lib.entries().find((e) => e.id === 'a.md')?.quality).toBe(12);
  });

  it('stops emitting after close', async () => {
    const { root, lib, events } = await openWatched({ 'a.md': validArticle() });
    await lib.close();
    writeFileSync(join(root, 'b.md'), validArticle('B'));
    await new Promise((r) => setTimeout(r, 300));
    expect(events).toEqual([]);
  });
});

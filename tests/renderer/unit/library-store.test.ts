/**
 * The library store against the real engine: one refresh path for own writes and change
 * events, answers that show the state on disk, and a bounded number of queries however many
 * changes arrive.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { CuratorApi, LibraryEvent } from '../../../src/shared/contract';
import {
  createLibraryStore,
  type LibraryStore,
} from '../../../src/renderer/src/store/library-store';
import { article } from '../helpers/fixtures';
import { openEngine, type InProcessEngine } from '../helpers/in-process-api';

let engine: InProcessEngine | null = null;
let disconnect: (() => void) | null = null;
afterEach(async () => {
  disconnect?.();
  disconnect = null;
  await engine?.close();
  engine = null;
});

/** The engine's API with an event source the test can also feed (a burst of foreign changes). */
function withEventSource(api: CuratorApi) {
  const listeners = new Set<(e: LibraryEvent) => void>();
  const wrapped: CuratorApi = {
    ...api,
    onEvent(listener) {
      listeners.add(listener);
      const off = api.onEvent(listener);
      return () => {
        listeners.delete(listener);
        off();
      };
    },
  };
  return { api: wrapped, emit: (e: LibraryEvent) => listeners.forEach((l) => l(e)) };
}

async function openStore(files: Record<string, string>, opts: { watch?: boolean } = {}) {
  engine = await openEngine(files, opts);
  const source = withEventSource(engine.api);
  const errors: unknown[] = [];
  const store = createLibraryStore(source.api, { onError: (e) => errors.push(e), delayMs: 20 });
  disconnect = store.connect();
  store.setQuery({ sort: { key: 'title', dir: 'asc' } });
  store.ensureRange(0, 50);
  await store.refresh();
  return { store, emit: source.emit, errors, calls: engine.calls };
}

const callsOf = (calls: InProcessEngine['calls'], from: number) =>
  calls.slice(from).map((c) => c.method);

function titles(store: LibraryStore): string[] {
  const out: string[] = [];
  for (let i = 0; i < store.getSnapshot().total; i++) out.push(store.getRow(i)?.title ?? '?');
  return out;
}

describe('library store', () => {
  it('an own write shows on the next refresh: rows, counts, facets and problems', async () => {
    const { store, errors } = await openStore({
      'a.md': article({ title: 'Alpha', quality: 140 }),
      'b.md': article({ title: 'Beta' }),
    });
    store.watchProblems(true);
    await store.refresh();
    expect(store.getSnapshot().stateCounts?.problems).toBe(1);
    expect(JSON.stringify(store.getSnapshot().problems)).toContain('(it is 140)');

    const a = await engine!.api.getArticle({ id: 'a.md' });
    const res = await store.written(
      engine!.api.save({
        id: 'a.md',
        baseHash: a.hash,
        patch: [
          { op: 'set', path: 'title', value: 'Alpha renamed' },
          { op: 'set', path: 'quality', value: 90 },
          { op: 'set', path: 'category', value: 'science' },
        ],
      }),
    );
    expect(res.ok).toBe(true);
    await store.settled();
    const s = store.getSnapshot();
    expect(titles(store)).toEqual(['Alpha renamed', 'Beta']);
    expect(store.getRow(0)?.quality).toBe(90);
    expect(s.stateCounts?.problems).toBe(0);
    expect(s.problems?.files).toEqual([]);
    expect(s.facets.categories).toEqual(
      expect.arrayContaining([
        { value: 'science', count: 1 },
        { value: 'news', count: 1 },
      ]),
    );
    expect(errors).toEqual([]);
  });

  it('1,000 change events cost one refresh, not 1,000 queries', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 30; i++) files[`f${i}.md`] = article({ title: `File ${i}` });
    const { store, emit, calls } = await openStore(files);
    const from = calls.length;
    for (let i = 0; i < 1000; i++) emit({ type: 'changed', id: `f${i % 30}.md` });
    await store.settled();
    // One refresh: the window in view, the state counts, the facets and the folder.
    expect(callsOf(calls, from).sort()).toEqual(['facets', 'getFolder', 'query', 'query']);
  });

  it('a bulk action refreshes once, after it; changes reported during it join that refresh', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 40; i++) files[`f${i}.md`] = article({ title: `File ${i}` });
    const { store, emit, calls } = await openStore(files);
    const ids = Object.keys(files);
    const from = calls.length;
    const write = engine!.api.review({ ids, status: 'approved' });
    const done = store.written(write);
    for (const id of ids) emit({ type: 'changed', id }); // as the engine reports its own writes
    const result = await done;
    expect(result.changed).toBe(40);
    await store.settled();
    expect(
      callsOf(calls, from)
        .filter((m) => m !== 'review')
        .sort(),
    ).toEqual(['facets', 'getFolder', 'query', 'query']);
    expect(store.getSnapshot().stateCounts?.approved).toBe(40);
    expect(store.getSnapshot().stateCounts?.unreviewed).toBe(0);
  });

  it('a foreign change on disk reaches the rows through the same refresh', async () => {
    const { store } = await openStore({ 'a.md': article({ title: 'Alpha' }) }, { watch: true });
    const changed = new Promise<void>((resolve) =>
      store.onEvent((e) => {
        if (e.type === 'changed' && e.id === 'a.md') resolve();
      }),
    );
    await engine!.write('a.md', article({ title: 'Alpha from elsewhere' }));
    await changed;
    await store.settled();
    expect(titles(store)).toEqual(['Alpha from elsewhere']);
  });
});

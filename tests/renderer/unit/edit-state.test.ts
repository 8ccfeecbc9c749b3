import { describe, expect, it } from 'vitest';
import { patchData as applyOps } from '../../../src/shared/patch';
import {
  editReducer,
  initialEditState,
  isDirty,
  withOp,
  type EditState,
} from '../../../src/renderer/src/lib/edit-state';

const base = {
  title: 'Original title',
  quality: 35,
  provider: { name: 'AOL', domain: 'aol.com' },
  topics: ['Computer Vision', 'AI'],
  images: [{ url: 'https://a.example/x.jpg', width: 1200, height: 675 }],
};

function run(state: EditState, ...actions: Parameters<typeof editReducer>[1][]): EditState {
  return actions.reduce(editReducer, state);
}

describe('patch state', () => {
  it('records only touched fields, keyed by path', () => {
    const s = run(initialEditState(base), { type: 'set', path: 'provider.name', value: 'Reuters' });
    expect(s.ops).toEqual([{ op: 'set', path: 'provider.name', value: 'Reuters' }]);
    expect(applyOps(base, s.ops).provider).toEqual({ name: 'Reuters', domain: 'aol.com' });
    // The original object is never mutated.
    expect(base.provider.name).toBe('AOL');
  });

  it('drops the op when a value is set back to its original', () => {
    const s = run(
      initialEditState(base),
      { type: 'set', path: 'title', value: 'New', coalesce: true },
      { type: 'set', path: 'title', value: 'Original title', coalesce: true },
    );
    expect(s.ops).toEqual([]);
    const lists = run(
      initialEditState(base),
      { type: 'set', path: 'topics', value: ['AI'] },
      {
        type: 'set',
        path: 'topics',
        value: ['Computer Vision', 'AI'],
      },
    );
    expect(lists.ops).toEqual([]);
  });

  it('unset of a field the file never had is no op; unset of an existing one is', () => {
    expect(run(initialEditState(base), { type: 'unset', path: 'heat' }).ops).toEqual([]);
    expect(run(initialEditState(base), { type: 'unset', path: 'quality' }).ops).toEqual([
      { op: 'unset', path: 'quality' },
    ]);
  });

  it('edits inside an op on an ancestor instead of overlapping it', () => {
    const list = [...base.images, { url: 'https://b.example/y.jpg' }];
    let ops = withOp(base, [], 'images', list);
    ops = withOp(base, ops, 'images[1].width', 640);
    expect(ops).toEqual([
      {
        op: 'set',
        path: 'images',
        value: [...base.images, { url: 'https://b.example/y.jpg', width: 640 }],
      },
    ]);
    // A whole-list op replaces earlier ops on its items.
    let item = withOp(base, [], 'images[0].width', 800);
    item = withOp(base, item, 'images', []);
    expect(item).toEqual([{ op: 'set', path: 'images', value: [] }]);
  });

  it('coalesces typing in one field into one undo step; undo/redo walk the history', () => {
    let s = run(
      initialEditState(base),
      { type: 'set', path: 'title', value: 'O', coalesce: true },
      { type: 'set', path: 'title', value: 'On', coalesce: true },
      { type: 'set', path: 'title', value: 'One', coalesce: true },
      { type: 'set', path: 'quality', value: 80, coalesce: true },
    );
    expect(s.past).toHaveLength(2);
    s = editReducer(s, { type: 'undo' });
    expect(applyOps(base, s.ops)).toMatchObject({ title: 'One', quality: 35 });
    s = editReducer(s, { type: 'undo' });
    expect(s.ops).toEqual([]);
    expect(editReducer(s, { type: 'undo' })).toBe(s);
    s = editReducer(s, { type: 'redo' });
    expect(applyOps(base, s.ops).title).toBe('One');
    s = editReducer(s, { type: 'redo' });
    expect(applyOps(base, s.ops).quality).toBe(80);
    expect(s.future).toEqual([]);
  });

  it('a new edit clears redo; revert is undoable; reset starts over', () => {
    let s = run(
      initialEditState(base),
      { type: 'set', path: 'quality', value: 1 },
      { type: 'undo' },
      { type: 'set', path: 'quality', value: 2 },
    );
    expect(s.future).toEqual([]);
    s = editReducer(s, { type: 'revert' });
    expect(s.ops).toEqual([]);
    s = editReducer(s, { type: 'undo' });
    expect(s.ops).toEqual([{ op: 'set', path: 'quality', value: 2 }]);
    s = editReducer(s, { type: 'reset', base: { title: 'x' } });
    expect(s).toEqual(initialEditState({ title: 'x' }));
  });
});

describe('edit state of one article', () => {
  it('ignores edits meant for another article', () => {
    const s = initialEditState(base, 'a.md');
    expect(editReducer(s, { id: 'b.md', type: 'set', path: 'title', value: 'x' })).toBe(s);
    expect(
      editReducer(s, {
        id: 'b.md',
        type: 'draft',
        path: 'heat',
        draft: { text: 'abc', message: 'm' },
      }),
    ).toBe(s);
    expect(editReducer(s, { id: 'a.md', type: 'set', path: 'title', value: 'x' }).ops).toEqual([
      { op: 'set', path: 'title', value: 'x' },
    ]);
  });

  it('a draft is an unsaved change until a value, revert, undo or another article replaces it', () => {
    const draft = { text: 'abc', message: 'Heat must be a number.' };
    let s = editReducer(initialEditState(base, 'a.md'), {
      id: 'a.md',
      type: 'draft',
      path: 'heat',
      draft,
    });
    expect(isDirty(s)).toBe(true);
    expect(s.ops).toEqual([]);
    expect(editReducer(s, { type: 'revert' }).drafts.size).toBe(0);
    expect(editReducer(s, { type: 'set', path: 'heat', value: 3 }).drafts.size).toBe(0);
    expect(editReducer(s, { type: 'reset', id: 'b.md', base }).drafts.size).toBe(0);
    // A whole-list edit drops drafts inside the list (their widgets moved or went).
    s = editReducer(s, { type: 'draft', path: 'images[0].width', draft });
    expect(editReducer(s, { type: 'set', path: 'images', value: [] }).drafts.has('heat')).toBe(
      true,
    );
    expect(editReducer(s, { type: 'set', path: 'images', value: [] }).drafts.size).toBe(1);
    s = editReducer(s, { type: 'set', path: 'title', value: 'T' });
    expect(editReducer(s, { type: 'undo' }).drafts.size).toBe(0);
  });
});

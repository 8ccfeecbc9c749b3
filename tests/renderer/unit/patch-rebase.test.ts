import { describe, expect, it } from 'vitest';
import type { FrontMatter } from '../../../src/shared/article';
import { patchData as applyOps } from '../../../src/shared/patch';
import {
  editReducer,
  initialEditState,
  type EditAction,
  type EditState,
} from '../../../src/renderer/src/lib/edit-state';

const run = (state: EditState, ...actions: EditAction[]): EditState =>
  actions.reduce(editReducer, state);

const BASE: FrontMatter = {
  title: 'Original',
  quality: 40,
  provider: { name: 'AOL', domain: 'aol.com' },
  topics: ['AI'],
};

describe('rebase after a save (undo survives saving)', () => {
  it('keeps the history: undo after a save steps back to the values before it', () => {
    let s = run(
      initialEditState(BASE),
      { type: 'set', path: 'title', value: 'First', coalesce: true },
      { type: 'set', path: 'quality', value: 41 },
    );
    const saved = applyOps(BASE, s.ops);
    s = run(s, { type: 'rebase', base: saved });
    expect(s.ops).toEqual([]);
    expect(s.base).toBe(saved);

    s = run(s, { type: 'undo' });
    expect(applyOps(s.base, s.ops)).toEqual({ ...BASE, title: 'First' });
    expect(s.ops).toEqual([{ op: 'set', path: 'quality', value: 40 }]);
    s = run(s, { type: 'undo' });
    expect(applyOps(s.base, s.ops)).toEqual(BASE);
    s = run(s, { type: 'redo' }, { type: 'redo' });
    expect(s.ops).toEqual([]);
  });

  it('keeps edits made while the save was in flight, as unsaved changes', () => {
    let s = run(initialEditState(BASE), { type: 'set', path: 'title', value: 'Saved title' });
    const saved = applyOps(BASE, s.ops);
    s = run(s, { type: 'set', path: 'provider.name', value: 'AP' });
    s = run(s, { type: 'rebase', base: saved });
    expect(s.ops).toEqual([{ op: 'set', path: 'provider.name', value: 'AP' }]);
  });

  it('an added field undone after the save is removed again (unset), not set to undefined', () => {
    let s = run(initialEditState(BASE), { type: 'set', path: 'category', value: 'news' });
    const saved = applyOps(BASE, s.ops);
    s = run(s, { type: 'rebase', base: saved }, { type: 'undo' });
    expect(s.ops).toEqual([{ op: 'unset', path: 'category' }]);
    expect(applyOps(s.base, s.ops)).toEqual(BASE);
  });

  it('nested and list edits rebase to the same values', () => {
    let s = run(
      initialEditState(BASE),
      { type: 'set', path: 'topics', value: ['AI', 'Policy'] },
      { type: 'set', path: 'provider.domain', value: 'aol.co.uk' },
    );
    const saved = applyOps(BASE, s.ops);
    s = run(s, { type: 'rebase', base: saved }, { type: 'undo' }, { type: 'undo' });
    expect(applyOps(s.base, s.ops)).toEqual(BASE);
  });
});

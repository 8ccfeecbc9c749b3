import { describe, expect, it } from 'vitest';
import type { FrontMatter, PatchOp } from '../../../src/shared/article';
import { patchData } from '../../../src/shared/patch';
import {
  compareFields,
  mergedPatch,
  unresolved,
  type Side,
} from '../../../src/renderer/src/lib/three-way';

const base: FrontMatter = {
  title: 'Alpha',
  excerpt: 'About.',
  quality: 40,
  provider: { name: 'AOL', domain: 'aol.com' },
  topics: ['AI', 'Policy'],
};

/** The merged front matter: the patch applied to the disk version. */
function merge(
  mine: FrontMatter,
  ops: PatchOp[],
  theirs: FrontMatter,
  choices: Record<string, Side> = {},
) {
  const rows = compareFields(base, mine, theirs);
  return { rows, result: patchData(theirs, mergedPatch(rows, choices, theirs, mine, ops)) };
}

describe('three-way compare of a conflict', () => {
  it('classifies each field: untouched, mine only, theirs only, the same change, a clash', () => {
    const mine = { ...base, title: 'Mine', quality: 41, excerpt: 'Both.' };
    const theirs = { ...base, title: 'Theirs', topics: ['AI'], excerpt: 'Both.', heat: 3 };
    const rows = compareFields(base, mine, theirs);
    const by = Object.fromEntries(rows.map((r) => [r.key, r.merge]));
    expect(by).toEqual({
      title: 'clash',
      excerpt: 'agree',
      quality: 'mine',
      provider: 'same',
      topics: 'theirs',
      heat: 'theirs',
    });
    expect(unresolved(rows, {}).map((r) => r.key)).toEqual(['title']);
    expect(unresolved(rows, { title: 'mine' })).toEqual([]);
  });

  it('keeps changes from both sides and writes mine as my own edits (narrow paths)', () => {
    const mine = { ...base, provider: { name: 'Yahoo', domain: 'aol.com' } };
    const ops: PatchOp[] = [{ op: 'set', path: 'provider.name', value: 'Yahoo' }];
    const theirs = { ...base, quality: 77 };
    const rows = compareFields(base, mine, theirs);
    expect(mergedPatch(rows, {}, theirs, mine, ops)).toEqual(ops);
    expect(merge(mine, ops, theirs).result).toEqual({ ...theirs, provider: mine.provider });
  });

  it('a clash keeps the chosen side; "mine" for a field both changed writes all of mine', () => {
    const mine = { ...base, provider: { name: 'Yahoo', domain: 'aol.com' } };
    const ops: PatchOp[] = [{ op: 'set', path: 'provider.name', value: 'Yahoo' }];
    const theirs = { ...base, provider: { name: 'AOL', domain: 'aol.co.uk' } };
    expect(merge(mine, ops, theirs, { provider: 'theirs' }).result).toEqual(theirs);
    expect(merge(mine, ops, theirs, { provider: 'mine' }).result).toEqual(mine);
  });

  it('a field the editor removed stays removed; one removed on disk stays removed', () => {
    const { excerpt: _e, ...mine } = base;
    const { topics: _t, ...theirs } = base;
    const ops: PatchOp[] = [{ op: 'unset', path: 'excerpt' }];
    const { result } = merge(mine, ops, theirs);
    expect(result).not.toHaveProperty('excerpt');
    expect(result).not.toHaveProperty('topics');
    expect(result.title).toBe('Alpha');
  });

  it('compares the Markdown body as one more row, written as the body op when mine is kept', () => {
    const bodies = { base: 'Body.\n', mine: 'My body.\n', theirs: 'Body.\n' };
    const ops: PatchOp[] = [{ op: 'body', value: 'My body.\n' }];
    const rows = compareFields(base, base, base, bodies);
    expect(rows.filter((r) => r.body).map((r) => r.merge)).toEqual(['mine']);
    expect(mergedPatch(rows, {}, base, base, ops)).toEqual(ops);
    const both = compareFields(base, base, base, { ...bodies, theirs: 'Their body.\n' });
    const [row] = both.filter((r) => r.body);
    expect(row.merge).toBe('clash');
    expect(mergedPatch(both, { [row.key]: 'theirs' }, base, base, ops)).toEqual([]);
    expect(mergedPatch(both, { [row.key]: 'mine' }, base, base, ops)).toEqual(ops);
  });
});

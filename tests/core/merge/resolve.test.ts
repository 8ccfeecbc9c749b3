/** Resolving a conflicted article per field: Keep mine, Take theirs, or an edited value. */
import { describe, expect, it } from 'vitest';
import { CodecError, parseArticle } from '../../../src/core/codec/index';
import { resolveConflicts } from '../../../src/core/merge/index';
import { changes, edit, mergeFiles, readBytes, seed, tempDir, text } from './helpers';

const tmp = tempDir();
const withBody = `${seed}Para one.\n\nPara two.\n`;
const ours = edit(
  edit(edit(withBody, 'quality: 35', 'quality: 80'), '  name: AOL\n', '  name: AOL Mail\n'),
  'Para two.',
  'Our para.',
);
const theirs = edit(
  edit(
    edit(
      edit(withBody, 'quality: 35', 'quality: 20'),
      '  name: AOL\n',
      "  name: 'America Online'\n",
    ),
    'Para two.',
    'Their para.',
  ),
  'heat: -1',
  'heat: 3',
);

/** Merges, then resolves the merged file as read back from disk. */
function conflicted() {
  const m = mergeFiles(tmp, withBody, ours, theirs);
  const path = tmp.write(`conflicted-${Math.random().toString(36).slice(2)}.md`, m.bytes);
  return { m, current: readBytes(path), ...m.before };
}

describe('resolveConflicts', () => {
  it('the merge reports the three clashes and keeps the clean change', () => {
    const { m } = conflicted();
    expect(m.result.conflicts.map((c) => c.path)).toEqual(['quality', 'provider.name', 'body']);
    expect(m.data!.heat).toBe(3);
  });

  it('Take theirs for one field: their line pasted, the other clashes remain', () => {
    const { current, base, ours: o, theirs: t } = conflicted();
    const r = resolveConflicts(current, base, o, t, [{ path: 'provider.name', take: 'theirs' }]);
    expect(changes(current, r.bytes)).toEqual({
      removed: ['  name: AOL Mail'],
      added: ["  name: 'America Online'"],
    });
    expect(r.remaining.map((c) => c.path)).toEqual(['quality', 'body']);
  });

  it('Keep mine, an edited value and their body settle everything', () => {
    const { current, base, ours: o, theirs: t } = conflicted();
    const r = resolveConflicts(current, base, o, t, [
      { path: 'quality', take: 'ours' },
      { path: 'provider.name', value: 'AOL (edited)' },
      { path: 'body', take: 'theirs' },
    ]);
    expect(r.remaining).toEqual([]);
    const parsed = parseArticle(r.bytes);
    expect(parsed.data).toMatchObject({ quality: 80, heat: 3, provider: { name: 'AOL (edited)' } });
    expect(parsed.body).toBe('\nPara one.\n\nTheir para.\n');
    expect(changes(current, r.bytes).removed).toEqual(['  name: AOL Mail', 'Our para.']);
  });

  it('choosing a parent path settles the conflicts inside it', () => {
    const { current, base, ours: o, theirs: t } = conflicted();
    const r = resolveConflicts(current, base, o, t, [{ path: 'provider', take: 'theirs' }]);
    expect(r.remaining.map((c) => c.path)).toEqual(['quality', 'body']);
    expect(parseArticle(r.bytes).data!.provider).toEqual({
      name: 'America Online',
      domain: 'aol.com',
    });
  });

  it('a value of undefined removes the field', () => {
    const { current, base, ours: o, theirs: t } = conflicted();
    const r = resolveConflicts(current, base, o, t, [{ path: 'quality', value: undefined }]);
    expect(parseArticle(r.bytes).data).not.toHaveProperty('quality');
    expect(changes(current, r.bytes)).toEqual({ removed: ['quality: 80'], added: [] });
  });

  it('a malformed side: the whole file is taken from one side', () => {
    const bad = edit(seed, 'heat: -1', 'heat: -1\nheat: 2');
    const m = mergeFiles(tmp, seed, edit(seed, 'quality: 35', 'quality: 1'), bad);
    expect(m.result.conflicts.map((c) => c.path)).toEqual(['']);
    const { base, ours: o, theirs: t } = m.before;
    const theirsWhole = resolveConflicts(m.bytes, base, o, t, [{ path: '', take: 'theirs' }]);
    expect(text(theirsWhole.bytes)).toBe(bad);
    expect(theirsWhole.remaining).toEqual([]);
    const edited = resolveConflicts(m.bytes, base, o, t, [{ path: '', value: seed }]);
    expect(text(edited.bytes)).toBe(seed);
  });

  it('refuses a current file that cannot be parsed, and a bad path', () => {
    const { base, ours: o, theirs: t } = conflicted();
    const broken = new TextEncoder().encode('---\na: [\n---\n');
    expect(() =>
      resolveConflicts(broken, base, o, t, [{ path: 'quality', take: 'theirs' }]),
    ).toThrow(CodecError);
    const { current } = conflicted();
    expect(() => resolveConflicts(current, base, o, t, [{ path: 'a..b', take: 'theirs' }])).toThrow(
      CodecError,
    );
  });
});

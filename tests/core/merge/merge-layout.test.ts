/**
 * Changes beyond field values — comments, blank lines, key order, line endings, BOM — are never
 * dropped by the field-level merge (issue 11 "never a lost value"; GUIDE: no data loss). Each
 * case is merged from real files: kept on both sides (exact bytes), or a `(formatting)`
 * conflict with our file kept valid and both versions' texts in the conflict.
 */
import { describe, expect, it } from 'vitest';
import { mergeArticle, resolveConflicts } from '../../../src/core/merge/index';
import { edit, mergeFiles, readBytes, seed, tempDir, text } from './helpers';

const tmp = tempDir();
const base = edit(seed, 'category: news\n', 'category: news # c\n');
/** Ours changed one field. */
const ours = edit(base, 'quality: 35', 'quality: 80');
const crlf = (s: string) => s.replace(/\n/g, '\r\n');
const ourValue = (s: string) => edit(s, 'quality: 35', 'quality: 80');

describe('their changes beyond field values, our field change: both kept', () => {
  it('(a) a comment line they added', () => {
    const t = edit(base, 'heat: -1\n', 'heat: -1\n# note from theirs\n');
    const m = mergeFiles(tmp, base, ours, t);
    expect(m.result).toMatchObject({ clean: true, conflicts: [] });
    expect(m.out).toBe(ourValue(t));
  });

  it('(b) a trailing comment they changed on a field we did not touch', () => {
    const t = edit(base, 'category: news # c', 'category: news # changed comment');
    const m = mergeFiles(tmp, base, ours, t);
    expect(m.result.clean).toBe(true);
    expect(m.out).toBe(ourValue(t));
  });

  it('(b) a trailing comment they changed on the line next to our field', () => {
    const b = edit(base, 'heat: -1', 'heat: -1 # c');
    const t = edit(b, 'heat: -1 # c', 'heat: -1 # changed comment');
    const m = mergeFiles(tmp, b, ourValue(b), t);
    expect(m.result.clean).toBe(true);
    expect(m.out).toBe(ourValue(t));
  });

  it('(c) their line endings changed to CRLF', () => {
    const t = crlf(base);
    const m = mergeFiles(tmp, base, ours, t);
    expect(m.result.clean).toBe(true);
    expect(m.out).toBe(crlf(ours));
  });

  it('(d) a BOM they added', () => {
    const t = `\uFEFF${base}`;
    const m = mergeFiles(tmp, base, ours, t);
    expect(m.result.clean).toBe(true);
    expect(Buffer.from(m.bytes).subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(m.out).toBe(`\uFEFF${ours}`);
  });

  it('(e) keys they reordered', () => {
    const t = edit(
      base,
      'title: "Call for UK’s biggest police force to stop using facial recognition technology"\nexcerpt: "Fourteen campaign groups have written an open letter to the new boss of the Metropolitan Police on his first day in the job."\n',
      'excerpt: "Fourteen campaign groups have written an open letter to the new boss of the Metropolitan Police on his first day in the job."\ntitle: "Call for UK’s biggest police force to stop using facial recognition technology"\n',
    );
    const m = mergeFiles(tmp, base, ours, t);
    expect(m.result.clean).toBe(true);
    expect(m.out).toBe(ourValue(t));
  });

  it('their layout change and their field change, with our field change', () => {
    const t = edit(crlf(base), 'heat: -1', 'heat: 7');
    const m = mergeFiles(tmp, base, ours, t);
    expect(m.result.clean).toBe(true);
    expect(m.out).toBe(ourValue(t));
    expect(m.data).toMatchObject({ quality: 80, heat: 7 });
  });

  it('a clashing field keeps our value, their comment is merged in', () => {
    const t = edit(edit(base, 'quality: 35', 'quality: 20'), 'heat: -1\n', 'heat: -1\n\n# x\n');
    const m = mergeFiles(tmp, base, ours, edit(t, 'category: news # c', 'category: news # d'));
    expect(m.result.conflicts.map((c) => c.path)).toEqual(['quality']);
    expect(m.out).toBe(
      edit(
        edit(ours, 'heat: -1\n', 'heat: -1\n\n# x\n'),
        'category: news # c',
        'category: news # d',
      ),
    );
  });
});

describe('our changes beyond field values are kept', () => {
  it('a comment we added and a trailing comment we changed, their field change', () => {
    const o = edit(edit(ours, 'heat: -1\n', 'heat: -1\n# ours\n'), '# c\n', '# mine\n');
    const t = edit(base, '  name: AOL\n', '  name: AOL News\n');
    const m = mergeFiles(tmp, base, o, t);
    expect(m.result.clean).toBe(true);
    expect(m.out).toBe(edit(o, '  name: AOL\n', '  name: AOL News\n'));
  });

  it('our line endings and BOM changed, their field change', () => {
    const o = `\uFEFF${crlf(ours)}`;
    const t = edit(base, 'heat: -1', 'heat: 3');
    const m = mergeFiles(tmp, base, o, t);
    expect(m.result.clean).toBe(true);
    expect(m.out).toBe(edit(o, 'heat: -1', 'heat: 3'));
  });
});

describe('changes that cannot be merged line by line: a (formatting) conflict', () => {
  /** Our file kept valid and unchanged, both texts in the conflict, never a marker. */
  function expectFormattingConflict(b: string, o: string, t: string) {
    const m = mergeFiles(tmp, b, o, t);
    expect(m.result.clean).toBe(false);
    const c = m.result.conflicts.find((k) => k.path === '(formatting)');
    expect(c).toEqual({ path: '(formatting)', base: b, ours: o, theirs: t });
    expect(m.malformed).toBe(false);
    expect(m.out).not.toMatch(/<<<<<<<|>>>>>>>/);
    return m;
  }

  it('their trailing comment changed on the very field we changed', () => {
    const b = edit(base, 'quality: 35', 'quality: 35 # c');
    const o = edit(b, 'quality: 35 # c', 'quality: 80 # c');
    const t = edit(b, 'quality: 35 # c', 'quality: 35 # changed comment');
    const m = expectFormattingConflict(b, o, t);
    expect(m.out).toBe(o);
  });

  it('our trailing comment changed on the field they changed', () => {
    const b = edit(base, 'heat: -1', 'heat: -1 # c');
    const o = edit(b, 'heat: -1 # c', 'heat: -1 # mine');
    const t = edit(b, 'heat: -1 # c', 'heat: 12 # c');
    const m = expectFormattingConflict(b, o, t);
    // Their value is written (a field only they changed); our comment line is not lost: the
    // conflict holds our text and git keeps it as stage 2.
    expect(m.data).toMatchObject({ heat: 12 });
  });

  it('they moved the key we changed', () => {
    const t = edit(base, 'quality: 35\nheat: -1\n', 'heat: -1\nquality: 35\n');
    const m = expectFormattingConflict(base, ours, t);
    expect(m.out).toBe(ours);
  });

  it('their CRLF and a clash on the field: their line endings kept, our value, quality listed', () => {
    const t = edit(crlf(base), 'quality: 35', 'quality: 20');
    const m = mergeFiles(tmp, base, ours, t);
    expect(m.result.conflicts).toEqual([{ path: 'quality', base: 35, ours: 80, theirs: 20 }]);
    expect(m.out).toBe(crlf(ours));
  });

  it('resolving: Keep mine keeps the file; Take theirs writes the merged values into their layout', () => {
    const b = edit(base, 'quality: 35', 'quality: 35 # c');
    const o = edit(edit(b, 'quality: 35 # c', 'quality: 80 # c'), 'heat: -1', 'heat: 2');
    const t = edit(
      crlf(edit(b, 'quality: 35 # c', 'quality: 35 # changed')),
      '  - AI',
      '  - AI\r\n  - Privacy',
    );
    const m = mergeFiles(tmp, b, o, t);
    expect(m.result.conflicts.map((c) => c.path)).toEqual(['(formatting)']);
    const path = tmp.write('formatting-conflict.md', m.bytes);
    const current = readBytes(path);
    const { base: bb, ours: ob, theirs: tb } = m.before;
    const mine = resolveConflicts(current, bb, ob, tb, [{ path: '(formatting)', take: 'ours' }]);
    expect(mine.remaining).toEqual([]);
    expect(text(mine.bytes)).toBe(m.out);
    expect(m.out).toBe(edit(o, '  - AI\n', '  - AI\n  - Privacy\n'));
    const theirs = resolveConflicts(current, bb, ob, tb, [
      { path: '(formatting)', take: 'theirs' },
    ]);
    expect(theirs.remaining).toEqual([]);
    expect(text(theirs.bytes)).toBe(
      edit(edit(t, 'quality: 35 # changed', 'quality: 80 # c'), 'heat: -1', 'heat: 2'),
    );
    expect(() =>
      resolveConflicts(current, bb, ob, tb, [{ path: '(formatting)', value: 'x' }]),
    ).toThrow(/mine or theirs/);
  });
});

describe('added on both sides (no common ancestor)', () => {
  it('their text is ours with their values: merged, clean', () => {
    const o = '---\n# desk\ntitle: "Shared"\nquality: 3\n---\nSame body.\n';
    const t = '---\n# desk\ntitle: "Shared"\nheat: 9\n---\nSame body.\n';
    const m = mergeFiles(tmp, null, o, t);
    expect(m.result.clean).toBe(true);
    expect(m.out).toBe('---\n# desk\ntitle: "Shared"\nquality: 3\nheat: 9\n---\nSame body.\n');
  });

  it('a different comment, line endings or BOM: a (formatting) conflict, our file kept', () => {
    const o = '---\n# ours\ntitle: "Shared"\nquality: 3\n---\nSame body.\n';
    for (const t of [
      '---\n# theirs\ntitle: "Shared"\nheat: 9\n---\nSame body.\n',
      crlf('---\n# ours\ntitle: "Shared"\nheat: 9\n---\nSame body.\n'),
      '\uFEFF---\n# ours\ntitle: "Shared"\nquality: 3\n---\nSame body.\n',
    ]) {
      const m = mergeFiles(tmp, null, o, t);
      expect(m.result.conflicts).toEqual([
        { path: '(formatting)', base: undefined, ours: o, theirs: t },
      ]);
      // Our layout, with the merged values; both texts are in the conflict (and git's stages).
      expect(m.out.startsWith('---\n# ours\ntitle: "Shared"\nquality: 3\n')).toBe(true);
      expect(m.malformed).toBe(false);
    }
  });
});

describe('no change lost in any direction', () => {
  it('a side that only changed the layout merges with a side that only changed fields', () => {
    const enc = (s: string) => new TextEncoder().encode(s);
    for (const t of [crlf(base), `\uFEFF${base}`, edit(base, '# c\n', '\n')]) {
      const forward = mergeArticle(enc(base), enc(ours), enc(t));
      const backward = mergeArticle(enc(base), enc(t), enc(ours));
      expect(forward.clean).toBe(true);
      expect(text(backward.bytes)).toBe(text(forward.bytes));
    }
  });
});

/**
 * Applying a patch entry by entry (entry-patch.ts) writes the same bytes as the whole-document
 * editor, on random front matter and random patches, and a patch of the contract's largest
 * size gives the right result.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { PatchOp } from '../../../src/shared/article';
import { MAX_PATCH_OPS } from '../../../src/shared/write-outcome';
import { applyByEntry } from '../../../src/core/codec/entry-patch';
import { patchArticle, parseArticle } from '../../../src/core/codec/index';
import { resolvePatch } from '../../../src/core/codec/patch-data';
import { FrontMatterEditor } from '../../../src/core/codec/surgical-edit';

const word = fc.stringMatching(/^[a-z][a-z0-9]{0,6}$/);
const scalar = fc.oneof(word, fc.integer({ min: -5, max: 500 }), fc.boolean());

/** A random block-style front matter: scalars, lists and maps, comments and blank lines. */
const frontMatter = fc
  .uniqueArray(word, { minLength: 1, maxLength: 6 })
  .chain((keys) =>
    fc.tuple(
      fc.constant(keys),
      fc.array(
        fc.tuple(
          fc.constantFrom('scalar', 'list', 'map'),
          fc.array(scalar, { minLength: 1, maxLength: 3 }),
          fc.boolean(),
          fc.boolean(),
        ),
        { minLength: keys.length, maxLength: keys.length },
      ),
      fc.constantFrom(2, 4),
    ),
  )
  .map(([keys, shapes, step]) => {
    const pad = ' '.repeat(step);
    const lines: string[] = [];
    keys.forEach((k, i) => {
      const [shape, values, comment, blank] = shapes[i];
      if (blank) lines.push('');
      if (comment) lines.push(`# about ${k}`);
      if (shape === 'scalar') lines.push(`${k}: ${values[0]}`);
      else if (shape === 'list') lines.push(`${k}:`, ...values.map((v) => `${pad}- ${v}`));
      else lines.push(`${k}:`, ...values.map((v, j) => `${pad}f${j}: ${v}`));
    });
    return { keys, text: `${lines.join('\n')}\n` };
  });

function ops(keys: string[]): fc.Arbitrary<PatchOp[]> {
  const path = fc.oneof(
    fc.constantFrom(...keys),
    fc.constantFrom(...keys).map((k) => `${k}[0]`),
    fc.constantFrom(...keys).map((k) => `${k}.f0`),
    word.map((k) => `new_${k}`),
    word.map((k) => `new_${k}.sub`),
  );
  const op: fc.Arbitrary<PatchOp> = fc.oneof(
    fc.record({ op: fc.constant('set' as const), path, value: scalar }),
    fc.record({
      op: fc.constant('set' as const),
      path,
      value: fc.array(scalar, { minLength: 1, maxLength: 2 }),
    }),
    fc.record({ op: fc.constant('unset' as const), path }),
  );
  return fc.array(op, { minLength: 1, maxLength: 8 });
}

/**
 * The whole-document editor's result, or the error it throws. It writes new content with the
 * file's indentation as read (as the entry-by-entry path does), not as relearnt after each op.
 */
function wholeDocument(text: string, patch: PatchOp[]): string | Error {
  try {
    const env = new FrontMatterEditor(text, '\n').conventions();
    const editor = new FrontMatterEditor(text, '\n', env);
    for (const op of resolvePatch(patch)) editor.apply(op);
    return editor.src;
  } catch (err) {
    return err as Error;
  }
}

describe('applying a patch entry by entry', () => {
  it('writes exactly what the whole-document editor writes', () => {
    fc.assert(
      fc.property(
        frontMatter.chain((fm) => fc.tuple(fc.constant(fm), ops(fm.keys))),
        ([fm, patch]) => {
          const whole = wholeDocument(fm.text, patch);
          // Removing a top-level key and adding one (new, or the removed one again) in the same
          // patch may place the added key after blank lines or a comment that followed the
          // removed one, where the whole-document editor puts it before them: same data.
          const top = (path: string): string => path.split(/[.[]/)[0];
          const removed = new Set(
            patch.flatMap((o) => (o.op === 'unset' && fm.keys.includes(o.path) ? [o.path] : [])),
          );
          const removesTop = removed.size > 0;
          const addsTop = patch.some(
            (o) => o.op === 'set' && (o.path.startsWith('new_') || removed.has(top(o.path))),
          );
          if (whole instanceof Error || (removesTop && addsTop)) return;
          let byEntry: string | null;
          try {
            byEntry = applyByEntry(fm.text, '\n', resolvePatch(patch));
          } catch {
            // The caller falls back to the whole document, which succeeded.
            return;
          }
          expect(byEntry).not.toBeNull();
          expect(byEntry).toBe(whole);
        },
      ),
      { numRuns: 400 },
    );
  });

  it('writes a run of appends to one list in one edit, exactly as one by one', () => {
    const item = fc.oneof(
      scalar,
      fc.constantFrom('two words', 'yes', '12', 'a: b', '#x', ''),
      fc.record({ a: scalar, b: scalar }),
      fc.array(scalar, { minLength: 1, maxLength: 2 }),
    );
    fc.assert(
      fc.property(
        fc.array(fc.oneof(scalar, fc.constantFrom('"quoted"', "'single'")), {
          minLength: 1,
          maxLength: 3,
        }),
        fc.array(item, { minLength: 2, maxLength: 6 }),
        fc.constantFrom('', '# after\n', 'other: 1\n'),
        (existing, added, after) => {
          const text = `list:\n${existing.map((v) => `  - ${v}`).join('\n')}\n${after}`;
          const n = existing.length;
          const patch: PatchOp[] = added.map((value, i) => ({
            op: 'set',
            path: `list[${n + i}]`,
            value,
          }));
          const whole = wholeDocument(text, patch);
          if (whole instanceof Error) return;
          const editor = new FrontMatterEditor(
            text,
            '\n',
            new FrontMatterEditor(text, '\n').conventions(),
          );
          expect(editor.appendItems(['list'], n, added)).toBe(true);
          expect(editor.src).toBe(whole);
          expect(applyByEntry(text, '\n', resolvePatch(patch))).toBe(whole);
        },
      ),
      { numRuns: 300 },
    );
    // Not at the end of the list: not an append, left to the one-by-one path.
    const editor = new FrontMatterEditor('list:\n  - a\n  - b\n', '\n');
    expect(editor.appendItems(['list'], 1, ['x', 'y'])).toBe(false);
    expect(editor.src).toBe('list:\n  - a\n  - b\n');
  });

  it('leaves documents with anchors and aliases to the whole-document editor', () => {
    const text = 'base: &b\n  x: 1\ncopy: *b\n';
    expect(
      applyByEntry(text, '\n', resolvePatch([{ op: 'set', path: 'copy.x', value: 2 }])),
    ).toBeNull();
  });

  it(`a save of ${MAX_PATCH_OPS} operations gives the right result`, () => {
    const seed = Buffer.from(
      '---\ntitle: "Seed" # keep me\ntopics:\n  - AI\nprovider:\n  name: AOL\n\nquality: 35\n---\nBody stays.\n',
    );
    const patch: PatchOp[] = [];
    for (let i = 0; patch.length < MAX_PATCH_OPS; i++) {
      patch.push({ op: 'set', path: `extra${i}`, value: i }); // new keys
      patch.push({ op: 'set', path: `topics[${i + 1}]`, value: `Topic ${i}` }); // appends
      patch.push({ op: 'set', path: 'quality', value: i }); // the same key again and again
      patch.push({ op: 'set', path: 'provider.name', value: `P${i}` });
    }
    const n = MAX_PATCH_OPS / 4;
    const { bytes, parsed } = patchArticle(seed, patch);
    expect(parsed.malformed).toBe(false);
    expect(parsed.data).toEqual({
      title: 'Seed',
      topics: ['AI', ...Array.from({ length: n }, (_, i) => `Topic ${i}`)],
      provider: { name: `P${n - 1}` },
      quality: n - 1,
      ...Object.fromEntries(Array.from({ length: n }, (_, i) => [`extra${i}`, i])),
    });
    const text = Buffer.from(bytes).toString();
    expect(text.startsWith('---\ntitle: "Seed" # keep me\ntopics:\n  - AI\n  - Topic 0\n')).toBe(
      true,
    );
    expect(text.endsWith(`extra${n - 1}: ${n - 1}\n---\nBody stays.\n`)).toBe(true);
    expect(parseArticle(bytes).hash).toBe(parsed.hash);
  });
});

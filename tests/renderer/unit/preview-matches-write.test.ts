/**
 * The editor's preview of a patch is what the codec writes (issue 10): for random front
 * matter and random edits, the data the renderer shows for its patch (shared patch module,
 * through the editor's own reducer) equals the data of the file the core writes for the same
 * patch; and a raw patch the shared module refuses is refused by the codec with the same code.
 * The generators lean on the cases where two implementations used to disagree: a list index
 * past the end, `__proto__`/`constructor` keys, NaN and ±Infinity.
 */
import fc from 'fast-check';
import { stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import type { FrontMatter, PatchOp } from '../../../src/shared/article';
import { formatPath, type PathSegment } from '../../../src/shared/field-path';
import { deepEqual, PatchError, patchData } from '../../../src/shared/patch';
import { applyPatch, CodecError, parseArticle } from '../../../src/core/codec/index';
import {
  editReducer,
  initialEditState,
  previewOf,
  type EditAction,
} from '../../../src/renderer/src/lib/edit-state';

const enc = new TextEncoder();

const KEYS = ['title', 'topics', 'provider', 'name', 'x', '__proto__', 'constructor'] as const;
const key = fc.constantFrom(...KEYS);
const scalar = fc.oneof(
  fc.constantFrom('', 'true', '12', 'a: b', '- x', '#c', 'Straße', 'two words'),
  fc.stringMatching(/^[a-z]{1,8}$/),
  fc.integer({ min: -1000, max: 1000 }),
  fc.double({ min: -1e6, max: 1e6, noNaN: true, noDefaultInfinity: true }),
  fc.boolean(),
  fc.constant(null),
);
/** Plain maps built with own keys, so `__proto__` is a key like the others. */
function mapOf(entries: Array<[string, unknown]>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of entries)
    Object.defineProperty(out, k, {
      value: v,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  return out;
}
const { value } = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    scalar,
    fc.array(tie('value'), { maxLength: 3 }),
    fc.uniqueArray(fc.tuple(key, tie('value')), { maxLength: 3, selector: (e) => e[0] }).map(mapOf),
  ),
}));
const frontMatter = fc
  .uniqueArray(fc.tuple(key, value), { minLength: 1, maxLength: 5, selector: (e) => e[0] })
  .map((e) => mapOf(e) as FrontMatter);
/** What an edit may set: data, plus the numbers YAML cannot hold. */
const newValue = fc.oneof(
  { weight: 4, arbitrary: value },
  { weight: 1, arbitrary: fc.constantFrom(Number.NaN, Infinity, -Infinity) },
);

/** Every path in `data`, and paths just outside it (past the end, new and odd keys). */
function pathsOf(data: unknown, at: PathSegment[] = []): PathSegment[][] {
  const out: PathSegment[][] = at.length ? [at] : [];
  if (Array.isArray(data)) {
    data.forEach((v, i) => out.push(...pathsOf(v, [...at, i])));
    if (at.length) out.push([...at, data.length], [...at, data.length + 1]);
  } else if (data !== null && typeof data === 'object') {
    for (const [k, v] of Object.entries(data)) out.push(...pathsOf(v, [...at, k]));
    out.push([...at, 'fresh'], [...at, '__proto__'], [...at, 'constructor']);
  } else if (at.length) {
    out.push([...at, 'below'], [...at, 0]);
  }
  return out;
}

function fileOf(data: FrontMatter): Uint8Array {
  return enc.encode(`---\n${stringify(data, { lineWidth: 0 })}---\nBody.\n`);
}

/** Front matter, its file, and random paths into it (and just outside it). */
const scenario = frontMatter.chain((data) => {
  const paths = pathsOf(data).map((p) => formatPath(p));
  const path = fc.constantFrom(...paths);
  const action: fc.Arbitrary<EditAction> = fc.oneof(
    {
      weight: 5,
      arbitrary: fc.record({ type: fc.constant('set' as const), path, value: newValue }),
    },
    { weight: 2, arbitrary: fc.record({ type: fc.constant('unset' as const), path }) },
    { weight: 1, arbitrary: fc.constantFrom<EditAction>({ type: 'undo' }, { type: 'redo' }) },
  );
  const op: fc.Arbitrary<PatchOp> = fc.oneof(
    fc.record({ op: fc.constant('set' as const), path, value: newValue }),
    fc.record({ op: fc.constant('unset' as const), path }),
  );
  return fc.record({
    data: fc.constant(data),
    actions: fc.array(action, { minLength: 1, maxLength: 6 }),
    ops: fc.array(op, { minLength: 1, maxLength: 4 }),
  });
});

/** The data of the file the codec writes for `ops` (parsed back from its bytes). */
function written(bytes: Uint8Array, ops: PatchOp[]): FrontMatter {
  const parsed = parseArticle(applyPatch(bytes, ops));
  expect(parsed.malformed).toBe(false);
  return parsed.data as FrontMatter;
}

function codeOf(fn: () => unknown): string | null {
  try {
    fn();
    return null;
  } catch (e) {
    if (e instanceof PatchError || e instanceof CodecError) return e.code;
    throw e;
  }
}

describe('the editor preview equals what the codec writes', () => {
  it('for every patch the editor builds, the written file reads as the preview', () => {
    fc.assert(
      fc.property(scenario, ({ data, actions }) => {
        const bytes = fileOf(data);
        const read = parseArticle(bytes).data;
        fc.pre(read !== null && deepEqual(read, data)); // the generator's YAML reads back
        const id = 'a.md';
        const state = actions.reduce(
          (s, a) => editReducer(s, { ...a, id }),
          initialEditState(data, id),
        );
        const preview = previewOf(state);
        const onDisk = state.ops.length ? written(bytes, state.ops) : read;
        expect(deepEqual(onDisk, preview)).toBe(true);
      }),
      { numRuns: 400 },
    );
  });

  it('a raw patch: the shared module and the codec refuse the same patches, and agree on the rest', () => {
    fc.assert(
      fc.property(scenario, ({ data, ops }) => {
        const bytes = fileOf(data);
        const read = parseArticle(bytes).data;
        fc.pre(read !== null && deepEqual(read, data));
        const previewError = codeOf(() => patchData(data, ops));
        const writeError = codeOf(() => applyPatch(bytes, ops));
        expect(writeError).toBe(previewError);
        if (previewError === null)
          expect(deepEqual(written(bytes, ops), patchData(data, ops))).toBe(true);
      }),
      { numRuns: 400 },
    );
  });

  it('the cases that used to disagree, one by one', () => {
    const data: FrontMatter = { topics: ['AI'], provider: { name: 'AOL' } };
    const bytes = fileOf(data);
    // An index past the end of a list: refused by both (the old preview padded the list).
    expect(codeOf(() => patchData(data, [{ op: 'set', path: 'topics[2]', value: 'x' }]))).toBe(
      'bad-path',
    );
    expect(codeOf(() => applyPatch(bytes, [{ op: 'set', path: 'topics[2]', value: 'x' }]))).toBe(
      'bad-path',
    );
    // `__proto__` is a key like any other (the old preview set the prototype instead).
    const proto: PatchOp[] = [{ op: 'set', path: 'provider.__proto__', value: { polluted: true } }];
    const shown = patchData(data, proto);
    expect(Object.keys(shown.provider as object)).toEqual(['name', '__proto__']);
    expect(deepEqual(written(bytes, proto), shown)).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    // NaN is YAML's .nan: both show it as NaN (the old preview's JSON copy made it null).
    const nan: PatchOp[] = [{ op: 'set', path: 'heat', value: NaN }];
    expect(Number.isNaN(patchData(data, nan).heat)).toBe(true);
    expect(Number.isNaN(written(bytes, nan).heat)).toBe(true);
    // The editor does not take an edit the codec would refuse: its patch stays writable.
    const s = editReducer(initialEditState(data, 'a.md'), {
      id: 'a.md',
      type: 'set',
      path: 'topics[3]',
      value: 'x',
    });
    expect(s.ops).toEqual([]);
  });
});

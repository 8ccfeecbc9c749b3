/**
 * Property-based check of surgical edits: random block-style front matter (with comments and
 * blank lines) and random edits; only the edited keys' lines change and the file re-parses to
 * exactly the expected data.
 */
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import type { PatchOp } from '../../../src/shared/article';
import { applyPatch, CodecError, parseArticle } from '../../../src/core/codec/index';
import { lineDiff, lines, readBytes, TempDir, text } from './helpers';
import { blockScalarLines } from '../../../src/core/codec/scalar-style';

const tmp = new TempDir();
afterAll(() => tmp.cleanup());

type Scalar = string | number | boolean | null;
type Value = Scalar | Record<string, Scalar> | Scalar[];
interface Entry {
  key: string;
  value: Value;
  commentBefore: boolean;
  blankBefore: boolean;
  inlineComment: boolean;
  quote: 'plain' | 'single' | 'double';
}

const RESERVED = /^(true|false|null|yes|no|on|off|y|n|~)$/i;

function scalarText(v: Scalar, quote: Entry['quote']): string {
  if (typeof v !== 'string') return v === null ? 'null' : String(v);
  if (quote === 'plain' && /^[A-Za-z][A-Za-z ]*[A-Za-z]$/.test(v) && !RESERVED.test(v)) return v;
  if (
    quote === 'single' &&
    // eslint-disable-next-line no-control-regex
    !/[\n\r\t\u0000-\u001f\u007f-\u009f\u2028\u2029\ufeff]/.test(v) &&
    !/[\ud800-\udfff]/.test(v)
  ) {
    return `'${v.replace(/'/g, "''")}'`;
  }
  return JSON.stringify(v).replace(
    /[\u007f-\u009f\u2028\u2029\ufeff]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/** Renders entries as YAML; returns the text and each entry's line span in the front matter. */
function render(entries: Entry[]): { fm: string; spans: Map<string, [number, number]> } {
  const out: string[] = [];
  const spans = new Map<string, [number, number]>();
  for (const e of entries) {
    if (e.blankBefore) out.push('');
    if (e.commentBefore) out.push(`# about ${e.key}`);
    const start = out.length;
    const c = e.inlineComment ? ' # note' : '';
    if (Array.isArray(e.value)) {
      out.push(`${e.key}:${c}`);
      for (const item of e.value) out.push(`  - ${scalarText(item, e.quote)}`);
    } else if (e.value !== null && typeof e.value === 'object') {
      out.push(`${e.key}:${c}`);
      for (const [k, v] of Object.entries(e.value)) out.push(`  ${k}: ${scalarText(v, e.quote)}`);
    } else out.push(`${e.key}: ${scalarText(e.value, e.quote)}${c}`);
    spans.set(e.key, [start + 1, out.length + 1]); // +1: the opening fence line
  }
  if (entries.length % 2 === 0) out.push('# trailing comment');
  return { fm: out.map((l) => `${l}\n`).join(''), spans };
}

const key = fc.stringMatching(/^[a-z][a-zA-Z0-9_]{0,7}$/);
const scalar: fc.Arbitrary<Scalar> = fc.oneof(
  fc.string({ maxLength: 20 }),
  fc.string({ unit: 'binary', maxLength: 12 }),
  fc.constantFrom(
    'true',
    'no',
    '12',
    '1.5e3',
    '0x1F',
    '2022-09-11T23:01:00Z',
    'null',
    '~',
    'a: b',
    '- item',
    '#tag',
    ' padded ',
    'multi\nline',
    "it's",
    'say "hi"',
    'Plain words',
    'emoji 🎉 中文',
  ),
  fc.integer({ min: -1000, max: 100000 }),
  fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e6, max: 1e6 }),
  fc.boolean(),
  fc.constant(null),
);
const value: fc.Arbitrary<Value> = fc.oneof(
  { weight: 4, arbitrary: scalar },
  { weight: 1, arbitrary: fc.array(scalar, { minLength: 1, maxLength: 3 }) },
  { weight: 1, arbitrary: fc.dictionary(key, scalar, { minKeys: 1, maxKeys: 3 }) },
);
const entries = fc.uniqueArray(
  fc.record({
    key,
    value,
    commentBefore: fc.boolean(),
    blankBefore: fc.boolean(),
    inlineComment: fc.boolean(),
    quote: fc.constantFrom('plain' as const, 'single' as const, 'double' as const),
  }),
  { minLength: 1, maxLength: 6, selector: (e) => e.key },
);

let counter = 0;
function writeAndRead(content: string | Uint8Array): Uint8Array {
  return readBytes(tmp.write(`p${counter++}.md`, content));
}

function dataOf(entries: Entry[]): Record<string, unknown> {
  return JSON.parse(
    JSON.stringify(Object.fromEntries(entries.map((e) => [e.key, e.value]))),
  ) as Record<string, unknown>;
}

describe('random edits of random front matter', () => {
  it('change only the edited key lines and re-parse to the expected data', () => {
    fc.assert(
      fc.property(
        entries,
        fc.nat(),
        scalar,
        fc.constantFrom('set', 'setNested', 'add', 'unset', 'unsetNested'),
        (es, pick, newValue, kind) => {
          const { fm, spans } = render(es);
          const bytes = writeAndRead(`---\n${fm}---\nbody\n`);
          const parsed = parseArticle(bytes);
          expect(parsed.malformed).toBe(false);
          const data = dataOf(es);
          expect(parsed.data).toEqual(data);
          const target = es[pick % es.length];
          const [start, end] = spans.get(target.key)!;
          const isColl = target.value !== null && typeof target.value === 'object';
          let op: PatchOp;
          const expected = JSON.parse(JSON.stringify(data)) as Record<string, unknown>;
          let expectRemoved: number[] = [];
          let expectAdded = 0;
          if (kind === 'add' && !(`new_${target.key}` in data)) {
            op = { op: 'set', path: `new_${target.key}`, value: newValue };
            expected[`new_${target.key}`] = newValue;
            // A new multi-line text is written as a block literal (header + one line per line).
            const block =
              typeof newValue === 'string' && newValue.includes('\n')
                ? blockScalarLines(newValue, false, 2)
                : null;
            expectAdded = block ? 1 + block.lines.length : 1;
          } else if ((kind === 'setNested' || kind === 'unsetNested') && isColl) {
            const coll = target.value as Record<string, Scalar> | Scalar[];
            const keys = Array.isArray(coll) ? coll.map((_, i) => i) : Object.keys(coll);
            const k = keys[pick % keys.length];
            const path = typeof k === 'number' ? `${target.key}[${k}]` : `${target.key}.${k}`;
            const sub = expected[target.key] as Record<string | number, unknown>;
            const line = start + 1 + keys.indexOf(k as never);
            if (kind === 'setNested') {
              op = { op: 'set', path, value: newValue };
              sub[k] = JSON.parse(JSON.stringify(newValue)) as unknown;
              if (JSON.stringify(newValue) !== JSON.stringify(coll[k as never])) {
                expectRemoved = [line];
                expectAdded = 1;
              }
            } else {
              op = { op: 'unset', path };
              if (Array.isArray(sub)) sub.splice(k as number, 1);
              else delete sub[k];
              if (keys.length > 1) expectRemoved = [line];
              else {
                expectRemoved = Array.from({ length: end - start }, (_, i) => start + i);
                expectAdded = 1; // `key: {}` or `key: []`
              }
            }
          } else if (kind === 'unset') {
            op = { op: 'unset', path: target.key };
            delete expected[target.key];
            expectRemoved = Array.from({ length: end - start }, (_, i) => start + i);
          } else {
            op = { op: 'set', path: target.key, value: newValue };
            expected[target.key] = newValue;
            if (JSON.stringify(newValue) !== JSON.stringify(target.value)) {
              expectRemoved = Array.from({ length: end - start }, (_, i) => start + i);
              expectAdded = 1;
            }
          }
          const out = writeAndRead(applyPatch(bytes, [op]));
          const reparsed = parseArticle(out);
          expect(reparsed.malformed).toBe(false);
          expect(reparsed.data).toEqual(JSON.parse(JSON.stringify(expected)));
          expect(reparsed.body).toBe('body\n');
          // Compare line arrays by position (a line diff could pick either of two equal lines).
          const before = lines(text(bytes));
          const after = lines(text(out));
          if (expectRemoved.length === 0) {
            const d = lineDiff(text(bytes), text(out));
            expect(d.removed).toEqual([]);
            expect(d.added).toHaveLength(expectAdded);
          } else {
            const first = expectRemoved[0];
            expect(after.slice(0, first)).toEqual(before.slice(0, first));
            expect(after.slice(first + expectAdded)).toEqual(
              before.slice(first + expectRemoved.length),
            );
            if (expectAdded === 1 && expectRemoved.length === 1)
              expect(after[first]).not.toBe(before[first]);
          }
        },
      ),
      { numRuns: 400 },
    );
  });

  it('a patch of several edits leaves every untouched entry byte-identical', () => {
    const op: fc.Arbitrary<{ kind: 'set' | 'unset' | 'add'; pick: number; value: Scalar }> =
      fc.record({
        kind: fc.constantFrom('set' as const, 'unset' as const, 'add' as const),
        pick: fc.nat(),
        value: scalar,
      });
    fc.assert(
      fc.property(entries, fc.array(op, { minLength: 1, maxLength: 5 }), (es, ops) => {
        const { fm } = render(es);
        const bytes = writeAndRead(`---\n${fm}---\n`);
        const expected = dataOf(es);
        const touched = new Set<string>();
        const patch: PatchOp[] = ops.map((o) => {
          const k = es[o.pick % es.length].key;
          if (o.kind === 'add') {
            expected[`x_${k}`] = o.value;
            return { op: 'set', path: `x_${k}`, value: o.value };
          }
          touched.add(k);
          if (o.kind === 'unset') {
            delete expected[k];
            return { op: 'unset', path: k };
          }
          expected[k] = o.value;
          return { op: 'set', path: k, value: o.value };
        });
        const out = writeAndRead(applyPatch(bytes, patch));
        expect(parseArticle(out).data).toEqual(JSON.parse(JSON.stringify(expected)));
        const outText = text(out);
        for (const e of es) {
          if (touched.has(e.key)) continue;
          const block = lines(render([e]).fm)
            .filter((l) => !l.startsWith('#') && l !== '\n')
            .join('');
          expect(outText).toContain(block);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('replacing values with lists, maps or scalars of any kind always writes the expected data', () => {
    const anyValue: fc.Arbitrary<unknown> = fc.oneof(
      value,
      fc.constant([]),
      fc.constant({}),
      fc.array(fc.dictionary(key, value, { minKeys: 1, maxKeys: 3 }), {
        minLength: 1,
        maxLength: 2,
      }),
    );
    fc.assert(
      fc.property(
        entries,
        fc.array(fc.tuple(fc.nat(), fc.nat(), anyValue, fc.boolean()), {
          minLength: 1,
          maxLength: 4,
        }),
        (es, ops) => {
          const { fm } = render(es);
          let bytes = writeAndRead(`---\n${fm}---\n`);
          for (const [pick, sub, v, nested] of ops) {
            const data = parseArticle(bytes).data!;
            const keys = Object.keys(data);
            const k = keys.length > 0 ? keys[pick % keys.length] : 'fresh';
            const cur = data[k];
            let path = k;
            if (nested && cur !== null && typeof cur === 'object') {
              const subKeys = Array.isArray(cur) ? cur.map((_, i) => i) : Object.keys(cur);
              if (subKeys.length > 0) {
                const s2 = subKeys[sub % subKeys.length];
                path = typeof s2 === 'number' ? `${k}[${s2}]` : `${k}.${s2}`;
              }
            }
            const expected = JSON.parse(JSON.stringify(data)) as Record<string, unknown>;
            const parts = path.match(/^([^.[]+)(?:\.(.+)|\[(\d+)\])?$/)!;
            if (parts[2] !== undefined)
              (expected[parts[1]] as Record<string, unknown>)[parts[2]] = v;
            else if (parts[3] !== undefined)
              (expected[parts[1]] as unknown[])[Number(parts[3])] = v;
            else expected[parts[1]] = v;
            bytes = writeAndRead(applyPatch(bytes, [{ op: 'set', path, value: v }]));
            expect(parseArticle(bytes).data).toEqual(JSON.parse(JSON.stringify(expected)));
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});

/** Spellings of scalars in the YAML core schema, with the value each reads as. */
const spelling: fc.Arbitrary<[string, unknown]> = fc.oneof(
  fc
    .tuple(fc.boolean(), fc.constantFrom('lower', 'Cap', 'UPPER'))
    .map(([b, c]): [string, unknown] => {
      const w = b ? 'true' : 'false';
      return [
        c === 'lower' ? w : c === 'UPPER' ? w.toUpperCase() : w[0].toUpperCase() + w.slice(1),
        b,
      ];
    }),
  fc.constantFrom<[string, unknown]>(['~', null], ['null', null], ['Null', null], ['NULL', null]),
  fc
    .tuple(fc.constantFrom('', '+', '-'), fc.integer({ min: 0, max: 99999 }), fc.nat(3))
    .map(([sign, n, pad]): [string, unknown] => [
      `${sign}${String(n).padStart(String(n).length + pad, '0')}`,
      sign === '-' ? -n : n,
    ]),
  fc
    .tuple(fc.integer({ min: 0, max: 0xfffff }), fc.boolean())
    .map(([n, up]): [string, unknown] => [
      `0x${up ? n.toString(16).toUpperCase() : n.toString(16)}`,
      n,
    ]),
  fc.integer({ min: 0, max: 0o7777 }).map((n): [string, unknown] => [`0o${n.toString(8)}`, n]),
  fc
    .tuple(
      fc.constantFrom('', '+', '-'),
      fc.integer({ min: 0, max: 999 }),
      fc.integer({ min: 0, max: 99 }),
      fc.nat(2),
    )
    .map(([sign, i, f, zeros]): [string, unknown] => {
      const s = `${i}.${String(f)}${'0'.repeat(zeros)}`;
      return [`${sign}${s}`, (sign === '-' ? -1 : 1) * Number(s)];
    }),
  fc
    .tuple(
      fc.integer({ min: 1, max: 9 }),
      fc.integer({ min: -5, max: 5 }),
      fc.constantFrom('e', 'E'),
    )
    .map(([m, e, c]): [string, unknown] => [`${m}${c}${e}`, Number(`${m}e${e}`)]),
  fc.constantFrom<[string, unknown]>(
    ['.inf', Infinity],
    ['.Inf', Infinity],
    ['+.INF', Infinity],
    ['-.inf', -Infinity],
    ['.nan', NaN],
    ['.NaN', NaN],
    ['"quoted"', 'quoted'],
    ["'single'", 'single'],
    ['yes', 'yes'],
    ['1_000', '1_000'],
    ['2022-01-01', '2022-01-01'],
  ),
);

/** The file's context around the scalar: `{}` marks where it goes. */
const context = fc.constantFrom(
  { fm: 'k: {}', path: 'k' },
  { fm: 'm:\n  a: 1\n  k: {} # note', path: 'm.k' },
  { fm: 'l:\n  - first\n  - {}', path: 'l[1]' },
  { fm: 'l: [first, {}]', path: 'l[1]' },
  { fm: 'm: {a: 1, k: {}}', path: 'm.k' },
);

describe('random scalar spellings', () => {
  it('set to another value, then back as typed, restores the bytes', () => {
    fc.assert(
      fc.property(
        spelling,
        context,
        scalar,
        fc.boolean(),
        fc.constantFrom('\n', '\r\n'),
        ([s, v], ctx, other, typedOther, eol) => {
          const src = `---\n${ctx.fm.replace('{}', s)}\nafter: 1\n---\nbody\n`.replace(/\n/g, eol);
          const bytes = writeAndRead(src);
          const parsed = parseArticle(bytes);
          expect(parsed.problems).toEqual([]);
          const read = getAt(parsed.data, ctx.path);
          expect(Object.is(read, v) || (Number.isNaN(v) && Number.isNaN(read))).toBe(true);
          const otherOp: PatchOp = typedOther
            ? { op: 'set', path: ctx.path, value: other, text: JSON.stringify(other) }
            : { op: 'set', path: ctx.path, value: other };
          const edited = writeAndRead(applyPatch(bytes, [otherOp]));
          const d = lineDiff(text(bytes), text(edited));
          expect(d.removed.length).toBeLessThanOrEqual(1);
          const back = writeAndRead(
            applyPatch(edited, [{ op: 'set', path: ctx.path, value: v, text: s }]),
          );
          expect(text(back)).toBe(text(bytes));
        },
      ),
      { numRuns: 400 },
    );
  });

  it('a new value of the same type keeps the spelling style, so setting back restores the bytes', () => {
    // Spellings whose style any value of their type can carry: letter case of booleans, an
    // explicit sign, fraction digits, an exponent.
    const carrying: fc.Arbitrary<[string, unknown, fc.Arbitrary<unknown>]> = fc.oneof(
      spelling
        .filter(([, v]) => typeof v === 'boolean')
        .map(([sp, v]): [string, unknown, fc.Arbitrary<unknown>] => [sp, v, fc.constant(!v)]),
      fc
        .tuple(fc.constantFrom('', '+'), fc.integer({ min: 1, max: 9999 }))
        .map(([sign, n]): [string, unknown, fc.Arbitrary<unknown>] => [
          `${sign}${n}`,
          n,
          fc.integer({ min: 0, max: 99999 }),
        ]),
      fc
        .tuple(fc.integer({ min: 0, max: 99 }), fc.integer({ min: 1, max: 9 }), fc.nat(2))
        .map(([i, f, z]): [string, unknown, fc.Arbitrary<unknown>] => {
          const sp = `${i}.${f}${'0'.repeat(z)}`;
          return [sp, Number(sp), fc.integer({ min: 0, max: 999 })];
        }),
      fc
        .tuple(
          fc.integer({ min: 1, max: 9 }),
          fc.integer({ min: -4, max: 9 }),
          fc.constantFrom('e', 'E'),
        )
        .map(([m, e, c]): [string, unknown, fc.Arbitrary<unknown>] => [
          `${m}${c}${e}`,
          Number(`${m}e${e}`),
          fc.integer({ min: 1, max: 9 }).map((d) => d * 1000),
        ]),
    );
    fc.assert(
      fc.property(
        carrying.chain(([sp, v, others]) => fc.tuple(fc.constant([sp, v] as const), others)),
        fc.constantFrom('\n', '\r\n'),
        ([[sp, v], other], eol) => {
          fc.pre(!Object.is(other, v));
          const bytes = writeAndRead(`---\nk: ${sp}\nz: 1\n---\n`.replace(/\n/g, eol));
          const edited = writeAndRead(applyPatch(bytes, [{ op: 'set', path: 'k', value: other }]));
          expect(getAt(parseArticle(edited).data, 'k')).toBe(other);
          const back = writeAndRead(applyPatch(edited, [{ op: 'set', path: 'k', value: v }]));
          expect(text(back)).toBe(text(bytes));
        },
      ),
      { numRuns: 300 },
    );
  });
});

/** Reads a value at a simple path (`a`, `a.b`, `a[1]`). */
function getAt(data: unknown, path: string): unknown {
  let cur = data as Record<string | number, unknown> | null;
  for (const m of path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = cur[m[1] ?? Number(m[2])] as Record<string | number, unknown> | null;
  }
  return cur;
}

describe('a file Curator reads without an error can be edited', () => {
  // Values real front matter holds, including the ones other tools spell differently.
  const VALUES = [
    '.inf',
    '.nan',
    '-.Inf',
    '.NaN',
    '0x1F',
    '0o17',
    '017',
    '+5',
    '1e3',
    '1.0e+3',
    '1_000',
    '1:30',
    'yes',
    'No',
    'off',
    '~',
    '',
    'null',
    '!!str 5',
    '!!int "5"',
    '!foo x',
    '!!binary aGk=',
    '!!timestamp 2022-01-01',
    '!!set {a, b}',
    '!!omap [a: 1]',
    '!!float 1.5',
    '[1, .inf]',
    '{a: .nan}',
    '|\n  text\n  more',
    '>-\n  folded\n  text',
    '"quoted"',
    "'single'",
    '2022-01-01 10:00:00 +01:00',
    '"multi\n  line"',
    '-0',
    '.5',
    '5.',
    '= x',
    '&anc 5',
    '&lst [a, b]',
    '*anc',
    '*lst',
    '!foo\n  a: 1',
    '[*anc, x]',
  ];
  it('any edit either writes exactly what was asked or is refused for an alias or a tag', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.constantFrom(...VALUES), { minLength: 1, maxLength: 6 }),
        fc.constantFrom('\n', '\r\n'),
        fc.boolean(),
        fc.nat(),
        (values, eol, bom, pick) => {
          const fm = values.map((v, i) => `k${i}:${v === '' ? '' : ` ${v}`}`).join('\n');
          const src = `${bom ? '\uFEFF' : ''}---\n${fm}\n---\nbody\n`.replace(/\n/g, eol);
          const bytes = writeAndRead(src);
          const parsed = parseArticle(bytes);
          fc.pre(!parsed.malformed); // an alias before its anchor, for instance
          expect(parsed.problems.every((p) => p.severity === 'warning')).toBe(true);
          const key = `k${pick % values.length}`;
          const patches: PatchOp[][] = [
            [{ op: 'set', path: 'added', value: 'new' }],
            [{ op: 'set', path: key, value: 'text' }],
            [{ op: 'set', path: key, value: 7 }],
            [{ op: 'set', path: key, value: null, text: '' }],
            [{ op: 'unset', path: key }],
          ];
          for (const patch of patches) {
            let out: Uint8Array;
            try {
              out = applyPatch(bytes, patch);
            } catch (e) {
              expect(e).toBeInstanceOf(CodecError);
              expect(['alias', 'tag']).toContain((e as CodecError).code);
              continue;
            }
            const after = parseArticle(writeAndRead(out));
            expect(after.malformed).toBe(false);
            // Only the edited entry's lines change (an alias is edited at its anchor).
            if (values[pick % values.length].includes('*')) continue;
            const d = lineDiff(text(bytes), text(out));
            const start = lines(text(bytes)).findIndex((l) =>
              l.replace(/^\uFEFF/, '').startsWith(`${key}:`),
            );
            for (const r of d.removed) expect(r.index).toBeGreaterThanOrEqual(start);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});

/**
 * Other members of each kind of fidelity fault of issue 9 §2 (the cases test has the real
 * files): scalars the core schema reads specially, spellings, empty forms, tags, aliases,
 * front matter in other languages, end markers; each as LF and as CRLF with a BOM.
 */
import { afterAll, describe, expect, it, vi } from 'vitest';
import type { PatchOp } from '../../../src/shared/article';
import { applyPatch, CodecError, parseArticle } from '../../../src/core/codec/index';
import { indexFile, indexFileFull } from '../../../src/core/index/index-file';
import { diffText, lineDiff, readBytes, TempDir, text, toCrlfBom } from './helpers';

const tmp = new TempDir();
afterAll(() => tmp.cleanup());

const VARIANTS = [
  ['lf', (s: string) => s],
  ['crlf+bom', toCrlfBom],
] as const;

/** A real file holding `---\n<fm>\n---\nBody.\n` in the variant's line endings. */
function file(fm: string, variant: (s: string) => string = (s) => s): Uint8Array {
  const name = `k-${Math.random().toString(36).slice(2)}.md`;
  return readBytes(tmp.write(name, variant(`---\n${fm}\n---\nBody.\n`)));
}

function write(bytes: Uint8Array, patch: PatchOp[]): Uint8Array {
  const out = applyPatch(bytes, patch);
  return readBytes(tmp.write(`o-${Math.random().toString(36).slice(2)}.md`, out));
}

/** `k: <spelling>`, or `k:` for the empty spelling. */
const kv = (s: string) => (s === '' ? 'k:' : `k: ${s}`);

const diff = (a: Uint8Array, b: Uint8Array) => diffText(lineDiff(text(a), text(b)));

function refusal(bytes: Uint8Array, patch: PatchOp[]): CodecError {
  try {
    applyPatch(bytes, patch);
  } catch (e) {
    expect(e).toBeInstanceOf(CodecError);
    return e as CodecError;
  }
  throw new Error('expected a refusal');
}

describe.each(VARIANTS)('scalars the core schema reads specially (%s)', (_v, variant) => {
  const SPELLINGS: [string, unknown][] = [
    ['.inf', Infinity],
    ['.Inf', Infinity],
    ['+.INF', Infinity],
    ['-.inf', -Infinity],
    ['-.Inf', -Infinity],
    ['.nan', NaN],
    ['.NaN', NaN],
    ['.NAN', NaN],
    ['0o17', 15],
    ['017', 17],
    ['0x1f', 31],
    ['+5', 5],
    ['-0', -0],
    ['.5', 0.5],
    ['5.', 5],
    ['1e3', 1000],
    ['1.5E-2', 0.015],
    ['True', true],
    ['FALSE', false],
    ['Null', null],
    ['NULL', null],
    ['~', null],
    ['', null],
    ['yes', 'yes'],
    ['Off', 'Off'],
    ['1_000', '1_000'],
    ['1:30', '1:30'],
    ['0b101', '0b101'],
    ['2022-01-01', '2022-01-01'],
    ['2001-12-14t21:59:43.10-05:00', '2001-12-14t21:59:43.10-05:00'],
  ];

  it.each(SPELLINGS)('k: %s reads as the core schema says; other fields are editable', (s, v) => {
    const bytes = file(`title: T\n${kv(s)}\nlist: [${s || '~'}, x]`, variant);
    const p = parseArticle(bytes);
    expect(p.problems).toEqual([]);
    expect(Object.is(p.data!.k, v) || (Number.isNaN(v) && Number.isNaN(p.data!.k))).toBe(true);
    const edited = write(bytes, [
      { op: 'set', path: 'title', value: 'U' },
      { op: 'set', path: 'list[1]', value: 'w' },
      { op: 'set', path: 'added', value: 1 },
    ]);
    const d = diff(bytes, edited);
    expect(d.removed).toEqual(['title: T', `list: [${s || '~'}, x]`]);
    expect(d.added).toEqual(['title: U', `list: [${s || '~'}, w]`, 'added: 1']);
  });

  it.each(SPELLINGS)(
    'k: %s set to another value and back, as typed, restores the bytes',
    (s, v) => {
      const bytes = file(`${kv(s)}\nz: 1`, variant);
      for (const other of ['text', 42, true, null, 2.5]) {
        if (Object.is(other, v)) continue;
        const edited = write(bytes, [{ op: 'set', path: 'k', value: other }]);
        expect(lineDiff(text(bytes), text(edited)).removed).toHaveLength(1);
        const back = write(edited, [{ op: 'set', path: 'k', value: v, text: s }]);
        expect(text(back)).toBe(text(bytes));
      }
    },
  );

  it.each([
    ['published: False', 'published', true, 'published: True'],
    ['published: TRUE', 'published', false, 'published: FALSE'],
    ['n: Null\nx: 1', 'x', null, 'x: Null'],
    ['n: ~\nx: 1', 'x', null, 'x: ~'],
    ['n:\nx: 1', 'x', null, 'x:'],
    ['h: 0x00FF', 'h', 16, 'h: 0x0010'],
    ['h: 0xff', 'h', 171, 'h: 0xab'],
    ['o: 0o17', 'o', 8, 'o: 0o10'],
    ['q: 007', 'q', 12, 'q: 012'],
    ['q: +5', 'q', 6, 'q: +6'],
    ['q: +5', 'q', -6, 'q: -6'],
    ['f: 50.0', 'f', 60, 'f: 60.0'],
    ['f: 1.10', 'f', 2.5, 'f: 2.50'],
    ['f: .5', 'f', 0.25, 'f: .25'],
    ['e: 1e3', 'e', 2500, 'e: 2.5e3'],
    ['e: 1E+3', 'e', 20, 'e: 2E+1'],
    ['i: .Inf', 'i', -Infinity, 'i: -.Inf'],
    ['i: .NaN', 'i', Infinity, 'i: .Inf'],
    ['i: 5', 'i', NaN, 'i: .nan'],
  ])('%s: a new value keeps the spelling style (%s → %s)', (fm, path, value, line) => {
    const bytes = file(fm, variant);
    const edited = write(bytes, [{ op: 'set', path, value }]);
    expect(diff(bytes, edited).added).toEqual([line]);
    const back = parseArticle(edited).data![path];
    expect(Object.is(back, value) || (Number.isNaN(value) && Number.isNaN(back))).toBe(true);
  });
});

describe.each(VARIANTS)('empty forms (%s)', (_v, variant) => {
  it.each([
    ["''", ''],
    ['""', ''],
    ['~', null],
    ['null', null],
    ['', null],
  ])('k: %s is read as %j, and comes back as written', (s, v) => {
    const bytes = file(`${kv(s)}\nafter: 1`, variant);
    expect(parseArticle(bytes).data!.k).toBe(v);
    // An empty string has to be quoted, so its quotes are no style: the file has no other
    // strings, so the new one is plain.
    const edited = write(bytes, [{ op: 'set', path: 'k', value: 'X' }]);
    expect(diff(bytes, edited).added).toEqual(['k: X']);
    const back = write(edited, [{ op: 'set', path: 'k', value: v, text: s }]);
    expect(text(back)).toBe(text(bytes));
  });

  it('a string that had to be quoted takes the quoting the file uses for other strings', () => {
    const quotedFile = file('a: "one"\nb: "two"\nk: "1.10"', variant);
    expect(
      diff(quotedFile, write(quotedFile, [{ op: 'set', path: 'k', value: 'x' }])).added,
    ).toEqual(['k: "x"']);
    const plainFile = file('a: one\nb: two\nk: "1.10"', variant);
    const edited = write(plainFile, [{ op: 'set', path: 'k', value: 'x' }]);
    expect(diff(plainFile, edited).added).toEqual(['k: x']);
    // And so a value that went through a quoted-by-necessity one comes back as it was.
    const start = file('a: one\nk: Version strings', variant);
    const away = write(start, [{ op: 'set', path: 'k', value: '1.10' }]);
    expect(diff(start, away).added).toEqual(['k: "1.10"']);
    expect(text(write(away, [{ op: 'set', path: 'k', value: 'Version strings' }]))).toBe(
      text(start),
    );
  });

  it('an empty value with a comment, in a list and before a comment line', () => {
    const bytes = file('a: X # note\nl:\n  - one\n  - two\n# end', variant);
    const edited = write(bytes, [
      { op: 'set', path: 'a', value: null, text: '' },
      { op: 'set', path: 'l[0]', value: null, text: '' },
    ]);
    expect(diff(bytes, edited)).toEqual({
      removed: ['a: X # note', '  - one'],
      added: ['a: # note', '  -'],
    });
    const back = write(edited, [
      { op: 'set', path: 'a', value: 'X' },
      { op: 'set', path: 'l[0]', value: 'one' },
    ]);
    expect(text(back)).toBe(text(bytes));
  });

  it('an empty value in a flow collection is written null (nothing is not valid there)', () => {
    const bytes = file('l: [a, b]', variant);
    expect(diff(bytes, write(bytes, [{ op: 'set', path: 'l[0]', value: null, text: '' }]))).toEqual(
      { removed: ['l: [a, b]'], added: ['l: [null, b]'] },
    );
  });
});

describe.each(VARIANTS)('YAML tags (%s)', (_v, variant) => {
  const fm = [
    'title: T',
    's: !!str 5',
    'i: !!int "5"',
    'foo: !foo bar',
    'bin: !!binary aGVsbG8=',
    'ts: !!timestamp 2022-01-01',
    'set: !!set {a, b}',
    'omap: !!omap [a: 1]',
    'flt: !!float 1',
  ].join('\n');
  const bytes = file(fm, variant);

  it('read as plain values (no Date, Buffer or Map), with a warning naming the tag and field', () => {
    const p = parseArticle(bytes);
    expect(p.malformed).toBe(false);
    expect(p.data).toEqual({
      title: 'T',
      s: '5',
      i: 5,
      foo: 'bar',
      bin: 'aGVsbG8=',
      ts: '2022-01-01',
      set: { a: null, b: null },
      omap: [{ a: 1 }],
      flt: '1',
    });
    expect(p.problems.map((x) => [x.path, x.severity, x.code])).toEqual([
      ['foo', 'warning', 'yaml-tag'],
      ['bin', 'warning', 'yaml-tag'],
      ['ts', 'warning', 'yaml-tag'],
      ['set', 'warning', 'yaml-tag'],
      ['omap', 'warning', 'yaml-tag'],
      ['flt', 'warning', 'yaml-tag'],
    ]);
    expect(p.problems[0].message).toMatch(/^The YAML tag !foo \(line 5\) is not one Curator knows/);
    expect(p.problems[1].message).toMatch(/!!binary/);
    // The index shows the same problems.
    const stat = { size: bytes.byteLength, mtimeMs: 1 };
    expect(indexFile('t.md', bytes, stat)).toEqual(indexFileFull('t.md', bytes, stat));
  });

  it('other fields are editable; tags stay as written', () => {
    const edited = write(bytes, [{ op: 'set', path: 'title', value: 'U' }]);
    expect(diff(bytes, edited)).toEqual({ removed: ['title: T'], added: ['title: U'] });
  });

  it('a tagged value takes a new value the tag fits, and keeps the tag', () => {
    const edited = write(bytes, [
      { op: 'set', path: 's', value: '6' },
      { op: 'set', path: 'i', value: 6 },
      { op: 'set', path: 'foo', value: 'baz' },
      { op: 'set', path: 'ts', value: '2023-02-03' },
      { op: 'set', path: 'set.c', value: null },
    ]);
    expect(diff(bytes, edited).added).toEqual([
      's: !!str "6"',
      'i: !!int 6',
      'foo: !foo baz',
      'ts: !!timestamp 2023-02-03',
      'set: !!set {a, b, c: null}',
    ]);
  });

  it('a new value the tag does not fit is refused, naming the tag', () => {
    for (const [path, value] of [
      ['i', 'text'],
      ['s', 5],
      ['foo', 7],
      ['flt', 7],
      ['set', 'x'],
    ] as const) {
      const e = refusal(bytes, [{ op: 'set', path, value }]);
      expect(e.code).toBe('tag');
      expect(e.message).toMatch(/YAML tag !/);
    }
  });

  it('parsing and editing never make yaml print a warning', () => {
    const emitted: unknown[] = [];
    const spy = vi.spyOn(process, 'emitWarning').mockImplementation((w) => {
      emitted.push(w);
    });
    try {
      parseArticle(bytes);
      applyPatch(bytes, [{ op: 'set', path: 'foo', value: 'x' }]);
      parseArticle(file('%FOO bar\na: 1', variant));
    } finally {
      spy.mockRestore();
    }
    expect(emitted).toEqual([]);
  });
});

describe.each(VARIANTS)('anchors and aliases (%s)', (_v, variant) => {
  it('an alias of a scalar: edited once, at the anchor; never through an alias into another known field', () => {
    const bytes = file('title: &t Hello\nog: *t\nlist: [*t, x]', variant);
    const edited = write(bytes, [{ op: 'set', path: 'title', value: 'Bye' }]);
    expect(diff(bytes, edited)).toEqual({
      removed: ['title: &t Hello'],
      added: ['title: &t Bye'],
    });
    expect(parseArticle(edited).data).toEqual({ title: 'Bye', og: 'Bye', list: ['Bye', 'x'] });
    expect(text(write(edited, [{ op: 'set', path: 'title', value: 'Hello' }]))).toBe(text(bytes));
    // og and list[0] read title's anchor: editing them would silently rewrite the title.
    for (const path of ['og', 'list[0]']) {
      const e = refusal(bytes, [{ op: 'set', path, value: 'Bye' }]);
      expect(e.code).toBe('alias');
      expect(e.message).toMatch(
        new RegExp(
          `^Cannot change ${path.replace(/[[\]]/g, '\\$&')} through the YAML alias \\*t at`,
        ),
      );
      expect(e.message).toMatch(/&t in title, so title would change too/);
    }
    expect(refusal(bytes, [{ op: 'set', path: 'og', value: ['a'] }]).message).toMatch(/\*t at og/);
    expect(refusal(bytes, [{ op: 'unset', path: 'title' }]).message).toMatch(/\*t at og/);
  });

  it("an alias of a scalar in fields that are not the article's own: edited at the anchor", () => {
    const bytes = file('seo: &t Hello\nog: *t', variant);
    const edited = write(bytes, [{ op: 'set', path: 'og', value: 'Bye' }]);
    expect(diff(bytes, edited)).toEqual({ removed: ['seo: &t Hello'], added: ['seo: &t Bye'] });
    expect(parseArticle(edited).data).toEqual({ seo: 'Bye', og: 'Bye' });
  });

  it('an alias of a list: items edited at the anchor; emptied in place', () => {
    const bytes = file('tags: &tags\n  - a\n  - b\nmore: *tags', variant);
    const edited = write(bytes, [{ op: 'set', path: 'more[1]', value: 'c' }]);
    expect(diff(bytes, edited)).toEqual({ removed: ['  - b'], added: ['  - c'] });
    const empty = write(bytes, [{ op: 'set', path: 'tags', value: [] }]);
    expect(parseArticle(empty).data).toEqual({ tags: [], more: [] });
    expect(diff(bytes, empty).added).toEqual(['tags: &tags []']);
  });

  it('merge keys with a list of aliases stay as written', () => {
    const fm = 'a: &a {x: 1}\nb: &b\n  y: 2\nc:\n  <<: [*a, *b]\n  z: 3';
    const bytes = file(fm, variant);
    const edited = write(bytes, [
      { op: 'set', path: 'c.<<[1].y', value: 9 },
      { op: 'set', path: 'c.z', value: 4 },
      { op: 'set', path: 'a.w', value: 0 },
    ]);
    expect(diff(bytes, edited)).toEqual({
      removed: ['a: &a {x: 1}', '  y: 2', '  z: 3'],
      added: ['a: &a {x: 1, w: 0}', '  y: 9', '  z: 4'],
    });
    expect(parseArticle(edited).data!.c).toEqual({
      '<<': [{ x: 1, w: 0 }, { y: 9 }],
      z: 4,
    });
    expect(refusal(bytes, [{ op: 'unset', path: 'b' }]).message).toMatch(/\*b at c\.<<\[1\]/);
  });

  it('an anchor inside a removed item is refused while an alias outside reads it', () => {
    const bytes = file('related:\n  - p: &p {n: 1}\n  - p: *p', variant);
    expect(refusal(bytes, [{ op: 'unset', path: 'related[0]' }]).message).toMatch(
      /&p.*\*p at related\[1\]\.p/,
    );
    const ok = write(bytes, [{ op: 'unset', path: 'related[1]' }]);
    expect(diff(bytes, ok)).toEqual({ removed: ['  - p: *p'], added: [] });
  });

  it('an alias inside its own anchor is a problem, not an endless value', () => {
    for (const fm of ['a: &x [*x]', 'a: &x\n  b: *x']) {
      const p = parseArticle(file(fm, variant));
      expect(p.malformed).toBe(true);
      expect(p.problems[0].code).toBe('circular-alias');
    }
  });
});

describe.each(VARIANTS)('keys that collide in plain data (%s)', (_v, variant) => {
  it.each(['1: a\n"1": b', 'null: a\n"": b', 'true: a\n"true": b'])(
    '%j is a duplicate key',
    (fm) => {
      const p = parseArticle(file(fm, variant));
      expect(p.malformed).toBe(true);
      expect(p.problems[0].code).toBe('duplicate-key');
    },
  );
});

describe.each(VARIANTS)('front matter Curator does not edit (%s)', (_v, variant) => {
  const enc = (s: string) => readBytes(tmp.write(`f-${Math.random()}.md`, variant(s)));
  it.each([
    ['+++\ntitle = "x"\n+++\nBody\n', /TOML \(between \+\+\+ lines\)/],
    [';;;\n{"title": "x"}\n;;;\nBody\n', /JSON \(between ;;; lines\)/],
    ['{\n  "title": "x"\n}\nBody\n', /JSON/],
    ['---toml\ntitle = "x"\n---\nBody\n', /TOML \(---toml\)/],
    ['---json\n{"title": "x"}\n---\nBody\n', /JSON \(---json\)/],
    ['---js\n({title: "x"})\n---\nBody\n', /JavaScript \(---js\).*never evaluated/],
    ['---coffee\ntitle: "x"\n---\n', /CoffeeScript \(---coffee\)/],
    ['---xml\n<a/>\n---\n', /"xml" \(---xml\), not YAML/],
  ])('%j is a problem naming its language', (src, message) => {
    const p = parseArticle(enc(src));
    expect(p.malformed).toBe(true);
    expect(p.problems).toHaveLength(1);
    expect(p.problems[0].code).toBe('foreign-front-matter');
    expect(p.problems[0].message).toMatch(message);
    expect(p.problems[0].message).toMatch(/does not edit/);
  });

  it.each(['---yaml', '---yml', '---  '])('%j opens YAML front matter', (open) => {
    const bytes = enc(`${open}\ntitle: x\n---\nBody\n`);
    expect(parseArticle(bytes).data).toEqual({ title: 'x' });
    const edited = write(bytes, [{ op: 'set', path: 'title', value: 'new' }]);
    expect(diff(bytes, edited)).toEqual({ removed: ['title: x'], added: ['title: new'] });
  });

  it.each([
    ['---\ntitle: x\n...\n\nBody\n', 3],
    ['---\ntitle: x\n... # end\n---\nBody\n', 3],
    ['---\ntitle: x\nmore: y\n...\n---\n', 4],
  ])('a ... end marker (%j) is a problem naming it, at its line', (src, line) => {
    const p = parseArticle(enc(src));
    expect(p.malformed).toBe(true);
    expect(p.problems[0].code).toBe('document-end-marker');
    expect(p.problems[0].message).toContain(
      `... line (a YAML document end marker) at line ${line}`,
    );
    expect(p.problems[0].message).toMatch(/expects a --- line/);
  });
});

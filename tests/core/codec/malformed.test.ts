/**
 * Files that cannot be parsed safely: listed with a clear problem, data null, never written.
 * Front matter is never evaluated; alias bombs are refused quickly.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import matter from 'gray-matter';
import { afterAll, describe, expect, it } from 'vitest';
import { applyPatch, CodecError, hashBytes, parseArticle } from '../../../src/core/codec/index';
import { readBytes, TempDir } from './helpers';

const tmp = new TempDir();
afterAll(() => tmp.cleanup());

const bomb = [
  '---',
  'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
  'b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]',
  'c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]',
  'd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]',
  'e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]',
  'f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]',
  'g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]',
  'h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]',
  'i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]',
  '---',
  'body',
].join('\n');

const cases: [string, string | Uint8Array, string, RegExp][] = [
  [
    'malformed YAML',
    '---\ntitle: ok\nbroken: [unclosed\nnext: 1\n---\n',
    'malformed-yaml',
    /line \d+/,
  ],
  ['bad indentation', '---\ntitle: x\n  bad: indent\n---\n', 'malformed-yaml', /line 2/],
  ['duplicate keys', '---\ntitle: a\nquality: 1\ntitle: b\n---\n', 'duplicate-key', /line 4/],
  ['a scalar front matter', '---\njust a string\n---\n', 'not-a-map', /not a map/],
  ['a list front matter', '---\n- a\n- b\n---\n', 'not-a-map', /list/],
  [
    'unterminated front matter',
    '---\ntitle: x\nbody without fence\n',
    'unterminated-front-matter',
    /never closed/,
  ],
  ['only an opening fence', '---', 'unterminated-front-matter', /never closed/],
  ['no front matter', '# Just markdown\n\ntext\n', 'no-front-matter', /no front matter/],
  ['four dashes', '----\ntitle: x\n----\n', 'no-front-matter', /no front matter/],
  [
    'invalid UTF-8',
    new Uint8Array([
      0x2d, 0x2d, 0x2d, 0x0a, 0x74, 0x3a, 0x20, 0xff, 0xfe, 0x0a, 0x2d, 0x2d, 0x2d, 0x0a,
    ]),
    'invalid-utf8',
    /UTF-8/,
  ],
  ['---js', "---js\n{ title: 'x' }\n---\n", 'foreign-front-matter', /never evaluated/],
  ['---javascript', "---javascript\n{ title: 'x' }\n---\n", 'foreign-front-matter', /javascript/],
  ['---coffee', '---coffee\ntitle: "x"\n---\n', 'foreign-front-matter', /coffee/],
  ['---json', '---json\n{"title": "x"}\n---\n', 'foreign-front-matter', /json/],
  ['---toml', '---toml\ntitle = "x"\n---\n', 'foreign-front-matter', /toml/],
  ['an ambiguous fence', '---\ntitle: x\n----\nmore: y\n---\n', 'ambiguous-fence', /ambiguous/],
  [
    'a ... end marker before the closing fence',
    '---\ntitle: x\n...\nmore: y\n---\n',
    'document-end-marker',
    /\.\.\. line .*line 3.*--- line/,
  ],
  ['alias bomb', bomb, 'alias-limit', /aliases/],
  // A non-scalar key reads as a string only in plain data (`a,b`): no edit could keep it.
  [
    'an explicit complex key',
    '---\n? [a, b]\n: complex\ntitle: A\n---\nBody\n',
    'complex-key',
    /^A complex key \(`\? \[a, b\]`, line 2\) cannot be kept exactly: Curator does not write this file\.$/,
  ],
  ['a flow list as a key', '---\ntitle: A\n[a, b]: x\n---\n', 'complex-key', /`\[a, b\]`, line 3/],
  ['a flow map as a key', '---\ntitle: A\n{a: 1}: x\n---\n', 'complex-key', /`\{a: 1\}`, line 3/],
  ['an alias as a key', '---\nk: &k key\n*k : x\n---\n', 'complex-key', /`\*k`, line 3/],
  [
    'a complex key inside a field',
    '\uFEFF---\r\ntitle: A\r\nprovider:\r\n  ? {a: 1}\r\n  : v\r\n  name: X\r\n---\r\n',
    'complex-key',
    /`\? \{a: 1\}`, line 4/,
  ],
];

describe.each(cases)('%s', (_name, content, code, message) => {
  const path = tmp.write(`bad-${code}-${Math.random().toString(36).slice(2)}.md`, content);
  const bytes = readBytes(path);

  it('is listed as malformed with a clear problem', () => {
    const parsed = parseArticle(bytes);
    expect(parsed.malformed).toBe(true);
    expect(parsed.data).toBeNull();
    expect(parsed.problems).toHaveLength(1);
    expect(parsed.problems[0]).toMatchObject({ path: '', severity: 'error', code });
    expect(parsed.problems[0].message).toMatch(message);
    expect(parsed.hash).toBe(hashBytes(bytes));
  });

  it('is never written: applyPatch throws malformed and the bytes stay untouched', () => {
    const copy = bytes.slice();
    let error: unknown;
    try {
      applyPatch(bytes, [{ op: 'set', path: 'title', value: 'x' }]);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CodecError);
    expect((error as CodecError).code).toBe('malformed');
    expect(bytes).toEqual(copy);
    expect(readBytes(path)).toEqual(copy);
  });
});

describe('plain keys are not complex keys', () => {
  it('?, [, { and * inside values or quoted keys are no problem', () => {
    const p = parseArticle(
      new TextEncoder().encode(
        '---\ntitle: "Why? [a] {b} *c"\n"[k]": 1\ntopics: [a, b]\nx: &x {a: 1}\ny: *x\n---\n',
      ),
    );
    expect(p.malformed).toBe(false);
    expect(p.problems).toEqual([]);
  });
});

describe('line numbers', () => {
  it('malformed YAML reports the line of the file (fence counted, BOM/CRLF too)', () => {
    const p = parseArticle(
      new TextEncoder().encode('\uFEFF---\r\na: 1\r\nb: 2\r\nc: [x\r\nd: 4\r\n---\r\n'),
    );
    expect(p.problems[0].code).toBe('malformed-yaml');
    expect(p.problems[0].message).toMatch(/line [56]/);
    const dup = parseArticle(new TextEncoder().encode('---\na: 1\nb: 2\nb: 3\n---\n'));
    expect(dup.problems[0].message).toMatch(/line 4, column 1/);
  });
});

describe('front matter is never evaluated', () => {
  it('---js writing a marker file does not create it (while default gray-matter would)', () => {
    const marker = join(tmp.dir, 'pwned-marker.txt');
    const js = `---js\n(function () { require('fs').writeFileSync(${JSON.stringify(marker)}, 'pwned'); return { title: 'x' }; })()\n---\nbody\n`;
    const path = tmp.write('evil.md', js);
    const parsed = parseArticle(readBytes(path));
    expect(parsed.malformed).toBe(true);
    expect(parsed.problems[0].code).toBe('foreign-front-matter');
    expect(() => applyPatch(readBytes(path), [{ op: 'set', path: 'title', value: 'y' }])).toThrow(
      CodecError,
    );
    expect(existsSync(marker)).toBe(false);
    // Control: gray-matter's defaults really do run this code, so the check above is meaningful.
    const marker2 = join(tmp.dir, 'control-marker.txt');
    const control = js.replace(JSON.stringify(marker), JSON.stringify(marker2));
    try {
      matter(control, { language: 'yaml' });
    } catch {
      // whatever it returns, only the side effect matters
    }
    expect(existsSync(marker2)).toBe(true);
  });

  it('YAML tags such as !!js/function stay plain strings', () => {
    const p = parseArticle(
      new TextEncoder().encode('---\nf: !!js/function "function () { return 1 }"\n---\n'),
    );
    expect(p.malformed).toBe(false);
    expect(p.data).toEqual({ f: 'function () { return 1 }' });
    expect(p.problems.map((x) => x.severity)).toEqual(['warning']);
  });

  it('__proto__ keys do not touch object prototypes', () => {
    const p = parseArticle(
      new TextEncoder().encode('---\n__proto__: {polluted: true}\ntitle: x\n---\n'),
    );
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(p.data)).toBe(Object.prototype);
    expect((p.data as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('alias bomb', () => {
  it('is refused in under a second', () => {
    const bytes = new TextEncoder().encode(bomb);
    const start = performance.now();
    const parsed = parseArticle(bytes);
    const elapsed = performance.now() - start;
    expect(parsed.problems[0].code).toBe('alias-limit');
    expect(elapsed).toBeLessThan(1000);
  });

  it('a few legitimate aliases are fine', () => {
    const p = parseArticle(new TextEncoder().encode('---\na: &x {n: 1}\nb: *x\nc: *x\n---\n'));
    expect(p.data).toEqual({ a: { n: 1 }, b: { n: 1 }, c: { n: 1 } });
  });
});

describe('valid edge cases', () => {
  it('empty front matter is an empty map; comment-only too', () => {
    for (const src of [
      '---\n---\n',
      '---\n---',
      '---\r\n---\r\nbody',
      '---\n# only a comment\n---\n',
    ]) {
      const p = parseArticle(new TextEncoder().encode(src));
      expect(p.malformed).toBe(false);
      expect(p.data).toEqual({});
    }
  });

  it('parts of the file are reported', () => {
    const p = parseArticle(new TextEncoder().encode('\uFEFF---\r\ntitle: x\r\n---\r\nbody\r\n'));
    expect(p).toMatchObject({
      frontMatter: 'title: x\r\n',
      body: 'body\r\n',
      eol: '\r\n',
      bom: true,
      data: { title: 'x' },
    });
  });

  it('hashBytes is sha1 hex of the raw bytes', () => {
    expect(hashBytes(new TextEncoder().encode('abc'))).toBe(
      'a9993e364706816aba3e25717850c26c9cd0d89d',
    );
  });

  it('dates stay strings exactly as written', () => {
    const p = parseArticle(
      new TextEncoder().encode('---\nd: 2022-09-11T23:01:00Z\ne: 2022-09-11\n---\n'),
    );
    expect(p.data).toEqual({ d: '2022-09-11T23:01:00Z', e: '2022-09-11' });
  });
});

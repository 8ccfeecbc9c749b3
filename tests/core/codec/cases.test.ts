/**
 * The real-world cases of /work/shared/cases (copied to fixtures/cases): each failed in its own
 * way; here each right behaviour is checked on a real file, as LF and as CRLF with a BOM.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { PatchOp } from '../../../src/shared/article';
import { applyPatch, CodecError, parseArticle } from '../../../src/core/codec/index';
import { indexFile, indexFileFull } from '../../../src/core/index/index-file';
import { diffText, FIXTURES, lineDiff, readBytes, TempDir, text, toCrlfBom } from './helpers';

const tmp = new TempDir();
afterAll(() => tmp.cleanup());

const caseText = (name: string) => readFileSync(join(FIXTURES, 'cases', name), 'utf8');

const VARIANTS = [
  ['lf', (s: string) => s, '\n'],
  ['crlf+bom', toCrlfBom, '\r\n'],
] as const;

/** A real file in a temp folder with the case's content in the variant's line endings. */
function caseFile(name: string, variant: (s: string) => string): Uint8Array {
  return readBytes(
    tmp.write(`${Math.random().toString(36).slice(2)}-${name}`, variant(caseText(name))),
  );
}

/** Applies a patch to `bytes`, writes the result to a real file and reads it back. */
function write(bytes: Uint8Array, patch: PatchOp[]): Uint8Array {
  const out = applyPatch(bytes, patch);
  return readBytes(tmp.write(`out-${Math.random().toString(36).slice(2)}.md`, out));
}

const diff = (a: Uint8Array, b: Uint8Array) => diffText(lineDiff(text(a), text(b)));

function refusal(bytes: Uint8Array, patch: PatchOp[]): CodecError {
  try {
    applyPatch(bytes, patch);
  } catch (e) {
    expect(e).toBeInstanceOf(CodecError);
    return e as CodecError;
  }
  throw new Error('expected the edit to be refused');
}

describe.each(VARIANTS)('special-floats-and-yaml11-scalars.md (%s)', (_v, variant, eol) => {
  const bytes = caseFile('special-floats-and-yaml11-scalars.md', variant);
  const parsed = parseArticle(bytes);

  it('reads every scalar as the YAML core schema does, without a problem', () => {
    expect(parsed.malformed).toBe(false);
    expect(parsed.problems).toEqual([]);
    expect(parsed.data).toMatchObject({
      version: 1.1,
      release: 2018.1,
      answer: 'yes',
      switch: 'off',
      country: 'NO',
      octal_new: 10,
      octal_old: 12,
      hex: 31,
      exp: 1000,
      underscored: '1_000',
      sexagesimal: '1:30',
      tilde: null,
      empty: null,
      null_word: null,
      infinity: Infinity,
    });
  });

  it.each(Object.keys(parsed.data ?? {}).filter((k) => k !== 'provider' && k !== 'topics'))(
    'set %s changes only its line, and setting it back restores the bytes',
    (key) => {
      const old = parsed.data![key];
      const next = typeof old === 'string' ? 'Changed' : typeof old === 'number' ? 7 : 'was null';
      const edited = write(bytes, [{ op: 'set', path: key, value: next }]);
      const d = lineDiff(text(bytes), text(edited));
      expect(d.removed).toHaveLength(1);
      expect(d.added).toHaveLength(1);
      expect(d.added[0].line.endsWith(eol)).toBe(true);
      expect(parseArticle(edited).data).toEqual({ ...parsed.data, [key]: next });
      // Back with the value as read and the text as written in the file.
      const line = d.removed[0].line.replace(/^\uFEFF/, '').replace(/\r?\n$/, '');
      const typed = line.slice(line.indexOf(':') + 1).trim();
      const back = write(edited, [{ op: 'set', path: key, value: old, text: typed }]);
      expect(text(back)).toBe(text(bytes));
    },
  );

  it('a new key and an edit of the provider leave .inf and every other line alone', () => {
    const edited = write(bytes, [
      { op: 'set', path: 'provider.name', value: 'Other Wire' },
      { op: 'set', path: 'added', value: 'yes' },
    ]);
    expect(diff(bytes, edited)).toEqual({
      removed: ['  name: Example Wire'],
      added: ['  name: Other Wire', 'added: "yes"'],
    });
  });

  it('.inf, -.inf and .nan can be written, in the spelling style of the value they replace', () => {
    const edited = write(bytes, [
      { op: 'set', path: 'infinity', value: -Infinity },
      { op: 'set', path: 'exp', value: Number.NaN },
    ]);
    expect(diff(bytes, edited)).toEqual({
      removed: ['exp: 1e3', 'infinity: .inf'],
      added: ['exp: .nan', 'infinity: -.inf'],
    });
    const data = parseArticle(edited).data!;
    expect(data.infinity).toBe(-Infinity);
    expect(data.exp).toBeNaN();
  });
});

describe.each(VARIANTS)('non-canonical-literals.md (%s)', (_v, variant) => {
  const bytes = caseFile('non-canonical-literals.md', variant);

  it('False set to true becomes True, and set back to false is False again', () => {
    const on = write(bytes, [{ op: 'set', path: 'published', value: true }]);
    expect(diff(bytes, on)).toEqual({ removed: ['published: False'], added: ['published: True'] });
    expect(text(write(on, [{ op: 'set', path: 'published', value: false }]))).toBe(text(bytes));
    // Typed on the command line in the default spelling: the file's style still wins.
    const typed = write(bytes, [{ op: 'set', path: 'published', value: true, text: 'true' }]);
    expect(diff(bytes, typed).added).toEqual(['published: True']);
  });

  it.each([
    ['quality', 60, 'quality: 60.0', 50, '50.0'],
    ['heat', 7, 'heat: +7', 5, '+5'],
    ['version', 2.5, 'version: 2.50', 1.1, '1.10'],
    ['hex', 32, 'hex: 0x20', 31, '0x1F'],
  ])(
    '%s keeps its spelling style: set, then set back (as read, or as typed)',
    (key, v, line, back, typed) => {
      const edited = write(bytes, [{ op: 'set', path: key, value: v }]);
      expect(diff(bytes, edited).added).toEqual([line]);
      expect(text(write(edited, [{ op: 'set', path: key, value: back }]))).toBe(text(bytes));
      expect(text(write(edited, [{ op: 'set', path: key, value: back, text: typed }]))).toBe(
        text(bytes),
      );
    },
  );

  it('a value typed on the command line is written as typed when it reads as the value', () => {
    const edited = write(bytes, [
      { op: 'set', path: 'quality', value: 75, text: '75' },
      { op: 'set', path: 'heat', value: 1.1, text: '1.10' },
      { op: 'set', path: 'hex', value: 255, text: '0xff' },
      { op: 'set', path: 'version', value: 3, text: '3.0' },
    ]);
    expect(diff(bytes, edited).added).toEqual([
      'quality: 75.0',
      'heat: 1.10',
      'version: 3.0',
      'hex: 0xff',
    ]);
  });

  it('~ and an empty value come back as written', () => {
    const edited = write(bytes, [
      { op: 'set', path: 'tilde', value: 'something' },
      { op: 'set', path: 'empty', value: 5 },
    ]);
    expect(diff(bytes, edited).added).toEqual(['tilde: something', 'empty: 5']);
    const back = write(edited, [
      { op: 'set', path: 'tilde', value: null, text: '~' },
      { op: 'set', path: 'empty', value: null, text: '' },
    ]);
    expect(text(back)).toBe(text(bytes));
  });

  it('a YAML 1.1-looking plain string (answer: yes) stays plain when it changes and comes back', () => {
    const edited = write(bytes, [{ op: 'set', path: 'answer', value: 'no' }]);
    expect(diff(bytes, edited).added).toEqual(['answer: no']);
    expect(parseArticle(edited).data!.answer).toBe('no');
    expect(text(write(edited, [{ op: 'set', path: 'answer', value: 'yes' }]))).toBe(text(bytes));
  });
});

describe.each(VARIANTS)('empty-values-scaffold.md (%s)', (_v, variant, eol) => {
  const bytes = caseFile('empty-values-scaffold.md', variant);

  it('an empty value set and set back to empty stays empty (title:)', () => {
    const x = write(bytes, [{ op: 'set', path: 'title', value: 'X' }]);
    expect(diff(bytes, x)).toEqual({ removed: ['title:'], added: ['title: X'] });
    // Typed empty, or no spelling at all: the file writes its nulls as nothing.
    expect(text(write(x, [{ op: 'set', path: 'title', value: null, text: '' }]))).toBe(text(bytes));
    expect(text(write(x, [{ op: 'set', path: 'title', value: null }]))).toBe(text(bytes));
  });

  it('"unchanged" only when the bytes would not change: ~ and an empty value are two spellings', () => {
    const same = applyPatch(bytes, [{ op: 'set', path: 'title', value: null, text: '' }]);
    expect(same).toEqual(bytes);
    const tilde = write(bytes, [{ op: 'set', path: 'title', value: null, text: '~' }]);
    expect(diff(bytes, tilde)).toEqual({ removed: ['title:'], added: ['title: ~'] });
    // `null` is the default spelling: it says nothing about style, so `~` stays (unchanged).
    expect(applyPatch(tilde, [{ op: 'set', path: 'title', value: null, text: 'null' }])).toEqual(
      tilde,
    );
    expect(text(write(tilde, [{ op: 'set', path: 'title', value: null, text: '' }]))).toBe(
      text(bytes),
    );
  });

  it('empty values take a list, a map or a value; comments stay', () => {
    const edited = write(bytes, [
      { op: 'set', path: 'topics', value: ['Policy'] },
      { op: 'set', path: 'excerpt', value: 'Short' },
      { op: 'set', path: 'published', value: false },
    ]);
    expect(text(edited)).toBe(
      variant(
        '---\n# scaffold with empty values\ntitle:\n# the headline\nexcerpt: Short\npublishedDateTime:\npublished: false\ntopics:\n  - Policy\n---\nDraft body.\n',
      ),
    );
    expect(text(edited).includes(eol)).toBe(true);
  });
});

describe.each(VARIANTS)('anchors-and-aliases.md (%s)', (_v, variant) => {
  const bytes = caseFile('anchors-and-aliases.md', variant);
  const parsed = parseArticle(bytes);
  const wire = { name: 'Example Wire', domain: 'example.com' };

  it('reads the aliases (and the << key) as the anchored values', () => {
    expect(parsed.problems).toEqual([]);
    expect(parsed.data).toMatchObject({
      provider: wire,
      topics: ['Policy', 'Courts'],
      related: [{ provider: wire }, { provider: { '<<': wire, name: 'Example Wire Extra' } }],
      extra_topics: ['Policy', 'Courts'],
    });
  });

  it('provider.name is edited once, at the anchor; aliases and << stay; setting back restores', () => {
    const edited = write(bytes, [{ op: 'set', path: 'provider.name', value: 'Other Wire' }]);
    expect(diff(bytes, edited)).toEqual({
      removed: ['  name: Example Wire'],
      added: ['  name: Other Wire'],
    });
    const data = parseArticle(edited).data as Record<string, unknown>;
    const other = { name: 'Other Wire', domain: 'example.com' };
    expect(data.provider).toEqual(other);
    expect(data.related).toMatchObject([
      { provider: other },
      { provider: { '<<': other, name: 'Example Wire Extra' } },
    ]);
    const back = write(edited, [{ op: 'set', path: 'provider.name', value: 'Example Wire' }]);
    expect(text(back)).toBe(text(bytes));
  });

  it('an edit through an alias whose anchor is another field is refused, bytes identical', () => {
    // Editing there would rewrite the article's own provider (or topics) at the anchor.
    for (const [op, alias, field, anchor] of [
      [
        { op: 'set', path: 'related[0].provider.name', value: 'X' },
        'related[0].provider',
        'provider',
        'wire',
      ],
      [
        { op: 'set', path: 'related[1].provider.<<.domain', value: 'x' },
        'related[1].provider.<<',
        'provider',
        'wire',
      ],
      [
        { op: 'unset', path: 'related[0].provider.domain' },
        'related[0].provider',
        'provider',
        'wire',
      ],
      [{ op: 'set', path: 'extra_topics', value: ['A'] }, 'extra_topics', 'topics', 'tops'],
      [{ op: 'set', path: 'extra_topics[2]', value: 'Law' }, 'extra_topics', 'topics', 'tops'],
    ] as const) {
      const before = bytes.slice();
      const e = refusal(bytes, [op as PatchOp]);
      expect(e.code).toBe('alias');
      expect(e.message).toContain(`*${anchor} at ${alias}`);
      expect(e.message).toContain(`&${anchor} in ${field}, so ${field} would change too`);
      expect(e.message).toContain(op.path);
      expect(bytes).toEqual(before);
    }
    // The override next to the merge key is its own field.
    const own = write(bytes, [{ op: 'set', path: 'related[1].provider.name', value: 'Own' }]);
    expect(diff(bytes, own)).toEqual({
      removed: ['      name: Example Wire Extra'],
      added: ['      name: Own'],
    });
  });

  it('topics edited as a list: one line added, extra_topics: *tops stays; setting back restores', () => {
    const edited = write(bytes, [
      { op: 'set', path: 'topics', value: ['Policy', 'Courts', 'Law'] },
    ]);
    expect(diff(bytes, edited)).toEqual({ removed: [], added: ['  - Law'] });
    expect(parseArticle(edited).data!.extra_topics).toEqual(['Policy', 'Courts', 'Law']);
    const back = write(edited, [{ op: 'set', path: 'topics', value: ['Policy', 'Courts'] }]);
    expect(text(back)).toBe(text(bytes));
  });

  it('an edit that would break an alias is refused with a message naming it', () => {
    let e = refusal(bytes, [{ op: 'unset', path: 'topics' }]);
    expect(e.code).toBe('alias');
    expect(e.message).toMatch(/&tops.*\*tops at extra_topics/);
    e = refusal(bytes, [{ op: 'unset', path: 'provider' }]);
    expect(e.message).toMatch(/&wire.*\*wire at related\[0\]\.provider/);
    e = refusal(bytes, [{ op: 'set', path: 'topics', value: 'Policy' }]);
    expect(e.message).toMatch(/\*tops at extra_topics/);
    e = refusal(bytes, [{ op: 'set', path: 'related[0].provider', value: 'Wire' }]);
    expect(e.message).toMatch(/\*wire at related\[0\]\.provider/);
  });

  it('an alias line itself can be removed, and nothing else changes', () => {
    const edited = write(bytes, [{ op: 'unset', path: 'extra_topics' }]);
    expect(diff(bytes, edited)).toEqual({ removed: ['extra_topics: *tops'], added: [] });
  });
});

describe.each(VARIANTS)('toml-front-matter.md and dots-end-marker.md (%s)', (_v, variant) => {
  it('TOML front matter (+++) is a problem that says TOML, and is never written', () => {
    const bytes = caseFile('toml-front-matter.md', variant);
    const p = parseArticle(bytes);
    expect(p.malformed).toBe(true);
    expect(p.problems).toEqual([
      expect.objectContaining({ path: '', severity: 'error', code: 'foreign-front-matter' }),
    ]);
    expect(p.problems[0].message).toMatch(/TOML/);
    expect(p.problems[0].message).toMatch(/\+\+\+/);
    expect(p.problems[0].message).toMatch(/does not edit/);
    expect(p.problems[0].message).not.toMatch(/no front matter/);
    expect(refusal(bytes, [{ op: 'set', path: 'title', value: 'x' }]).code).toBe('malformed');
  });

  it('a ... end marker is a problem that names it and asks for a --- line', () => {
    const bytes = caseFile('dots-end-marker.md', variant);
    const p = parseArticle(bytes);
    expect(p.malformed).toBe(true);
    expect(p.problems).toHaveLength(1);
    expect(p.problems[0]).toMatchObject({
      path: '',
      severity: 'error',
      code: 'document-end-marker',
    });
    expect(p.problems[0].message).toMatch(/\.\.\. line/);
    expect(p.problems[0].message).toMatch(/line 14/);
    expect(p.problems[0].message).toMatch(/--- line/);
    expect(p.problems[0].message).not.toMatch(/never closed/);
    expect(refusal(bytes, [{ op: 'set', path: 'title', value: 'x' }]).code).toBe('malformed');
  });
});

describe('the fast index agrees with the full parse on every case', () => {
  const names = [
    'special-floats-and-yaml11-scalars.md',
    'non-canonical-literals.md',
    'empty-values-scaffold.md',
    'anchors-and-aliases.md',
    'toml-front-matter.md',
    'dots-end-marker.md',
  ];
  it.each(names.flatMap((n) => VARIANTS.map(([v, f]) => [n, v, f] as const)))(
    '%s (%s)',
    (name, _v, variant) => {
      const bytes = caseFile(name, variant);
      const stat = { size: bytes.byteLength, mtimeMs: 1 };
      expect(indexFile(name, bytes, stat)).toEqual(indexFileFull(name, bytes, stat));
    },
  );
});

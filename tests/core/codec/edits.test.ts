/** Specific surgical edits: styles kept, lists and maps, new keys, aliases, quoting rules. */
import { afterAll, describe, expect, it } from 'vitest';
import type { PatchOp } from '../../../src/shared/article';
import { applyPatch, CodecError, parseArticle } from '../../../src/core/codec/index';
import { diffText, fixture, lineDiff, readBytes, TempDir, text, toCrlfBom } from './helpers';

const tmp = new TempDir();
afterAll(() => tmp.cleanup());

/** Writes `content` to a temp file, applies the patch to the bytes read back, writes and re-reads. */
function edit(content: string, patch: PatchOp[]) {
  const path = tmp.write(`f-${Math.random().toString(36).slice(2)}.md`, content);
  const before = readBytes(path);
  const out = applyPatch(before, patch);
  const after = readBytes(tmp.write(`out-${Math.random().toString(36).slice(2)}.md`, out));
  return {
    before,
    after,
    diff: diffText(lineDiff(text(before), text(after))),
    data: parseArticle(after).data,
    out: text(after),
  };
}

const seed = fixture('seed-article.md');

describe('seed article', () => {
  it('published: false -> true changes exactly that line', () => {
    const r = edit(seed, [{ op: 'set', path: 'published', value: true }]);
    expect(r.diff).toEqual({ removed: ['published: false'], added: ['published: true'] });
  });

  it('keeps double quotes for a title typed without them, and restores the bytes', () => {
    const r = edit(seed, [{ op: 'set', path: 'title', value: 'Plain words' }]);
    expect(r.diff.added).toEqual(['title: "Plain words"']);
    const back = applyPatch(r.after, [
      { op: 'set', path: 'title', value: parseArticle(r.before).data!.title },
    ]);
    expect(back).toEqual(r.before);
  });

  it('topics = [AI, Policy] rewrites only the items, block style and indent kept', () => {
    const r = edit(seed, [{ op: 'set', path: 'topics', value: ['AI', 'Policy'] }]);
    expect(r.out).toContain('\ntopics:\n  - AI\n  - Policy\n\nimages:\n');
    expect(r.diff).toEqual({ removed: ['  - Computer Vision'], added: ['  - Policy'] });
    expect(r.data!.topics).toEqual(['AI', 'Policy']);
  });

  it('appending to a list adds one line in its style', () => {
    const r = edit(seed, [{ op: 'set', path: 'topics[2]', value: 'Policy' }]);
    expect(r.diff).toEqual({ removed: [], added: ['  - Policy'] });
    expect(r.out).toContain('  - AI\n  - Policy\n\nimages:');
  });

  it('provider = {name, domain} edits the map in place', () => {
    const r = edit(seed, [
      { op: 'set', path: 'provider', value: { name: 'BBC News', domain: 'bbc.co.uk' } },
    ]);
    expect(r.diff).toEqual({
      removed: ['  name: AOL', '  domain: aol.com'],
      added: ['  name: BBC News', '  domain: bbc.co.uk'],
    });
  });

  it('a new related item is written like the existing ones and appended to the list', () => {
    const item = {
      title: 'A new link',
      excerpt: 'Short',
      publishedDateTime: '2023-01-02T03:04:05Z',
      webUrl: 'https://example.com/new',
      type: 'article',
      provider: { name: 'Example', domain: 'example.com' },
      quality: 12,
    };
    const r = edit(seed, [{ op: 'set', path: 'related[2]', value: item }]);
    expect(r.diff.removed).toEqual([]);
    expect(r.diff.added).toEqual([
      '  - title: "A new link"',
      '    excerpt: "Short"',
      '    publishedDateTime: 2023-01-02T03:04:05Z',
      '    webUrl: "https://example.com/new"',
      '    type: article',
      '    provider:',
      '      name: Example',
      '      domain: example.com',
      '    quality: 12',
    ]);
    expect((r.data!.related as unknown[])[2]).toEqual(item);
    expect(r.out).toMatch(/isCached: true\n {2}- title: "A new link"/);
  });

  it('unset of a list element removes exactly its lines', () => {
    const r = edit(seed, [{ op: 'unset', path: 'related[0]' }]);
    expect(r.diff.added).toEqual([]);
    expect(r.diff.removed).toHaveLength(14);
    expect(r.diff.removed[0]).toBe(
      '  - title: "Campaigners call on police to end use of face recognition technology"',
    );
    expect(r.diff.removed[13]).toBe('        isCached: true');
    expect((r.data!.related as unknown[]).length).toBe(1);
  });

  it('unset of the first key of a list item keeps the item', () => {
    const r = edit(seed, [{ op: 'unset', path: 'related[0].title' }]);
    expect(r.diff.removed).toEqual([
      '  - title: "Campaigners call on police to end use of face recognition technology"',
      '    excerpt: "Fourteen campaign groups have published an open letter requesting the Metropolitan Police Commissioner to stop using \\"useless and highly invasive\\" facial recognition technologies."',
    ]);
    expect(r.diff.added).toEqual([
      '  - excerpt: "Fourteen campaign groups have published an open letter requesting the Metropolitan Police Commissioner to stop using \\"useless and highly invasive\\" facial recognition technologies."',
    ]);
  });

  it('setting a path whose parents do not exist creates them at the end', () => {
    const r = edit(seed, [
      { op: 'set', path: 'review.status', value: 'approved' },
      { op: 'set', path: 'review.by', value: 'ed' },
    ]);
    expect(r.diff).toEqual({ removed: [], added: ['review:', '  status: approved', '  by: ed'] });
    expect(r.out).toMatch(
      /bQG3Eck6wvDfGvIbASWhTg=="\nreview:\n {2}status: approved\n {2}by: ed\n---\n/,
    );
  });

  it('quotes strings that look like numbers, booleans, null or dates', () => {
    const r = edit(seed, [
      { op: 'set', path: 'category', value: '12' },
      { op: 'set', path: 'type', value: 'true' },
      { op: 'set', path: 'provider.name', value: 'null' },
      { op: 'set', path: 'provider.domain', value: 'yes' },
      { op: 'set', path: 'newDate', value: '2024-05-06' },
      { op: 'set', path: 'colon', value: 'a: b' },
    ]);
    expect(r.diff.added).toEqual([
      'category: "12"',
      'type: "true"',
      '  name: "null"',
      '  domain: "yes"',
      'newDate: "2024-05-06"',
      'colon: "a: b"',
    ]);
    expect(r.data).toMatchObject({
      category: '12',
      type: 'true',
      provider: { name: 'null', domain: 'yes' },
      newDate: '2024-05-06',
    });
  });

  it('quotes keys that need it', () => {
    const r = edit(seed, [
      { op: 'set', path: 'odd key: yes', value: 1 },
      { op: 'set', path: 'true', value: 'x' },
    ]);
    expect(r.diff.added).toEqual(['"odd key: yes": 1', '"true": x']);
    expect(r.data).toMatchObject({ 'odd key: yes': 1, true: 'x' });
  });

  it('numbers and booleans written as such, plain', () => {
    const r = edit(seed, [
      { op: 'set', path: 'quality', value: 99.5 },
      { op: 'set', path: 'heat', value: 3 },
    ]);
    expect(r.diff.added).toEqual(['quality: 99.5', 'heat: 3']);
  });

  it('a value that does not fit the plain style gets double quotes', () => {
    const r = edit(seed, [{ op: 'set', path: 'type', value: '#hash start' }]);
    expect(r.diff.added).toEqual(['type: "#hash start"']);
  });

  it('a 300-character value is written on one line, never wrapped', () => {
    const long = 'word '.repeat(60).trim();
    const r = edit(seed, [{ op: 'set', path: 'excerpt', value: long }]);
    expect(r.diff.added).toEqual([`excerpt: "${long}"`]);
  });

  it('unset the whole provider map removes its three lines only', () => {
    const r = edit(seed, [{ op: 'unset', path: 'provider' }]);
    expect(r.diff).toEqual({
      removed: ['provider:', '  name: AOL', '  domain: aol.com'],
      added: [],
    });
  });

  it('unsetting the last key of a nested map leaves an empty map', () => {
    const r = edit(seed, [
      { op: 'unset', path: 'provider.name' },
      { op: 'unset', path: 'provider.domain' },
    ]);
    expect(r.diff).toEqual({
      removed: ['provider:', '  name: AOL', '  domain: aol.com'],
      added: ['provider: {}'],
    });
  });

  it('refuses bad paths and values without changing anything', () => {
    const bytes = new TextEncoder().encode(seed);
    const copy = bytes.slice();
    const codes = (patch: PatchOp[]) => {
      try {
        applyPatch(bytes, patch);
        return 'no error';
      } catch (e) {
        return e instanceof CodecError ? e.code : String(e);
      }
    };
    expect(codes([{ op: 'set', path: 'title.sub', value: 1 }])).toBe('bad-path');
    expect(codes([{ op: 'set', path: 'topics[5]', value: 'x' }])).toBe('bad-path');
    expect(codes([{ op: 'set', path: 'topics.name', value: 'x' }])).toBe('bad-path');
    expect(codes([{ op: 'set', path: 'a..b', value: 1 }])).toBe('bad-path');
    expect(codes([{ op: 'set', path: 'quality', value: new Date() }])).toBe('bad-value');
    expect(codes([{ op: 'set', path: 'quality', value: undefined }])).toBe('bad-value');
    expect(bytes).toEqual(copy);
  });
});

describe('styles of the file are kept', () => {
  it('flow list stays flow; append and remove keep the rest of the line', () => {
    const flow = fixture('flow.md');
    let r = edit(flow, [{ op: 'set', path: 'topics', value: ['AI', 'Policy'] }]);
    expect(r.diff).toEqual({
      removed: ['topics: [AI, Policy, "Machine learning"]'],
      added: ['topics: [AI, Policy]'],
    });
    r = edit(flow, [{ op: 'set', path: 'topics[3]', value: 'Ethics, law' }]);
    expect(r.diff.added).toEqual(['topics: [AI, Policy, "Machine learning", "Ethics, law"]']);
    r = edit(flow, [{ op: 'unset', path: 'topics[0]' }]);
    expect(r.diff.added).toEqual(['topics: [Policy, "Machine learning"]']);
    r = edit(flow, [{ op: 'set', path: 'spaced[1]', value: 'c' }]);
    expect(r.diff.added).toEqual(['spaced: [ a ,  c ]']);
    r = edit(flow, [
      { op: 'set', path: 'empty[0]', value: 'x' },
      { op: 'set', path: 'nothing.k', value: 'v' },
    ]);
    expect(r.diff.added).toEqual(['empty: [x]', 'nothing: {k: v}']);
  });

  it('flow map stays flow', () => {
    const r = edit(fixture('flow.md'), [
      { op: 'set', path: 'provider', value: { name: 'BBC', domain: 'bbc.com', extra: 'x' } },
      { op: 'set', path: 'images[0].width', value: 640 },
    ]);
    expect(r.diff.added).toEqual([
      'provider: {name: BBC, domain: bbc.com, extra: x}',
      'images: [{url: "https://x.test/a.png", width: 640, height: 50}]',
    ]);
  });

  it('single quotes stay single, double stay double', () => {
    const r = edit(fixture('quoted.md'), [
      { op: 'set', path: 'title', value: "Isn't it" },
      { op: 'set', path: 'excerpt', value: 'Say "hi" \\ bye' },
      { op: 'set', path: 'type', value: 'video' },
      { op: 'set', path: 'publishedDateTime', value: '2023-01-01T00:00:00Z' },
    ]);
    expect(r.diff.added).toEqual([
      "title: 'Isn''t it'",
      'excerpt: "Say \\"hi\\" \\\\ bye"',
      "type: 'video'",
      'publishedDateTime: 2023-01-01T00:00:00Z',
    ]);
  });

  it('block scalars stay block scalars', () => {
    const r = edit(fixture('block-scalars.md'), [
      { op: 'set', path: 'excerpt', value: 'New first line.\nNew second line.\n' },
      { op: 'set', path: 'notes', value: 'one\ntwo' },
    ]);
    expect(r.diff).toEqual({
      removed: ['  First line of the excerpt.', '  Second line.', '  keep', '  no final newline'],
      added: ['  New first line.', '  New second line.', '  one', '  two'],
    });
    const f = edit(fixture('block-scalars.md'), [
      { op: 'set', path: 'summary', value: 'One paragraph.\nSecond paragraph.\n' },
    ]);
    expect(f.out).toContain('summary: >\n  One paragraph.\n\n  Second paragraph.\nnotes');
    expect(f.data!.summary).toBe('One paragraph.\nSecond paragraph.\n');
  });

  it('comments (full-line and inline) survive edits around them', () => {
    const c = fixture('comments.md');
    const r = edit(c, [
      { op: 'set', path: 'title', value: 'Other title' },
      { op: 'set', path: 'quality', value: 81 },
      { op: 'set', path: 'provider.name', value: 'AP' },
    ]);
    expect(r.diff).toEqual({
      removed: [
        'title: Plain title # inline comment on title',
        'quality: 80 # out of 100',
        '  name: Reuters # agency',
      ],
      added: [
        'title: Other title # inline comment on title',
        'quality: 81 # out of 100',
        '  name: AP # agency',
      ],
    });
    const u = edit(c, [
      { op: 'unset', path: 'topics[0]' },
      { op: 'set', path: 'added', value: 'x' },
    ]);
    expect(u.diff).toEqual({ removed: ['  - Politics # first'], added: ['added: x'] });
    expect(u.out).toContain(
      '  # between items\n  - Economy\nadded: x\n# closing comment of the front matter\n---',
    );
  });

  it('four-space indent and compact lists are followed for new keys and items', () => {
    const r = edit(fixture('compact-indent.md'), [
      { op: 'set', path: 'topics[2]', value: 'Europe' },
      { op: 'set', path: 'provider.id', value: 7 },
      { op: 'set', path: 'related[0].quality', value: 3 },
      { op: 'set', path: 'images', value: [{ url: 'https://x.test/i.png', width: 1 }] },
      { op: 'set', path: 'meta', value: { a: { b: 1 } } },
    ]);
    expect(r.diff.added).toEqual([
      '    id: 7',
      '- Europe',
      '    quality: 3',
      'images:',
      '- url: https://x.test/i.png',
      '  width: 1',
      'meta:',
      '    a:',
      '        b: 1',
    ]);
  });

  it('CRLF and BOM: new lines use CRLF, BOM and body kept', () => {
    const src = toCrlfBom(seed);
    const r = edit(src, [
      {
        op: 'set',
        path: 'review',
        value: { status: 'approved', by: 'ed', at: '2024-01-01T00:00:00Z' },
      },
      { op: 'set', path: 'title', value: 'T' },
    ]);
    expect(r.out.startsWith('\uFEFF---\r\n')).toBe(true);
    expect(r.out).not.toMatch(/[^\r]\n/);
    expect(r.out).toContain(
      '\r\nreview:\r\n  status: approved\r\n  by: ed\r\n  at: "2024-01-01T00:00:00Z"\r\n---\r\n',
    );
    expect(Array.from(r.after.slice(0, 3))).toEqual([0xef, 0xbb, 0xbf]);
  });

  it('no final newline stays absent; the body is byte-identical', () => {
    const r = edit(fixture('no-final-newline.md'), [
      { op: 'set', path: 'published', value: false },
    ]);
    expect(r.out).toBe(
      '---\ntitle: No final newline\npublished: false\n---\nThe body ends without a newline.',
    );
  });

  it('unicode values are written as UTF-8 text', () => {
    const r = edit(fixture('unicode.md'), [
      { op: 'set', path: 'title', value: '“Neu” 🎉 中文 — ok' },
      { op: 'set', path: 'topics[2]', value: 'Ünï 🙂' },
    ]);
    expect(r.diff.added).toEqual(['title: "“Neu” 🎉 中文 — ok"', '  - Ünï 🙂']);
  });

  it('long lines elsewhere are not re-wrapped', () => {
    const src = fixture('long-lines.md');
    const r = edit(src, [{ op: 'set', path: 'quality', value: 11 }]);
    expect(r.diff).toEqual({ removed: ['quality: 10'], added: ['quality: 11'] });
  });

  it('empty front matter gets its first key', () => {
    const r = edit(fixture('empty-front-matter.md'), [
      { op: 'set', path: 'title', value: 'Now titled' },
    ]);
    expect(r.out).toBe(
      '---\ntitle: Now titled\n---\nBody of an article with empty front matter.\n',
    );
  });
});

describe('anchors and aliases', () => {
  const src = fixture('anchors.md');
  const refusal = (content: string, patch: PatchOp[]) => {
    try {
      applyPatch(new TextEncoder().encode(content), patch);
    } catch (e) {
      return e as CodecError;
    }
    throw new Error('expected a refusal');
  };

  it('editing an unrelated field keeps anchors and aliases byte for byte', () => {
    const r = edit(src, [{ op: 'set', path: 'quality', value: 51 }]);
    expect(r.diff).toEqual({ removed: ['quality: 50'], added: ['quality: 51'] });
  });

  it('a field shared through an alias is edited once, at its anchor; the alias line stays', () => {
    const r = edit(src, [{ op: 'set', path: 'provider.name', value: 'Reuters' }]);
    expect(r.data).toMatchObject({
      defaultProvider: { name: 'Reuters', domain: 'apnews.com' },
      provider: { name: 'Reuters', domain: 'apnews.com' },
      tags: ['breaking', 'world'],
    });
    expect(r.diff).toEqual({ removed: ['  name: AP'], added: ['  name: Reuters'] });
    const back = applyPatch(r.after, [{ op: 'set', path: 'provider.name', value: 'AP' }]);
    expect(text(back)).toBe(src);
  });

  it('an anchored scalar is edited in place; its aliases read the new value', () => {
    const r = edit(src, [{ op: 'set', path: 'tag', value: 'sports' }]);
    expect(r.data).toMatchObject({ tag: 'sports', tags: ['sports', 'world'] });
    expect(r.diff).toEqual({ removed: ['tag: &t breaking'], added: ['tag: &t sports'] });
    // Through the alias: the same single edit, at the anchor.
    const via = edit(src, [{ op: 'set', path: 'tags[0]', value: 'sports' }]);
    expect(via.out).toBe(r.out);
  });

  it('removing an anchor an alias still uses is refused, naming the alias', () => {
    const e = refusal(src, [{ op: 'unset', path: 'defaultProvider' }]);
    expect(e.code).toBe('alias');
    expect(e.message).toMatch(/&prov/);
    expect(e.message).toMatch(/\*prov at provider/);
    expect(refusal(src, [{ op: 'unset', path: 'tag' }]).message).toMatch(/\*t at tags\[0\]/);
  });

  it('a shared value never changes kind; an alias can be removed', () => {
    expect(refusal(src, [{ op: 'set', path: 'provider', value: 'AP' }]).code).toBe('alias');
    expect(refusal(src, [{ op: 'set', path: 'defaultProvider', value: [1] }]).code).toBe('alias');
    const r = edit(src, [{ op: 'unset', path: 'provider' }]);
    expect(r.diff).toEqual({ removed: ['provider: *prov'], added: [] });
  });
});

describe('edge cases', () => {
  const run = (src: string, patch: PatchOp[]) => edit(src, patch).out;

  it('flow map as the whole front matter', () => {
    const patch: PatchOp[] = [
      { op: 'set', path: 'c', value: 'y' },
      { op: 'unset', path: 'a' },
      { op: 'set', path: 'b[1]', value: 'z' },
    ];
    expect(run('---\n{a: 1, b: [x]}\n---\n', patch)).toBe('---\n{b: [x, z], c: "y"}\n---\n');
  });

  it('empty (null) values get a value, a map or a list', () => {
    expect(
      run('---\na:\nb: ~\n---\n', [
        { op: 'set', path: 'a', value: 'x' },
        { op: 'set', path: 'b', value: { k: 1 } },
      ]),
    ).toBe('---\na: x\nb:\n  k: 1\n---\n');
    expect(run('---\na:\nb: ~\n---\n', [{ op: 'set', path: 'a.k', value: [1, 2] }])).toBe(
      '---\na:\n  k:\n    - 1\n    - 2\nb: ~\n---\n',
    );
  });

  it('a multi-line plain scalar is replaced as a whole', () => {
    expect(
      run('---\nexcerpt: This is a long\n  plain scalar continued\nnext: 1\n---\n', [
        { op: 'set', path: 'excerpt', value: 'short' },
      ]),
    ).toBe('---\nexcerpt: short\nnext: 1\n---\n');
  });

  it('closing fence at the very end of the file', () => {
    expect(run('---\na: 1\n---', [{ op: 'set', path: 'b', value: 'x' }])).toBe(
      '---\na: 1\nb: x\n---',
    );
  });

  it('quoted keys are kept as written', () => {
    expect(
      run('---\n"quoted key": 1\n\'s\': 2\n---\n', [
        { op: 'set', path: 'quoted key', value: 2 },
        { op: 'set', path: 's', value: 3 },
      ]),
    ).toBe('---\n"quoted key": 2\n\'s\': 3\n---\n');
  });

  it('compact lists (dash at the key indent) stay compact', () => {
    const out = run('---\nlist:\n- a\n- b\nafter: 1\n---\n', [
      { op: 'unset', path: 'list[1]' },
      { op: 'set', path: 'list[1]', value: { x: 1, z: [1, 2] } },
    ]);
    expect(out).toBe('---\nlist:\n- a\n- x: 1\n  z:\n  - 1\n  - 2\nafter: 1\n---\n');
  });

  it('removing the only item of a block list leaves []', () => {
    expect(run('---\ntopics:\n  - a\n---\n', [{ op: 'unset', path: 'topics[0]' }])).toBe(
      '---\ntopics: []\n---\n',
    );
  });

  it('nested lists: removing the first inner item', () => {
    expect(run('---\nlist:\n  - - a\n    - b\n---\n', [{ op: 'unset', path: 'list[0][0]' }])).toBe(
      '---\nlist:\n  - - b\n---\n',
    );
  });

  it('a block scalar takes a new chomping indicator when needed; numbers replace it plainly', () => {
    expect(
      run('---\ntext: |\n  a\n  b\n---\n', [{ op: 'set', path: 'text', value: 'single' }]),
    ).toBe('---\ntext: |-\n  single\n---\n');
    expect(run('---\ntext: |\n  a\n  b\n---\n', [{ op: 'set', path: 'text', value: 5 }])).toBe(
      '---\ntext: 5\n---\n',
    );
  });

  it('multi-line strings in a quoted scalar are escaped on one line', () => {
    expect(run('---\ntext: "x"\n---\n', [{ op: 'set', path: 'text', value: 'line1\nline2' }])).toBe(
      '---\ntext: "line1\\nline2"\n---\n',
    );
  });

  it('values that would break the fences or the line are quoted and escaped', () => {
    const out = run('---\nk: v\n---\n', [
      { op: 'set', path: 'k', value: '---' },
      { op: 'set', path: 't', value: 'tab\there' },
      { op: 'set', path: 'u', value: '\u2028x' },
    ]);
    expect(out).toBe('---\nk: "---"\nt: "tab\\there"\nu: "\\Lx"\n---\n');
  });

  it('an explicit tag that no longer fits is refused, not silently changed', () => {
    const bytes = new TextEncoder().encode('---\nn: !!str 5\n---\n');
    expect(() => applyPatch(bytes, [{ op: 'set', path: 'n', value: 6 }])).toThrow(CodecError);
    expect(text(applyPatch(bytes, [{ op: 'set', path: 'n', value: '6' }]))).toBe(
      '---\nn: !!str "6"\n---\n',
    );
  });
});

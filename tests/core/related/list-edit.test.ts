import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CodecError, parseArticle } from '../../../src/core/codec/index';
import { insertListItem, moveListItem, removeListItem } from '../../../src/core/related/list-edit';
import { articleText, changedLines, relatedBlock } from './fixtures';

const SEED = readFileSync(resolve(__dirname, '../codec/fixtures/seed-article.md'));
const enc = (s: string): Uint8Array => new TextEncoder().encode(s);
const dec = (b: Uint8Array): string => new TextDecoder('utf-8', { ignoreBOM: true }).decode(b);

/** Splits text into [head, item0, item1, …, tail] by the `  - title:` lines of `related`. */
function itemLines(text: string): { lines: string[]; starts: number[]; end: number } {
  const lines = text.split('\n');
  const rel = lines.indexOf('related:');
  const starts: number[] = [];
  let end = rel + 1;
  for (let i = rel + 1; i < lines.length; i++) {
    if (/^ {2}- /.test(lines[i])) starts.push(i);
    else if (!/^ {4}/.test(lines[i])) {
      end = i;
      break;
    }
  }
  return { lines, starts, end };
}

function related(bytes: Uint8Array): unknown[] {
  return parseArticle(bytes).data?.related as unknown[];
}

describe('moveListItem', () => {
  it('moves the seed’s second related item to the front: only its lines move', () => {
    const before = dec(SEED);
    const out = moveListItem(SEED, 'related', 1, 0);
    const { lines, starts, end } = itemLines(before);
    const first = lines.slice(starts[0], starts[1]);
    const second = lines.slice(starts[1], end);
    const expected = [...lines.slice(0, starts[0]), ...second, ...first, ...lines.slice(end)].join(
      '\n',
    );
    expect(dec(out)).toBe(expected);
    expect(related(out)).toEqual([related(SEED)[1], related(SEED)[0]]);
    // Everything else of the file is byte-identical, the secured blob and body included.
    expect(dec(out).length).toBe(before.length);
  });

  it('moving back restores the original bytes', () => {
    const there = moveListItem(SEED, 'related', 0, 1);
    expect(Buffer.from(moveListItem(there, 'related', 1, 0)).equals(SEED)).toBe(true);
  });

  it('keeps CRLF line endings, a BOM and a comment above the moved item', () => {
    const text = articleText('a', {
      eol: '\r\n',
      bom: true,
      related:
        relatedBlock('One', 'https://x.example/1') +
        '  # hand-picked by the desk\n' +
        relatedBlock('Two', 'https://x.example/2') +
        relatedBlock('Three', 'https://x.example/3'),
    }).replace(/\r?\n/g, '\r\n');
    const out = dec(moveListItem(enc(text), 'related', 1, 2));
    expect(out.startsWith('\uFEFF---\r\n')).toBe(true);
    expect(out.replace(/\r\n/g, '')).not.toContain('\n');
    const titles = (parseArticle(enc(out)).data?.related as Array<{ title: string }>).map(
      (r) => r.title,
    );
    expect(titles).toEqual(['One', 'Three', 'Two']);
    // The comment travelled with "Two": it is right above it now.
    expect(out).toContain('  # hand-picked by the desk\r\n  - title: "Two"');
    expect(out.indexOf('"Three"')).toBeLessThan(out.indexOf('# hand-picked'));
    // Same bytes, other order: nothing added or lost.
    expect([...out].sort().join('')).toBe([...text].sort().join(''));
  });

  it('falls back to the codec for a flow-style list, and still changes only that field', () => {
    const text = articleText('a', { related: null }).replace(
      'secured:',
      'related: [{title: One, webUrl: "https://x.example/1"}, {title: Two, webUrl: "https://x.example/2"}]\nsecured:',
    );
    const out = dec(moveListItem(enc(text), 'related', 0, 1));
    expect(
      (parseArticle(enc(out)).data?.related as Array<{ title: string }>).map((r) => r.title),
    ).toEqual(['Two', 'One']);
    const diff = changedLines(text, out);
    expect(diff.removed).toHaveLength(1);
    expect(diff.removed[0]).toMatch(/^related: \[/);
    expect(diff.added.every((l) => l.startsWith('related') || l.startsWith(' '))).toBe(true);
  });

  it('refuses an index out of range and a malformed file', () => {
    expect(() => moveListItem(SEED, 'related', 0, 2)).toThrow(CodecError);
    expect(() => moveListItem(enc('---\ntitle: [oops\n---\n'), 'related', 0, 1)).toThrow(
      expect.objectContaining({ code: 'malformed' }),
    );
  });
});

describe('removeListItem', () => {
  it('cuts exactly the item’s lines', () => {
    const text = articleText('a', {
      related:
        relatedBlock('One', 'https://x.example/1') +
        relatedBlock('Two', 'https://x.example/2') +
        relatedBlock('Three', 'https://x.example/3'),
    });
    const out = dec(removeListItem(enc(text), 'related', 1));
    const diff = changedLines(text, out);
    expect(diff.added).toEqual([]);
    expect(diff.removed.join('\n') + '\n').toBe(relatedBlock('Two', 'https://x.example/2'));
  });

  it('removing the last item of the seed keeps the blank line before secured', () => {
    const out = dec(removeListItem(SEED, 'related', 1));
    expect(out).toContain('        isCached: true\n\nsecured:');
    expect(related(enc(out))).toEqual([related(SEED)[0]]);
    expect(changedLines(dec(SEED), out).added).toEqual([]);
  });

  it('removing the only item leaves an empty list, not a null', () => {
    const text = articleText('a', { related: relatedBlock('One', 'https://x.example/1') });
    const out = removeListItem(enc(text), 'related', 0);
    expect(parseArticle(out).data?.related).toEqual([]);
    expect(dec(out)).toContain('related: []\n');
  });
});

describe('insertListItem', () => {
  const item = {
    title: 'New one',
    webUrl: 'https://x.example/new',
    provider: { name: 'BBC', domain: 'bbc.co.uk' },
  };

  it('inserts at a position in block style; the other lines are untouched', () => {
    const before = dec(SEED);
    const out = dec(insertListItem(SEED, 'related', item, 1));
    expect(related(enc(out))).toEqual([related(SEED)[0], item, related(SEED)[1]]);
    const diff = changedLines(before, out);
    expect(diff.removed).toEqual([]);
    expect(diff.added).toEqual([
      '  - title: "New one"',
      '    webUrl: "https://x.example/new"',
      '    provider:',
      '      name: BBC',
      '      domain: bbc.co.uk',
    ]);
  });

  it('writes a block list into an empty `related: []` and creates the key when absent', () => {
    const empty = articleText('a', { related: null }).replace(
      'secured:',
      'related: []\n\nsecured:',
    );
    const out = dec(insertListItem(enc(empty), 'related', item));
    expect(out).toMatch(/\nrelated:\n {2}- title: "?New one"?\n {4}webUrl: /);
    const none = dec(insertListItem(enc(articleText('a')), 'related', item));
    expect(parseArticle(enc(none)).data?.related).toEqual([item]);
    expect(none).toMatch(/\nrelated:\n {2}- title: /);
  });

  it('writes a first item like the article’s own fields: quoted text and URLs, plain dates', () => {
    const copy = {
      title: 'Campaigners call on police',
      excerpt: 'An open letter.',
      publishedDateTime: '2022-09-12T11:48:00Z',
      webUrl: 'https://news.example.com/b',
      type: 'article',
      provider: { name: 'IET', domain: 'theiet.org' },
      quality: 54,
      images: [{ url: 'https://img.example.com/b.jpg', width: 1200, height: 675, isCached: true }],
    };
    for (const eol of ['\n', '\r\n'] as const) {
      const before = articleText('a', { eol });
      const out = dec(insertListItem(enc(before), 'related', copy));
      expect(parseArticle(enc(out)).data?.related).toEqual([copy]);
      expect(changedLines(before, out).removed).toEqual([]);
      expect(out.split(eol)).toEqual(
        expect.arrayContaining([
          'related:',
          '  - title: "Campaigners call on police"',
          '    excerpt: "An open letter."',
          '    publishedDateTime: 2022-09-12T11:48:00Z',
          '    webUrl: "https://news.example.com/b"',
          '    type: article',
          '    provider:',
          '      name: IET',
          '      domain: theiet.org',
          '    quality: 54',
          '    images:',
          '      - url: "https://img.example.com/b.jpg"',
          '        width: 1200',
          '        height: 675',
          '        isCached: true',
        ]),
      );
      if (eol === '\r\n') expect(out.replace(/\r\n/g, '')).not.toContain('\n');
    }
  });

  it('styles each field after the nearest item that has it, else after the article’s own', () => {
    const before = articleText('a', {
      related: "  - title: 'Typed by hand'\n    webUrl: https://hand.example/x\n",
    });
    const copy = {
      title: 'Copied',
      excerpt: 'From the folder.',
      publishedDateTime: '2022-09-12T11:48:00Z',
      webUrl: 'https://news.example.com/b',
    };
    const out = dec(insertListItem(enc(before), 'related', copy));
    expect(changedLines(before, out)).toEqual({
      removed: [],
      added: [
        "  - title: 'Copied'",
        '    excerpt: "From the folder."',
        '    publishedDateTime: 2022-09-12T11:48:00Z',
        '    webUrl: https://news.example.com/b',
      ],
    });
  });
});

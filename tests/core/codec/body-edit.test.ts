/**
 * The `body` patch op: a body edit changes only the bytes after the closing fence line, the
 * front matter stays byte-identical (comments, CRLF, BOM and all), and it can be combined
 * with field edits. Refusals: a second body op, a body that is not text or is too long.
 */
import { describe, expect, it } from 'vitest';
import { applyPatch, CodecError, parseArticle } from '../../../src/core/codec/index';
import { describeChanges } from '../../../src/core/write/index';
import type { PatchOp } from '../../../src/shared/article';
import { MAX_BODY_LENGTH, patchBody, patchData, PatchError } from '../../../src/shared/patch';
import { validateCall } from '../../../src/shared/contract';
import { fixture, text, toCrlfBom } from './helpers';

const enc = new TextEncoder();
const bytes = (s: string) => enc.encode(s);
const seed = fixture('seed-article.md');

/** The part of `s` up to and including the closing fence line. */
function head(s: string): string {
  const m = /^\uFEFF?---[^\n]*\n[\s\S]*?\n---[ \t]*(\r?\n|$)/.exec(s);
  if (!m) throw new Error('no front matter');
  return m[0];
}

function codeOf(fn: () => unknown): string | null {
  try {
    fn();
    return null;
  } catch (e) {
    if (e instanceof CodecError || e instanceof PatchError) return e.code;
    throw e;
  }
}

describe('body op in the codec', () => {
  it('replaces only the body of the seed article; the front matter is byte-identical', () => {
    const out = text(applyPatch(bytes(seed), [{ op: 'body', value: 'New body.\n\nSecond.\n' }]));
    expect(head(out)).toBe(head(seed));
    expect(out).toBe(head(seed) + 'New body.\n\nSecond.\n');
    const parsed = parseArticle(bytes(out));
    expect(parsed.body).toBe('New body.\n\nSecond.\n');
    expect(parsed.data).toEqual(parseArticle(bytes(seed)).data);
  });

  it('keeps a CRLF + BOM front matter byte for byte and writes the body exactly as given', () => {
    const crlf = toCrlfBom(seed);
    const out = text(applyPatch(bytes(crlf), [{ op: 'body', value: 'One\r\nTwo\r\n' }]));
    expect(head(out)).toBe(head(crlf));
    expect(out.slice(head(crlf).length)).toBe('One\r\nTwo\r\n');
  });

  it('adds a line break after a closing fence at the end of the file before a new body', () => {
    const src = '---\ntitle: A # the title\n---';
    const out = text(applyPatch(bytes(src), [{ op: 'body', value: 'Hello' }]));
    expect(out).toBe('---\ntitle: A # the title\n---\nHello');
    expect(parseArticle(bytes(out)).body).toBe('Hello');
    // An empty body on such a file changes nothing.
    expect(text(applyPatch(bytes(src), [{ op: 'body', value: '' }]))).toBe(src);
  });

  it('can empty a body and put it back byte for byte', () => {
    const src = '---\ntitle: A\n---\n\nBody text\n';
    const emptied = applyPatch(bytes(src), [{ op: 'body', value: '' }]);
    expect(text(emptied)).toBe('---\ntitle: A\n---\n');
    expect(text(applyPatch(emptied, [{ op: 'body', value: '\nBody text\n' }]))).toBe(src);
  });

  it('a body that looks like front matter or fences stays body', () => {
    const src = '---\ntitle: A\n---\nold\n';
    const body = '---\ntitle: B\n---\n<script>alert(1)</script>\n';
    const out = applyPatch(bytes(src), [{ op: 'body', value: body }]);
    const parsed = parseArticle(out);
    expect(parsed.data).toEqual({ title: 'A' });
    expect(parsed.body).toBe(body);
  });

  it('combines with field edits: only the edited field line and the body change', () => {
    const src = '---\n# comment\ntitle: "A"\nquality: 10\n---\nold body\n';
    const out = text(
      applyPatch(bytes(src), [
        { op: 'set', path: 'quality', value: 20 },
        { op: 'body', value: 'new body\n' },
      ]),
    );
    expect(out).toBe('---\n# comment\ntitle: "A"\nquality: 20\n---\nnew body\n');
  });

  it('the same body returns the same bytes', () => {
    const out = applyPatch(bytes(seed), [{ op: 'body', value: parseArticle(bytes(seed)).body }]);
    expect(text(out)).toBe(seed);
  });

  it('refuses two body ops, a body that is not text and one that is too long', () => {
    const two: PatchOp[] = [
      { op: 'body', value: 'a' },
      { op: 'body', value: 'b' },
    ];
    expect(codeOf(() => applyPatch(bytes(seed), two))).toBe('bad-value');
    const notText = [{ op: 'body', value: 42 }] as unknown as PatchOp[];
    expect(codeOf(() => applyPatch(bytes(seed), notText))).toBe('bad-value');
    const long: PatchOp[] = [{ op: 'body', value: 'x'.repeat(MAX_BODY_LENGTH + 1) }];
    expect(codeOf(() => applyPatch(bytes(seed), long))).toBe('bad-value');
  });

  it('refuses a result over the article size limit (8 MiB)', () => {
    // 3 Mi characters of 3-byte text: within the body length, 9 MiB of bytes.
    const big: PatchOp[] = [{ op: 'body', value: '€'.repeat(3 * 1024 * 1024) }];
    expect(codeOf(() => applyPatch(bytes(seed), big))).toBe('bad-value');
  });

  it('never writes a malformed file', () => {
    expect(codeOf(() => applyPatch(bytes('---\na: [\n---\n'), [{ op: 'body', value: 'x' }]))).toBe(
      'malformed',
    );
  });
});

describe('body op in the shared patch and the contract', () => {
  it('does not change the front matter preview', () => {
    const base = { title: 'A' };
    expect(patchData(base, [{ op: 'body', value: 'x' }])).toBe(base);
    expect(patchBody([{ op: 'set', path: 'title', value: 'B' }])).toBeUndefined();
    expect(patchBody([{ op: 'body', value: 'x' }])).toBe('x');
  });

  it('save accepts one; bulkEdit refuses it; the body is size-capped', () => {
    const id = 'a.md';
    const ok = validateCall('save', {
      id,
      baseHash: 'h',
      patch: [{ op: 'body', value: 'text' }],
    });
    expect(ok).toMatchObject({ patch: [{ op: 'body', value: 'text' }] });
    expect(() =>
      validateCall('bulkEdit', { ids: [id], patch: [{ op: 'body', value: 'text' }] }),
    ).toThrow(/Bad arguments/);
    expect(() =>
      validateCall('save', {
        id,
        baseHash: 'h',
        patch: [{ op: 'body', value: 'x'.repeat(MAX_BODY_LENGTH + 1) }],
      }),
    ).toThrow(/Bad arguments/);
    expect(() =>
      validateCall('save', { id, baseHash: 'h', patch: [{ op: 'body', value: 'x', path: 'y' }] }),
    ).toThrow(/Bad arguments/);
  });

  it('a bulk report names a body edit', () => {
    expect(describeChanges({}, {}, [{ op: 'body', value: 'x' }])).toEqual(['body: edited']);
  });
});

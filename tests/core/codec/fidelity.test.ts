/**
 * Fidelity rules of PRODUCT.md §2 checked on every fixture, as LF and as CRLF with a BOM:
 * each edit changes only its own lines, and setting a value back restores the exact bytes.
 */
import { readdirSync, writeFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { applyPatch, CodecError, parseArticle } from '../../../src/core/codec/index';
import { fixture, FIXTURES, lineDiff, readBytes, TempDir, text, toCrlfBom } from './helpers';

const tmp = new TempDir();
afterAll(() => tmp.cleanup());

// Anchors that an alias still reads cannot be removed (edits.test.ts covers the refusal);
// values shared through them are edited once, at the anchor, like any other field.
const SHARED: Record<string, RegExp> = {
  'anchors.md': /^(defaultProvider|tag)$/,
};
// `secured` is never edited or removed (PRODUCT.md §1).
const PROTECTED = /^secured($|\.|\[)/;
const FOLDED_WRAPPED = new Set(['block-scalars.md:summary']);
const isShared = (name: string, path: string) => SHARED[name]?.test(path) ?? false;

type Leaf = { path: string; value: unknown };

function leaves(value: unknown, path: string, out: Leaf[]): Leaf[] {
  if (Array.isArray(value)) value.forEach((v, i) => leaves(v, `${path}[${i}]`, out));
  else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) leaves(v, path ? `${path}.${k}` : k, out);
  } else out.push({ path, value });
  return out;
}

function changed(value: unknown): unknown {
  if (typeof value === 'number') return value + 7;
  if (typeof value === 'boolean') return !value;
  if (typeof value === 'string') return value.includes('\n') ? 'Changed\nvalue\n' : 'Changed value';
  return 'was null';
}

/** Writes bytes to a real file and reads them back. */
function roundTrip(name: string, bytes: Uint8Array): Uint8Array {
  const path = tmp.write(name, bytes);
  writeFileSync(path, bytes);
  return readBytes(path);
}

const names = readdirSync(FIXTURES).filter((n) => n.endsWith('.md'));

describe.each(names.flatMap((n) => [[n, 'lf'] as const, [n, 'crlf+bom'] as const]))(
  '%s (%s)',
  (name, variant) => {
    const source = variant === 'lf' ? fixture(name) : toCrlfBom(fixture(name));
    const file = tmp.write(`${variant}-${name}`, source);
    const bytes = readBytes(file);
    const parsed = parseArticle(bytes);
    const eol = variant === 'lf' ? '\n' : '\r\n';

    it('parses without problems', () => {
      expect(parsed.malformed).toBe(false);
      expect(parsed.problems.filter((p) => p.severity === 'error')).toEqual([]);
      expect(parsed.data).not.toBeNull();
      expect(parsed.bom).toBe(variant !== 'lf');
      expect(parsed.eol).toBe(eol);
      expect(`${FIXTURES}/${name}`).toBeTruthy();
    });

    const data = parsed.data ?? {};
    const allLeaves = leaves(data, '', []).filter((l) => !PROTECTED.test(l.path));

    it.each(allLeaves.map((l) => [l.path, l] as const))(
      'set %s changes only its lines, set back restores bytes',
      (_p, leaf) => {
        const next = changed(leaf.value);
        const edited = roundTrip(
          `edit-${variant}-${name}`,
          applyPatch(bytes, [{ op: 'set', path: leaf.path, value: next }]),
        );
        const reparsed = parseArticle(edited);
        expect(reparsed.malformed).toBe(false);
        expect(reparsed.body).toBe(parsed.body);
        const d = lineDiff(text(bytes), text(edited));
        expect(d.removed.length).toBeGreaterThan(0);
        const multiLine =
          typeof leaf.value === 'string' &&
          (leaf.value.includes('\n') || /[|>]/.test(d.removed[0].line));
        if (!multiLine) {
          expect(d.removed).toHaveLength(1);
          expect(d.added).toHaveLength(1);
          expect(d.added[0].index).toBe(d.removed[0].index);
          expect(d.added[0].line.endsWith(eol)).toBe(true);
        }
        // The edited lines are one contiguous block.
        const idx = d.removed.map((r) => r.index);
        expect(idx[idx.length - 1] - idx[0]).toBe(idx.length - 1);
        const restored = applyPatch(edited, [{ op: 'set', path: leaf.path, value: leaf.value }]);
        if (FOLDED_WRAPPED.has(`${name}:${leaf.path}`)) {
          // A folded scalar's source line breaks are not part of its value, so once it has been
          // changed the original wrapping cannot be known: the value is restored, on one line.
          expect(parseArticle(restored).data).toEqual(data);
          expect(lineDiff(text(bytes), text(restored)).removed.length).toBe(2);
          return;
        }
        expect(text(restored)).toBe(text(bytes));
        expect(Buffer.compare(Buffer.from(restored), Buffer.from(bytes))).toBe(0);
      },
    );

    it('appends a new key at the end of the front matter in the file line ending', () => {
      const out = roundTrip(
        `add-${variant}-${name}`,
        applyPatch(bytes, [{ op: 'set', path: 'addedKey', value: 'new value' }]),
      );
      const d = lineDiff(text(bytes), text(out));
      expect(d.removed).toEqual([]);
      expect(d.added.map((a) => a.line)).toEqual([`addedKey: new value${eol}`]);
      const reparsed = parseArticle(out);
      expect(reparsed.data).toEqual({ ...data, addedKey: 'new value' });
      expect(Object.keys(reparsed.data!).at(-1)).toBe('addedKey');
      expect(reparsed.body).toBe(parsed.body);
      expect(reparsed.bom).toBe(parsed.bom);
    });

    const removable = Object.keys(data).filter((k) => !PROTECTED.test(k) && !isShared(name, k));
    it.each(removable.map((k) => [k]))('unset %s removes exactly its lines', (key) => {
      const out = roundTrip(
        `unset-${variant}-${name}`,
        applyPatch(bytes, [{ op: 'unset', path: key }]),
      );
      const expected = { ...data };
      delete expected[key];
      const reparsed = parseArticle(out);
      expect(reparsed.data).toEqual(expected);
      expect(reparsed.body).toBe(parsed.body);
      const d = lineDiff(text(bytes), text(out));
      expect(d.added).toEqual([]);
      expect(d.removed[0].line.replace(/^\uFEFF/, '').startsWith(key)).toBe(true);
      const idx = d.removed.map((r) => r.index);
      expect(idx[idx.length - 1] - idx[0]).toBe(idx.length - 1);
      for (const r of d.removed.slice(1)) expect(r.line).toMatch(/^(\s|-)/);
    });

    it('unset of a missing path and a patch setting current values leave the bytes identical', () => {
      expect(applyPatch(bytes, [{ op: 'unset', path: 'doesNotExist.deep' }])).toEqual(bytes);
      const same = Object.entries(data)
        .filter(([k]) => !PROTECTED.test(k))
        .map(([k, v]) => ({ op: 'set' as const, path: k, value: v }));
      expect(applyPatch(bytes, same)).toEqual(bytes);
    });

    it('never edits or removes secured', () => {
      for (const patch of [
        [{ op: 'set' as const, path: 'secured', value: 'other' }],
        [{ op: 'unset' as const, path: 'secured' }],
        [
          { op: 'set' as const, path: 'title', value: 'ok' },
          { op: 'set' as const, path: 'secured.x', value: 1 },
        ],
      ]) {
        expect(() => applyPatch(bytes, patch)).toThrow(/secured cannot be/);
        try {
          applyPatch(bytes, patch);
        } catch (e) {
          expect((e as CodecError).code).toBe('protected-field');
        }
      }
    });
  },
);

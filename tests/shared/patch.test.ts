import { describe, expect, it } from 'vitest';
import { getAtPath } from '../../src/shared/field-path';
import { cloneData, deepEqual, PatchError, patchData, resolvePatch } from '../../src/shared/patch';

describe('shared patch semantics', () => {
  it('applies set and unset without touching the input', () => {
    const base = { title: 'A', topics: ['x', 'y'], provider: { name: 'AOL' } };
    const out = patchData(base, [
      { op: 'set', path: 'topics[2]', value: 'z' },
      { op: 'unset', path: 'topics[0]' },
      { op: 'set', path: 'provider.domain', value: 'aol.com' },
      { op: 'set', path: 'images[0].url', value: 'https://a.example/i.jpg' },
    ]);
    expect(out).toEqual({
      title: 'A',
      topics: ['y', 'z'],
      provider: { name: 'AOL', domain: 'aol.com' },
      images: [{ url: 'https://a.example/i.jpg' }],
    });
    expect(base).toEqual({ title: 'A', topics: ['x', 'y'], provider: { name: 'AOL' } });
  });

  it('refuses an index past the end, a scalar parent and unwritable values with their codes', () => {
    const base = { topics: ['x'], title: 'A' };
    const code = (fn: () => unknown) => {
      try {
        fn();
        return null;
      } catch (e) {
        return e instanceof PatchError ? e.code : 'other';
      }
    };
    expect(code(() => patchData(base, [{ op: 'set', path: 'topics[2]', value: 'z' }]))).toBe(
      'bad-path',
    );
    expect(code(() => patchData(base, [{ op: 'set', path: 'new[1]', value: 'z' }]))).toBe(
      'bad-path',
    );
    expect(code(() => patchData(base, [{ op: 'set', path: 'title.x', value: 1 }]))).toBe(
      'bad-path',
    );
    for (const value of [new Date(0), undefined, () => 1, 10n]) {
      expect(code(() => resolvePatch([{ op: 'set', path: 'heat', value }]))).toBe('bad-value');
    }
    // YAML's .nan and .inf are values a file can hold, so they can be written back (issue 9 §2).
    for (const value of [NaN, Infinity, -Infinity]) {
      expect(code(() => resolvePatch([{ op: 'set', path: 'heat', value }]))).toBe(null);
    }
    expect(code(() => resolvePatch([{ op: 'set', path: 'a..b', value: 1 }]))).toBe('bad-path');
    // Unsetting what is not there is not an error.
    expect(patchData(base, [{ op: 'unset', path: 'title.x.y' }])).toEqual(base);
  });

  it('treats __proto__ and constructor as keys, never as the prototype', () => {
    const out = patchData({}, [
      { op: 'set', path: '__proto__.polluted', value: true },
      { op: 'set', path: 'constructor', value: 'c' },
    ]);
    expect(Object.keys(out)).toEqual(['__proto__', 'constructor']);
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(getAtPath(out, '__proto__.polluted')).toBe(true);
    // What the data does not have reads as missing, not as something inherited.
    expect(getAtPath({}, '__proto__')).toBeUndefined();
    expect(getAtPath({ title: 'x' }, 'title.length')).toBeUndefined();
    expect(getAtPath({ list: [1] }, 'list.length' as string)).toBeUndefined();
    const copy = cloneData(out);
    expect(Object.keys(copy)).toEqual(['__proto__', 'constructor']);
    expect(deepEqual(copy, out)).toBe(true);
  });

  it('copies keep numbers as they are and compare NaN as equal', () => {
    expect(Number.isNaN(cloneData({ n: NaN }).n)).toBe(true);
    expect(deepEqual({ n: NaN }, { n: NaN })).toBe(true);
    expect(deepEqual({ a: 1, b: 2 }, { b: 2, a: 1 })).toBe(true);
    expect(deepEqual([1, 2], [2, 1])).toBe(false);
    expect(deepEqual({ a: undefined }, { b: undefined })).toBe(false);
  });
});

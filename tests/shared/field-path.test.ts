import { describe, expect, it } from 'vitest';
import { formatPath, getAtPath, parsePath } from '../../src/shared/field-path';

describe('field paths', () => {
  it('parses keys, nested keys and list indexes', () => {
    expect(parsePath('title')).toEqual(['title']);
    expect(parsePath('provider.name')).toEqual(['provider', 'name']);
    expect(parsePath('related[0].title')).toEqual(['related', 0, 'title']);
    expect(parsePath('related[12].images[3].url')).toEqual(['related', 12, 'images', 3, 'url']);
  });

  it('rejects malformed paths', () => {
    for (const bad of ['', '.title', 'title.', 'a..b', '[0]', 'a[x]', 'a[0', 'a]0[', 'a[0]b']) {
      expect(() => parsePath(bad), bad).toThrow(/Bad field path/);
    }
  });

  it('formats back to the same string', () => {
    for (const p of ['title', 'provider.name', 'related[0].title', 'topics[2]']) {
      expect(formatPath(parsePath(p))).toBe(p);
    }
  });

  it('reads values at a path, undefined when absent', () => {
    const data = { provider: { name: 'AOL' }, related: [{ title: 'x' }], topics: ['AI'] };
    expect(getAtPath(data, 'provider.name')).toBe('AOL');
    expect(getAtPath(data, 'related[0].title')).toBe('x');
    expect(getAtPath(data, 'topics[1]')).toBeUndefined();
    expect(getAtPath(data, 'provider.name.first')).toBeUndefined();
  });
});

/** The Markdown helpers: which links may be opened, and character references decoded. */
import { describe, expect, it } from 'vitest';
import {
  decodeEntities,
  lexMarkdown,
  PREVIEW_MAX_CHARS,
  safeHttpUrl,
} from '../../../src/renderer/src/lib/markdown';

describe('safeHttpUrl', () => {
  it('accepts absolute http(s) URLs only', () => {
    expect(safeHttpUrl('https://example.org/a?b=1')).toBe('https://example.org/a?b=1');
    expect(safeHttpUrl(' http://example.org ')).toBe('http://example.org/');
    for (const bad of [
      'javascript:alert(1)',
      'JAVASCRIPT:alert(1)',
      ' javascript:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      'file:///etc/passwd',
      'vbscript:x',
      '/relative/path',
      '#anchor',
      'mailto:a@b.c',
      '',
      null,
    ]) {
      expect(safeHttpUrl(bad)).toBeNull();
    }
  });
});

describe('decodeEntities', () => {
  it('decodes named and numeric references, leaves unknown ones', () => {
    expect(decodeEntities('a &amp; b &lt;c&gt; &#8217; &#x2019; &rsquo;')).toBe('a & b <c> ’ ’ ’');
    expect(decodeEntities('&unknown; &#0; &#xD800;')).toBe('&unknown; \ufffd \ufffd');
    expect(decodeEntities('no refs')).toBe('no refs');
  });
});

describe('lexMarkdown', () => {
  it('cuts a very long body for the preview', () => {
    const long = 'word '.repeat(PREVIEW_MAX_CHARS / 5 + 10);
    expect(lexMarkdown(long).cut).toBe(true);
    expect(lexMarkdown('short').cut).toBe(false);
  });
});

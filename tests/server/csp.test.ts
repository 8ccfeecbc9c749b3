import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CSP_HEADER, CSP_META } from '../../src/shared/csp';

describe('Content-Security-Policy', () => {
  it('is strict: scripts and connections only from the app, images also from https and http', () => {
    const d = Object.fromEntries(
      CSP_HEADER.split('; ').map((s) => [s.split(' ')[0], s.split(' ').slice(1).join(' ')]),
    );
    expect(d).toEqual({
      'default-src': "'none'",
      'script-src': "'self'",
      'style-src': "'self'",
      'img-src': "'self' https: http: data:",
      'font-src': "'self' data:",
      'connect-src': "'self'",
      'base-uri': "'none'",
      'form-action': "'none'",
      'object-src': "'none'",
      'frame-ancestors': "'none'",
    });
  });

  it("is repeated in the renderer's index.html meta tag (without frame-ancestors, which meta ignores)", async () => {
    const html = await readFile(resolve(__dirname, '../../src/renderer/index.html'), 'utf8');
    const m = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]*)"/i.exec(html);
    expect(m?.[1]).toBe(CSP_META);
  });
});

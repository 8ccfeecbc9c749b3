/**
 * Test helpers for tests/shared: the seed article's front matter, parsed the way the codec
 * does (yaml core schema, dates stay strings).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import type { FrontMatter } from '../../src/shared/article';

/** Absolute path of the bundled sample folder. */
export const CONTENT_DIR = path.resolve(__dirname, '../../content');

/** Parses the front matter of a Markdown article text (LF or CRLF) with the core schema. */
export function parseFrontMatter(text: string): FrontMatter {
  const m = /^---\r?\n([\s\S]*?)\r?\n---(?:\r?\n|$)/.exec(text);
  if (!m) throw new Error('no front matter');
  const data: unknown = parse(m[1], { schema: 'core', uniqueKeys: true, maxAliasCount: 100 });
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    throw new Error('front matter is not a map');
  }
  return data as FrontMatter;
}

/** A fresh deep copy of the seed article's front matter. */
export function seedData(): FrontMatter {
  return parseFrontMatter(readFileSync(path.join(CONTENT_DIR, 'seed-article.md'), 'utf8'));
}

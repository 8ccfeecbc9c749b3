/** Article files in the real format (see the seed) and temp folders for the related tests. */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { afterAll } from 'vitest';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** Fields of a test article; everything has a realistic default. */
export interface ArticleSpec {
  title?: string;
  excerpt?: string;
  publishedDateTime?: string;
  webUrl?: string | null;
  originalUrl?: string | null;
  provider?: { name: string; domain: string };
  topics?: string[];
  category?: string;
  quality?: number;
  /** Raw YAML of the `related:` block (its lines, already indented), or `null` for no key. */
  related?: string | null;
  /** Line ending of the file. */
  eol?: '\n' | '\r\n';
  bom?: boolean;
}

/** An article file in the seed's layout. */
export function articleText(slug: string, spec: ArticleSpec = {}): string {
  const title = spec.title ?? `Story ${slug}`;
  const web = spec.webUrl === undefined ? `https://news.example.com/${slug}` : spec.webUrl;
  const orig = spec.originalUrl === undefined ? web : spec.originalUrl;
  const lines = [
    '---',
    `category: ${spec.category ?? 'news'}`,
    `title: "${title}"`,
    `excerpt: "${spec.excerpt ?? `What happened in ${slug}.`}"`,
    `publishedDateTime: ${spec.publishedDateTime ?? '2022-09-11T23:01:00Z'}`,
    ...(orig === null ? [] : [`originalUrl: "${orig}"`]),
    ...(web === null ? [] : [`webUrl: "${web}"`]),
    'type: article',
    `quality: ${spec.quality ?? 35}`,
    'heat: -1',
    'published: false',
    '',
    'provider:',
    `  name: ${spec.provider?.name ?? 'AOL'}`,
    `  domain: ${spec.provider?.domain ?? 'aol.com'}`,
    '',
    'topics:',
    ...(spec.topics ?? ['AI']).map((t) => `  - ${t}`),
    '',
    'images:',
    `  - url: "https://img.example.com/${slug}.jpg"`,
    '    width: 1200',
    '    height: 675',
    '    isCached: true',
    '',
    ...(spec.related === null || spec.related === undefined
      ? []
      : ['related:', ...spec.related.replace(/\n$/, '').split('\n'), '']),
    'secured: "TeVu8jCwW7mCmSwtJT7kbFaoDbQ8d/ZijzvXJeTqXQ==;bQG3Eck6wvDfGvIbASWhTg=="',
    '---',
    `Body of ${slug}.`,
    '',
  ];
  const eol = spec.eol ?? '\n';
  return (spec.bom ? '\uFEFF' : '') + lines.join(eol);
}

/** A related item block (two-space list indent, like the seed). */
export function relatedBlock(
  title: string,
  url: string,
  opts: { excerpt?: string; provider?: string; domain?: string; quality?: number } = {},
): string {
  return [
    `  - title: "${title}"`,
    `    excerpt: "${opts.excerpt ?? `About ${title}.`}"`,
    '    publishedDateTime: 2022-09-12T11:48:00Z',
    `    webUrl: "${url}"`,
    '    type: article',
    '    provider:',
    `      name: ${opts.provider ?? 'IET'}`,
    `      domain: ${opts.domain ?? 'theiet.org'}`,
    `    quality: ${opts.quality ?? 54}`,
    '',
  ].join('\n');
}

const made: string[] = [];
// Every folder a test file made is removed when that file's tests are done.
afterAll(() => {
  for (const root of made.splice(0)) rmSync(root, { recursive: true, force: true });
});

/** Creates a temp folder holding `files` (relative path → content); removed after the file's tests. */
export function makeFolder(files: Record<string, string | Uint8Array>): string {
  const root = mkdtempSync(join(tmpdir(), 'curator-related-'));
  made.push(root);
  for (const [rel, text] of Object.entries(files)) {
    const abs = join(root, ...rel.split('/'));
    mkdirSync(dirname(abs), { recursive: true });
    writeFileSync(abs, text);
  }
  return root;
}

/** Reads a file as UTF-8 text (BOM kept). */
export function read(abs: string): string {
  return new TextDecoder('utf-8', { ignoreBOM: true }).decode(readFileSync(abs));
}

/** Lines of `after` that are not at the same place in `before` (a crude, strict line diff). */
export function changedLines(
  before: string,
  after: string,
): { removed: string[]; added: string[] } {
  const a = before.split('\n');
  const b = after.split('\n');
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (
    tail < a.length - head &&
    tail < b.length - head &&
    a[a.length - 1 - tail] === b[b.length - 1 - tail]
  ) {
    tail++;
  }
  return { removed: a.slice(head, a.length - tail), added: b.slice(head, b.length - tail) };
}

/**
 * Article files for the renderer tests, in the real format (the seed article and
 * variations of it), read from tests/renderer/fixtures/.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/** The real seed article (PRODUCT.md §1 format), byte for byte. */
export const SEED = readFileSync(
  resolve(process.cwd(), 'tests/renderer/fixtures/seed-article.md'),
  'utf8',
);

/** A valid article with a given title and options. */
export function article(o: {
  title: string;
  date?: string;
  quality?: number;
  topics?: string[];
  published?: boolean;
  review?: 'approved' | 'rejected';
  excerpt?: string | null;
  extra?: string;
}): string {
  const lines = [
    '---',
    'category: news',
    `title: "${o.title}"`,
    ...(o.excerpt === null ? [] : [`excerpt: "${o.excerpt ?? `About ${o.title}.`}"`]),
    `publishedDateTime: ${o.date ?? '2022-09-11T23:01:00Z'}`,
    `webUrl: "https://www.example.com/${encodeURIComponent(o.title.toLowerCase().replace(/\s+/g, '-'))}"`,
    'type: article',
    `quality: ${o.quality ?? 50}`,
    'heat: -1',
    `published: ${o.published ?? false}`,
    '# provider as seen on the site',
    'provider:',
    '  name: AOL',
    '  domain: aol.com',
    'topics:',
    ...(o.topics ?? ['AI']).map((t) => `  - ${t}`),
  ];
  if (o.review)
    lines.push('review:', `  status: ${o.review}`, '  by: someone', "  at: '2024-01-01T00:00:00Z'");
  if (o.extra) lines.push(o.extra);
  lines.push('---', '', `Body of ${o.title}.`, '');
  return lines.join('\n');
}

/** Front matter that is not valid YAML (an unclosed flow sequence). */
export const MALFORMED = '---\ntitle: "Broken"\ntopics: [AI, \n---\nBody\n';

/**
 * Generates seed-shaped article corpora for the benchmark: same key order, quoting and
 * block style as the real format, varied lengths, some related items and images, and a
 * few malformed files (so the benchmark pays for error paths too).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const PROVIDERS = [
  ['AOL', 'aol.com'],
  ['BBC', 'bbc.co.uk'],
  ['Reuters', 'reuters.com'],
  ['The Verge', 'theverge.com'],
  ['Wired', 'wired.com'],
  ['TechCrunch', 'techcrunch.com'],
  ['Ars Technica', 'arstechnica.com'],
  ['The Guardian', 'theguardian.com'],
  ['FedScoop', 'fedscoop.com'],
  ['IET', 'theiet.org'],
] as const;
const TOPICS = [
  'AI',
  'Computer Vision',
  'Privacy',
  'Policy',
  'Climate',
  'Space',
  'Security',
  'Robotics',
  'Health',
  'Energy',
  'Chips',
  'Startups',
];
const CATEGORIES = ['news', 'analysis', 'opinion', 'feature'];
const WORDS =
  'police facial recognition campaign letter commissioner technology privacy data surveillance court ruling model training chips energy grid climate satellite launch startup funding robot warehouse health hospital study researchers government agency bill senate regulator market security breach cloud'.split(
    ' ',
  );

/** Small deterministic PRNG (mulberry32) so corpora are reproducible. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function words(r: () => number, min: number, max: number): string {
  const n = min + Math.floor(r() * (max - min + 1));
  const out: string[] = [];
  for (let i = 0; i < n; i++) out.push(WORDS[Math.floor(r() * WORDS.length)]);
  const s = out.join(' ');
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function pick<T>(r: () => number, list: readonly T[]): T {
  return list[Math.floor(r() * list.length)];
}

function date(r: () => number): string {
  const d = new Date(Date.UTC(2020, 0, 1) + Math.floor(r() * 5 * 365 * 86400) * 1000);
  return d.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function secured(r: () => number): string {
  const chars = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  let s = '';
  const n = 400 + Math.floor(r() * 500);
  for (let i = 0; i < n; i++) s += chars[Math.floor(r() * chars.length)];
  return `${s}==;bQG3Eck6wvDfGvIbASWhTg==`;
}

function imageLines(r: () => number, indent: string, id: number): string[] {
  return [
    `${indent}- url: "https://img.example.com/${id}/${Math.floor(r() * 1e9)}.jpg"`,
    `${indent}  width: 1200`,
    `${indent}  height: ${400 + Math.floor(r() * 400)}`,
    `${indent}  isCached: true`,
  ];
}

/** One seed-shaped article as text. `i` makes titles and URLs unique. */
export function generateArticle(i: number, seed = 1): string {
  const r = rng(i * 7919 + seed);
  const [pname, pdomain] = pick(r, PROVIDERS);
  const title = `${words(r, 5, 16)} ${i}`;
  const url = `https://www.${pdomain}/story/${i}-${title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .slice(0, 60)}`;
  const lines = [
    '---',
    `category: ${pick(r, CATEGORIES)}`,
    `title: "${title}"`,
    `excerpt: "${words(r, 12, 45)}."`,
    `publishedDateTime: ${date(r)}`,
    `originalUrl: "${url}"`,
    `webUrl: "${url}"`,
    'type: article',
    `quality: ${Math.floor(r() * 100)}`,
    `heat: ${r() < 0.3 ? -1 : Math.floor(r() * 500)}`,
    `published: ${r() < 0.4}`,
    '',
    'provider:',
    `  name: ${pname}`,
    `  domain: ${pdomain}`,
    '',
    'topics:',
  ];
  const topicCount = 1 + Math.floor(r() * 3);
  for (let t = 0; t < topicCount; t++) lines.push(`  - ${pick(r, TOPICS)}`);
  if (r() < 0.5) {
    lines.push('', 'images:', ...imageLines(r, '  ', i));
  }
  const relatedCount = r() < 0.6 ? Math.floor(r() * 4) : 0;
  if (relatedCount > 0) {
    lines.push('', 'related:');
    for (let k = 0; k < relatedCount; k++) {
      const [rn, rd] = pick(r, PROVIDERS);
      lines.push(
        `  - title: "${words(r, 5, 14)}"`,
        `    excerpt: "${words(r, 12, 40)}."`,
        `    publishedDateTime: ${date(r)}`,
        `    webUrl: "https://www.${rd}/story/${Math.floor(r() * 1e7)}"`,
        '    type: article',
        '    provider:',
        `      name: ${rn}`,
        `      domain: ${rd}`,
        `    quality: ${Math.floor(r() * 100)}`,
      );
      if (r() < 0.5) lines.push('    images:', ...imageLines(r, '      ', i * 10 + k));
    }
  }
  const review = r();
  if (review < 0.3) {
    lines.push(
      '',
      'review:',
      `  status: ${review < 0.2 ? 'approved' : 'rejected'}`,
      '  by: bench',
      `  at: ${date(r)}`,
    );
  }
  lines.push('', `secured: "${secured(r)}"`, '---', '');
  if (r() < 0.3) lines.push(words(r, 20, 80), '');
  return lines.join('\n');
}

/** A malformed file is mixed into a corpus every `MALFORMED_EVERY` files. */
export const MALFORMED_EVERY = 997;

/** A well-formed file in an unusual style is mixed in every `ODD_EVERY` files. */
export const ODD_EVERY = 101;

/** The malformed variants: each must be listed with a problem and never written. */
export function malformedArticle(i: number): string | Uint8Array {
  switch (i % 8) {
    case 0:
      return '---\ntitle: "one"\ntitle: "two"\n---\n';
    case 1:
      return '---\ntitle: "unterminated\nexcerpt: [\n---\n';
    case 2:
      return '---js\n{ title: "code" }\n---\n';
    case 3:
      return '---\ntitle: "no closing fence"\n';
    case 4:
      // Not valid UTF-8 (a Latin-1 "é").
      return Buffer.concat([
        Buffer.from('---\ntitle: "caf'),
        Buffer.from([0xe9]),
        Buffer.from('"\n---\n'),
      ]);
    case 5:
      return '---\n- a list\n- not a map\n---\n';
    case 6:
      return '---\ntitle: "ambiguous"\n----\nexcerpt: "x"\n---\n';
    default:
      return '---\na: &a ["x","x","x","x","x","x","x","x","x"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: [*c,*c,*c,*c,*c,*c,*c,*c,*c]\n---\n';
  }
}

/**
 * A well-formed article written in a less common style: CRLF line endings, a BOM, block
 * scalars, comments, anchors, flow lists, single quotes. Some take the fast index path,
 * some the full parser.
 */
export function oddArticle(i: number, seed = 1): string {
  const base = generateArticle(i, seed);
  switch (i % 6) {
    case 0:
      return base.replace(/\n/g, '\r\n');
    case 1:
      return `\uFEFF${base}`;
    case 2:
      return base.replace(/^excerpt: "(.*)"$/m, (_m, text: string) => `excerpt: >-\n  ${text}`);
    case 3:
      return base.replace(
        /^type: article$/m,
        'type: article # set by the importer\n# reviewed later',
      );
    case 4:
      return base.replace(/^topics:\n((?: {2}- .*\n)+)/m, (_m, items: string) => {
        const list = items
          .split('\n')
          .filter((l) => l !== '')
          .map((l) => l.replace(/^ {2}- /, ''));
        return `topics: [${list.join(', ')}]\n`;
      });
    default:
      return base.replace(/^category: (.*)$/m, "category: '$1'");
  }
}

/** The content of file number `i` of a corpus. */
export function corpusFile(i: number, seed = 1): string | Uint8Array {
  if (i % MALFORMED_EVERY === MALFORMED_EVERY - 1) return malformedArticle(i);
  if (i % ODD_EVERY === ODD_EVERY - 1) return oddArticle(i, seed);
  return generateArticle(i, seed);
}

/**
 * Writes `count` articles into `dir` (in sub-folders of 1,000 files, like a dated archive).
 * @returns the relative ids written.
 */
export async function writeCorpus(dir: string, count: number, seed = 1): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const sub = `batch-${String(Math.floor(i / 1000)).padStart(3, '0')}`;
    if (i % 1000 === 0) mkdirSync(join(dir, sub), { recursive: true });
    const id = `${sub}/article-${String(i).padStart(6, '0')}.md`;
    // Sync writes: an order of magnitude faster than awaiting one write per small file.
    writeFileSync(join(dir, id), corpusFile(i, seed));
    ids.push(id);
    if (i % 2000 === 1999) await new Promise((r) => setImmediate(r));
  }
  return ids;
}

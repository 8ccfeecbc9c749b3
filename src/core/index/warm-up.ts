/**
 * Warms the JIT up for the fast index path before a large cold build.
 *
 * Why: V8 optimizes a hot function with the type feedback it has seen so far. A branch the
 * first few hundred files never took (a block scalar, a flow list, a file with a review or
 * a kill, a sixth shape of front matter object) has no feedback, so the optimized code
 * bails out the first time a later file takes it, and the function is compiled again.
 * Measured on a cold `curator list` of 10,000 seed-shaped files pinned to one core: the
 * fast YAML reader's `parseMap` was compiled by TurboFan five times (20–30 ms of CPU each,
 * on the same core as the build), `summarize` and `inlineValue` twice or more. Reading a
 * few varied articles first gives the feedback up front: each of them is compiled once,
 * ~80 ms less CPU on that run (~9 %).
 *
 * The samples are built in memory (nothing is read or written) in the shapes real article
 * files take (the seed format, its optional blocks and the less common but valid styles),
 * and their rows are thrown away: warming up changes how fast rows are built, never what
 * they hold.
 */
import { detachStrings, fastRow } from './fast-row';

/** Below this many files to read, warming up costs more than it saves (it takes ~1–2 ms). */
export const WARM_UP_MIN_FILES = 500;

let warmed = false;

/** What the sample articles vary (see {@link sampleArticle}). */
interface SampleStyle {
  related: number;
  images: boolean;
  review: boolean;
  workflow: boolean;
  crlf: boolean;
  bom: boolean;
  blockExcerpt: boolean;
  flowTopics: boolean;
  quotedCategory: boolean;
  comments: boolean;
  published: boolean;
  problems: boolean;
  /** Keys of no meaning to Curator in YAML's other common shapes (nulls, numbers, lists). */
  extras: boolean;
}

const STYLES: SampleStyle[] = [
  ['', 0],
  ['images review', 2],
  ['published', 1],
  ['workflow comments', 3],
  ['images blockExcerpt problems', 0],
  ['crlf review published', 1],
  ['bom flowTopics', 2],
  ['quotedCategory images workflow', 0],
  ['review problems workflow', 3],
  ['published images extras', 0],
  ['comments flowTopics extras', 1],
  ['blockExcerpt review', 2],
].map(([flags, related]) => {
  const has = (f: string) => String(flags).split(' ').includes(f);
  return {
    related: Number(related),
    images: has('images'),
    review: has('review'),
    workflow: has('workflow'),
    crlf: has('crlf'),
    bom: has('bom'),
    blockExcerpt: has('blockExcerpt'),
    flowTopics: has('flowTopics'),
    quotedCategory: has('quotedCategory'),
    comments: has('comments'),
    published: has('published'),
    problems: has('problems'),
    extras: has('extras'),
  };
});

/** One article file in the seed format (/work/shared/seed/seed-article.md), styled by `s`. */
function sampleArticle(n: number, s: SampleStyle): Buffer {
  const url = `https://www.example.org/story/${n}-sample-story`;
  const lines = [
    '---',
    s.quotedCategory ? "category: 'news'" : 'category: news',
    `title: "Sample “story” ${n}: the council’s \\"plan\\""`,
    ...(s.blockExcerpt
      ? ['excerpt: >-', '  A sample excerpt that is folded', '  over two lines.']
      : [`excerpt: "A sample excerpt of story ${n}."`]),
    `publishedDateTime: 2022-09-${10 + n}T23:01:00Z`,
    `originalUrl: "${url}"`,
    `webUrl: "${s.problems ? 'not a url' : url}"`,
    s.comments ? 'type: article # set by the importer' : 'type: article',
    // Numbers of every kind a row field holds: none (null), small integers, fractions. A row
    // without heat too: else the first malformed file (heat null) made V8 drop summarize's
    // optimized code, specialized for a number there.
    ...(s.extras
      ? []
      : [
          `quality: ${s.problems ? 120 : 35 + n}`,
          `heat: ${n % 3 === 0 ? -1 : n % 3 === 1 ? 300 + n : n + 0.5}`,
        ]),
    `published: ${s.published}`,
    '',
    'provider:',
    '  name: Example News',
    '  domain: example.org',
    '',
  ];
  if (s.comments) lines.push('# topics are set by the desk');
  if (s.flowTopics) lines.push(`topics: [AI, "Computer Vision"${s.problems ? ', AI' : ''}]`);
  else lines.push('topics:', '  - AI', '  - Computer Vision', ...(s.problems ? ['  - ai'] : []));
  if (s.images) {
    lines.push('', 'images:', `  - url: "https://img.example.org/${n}.jpg"`);
    lines.push('    width: 1200', '    height: 675', '    isCached: true');
  }
  if (s.related > 0) lines.push('', 'related:');
  for (let k = 0; k < s.related; k++) {
    lines.push(
      `  - title: "Related story ${k}"`,
      `    excerpt: "What the related story ${k} says."`,
      `    publishedDateTime: 2022-09-1${k}T11:48:00Z`,
      `    webUrl: "https://www.example.com/related/${n}/${k}"`,
      '    type: article',
      '    provider:',
      '      name: Other News',
      '      domain: example.com',
      `    quality: ${40 + k}`,
    );
    if (k % 2 === 1) {
      lines.push('    images:', `      - url: "https://img.example.com/${n}/${k}.jpg"`);
      lines.push('        width: 1200', '        height: 450', '        isCached: true');
    }
  }
  if (s.review) {
    lines.push('', 'review:', `  status: ${n % 2 === 0 ? 'approved' : 'rejected'}`);
    lines.push('  by: desk', '  at: 2022-09-12T08:00:00Z');
  }
  if (s.workflow) {
    lines.push('embargo: 2022-09-12T06:00:00+01:00', 'publishAt: 2022-09-12T07:00:00Z');
    lines.push('assignee: sam', 'notes: |', '  Check the figures.', '  Then publish.');
    if (!s.review)
      lines.push('kill:', '  reason: legal', '  by: desk', '  at: 2022-09-13T10:00:00Z');
  }
  if (s.extras) {
    lines.push('source:', 'wordCount: 0x1F', 'version: 1.5', 'rank: -3', 'draft: True');
    lines.push('tags:', '- one', '- "two"', '-', '  nested: ~', 'labels: {kind: x, n: 2}');
    lines.push("byline: 'A ''quoted'' name'", 'ratio: 1e3', 'links: []', 'meta: {}');
  }
  lines.push('', `secured: "c2FtcGxl${n}+/=="`, '---', '', `Body of story ${n}.`, '');
  const text = (s.bom ? '\uFEFF' : '') + lines.join(s.crlf ? '\r\n' : '\n');
  return Buffer.from(text);
}

/**
 * Front matter the fast reader gives up on part-way (a duplicate key, an alias, a list at
 * the top): the full codec reads such files, but the reader's bail-out paths run first.
 */
const GIVE_UP_SAMPLES = [
  '---\ntitle: "one"\ntitle: "two"\n---\n',
  '---\ntitle: &a "x"\nexcerpt: *a\n---\n',
  '---\n- a list\n- not a map\n---\n',
  '---\ntitle: "unterminated\nexcerpt: [\n---\n',
].map((t) => Buffer.from(t));

/**
 * Builds the rows of the sample articles once per process (later calls return at once),
 * so the fast path's functions are optimized with feedback from every common shape.
 * @returns how many samples took the fast path (all of them; a test checks it).
 */
export function warmUpFastPath(): number {
  if (warmed) return 0;
  warmed = true;
  let fast = 0;
  const stat = { size: 0, mtimeMs: 0 };
  for (let n = 0; n < STYLES.length; n++) {
    // What indexFile does on the fast path (the codec is never needed here).
    const row = fastRow(`warm-up/${n}.md`, sampleArticle(n, STYLES[n]), stat);
    if (row) {
      detachStrings(row);
      fast++;
    }
  }
  for (const bytes of GIVE_UP_SAMPLES) fastRow('warm-up/give-up.md', bytes, stat);
  return fast;
}

/** The sample articles (taking the fast path) and those the fast path gives up on, for tests. */
export function warmUpSamples(): { fast: Buffer[]; giveUp: Buffer[] } {
  return { fast: STYLES.map((s, n) => sampleArticle(n, s)), giveUp: GIVE_UP_SAMPLES };
}

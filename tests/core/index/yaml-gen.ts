/**
 * fast-check generators of front-matter-like YAML texts for the differential test of the fast
 * reader (fast-yaml.test.ts). Texts are rendered from a random tree plus random formatting
 * choices (quoting style, indentation, comments, blank lines, CRLF), then optionally mutated
 * with garbage so that malformed input is exercised too.
 */
import fc from 'fast-check';

/** Scalars that the core schema resolves specially, or that look like they might. */
export const TRICKY_TOKENS = [
  'null',
  'Null',
  'NULL',
  'nULL',
  '~',
  '~~',
  'true',
  'True',
  'TRUE',
  'tRUE',
  'false',
  'False',
  'FALSE',
  'yes',
  'no',
  'on',
  'off',
  'y',
  'n',
  '0x1F',
  '0X1F',
  '0x',
  '0o17',
  '0O17',
  '0o8',
  '017',
  '08',
  '1e3',
  '1E3',
  '1e+3',
  '1.5e-3',
  '.5e1',
  'e3',
  '-1',
  '+1',
  '-0',
  '+0',
  '0',
  '1.',
  '.5',
  '-.5',
  '+.5',
  '.',
  '-',
  '+',
  '.inf',
  '-.Inf',
  '+.INF',
  '.INf',
  '.nan',
  '.NaN',
  '.NAN',
  '-.nan',
  'NaN',
  'inf',
  'Infinity',
  '1_000',
  '12345678901234567890',
  '3.14',
  '3.140',
  '1,000',
  '2022-09-11T23:01:00Z',
  '2022-09-11',
  '12:30',
  '1:2',
  '0b101',
  '0.1.2',
  '- x',
  '-x',
  '--x',
  '---',
  '...',
  'a: b',
  'a:b',
  'a #b',
  'a#b',
  'a:',
  ':a',
  '?a',
  '? a',
  '" x',
  "' x",
  'x "y"',
  "it's",
  '[a]',
  '{a: 1}',
  'a, b',
  '&a',
  '*a',
  '!a',
  '!!str x',
  '|',
  '>',
  '%x',
  '@x',
  '`x',
  'https://example.com/a?b=1&c=2#frag',
  'a  b',
  ' a',
  'a ',
  '#',
  '\\',
  '\\n',
  '""',
  "''",
];

/** Characters that stress quoting, comments, indicators, escapes and unicode handling. */
const SAFE_CHARS = [
  'a',
  'b',
  'Z',
  'n',
  'u',
  'l',
  't',
  'r',
  'e',
  'f',
  'x',
  'o',
  'N',
  'T',
  '_',
  '0',
  '1',
  '9',
  ' ',
  ' ',
  ':',
  '#',
  '"',
  "'",
  '\\',
  '-',
  '.',
  ',',
  '[',
  ']',
  '{',
  '}',
  '&',
  '*',
  '!',
  '|',
  '>',
  '%',
  '@',
  '`',
  '?',
  '~',
  '/',
  '+',
  '=',
  'é',
  '’',
  '“',
  '😀',
  '中',
  '\u00a0',
];
/** Characters the fast path refuses outright; kept rare so the rest gets exercised. */
const UNSAFE_CHARS = ['\t', '\n', '\r', '\u0085', '\u2028', '\uFEFF', '\x00', '\x7f'];

const charArb = fc.oneof(
  { weight: 100, arbitrary: fc.constantFrom(...SAFE_CHARS) },
  { weight: 1, arbitrary: fc.constantFrom(...UNSAFE_CHARS) },
);
/** A boolean that is usually false. */
const rarely = fc.oneof(
  { weight: 4, arbitrary: fc.constant(false) },
  { weight: 1, arbitrary: fc.constant(true) },
);
const wordArb = fc.string({
  unit: fc.constantFrom('a', 'b', 'q', 'é', 'Z', '1', '’'),
  minLength: 1,
  maxLength: 8,
});

/** A random string: tricky token, random characters, or a sentence of words. */
export const stringArb: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...TRICKY_TOKENS),
  fc.string({ unit: charArb, maxLength: 12 }),
  fc.array(wordArb, { minLength: 1, maxLength: 6 }).map((w) => w.join(' ')),
  fc
    .tuple(fc.constantFrom(...TRICKY_TOKENS), fc.string({ unit: charArb, maxLength: 4 }))
    .map(([a, b]) => a + b),
  fc.double({ noNaN: false }).map(String),
  fc.integer().map(String),
);

/** Keys: mostly the real article fields, sometimes odd ones the fast path must refuse. */
export const keyArb: fc.Arbitrary<string> = fc.oneof(
  {
    weight: 30,
    arbitrary: fc.constantFrom(
      'title',
      'excerpt',
      'category',
      'type',
      'quality',
      'heat',
      'published',
      'provider',
      'name',
      'domain',
      'topics',
      'images',
      'url',
      'width',
      'related',
      'secured',
      'review',
      'status',
      'by',
      'at',
      'webUrl',
      'originalUrl',
      'publishedDateTime',
      'isCached',
      'my-key',
      'a.b',
      '_x',
      'k1',
    ),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      'null',
      'true',
      'False',
      '~',
      '1',
      '0x1',
      '.inf',
      '__proto__',
      'constructor',
      'toString',
      'a b',
      'og:title',
      '"q"',
      "'q'",
      '-a',
      '?a',
      'a#b',
      'x'.repeat(300),
      '<<',
      '',
    ),
  },
  { weight: 1, arbitrary: fc.string({ unit: charArb, minLength: 1, maxLength: 6 }) },
);

export type ScalarStyle = 'plain' | 'double' | 'single' | 'json';
export type YNode =
  | { t: 'scalar'; value: string; style: ScalarStyle }
  | YBlock
  | {
      t: 'seq';
      items: YNode[];
      flow: boolean;
      indentless: boolean;
      step: number;
      dashSpaces: number;
    }
  | { t: 'map'; entries: YEntry[]; flow: boolean; step: number };
/** A literal (`|`) or folded (`>`) block scalar, rendered line by line below its key. */
export interface YBlock {
  t: 'block';
  folded: boolean;
  chomp: '' | '-' | '+';
  /** Header after the indicator: nothing, a comment, or an indentation indicator. */
  header: string;
  /** Text lines ('' = blank; may start with spaces = more indented, or be spaces only). */
  lines: string[];
  /** Indentation of the text beyond the parent's, minus one. */
  extra: number;
  /** Blank lines after the text. */
  trailing: number;
}
export interface YEntry {
  key: string;
  value: YNode;
  comment: string | null;
  blankBefore: boolean;
  commentLineBefore: { indent: number; text: string } | null;
}

const scalarArb: fc.Arbitrary<YNode> = fc.record({
  t: fc.constant('scalar' as const),
  value: stringArb,
  style: fc.constantFrom<ScalarStyle>('plain', 'plain', 'double', 'single', 'json'),
});

const commentArb = fc.option(fc.string({ unit: charArb, maxLength: 8 }), { freq: 4 });

/** One line of a block scalar's text. */
const blockLineArb: fc.Arbitrary<string> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.array(wordArb, { minLength: 1, maxLength: 5 }).map((w) => w.join(' ')),
  },
  { weight: 2, arbitrary: fc.constant('') },
  { weight: 1, arbitrary: stringArb },
  { weight: 1, arbitrary: fc.constantFrom('  indented more', ' x', '   ', ' ', '# not a comment') },
  {
    weight: 1,
    arbitrary: fc.constantFrom('trailing  ', 'a: b', '- item', 'key: "v"', '---', '...'),
  },
);

const blockArb: fc.Arbitrary<YNode> = fc.record({
  t: fc.constant('block' as const),
  folded: fc.boolean(),
  chomp: fc.constantFrom<'' | '-' | '+'>('', '-', '+'),
  header: fc.oneof(
    { weight: 6, arbitrary: fc.constant('') },
    { weight: 1, arbitrary: fc.constantFrom(' # note', '#x', '2', '1-', ' x') },
  ),
  lines: fc.array(blockLineArb, { minLength: 1, maxLength: 5 }),
  extra: fc.oneof(
    { weight: 4, arbitrary: fc.constant(1) },
    { weight: 1, arbitrary: fc.integer({ min: 0, max: 3 }) },
  ),
  trailing: fc.oneof(
    { weight: 3, arbitrary: fc.constant(0) },
    { weight: 1, arbitrary: fc.integer({ min: 1, max: 2 }) },
  ),
});

/** Recursive document trees, depth-limited. */
export const treeArb = fc.letrec<{ node: YNode; map: YNode; seq: YNode }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    scalarArb,
    tie('map'),
    tie('seq'),
    blockArb,
  ),
  map: fc.record({
    t: fc.constant('map' as const),
    entries: fc.array(
      fc.record({
        key: keyArb,
        value: tie('node'),
        comment: commentArb,
        blankBefore: fc.boolean(),
        commentLineBefore: fc.option(
          fc.record({ indent: fc.nat(6), text: fc.string({ unit: charArb, maxLength: 6 }) }),
          { freq: 5 },
        ),
      }),
      { maxLength: 5 },
    ),
    flow: rarely,
    step: fc.integer({ min: 1, max: 4 }),
  }),
  seq: fc.record({
    t: fc.constant('seq' as const),
    items: fc.array(tie('node'), { maxLength: 4 }),
    flow: rarely,
    indentless: fc.boolean(),
    step: fc.integer({ min: 1, max: 4 }),
    dashSpaces: fc.integer({ min: 1, max: 3 }),
  }),
}));

/** Renders a scalar in its chosen style (no validity checks: garbage is welcome). */
export function renderScalar(n: { value: string; style: ScalarStyle }): string {
  switch (n.style) {
    case 'plain':
      return n.value;
    case 'double':
      return '"' + n.value.replace(/"/g, '\\"') + '"';
    case 'single':
      return "'" + n.value.replace(/'/g, "''") + "'";
    case 'json':
      return JSON.stringify(n.value);
  }
}

function renderFlow(n: YNode): string {
  if (n.t === 'scalar') return renderScalar(n);
  if (n.t === 'block') return JSON.stringify(n.lines.join(' '));
  if (n.t === 'seq') return '[' + n.items.map(renderFlow).join(', ') + ']';
  return '{' + n.entries.map((e) => `${e.key}: ${renderFlow(e.value)}`).join(', ') + '}';
}

function isBlockCollection(n: YNode): boolean {
  if (n.t === 'scalar' || n.t === 'block') return false;
  return !n.flow && (n.t === 'seq' ? n.items.length : n.entries.length) > 0;
}

/** Renders a block scalar's header (after `key: ` or `- `) and its lines at `indent`. */
function renderBlock(n: YBlock, indent: number, head: string, out: string[]): void {
  out.push(`${head}${n.folded ? '>' : '|'}${n.chomp}${n.header}`);
  const pad = ' '.repeat(indent);
  for (const line of n.lines) out.push(line === '' ? '' : pad + line);
  for (let i = 0; i < n.trailing; i++) out.push('');
}

/** Renders a block map whose keys sit at column `indent`; the first line may be prefixed. */
function renderMap(
  n: Extract<YNode, { t: 'map' }>,
  indent: number,
  out: string[],
  firstPrefix?: string,
): void {
  n.entries.forEach((e, i) => {
    const pad = ' '.repeat(indent);
    const lead = i === 0 && firstPrefix !== undefined ? firstPrefix : pad;
    if (i > 0 || firstPrefix === undefined) {
      if (e.blankBefore) out.push('');
      if (e.commentLineBefore)
        out.push(' '.repeat(e.commentLineBefore.indent) + '#' + e.commentLineBefore.text);
    }
    const comment = e.comment === null ? '' : ' #' + e.comment;
    const v = e.value;
    if (v.t === 'block') {
      renderBlock(v, indent + 1 + v.extra, `${lead}${e.key}: `, out);
      return;
    }
    if (!isBlockCollection(v)) {
      const empty = v.t !== 'scalar' && !v.flow; // empty block collection => key with no value
      out.push(`${lead}${e.key}:${empty ? '' : ' ' + renderFlow(v)}${comment}`);
      return;
    }
    out.push(`${lead}${e.key}:${comment}`);
    if (v.t === 'seq') renderSeq(v, v.indentless ? indent : indent + v.step, out);
    else if (v.t === 'map') renderMap(v, indent + v.step, out);
  });
}

function renderSeq(n: Extract<YNode, { t: 'seq' }>, indent: number, out: string[]): void {
  const pad = ' '.repeat(indent);
  for (const item of n.items) {
    const dash = pad + '-' + ' '.repeat(n.dashSpaces);
    if (item.t === 'block') {
      renderBlock(item, indent + 1 + item.extra, dash, out);
    } else if (!isBlockCollection(item)) {
      const empty = item.t !== 'scalar' && !item.flow;
      out.push(empty ? pad + '-' : dash + renderFlow(item));
    } else if (item.t === 'map') {
      renderMap(item, indent + 1 + n.dashSpaces, out, dash);
    } else if (item.t === 'seq') {
      out.push(pad + '-');
      renderSeq(item, indent + item.step, out);
    }
  }
}

/** Renders a tree as front matter text (top level: a map, or whatever the tree is). */
export function renderDoc(root: YNode, crlf: boolean, topIndent: number): string {
  const out: string[] = [];
  if (root.t === 'map' && !root.flow) renderMap(root, topIndent, out);
  else if (root.t === 'seq' && !root.flow) renderSeq(root, topIndent, out);
  else out.push(renderFlow(root));
  return out.join(crlf ? '\r\n' : '\n') + (crlf ? '\r\n' : '\n');
}

/** A random edit applied to a rendered text. */
export type Mutation =
  | { op: 'insertLine'; at: number; text: string }
  | { op: 'deleteLine'; at: number }
  | { op: 'dupLine'; at: number }
  | { op: 'indent'; at: number; by: number }
  | { op: 'dedent'; at: number }
  | { op: 'insertText'; at: number; text: string }
  | { op: 'deleteChar'; at: number };

export const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({
    op: fc.constant('insertLine' as const),
    at: fc.nat(),
    text: fc.oneof(
      stringArb,
      fc.constantFrom(
        '---',
        '...',
        '%YAML 1.2',
        'a: &x 1',
        'b: *x',
        'c: !!str 1',
        'd: |',
        '  text',
        '? k',
        ': v',
        '- x',
        'key: [a,',
        '  b]',
        'k: "open',
        '  more"',
        '---js',
        'k: v',
        'title: dup',
      ),
    ),
  }),
  fc.record({ op: fc.constant('deleteLine' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('dupLine' as const), at: fc.nat() }),
  fc.record({
    op: fc.constant('indent' as const),
    at: fc.nat(),
    by: fc.integer({ min: 1, max: 3 }),
  }),
  fc.record({ op: fc.constant('dedent' as const), at: fc.nat() }),
  fc.record({
    op: fc.constant('insertText' as const),
    at: fc.nat(),
    text: fc.string({ unit: charArb, minLength: 1, maxLength: 3 }),
  }),
  fc.record({ op: fc.constant('deleteChar' as const), at: fc.nat() }),
);

/** Applies mutations in order. */
export function mutate(text: string, muts: Mutation[]): string {
  for (const m of muts) {
    const lines = text.split('\n');
    const li = lines.length ? m.at % lines.length : 0;
    switch (m.op) {
      case 'insertLine':
        lines.splice(li, 0, m.text);
        break;
      case 'deleteLine':
        lines.splice(li, 1);
        break;
      case 'dupLine':
        lines.splice(li, 0, lines[li] ?? '');
        break;
      case 'indent':
        lines[li] = ' '.repeat(m.by) + (lines[li] ?? '');
        break;
      case 'dedent':
        lines[li] = (lines[li] ?? '').replace(/^ /, '');
        break;
      case 'insertText': {
        const at = text.length ? m.at % (text.length + 1) : 0;
        text = text.slice(0, at) + m.text + text.slice(at);
        continue;
      }
      case 'deleteChar': {
        const at = text.length ? m.at % text.length : 0;
        text = text.slice(0, at) + text.slice(at + 1);
        continue;
      }
    }
    text = lines.join('\n');
  }
  return text;
}

/** Full generated document: tree, formatting, and optional garbage. */
export const docArb: fc.Arbitrary<string> = fc
  .record({
    root: fc.oneof(
      { weight: 8, arbitrary: treeArb.map.map((m) => ({ ...m, flow: false })) },
      { weight: 1, arbitrary: treeArb.node },
    ),
    crlf: fc.boolean(),
    topIndent: fc.oneof(
      { weight: 6, arbitrary: fc.constant(0) },
      { weight: 1, arbitrary: fc.integer({ min: 1, max: 2 }) },
    ),
    muts: fc.oneof(
      { weight: 2, arbitrary: fc.constant([] as Mutation[]) },
      { weight: 1, arbitrary: fc.array(mutationArb, { minLength: 1, maxLength: 3 }) },
    ),
  })
  .map(({ root, crlf, topIndent, muts }) => mutate(renderDoc(root, crlf, topIndent), muts));

/** Characters of realistic article text: prose, punctuation, quotes, unicode. */
const proseArb = fc.string({
  unit: fc.constantFrom(
    'a',
    'e',
    'o',
    'T',
    'x',
    ' ',
    ' ',
    ',',
    '.',
    ':',
    '#',
    '"',
    "'",
    '’',
    '“',
    'é',
    'ü',
    '中',
    '😀',
    '-',
    '?',
    '!',
    '&',
    '/',
    '0',
    '7',
    '\\',
  ),
  minLength: 1,
  maxLength: 80,
});

/** Prose as the lines of a block scalar: words wrapped at about 30 characters, no edge spaces. */
function blockText(text: string): string[] {
  const words = text.split(' ').filter((w) => w !== '');
  const lines: string[] = [];
  let line = '';
  for (const w of words.length ? words : ['x']) {
    if (line !== '' && line.length + w.length > 30) {
      lines.push(line);
      line = '';
    }
    line = line === '' ? w : `${line} ${w}`;
  }
  lines.push(line);
  return lines;
}

/**
 * Seed-shaped articles as real tools write them: strings double-quoted with JSON escaping,
 * dates and numbers plain, nested provider/images/related. Every one of these must take the
 * fast path.
 */
export const seedShapedArb: fc.Arbitrary<string> = fc
  .record({
    title: proseArb,
    excerpt: proseArb,
    category: fc.constantFrom('news', 'opinion', 'tech'),
    date: fc.date({
      min: new Date('2000-01-01'),
      max: new Date('2040-01-01'),
      noInvalidDate: true,
    }),
    quality: fc.integer({ min: 0, max: 100 }),
    heat: fc.integer({ min: -1, max: 1000 }),
    published: fc.boolean(),
    provider: fc.constantFrom('AOL', 'IET', 'FedScoop', 'Le Monde', 'BBC News'),
    topics: fc.array(proseArb, { maxLength: 4 }),
    flowTopics: fc.boolean(),
    related: fc.array(
      fc.record({
        title: proseArb,
        quality: fc.integer({ min: 0, max: 100 }),
        w: fc.integer({ min: 1, max: 4000 }),
      }),
      { maxLength: 3 },
    ),
    review: fc.option(fc.constantFrom('approved', 'rejected')),
    excerptBlock: fc.constantFrom('', '', '>-', '>', '|', '|-'),
    crlf: fc.boolean(),
  })
  .map((a) => {
    const q = JSON.stringify;
    const d = a.date.toISOString().replace('.000', '');
    const lines = [
      `category: ${a.category}`,
      `title: ${q(a.title)}`,
      ...(a.excerptBlock === ''
        ? [`excerpt: ${q(a.excerpt)}`]
        : [`excerpt: ${a.excerptBlock}`, ...blockText(a.excerpt).map((l) => `  ${l}`)]),
      `publishedDateTime: ${d}`,
      `originalUrl: "https://example.com/${a.quality}?a=1&b=2"`,
      'type: article',
      `quality: ${a.quality}`,
      `heat: ${a.heat}`,
      `published: ${a.published}`,
      '',
      'provider:',
      `  name: ${a.provider}`,
      '  domain: example.com',
      '',
    ];
    if (a.flowTopics) lines.push(`topics: [${a.topics.map((t) => q(t)).join(', ')}]`);
    else if (a.topics.length === 0) lines.push('topics: []');
    else lines.push('topics:', ...a.topics.map((t) => `  - ${q(t)}`));
    if (a.related.length) {
      lines.push('', 'related:');
      for (const r of a.related) {
        lines.push(
          `  - title: ${q(r.title)}`,
          `    publishedDateTime: ${d}`,
          '    provider:',
          `      name: ${a.provider}`,
          `    quality: ${r.quality}`,
          '    images:',
          `      - url: "https://img.example.com/${r.w}.jpg?crop=0,0.3,0,0.1&width=${r.w}"`,
          `        width: ${r.w}`,
          '        isCached: true',
        );
      }
    }
    if (a.review) lines.push('review:', `  status: ${a.review}`, '  by: ana', `  at: ${d}`);
    lines.push('secured: "TeVu8jCwW7mCmSwtJT7kbFao+/=="');
    const eol = a.crlf ? '\r\n' : '\n';
    return lines.join(eol) + eol;
  });

/** Seed-shaped articles with a few random edits: malformed input close to the real format. */
export const mutatedSeedArb: fc.Arbitrary<string> = fc
  .tuple(seedShapedArb, fc.array(mutationArb, { minLength: 1, maxLength: 3 }))
  .map(([text, muts]) => mutate(text, muts));

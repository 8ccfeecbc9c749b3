/**
 * The fast index path (index-file.ts) must build exactly the row the full codec builds, for
 * every file: well-formed, oddly formatted and malformed alike.
 */
import { promises as fsp, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  corpusFile,
  generateArticle,
  malformedArticle,
  oddArticle,
  writeCorpus,
} from '../../../src/core/bench/corpus';
import { parseArticle } from '../../../src/core/codec/index';
import { fastParse, indexFile, indexFileFull } from '../../../src/core/index/index-file';
import { listArticleIds } from '../../../src/core/index/scanner';
import { validArticle } from '../library/fixtures';
import { docArb, mutatedSeedArb, seedShapedArb } from './yaml-gen';

const STAT = { size: 123, mtimeMs: 1_700_000_000_000 };
const SAMPLE = path.resolve(__dirname, '../../../content');

const bytesOf = (text: string | Uint8Array): Uint8Array =>
  typeof text === 'string' ? Buffer.from(text, 'utf8') : text;

/** The fast row equals the full row (deeply, field by field, problems included). */
function expectSameRow(id: string, bytes: Uint8Array): void {
  expect(indexFile(id, bytes, STAT)).toStrictEqual(indexFileFull(id, bytes, STAT));
}

let corpus: string;

beforeAll(async () => {
  corpus = await fsp.mkdtemp(path.join(os.tmpdir(), 'curator-fast-index-'));
});

afterAll(async () => {
  await fsp.rm(corpus, { recursive: true, force: true });
});

describe('fast index path', () => {
  it('agrees with the full parse on every file of a generated corpus', async () => {
    const ids = await writeCorpus(corpus, 1200);
    let fast = 0;
    for (const id of ids) {
      const bytes = readFileSync(path.join(corpus, id));
      expectSameRow(id, bytes);
      if (fastParse(bytes)) fast++;
    }
    // Nearly every file is the common shape and must take the fast path.
    expect(fast).toBeGreaterThan(ids.length * 0.95);
  });

  it('agrees with the full parse on every file of the sample content', async () => {
    const ids = await listArticleIds(SAMPLE);
    expect(ids.length).toBeGreaterThan(10);
    for (const id of ids) expectSameRow(id, readFileSync(path.join(SAMPLE, id)));
  });

  it('gives the same row without detaching strings (curator list), for every kind of file', () => {
    const files = [
      ...Array.from({ length: 40 }, (_, i) => corpusFile(i * 37)),
      ...Array.from({ length: 8 }, (_, i) => malformedArticle(i)),
      ...Array.from({ length: 6 }, (_, i) => oddArticle(i)),
    ];
    files.forEach((text, i) => {
      const bytes = bytesOf(text);
      expect(indexFile(`f${i}.md`, bytes, STAT, false)).toStrictEqual(
        indexFile(`f${i}.md`, bytes, STAT),
      );
    });
  });

  it('sends every malformed variant to the full parser, with its exact problems', () => {
    for (let i = 0; i < 8; i++) {
      const bytes = bytesOf(malformedArticle(i));
      expect(fastParse(bytes)).toBeNull();
      const row = indexFile(`m${i}.md`, bytes, STAT);
      expect(row.malformed).toBe(true);
      expect(row.problems.length).toBeGreaterThan(0);
      expectSameRow(`m${i}.md`, bytes);
    }
  });

  it('agrees on the odd-but-valid variants (CRLF, BOM, block scalars, comments, flow lists)', () => {
    for (let i = 0; i < 12; i++) {
      const bytes = bytesOf(oddArticle(i));
      expect(parseArticle(bytes).malformed).toBe(false);
      expectSameRow(`odd${i}.md`, bytes);
    }
    // CRLF and BOM files are common enough to be read by the fast path.
    expect(fastParse(bytesOf(oddArticle(0)))).not.toBeNull();
    expect(fastParse(bytesOf(oddArticle(1)))).not.toBeNull();
  });

  it('agrees on tricky fences, encodings and empty front matter', () => {
    const art = generateArticle(7);
    const fm = art.slice(4, art.indexOf('\n---\n') + 1);
    const cases: Array<string | Uint8Array> = [
      '',
      '---',
      '---\n',
      '---\n---\n',
      '---\n---',
      '---\n# only a comment\n---\nBody',
      '---\n   \n---\n',
      `---\n${fm}---`,
      `---\n${fm}---\r`,
      `---\n${fm}---\rmore\n`,
      `---\n${fm}---  \t\nBody`,
      `---\n${fm}--- # not a fence\n---\n`,
      `---\n${fm}----\n---\n`,
      `---\n${fm}---x\n---\n`,
      `---\ntitle: "a"\n---yaml\n---\n`,
      `--- \n${fm}---\n`,
      `---yaml\n${fm}---\n`,
      `---yml\n${fm}---\n`,
      `---js\n${fm}---\n`,
      `---coffee\n${fm}---\n`,
      `----\n${fm}---\n`,
      `\n---\n${fm}---\n`,
      `\uFEFF---\n${fm}---\n`,
      `\uFEFF\uFEFF---\n${fm}---\n`,
      `---\r\n${fm.replace(/\n/g, '\r\n')}---\r\nBody\r\n`,
      `---\r\n${fm}---\n`,
      `---\n${fm.replace(/\n/g, '\r\n')}---\n`,
      `---\r${fm}---\n`,
      `---\n${fm}`,
      `---\ntitle: |\n  ---\n  x\n---\n`,
      `---\ntitle: "a\n---\n"\n---\n`,
      `---\ntitle: "a"\n---\n---\nsecond: 1\n---\n`,
      `---\ntitle: "caf\u00e9 \u2019quoted\u2019 \ud83d\ude00"\n---\n`,
      `---\ntitle: "a\u0000b"\n---\n`,
      Buffer.concat([Buffer.from(`---\n${fm}---\n`), Buffer.from([0xff, 0xfe])]),
      Buffer.from([
        0x2d, 0x2d, 0x2d, 0x0a, 0x74, 0x3a, 0x20, 0xc0, 0xaf, 0x0a, 0x2d, 0x2d, 0x2d, 0x0a,
      ]),
      // CESU-8 encoded surrogate (not valid UTF-8)
      Buffer.concat([
        Buffer.from('---\nt: '),
        Buffer.from([0xed, 0xa0, 0x80]),
        Buffer.from('\n---\n'),
      ]),
    ];
    for (const [k, c] of cases.entries()) expectSameRow(`case-${k}.md`, bytesOf(c));
  });

  it('agrees on generated and mutated front matter (property)', () => {
    const fileArb = fc
      .oneof(docArb, seedShapedArb, mutatedSeedArb)
      .map((fm) => `---\n${fm}${fm.endsWith('\n') ? '' : '\n'}---\nBody\n`);
    fc.assert(
      fc.property(fileArb, (text) => {
        const bytes = bytesOf(text);
        expect(indexFile('p.md', bytes, STAT)).toStrictEqual(indexFileFull('p.md', bytes, STAT));
      }),
      { numRuns: 400 },
    );
  });

  it('agrees on the workflow fields (embargo, publishAt, kill, assignee, notes), well- and ill-formed', () => {
    // The seed-shaped fixture has no workflow field and no review of its own.
    const art = validArticle('Workflow');
    const fm = art.slice(4, art.indexOf('\n---\n') + 1);
    const approved = 'review:\n  status: approved\n  by: ana\n  at: 2026-11-20T10:00:00Z\n';
    const extras = [
      'publishAt: 2026-12-02T07:00:00Z\n',
      'publishAt: "2026-12-02T07:00:00Z"\n',
      `${approved}publishAt: 2026-12-02T07:00:00Z\n`,
      `${approved}publishAt: '2026-12-02T08:00:00+01:00'\nembargo: 2026-12-01T00:00:00Z\n`,
      'embargo: 2026-12-02T07:00:00\n',
      'embargo: 2026-12-02\n',
      'embargo: 20261202\n',
      'embargo:\n',
      'publishAt: ~\n',
      `${approved}kill:\n  reason: Legal hold\n  by: ana\n  at: "2026-12-01T09:00:00Z"\n`,
      'kill:\n  by: ana\n',
      'kill: yes\n',
      'kill: {reason: "Legal", by: ana}\n',
      'assignee: Lena Ng\n',
      'assignee: "  Lena  "\n',
      'assignee: 42\n',
      'assignee: [a, b]\n',
      'notes: one line\n',
      'notes: |-\n  first line\n  second line\n',
      'notes: 7\n',
      `${approved}publishAt: 2026-12-02T07:00:00Z\nkill:\n  reason: x\nassignee: Tom\nnotes: "a\\nb"\n`,
    ];
    let fast = 0;
    for (const [k, extra] of extras.entries()) {
      const bytes = bytesOf(`---\n${fm}${extra}---\nBody\n`);
      expect(parseArticle(bytes).malformed, extra).toBe(false);
      expectSameRow(`wf-${k}.md`, bytes);
      if (fastParse(bytes)) fast++;
    }
    // The common shapes (plain times, kill maps, names) stay on the fast path.
    expect(fast).toBeGreaterThan(extras.length / 2);
  });

  it('gives every corpus file the same row whichever variant it is', () => {
    // corpusFile mixes the variants by position; spot-check a stretch around each kind.
    for (let i = 990; i < 1010; i++) expectSameRow(`c${i}.md`, bytesOf(corpusFile(i)));
  });
});

/**
 * The benchmark's building blocks: the generated corpus (deterministic, with the malformed
 * and odd variants it promises) and a complete small run. No timing is asserted here:
 * figures only have to exist and be plausible; targets live in the benchmark itself.
 */
import { promises as fsp, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  MALFORMED_EVERY,
  ODD_EVERY,
  corpusFile,
  generateArticle,
  writeCorpus,
} from '../../../src/core/bench/corpus';
import { floorA, floorB, listMarkdownSync } from '../../../src/core/bench/floors';
import { median, percentile } from '../../../src/core/bench/measure';
import {
  benchQueries,
  formatReport,
  runBench,
  targetsFor,
} from '../../../src/core/bench/run-bench';
import { parseArticle } from '../../../src/core/codec/index';
import { indexFileFull } from '../../../src/core/index/index-file';
import { runQuery } from '../../shared/query-helpers';

let base: string;

beforeAll(async () => {
  base = await fsp.mkdtemp(path.join(os.tmpdir(), 'curator-bench-test-'));
});

afterAll(async () => {
  await fsp.rm(base, { recursive: true, force: true });
});

describe('benchmark corpus', () => {
  it('is deterministic and seed-shaped', () => {
    expect(generateArticle(5)).toBe(generateArticle(5));
    expect(generateArticle(5)).not.toBe(generateArticle(6));
    const parsed = parseArticle(Buffer.from(generateArticle(5)));
    expect(parsed.malformed).toBe(false);
    expect(Object.keys(parsed.data ?? {}).slice(0, 5)).toEqual([
      'category',
      'title',
      'excerpt',
      'publishedDateTime',
      'originalUrl',
    ]);
  });

  it('mixes in malformed files (all refused by the codec) and odd but valid ones', () => {
    const parse = (i: number) => {
      const text = corpusFile(i);
      return parseArticle(typeof text === 'string' ? Buffer.from(text) : text);
    };
    // One of each of the 8 malformed variants, and the odd variants.
    for (let k = 0; k < 8; k++)
      expect(parse(k * MALFORMED_EVERY + MALFORMED_EVERY - 1).malformed).toBe(true);
    for (let k = 0; k < 12; k++) expect(parse(k * ODD_EVERY + ODD_EVERY - 1).malformed).toBe(false);
    for (let i = 0; i < 50; i++) expect(parse(i).malformed).toBe(false);
  });

  it('writes the files in sub-folders and the floors read them all', async () => {
    const dir = path.join(base, 'floors');
    const ids = await writeCorpus(dir, 1200);
    expect(ids).toHaveLength(1200);
    expect(new Set(ids.map((id) => id.split('/')[0]))).toEqual(new Set(['batch-000', 'batch-001']));
    expect(listMarkdownSync(dir)).toHaveLength(1200);
    const bytes = ids.reduce((n, id) => n + readFileSync(path.join(dir, id)).byteLength, 0);
    expect(floorA(dir)).toBe(bytes);
    // gray-matter accepts all but the files it cannot parse.
    const ok = floorB(dir);
    expect(ok).toBeGreaterThan(1190);
    expect(ok).toBeLessThanOrEqual(1200);
  });
});

describe('benchmark queries and statistics', () => {
  it('asks full-text + filter + sort queries that find articles', async () => {
    const dir = path.join(base, 'queries');
    const ids = await writeCorpus(dir, 400);
    const rows = ids.map((id) =>
      indexFileFull(id, readFileSync(path.join(dir, id)), { size: 1, mtimeMs: 1 }),
    );
    const queries = benchQueries();
    expect(queries.length).toBeGreaterThan(40);
    let found = 0;
    for (const q of queries) {
      expect(q.text).toBeTruthy();
      expect(q.sort).toBeDefined();
      if (runQuery(rows, q).total > 0) found++;
    }
    expect(found).toBeGreaterThan(queries.length / 2);
  });

  it('computes medians and nearest-rank percentiles', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 95)).toBe(10);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 50)).toBe(5);
    expect(median([])).toBeNaN();
  });

  it('has the targets of the issue for 10,000, 50,000 and 200,000 articles', () => {
    expect(targetsFor(200_000)).toEqual({ queryP95Ms: 60, peakRssMb: 1024 });
    expect(targetsFor(1000)).toBeNull();
    expect(targetsFor(10_000)).toEqual({
      coldOverFloorB: 0.5,
      warmOverFloorA: 3,
      queryP95Ms: 16,
      saveMedianMs: 20,
    });
    expect(targetsFor(50_000)).toEqual({
      coldOverFloorB: 0.5,
      warmOverFloorA: 3,
      queryP95Ms: 30,
      peakRssMb: 400,
    });
  });
});

describe('a complete small benchmark run', () => {
  it('measures every figure, with a warm open that reads nothing', async () => {
    const report = await runBench({ sizes: [300], runs: 1, tmpDir: base, racyMarginMs: 50 });
    expect(report.sizes).toEqual([300]);
    expect(report.machine.cpus).toBeGreaterThan(0);
    const [r] = report.results;
    expect(r.files).toBe(300);
    expect(r.warmReused).toBe(300);
    for (const key of [
      'floorAMs',
      'floorBMs',
      'coldOpenMs',
      'warmOpenMs',
      'queryMedianMs',
      'queryP95Ms',
      'deskStateQueryMs',
      'saveMedianMs',
      'externalChangeMs',
      'peakRssMb',
    ] as const) {
      expect(Number.isFinite(r[key]) && r[key] > 0, key).toBe(true);
    }
    expect(r.queryP95Ms).toBeGreaterThanOrEqual(r.queryMedianMs);
    expect(r.ratios.coldOverFloorB).toBeCloseTo(r.coldOpenMs / r.floorBMs, 2);
    expect(r.targets).toBeNull();
    expect(report.pass).toBe(true);
    const table = formatReport(report);
    expect(table).toContain('| cold open (scan + index) |');
    expect(table).toContain('300 articles');
    // The temp corpus is gone.
    expect((await fsp.readdir(base)).filter((n) => n.startsWith('curator-bench-'))).toEqual([]);
  }, 120_000);
});

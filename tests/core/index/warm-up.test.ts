/**
 * The JIT warm-up of a large cold build (warm-up.ts) reads sample articles in memory: they
 * must take the fast path (else they warm up the wrong code), agree with the full codec like
 * every file, and the warm-up runs once per process.
 */
import { describe, expect, it } from 'vitest';
import { fastRow } from '../../../src/core/index/fast-row';
import { indexFile, indexFileFull } from '../../../src/core/index/index-file';
import { warmUpFastPath, warmUpSamples } from '../../../src/core/index/warm-up';

const STAT = { size: 10, mtimeMs: 1_700_000_000_000 };

describe('fast path warm-up', () => {
  const { fast, giveUp } = warmUpSamples();

  it('reads samples that all take the fast path and agree with the full codec', () => {
    expect(fast.length).toBeGreaterThanOrEqual(8);
    fast.forEach((bytes, n) => {
      const id = `sample-${n}.md`;
      expect(fastRow(id, bytes, STAT), id).not.toBeNull();
      expect(indexFile(id, bytes, STAT)).toStrictEqual(indexFileFull(id, bytes, STAT));
    });
  });

  it('covers the shapes rows vary in: problems, review, kill, schedule, styles', () => {
    const rows = fast.map((bytes, n) => indexFileFull(`sample-${n}.md`, bytes, STAT));
    expect(rows.some((r) => r.problems.length > 0)).toBe(true);
    expect(rows.some((r) => r.problems.length === 0)).toBe(true);
    expect(new Set(rows.map((r) => r.review))).toEqual(
      new Set(['unreviewed', 'approved', 'rejected']),
    );
    expect(new Set(rows.map((r) => r.scheduleState))).toEqual(
      new Set(['none', 'killed', 'scheduled']),
    );
    expect(rows.some((r) => r.relatedCount > 1)).toBe(true);
    const texts = fast.map((b) => b.toString('utf8'));
    expect(texts.some((t) => t.includes('\r\n'))).toBe(true);
    expect(texts.some((t) => t.startsWith('\uFEFF'))).toBe(true);
    expect(texts.some((t) => t.includes('excerpt: >-'))).toBe(true);
  });

  it('includes front matter the fast path gives up on (the codec reads such files)', () => {
    expect(giveUp.length).toBeGreaterThan(0);
    for (const bytes of giveUp) {
      expect(fastRow('give-up.md', bytes, STAT)).toBeNull();
      expect(indexFile('give-up.md', bytes, STAT)).toStrictEqual(
        indexFileFull('give-up.md', bytes, STAT),
      );
    }
  });

  it('runs once per process', () => {
    // The first call in this test file's process reads every sample; later calls nothing.
    expect(warmUpFastPath()).toBe(fast.length);
    expect(warmUpFastPath()).toBe(0);
  });
});

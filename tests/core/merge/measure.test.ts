/** The bench's merge workload is what it claims: each side edits different fields, some clash. */
import { describe, expect, it } from 'vitest';
import { parseArticle } from '../../../src/core/codec/index';
import { mergeArticle } from '../../../src/core/merge/index';
import { measureMerge, mergeTriples } from '../../../src/core/merge/measure';

describe('merge measurement helper', () => {
  const triples = mergeTriples(30, 10);

  it('builds concurrently edited triples whose merge keeps both sides', () => {
    for (const [i, t] of triples.entries()) {
      const r = mergeArticle(t.base, t.ours, t.theirs);
      const data = parseArticle(r.bytes).data!;
      expect(data.title).toMatch(/\(updated\)$/);
      expect(data.excerpt).toMatch(/^Update: /);
      expect(data).toMatchObject({
        heat: 321,
        assignee: 'night desk',
        provider: { name: 'Wire Service' },
      });
      expect(data.topics).toContain('Desk pick');
      expect(parseArticle(r.bytes).body).toMatch(/A line added by the other editor\.\n$/);
      const clash = i % 10 === 0 && parseArticle(t.base).data!.quality !== 77;
      expect(r.conflicts.map((c) => c.path)).toEqual(clash ? ['quality'] : []);
    }
  });

  it('reports counts and times for every triple', () => {
    const m = measureMerge(triples);
    expect(m.files).toBe(30);
    expect(m.clean + m.conflicted).toBe(30);
    expect(m.conflicted).toBe(
      triples.filter((t) => !mergeArticle(t.base, t.ours, t.theirs).clean).length,
    );
    expect(m.totalMs).toBeGreaterThan(0);
    expect(m.maxMs).toBeGreaterThanOrEqual(m.p95Ms);
    expect(m.p95Ms).toBeGreaterThanOrEqual(m.medianMs);
  });
});

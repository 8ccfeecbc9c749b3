/**
 * A row's keys of the low-cardinality fields (provider, domain, category, topics, assignee)
 * are shared between rows with the same raw values (src/shared/query-rows.ts): sharing must
 * never give a row another value's key.
 */
import { describe, expect, it } from 'vitest';
import { rowOf } from '../../src/shared/query-rows';
import { blankSummary } from '../helpers/summary-fixtures';

describe('row keys', () => {
  it('shares the keys of equal raw values and keeps different ones apart', () => {
    // Equal values in separate objects and arrays, as two files give them.
    const fields = () => ({
      providerName: ' Zürich Times ',
      providerDomain: 'Zürich Times',
      category: 'Café',
      topics: ['AI', 'Privacy'],
      assignee: 'Ann',
    });
    const a = rowOf(blankSummary('a.md', fields()));
    const b = rowOf(blankSummary('b.md', fields()));
    expect(a.provider).toBe('zurich times');
    // The same raw value folds differently as a domain (lower case, accents kept).
    expect(a.domain).toBe('zürich times');
    expect(a.category).toBe('cafe');
    expect(a.topics).toEqual(['ai', 'privacy']);
    expect(a.assignee).toBe('ann');
    expect(b.topics).toBe(a.topics);
    expect(b).toMatchObject({ provider: a.provider, domain: a.domain, category: a.category });
  });

  it('tells topic lists apart whatever their topics hold', () => {
    const joined = rowOf(blankSummary('j.md', { topics: ['a\u0000b'] }));
    const split = rowOf(blankSummary('s.md', { topics: ['a', 'b'] }));
    const comma = rowOf(blankSummary('c.md', { topics: ['1:a'] }));
    const one = rowOf(blankSummary('o.md', { topics: ['a'] }));
    expect(joined.topics).toEqual(['a\u0000b']);
    expect(split.topics).toEqual(['a', 'b']);
    expect(comma.topics).toEqual(['1:a']);
    expect(one.topics).toEqual(['a']);
    expect(rowOf(blankSummary('e.md')).topics).toEqual([]);
  });
});

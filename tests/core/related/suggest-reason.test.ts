/**
 * Suggestions explain themselves: shared topics, the same provider and meaningful shared
 * words, never stop words such as "published" or "start" (issue "Trust on a live desk").
 */
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scanFolder } from '../../../src/core/library/scanner';
import { RelatedFolder } from '../../../src/core/related/related-folder';
import { SuggestIndex, suggestionReason } from '../../../src/core/related/suggest';
import { tokenize } from '../../../src/core/related/tokenize';

const SAMPLE = resolve(__dirname, '../../../content');

describe('stop words', () => {
  it('publishing, time and boilerplate words are no terms; topical words are', () => {
    const words: string[] = [];
    tokenize(
      'Standards bodies published draft specifications and asked vendors to start testing; ' +
        'start-ups started work on the update this week',
      words,
    );
    for (const stop of ['published', 'start', 'started', 'ups', 'work', 'update', 'week']) {
      expect(words).not.toContain(stop);
    }
    expect(words).toEqual(
      expect.arrayContaining(['standards', 'bodies', 'draft', 'specifications', 'vendors']),
    );
  });
});

describe('the reason of a suggestion', () => {
  it('names the shared topics, the provider as written and the shared words', () => {
    const idx = new SuggestIndex();
    idx.set('a.md', {
      title: 'Police drones published start of trial',
      excerpt: 'Drones over the city centre.',
      topics: ['Drones', 'Policing'],
      providerName: 'The Guardian',
      category: 'news',
    });
    idx.set('b.md', {
      title: 'Drones trial published: police start flights',
      excerpt: 'City centre flights begin.',
      topics: ['drones'],
      providerName: 'the guardian ',
      category: 'news',
    });
    const [s] = idx.suggest('a.md', 1);
    expect(s.id).toBe('b.md');
    expect(s.sharedWords).toEqual(expect.arrayContaining(['police', 'drones', 'trial']));
    expect(s.sharedWords).not.toContain('published');
    expect(s.sharedWords).not.toContain('start');
    expect(s.reason).toMatch(
      /^Shared topic: drones · Same provider: the guardian · Shared words: /,
    );
    expect(s.reason).not.toMatch(/published|start/);
  });

  it('reads well with one, several or none of the signals', () => {
    expect(suggestionReason(['AI', 'Policy'], '', [])).toBe('Shared topics: AI, Policy');
    expect(suggestionReason([], 'BBC', [])).toBe('Same provider: BBC');
    expect(suggestionReason([], '', ['a', 'b', 'c', 'd', 'e', 'f'])).toBe(
      'Shared words: a, b, c, d, e',
    );
    expect(suggestionReason([], '', [])).toBe('');
  });

  it('on the sample folder every suggestion has a reason without stop words', async () => {
    const rows = [...(await scanFolder(SAMPLE)).values()];
    const folder = new RelatedFolder(rows);
    const stop = new Set(['published', 'start', 'the', 'said', 'new', 'week', 'update']);
    let count = 0;
    for (const row of rows.slice(0, 30)) {
      for (const s of folder.suggest(row.id, null, 5)) {
        count++;
        expect(s.reason, `${row.id} -> ${s.id}`).not.toBe('');
        for (const w of s.sharedWords) expect(stop.has(w), `${row.id}: ${w}`).toBe(false);
        const shown = /Shared words: (.*)$/.exec(s.reason)?.[1].split(', ') ?? [];
        expect(shown).toEqual(s.sharedWords.slice(0, shown.length));
      }
    }
    expect(count).toBeGreaterThan(50);
  });
});

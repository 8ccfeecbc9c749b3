import { describe, expect, it } from 'vitest';
import type { Article } from '../../../src/shared/article';
import {
  planDecision,
  REJECTED_CANNOT_PUBLISH,
  reviewStateOf,
} from '../../../src/renderer/src/lib/decision';
import { CANNOT_EDIT, editBlock } from '../../../src/renderer/src/lib/edit-block';

const approved = { review: { status: 'approved', by: 'x', at: 'y' } };
const rejected = { review: { status: 'rejected' } };

describe('what a decision does', () => {
  it('reads the review state (absent or unknown: unreviewed)', () => {
    expect(reviewStateOf({})).toBe('unreviewed');
    expect(reviewStateOf({ review: 'approved' })).toBe('unreviewed');
    expect(reviewStateOf(approved)).toBe('approved');
    expect(reviewStateOf(rejected)).toBe('rejected');
  });

  it('Publish: approved publishes; unreviewed approves and publishes in one call; rejected is refused', async () => {
    const calls: unknown[] = [];
    const api = { publish: async (a: unknown) => (calls.push(a), null) } as never;
    const plain = planDecision('publish', approved);
    const both = planDecision('publish', {});
    expect(plain).toMatchObject({ kind: 'call', done: 'Published', reviews: false });
    expect(both).toMatchObject({ kind: 'call', done: 'Approved and published', reviews: true });
    if (plain.kind === 'call') await plain.run(api, ['a.md']);
    if (both.kind === 'call') await both.run(api, ['a.md']);
    expect(calls).toEqual([{ ids: ['a.md'] }, { ids: ['a.md'], approve: true }]);
    expect(planDecision('publish', rejected)).toEqual({
      kind: 'refuse',
      message: REJECTED_CANNOT_PUBLISH,
    });
  });

  it('Reject asks first only when it would unpublish', () => {
    expect(planDecision('reject', { published: true, ...approved })).toMatchObject({
      kind: 'confirm',
      confirm: 'Reject and unpublish',
    });
    expect(planDecision('reject', { published: false })).toMatchObject({ kind: 'call' });
    expect(planDecision('reject', { published: true, ...rejected })).toMatchObject({
      kind: 'call',
    });
  });
});

describe('why a file cannot be edited', () => {
  const article = (o: Partial<Article>): Article =>
    ({ id: 'a.md', malformed: false, problems: [], data: {}, ...o }) as Article;

  it('names the problem of a malformed, read-only, unopenable or deleted file', () => {
    const none = { loadError: null, removed: false };
    expect(editBlock({ article: article({}), ...none })).toBeNull();
    expect(
      editBlock({
        article: article({
          malformed: true,
          problems: [{ path: '', severity: 'error', code: 'x', message: 'Bad YAML.' }],
        }),
        ...none,
      }),
    ).toBe(`${CANNOT_EDIT}: Bad YAML.`);
    expect(editBlock({ article: article({ readOnly: 'It is read-only.' }), ...none })).toBe(
      `${CANNOT_EDIT}: It is read-only.`,
    );
    expect(editBlock({ article: null, loadError: 'x.md is over 8 MiB', removed: false })).toBe(
      `${CANNOT_EDIT}: x.md is over 8 MiB`,
    );
    expect(editBlock({ article: article({}), loadError: null, removed: true })).toMatch(
      /deleted on disk/,
    );
  });
});

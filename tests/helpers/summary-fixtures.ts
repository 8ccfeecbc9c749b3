/**
 * An article summary (the list's row, src/shared/article.ts) with every field at its empty
 * value, for tests that build rows by hand: only the fields a test is about are given.
 */
import type { ArticleSummary } from '../../src/shared/article';

/** A summary of `id` with empty fields, overridden by `over` (hash defaults to `id`). */
export function blankSummary(id: string, over: Partial<ArticleSummary> = {}): ArticleSummary {
  return {
    id,
    title: '',
    excerpt: '',
    category: '',
    type: '',
    providerName: '',
    providerDomain: '',
    topics: [],
    quality: null,
    heat: null,
    published: false,
    review: 'unreviewed',
    reviewBy: '',
    reviewAt: '',
    publishedDateTime: '',
    webUrl: '',
    originalUrl: '',
    image: '',
    relatedCount: 0,
    embargo: '',
    publishAt: '',
    killed: false,
    assignee: '',
    scheduleState: 'none',
    malformed: false,
    problems: [],
    hash: id,
    size: 1,
    mtimeMs: 1,
    ...over,
  };
}

/**
 * A field whose value is a YAML map with a `toString` key (an object whose string conversion
 * throws) is reported as a problem, never a crash of validation (found by the index's property
 * test: `title: {toString: }`).
 */
import { describe, expect, it } from 'vitest';
import { parseArticle } from '../../src/core/codec/index';
import { validateArticle } from '../../src/shared/validation';

describe('validation of hostile values', () => {
  it('reports a map with a toString key instead of throwing', () => {
    const parsed = parseArticle(Buffer.from('---\ntitle:\n - {toString: }\n---\nBody\n'));
    const problems = validateArticle(parsed.data, parsed.problems);
    expect(problems.some((p) => p.path === 'title')).toBe(true);
  });
});

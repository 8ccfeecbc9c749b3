/**
 * Property, through real git: two editors make random edits to random fields of random
 * articles and both sync. Every article then holds both editors' changes, and the conflicts the
 * sync reports are exactly the fields both changed to different values (the file keeping the
 * second editor's value for them). A handful of runs: each one is two clones and two syncs.
 */
import { realpathSync } from 'node:fs';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { parseArticle } from '../../../src/core/codec/index';
import { Desk } from '../../../src/core/desk/desk';
import { article, cleanup, makeDesk, read, writeFiles } from './git-fixtures';

afterEach(cleanup);

const FIELDS = ['title', 'excerpt', 'category', 'quality', 'type'] as const;
type Field = (typeof FIELDS)[number];

/** The line of a field in the fixture's article format. */
function line(field: Field, value: string | number): string {
  return field === 'title' || field === 'excerpt' ? `${field}: "${value}"` : `${field}: ${value}`;
}

const ARTICLES = 4;
const original = (i: number): Record<Field, string | number> => ({
  title: `Article ${i}`,
  excerpt: `Excerpt of Article ${i}.`,
  category: 'news',
  quality: 35,
  type: 'article',
});

const editArb = fc.record({
  article: fc.integer({ min: 0, max: ARTICLES - 1 }),
  field: fc.constantFrom(...FIELDS),
  value: fc.constantFrom('x', 'y', 'z'),
});
const editsArb = fc.uniqueArray(editArb, {
  minLength: 1,
  maxLength: 6,
  selector: (e) => `${e.article}/${e.field}`,
});

function apply(
  dir: string,
  edits: ReadonlyArray<{ article: number; field: Field; value: string }>,
) {
  for (const e of edits) {
    const rel = `a${e.article}.md`;
    const before = original(e.article)[e.field];
    const value = e.field === 'quality' ? 50 + e.value.charCodeAt(0) : `${before} ${e.value}`;
    writeFiles(dir, { [rel]: read(dir, rel).replace(line(e.field, before), line(e.field, value)) });
  }
}

describe('two editors, random edits, through git', () => {
  it('the merge equals applying both, or reports exactly the clashing fields', async () => {
    await fc.assert(
      fc.asyncProperty(editsArb, editsArb, async (annEdits, bobEdits) => {
        const files: Record<string, string> = {};
        for (let i = 0; i < ARTICLES; i++) files[`a${i}.md`] = article({ title: `Article ${i}` });
        const desk = makeDesk(files);
        const ann = desk.editor('Ann');
        const bob = desk.editor('Bob');
        apply(ann, annEdits);
        apply(bob, bobEdits);
        const annAfter = new Map<string, string>();
        for (let i = 0; i < ARTICLES; i++) annAfter.set(`a${i}.md`, read(ann, `a${i}.md`));
        const bobAfter = new Map<string, string>();
        for (let i = 0; i < ARTICLES; i++) bobAfter.set(`a${i}.md`, read(bob, `a${i}.md`));

        await (await Desk.open(realpathSync(ann))).sync();
        const report = await (await Desk.open(realpathSync(bob))).sync();

        const expected = new Map<string, string[]>();
        for (let i = 0; i < ARTICLES; i++) {
          const id = `a${i}.md`;
          const base = parseArticle(Buffer.from(files[id])).data!;
          const a = parseArticle(Buffer.from(annAfter.get(id)!)).data!;
          const b = parseArticle(Buffer.from(bobAfter.get(id)!)).data!;
          const merged = parseArticle(Buffer.from(read(bob, id))).data!;
          const clashes: string[] = [];
          for (const f of FIELDS) {
            const annChanged = a[f] !== base[f];
            const bobChanged = b[f] !== base[f];
            if (annChanged && bobChanged && a[f] !== b[f]) {
              clashes.push(f);
              expect(merged[f]).toBe(b[f]); // ours kept, theirs in the index
            } else {
              expect(merged[f]).toBe(annChanged ? a[f] : b[f]);
            }
          }
          if (clashes.length) expected.set(id, clashes);
        }
        const reported = new Map(report.conflicts.map((c) => [c.path, [...c.fields].sort()]));
        expect(reported).toEqual(new Map([...expected].map(([k, v]) => [k, v.sort()])));
        cleanup();
      }),
      { numRuns: 6 },
    );
  }, 240_000);
});

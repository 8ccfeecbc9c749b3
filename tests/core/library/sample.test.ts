import { readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Library } from '../../../src/core/library/library';
import { MALFORMED, copySample, lineDiff } from './fixtures';

/** Every .md file under `dir` (skipping hidden folders), as ids. */
function walk(dir: string, root = dir): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.name.startsWith('.')) continue;
    const abs = join(dir, e.name);
    if (e.isDirectory()) out.push(...walk(abs, root));
    else if (e.name.endsWith('.md')) out.push(relative(root, abs).split(sep).join('/'));
  }
  return out;
}

let root: string;
let lib: Library;
beforeAll(async () => {
  root = copySample();
  writeFileSync(join(root, 'zz-malformed.md'), MALFORMED);
  writeFileSync(join(root, 'zz-js.md'), '---js\n{ title: "x" }\n---\n');
  lib = await Library.open(root);
});
afterAll(async () => {
  await lib.close();
  rmSync(root, { recursive: true, force: true });
});

describe('the bundled sample folder (copied, plus malformed files)', () => {
  it('indexes every article of the sample', () => {
    const ids = walk(root).sort();
    expect(ids.length).toBeGreaterThan(20);
    expect(
      lib
        .entries()
        .map((e) => e.id)
        .sort(),
    ).toEqual(ids);
  });

  it('lists the malformed files and the deliberate problems of the sample', async () => {
    const report = await lib.validate();
    const malformed = report.files.filter((f) => f.malformed).map((f) => f.id);
    expect(malformed).toEqual(expect.arrayContaining(['zz-malformed.md', 'zz-js.md']));
    // The sample ships articles with deliberate problems besides the ones added here.
    expect(report.files.filter((f) => !f.id.startsWith('zz-')).length).toBeGreaterThan(0);
    expect(report.errorCount).toBeGreaterThan(2);
  });

  it('filters the sample by text, review state and topic', () => {
    const seed = lib.entries().find((e) => e.id === 'seed-article.md');
    expect(seed?.title).toContain('facial recognition');
    const byText = lib.query({ text: 'facial recognition' });
    expect(byText.items.map((e) => e.id)).toContain('seed-article.md');
    const topic = seed?.topics[0] as string;
    const byTopic = lib.query({ topic: [topic] });
    expect(byTopic.items.every((e) => e.topics.includes(topic))).toBe(true);
    const counts = lib.query({}).counts;
    expect(counts.unreviewed + counts.approved + counts.rejected).toBe(lib.entries().length);
  });

  it('publishes a sample article by changing exactly one line', async () => {
    const candidate = lib.entries().find(
      (e) =>
        !e.published &&
        e.problems.length === 0 &&
        // Publishable: approved, not killed, not under embargo, not waiting for its time.
        e.review === 'approved' &&
        e.scheduleState === 'none' &&
        e.embargo === '' &&
        /^published: false$/m.test(readFileSync(join(root, e.id), 'utf8')),
    );
    expect(candidate).toBeDefined();
    const id = candidate?.id as string;
    const before = readFileSync(join(root, id), 'utf8');
    const res = await lib.publish([id]);
    expect(res.changed).toBe(1);
    const diff = lineDiff(before, readFileSync(join(root, id), 'utf8'));
    expect(diff.removed).toHaveLength(1);
    expect(diff.added).toEqual([diff.removed[0].replace('false', 'true')]);
  });
});

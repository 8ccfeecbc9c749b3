/**
 * The body merge follows `git merge-file`: checked against the real git on random edits, plus
 * the cases a body merge must survive (blank-line-heavy and hostile bodies).
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mergeBody } from '../../../src/core/merge/merge-body';
import { tempDir } from './helpers';

const tmp = tempDir();

/** `git merge-file -p ours base theirs` with no user or system config: result, or null on conflict. */
function gitMergeFile(base: string, ours: string, theirs: string): string | null {
  const [b, o, t] = [
    ['base', base],
    ['ours', ours],
    ['theirs', theirs],
  ].map(([name, content]) => {
    const path = join(tmp.dir, `${name}.txt`);
    writeFileSync(path, content);
    return path;
  });
  const run = spawnSync('git', ['merge-file', '-p', o, b, t], {
    encoding: 'utf8',
    env: { PATH: process.env.PATH, HOME: tmp.dir, GIT_CONFIG_NOSYSTEM: '1' },
  });
  if (run.status === null || run.status < 0) throw new Error(run.stderr);
  return run.status === 0 ? run.stdout : null;
}

type Op = { kind: 'replace' | 'delete' | 'insert'; at: number };
const opsArb = fc.array(
  fc.record({ kind: fc.constantFrom('replace', 'delete', 'insert'), at: fc.nat(40) }),
  { maxLength: 4 },
) as fc.Arbitrary<Op[]>;

/** Applies line edits; new lines are unique, tagged with `who`. */
function apply(lines: string[], ops: Op[], who: string): string[] {
  const out = [...lines];
  ops.forEach((op, k) => {
    const at = out.length === 0 ? 0 : op.at % out.length;
    if (op.kind === 'replace' && out.length > 0) out[at] = `${who} changed ${k}\n`;
    else if (op.kind === 'delete' && out.length > 0) out.splice(at, 1);
    else out.splice(at, 0, `${who} inserted ${k}\n`);
  });
  return out;
}

describe('body merge', () => {
  it('agrees with git merge-file on random line edits (unique lines)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 30 }),
        opsArb,
        opsArb,
        fc.boolean(),
        (n, oo, to, share) => {
          const base = Array.from({ length: n }, (_, i) => `line ${i}\n`);
          const ours = apply(base, oo, 'ours');
          // Sometimes their edits start with the same edits as ours (the same change on both sides).
          const theirs = share
            ? apply(apply(base, oo, 'ours'), to, 'theirs')
            : apply(base, to, 'theirs');
          const [b, o, t] = [base, ours, theirs].map((l) => l.join(''));
          expect(mergeBody(b, o, t)).toBe(gitMergeFile(b, o, t));
        },
      ),
      { numRuns: 150 },
    );
  });

  it('paragraphs separated by blank lines: far edits merge, adjacent ones clash', () => {
    const paras = Array.from({ length: 40 }, (_, i) => `Paragraph ${i}.\n\n`).join('');
    const ours = paras.replace('Paragraph 3.', 'Paragraph 3, ours.');
    const theirs = paras.replace('Paragraph 30.', 'Paragraph 30, theirs.');
    expect(mergeBody(paras, ours, theirs)).toBe(gitMergeFile(paras, ours, theirs));
    expect(mergeBody(paras, ours, theirs)).toContain('Paragraph 30, theirs.');
    const clash = paras.replace('\n\nParagraph 4.', '\nInserted.\nParagraph 4.');
    expect(mergeBody(paras, ours, clash)).toBeNull();
    expect(gitMergeFile(paras, ours, clash)).toBeNull();
  });

  it('a body rewritten on one side and edited on the other clashes, in bounded time', () => {
    const n = 100_000;
    const base = Array.from({ length: n }, (_, i) => `line ${i}\n`).join('');
    const ours = Array.from({ length: n }, (_, i) => `rewritten ${i}\n`).join('');
    const theirs = base.replace('line 7\n', 'line seven\n');
    expect(mergeBody(base, ours, theirs)).toBeNull();
  });

  it('long bodies with many equal lines merge (no quadratic diff)', () => {
    const base = Array.from({ length: 20_000 }, (_, i) => (i % 2 ? '\n' : `p ${i % 50}\n`)).join(
      '',
    );
    const lines = base.split(/(?<=\n)/);
    const ours = [...lines];
    ours[10] = 'ours\n';
    const theirs = [...lines];
    theirs[19_990] = 'theirs\n';
    const merged = mergeBody(base, ours.join(''), theirs.join(''));
    expect(merged).not.toBeNull();
    expect(merged!.split(/(?<=\n)/)).toEqual(
      lines.map((l, i) => (i === 10 ? 'ours\n' : i === 19_990 ? 'theirs\n' : l)),
    );
  });
});

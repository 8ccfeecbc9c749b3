/**
 * A file with a complex (non-scalar) map key, through the real `curator` command: it is listed
 * and validated with an error (never "no problem"), and every write is refused with its bytes
 * left identical (issue 9 §2: a file Curator cannot edit safely always shows a problem).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { indexFile, indexFileFull } from '../../src/core/index/index-file';
import { REPO, curator } from './run-cli';

const FILE = '---\n? [a, b]\n: complex\ntitle: A\n---\nBody\n';
const MESSAGE =
  'A complex key (`? [a, b]`, line 2) cannot be kept exactly: Curator does not write this file.';
let root: string;
const read = () => readFileSync(join(root, 'complex.md'));

beforeAll(() => {
  execFileSync(process.execPath, [resolve(REPO, 'scripts/build-cli.mjs')], { cwd: REPO });
  root = mkdtempSync(join(tmpdir(), 'curator-cli-complex-key-'));
  writeFileSync(join(root, 'complex.md'), FILE);
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('a complex key', () => {
  it('list --json shows the file malformed, with the error', async () => {
    const r = await curator(['list', '.', '--json'], root);
    expect(r.code, r.stderr).toBe(0);
    const [row] = JSON.parse(r.stdout) as Array<{ malformed: boolean; problems: unknown[] }>;
    expect(row.malformed).toBe(true);
    expect(row.problems).toEqual([
      { path: '', severity: 'error', code: 'complex-key', message: MESSAGE },
    ]);
  });

  it('validate exits 1 naming the key and its line', async () => {
    const r = await curator(['validate', '.'], root);
    expect(r.code).toBe(1);
    expect(r.stdout + r.stderr).toContain(`complex.md: error (file) — ${MESSAGE}`);
  });

  it('set, unset and review are refused; the bytes stay identical', async () => {
    const before = read();
    for (const args of [
      ['set', 'complex.md', 'x=1'],
      ['set', 'complex.md', 'title=B'],
      ['unset', 'complex.md', 'title'],
      ['review', 'complex.md', '--approve'],
    ]) {
      const r = await curator(args, root);
      expect(r.code, args.join(' ')).toBe(1);
      expect(r.stdout + r.stderr).toContain(MESSAGE);
      expect(read()).toEqual(before);
    }
  });

  it('the fast index agrees with the full parse', () => {
    const bytes = new Uint8Array(read());
    const stat = { size: bytes.byteLength, mtimeMs: statSync(join(root, 'complex.md')).mtimeMs };
    const row = indexFile('complex.md', bytes, stat);
    expect(row).toEqual(indexFileFull('complex.md', bytes, stat));
  });
});

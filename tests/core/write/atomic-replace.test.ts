import {
  mkdtempSync,
  readFileSync,
  readdirSync,
  statSync,
  writeFileSync,
  chmodSync,
  symlinkSync,
  lstatSync,
  rmSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { atomicReplace } from '../../../src/core/write/atomic-replace';
import { isTempFileName } from '../../../src/core/fs/temp-files';
import { openForEdit } from '../../../src/core/write/read-for-edit';

/** Replaces an existing file, expecting it as it is now (what the write path does). */
async function atomicWrite(
  target: string,
  bytes: Uint8Array,
  opts: { beforeRename?: () => void } = {},
): Promise<void> {
  const expected = (await openForEdit(target).catch(() => null))?.expectation;
  const r = await atomicReplace(target, bytes, {
    expected,
    hooks: { beforeCheck: opts.beforeRename },
  });
  if (r.status !== 'replaced') throw new Error('conflict');
}

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'curator-aw-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('atomicReplace', () => {
  it('replaces the content and leaves no temp file behind', async () => {
    const f = join(dir, 'a.md');
    writeFileSync(f, 'old');
    await atomicWrite(f, Buffer.from('new content'));
    expect(readFileSync(f, 'utf8')).toBe('new content');
    expect(readdirSync(dir)).toEqual(['a.md']);
  });

  it('creates a missing file', async () => {
    const f = join(dir, 'new.md');
    await atomicWrite(f, Buffer.from('x'));
    expect(readFileSync(f, 'utf8')).toBe('x');
    expect(readdirSync(dir)).toEqual(['new.md']);
  });

  it('preserves the file mode', async () => {
    const f = join(dir, 'a.md');
    writeFileSync(f, 'old');
    chmodSync(f, 0o640);
    await atomicWrite(f, Buffer.from('new'));
    expect(statSync(f).mode & 0o777).toBe(0o640);
    chmodSync(f, 0o604);
    await atomicWrite(f, Buffer.from('newer'));
    expect(statSync(f).mode & 0o777).toBe(0o604);
  });

  it('writes through a symbolic link and keeps the link', async () => {
    const real = join(dir, 'real.md');
    const link = join(dir, 'link.md');
    writeFileSync(real, 'old');
    symlinkSync(real, link);
    await atomicWrite(link, Buffer.from('via link'));
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readFileSync(real, 'utf8')).toBe('via link');
    expect(readdirSync(dir).sort()).toEqual(['link.md', 'real.md']);
  });

  it('leaves the target untouched and removes the temp file when aborted before the rename', async () => {
    const f = join(dir, 'a.md');
    writeFileSync(f, 'original');
    let sawTemp = false;
    await expect(
      atomicWrite(f, Buffer.from('new'), {
        beforeRename: () => {
          sawTemp = readdirSync(dir).some((n) => isTempFileName(n));
          throw new Error('abort');
        },
      }),
    ).rejects.toThrow('abort');
    expect(sawTemp).toBe(true);
    expect(readFileSync(f, 'utf8')).toBe('original');
    expect(readdirSync(dir)).toEqual(['a.md']);
  });

  it('fails cleanly when the folder does not exist', async () => {
    await expect(atomicWrite(join(dir, 'nope', 'a.md'), Buffer.from('x'))).rejects.toThrow();
    expect(readdirSync(dir)).toEqual([]);
  });

  it('fails cleanly when the target is a folder (rename refused) and removes the temp file', async () => {
    const sub = join(dir, 'sub.md');
    writeFileSync(join(dir, 'keep.md'), 'k');
    await import('node:fs').then((fs) => fs.mkdirSync(sub));
    await expect(atomicReplace(sub, Buffer.from('x'))).resolves.toEqual({
      status: 'conflict',
      putBack: false,
    });
    expect(readdirSync(dir).sort()).toEqual(['keep.md', 'sub.md']);
    expect(statSync(sub).isDirectory()).toBe(true);
  });
});

/**
 * The V8 code cache of the CLI bundle (bin/curator.js; issue 13, start-up): a run that finds
 * none writes it, the next run uses it as it is, and a damaged cache, the cache of another
 * bundle or a cache that cannot be written never changes what a command does. Each test
 * runs a copy of the built bundle in a temp install (bin/curator.js, out/cli/curator.cjs,
 * package.json; not a git checkout, so never rebuilt), so the repository's cache is untouched.
 */
import { execFile, spawnSync } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MALFORMED, makeFolder, validArticle } from '../core/library/fixtures';
import { REPO, curator, type CliRun } from './run-cli';

let folder: string;
const installs: string[] = [];

beforeAll(async () => {
  folder = makeFolder({ 'a.md': validArticle('Alpha'), 'bad.md': MALFORMED });
  // Rebuilds a stale bundle before it is copied.
  expect((await curator(['list', folder])).code).toBe(0);
});
afterAll(() => {
  rmSync(folder, { recursive: true, force: true });
  for (const dir of installs) rmSync(dir, { recursive: true, force: true });
});

/** A temp install of the built bundle, without its code cache. */
function install() {
  const root = mkdtempSync(join(tmpdir(), 'curator-code-cache-'));
  installs.push(root);
  mkdirSync(join(root, 'bin'));
  mkdirSync(join(root, 'out', 'cli'), { recursive: true });
  copyFileSync(join(REPO, 'bin', 'curator.js'), join(root, 'bin', 'curator.js'));
  copyFileSync(join(REPO, 'package.json'), join(root, 'package.json'));
  copyFileSync(join(REPO, 'out', 'cli', 'curator.cjs'), join(root, 'out', 'cli', 'curator.cjs'));
  const outDir = join(root, 'out', 'cli');
  return {
    bundle: join(outDir, 'curator.cjs'),
    cache: join(outDir, 'curator.cjs.v8cache'),
    /** Files the loader left behind that are neither the bundle nor the cache. */
    strays: () => readdirSync(outDir).filter((n) => !/^curator\.cjs(\.v8cache)?$/.test(n)),
    run: (args: string[]) =>
      new Promise<CliRun>((done) => {
        execFile(
          process.execPath,
          [join(root, 'bin', 'curator.js'), ...args],
          { env: { ...process.env, CURATOR_CACHE_DIR: join(root, 'index-cache') } },
          (err, stdout, stderr) => done({ code: err ? Number(err.code ?? 1) : 0, stdout, stderr }),
        );
      }),
  };
}

/** Inode and mtime of `file`: a rewrite (temp file, rename) changes both. */
const identity = (file: string) => {
  const st = statSync(file);
  return `${st.ino}:${st.mtimeMs}`;
};

describe('the code cache', () => {
  it('is written by a run that finds none, and used as it is by the next', async () => {
    const app = install();
    const first = await app.run(['list', '--json', folder]);
    expect(first).toMatchObject({ code: 0, stderr: '' });
    expect(JSON.parse(first.stdout)).toHaveLength(2);
    expect(readFileSync(app.cache).subarray(0, 18).toString('latin1')).toBe('curator-v8cache 1 ');
    const written = identity(app.cache);

    // A cache that V8 rejected, or whose key did not match, would be written again.
    const second = await app.run(['list', '--json', folder]);
    expect(second).toEqual(first);
    expect(identity(app.cache)).toBe(written);
    expect(app.strays()).toEqual([]);
  });

  it('ignores a garbage or truncated cache, and replaces it', async () => {
    const app = install();
    const clean = await app.run(['list', '--json', folder]);
    const good = readFileSync(app.cache);
    const header = good.subarray(0, good.indexOf(10) + 1);
    const data = good.subarray(header.length);
    const damaged = {
      garbage: Buffer.from('not a cache at all\n'.repeat(50)),
      'the key, then garbage': Buffer.concat([header, Buffer.alloc(data.length, 0x5a)]),
      'the key, then half the data': Buffer.concat([header, data.subarray(0, data.length >> 1)]),
      'the key alone': header,
    };
    for (const [what, bytes] of Object.entries(damaged)) {
      writeFileSync(app.cache, bytes);
      expect(await app.run(['list', '--json', folder]), what).toEqual(clean);
      const replaced = readFileSync(app.cache);
      expect(replaced.equals(bytes), what).toBe(false);
      expect(replaced.subarray(0, header.length).equals(header), what).toBe(true);
      // ... and the replacement is used as it is.
      const id = identity(app.cache);
      expect(await app.run(['list', '--json', folder]), what).toEqual(clean);
      expect(identity(app.cache), what).toBe(id);
    }
    expect(app.strays()).toEqual([]);
  });

  it('never uses the cache of another bundle of the same length', async () => {
    // V8 checks only the source's length: handed this cache, it accepts it and the changed
    // bundle prints the old header (REVIEW), from the bytecode of the function that printed it.
    const app = install();
    expect((await app.run(['list', folder])).stdout).toMatch(/^REVIEW /);
    const source = readFileSync(app.bundle, 'latin1');
    const changed = source.replace('${"REVIEW".padEnd(10)}', '${"REVIEX".padEnd(10)}');
    expect(changed).not.toBe(source);
    expect(changed).toHaveLength(source.length);
    // Rewritten in place (the same inode, the same size): only its times tell it apart.
    writeFileSync(app.bundle, changed, 'latin1');

    const r = await app.run(['list', folder]);
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(r.stdout).toMatch(/^REVIEX /);
  });

  it('never waits on a FIFO where the cache belongs', async () => {
    const app = install();
    const clean = await app.run(['list', '--json', folder]);
    rmSync(app.cache);
    expect(spawnSync('mkfifo', [app.cache]).status).toBe(0);
    // A blocking read would wait for a writer forever (the test would time out).
    expect(await app.run(['list', '--json', folder])).toEqual(clean);
    expect(app.strays()).toEqual([]);
  });

  it('runs the command as usual when no cache can be written', async () => {
    const app = install();
    const clean = await app.run(['list', '--json', folder]);
    rmSync(app.cache);
    // A folder where the cache belongs: it cannot be read, nor replaced by a rename.
    mkdirSync(app.cache);
    expect(await app.run(['list', '--json', folder])).toEqual(clean);
    expect(statSync(app.cache).isDirectory()).toBe(true);
    expect(app.strays()).toEqual([]);
    expect(existsSync(app.bundle)).toBe(true);
  });
});

/**
 * The save / external-write race (issue "Trust on a live desk", §3: an external edit is never
 * lost). Two harnesses:
 * - an external write made at each hook point of the atomic replacement (in place, through a
 *   file opened before our rename, and by rename over the name): the outcome must be a
 *   conflict and the external bytes must be what is on disk;
 * - many tries of another process writing the file in place while a save runs, at random
 *   moments across the save: after each try the external write must be on disk, exactly.
 */
import { fork, type ChildProcess } from 'node:child_process';
import {
  closeSync,
  mkdtempSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { Library } from '../../../src/core/library/library';
import { fieldPatchPlanner, type ReplaceHooks } from '../../../src/core/write/index';
import { validArticle } from '../library/fixtures';

const dirs: string[] = [];
const libs: Library[] = [];
afterEach(async () => {
  while (libs.length) await libs.pop()!.close();
});
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function folder(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'curator-race-'));
  dirs.push(dir);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

async function open(root: string): Promise<Library> {
  const lib = await Library.open(root, { cache: false });
  libs.push(lib);
  return lib;
}

/** The base article, and the same article as another editor saved it (a new body line). */
const BASE = validArticle('Race');
const external = (n: number | string): string => `${BASE}Edited elsewhere: ${n}.\n`;

/** A save of one field, with test points inside its atomic replacement. */
async function saveWith(lib: Library, hooks: ReplaceHooks) {
  const { hash } = await lib.getArticle('a.md');
  return lib.write({
    label: 'Save',
    files: [{ id: 'a.md', baseHash: hash }],
    plan: { each: fieldPatchPlanner([{ op: 'set', path: 'quality', value: 99 }]) },
    hooks,
  });
}

describe('an external write at each point of a save', () => {
  it('in place, after our new bytes are ready and before the last check: refused, theirs kept', async () => {
    const root = folder({ 'a.md': BASE });
    const lib = await open(root);
    const out = await saveWith(lib, {
      beforeCheck: (target) => writeFileSync(target, external('check')),
    });
    expect(out).toMatchObject({ ok: false, code: 'conflict' });
    expect(readFileSync(join(root, 'a.md'), 'utf8')).toBe(external('check'));
    // The conflict shows the file as it is on disk, and the index follows it.
    expect(out.article?.body).toContain('Edited elsewhere: check.');
    expect(lib.entries()[0].hash).toBe(out.article?.hash);
  });

  it('by rename over the name (another program’s atomic save) before the last check: refused, theirs kept', async () => {
    const root = folder({ 'a.md': BASE });
    const lib = await open(root);
    const out = await saveWith(lib, {
      beforeCheck: (target) => {
        writeFileSync(`${target}.theirs`, external('rename'));
        renameSync(`${target}.theirs`, target);
      },
    });
    expect(out).toMatchObject({ ok: false, code: 'conflict' });
    expect(readFileSync(join(root, 'a.md'), 'utf8')).toBe(external('rename'));
  });

  it('in place, between the last check and our rename: the write lands in the replaced file and is put back', async () => {
    const root = folder({ 'a.md': BASE });
    const lib = await open(root);
    const out = await saveWith(lib, {
      beforeRename: (target) => writeFileSync(target, external('window')),
    });
    expect(out).toMatchObject({ ok: false, code: 'conflict' });
    expect(out.message).toMatch(/that change was kept/);
    expect(readFileSync(join(root, 'a.md'), 'utf8')).toBe(external('window'));
  });

  it('through a file opened before our rename and written after it: put back, reported', async () => {
    const root = folder({ 'a.md': BASE });
    const lib = await open(root);
    let fd = -1;
    const out = await saveWith(lib, {
      // Another program opens the file (to write it in place) just before our rename ...
      beforeRename: (target) => {
        fd = openSync(target, 'r+');
      },
      // ... and writes through that handle after it, into the file we replaced.
      afterRename: () => {
        const text = Buffer.from(external('late'));
        writeSync(fd, text, 0, text.length, 0);
        closeSync(fd);
      },
    });
    expect(out).toMatchObject({ ok: false, code: 'conflict' });
    expect(readFileSync(join(root, 'a.md'), 'utf8')).toBe(external('late'));
    expect(lib.entries()[0].hash).toBe(out.results[0].hash);
  });

  it('after the save has finished: nothing to detect, the later write simply wins', async () => {
    const root = folder({ 'a.md': BASE });
    const lib = await open(root);
    const out = await saveWith(lib, {});
    expect(out.ok).toBe(true);
    writeFileSync(join(root, 'a.md'), external('after'));
    expect(readFileSync(join(root, 'a.md'), 'utf8')).toBe(external('after'));
  });
});

/** Source of the external writer: on each message, waits `delayMs` (busy), then writes in place. */
const WRITER = `
process.on('message', (m) => {
  if (m === 'stop') process.exit(0);
  const until = performance.now() + m.delayMs;
  while (performance.now() < until) {}
  require('node:fs').writeFileSync(m.path, m.text);
  process.send({ done: m.n });
});
process.send({ ready: true });
`;

function startWriter(dir: string): Promise<ChildProcess> {
  const script = join(dir, 'writer.cjs');
  writeFileSync(script, WRITER);
  const child = fork(script, [], { stdio: 'ignore' });
  return new Promise((resolve) => child.once('message', () => resolve(child)));
}

function writeFromChild(
  child: ChildProcess,
  msg: { path: string; text: string; delayMs: number; n: number },
) {
  return new Promise<void>((resolve) => {
    const onMessage = (m: { done?: number }): void => {
      if (m.done !== msg.n) return;
      child.off('message', onMessage);
      resolve();
    };
    child.on('message', onMessage);
    child.send(msg);
  });
}

describe('another process writing while saves run (race harness)', () => {
  it('never loses an external write, and reports every race it lost as a conflict', async () => {
    const root = folder({ 'a.md': BASE });
    const side = mkdtempSync(join(tmpdir(), 'curator-race-writer-'));
    dirs.push(side);
    const child = await startWriter(side);
    const lib = await open(root);
    const path = join(root, 'a.md');
    const TRIES = 200;
    let ok = 0;
    let conflicts = 0;
    // How long a save takes here (read, plan, temp file, fsyncs, rename), to spread the
    // external writes over all of it.
    const took: number[] = [];
    for (let n = 0; n < 5; n++) {
      const { hash } = await lib.getArticle('a.md');
      const t0 = performance.now();
      await lib.save('a.md', [{ op: 'set', path: 'quality', value: n }], { baseHash: hash });
      took.push(performance.now() - t0);
    }
    const saveMs = took.sort((a, b) => a - b)[2];
    try {
      for (let n = 0; n < TRIES; n++) {
        writeFileSync(path, BASE);
        const { hash } = await lib.getArticle('a.md');
        // Spread the external write over the whole save, and a little after it.
        const delayMs = ((n % 20) / 20 + Math.random() / 20) * saveMs * 1.5;
        const theirs = writeFromChild(child, { path, text: external(n), delayMs, n });
        const ours = lib.save('a.md', [{ op: 'set', path: 'quality', value: 1000 + n }], {
          baseHash: hash,
        });
        const [out] = await Promise.all([ours, theirs]);
        // Whatever the timing, the other editor's write is what is on disk.
        expect(readFileSync(path, 'utf8'), `try ${n}`).toBe(external(n));
        if (out.ok) ok++;
        else {
          expect(out.code, `try ${n}: ${out.message}`).toBe('conflict');
          conflicts++;
        }
      }
    } finally {
      child.send('stop');
    }
    // Both kinds of outcome happened: the harness did race the saves.
    expect(ok + conflicts).toBe(TRIES);
    expect(conflicts).toBeGreaterThan(0);
    expect(ok).toBeGreaterThan(0);
  });
});

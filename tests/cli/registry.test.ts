/**
 * The command registry loads each command when it runs (issue 13, start-up): every entry
 * loads the command of its name, and in the built bundle (one CommonJS file, where each
 * command's modules are a lazy initialiser) a run evaluates only what its command needs.
 * What a run evaluated is seen from outside, through the Node modules it required: a
 * preloaded module records every `require` of the real `curator` process.
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commands, loadCommand } from '../../src/cli/registry';
import { MALFORMED, validArticle } from '../core/library/fixtures';
import { curator } from './run-cli';

describe('command registry', () => {
  it('loads, for every name, the command of that name', async () => {
    for (const name of Object.keys(commands)) {
      const cmd = await loadCommand(name);
      expect(cmd?.name, name).toBe(name);
      expect(cmd?.summary.length, name).toBeGreaterThan(10);
      expect(cmd?.usage.startsWith(`curator ${name}`), name).toBe(true);
    }
    expect(await loadCommand('no-such-command')).toBeUndefined();
    expect(await loadCommand('toString')).toBeUndefined();
  });
});

describe('what a run of the bundle evaluates', () => {
  let dir: string;
  let folder: string;
  let run = 0;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'curator-registry-'));
    // A valid article and a malformed one (which needs the full codec).
    folder = join(dir, 'articles');
    await mkdir(folder);
    await writeFile(join(folder, 'a.md'), validArticle('Alpha'));
    await writeFile(join(folder, 'bad.md'), MALFORMED);
    await writeFile(
      join(dir, 'spy.cjs'),
      [
        "const Module = require('node:module');",
        "const { appendFileSync } = require('node:fs');",
        'const seen = new Set();',
        'const original = Module.prototype.require;',
        'Module.prototype.require = function (id) { seen.add(id); return original.apply(this, arguments); };',
        "process.on('exit', () => appendFileSync(process.env.SPY_OUT, [...seen].join('\\n') + '\\n'));",
      ].join('\n'),
    );
    // A first run rebuilds a stale bundle, so the spied runs below are plain runs.
    expect((await curator(['list', folder])).code).toBe(0);
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  /** The module ids the `curator` process of `args` required (node: built-ins and packages). */
  async function required(args: string[]): Promise<Set<string>> {
    const out = join(dir, `required-${run++}.txt`);
    const r = await curator(args, dir, {
      NODE_OPTIONS: `--require ${JSON.stringify(join(dir, 'spy.cjs'))}`,
      SPY_OUT: out,
      CURATOR_CACHE_DIR: join(dir, 'index-cache'),
    });
    expect(r.stderr).toBe('');
    return new Set((await readFile(out, 'utf8')).split('\n').filter(Boolean));
  }

  it('evaluates neither the server nor the desk for `curator list`', async () => {
    const list = await required(['list', '--json', folder]);
    expect(list.has('node:fs')).toBe(true);
    expect(list.has('node:http')).toBe(false); // src/server (serve)
    expect(list.has('node:child_process')).toBe(false); // simple-git (the desk commands)
  });

  it('evaluates the server for the command that needs it', async () => {
    // The spy sees what a command's lazily evaluated modules require.
    expect((await required(['serve', '--help'])).has('node:http')).toBe(true);
  });

  it('never loads esprima, which js-yaml asks for when the codec loads', async () => {
    // Without the bundle's banner, this very run requires `esprima` (js-yaml's !!js/function).
    expect((await required(['list', folder])).has('esprima')).toBe(false);
  });
});

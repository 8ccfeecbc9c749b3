/**
 * The command registry loads each command when it runs (issue 13, start-up): every entry
 * loads the command of its name, and the built entry chunk that every `curator` start loads
 * stays small (commands, the server, the codec and the contract schemas are chunks of their own).
 */
import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { commands, loadCommand } from '../../src/cli/registry';
import { curator, REPO } from './run-cli';

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

  it('keeps the entry chunk and what it imports statically under 32 KB', async () => {
    // Runs the real command once, which rebuilds a stale bundle.
    const dir = await mkdtemp(join(tmpdir(), 'curator-registry-'));
    try {
      await writeFile(join(dir, 'a.md'), '---\ntitle: "A"\n---\n');
      expect((await curator(['list', dir])).code).toBe(0);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
    const outDir = join(REPO, 'out', 'cli');
    const seen = new Set<string>();
    const visit = (file: string): number => {
      if (seen.has(file)) return 0;
      seen.add(file);
      const text = readFileSync(join(outDir, file), 'utf8');
      let bytes = Buffer.byteLength(text);
      for (const m of text.matchAll(/^import\s(?:[^;]*?from\s*)?"\.\/([^"]+)"/gm))
        bytes += visit(m[1]);
      return bytes;
    };
    const bytes = visit('curator.mjs');
    expect(seen.size).toBeGreaterThan(0);
    expect(bytes).toBeLessThan(32 * 1024);
  });
});

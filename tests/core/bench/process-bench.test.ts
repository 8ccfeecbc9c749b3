/**
 * The whole-process benchmark (`curator bench --process`): a complete small run of the real
 * commands. No timing is asserted: the figures only have to exist and be consistent; the
 * targets live in the benchmark itself, which checks them for the sizes the issue names.
 */
import { promises as fsp } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  formatProcessReport,
  PROCESS_TARGETS,
  runProcessBench,
} from '../../../src/core/bench/process-bench';
import { REPO } from '../../cli/run-cli';

let base: string;

beforeAll(async () => {
  base = await fsp.mkdtemp(path.join(os.tmpdir(), 'curator-pbench-test-'));
});

afterAll(async () => {
  await fsp.rm(base, { recursive: true, force: true });
});

describe('curator bench --process', () => {
  it('times naive, cold and warm processes on fresh copies, and start-up', async () => {
    const lines: string[] = [];
    const report = await runProcessBench({
      paths: {
        curator: path.join(REPO, 'bin', 'curator.js'),
        naive: path.join(REPO, 'scripts', 'naive-list.mjs'),
        peakRss: path.join(REPO, 'scripts', 'peak-rss.cjs'),
      },
      sizes: [200],
      runs: 1,
      cores: ['all', 'one'],
      startupRuns: 1,
      tmpDir: base,
      log: (l) => lines.push(l),
    });
    expect(report.kind).toBe('process');
    // One core needs taskset (Linux): then both settings ran, else only all cores.
    const settings = report.results.map((r) => r.cores);
    expect(settings).toEqual(report.machine.pinned ? ['all', 'one'] : ['all']);
    for (const r of report.results) {
      expect(r.size).toBe(200);
      expect(r.runs).toHaveLength(1);
      const [run] = r.runs;
      for (const t of [run.naive, run.cold, run.warm]) {
        expect(t.ms).toBeGreaterThan(0);
        expect(t.rssMb).toBeGreaterThan(10);
      }
      expect(r.coldOverNaive).toBeCloseTo(run.cold.ms / run.naive.ms, 2);
      expect(r.peakRssMb).toBe(Math.max(run.cold.rssMb ?? 0, run.warm.rssMb ?? 0));
      // No size of the issue: no checks, and no app run (only above 50,000).
      expect(r.checks).toEqual({});
      expect(r.app).toBeNull();
    }
    expect(report.startup.nodeMs).toBeGreaterThan(0);
    expect(report.startup.checks.versionMs.limit).toBe(PROCESS_TARGETS.versionMs);
    expect(report.startup.checks.list10Ms.limit).toBe(PROCESS_TARGETS.list10Ms);
    expect(lines.some((l) => l.includes('run 1 of 1'))).toBe(true);
    const table = formatProcessReport(report);
    expect(table).toMatch(/\| 200 files, all cores \|/);
    expect(table).toMatch(/`curator --version`/);
    // The temp folders are gone.
    expect(await fsp.readdir(base)).toEqual([]);
  }, 120_000);
});

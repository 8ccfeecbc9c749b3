/**
 * The desk benchmark behind `curator bench --desk` (issue 11 "Speed"): a generated repository
 * of 50,000 articles, a bare remote on the same disk and two editors' clones, measuring
 * - `status` after the first call (target ≤ 0.5 s),
 * - a sync of 100 changed articles to the bare remote (≤ 5 s),
 * - the history of an article with 200 commits (≤ 0.3 s),
 * - merging 1,000 articles both editors changed (≤ 10 s; the whole sync is reported too).
 * Each figure is wall time, with the CPU time of this process and its git children beside it
 * (on a shared machine, the load of other processes inflates wall time, not CPU time).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Desk } from '../desk/desk';
import { median, since } from './measure';
import { writeCorpus } from './corpus';

/** Options of {@link runDeskBench}. */
export interface DeskBenchOptions {
  /** Articles in the repository (default 50,000). */
  size?: number;
  /** Runs of the repeated figures (status, history; default 5). */
  runs?: number;
  /** Folder for the temp repositories (default the OS temp folder). */
  tmpDir?: string;
  /** Told what is being measured. */
  log?: (line: string) => void;
}

/** One timed figure: wall and CPU milliseconds, and its target. */
export interface DeskFigure {
  wallMs: number;
  /** CPU of this process and of the git processes it ran. */
  cpuMs: number;
  limitMs: number | null;
  pass: boolean | null;
}

/** The report of the desk benchmark. */
export interface DeskBenchReport {
  size: number;
  runs: number;
  setupMs: number;
  /** The first status of a fresh clone (builds git's caches; no target). */
  statusFirst: DeskFigure;
  /** Status after the first call (median of `runs`): target 500 ms. */
  status: DeskFigure;
  /** Status with 100 articles changed (median). */
  statusDirty: DeskFigure;
  /** Sync of 100 changed articles: commit, fetch, push to the bare remote. Target 5 s. */
  sync100: DeskFigure;
  /** History of an article with 200 commits (median). Target 300 ms. */
  history200: DeskFigure & { commits: number };
  /** The merge of 1,000 articles both editors changed (git merge + field merge + commit). Target 10 s. */
  merge1000: DeskFigure & { conflicts: number };
  /** The whole sync that merged them (commit 1,000 + fetch + merge + push). */
  sync1000: DeskFigure;
  pass: boolean;
}

/** CPU ms of this process plus its reaped children (Linux: /proc/self/stat; else self only). */
export function cpuNow(): number {
  const self = process.cpuUsage();
  let children = 0;
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // Fields 16 and 17 (cutime, cstime) are at indexes 13 and 14 after the command name.
    children = ((Number(fields[13]) + Number(fields[14])) * 1000) / 100;
  } catch {
    children = 0;
  }
  return (self.user + self.system) / 1000 + children;
}

async function timed<T>(
  fn: () => Promise<T>,
): Promise<{ result: T; wallMs: number; cpuMs: number }> {
  const c = cpuNow();
  const t = performance.now();
  const result = await fn();
  return { result, wallMs: since(t), cpuMs: Math.round((cpuNow() - c) * 100) / 100 };
}

function figure(wallMs: number, cpuMs: number, limitMs: number | null): DeskFigure {
  return { wallMs, cpuMs, limitMs, pass: limitMs === null ? null : wallMs <= limitMs };
}

/** Plain git for the set-up (the benchmark measures Curator's calls, not the set-up). */
function git(cwd: string, args: string[], input?: string): string {
  return execFileSync('git', args, {
    cwd,
    input,
    encoding: 'utf8',
    maxBuffer: 1024 * 1024 * 1024,
    stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
  });
}

function editLine(file: string, pattern: RegExp, replace: string): void {
  const text = readFileSync(file, 'utf8');
  writeFileSync(file, text.replace(pattern, replace));
}

/** Runs the desk benchmark. */
export async function runDeskBench(opts: DeskBenchOptions = {}): Promise<DeskBenchReport> {
  const size = opts.size ?? 50_000;
  const runs = opts.runs ?? 5;
  const log = opts.log ?? (() => undefined);
  const base = mkdtempSync(path.join(opts.tmpDir ?? os.tmpdir(), 'curator-desk-bench-'));
  try {
    const setupStart = performance.now();
    log(`writing ${size} articles and the repositories`);
    const seed = path.join(base, 'seed');
    const ids = await writeCorpus(seed, size);
    git(base, ['init', '--quiet', '--initial-branch=main', seed]);
    git(seed, ['add', '-A']);
    git(seed, ['-c', 'user.name=Seeder', '-c', 'user.email=seed@bench', 'commit', '-qm', 'Seed']);
    const remote = path.join(base, 'desk.git');
    git(base, ['clone', '--quiet', '--bare', seed, remote]);
    // No automatic gc during the measurements (it runs in the background and skews them).
    git(remote, ['config', 'gc.auto', '0']);
    git(remote, ['config', 'receive.autogc', 'false']);
    rmSync(seed, { recursive: true, force: true });
    const clone = (name: string): string => {
      const dir = path.join(base, name);
      git(base, ['clone', '--quiet', remote, dir]);
      git(dir, ['config', 'user.name', name]);
      git(dir, ['config', 'user.email', `${name.toLowerCase()}@bench`]);
      git(dir, ['config', 'gc.auto', '0']);
      return dir;
    };
    const ann = clone('Ann');
    const bob = clone('Bob');
    const setupMs = since(setupStart);
    // Articles the benchmark edits: well-formed ones (the corpus mixes in malformed files).
    const editable = ids.filter((_, i) => i % 997 !== 996 && i % 101 !== 100);

    log('status');
    const annDesk = await Desk.open(ann);
    const first = await timed(() => annDesk.status());
    const statusRuns: Array<{ wallMs: number; cpuMs: number }> = [];
    for (let i = 0; i < runs; i++) statusRuns.push(await timed(() => annDesk.status()));

    log('sync of 100 changed articles');
    const hundred = editable.slice(0, 100);
    for (const id of hundred) editLine(path.join(ann, id), /^quality: \d+$/m, 'quality: 7');
    const dirtyRuns: Array<{ wallMs: number; cpuMs: number }> = [];
    for (let i = 0; i < runs; i++) dirtyRuns.push(await timed(() => annDesk.status()));
    const sync100 = await timed(() => annDesk.sync());
    if (sync100.result.pushed === 0)
      throw new Error('bench: the sync of 100 articles pushed nothing');

    log('history of an article with 200 commits');
    const target = editable[500];
    const tip = git(remote, ['rev-parse', 'main']).trim();
    let stream = '';
    let text = git(remote, ['show', `main:${target}`]);
    for (let c = 0; c < 200; c++) {
      text = text.replace(/^quality: \d+$/m, `quality: ${c % 100}`);
      if (c % 3 === 0) text = text.replace(/^title: "(.*?)( rev \d+)?"$/m, `title: "$1 rev ${c}"`);
      const msg = `Edit ${c}`;
      stream +=
        `commit refs/heads/main\ncommitter Ann <ann@bench> ${1_700_000_000 + c * 60} +0000\n` +
        `data ${Buffer.byteLength(msg)}\n${msg}\n${c === 0 ? `from ${tip}\n` : ''}` +
        `M 100644 inline ${target}\ndata ${Buffer.byteLength(text)}\n${text}\n`;
    }
    git(remote, ['fast-import', '--quiet'], stream);
    await annDesk.sync();
    const historyRuns: Array<{ wallMs: number; cpuMs: number }> = [];
    let commits = 0;
    for (let i = 0; i < runs; i++) {
      const h = await timed(() => annDesk.history(target));
      commits = h.result.length;
      historyRuns.push(h);
    }

    log('merge of 1,000 articles both editors changed');
    const bobDesk = await Desk.open(bob);
    await bobDesk.sync();
    const thousand = editable.slice(1000, 2000);
    for (const id of thousand) {
      editLine(path.join(ann, id), /^title: "(.*)"$/m, 'title: "$1 (Ann)"');
      editLine(path.join(bob, id), /^quality: \d+$/m, 'quality: 42');
    }
    const annSync = await annDesk.sync();
    if (annSync.pushed === 0) throw new Error('bench: Ann’s sync of 1,000 articles pushed nothing');
    let mergeStart: { t: number; c: number } | null = null;
    let mergeEnd: { t: number; c: number } | null = null;
    const sync1000 = await timed(() =>
      bobDesk.sync({
        onProgress: (p) => {
          if (p.phase === 'merge' && !mergeStart)
            mergeStart = { t: performance.now(), c: cpuNow() };
          if (p.phase !== 'merge' && mergeStart && !mergeEnd)
            mergeEnd = { t: performance.now(), c: cpuNow() };
        },
      }),
    );
    const ms = mergeStart as { t: number; c: number } | null;
    const me = mergeEnd as { t: number; c: number } | null;
    if (!ms || !me) throw new Error('bench: the sync of 1,000 articles merged nothing');
    if (sync1000.result.merged < thousand.length) {
      throw new Error(`bench: only ${sync1000.result.merged} articles merged`);
    }

    const med = (xs: Array<{ wallMs: number; cpuMs: number }>): [number, number] => [
      median(xs.map((x) => x.wallMs)),
      median(xs.map((x) => x.cpuMs)),
    ];
    const report: DeskBenchReport = {
      size,
      runs,
      setupMs,
      statusFirst: figure(first.wallMs, first.cpuMs, null),
      status: figure(...med(statusRuns), 500),
      statusDirty: figure(...med(dirtyRuns), 500),
      sync100: figure(sync100.wallMs, sync100.cpuMs, 5000),
      history200: { ...figure(...med(historyRuns), 300), commits },
      merge1000: {
        ...figure(
          Math.round((me.t - ms.t) * 100) / 100,
          Math.round((me.c - ms.c) * 100) / 100,
          10_000,
        ),
        conflicts: sync1000.result.conflicts.length,
      },
      sync1000: figure(sync1000.wallMs, sync1000.cpuMs, null),
      pass: false,
    };
    report.pass = [
      report.status,
      report.statusDirty,
      report.sync100,
      report.history200,
      report.merge1000,
    ].every((f) => f.pass);
    return report;
  } finally {
    rmSync(base, { recursive: true, force: true, maxRetries: 10 });
  }
}

/** The report as a table for people. */
export function formatDeskReport(r: DeskBenchReport): string {
  const row = (name: string, f: DeskFigure, extra = ''): string => {
    const s = (ms: number): string =>
      ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(0)} ms`;
    const target = f.limitMs === null ? '' : `  ≤ ${s(f.limitMs)} ${f.pass ? 'ok' : 'MISSED'}`;
    return `  ${name.padEnd(34)} ${s(f.wallMs).padStart(9)}  (CPU ${s(f.cpuMs)})${target}${extra}`;
  };
  return [
    `Desk benchmark: ${r.size.toLocaleString('en')} articles, bare remote on the same disk (set-up ${(r.setupMs / 1000).toFixed(0)} s, median of ${r.runs})`,
    row('status, first call', r.statusFirst),
    row('status', r.status),
    row('status, 100 articles changed', r.statusDirty),
    row('sync of 100 changed articles', r.sync100),
    row(`history, ${r.history200.commits} commits`, r.history200),
    row('merge of 1,000 articles by field', r.merge1000, `  (${r.merge1000.conflicts} conflicts)`),
    row('  whole sync of those 1,000', r.sync1000),
    r.pass ? 'All desk targets met.' : 'Some desk targets were MISSED.',
  ].join('\n');
}

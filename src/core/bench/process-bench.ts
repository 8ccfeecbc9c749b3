/**
 * The whole-process benchmark behind `curator bench --process` (issue 13): what a user and a
 * content repository's CI meet is the whole `curator list --json` process, so this one
 * starts real processes and times them from spawn to exit, against the naive script
 * (scripts/naive-list.mjs: read every file + gray-matter, print JSON).
 *
 * For each size it generates a seed-shaped folder once, then for each run times,
 * alternately: naive on a fresh copy of it, then on another fresh copy (new inodes, every
 * mtime "just now", as after a clone, a copy or a checkout) cold (`curator list --json`, no
 * index cache) and warm (the same command right after, with the cache the cold run wrote). Ratios are taken per run
 * (so both figures of a ratio share the machine's load) and their median is reported. Runs
 * are made once on all cores and once with every command pinned to one CPU
 * (`taskset -c 0`, Linux). Peak RSS is each process's own (getrusage, via
 * scripts/peak-rss.cjs). Sizes above 50,000 run on all cores only, and also time the app's
 * open: `curator serve` started on the warm cache until its first query answers, then the
 * query mix over HTTP.
 */
import { spawn, spawnSync } from 'node:child_process';
import {
  closeSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readFileSync,
  rmSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Query } from '../../shared/query-types';
import { writeCorpus } from './corpus';
import { median, percentile } from './measure';
import { benchQueries } from './run-bench';

/** Where the benchmark finds the commands it runs. */
export interface ProcessBenchPaths {
  /** The `curator` entry (bin/curator.js). */
  curator: string;
  /** The naive baseline (scripts/naive-list.mjs). */
  naive: string;
  /** The peak-RSS reporter preloaded into every timed process (scripts/peak-rss.cjs). */
  peakRss: string;
}

/** Options of {@link runProcessBench}. */
export interface ProcessBenchOptions {
  paths: ProcessBenchPaths;
  /** Folder sizes (number of article files). */
  sizes: number[];
  /** Runs of naive / cold / warm per size and core setting (default 3). */
  runs?: number;
  /** Core settings to run sizes of up to 50,000 with (default both). */
  cores?: Array<'all' | 'one'>;
  /** Runs of each start-up figure (default 11). */
  startupRuns?: number;
  /** Folder for the temp folders (default the OS temp folder). */
  tmpDir?: string;
  /** Told what is being measured. */
  log?: (line: string) => void;
}

/** One timed process: wall time (ms) and peak RSS (MB; `null` when not reported). */
export interface Timed {
  ms: number;
  rssMb: number | null;
}

/** One alternated run: naive, cold and warm on one fresh copy. */
export interface ProcessRun {
  naive: Timed;
  cold: Timed;
  warm: Timed;
  coldOverNaive: number;
  warmOverNaive: number;
}

/** A limit, the measured value, and whether it is met. */
export interface Check {
  limit: number;
  value: number;
  pass: boolean;
}

/** The figures of one size on one core setting. */
export interface ProcessSizeResult {
  size: number;
  cores: 'all' | 'one';
  runs: ProcessRun[];
  /** Medians over the runs (ms). */
  naiveMs: number;
  coldMs: number;
  warmMs: number;
  /** Medians of the per-run ratios. */
  coldOverNaive: number;
  warmOverNaive: number;
  /** Highest peak RSS of Curator's processes (cold and warm runs, and serve) in MB. */
  peakRssMb: number;
  /** Highest peak RSS of the naive script (for reference). */
  naivePeakRssMb: number;
  /** The app's open, for sizes above 50,000: `curator serve` until its first query answer. */
  app: AppOpenResult | null;
  checks: Record<string, Check>;
}

/** `curator serve` on a warm cache: time to the first query answer, then queries over HTTP. */
export interface AppOpenResult {
  /** Spawn of `curator serve` until the answer to the list's first query (ms). */
  firstRowsMs: number;
  queryMedianMs: number;
  queryP95Ms: number;
  queryCount: number;
  peakRssMb: number | null;
}

/** The start-up figures (ms, medians). */
export interface StartupResult {
  /** `node -e 0`: the floor any Node command pays on this machine. */
  nodeMs: number;
  versionMs: number;
  /** `curator list` of a folder of 10 articles (index cache warm after the first run). */
  list10Ms: number;
  checks: Record<string, Check>;
}

/** What `curator bench --process --json` prints. */
export interface ProcessBenchReport {
  kind: 'process';
  startedAt: string;
  machine: {
    cpus: number;
    cpuModel: string;
    node: string;
    platform: string;
    pinned: boolean;
    loadAvgStart: number[];
    loadAvgEnd: number[];
  };
  startup: StartupResult;
  results: ProcessSizeResult[];
  /** `true` when every check is met. */
  pass: boolean;
}

/** The targets of issue 13. */
export const PROCESS_TARGETS = {
  coldOverNaiveOneCore: 0.6,
  warmOverNaive: 0.35,
  peakRssMb50k: 300,
  versionMs: 80,
  list10Ms: 150,
  warmMs200k: 3000,
  firstRowsMs200k: 3000,
  queryP95Ms200k: 60,
  peakRssMb200k: 1024,
} as const;

const round = (n: number, digits = 1): number => Math.round(n * 10 ** digits) / 10 ** digits;

const check = (value: number, limit: number): Check => ({
  limit,
  value: round(value, 3),
  pass: value <= limit,
});

/** `true` when `taskset` can pin a command to CPU 0 here. */
function canPin(): boolean {
  if (process.platform !== 'linux') return false;
  const r = spawnSync('taskset', ['-c', '0', process.execPath, '-e', '0'], { stdio: 'ignore' });
  return r.status === 0;
}

/** A fresh copy of `src` at `dst` (new files: new inodes and mtimes, like a clone). */
function freshCopy(src: string, dst: string): void {
  rmSync(dst, { recursive: true, force: true });
  const cp =
    process.platform === 'win32' ? null : spawnSync('cp', ['-R', src, dst], { stdio: 'ignore' });
  if (cp?.status !== 0) cpSync(src, dst, { recursive: true });
}

interface Spawned {
  ms: number;
  rssMb: number | null;
  code: number | null;
  stderr: string;
}

/**
 * Runs `node [--require peak-rss] script ...args`, pinned when asked, stdout to `outFile`;
 * times it from spawn to exit.
 */
function timeNode(
  paths: ProcessBenchPaths,
  script: string,
  args: string[],
  opts: { pin: boolean; env?: NodeJS.ProcessEnv; outFile: string; rssFile: string },
): Promise<Spawned> {
  rmSync(opts.rssFile, { force: true });
  const nodeArgs = ['--require', paths.peakRss, script, ...args];
  const [cmd, cmdArgs] = opts.pin
    ? ['taskset', ['-c', '0', process.execPath, ...nodeArgs]]
    : [process.execPath, nodeArgs];
  const out = openSync(opts.outFile, 'w');
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const child = spawn(cmd, cmdArgs, {
      stdio: ['ignore', out, 'pipe'],
      env: { ...process.env, ...opts.env, CURATOR_PEAK_RSS_FILE: opts.rssFile },
    });
    let stderr = '';
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (d: string) => {
      if (stderr.length < 4000) stderr += d;
    });
    child.on('error', reject);
    child.on('exit', (code) => {
      const ms = performance.now() - start;
      closeSync(out);
      let rssMb: number | null = null;
      try {
        rssMb = Math.round(Number(readFileSync(opts.rssFile, 'utf8')) / 1024);
      } catch {
        rssMb = null;
      }
      resolve({ ms, rssMb, code, stderr });
    });
  });
}

/** Rows of a JSON array printed with 2-space indentation (each starts with `"path": `). */
function countRows(file: string): number {
  const buf = readFileSync(file);
  const needle = Buffer.from('\n    "path": ');
  let n = 0;
  for (let i = buf.indexOf(needle); i >= 0; i = buf.indexOf(needle, i + needle.length)) n++;
  return n;
}

/** Runs the whole benchmark. */
export async function runProcessBench(opts: ProcessBenchOptions): Promise<ProcessBenchReport> {
  const log = opts.log ?? (() => undefined);
  const runs = opts.runs ?? 3;
  const pinned = canPin();
  const cores = (opts.cores ?? ['all', 'one']).filter((c) => c === 'all' || pinned);
  if (!pinned && (opts.cores ?? ['one']).includes('one')) {
    log('taskset is not available here: the one-core runs are left out');
  }
  const loadAvgStart = os.loadavg().map((n) => round(n, 2));
  const startedAt = new Date().toISOString();
  const base = mkdtempSync(path.join(opts.tmpDir ?? os.tmpdir(), 'curator-pbench-'));
  try {
    log('start-up: node -e 0, curator --version, curator list of 10 files');
    const startup = await measureStartup(opts.paths, base, opts.startupRuns ?? 11);
    const results: ProcessSizeResult[] = [];
    for (const size of opts.sizes) {
      const corpus = path.join(base, `corpus-${size}`);
      log(`${size}: generating the folder`);
      await writeCorpus(corpus, size);
      for (const c of size > 50_000 ? (['all'] as const) : cores) {
        results.push(await measureSize(opts.paths, base, corpus, size, c, runs, log));
      }
      rmSync(corpus, { recursive: true, force: true });
    }
    const cpus = os.cpus();
    const all = [startup.checks, ...results.map((r) => r.checks)].flatMap((c) => Object.values(c));
    return {
      kind: 'process',
      startedAt,
      machine: {
        cpus: cpus.length,
        cpuModel: cpus[0]?.model ?? '',
        node: process.version,
        platform: `${process.platform}-${process.arch}`,
        pinned,
        loadAvgStart,
        loadAvgEnd: os.loadavg().map((n) => round(n, 2)),
      },
      startup,
      results,
      pass: all.every((c) => c.pass),
    };
  } finally {
    rmSync(base, { recursive: true, force: true });
  }
}

async function measureStartup(
  paths: ProcessBenchPaths,
  base: string,
  count: number,
): Promise<StartupResult> {
  const ten = path.join(base, 'ten');
  await writeCorpus(ten, 10);
  const env = { CURATOR_CACHE_DIR: path.join(base, 'cache-startup') };
  const outFile = path.join(base, 'startup.out');
  const rssFile = path.join(base, 'startup.rss');
  const node: number[] = [];
  const version: number[] = [];
  const list10: number[] = [];
  const o = { pin: false, env, outFile, rssFile };
  // One untimed round: the OS file cache, and the first list writes the index cache.
  await timeNode(paths, paths.curator, ['list', ten], o);
  for (let i = 0; i < count; i++) {
    node.push((await timeNode(paths, '-e', ['0'], o)).ms);
    version.push((await timeNode(paths, paths.curator, ['--version'], o)).ms);
    list10.push((await timeNode(paths, paths.curator, ['list', ten], o)).ms);
  }
  const versionMs = median(version);
  const list10Ms = median(list10);
  return {
    nodeMs: round(median(node)),
    versionMs: round(versionMs),
    list10Ms: round(list10Ms),
    checks: {
      versionMs: check(versionMs, PROCESS_TARGETS.versionMs),
      list10Ms: check(list10Ms, PROCESS_TARGETS.list10Ms),
    },
  };
}

async function measureSize(
  paths: ProcessBenchPaths,
  base: string,
  corpus: string,
  size: number,
  cores: 'all' | 'one',
  runs: number,
  log: (l: string) => void,
): Promise<ProcessSizeResult> {
  const pin = cores === 'one';
  const copy = path.join(base, 'copy');
  const cacheDir = path.join(base, 'cache');
  const env = { CURATOR_CACHE_DIR: cacheDir };
  const outFile = path.join(base, 'list.out');
  const rssFile = path.join(base, 'list.rss');
  const o = { pin, env, outFile, rssFile };
  const result: ProcessRun[] = [];
  const ok = (what: string, s: Spawned): Timed => {
    if (s.code !== 0) throw new Error(`${what} exited with ${s.code}: ${s.stderr}`);
    const rows = countRows(outFile);
    if (rows !== size) throw new Error(`${what} listed ${rows} of ${size} files`);
    return { ms: round(s.ms), rssMb: s.rssMb };
  };
  for (let r = 0; r < runs; r++) {
    log(`${size}, ${cores === 'one' ? 'one core' : 'all cores'}: run ${r + 1} of ${runs}`);
    freshCopy(corpus, copy);
    const naive = ok('naive', await timeNode(paths, paths.naive, [copy], o));
    // Cold right after a fresh copy: every file was written moments before it is read, as
    // after a clone or a checkout, so the warm run meets racily clean cache entries.
    freshCopy(corpus, copy);
    rmSync(cacheDir, { recursive: true, force: true });
    const cold = ok('cold', await timeNode(paths, paths.curator, ['list', '--json', copy], o));
    const warm = ok('warm', await timeNode(paths, paths.curator, ['list', '--json', copy], o));
    result.push({
      naive,
      cold,
      warm,
      coldOverNaive: round(cold.ms / naive.ms, 3),
      warmOverNaive: round(warm.ms / naive.ms, 3),
    });
  }
  const app = size > 50_000 ? await measureApp(paths, copy, env, base, log) : null;
  const rss = (t: Timed): number => t.rssMb ?? Infinity;
  const peakRssMb = Math.max(
    ...result.flatMap((x) => [rss(x.cold), rss(x.warm)]),
    app?.peakRssMb ?? 0,
  );
  const coldOverNaive = median(result.map((x) => x.cold.ms / x.naive.ms));
  const warmOverNaive = median(result.map((x) => x.warm.ms / x.naive.ms));
  const warmMs = median(result.map((x) => x.warm.ms));
  const checks: Record<string, Check> = {};
  if (size === 10_000 || size === 50_000) {
    if (pin) checks.coldOverNaive = check(coldOverNaive, PROCESS_TARGETS.coldOverNaiveOneCore);
    checks.warmOverNaive = check(warmOverNaive, PROCESS_TARGETS.warmOverNaive);
  }
  if (size === 50_000) checks.peakRssMb = check(peakRssMb, PROCESS_TARGETS.peakRssMb50k);
  if (size >= 200_000) {
    checks.warmMs = check(warmMs, PROCESS_TARGETS.warmMs200k);
    checks.peakRssMb = check(peakRssMb, PROCESS_TARGETS.peakRssMb200k);
    if (app) {
      checks.firstRowsMs = check(app.firstRowsMs, PROCESS_TARGETS.firstRowsMs200k);
      checks.queryP95Ms = check(app.queryP95Ms, PROCESS_TARGETS.queryP95Ms200k);
    }
  }
  rmSync(copy, { recursive: true, force: true });
  return {
    size,
    cores,
    runs: result,
    naiveMs: round(median(result.map((x) => x.naive.ms))),
    coldMs: round(median(result.map((x) => x.cold.ms))),
    warmMs: round(warmMs),
    coldOverNaive: round(coldOverNaive, 3),
    warmOverNaive: round(warmOverNaive, 3),
    peakRssMb,
    naivePeakRssMb: Math.max(...result.map((x) => rss(x.naive))),
    app,
    checks,
  };
}

/** The list's first query, as the renderer asks it on open. */
const FIRST_QUERY: Query = {
  sort: { key: 'publishedDateTime', dir: 'desc' },
  offset: 0,
  limit: 200,
};

/**
 * Starts `curator serve folder` (its index cache warm), times spawn until the answer to the
 * list's first query, then asks the benchmark's query mix over HTTP (one untimed pass, then
 * three timed ones), as the browser would.
 */
async function measureApp(
  paths: ProcessBenchPaths,
  folder: string,
  env: NodeJS.ProcessEnv,
  base: string,
  log: (l: string) => void,
): Promise<AppOpenResult> {
  log('app: curator serve on the warm cache, first query, query mix over HTTP');
  const rssFile = path.join(base, 'serve.rss');
  rmSync(rssFile, { force: true });
  const configDir = path.join(base, 'config');
  mkdirSync(configDir, { recursive: true });
  const start = performance.now();
  const child = spawn(
    process.execPath,
    ['--require', paths.peakRss, paths.curator, 'serve', folder, '--port', '0'],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env,
        ...env,
        CURATOR_CONFIG_DIR: configDir,
        CURATOR_PEAK_RSS_FILE: rssFile,
      },
    },
  );
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  try {
    const url = await new Promise<URL>((resolve, reject) => {
      let text = '';
      child.stdout.setEncoding('utf8');
      child.stdout.on('data', (d: string) => {
        text += d;
        const m = /https?:\/\/\S+/.exec(text);
        if (m) resolve(new URL(m[0]));
      });
      let err = '';
      child.stderr.setEncoding('utf8');
      child.stderr.on('data', (d: string) => (err += d));
      child.on('exit', (code) => reject(new Error(`curator serve exited with ${code}: ${err}`)));
    });
    const token = url.searchParams.get('token') ?? '';
    const call = async (q: Query): Promise<void> => {
      const res = await fetch(new URL('/api/call/query', url.origin), {
        method: 'POST',
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify(q),
      });
      const body = (await res.json()) as { ok?: boolean; result?: { items?: unknown[] } };
      if (!res.ok || !body.ok || !body.result?.items?.length) {
        throw new Error(`query failed: ${res.status} ${JSON.stringify(body).slice(0, 300)}`);
      }
    };
    await call(FIRST_QUERY);
    const firstRowsMs = performance.now() - start;
    const queries = benchQueries();
    for (const q of queries) await call(q); // untimed: JIT and the query caches, as in-process
    const times: number[] = [];
    for (let rep = 0; rep < 3; rep++) {
      for (const q of queries) {
        const t = performance.now();
        await call(q);
        times.push(performance.now() - t);
      }
    }
    child.kill('SIGTERM');
    await exited;
    let peakRssMb: number | null = null;
    if (existsSync(rssFile)) peakRssMb = Math.round(Number(readFileSync(rssFile, 'utf8')) / 1024);
    return {
      firstRowsMs: round(firstRowsMs),
      queryMedianMs: round(median(times), 2),
      queryP95Ms: round(percentile(times, 95), 2),
      queryCount: times.length,
      peakRssMb,
    };
  } finally {
    if (child.exitCode === null) child.kill('SIGKILL');
  }
}

/** The report as Markdown tables: one row per size and core setting, then start-up. */
export function formatProcessReport(report: ProcessBenchReport): string {
  const mark = (c: Check | undefined, text: string): string =>
    c ? `${text} ${c.pass ? '✅' : '❌'} (≤ ${c.limit})` : text;
  const s = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;
  const lines = [
    '| folder | naive | cold (no cache) | warm (cache) | peak RSS | naive peak RSS |',
    '|---|---:|---:|---:|---:|---:|',
  ];
  for (const r of report.results) {
    const where = r.cores === 'one' ? 'pinned to one core' : 'all cores';
    lines.push(
      `| ${r.size.toLocaleString('en-US')} files, ${where} | ${s(r.naiveMs)} | ` +
        `${mark(r.checks.coldOverNaive, `${r.coldOverNaive.toFixed(2)} ×`)} (${s(r.coldMs)}) | ` +
        `${mark(r.checks.warmOverNaive, `${r.warmOverNaive.toFixed(2)} ×`)} (${mark(r.checks.warmMs, s(r.warmMs))}) | ` +
        `${mark(r.checks.peakRssMb, `${r.peakRssMb} MB`)} | ${r.naivePeakRssMb} MB |`,
    );
  }
  const apps = report.results.filter((r) => r.app);
  if (apps.length) {
    lines.push(
      '',
      '| app open (`curator serve`, warm cache) | first query answered | query median | query p95 | peak RSS |',
      '|---|---:|---:|---:|---:|',
    );
    for (const r of apps) {
      const a = r.app as AppOpenResult;
      lines.push(
        `| ${r.size.toLocaleString('en-US')} files | ${mark(r.checks.firstRowsMs, `${Math.round(a.firstRowsMs)} ms`)} | ` +
          `${a.queryMedianMs} ms | ${mark(r.checks.queryP95Ms, `${a.queryP95Ms} ms`)} | ${a.peakRssMb ?? '?'} MB |`,
      );
    }
  }
  const st = report.startup;
  lines.push(
    '',
    '| start-up (median wall time) | |',
    '|---|---:|',
    `| \`node -e 0\` (reference) | ${st.nodeMs} ms |`,
    `| \`curator --version\` | ${mark(st.checks.versionMs, `${st.versionMs} ms`)} |`,
    `| \`curator list\` of 10 files | ${mark(st.checks.list10Ms, `${st.list10Ms} ms`)} |`,
  );
  const m = report.machine;
  lines.push(
    '',
    `${m.cpus} × ${m.cpuModel}, Node ${m.node}, load average ${m.loadAvgStart.join(' / ')} at start, ` +
      `${m.loadAvgEnd.join(' / ')} at end. Medians of ${report.results[0]?.runs.length ?? 0} runs. ` +
      `Targets met: ${report.pass ? 'yes' : 'NO'}.`,
  );
  return lines.join('\n');
}

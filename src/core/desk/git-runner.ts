/**
 * The ONE way Curator runs git (modelled on GitHub Desktop's `git()` in app/src/lib/git/core.ts):
 * every desk operation is a small function that calls {@link GitRunner.run}, and the runner
 * always applies the safety rule set of safety.ts. It runs the system `git` through simple-git
 * (one short-lived simple-git instance per call, so each call has its own exit code, input and
 * output handlers), keeps stdout as raw bytes (article files are compared byte for byte) and
 * classifies failures into {@link GitFailure} kinds the sync reacts to.
 */
import { promises as fsp } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { simpleGit } from 'simple-git';
import {
  SAFE_ENV,
  SIMPLE_GIT_UNSAFE,
  alwaysConfig,
  neutralisedConfig,
  parseConfigList,
  safetyEnv,
  type ConfigEntry,
} from './safety';

/** Why a git call failed, as far as the sync needs to know. */
export type GitFailureKind =
  /** No `git` program could be started. */
  | 'no-git'
  /** The folder is not in a repository. */
  | 'not-a-repository'
  /** git refuses the repository (e.g. "detected dubious ownership"). */
  | 'unsafe-repository'
  /** The remote could not be reached (offline, unknown host, refused, no such repository). */
  | 'offline'
  /** The remote refused the push because it moved on (non-fast-forward). */
  | 'rejected'
  /** Another git process holds a lock (`index.lock`), or a killed one left it. */
  | 'locked'
  /** git does not know who is committing (no user.name / user.email). */
  | 'no-identity'
  /** The remote needs credentials Curator cannot ask for. */
  | 'auth'
  /** Local changes would be overwritten by the merge (git refuses). */
  | 'would-overwrite'
  | 'other';

/** A git call that exited with an unexpected code. */
export class GitFailure extends Error {
  constructor(
    readonly kind: GitFailureKind,
    message: string,
    readonly args: readonly string[] = [],
    readonly exitCode: number = -1,
    readonly stderr: string = '',
  ) {
    super(message);
    this.name = 'GitFailure';
  }
}

/** Progress git reports on stderr (`Receiving objects:  45% (9/20)`). */
export interface GitProgress {
  /** The stage, lower case (`receiving objects`, `writing objects`, ...). */
  stage: string;
  percent: number;
}

/** Options of one call. */
export interface GitRunOptions {
  /** Bytes or text written to git's stdin. */
  input?: string | Buffer;
  /** Exit codes that are not failures (default `[0]`). */
  okExitCodes?: readonly number[];
  /** Extra `key=value` settings for this call only (e.g. the committer identity). */
  config?: readonly string[];
  /** Told about progress lines (pass `--progress` in the arguments to get them). */
  onProgress?: (p: GitProgress) => void;
  /** Kill git when it prints nothing for this long (ms): network calls that hang. */
  idleTimeoutMs?: number;
}

/** The outcome of one call. */
export interface GitResult {
  exitCode: number;
  stdout: Buffer;
  stderr: string;
}

/** Options of a runner. */
export interface RunnerOptions {
  /** Run the repository's hooks (off unless turned on for the folder). */
  runHooks?: boolean;
  /** Curator's merge driver command line (merge-driver.ts), passed on every call. */
  mergeDriver?: string;
  /** The git program (default `git` from PATH). */
  gitBinary?: string;
  /** The repository's git directory, when known: its config files key the safety cache. */
  gitDir?: string;
}

/** The environment of every git child: the ambient one minus everything git or a pager reads. */
export function childEnv(base: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const out: NodeJS.ProcessEnv = {};
  const drop = new Set(['editor', 'visual', 'pager', 'ssh_askpass', 'prefix', 'lesskey', 'less']);
  for (const [k, v] of Object.entries(base)) {
    const lk = k.toLowerCase();
    if (lk.startsWith('git_') || drop.has(lk)) continue;
    out[k] = v;
  }
  return { ...out, ...SAFE_ENV };
}

/** Where hooks are looked up when off: `/dev/null` (POSIX), or an empty folder Curator owns. */
async function noHooksDir(): Promise<string | undefined> {
  if (process.platform !== 'win32') return undefined;
  const dir = join(process.env.LOCALAPPDATA || process.env.TEMP || '.', 'curator', 'no-hooks');
  await fsp.mkdir(dir, { recursive: true });
  return dir;
}

interface SafetyCache {
  signature: string;
  pairs: string[];
  entries: ConfigEntry[];
  env: Record<string, string>;
}

const PROGRESS = /([A-Za-z][A-Za-z ]+):\s+(\d{1,3})%/g;

/** `CURATOR_GIT_TRACE=1`: every git call and its time on stderr (for diagnosing slow desks). */
const TRACE = process.env.CURATOR_GIT_TRACE === '1';

/** Runs git in one folder with the safety rule set. */
export class GitRunner {
  readonly cwd: string;
  readonly options: RunnerOptions;
  #safety: SafetyCache | null = null;
  #safetyLoading: Promise<SafetyCache> | null = null;

  constructor(cwd: string, options: RunnerOptions = {}) {
    this.cwd = cwd;
    this.options = options;
  }

  /** A runner for another folder with the same options. */
  at(cwd: string, extra: Partial<RunnerOptions> = {}): GitRunner {
    return new GitRunner(cwd, { ...this.options, ...extra });
  }

  /**
   * Runs `git <args>` in the folder. Resolves for the exit codes in `okExitCodes`.
   * @throws GitFailure for any other exit code, or when git cannot be started.
   */
  async run(args: readonly string[], opts: GitRunOptions = {}): Promise<GitResult> {
    const safety = await this.#safetyConfig();
    return this.#spawn(args, [...safety.pairs, ...(opts.config ?? [])], opts, safety.env);
  }

  /** {@link run}, returning stdout as UTF-8 text. */
  async text(args: readonly string[], opts: GitRunOptions = {}): Promise<string> {
    return (await this.run(args, opts)).stdout.toString('utf8');
  }

  /**
   * Every config entry git sees here, with its scope (cached with the safety rules; re-read
   * when a config file changes). Used for remotes and upstreams without another call.
   */
  async configEntries(): Promise<readonly ConfigEntry[]> {
    return (await this.#safetyConfig()).entries;
  }

  /** Forgets the cached config (call after writing config or creating a repository). */
  invalidate(): void {
    this.#safety = null;
  }

  async #safetyConfig(): Promise<SafetyCache> {
    const cached = this.#safety;
    if (cached && cached.signature === (await this.#signature(cached.entries))) return cached;
    if (!this.#safetyLoading) {
      this.#safetyLoading = this.#loadSafety().finally(() => (this.#safetyLoading = null));
    }
    return this.#safetyLoading;
  }

  async #loadSafety(): Promise<SafetyCache> {
    const always = alwaysConfig({
      runHooks: this.options.runHooks,
      mergeDriver: this.options.mergeDriver,
      noHooksDir: await noHooksDir(),
    });
    const res = await this.#spawn(
      ['config', '--list', '-z', '--show-scope', '--show-origin'],
      always,
      // 1: no config at all (no global file, not in a repository).
      { okExitCodes: [0, 1] },
    );
    const entries = parseConfigList(res.stdout.toString('utf8'));
    const pairs = [
      ...always,
      ...neutralisedConfig(entries, this.options.mergeDriver !== undefined),
    ];
    const safety = {
      signature: await this.#signature(entries),
      pairs,
      entries,
      env: safetyEnv(entries),
    };
    this.#safety = safety;
    return safety;
  }

  /** Identity of every config file behind `entries` (plus the repository's own). */
  async #signature(entries: readonly ConfigEntry[]): Promise<string> {
    const files = new Set<string>();
    for (const e of entries) {
      if (!e.origin.startsWith('file:')) continue;
      const p = e.origin.slice(5);
      files.add(isAbsolute(p) ? p : resolve(this.cwd, p));
    }
    if (this.options.gitDir) {
      files.add(join(this.options.gitDir, 'config'));
      files.add(join(this.options.gitDir, 'config.worktree'));
    }
    const parts: string[] = [];
    for (const f of [...files].sort()) {
      const st = await fsp.stat(f).catch(() => null);
      parts.push(st ? `${f}:${st.ino}:${st.size}:${st.mtimeMs}` : `${f}:-`);
    }
    return parts.join('|');
  }

  async #spawn(
    args: readonly string[],
    pairs: readonly string[],
    opts: GitRunOptions,
    env: Record<string, string> = {},
  ): Promise<GitResult> {
    let exitCode = 0;
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    const input = opts.input;
    const git = simpleGit({
      baseDir: this.cwd,
      binary: this.options.gitBinary ?? 'git',
      // The settings go through simple-git's `config` option: `-c key=value` before the command.
      config: [...pairs],
      unsafe: SIMPLE_GIT_UNSAFE,
      allowEnvironment: [...Object.keys(SAFE_ENV), ...Object.keys(env)],
      errors: (_error, result) => {
        exitCode = result.exitCode;
        return undefined;
      },
      input: input === undefined ? undefined : () => input,
      timeout: opts.idleTimeoutMs ? { block: opts.idleTimeoutMs } : undefined,
    });
    git.env({ ...childEnv(), ...env });
    const onProgress = opts.onProgress;
    git.outputHandler((_cmd, stdout, stderr) => {
      stdout.on('data', (b: Buffer) => out.push(b));
      stderr.on('data', (b: Buffer) => {
        err.push(b);
        if (!onProgress) return;
        for (const m of b.toString('utf8').matchAll(PROGRESS)) {
          onProgress({ stage: m[1].trim().toLowerCase(), percent: Number(m[2]) });
        }
      });
    });
    const started = TRACE ? performance.now() : 0;
    try {
      await git.raw([...args]);
    } catch (e) {
      // Only simple-git's own guards and the idle timeout reject (exit codes go to `errors`).
      const message = (e as Error).message ?? String(e);
      throw new GitFailure(classify(message), message, args, exitCode, message);
    }
    const stderr = Buffer.concat(err).toString('utf8');
    if (TRACE) {
      const ms = (performance.now() - started).toFixed(0);
      process.stderr.write(
        `curator git: ${args.slice(0, 3).join(' ')} → ${exitCode} in ${ms} ms\n`,
      );
    }
    if (exitCode < 0) {
      // simple-git reports a process that could not be spawned as a negative errno (-2: ENOENT).
      throw new GitFailure('no-git', `git could not be started (${exitCode}).`, args, exitCode);
    }
    const ok = opts.okExitCodes ?? [0];
    if (!ok.includes(exitCode)) {
      const first = stderr.trim() || `git ${args[0]} exited with ${exitCode}`;
      throw new GitFailure(classify(stderr), first, args, exitCode, stderr);
    }
    return { exitCode, stdout: Buffer.concat(out), stderr };
  }
}

/** Classifies git's error text (messages are in English: LC_ALL=C). */
export function classify(stderr: string): GitFailureKind {
  const s = stderr.toLowerCase();
  if (s.includes('not a git repository')) return 'not-a-repository';
  if (s.includes('dubious ownership') || s.includes('unsafe repository'))
    return 'unsafe-repository';
  if (s.includes('index.lock') || s.includes('another git process')) return 'locked';
  if (
    s.includes('please tell me who you are') ||
    s.includes('unable to auto-detect email') ||
    s.includes('empty ident name')
  )
    return 'no-identity';
  if (
    s.includes('[rejected]') ||
    s.includes('non-fast-forward') ||
    s.includes('fetch first') ||
    s.includes('failed to push some refs')
  )
    return 'rejected';
  if (
    s.includes('authentication failed') ||
    s.includes('terminal prompts disabled') ||
    s.includes('could not read username') ||
    s.includes('permission denied (publickey')
  )
    return 'auth';
  if (
    s.includes('would be overwritten by merge') ||
    s.includes('your local changes to the following')
  )
    return 'would-overwrite';
  if (
    s.includes('could not resolve host') ||
    s.includes('unable to access') ||
    s.includes('could not read from remote repository') ||
    s.includes('does not appear to be a git repository') ||
    s.includes('connection refused') ||
    s.includes('connection timed out') ||
    s.includes('network is unreachable') ||
    s.includes('the remote end hung up') ||
    s.includes('block timeout reached')
  )
    return 'offline';
  return 'other';
}

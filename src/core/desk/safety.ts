/**
 * The safety rule set of every git call Curator makes (PRODUCT.md §7: "a repository's own
 * configuration never makes Curator run a program the editor did not approve").
 *
 * Two kinds of settings name a program for git to run:
 * 1. Settings Curator never needs at all: the file-system monitor, hooks (unless turned on
 *    for the folder in Settings or with `--run-hooks`), editors and pagers, signature display,
 *    the `ext::` transport, submodule recursion. These are overridden on every call, whatever
 *    their scope.
 * 2. Settings an editor legitimately configures for themselves (credential helpers, the ssh
 *    command, signing programs, LFS filters, ...). Values from the user's own configuration
 *    (system and global scope: files the editor wrote) are their choice and stay in force.
 *    Values from the repository's configuration (local and worktree scope, and any file those
 *    include: `include.path`, `includeIf`) are replaced, with `-c` (the command-line scope
 *    beats every file), by the user's own value or else a neutral one.
 *
 * Environment variables are the other way in: simple-git strips every ambient `GIT_*`
 * variable (and `EDITOR`, `PAGER`, `SSH_ASKPASS`, ...) from the child's environment, and the
 * runner adds only the ones listed in {@link SAFE_ENV}.
 *
 * Pure functions only; the runner (git-runner.ts) applies them.
 */

/** Scope of a config entry, as `git config --list --show-scope` names it. */
export type ConfigScope = 'system' | 'global' | 'local' | 'worktree' | 'command' | 'unknown';

/** One config entry. `key` as git prints it: section and name lower-case, subsection as written. */
export interface ConfigEntry {
  scope: ConfigScope;
  /** Where it was read from (`file:.git/config`, `file:/home/x/.gitconfig`, ...). */
  origin: string;
  key: string;
  /** `null` for a key written without `=` (a bare boolean). */
  value: string | null;
}

/**
 * Where hooks are looked up when they are off. `/dev/null` is a file, so `<it>/pre-commit`
 * can never exist and nobody can create it; Windows has no such path, so there the runner
 * passes an empty folder Curator owns (see git-runner.ts).
 */
export const NO_HOOKS_DIR_POSIX = '/dev/null';

/** Environment variables the runner sets (every other `GIT_*` is stripped by simple-git). */
export const SAFE_ENV: Readonly<Record<string, string>> = {
  // A credential prompt on a terminal nobody sees would hang the sync: fail instead.
  GIT_TERMINAL_PROMPT: '0',
  // Messages are parsed (rejected push, offline): keep them in English.
  LC_ALL: 'C',
  LANGUAGE: 'C',
};

/**
 * The simple-git `unsafe` categories Curator enables. simple-git refuses any `-c` that sets one
 * of these keys, whatever its value, to protect callers that pass unsanitised input as
 * arguments. Curator's overrides set exactly these keys, and only to the neutral values below,
 * while no user input is ever placed where git would read it as an option (values follow
 * `-m`, `--`, or arrive on stdin). Every other category (aliases, `--exec-path`, config paths,
 * include, template dir, URL rewrites, custom binaries, abbreviated options) stays blocked.
 */
export const SIMPLE_GIT_UNSAFE = {
  allowUnsafeFsMonitor: true,
  allowUnsafeHooksPath: true,
  allowUnsafeEditor: true,
  allowUnsafePager: true,
  allowUnsafeAskPass: true,
  allowUnsafeCredentialHelper: true,
  allowUnsafeSshCommand: true,
  allowUnsafeGitProxy: true,
  allowUnsafeDiffExternal: true,
  allowUnsafeDiffTextConv: true,
  allowUnsafeGpgProgram: true,
  allowUnsafeFilter: true,
  allowUnsafeMergeDriver: true,
  allowUnsafeProtocolOverride: true,
  allowUnsafePack: true,
} as const;

/** Options of {@link safetyConfig}. */
export interface SafetyOptions {
  /** Run the repository's hooks (turned on per folder in Settings, or `--run-hooks`). */
  runHooks?: boolean;
  /** Where hooks are looked up when off (default {@link NO_HOOKS_DIR_POSIX}). */
  noHooksDir?: string;
  /** Curator's own merge driver command line, always passed so a tampered one never runs. */
  mergeDriver?: string;
}

/** Name of Curator's merge driver (`merge=curator` in the attributes). */
export const DRIVER_NAME = 'curator';

/**
 * Settings overridden on every call, whatever their scope: Curator never needs the program
 * they name, or their output would break parsing (colour codes, re-encoded log text, signature
 * lines).
 */
export function alwaysConfig(opts: SafetyOptions = {}): string[] {
  const out = [
    'core.fsmonitor=false',
    'core.editor=:',
    'sequence.editor=:',
    'core.pager=cat',
    'color.ui=false',
    'log.showSignature=false',
    'i18n.logOutputEncoding=UTF-8',
    'core.quotePath=false',
    'protocol.ext.allow=never',
    'fetch.recurseSubmodules=false',
    'submodule.recurse=false',
    // Not safety: a fast `git status` on 50,000 files (the cache lives in the index).
    'core.untrackedCache=true',
  ];
  if (!opts.runHooks) out.push(`core.hooksPath=${opts.noHooksDir ?? NO_HOOKS_DIR_POSIX}`);
  if (opts.mergeDriver !== undefined) {
    out.push(`merge.${DRIVER_NAME}.name=Curator: merge articles field by field`);
    out.push(`merge.${DRIVER_NAME}.driver=${opts.mergeDriver}`);
  }
  return out;
}

/** How a program-naming key is neutralised when the repository's own config sets it. */
interface Rule {
  /** Matches the key (lower-cased for the section and name parts git lower-cases). */
  test: (key: string) => boolean;
  /** The value used when the user's own config has none (null: the key is list-valued, reset). */
  neutral: (key: string) => string;
  /** List-valued keys (credential helpers): reset with '' then re-add the trusted values. */
  list?: boolean;
}

const lower = (k: string): string => k.toLowerCase();
/** `section.<sub>.name` with the section and name compared case-insensitively. */
const sub = (section: string, names: readonly string[]) => (key: string) => {
  const first = key.indexOf('.');
  const last = key.lastIndexOf('.');
  if (first < 0 || last <= first) return false;
  return lower(key.slice(0, first)) === section && names.includes(lower(key.slice(last + 1)));
};
const exact =
  (...names: string[]) =>
  (key: string) =>
    names.includes(lower(key));

const PROTOCOL_DEFAULTS: Record<string, string> = {
  file: 'always',
  git: 'always',
  http: 'always',
  https: 'always',
  ssh: 'always',
  ext: 'never',
};

const RULES: Rule[] = [
  { test: exact('core.askpass'), neutral: () => '' },
  { test: exact('core.sshcommand'), neutral: () => 'ssh' },
  { test: exact('core.alternaterefscommand'), neutral: () => '' },
  { test: exact('diff.external'), neutral: () => '' },
  { test: exact('gpg.program'), neutral: () => 'gpg' },
  { test: exact('gpg.ssh.program'), neutral: () => 'ssh-keygen' },
  { test: exact('gpg.x509.program'), neutral: () => 'gpgsm' },
  { test: sub('gpg', ['program']), neutral: () => 'gpg' },
  { test: exact('gpg.ssh.defaultkeycommand'), neutral: () => '' },
  { test: exact('commit.gpgsign', 'tag.gpgsign', 'push.gpgsign'), neutral: () => 'false' },
  { test: exact('merge.verifysignatures'), neutral: () => 'false' },
  { test: exact('credential.helper'), neutral: () => '', list: true },
  { test: sub('credential', ['helper']), neutral: () => '', list: true },
  { test: (k) => lower(k).startsWith('pager.'), neutral: () => 'false' },
  { test: sub('filter', ['clean', 'smudge', 'process']), neutral: () => '' },
  { test: sub('filter', ['required']), neutral: () => 'false' },
  { test: sub('diff', ['command', 'textconv']), neutral: () => '' },
  // A foreign merge driver becomes "always conflict" (exit 1, ours kept): never a silent merge.
  { test: sub('merge', ['driver']), neutral: () => 'exit 1' },
  { test: exact('protocol.allow'), neutral: () => 'user' },
  {
    test: sub('protocol', ['allow']),
    neutral: (k) => PROTOCOL_DEFAULTS[lower(k.slice(9, -6))] ?? 'user',
  },
];

/**
 * Three settings cannot be overridden with `-c` because git takes their FIRST value, not the
 * last: `remote.<name>.uploadpack`, `remote.<name>.receivepack` and `core.gitProxy`. The first
 * two are overridden on the command line of fetch and push instead ({@link packOptions}); the
 * proxy by an empty `GIT_PROXY_COMMAND` in the environment ({@link safetyEnv}), which makes git
 * skip the setting altogether.
 */
export function packOptions(
  entries: readonly ConfigEntry[],
  remote: string,
): { fetch: string[]; push: string[] } {
  const pick = (name: 'uploadpack' | 'receivepack', neutral: string): string[] => {
    const key = `remote.${remote}.${name}`;
    const mine = entries.filter((e) => e.key === key);
    if (!mine.some((e) => !TRUSTED.has(e.scope))) return [];
    const trusted = mine.find((e) => TRUSTED.has(e.scope));
    const flag = name === 'uploadpack' ? '--upload-pack' : '--receive-pack';
    return [`${flag}=${trusted?.value ?? neutral}`];
  };
  return {
    fetch: pick('uploadpack', 'git-upload-pack'),
    push: pick('receivepack', 'git-receive-pack'),
  };
}

/** Environment overrides the repository's config calls for (see {@link packOptions}). */
export function safetyEnv(entries: readonly ConfigEntry[]): Record<string, string> {
  const localProxy = entries.some((e) => lower(e.key) === 'core.gitproxy' && !TRUSTED.has(e.scope));
  // Set but empty: git then ignores core.gitProxy in every scope (git:// needs no proxy).
  return localProxy ? { GIT_PROXY_COMMAND: '' } : {};
}

/** Scopes whose programs are the editor's own choice. */
const TRUSTED: ReadonlySet<ConfigScope> = new Set(['system', 'global']);

/** Keys the always-list sets; a local value for them is overridden already. */
function isAlwaysKey(key: string): boolean {
  const k = lower(key);
  return (
    k === 'core.fsmonitor' ||
    k === 'core.hookspath' ||
    k === 'core.editor' ||
    k === 'sequence.editor' ||
    k === 'core.pager'
  );
}

/**
 * The `-c key=value` pairs that neutralise program-naming settings coming from the
 * repository's own configuration (local/worktree scope and its includes). For each such key:
 * the user's own value (system/global scope, the last one wins; every one for list-valued
 * keys) or else a neutral value. Keys the always-list covers are skipped, except that Curator's
 * own merge driver: when `ownDriver` is set, {@link alwaysConfig} passes Curator's command line
 * (so a tampered `merge.curator.driver` in `.git/config` never runs); otherwise it is
 * neutralised like any foreign driver.
 */
export function neutralisedConfig(entries: readonly ConfigEntry[], ownDriver = false): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  for (const e of entries) {
    if (TRUSTED.has(e.scope)) continue;
    if (isAlwaysKey(e.key)) continue;
    if (ownDriver && e.key === `merge.${DRIVER_NAME}.driver`) continue;
    const rule = RULES.find((r) => r.test(e.key));
    if (!rule) continue;
    // Subsection case is significant (`filter.LFS` is not `filter.lfs`): keep the key as written.
    if (seen.has(e.key)) continue;
    seen.add(e.key);
    const trusted = entries.filter((t) => TRUSTED.has(t.scope) && sameKey(t.key, e.key));
    if (rule.list) {
      // An empty value resets the list; then the user's own helpers, in order.
      out.push(`${e.key}=`);
      for (const t of trusted) out.push(`${e.key}=${t.value ?? ''}`);
    } else {
      const last = trusted[trusted.length - 1];
      out.push(`${e.key}=${last ? (last.value ?? 'true') : rule.neutral(e.key)}`);
    }
  }
  return out;
}

/** Two keys name the same setting: section and name compare case-insensitively, subsection exactly. */
export function sameKey(a: string, b: string): boolean {
  if (a === b) return true;
  const fa = a.indexOf('.');
  const la = a.lastIndexOf('.');
  const fb = b.indexOf('.');
  const lb = b.lastIndexOf('.');
  if (fa < 0 || fb < 0) return false;
  if (lower(a.slice(0, fa)) !== lower(b.slice(0, fb))) return false;
  if (lower(a.slice(la + 1)) !== lower(b.slice(lb + 1))) return false;
  return a.slice(fa, la) === b.slice(fb, lb);
}

/**
 * Parses `git config --list -z --show-scope --show-origin`: per entry
 * `scope NUL origin NUL key LF value NUL` (no LF and no value for a bare boolean).
 */
export function parseConfigList(text: string): ConfigEntry[] {
  const parts = text.split('\0');
  const out: ConfigEntry[] = [];
  for (let i = 0; i + 2 < parts.length; i += 3) {
    const scope = parts[i] as ConfigScope;
    const origin = parts[i + 1];
    const kv = parts[i + 2];
    const nl = kv.indexOf('\n');
    out.push(
      nl < 0
        ? { scope, origin, key: kv, value: null }
        : { scope, origin, key: kv.slice(0, nl), value: kv.slice(nl + 1) },
    );
  }
  return out;
}

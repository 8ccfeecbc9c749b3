/**
 * The remote side of a sync: which remote and branch the current branch syncs with, fetch,
 * push (never forced: no `--force`, no `+` refspec), and commit counts between the two.
 */
import { packOptions, type ConfigEntry } from './safety';
import { GitFailure, classify, type GitProgress, type GitRunner } from './git-runner';

/** Where the current branch syncs to. */
export interface RemoteTarget {
  /** Remote name (`origin`). */
  remote: string;
  /** Branch name on the remote (`main`). */
  branch: string;
  /** The remote-tracking ref fetch updates (`refs/remotes/origin/main`). */
  tracking: string;
  /** Whether the branch has this upstream configured (else the first push sets it). */
  configured: boolean;
}

/** How long a network call may print nothing before it counts as a dropped connection (ms). */
export const NETWORK_IDLE_MS = 120_000;

/**
 * The remote target of `branch`: its configured upstream (`branch.<name>.remote` and `.merge`),
 * else `origin` (or the only remote) and a branch of the same name. Null when the repository
 * has no remote.
 */
export function remoteTarget(entries: readonly ConfigEntry[], branch: string): RemoteTarget | null {
  const get = (key: string): string | undefined => {
    let v: string | undefined;
    for (const e of entries) if (e.key === key && e.value !== null) v = e.value;
    return v;
  };
  const remotes: string[] = [];
  for (const e of entries) {
    const m = /^remote\.(.+)\.url$/.exec(e.key);
    if (m && !remotes.includes(m[1])) remotes.push(m[1]);
  }
  const upstreamRemote = get(`branch.${branch}.remote`);
  const upstreamMerge = get(`branch.${branch}.merge`);
  if (upstreamRemote && upstreamMerge && remotes.includes(upstreamRemote)) {
    const name = upstreamMerge.replace(/^refs\/heads\//, '');
    return {
      remote: upstreamRemote,
      branch: name,
      tracking: `refs/remotes/${upstreamRemote}/${name}`,
      configured: true,
    };
  }
  const remote = remotes.includes('origin') ? 'origin' : remotes[0];
  if (!remote) return null;
  return { remote, branch, tracking: `refs/remotes/${remote}/${branch}`, configured: false };
}

/**
 * Fetches the remote.
 * @throws GitFailure `offline` / `auth` when it cannot be reached or refuses us.
 */
export async function fetchRemote(
  root: GitRunner,
  remote: string,
  onProgress?: (p: GitProgress) => void,
): Promise<void> {
  // A repository's own upload-pack program never runs (git takes the first value, so -c cannot
  // override it: the command-line option does).
  const pack = packOptions(await root.configEntries(), remote).fetch;
  await root.run(['fetch', '--progress', '--no-recurse-submodules', ...pack, '--', remote], {
    onProgress,
    idleTimeoutMs: NETWORK_IDLE_MS,
  });
}

/**
 * Pushes HEAD to the target branch, fast-forward only (git refuses anything else without
 * `--force`, which Curator never passes). Sets the upstream on the first push.
 * @throws GitFailure `rejected` when the remote moved on, `offline` / `auth` when unreachable.
 */
export async function pushHead(
  root: GitRunner,
  target: RemoteTarget,
  onProgress?: (p: GitProgress) => void,
): Promise<void> {
  const args = [
    'push',
    '--progress',
    '--porcelain',
    ...packOptions(await root.configEntries(), target.remote).push,
  ];
  if (!target.configured) args.push('--set-upstream');
  args.push('--', target.remote, `HEAD:refs/heads/${target.branch}`);
  const res = await root.run(args, {
    onProgress,
    idleTimeoutMs: NETWORK_IDLE_MS,
    okExitCodes: [0, 1],
  });
  if (res.exitCode !== 0) {
    const out = res.stdout.toString('utf8');
    const rejected = /^!\t/m.test(out) || /\[rejected\]|fetch first|non-fast-forward/.test(out);
    const text = `${out}\n${res.stderr}`.trim();
    throw new GitFailure(rejected ? 'rejected' : classify(res.stderr), text, args, 1, res.stderr);
  }
}

/** Whether a ref exists. */
export async function refExists(root: GitRunner, ref: string): Promise<boolean> {
  const res = await root.run(['rev-parse', '--verify', '--quiet', `${ref}^{commit}`], {
    okExitCodes: [0, 1, 128],
  });
  return res.exitCode === 0;
}

/** Number of commits in `range` (`a..b`, or `HEAD --not --remotes=origin`). */
export async function countCommits(root: GitRunner, ...range: string[]): Promise<number> {
  const out = await root.text(['rev-list', '--count', ...range]);
  return Number(out.trim()) || 0;
}

/** Commits on HEAD not yet on the remote (on its tracking ref, or on none of its refs). */
export async function unpushed(root: GitRunner, target: RemoteTarget | null): Promise<number> {
  if (!(await refExists(root, 'HEAD'))) return 0;
  if (target && (await refExists(root, target.tracking))) {
    return countCommits(root, `${target.tracking}..HEAD`);
  }
  return countCommits(root, 'HEAD', '--not', target ? `--remotes=${target.remote}` : '--remotes');
}

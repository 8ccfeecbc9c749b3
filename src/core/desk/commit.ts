/**
 * Committing the content folder's changed articles: stage exactly those `.md` files (never a
 * file outside the content folder, never another file staged by hand) and commit them with a
 * message that summarises the decisions, as the editor from Settings.
 */
import { promises as fsp } from 'node:fs';
import { join } from 'node:path';
import type { DeskFile } from '../../shared/desk';
import { readBlobs } from './blobs';
import { summarise, type FileChange } from './commit-message';
import { diffVersions } from './field-diff';
import type { GitRunner } from './git-runner';
import { literal, toRepoPath } from './paths';
import { stagedPaths } from './status';

/** Who commits: the reviewer name and e-mail from Settings (else git's own identity). */
export interface Identity {
  name: string;
  email: string;
}

/** `-c` settings that make `identity` both author and committer. */
export function identityConfig(identity: Identity | null | undefined): string[] {
  if (!identity) return [];
  return [`user.name=${identity.name}`, `user.email=${identity.email}`];
}

/** NUL-separated literal pathspecs for `--pathspec-from-file=- --pathspec-file-nul`. */
function pathspecInput(repoPaths: readonly string[]): string {
  return repoPaths.map(literal).join('\0');
}

/**
 * Stages the given repository paths (changes, new files, deletions, resolved conflicts) and
 * nothing else, with `git update-index`: it takes paths, not pathspecs, so staging 1,000
 * articles in a 50,000-file index costs milliseconds, where `git add <pathspecs>` matches every
 * index entry against every pathspec (seconds). It applies the same clean filters as `git add`.
 */
export async function stagePaths(root: GitRunner, repoPaths: readonly string[]): Promise<void> {
  if (repoPaths.length === 0) return;
  await root.run(['update-index', '--add', '--remove', '-z', '--stdin'], {
    input: `${repoPaths.join('\0')}\0`,
  });
}

/**
 * Stages the given articles (ids) and nothing else. Conflicted articles are never passed here:
 * only resolving one stages it.
 */
export async function stageArticles(
  root: GitRunner,
  prefix: string,
  ids: readonly string[],
): Promise<void> {
  await stagePaths(
    root,
    ids.map((id) => toRepoPath(prefix, id)),
  );
}

/**
 * The commit message for these changes: "Approve 3, publish 2, edit 4 articles". Compares each
 * file's last committed version (read in one batch) with the file on disk.
 */
export async function describeCommit(
  root: GitRunner,
  repoRoot: string,
  prefix: string,
  files: readonly DeskFile[],
  hasHead: boolean,
): Promise<string> {
  const changes: FileChange[] = [];
  const modified = files.filter((f) => f.state === 'modified');
  const blobs = hasHead
    ? await readBlobs(
        root,
        modified.map((f) => `HEAD:${toRepoPath(prefix, f.path)}`),
      )
    : new Map<string, Buffer | null>();
  for (const f of files) {
    if (f.state === 'added') changes.push({ kind: 'added' });
    else if (f.state === 'deleted') changes.push({ kind: 'deleted' });
    else if (f.state === 'modified') {
      const repoPath = toRepoPath(prefix, f.path);
      const before = blobs.get(`HEAD:${repoPath}`) ?? null;
      const after = await fsp.readFile(join(repoRoot, repoPath)).catch(() => null);
      changes.push({ kind: 'modified', changes: diffVersions(before, after) });
    }
  }
  return summarise(changes);
}

/**
 * Commits exactly `files` (staged already) with `message`. When the index holds nothing else
 * (the usual case) it commits the index; when other files are staged (by hand, in a terminal),
 * it uses git's "only these paths" mode, so those stay staged and uncommitted.
 * @returns the new commit id.
 * @throws GitFailure `no-identity` when neither Settings nor git know who is committing.
 */
export async function commitArticles(
  root: GitRunner,
  prefix: string,
  files: readonly DeskFile[],
  message: string,
  identity?: Identity | null,
): Promise<string> {
  const paths = files
    .filter((f) => f.state !== 'conflicted')
    .map((f) => toRepoPath(prefix, f.path));
  const ours = new Set(paths);
  const others = (await stagedPaths(root)).filter((p) => !ours.has(p));
  const config = identityConfig(identity);
  if (others.length === 0) {
    await root.run(['commit', '--quiet', `--message=${message}`], { config });
  } else {
    await root.run(
      [
        'commit',
        '--quiet',
        `--message=${message}`,
        '--pathspec-from-file=-',
        '--pathspec-file-nul',
      ],
      { input: pathspecInput(paths), config },
    );
  }
  return headCommit(root);
}

/**
 * Concludes a merge whose conflicts are all resolved (the index holds the merge result): a
 * merge commit with `message`, else git's prepared message. Articles changed since are staged first.
 */
export async function commitMerge(
  root: GitRunner,
  identity?: Identity | null,
  message?: string,
): Promise<string> {
  // --cleanup=strip: git's prepared message lists the conflicts as comment lines.
  const text = message === undefined ? ['--no-edit'] : [`--message=${message}`];
  await root.run(['commit', '--quiet', ...text, '--cleanup=strip'], {
    config: identityConfig(identity),
  });
  return headCommit(root);
}

/** The commit HEAD points at. */
export async function headCommit(root: GitRunner): Promise<string> {
  return (await root.text(['rev-parse', '--verify', 'HEAD'])).trim();
}

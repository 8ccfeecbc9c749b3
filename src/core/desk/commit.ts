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
 * Stages the given articles (ids: changes, new files and deletions) and nothing else.
 * Conflicted articles are never passed here: only resolving one stages it.
 */
export async function stageArticles(
  root: GitRunner,
  prefix: string,
  ids: readonly string[],
): Promise<void> {
  const paths = ids.map((id) => toRepoPath(prefix, id));
  if (paths.length === 0) return;
  await root.run(['add', '-A', '--pathspec-from-file=-', '--pathspec-file-nul'], {
    input: pathspecInput(paths),
  });
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
 * Commits exactly `files` (already staged or not) with `message`. Uses git's "only these
 * paths" mode, so anything else staged in the index stays staged and uncommitted.
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
  await root.run(
    ['commit', '--quiet', `--message=${message}`, '--pathspec-from-file=-', '--pathspec-file-nul'],
    { input: pathspecInput(paths), config: identityConfig(identity) },
  );
  return headCommit(root);
}

/**
 * Concludes a merge whose conflicts are all resolved (the index holds the merge result): a
 * merge commit with git's prepared message. Articles changed since are staged first.
 */
export async function commitMerge(root: GitRunner, identity?: Identity | null): Promise<string> {
  // --cleanup=strip: git's prepared message lists the conflicts as comment lines.
  await root.run(['commit', '--quiet', '--no-edit', '--cleanup=strip'], {
    config: identityConfig(identity),
  });
  return headCommit(root);
}

/** The commit HEAD points at. */
export async function headCommit(root: GitRunner): Promise<string> {
  return (await root.text(['rev-parse', '--verify', 'HEAD'])).trim();
}

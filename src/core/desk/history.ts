/**
 * History of one article: the commits that touched it (following renames), newest first, each
 * with its field changes. Two git processes whatever the length: one `git log --follow` for the
 * commits and paths, one `git cat-file --batch` for every version they name.
 *
 * Merge commits appear only when the article in the merge differs from every parent (git's
 * dense combined diff), and then only with the fields whose merged value is in no parent: the
 * values an editor chose or typed while resolving a conflict. A merge that just combined both
 * sides' changes adds nothing the two sides' own commits do not already show.
 */
import { isDeepStrictEqual } from 'node:util';
import type { FieldChange, HistoryEntry } from '../../shared/desk';
import { getAtPath, parsePath } from '../../shared/field-path';
import { readBlobEntries } from './blobs';
import { diffVersions } from './field-diff';
import { GitFailure, type GitRunner } from './git-runner';
import { literal } from './paths';
import { readVersion, type Version } from './versions';

/** One commit of `git log --follow` with the article's path in it and in its parents. */
export interface LogCommit {
  commit: string;
  parents: string[];
  author: string;
  email: string;
  date: string;
  message: string;
  /** Repository path of the article in this commit (null when the commit deleted it). */
  path: string | null;
  /** Repository path of the article in the parents (null when the commit added it). */
  parentPath: string | null;
}

const FORMAT = '%x1e%H%x00%P%x00%an%x00%ae%x00%aI%x00%B';

/**
 * Parses `git log -z --name-status --cc --format=FORMAT` output. `currentPath` is the article's
 * path at the newest commit; walking back, a rename moves it to the old name.
 */
export function parseLog(text: string, currentPath: string): LogCommit[] {
  const tokens = text.split('\0');
  const out: LogCommit[] = [];
  let path = currentPath;
  let i = 0;
  while (i < tokens.length) {
    const t = tokens[i];
    if (!t.startsWith('\x1e')) {
      i++;
      continue;
    }
    const [commit, parentsText, author, email, date, message] = [
      t.slice(1),
      tokens[i + 1] ?? '',
      tokens[i + 2] ?? '',
      tokens[i + 3] ?? '',
      tokens[i + 4] ?? '',
      tokens[i + 5] ?? '',
    ];
    i += 6;
    const parents = parentsText.split(' ').filter(Boolean);
    const entry: LogCommit = {
      commit,
      parents,
      author,
      email,
      date,
      message: message.trimEnd(),
      path,
      parentPath: parents.length ? path : null,
    };
    // Status entries until the next record.
    while (i < tokens.length && !tokens[i].startsWith('\x1e')) {
      const status = tokens[i].replace(/^\n+/, '');
      i++;
      if (status === '') continue;
      const letter = status[0];
      const combined = parents.length > 1;
      if (!combined && (letter === 'R' || letter === 'C')) {
        const from = tokens[i] ?? '';
        const to = tokens[i + 1] ?? '';
        i += 2;
        entry.path = to;
        entry.parentPath = from;
        path = from;
      } else {
        const p = tokens[i] ?? '';
        i++;
        if (!combined && letter === 'A') entry.parentPath = null;
        entry.path = !combined && letter === 'D' ? null : p;
        path = p;
      }
    }
    out.push(entry);
  }
  return out;
}

/**
 * The commits that touched `repoPath` (following renames), newest first.
 * @param limit at most this many commits (default all).
 */
export async function logArticle(
  root: GitRunner,
  repoPath: string,
  limit?: number,
): Promise<LogCommit[]> {
  const args = [
    'log',
    '--follow',
    '-z',
    '--name-status',
    '--cc',
    '--no-ext-diff',
    '--no-textconv',
    `--format=${FORMAT}`,
  ];
  if (limit !== undefined) args.push(`--max-count=${limit}`);
  args.push('--', literal(repoPath));
  let text: string;
  try {
    text = await root.text(args);
  } catch (err) {
    // No commit yet: no history.
    if (
      err instanceof GitFailure &&
      /does not have any commits|bad default revision/.test(err.message)
    )
      return [];
    throw err;
  }
  return parseLog(text, repoPath);
}

/** Field changes of every commit in `log`, reading all versions in one batch. */
export async function withChanges(
  root: GitRunner,
  log: readonly LogCommit[],
): Promise<HistoryEntry[]> {
  const specs: string[] = [];
  for (const c of log) {
    if (c.path) specs.push(`${c.commit}:${c.path}`);
    if (c.parentPath) for (const p of c.parents) specs.push(`${p}:${c.parentPath}`);
  }
  const blobs = await readBlobEntries(root, specs);
  // A commit's version is its child's parent version: read each blob once, by object id.
  const parsed = new Map<string, Version>();
  const version = (spec: string | null): Version | null => {
    const b = spec === null ? null : blobs.get(spec);
    if (!b) return null;
    let v = parsed.get(b.oid);
    if (!v) {
      v = readVersion(b.bytes);
      parsed.set(b.oid, v);
    }
    return v;
  };
  const out: HistoryEntry[] = [];
  for (const c of log) {
    const after = version(c.path ? `${c.commit}:${c.path}` : null);
    const parentSpec = (p: string): string | null => (c.parentPath ? `${p}:${c.parentPath}` : null);
    const before = c.parents.length ? version(parentSpec(c.parents[0])) : null;
    let changes = diffVersions(before, after);
    if (c.parents.length > 1) {
      // Keep only values no parent had: what the merge itself (a resolution) introduced.
      const others = c.parents.slice(1).map((p) => version(parentSpec(p)));
      changes = changes.filter((ch) => !others.some((o) => sameValue(o, ch)));
      if (changes.length === 0) continue;
    }
    out.push({
      commit: c.commit,
      author: c.author,
      email: c.email,
      date: c.date,
      message: c.message,
      path: c.path ?? c.parentPath ?? '',
      changes,
    });
  }
  return out;
}

/** Whether version `v` holds the value a change sets (`to`) at its path. */
function sameValue(v: Version | null, ch: FieldChange): boolean {
  if (!v) return ch.to === null;
  if (ch.path === 'body') return v.body === ch.to;
  if (!v.data) return false;
  let value: unknown;
  try {
    value = getAtPath(v.data, parsePath(ch.path));
  } catch {
    return false;
  }
  return isDeepStrictEqual(value ?? null, ch.to);
}

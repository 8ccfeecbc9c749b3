/**
 * Paths between the repository and the content folder: git speaks in paths relative to the
 * repository's top level; Curator in article ids relative to the content folder.
 */
import { isArticleName, isSkippedDirName } from '../library/scanner';

/** A pathspec git reads literally (no glob, no magic), whatever characters the path holds. */
export function literal(path: string): string {
  return `:(literal)${path}`;
}

/** The pathspec of the whole content folder (`.` at the top level). */
export function folderSpec(prefix: string): string {
  return prefix === '' ? ':(literal).' : literal(prefix);
}

/** Repository path of an article id. */
export function toRepoPath(prefix: string, id: string): string {
  return prefix === '' ? id : `${prefix}/${id}`;
}

/**
 * Article id of a repository path, or null when the path is not an article of the content
 * folder: outside it, in a hidden or `node_modules` folder, or not a `*.md` file (the same
 * rule as the library's scanner, so status and the list agree).
 */
export function toArticleId(prefix: string, repoPath: string): string | null {
  let rel = repoPath;
  if (prefix !== '') {
    if (!repoPath.startsWith(`${prefix}/`)) return null;
    rel = repoPath.slice(prefix.length + 1);
  }
  const segs = rel.split('/');
  const name = segs.pop() ?? '';
  if (!isArticleName(name)) return null;
  if (segs.some((s) => s === '' || isSkippedDirName(s))) return null;
  return rel;
}

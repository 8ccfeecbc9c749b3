/**
 * What identifies one version of a file on disk, as the index records it. Its own module so
 * the file reader (raw-file.ts) and the index cache (index-cache.ts) both depend on it
 * rather than on each other.
 */

/** What identifies one version of a file on disk (a subset of `fs.Stats`; times in ms). */
export interface FileIdentity {
  size: number;
  mtimeMs: number;
  ctimeMs: number;
  ino: number;
}

/** The identity of a file version, and when it was stat'ed (wall clock, ms). */
export interface FileVersion extends FileIdentity {
  checkedMs: number;
}

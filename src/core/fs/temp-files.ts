/**
 * Names of the temp files the write path (src/core/write) creates next to an article while
 * it replaces it. They never end in `.md`, so the scanner and the watcher never index them.
 */

/** Suffix of every temp file written by the write path. */
export const TEMP_SUFFIX = '.curator-tmp';

/** `true` for a file name that is one of our temp files (the watcher and scanner ignore them). */
export function isTempFileName(name: string): boolean {
  return name.endsWith(TEMP_SUFFIX);
}

/**
 * Size limits for article files (issue "Trust on a live desk", §3): a file over these is listed
 * with a problem and never parsed in full or written. Shared by the index (scan) and the write
 * path (read for edit), so both refuse exactly the same files.
 */

/** Largest article file Curator reads in full, in bytes (8 MiB). */
export const MAX_ARTICLE_BYTES = 8 * 1024 * 1024;

/** Largest front matter (between the fences) Curator parses, in bytes (1 MiB). */
export const MAX_FRONT_MATTER_BYTES = 1024 * 1024;

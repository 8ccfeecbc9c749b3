/**
 * Size limits for article files (issue "Trust on a live desk", §3): a file over these is listed
 * with a problem and never parsed in full or written. Shared by the index (scan) and the write
 * path (read for edit), so both refuse exactly the same files: the one measure of the front
 * matter is here too. Codec-free on purpose (the index worker bundles it).
 */

/** Largest article file Curator reads in full, in bytes (8 MiB). */
export const MAX_ARTICLE_BYTES = 8 * 1024 * 1024;

/** Largest front matter (between the fences) Curator parses, in bytes (1 MiB). */
export const MAX_FRONT_MATTER_BYTES = 1024 * 1024;

const NL = 10;
const DASH = 45;

/**
 * Length in bytes of the front matter (from the opening fence line to the closing one), or 0
 * when the file has no opening fence or is itself no larger than
 * {@link MAX_FRONT_MATTER_BYTES} (its front matter cannot be over the limit, so it is not
 * measured). An unterminated front matter counts to the end of the file. Looks at the bytes
 * only (no decoding), and only as far as the limit needs: compare the result with the limit.
 */
export function frontMatterBytes(bytes: Uint8Array): number {
  if (bytes.length <= MAX_FRONT_MATTER_BYTES) return 0;
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const start = buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf ? 3 : 0;
  if (buf[start] !== DASH || buf[start + 1] !== DASH || buf[start + 2] !== DASH) return 0;
  const firstLineEnd = buf.indexOf(NL, start);
  if (firstLineEnd < 0) return buf.length;
  let from = firstLineEnd;
  const stopAt = firstLineEnd + MAX_FRONT_MATTER_BYTES + 2;
  while (from < stopAt) {
    const nl = buf.indexOf('\n---', from);
    if (nl < 0) return buf.length;
    let p = nl + 4;
    while (p < buf.length && (buf[p] === 32 || buf[p] === 9)) p++;
    if (p === buf.length || buf[p] === NL || buf[p] === 13) return nl - firstLineEnd;
    from = nl + 1;
  }
  return buf.length;
}

/** `true` when the front matter is over {@link MAX_FRONT_MATTER_BYTES} (never parsed). */
export function frontMatterTooLarge(bytes: Uint8Array): boolean {
  return frontMatterBytes(bytes) > MAX_FRONT_MATTER_BYTES;
}

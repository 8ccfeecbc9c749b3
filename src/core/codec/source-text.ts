/** Small helpers over source text offsets (lines, columns). */

/** Offset of the start of the line containing `pos`. */
export function lineStart(src: string, pos: number): number {
  return src.lastIndexOf('\n', pos - 1) + 1;
}

/** Offset just after the line ending of the line containing `pos` (or the end of the text). */
export function lineEndIncl(src: string, pos: number): number {
  const nl = src.indexOf('\n', pos);
  return nl < 0 ? src.length : nl + 1;
}

/** Column (0-based, in UTF-16 units) of `pos`. */
export function column(src: string, pos: number): number {
  return pos - lineStart(src, pos);
}

/** `true` when only spaces or tabs precede `pos` on its line. */
export function startsLine(src: string, pos: number): boolean {
  return /^[ \t]*$/.test(src.slice(lineStart(src, pos), pos));
}

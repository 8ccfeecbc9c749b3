/**
 * Reading one side of a merge (base, ours or theirs) with the codec's safe parser. A side that
 * cannot be parsed safely — not UTF-8, no or unterminated front matter, malformed YAML,
 * duplicate keys, front matter that is not a map, too many aliases, over the size limits — is
 * reported with the codec's own message and is never merged (PRODUCT.md §2).
 */
import type { FrontMatter } from '../../shared/article';
import { decodeUtf8, parseArticle } from '../codec/parse-article';
import { frontMatterTooLarge, MAX_ARTICLE_BYTES, MAX_FRONT_MATTER_BYTES } from '../fs/limits';

/** A side that parsed: its text, where its parts are, and its data. */
export interface Side {
  /** Decoded text, BOM kept as `\uFEFF`. */
  text: string;
  data: FrontMatter;
  /** Front matter text (between the fences). */
  frontMatter: string;
  body: string;
  /** Offsets of the front matter and the body in `text`. */
  innerStart: number;
  innerEnd: number;
  bodyStart: number;
  eol: '\n' | '\r\n';
}

/** A side, or why it cannot be merged. */
export type SideRead = { ok: true; side: Side } | { ok: false; problem: string };

const lenient = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true });

/** The text of a file for showing it (invalid UTF-8 replaced), `undefined` for no file. */
export function showText(bytes: Uint8Array | null): string | undefined {
  return bytes === null ? undefined : lenient.decode(bytes);
}

/** The empty side an add/add merge (no common ancestor) starts from. */
export const EMPTY_SIDE: Side = {
  text: '',
  data: {},
  frontMatter: '',
  body: '',
  innerStart: 0,
  innerEnd: 0,
  bodyStart: 0,
  eol: '\n',
};

/** Parses one side; never throws on bad content. */
export function readSide(bytes: Uint8Array): SideRead {
  if (bytes.length > MAX_ARTICLE_BYTES) {
    return { ok: false, problem: `The file is larger than ${MAX_ARTICLE_BYTES} bytes.` };
  }
  // The one measure of the front matter (fs/limits.ts): a side is refused exactly when the
  // index and the write path refuse the same file.
  if (frontMatterTooLarge(bytes)) {
    return {
      ok: false,
      problem: `The front matter is larger than ${MAX_FRONT_MATTER_BYTES} bytes.`,
    };
  }
  const text = decodeUtf8(bytes);
  const parsed = parseArticle(bytes);
  if (text === null || parsed.malformed || parsed.data === null) {
    const first = parsed.problems.find((p) => p.severity === 'error');
    return { ok: false, problem: first ? first.message : 'The file cannot be parsed safely.' };
  }
  // The opening fence is the first line; the front matter and body are slices of the text.
  const innerStart = text.indexOf('\n') + 1;
  return {
    ok: true,
    side: {
      text,
      data: parsed.data,
      frontMatter: parsed.frontMatter,
      body: parsed.body,
      innerStart,
      innerEnd: innerStart + parsed.frontMatter.length,
      bodyStart: text.length - parsed.body.length,
      eol: parsed.eol,
    },
  };
}

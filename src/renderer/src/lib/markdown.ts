/**
 * Markdown for reading an article's body: `marked` lexes it into tokens (never into HTML),
 * and MarkdownView turns the tokens into React elements. So no markup of the file ever
 * reaches the DOM as markup: raw HTML in the body is shown as text, scripts are never
 * elements, and the only links are http(s) links the app opens outside itself.
 */
import { Lexer, type Token } from 'marked';

/** Longest body the preview renders (characters); the rest is cut with a note. */
export const PREVIEW_MAX_CHARS = 400_000;

/** The tokens of a Markdown text (GitHub-flavoured), at most {@link PREVIEW_MAX_CHARS} of it. */
export function lexMarkdown(source: string): { tokens: Token[]; cut: boolean } {
  const cut = source.length > PREVIEW_MAX_CHARS;
  const text = cut ? source.slice(0, PREVIEW_MAX_CHARS) : source;
  return { tokens: new Lexer({ gfm: true, breaks: false }).lex(text), cut };
}

/**
 * `href` as a URL the app may open (in the system browser), or `null`: only absolute
 * http(s) URLs; `javascript:`, `data:`, `file:`, relative paths and the like are not links.
 */
export function safeHttpUrl(href: string | null | undefined): string | null {
  if (!href) return null;
  try {
    const u = new URL(href.trim());
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : null;
  } catch {
    return null;
  }
}

const NAMED: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
  ndash: '–',
  mdash: '—',
  hellip: '…',
  lsquo: '‘',
  rsquo: '’',
  ldquo: '“',
  rdquo: '”',
  laquo: '«',
  raquo: '»',
  copy: '©',
  reg: '®',
  trade: '™',
  euro: '€',
  pound: '£',
  shy: '\u00ad',
};

/**
 * Text of a token as a reader sees it: character references (`&amp;`, `&#8217;`, `&#x2019;`)
 * decoded, since the lexer leaves them as written and React shows text literally.
 */
export function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(
    /&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z]{2,8});/g,
    (all, ref: string) => {
      if (ref[0] !== '#') return NAMED[ref] ?? all;
      const code =
        ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : Number(ref.slice(1));
      if (
        !Number.isInteger(code) ||
        code <= 0 ||
        code > 0x10ffff ||
        (code >= 0xd800 && code < 0xe000)
      )
        return '\ufffd';
      return String.fromCodePoint(code);
    },
  );
}

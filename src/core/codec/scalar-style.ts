/**
 * Writing scalars (strings, numbers, booleans, null) as YAML source text in a chosen style:
 * plain, single-quoted, double-quoted, literal (`|`) or folded (`>`) block. A value keeps the
 * style asked for unless that style cannot hold it; then it falls back to double quotes.
 * Numbers, booleans and null keep the spelling of the value they replace (scalar-spelling.ts).
 */
import { defaultNonString, respell } from './scalar-spelling';

/** Scalar styles of the `yaml` package (`Scalar.type`). */
export type ScalarStyle =
  'PLAIN' | 'QUOTE_SINGLE' | 'QUOTE_DOUBLE' | 'BLOCK_LITERAL' | 'BLOCK_FOLDED';

/** Where a scalar is written: in block context, or inside a flow collection (`[..]`, `{..}`). */
export type ScalarContext = 'block' | 'flow';

export interface ScalarHint {
  style?: ScalarStyle;
  /** The value being replaced was a plain date literal: a new date may stay plain too. */
  plainDate?: boolean;
  /** For block scalars: the header written before (kept when its indicators still fit). */
  blockHeader?: string;
  /** For block scalars: column of the content lines. */
  blockIndent?: number;
  /** Plain source text of the scalar being replaced (or of the template): its spelling style. */
  source?: string;
  /**
   * The value being replaced was a plain string that YAML 1.1 would read as something else
   * (`yes`, `off`, `1_000`): the file does not write for YAML 1.1 readers, so a new string
   * such as `no` may stay plain too (core-schema non-strings are still quoted).
   */
  plain11?: boolean;
  /** How this file writes null when no replaced value says (`''`, `~`, `null`). */
  nullText?: string;
}

// Core-schema (YAML 1.2) non-strings, and YAML 1.1 look-alikes other tools would read as such.
const CORE_NON_STRING =
  /^(?:~|null|Null|NULL|true|True|TRUE|false|False|FALSE|[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+|[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/;
const YAML11_NON_STRING =
  /^(?:y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF|[-+]?[0-9][0-9_]*(?:\.[0-9_]*)?(?:[eE][-+]?[0-9]+)?|[-+]?0b[01_]+|[-+]?0x[0-9a-fA-F_]+|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?|=|<<)$/;
const DATE_LIKE = /^\d{4}-\d{1,2}-\d{1,2}(?:$|[Tt ])/;
// Characters a plain or single-quoted scalar cannot hold (they need double-quote escapes).
const CONTROL =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\ufeff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** `true` when the string would be read back as something other than a string. */
export function looksLikeNonString(s: string): boolean {
  return CORE_NON_STRING.test(s) || YAML11_NON_STRING.test(s);
}

/** `true` when the string is a plain string under the core schema but not under YAML 1.1. */
export function isYaml11Only(s: string): boolean {
  return !CORE_NON_STRING.test(s) && YAML11_NON_STRING.test(s);
}

/** `true` when the string looks like a date or date-time literal. */
export function looksLikeDate(s: string): boolean {
  return DATE_LIKE.test(s);
}

/**
 * `true` when the string can be written as a plain scalar and read back as the same string
 * (by the core schema and by YAML 1.1 readers alike).
 */
export function isPlainSafe(
  s: string,
  ctx: ScalarContext,
  allowDate = false,
  allowYaml11 = false,
): boolean {
  if (s === '' || s !== s.trim() || /[\n\r\t]/.test(s) || CONTROL.test(s)) return false;
  if (CORE_NON_STRING.test(s)) return false;
  if (!allowYaml11 && YAML11_NON_STRING.test(s)) return false;
  if (!allowDate && looksLikeDate(s)) return false;
  if (/^[-?:,[\]{}#&*!|>'"%@`]/.test(s)) return false;
  if (s.startsWith('---') || s.startsWith('...')) return false;
  if (s.includes(': ') || s.includes(' #') || s.endsWith(':')) return false;
  if (ctx === 'flow' && /[,[\]{}]/.test(s)) return false;
  return true;
}

const ESCAPES: Record<string, string> = {
  '\0': '\\0',
  '\x07': '\\a',
  '\b': '\\b',
  '\t': '\\t',
  '\n': '\\n',
  '\v': '\\v',
  '\f': '\\f',
  '\r': '\\r',
  '\x1b': '\\e',
  '"': '\\"',
  '\\': '\\\\',
  '\x85': '\\N',
  '\u2028': '\\L',
  '\u2029': '\\P',
};

/** Double-quoted scalar on one line: no folding, so long values are never re-wrapped. */
export function doubleQuoted(s: string): string {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const ch = s[i];
    const code = s.charCodeAt(i);
    const esc = ESCAPES[ch];
    if (esc) out += esc;
    else if (code < 0x20 || (code >= 0x7f && code <= 0x9f) || code === 0xfeff) {
      out += `\\x${code.toString(16).padStart(2, '0')}`.replace(/^\\x(.{3,})$/, '\\u$1');
    } else if (
      code >= 0xd800 &&
      code <= 0xdbff &&
      i + 1 < s.length &&
      /[\udc00-\udfff]/.test(s[i + 1])
    ) {
      out += ch + s[i + 1];
      i++;
    } else if (code >= 0xd800 && code <= 0xdfff) {
      out += `\\u${code.toString(16)}`;
    } else out += ch;
  }
  return out + '"';
}

/** Single-quoted scalar, or `null` when single quotes cannot hold the value on one line. */
export function singleQuoted(s: string): string | null {
  if (/[\n\r]/.test(s) || CONTROL.test(s) || s.includes('\t')) return null;
  return `'${s.replace(/'/g, "''")}'`;
}

/**
 * Source text of a non-string scalar (`null` for values that are not scalars): in the spelling
 * style of `hint.source` when it applies, else null as the file writes it (`hint.nullText`),
 * else the default spelling (`null`, `true`, `5`, `.inf`).
 */
export function nonStringScalar(
  value: unknown,
  ctx: ScalarContext = 'block',
  hint: ScalarHint = {},
): string | null {
  if (hint.source !== undefined && hint.style === 'PLAIN') {
    const styled = respell(value, hint.source, ctx);
    if (styled !== null) return styled;
  }
  if (value === null && hint.nullText !== undefined) {
    const styled = respell(null, hint.nullText, ctx);
    if (styled !== null) return styled;
  }
  return defaultNonString(value);
}

/** The default source text of a scalar: what Curator writes without any style to follow. */
export function defaultScalar(value: unknown): string | null {
  if (typeof value !== 'string') return defaultNonString(value);
  return isPlainSafe(value, 'block') ? value : doubleQuoted(value);
}

/**
 * Inline (one-line) source of a scalar in the given style.
 * @returns `null` for values that are not scalars.
 */
export function inlineScalar(
  value: unknown,
  ctx: ScalarContext,
  hint: ScalarHint = {},
): string | null {
  if (typeof value !== 'string') return nonStringScalar(value, ctx, hint);
  const style = hint.style ?? 'PLAIN';
  if (style === 'QUOTE_SINGLE') return singleQuoted(value) ?? doubleQuoted(value);
  if (style === 'QUOTE_DOUBLE') return doubleQuoted(value);
  const plain = style === 'PLAIN';
  if (isPlainSafe(value, ctx, plain && hint.plainDate === true, plain && hint.plain11 === true))
    return value;
  return doubleQuoted(value);
}

/**
 * A block scalar (`|` or `>`) for `value`, as lines: the header (to follow `key: ` or `- `) and
 * the content lines already indented by `indent` spaces. `null` when no block style fits.
 */
export function blockScalarLines(
  value: string,
  folded: boolean,
  indent: number,
  oldHeader?: string,
): { header: string; lines: string[] } | null {
  if (value === '' || /\r/.test(value) || CONTROL.test(value) || /^\n*$/.test(value)) return null;
  const trailing = /\n*$/.exec(value)![0].length;
  const content = value.slice(0, value.length - trailing);
  if (content.startsWith('\n')) return null;
  let useFolded = folded;
  if (useFolded && /(^|\n)[ \t]/.test(content)) useFolded = false;
  if (useFolded && /[ \t]$/m.test(content)) useFolded = false;
  // An indentation indicator is relative to the parent's indentation; rather than risk
  // getting it wrong, content that starts with whitespace goes double-quoted instead.
  if (/^[ \t]/.test(content)) return null;
  const chomp = trailing === 0 ? '-' : trailing === 1 ? '' : '+';
  const indicator = useFolded ? '>' : '|';
  let header = `${indicator}${chomp}`;
  if (oldHeader) {
    // Keep the old header (e.g. its comment) when it says the same thing.
    const m = /^([|>])([-+]?)(\s+#.*)?$/.exec(oldHeader.trimEnd());
    if (m && m[1] === indicator && m[2] === chomp) header = oldHeader.trimEnd();
  }
  const pad = ' '.repeat(indent);
  const body = useFolded ? content.replace(/\n+/g, (m) => m + '\n') : content;
  const lines = body.split('\n').map((l) => (l === '' ? '' : pad + l));
  for (let i = 1; i < trailing; i++) lines.push('');
  return { header, lines };
}

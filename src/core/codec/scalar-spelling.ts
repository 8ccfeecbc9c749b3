/**
 * Spelling of non-string scalars (PRODUCT.md §2: "setting a value back to its original restores
 * the original bytes"). YAML has many spellings of one value: `False`/`false`, `~`/`null`/an
 * empty value, `0x1F`/`31`, `+5`/`5`, `50.0`/`50`, `.Inf`/`.inf`. Two rules:
 * - a value typed by the editor (`curator set a.md version=1.10`) is written as typed when that
 *   text reads back as the intended value ({@link typedScalarText});
 * - otherwise a new value takes the spelling style of the plain scalar it replaces, or of its
 *   template, where that style can hold it ({@link respell}): `False` → `True`, `0x1F` → `0x20`,
 *   `+5` → `+6`, `50.0` → `60.0`, `~` stays `~` for null.
 * Every produced spelling is checked by parsing it back ({@link readsAs}).
 */
import { isMap, isScalar, isSeq, parseDocument, type Node } from 'yaml';
import type { ScalarContext } from './scalar-style';

/** `true` for values written as one scalar (not a map or list). */
export function isScalarValue(value: unknown): boolean {
  return value === null || typeof value !== 'object';
}

/** Equality of scalar values as YAML reads them: NaN equals NaN. */
function sameScalar(a: unknown, b: unknown): boolean {
  return a === b || (typeof a === 'number' && typeof b === 'number' && isNaN(a) && isNaN(b));
}

const PROBE_OPTIONS = {
  schema: 'core',
  resolveKnownTags: false,
  logLevel: 'silent',
  strict: true,
  uniqueKeys: true,
} as const;

/**
 * `true` when `text`, written as a scalar value in `ctx` (after `key: ` or `- ` in block
 * context, as an item of a flow list in flow context), reads back as exactly `value`: one
 * scalar, no anchor or comment, nothing after it, no warning; no tag, or exactly `tag` (as
 * written, `!!int`) when one is given.
 */
export function readsAs(text: string, value: unknown, ctx: ScalarContext, tag = ''): boolean {
  if (!isScalarValue(value) || /[\r\n]/.test(text)) return false;
  if (text === '' && !tag) return value === null && ctx === 'block';
  const prefix = `${ctx === 'flow' ? '[' : 'k: '}${tag ? `${tag} ` : ''}`;
  const doc = parseDocument(`${prefix}${text}${ctx === 'flow' ? ']' : ''}\n`, PROBE_OPTIONS);
  if (doc.errors.length > 0 || doc.warnings.length > 0) return false;
  let node: unknown;
  if (ctx === 'flow') {
    if (!isSeq(doc.contents) || doc.contents.items.length !== 1) return false;
    node = doc.contents.items[0];
  } else {
    if (!isMap(doc.contents) || doc.contents.items.length !== 1) return false;
    node = doc.contents.items[0].value;
  }
  if (!isScalar(node) || !!node.tag !== !!tag || node.anchor || node.comment || node.commentBefore)
    return false;
  const range = (node as Node).range;
  if (!range || range[0] !== prefix.length || range[1] !== prefix.length + text.length)
    return false;
  return sameScalar(node.value, value);
}

/** Source text of a non-string scalar in its default spelling, or `null` for other values. */
export function defaultNonString(value: unknown): string | null {
  if (value === null) return 'null';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') {
    if (Number.isNaN(value)) return '.nan';
    if (!Number.isFinite(value)) return value > 0 ? '.inf' : '-.inf';
    return String(value);
  }
  return null;
}

/** Letter case of a word as written: `true`, `True`, `TRUE`. */
function sameCase(word: string, like: string): string {
  if (like === like.toUpperCase() && like !== like.toLowerCase()) return word.toUpperCase();
  if (like[0] === like[0].toUpperCase() && like[0] !== like[0].toLowerCase())
    return word[0].toUpperCase() + word.slice(1).toLowerCase();
  return word.toLowerCase();
}

const NULL_SPELLINGS = new Set(['', '~', 'null', 'Null', 'NULL']);
const BOOL = /^(?:true|True|TRUE|false|False|FALSE)$/;
const SPECIAL = /^([-+]?)\.(inf|Inf|INF|nan|NaN|NAN)$/;
const HEX = /^0x([0-9a-fA-F]+)$/;
const OCT = /^0o([0-7]+)$/;
const DEC_INT = /^([-+]?)([0-9]+)$/;
const DEC_FLOAT = /^([-+]?)([0-9]*)\.([0-9]*)$/;
const EXP = /^([-+]?)([0-9]*\.?[0-9]*)([eE])([-+]?)([0-9]+)$/;

function sign(value: number, oldSign: string): string {
  if (value < 0 || Object.is(value, -0)) return '-';
  return oldSign === '+' ? '+' : '';
}

/** A number in the style of `source` (a plain core-schema number literal), or `null`. */
function respellNumber(value: number, source: string): string | null {
  const special = SPECIAL.exec(source);
  if (!Number.isFinite(value)) {
    const like = special ? special[2] : 'inf';
    if (Number.isNaN(value)) return `.${sameCase('nan', like)}`;
    return `${value < 0 ? '-' : ''}.${sameCase('inf', like)}`;
  }
  const abs = Math.abs(value);
  const isInt = Number.isSafeInteger(value);
  let m = HEX.exec(source);
  if (m) {
    if (!isInt || value < 0) return null;
    const digits = abs.toString(16).padStart(m[1].startsWith('0') ? m[1].length : 0, '0');
    // Letter case as written; digits alone say nothing, and upper case is the usual spelling.
    return `0x${/[a-f]/.test(m[1]) ? digits : digits.toUpperCase()}`;
  }
  m = OCT.exec(source);
  if (m) {
    if (!isInt || value < 0) return null;
    return `0o${abs.toString(8).padStart(m[1].startsWith('0') ? m[1].length : 0, '0')}`;
  }
  const plain = String(abs);
  if (/e/i.test(plain)) return null;
  m = DEC_INT.exec(source);
  if (m) {
    const width = m[2].length > 1 && m[2].startsWith('0') ? m[2].length : 0;
    const [int, frac] = plain.split('.');
    return `${sign(value, m[1])}${int.padStart(width, '0')}${frac !== undefined ? `.${frac}` : ''}`;
  }
  m = DEC_FLOAT.exec(source);
  if (m && (m[2] !== '' || m[3] !== '')) {
    const [int, frac = ''] = plain.split('.');
    const digits = frac.padEnd(m[3].length, '0');
    const intPart = m[2] === '' && int === '0' && digits !== '' ? '' : int;
    return `${sign(value, m[1])}${intPart}.${digits}`;
  }
  m = EXP.exec(source);
  if (m) {
    const [mant, exp] = value === 0 ? ['0', '0'] : abs.toExponential().split('e');
    const expSign = exp.startsWith('-') ? '-' : m[4] === '+' ? '+' : '';
    return `${sign(value, m[1])}${mant}${m[3]}${expSign}${exp.replace(/^[-+]/, '')}`;
  }
  return null;
}

/** `true` when `source` is how Curator writes its value by default (`5`, `true`, `null`). */
function isDefaultSpelling(source: string): boolean {
  if (source === '') return false;
  const doc = parseDocument(source, PROBE_OPTIONS);
  if (doc.errors.length > 0 || !isScalar(doc.contents)) return false;
  return defaultNonString(doc.contents.value) === source;
}

/**
 * Source text for a non-string `value` in the spelling style of `source`, the plain source
 * text of the scalar it replaces (or of its template). `null` when the style does not apply
 * (a different type, a string, or a spelling that would not read back as `value`).
 */
export function respell(value: unknown, source: string, ctx: ScalarContext): string | null {
  // Only a deliberate spelling is a style to keep: `False`, `~`, `0x1F`, `+5`, `50.0`, `1e3`.
  // A value that was written in the default spelling (`-5e-324`, `0.1`, `true`) says nothing.
  if (isDefaultSpelling(source)) return null;
  let text: string | null = null;
  if (value === null) {
    if (NULL_SPELLINGS.has(source)) text = source === '' && ctx === 'flow' ? 'null' : source;
  } else if (typeof value === 'boolean') {
    if (BOOL.test(source)) text = sameCase(value ? 'true' : 'false', source);
  } else if (typeof value === 'number') {
    if (/^[-+.0-9]/.test(source)) text = respellNumber(value, source);
  }
  return text !== null && readsAs(text, value, ctx) ? text : null;
}

/**
 * The text an editor typed for a scalar value, when it should be written as typed: it reads
 * back as exactly `value` in `ctx` and differs from the default spelling (the default spelling
 * leaves the choice to the style of the value being replaced, so `published=false` on a
 * `True` writes `False`). `null` otherwise.
 * @param canonical the default source text of `value` (what Curator writes without a hint).
 */
export function typedScalarText(
  value: unknown,
  typed: string | undefined,
  canonical: string | null,
  ctx: ScalarContext,
): string | null {
  if (typed === undefined || !isScalarValue(value)) return null;
  const text = typed.trim();
  if (text === canonical) return null;
  return readsAs(text, value, ctx) ? text : null;
}

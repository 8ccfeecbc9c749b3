/**
 * Rendering new values (ones that have no source text yet) as YAML lines, in the style of a
 * "template" node when there is one: the node being replaced, or the same key in a sibling
 * list item. A list written in flow style stays flow; a double-quoted title stays quoted.
 */
import { isMap, isScalar, isSeq, type Node } from 'yaml';
import {
  blockScalarLines,
  doubleQuoted,
  inlineScalar,
  isPlainSafe,
  isYaml11Only,
  type ScalarContext,
  type ScalarHint,
  type ScalarStyle,
} from './scalar-style';
import { isPlainObject } from '../../shared/plain-data';

/** Indentation conventions of the file being edited. */
export interface RenderEnv {
  /** Spaces a nested map is indented by, relative to its parent key. */
  step: number;
  /** Spaces a block list under a key is indented by, relative to that key (often 0 or 2). */
  seqIndent: number;
  /** How the file writes null (`''`, `~`, `null`), when all its null values agree. */
  nullText?: string;
}

/** A node whose style a new value should copy, if any. */
export type Template = Node | null | undefined;

/** Style hint taken from a template scalar. */
export function hintFrom(template: Template, nullText?: string): ScalarHint {
  if (!isScalar(template)) return { nullText };
  const style = template.type as ScalarStyle | undefined;
  const plain = style === 'PLAIN';
  const source = plain && typeof template.source === 'string' ? template.source : undefined;
  return {
    style,
    // A plain scalar is a string under the core schema even when it looks like a date; the
    // file's own convention (plain date literals) wins so that setting a date back restores it.
    plainDate: plain,
    source,
    plain11: source !== undefined && typeof template.value === 'string' && isYaml11Only(source),
    nullText,
  };
}

/** Template for the value of `key` inside a template map. */
export function keyTemplate(template: Template, key: string): Template {
  if (!isMap(template)) return undefined;
  const node = template.get(key, true);
  return (node as Node | undefined) ?? undefined;
}

/** Template for an item of a template list (its last item). */
export function itemTemplate(template: Template): Template {
  if (!isSeq(template) || template.items.length === 0) return undefined;
  return template.items[template.items.length - 1] as Node;
}

function isFlowTemplate(template: Template): boolean {
  return (isMap(template) || isSeq(template)) && template.flow === true;
}

/** A map key as source text: plain when safe, else double-quoted. */
export function renderKey(key: string, ctx: ScalarContext): string {
  return isPlainSafe(key, ctx) && !/[:#]/.test(key) ? key : doubleQuoted(key);
}

function scalarText(
  value: unknown,
  ctx: ScalarContext,
  template: Template,
  nullText?: string,
): string {
  const hint = hintFrom(template, nullText);
  if (hint.style === 'BLOCK_LITERAL' || hint.style === 'BLOCK_FOLDED') hint.style = 'QUOTE_DOUBLE';
  const text = inlineScalar(value, ctx, hint);
  if (text === null) throw new TypeError(`Cannot write ${String(value)} as YAML`);
  return text;
}

/** One-line flow rendering (`[a, b]`, `{name: X}`, scalars) of a value. */
export function flowValue(value: unknown, template: Template, nullText?: string): string {
  if (Array.isArray(value)) {
    const t = itemTemplate(template);
    return `[${value.map((v) => flowValue(v, t, nullText)).join(', ')}]`;
  }
  if (isPlainObject(value)) {
    const parts = Object.entries(value).map(
      ([k, v]) => `${renderKey(k, 'flow')}: ${flowValue(v, keyTemplate(template, k), nullText)}`,
    );
    return `{${parts.join(', ')}}`;
  }
  return scalarText(value, 'flow', template, nullText);
}

function nonEmptyCollection(value: unknown): boolean {
  return Array.isArray(value)
    ? value.length > 0
    : isPlainObject(value) && Object.keys(value).length > 0;
}

function blockScalarFor(value: unknown, template: Template, contentIndent: number) {
  if (typeof value !== 'string') return null;
  // A new multi-line text (an editorial note) with no style to follow reads best as a block
  // literal: one line of the file per line of the text, nothing escaped.
  if (template === null || template === undefined) {
    return value.includes('\n') ? blockScalarLines(value, false, contentIndent) : null;
  }
  if (!isScalar(template)) return null;
  if (template.type !== 'BLOCK_LITERAL' && template.type !== 'BLOCK_FOLDED') return null;
  return blockScalarLines(value, template.type === 'BLOCK_FOLDED', contentIndent);
}

/**
 * What an entry keeps or brings when it is written: `props` are the anchor and tag written
 * before the value (`&wire`, `!!str`), kept when the value is replaced; `text` is the exact
 * source of a scalar value (as the editor typed it), used instead of rendering the value.
 */
export interface EntryExtras {
  props?: string;
  text?: string;
}

function withProps(head: string, props: string | undefined): string {
  return props ? `${head} ${props}` : head;
}

/** Lines (fully indented, no line endings) of `key: value` at `indent` in block context. */
export function pairLines(
  keyText: string,
  value: unknown,
  indent: number,
  template: Template,
  env: RenderEnv,
  extras: EntryExtras = {},
): string[] {
  const pad = ' '.repeat(indent);
  const head = withProps(`${pad}${keyText}:`, extras.props);
  if (extras.text !== undefined) return [joinValue(head, extras.text)];
  if (nonEmptyCollection(value) && !isFlowTemplate(template)) {
    if (Array.isArray(value)) {
      return [head, ...seqLines(value, indent + env.seqIndent, itemTemplate(template), env)];
    }
    return [head, ...mapLines(value as Record<string, unknown>, indent + env.step, template, env)];
  }
  const block = blockScalarFor(value, template, indent + env.step);
  if (block) return [`${head} ${block.header}`, ...block.lines];
  return [joinValue(head, inlineValue(value, template, env.nullText))];
}

/** `key:` or `-` followed by an inline value; an empty value (null written as nothing) adds no space. */
function joinValue(head: string, text: string): string {
  return text === '' ? head : `${head} ${text}`;
}

/** Lines of the pairs of a map at `indent`. */
export function mapLines(
  value: Record<string, unknown>,
  indent: number,
  template: Template,
  env: RenderEnv,
): string[] {
  return Object.entries(value).flatMap(([k, v]) =>
    pairLines(renderKey(k, 'block'), v, indent, keyTemplate(template, k), env),
  );
}

/** Lines of the items of a block list whose `-` sits at `indent`. */
export function seqLines(
  value: unknown[],
  indent: number,
  template: Template,
  env: RenderEnv,
): string[] {
  return value.flatMap((v) => itemLines(v, indent, template, env));
}

/** Lines of one block list item (`- value`) whose `-` sits at `indent`. */
export function itemLines(
  value: unknown,
  indent: number,
  template: Template,
  env: RenderEnv,
  extras: EntryExtras = {},
): string[] {
  const pad = ' '.repeat(indent);
  const head = withProps(`${pad}-`, extras.props);
  if (extras.text !== undefined) return [joinValue(head, extras.text)];
  if (nonEmptyCollection(value) && !isFlowTemplate(template)) {
    const inner = Array.isArray(value)
      ? seqLines(value, indent + 2, itemTemplate(template), env)
      : mapLines(value as Record<string, unknown>, indent + 2, template, env);
    // Props belong to the collection: on their own line, never before its first key.
    if (extras.props) return [head, ...inner];
    inner[0] = `${pad}- ${inner[0].slice(indent + 2)}`;
    return inner;
  }
  const block = blockScalarFor(value, template, indent + 2);
  if (block) return [`${head} ${block.header}`, ...block.lines];
  return [joinValue(head, inlineValue(value, template, env.nullText))];
}

/** A value on the same line as its key or `-`: scalars, empty and flow collections. */
export function inlineValue(value: unknown, template: Template, nullText?: string): string {
  if (Array.isArray(value) || isPlainObject(value)) return flowValue(value, template, nullText);
  return scalarText(value, 'block', template, nullText);
}

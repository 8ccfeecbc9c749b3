/**
 * Values on the `curator set` command line: `published=true`, `quality=40`,
 * `topics=[AI, Policy]`, `title=Hello`. A known text field (title, excerpt, category, type,
 * provider name/domain, URLs, dates, topics items, review.by, notes, assignee, …) keeps the
 * typed text as text: `title=1.10` is the text `1.10`, not the number 1.1. Other values are
 * YAML (core schema, so dates stay strings); where YAML would read something the user almost
 * surely did not mean, the raw text is used instead. A YAML warning (an unknown tag such as
 * `!breaking`, which YAML would silently drop) refuses the value with Curator's own message:
 * a typed value is never silently changed, and `yaml` never prints a raw `YAMLWarning`.
 */
import {
  isAlias,
  isMap,
  isPair,
  isScalar,
  isSeq,
  parseDocument,
  type Document,
  type Node,
} from 'yaml';
import { fieldKindAt } from '../shared/rules/field-kinds';
import { parsePath, type PathSegment } from '../shared/field-path';
import { unresolvedTag, warningMessage } from '../core/codec/yaml-messages';

const NULL_LITERALS = new Set(['', '~', 'null', 'Null', 'NULL']);

/** A typed value that cannot be used as typed; the message says why and how to write it. */
export class CliValueError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CliValueError';
  }
}

const OPTIONS = {
  schema: 'core',
  uniqueKeys: true,
  strict: true,
  resolveKnownTags: false,
  // Warnings are collected in `doc.warnings` and reported by Curator, never printed by `yaml`.
  logLevel: 'silent',
} as const;

function segsOf(path: string): PathSegment[] {
  try {
    return parsePath(path);
  } catch {
    return [];
  }
}

/** A quoted scalar (`"true"`, `'1.10'`) read as YAML, when it is exactly one clean string. */
function quotedString(text: string): string | null {
  if (!/^["']/.test(text)) return null;
  const doc = parseDocument(text, OPTIONS);
  if (doc.errors.length > 0 || doc.warnings.length > 0) return null;
  const node = doc.contents;
  return isScalar(node) && typeof node.value === 'string' && !node.tag ? node.value : null;
}

/**
 * Plain data of a parsed value where every scalar at a known text path (`topics[0]`,
 * `provider.name`) is the text as typed: `topics=[1.10, 2020]` gives `["1.10", "2020"]`.
 */
function typedData(node: unknown, segs: PathSegment[], src: string, doc: Document): unknown {
  if (isAlias(node)) return typedData(node.resolve(doc), segs, src, doc);
  if (isMap(node)) {
    const out: Record<string, unknown> = {};
    for (const pair of node.items) {
      if (!isPair(pair) || !isScalar(pair.key)) continue;
      const key = String(pair.key.value);
      Object.defineProperty(out, key, {
        value: typedData(pair.value, [...segs, key], src, doc),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    return out;
  }
  if (isSeq(node)) return node.items.map((item, i) => typedData(item, [...segs, i], src, doc));
  if (!isScalar(node)) return null;
  const value = node.value;
  if (
    fieldKindAt(segs) === 'text' &&
    value !== null &&
    typeof value !== 'string' &&
    node.type === 'PLAIN' &&
    (node as Node).range
  ) {
    const [start, end] = (node as Node).range!;
    return src.slice(start, end);
  }
  return value;
}

/**
 * A note for a known text field whose typed text YAML would have read with a warning (a tag
 * such as `!breaking` it would drop): the text is kept, and the editor is told so.
 */
function textNote(text: string, path: string): string | null {
  const doc = parseDocument(text, OPTIONS);
  if (doc.errors.length > 0 || doc.warnings.length === 0) return null;
  const tag = unresolvedTag(doc.warnings[0]);
  const why = tag !== null ? `the YAML tag ${tag} is not applied` : 'it is not read as YAML';
  return `${path}: written as the text ${JSON.stringify(text)} (${why}).`;
}

/**
 * Parses the value part of `path=value`.
 * - An empty value, `~` and `null` are null (the text as typed tells the codec how to spell it).
 * - A known text field keeps the typed text (a quoted value is read as YAML: `title="a\tb"`);
 *   when YAML would have warned about it (a tag), a note says the text was kept.
 * - Anything else is YAML, falling back to the raw text when the YAML is invalid, when it reads
 *   as a block map (`Hello: world` is text; write `{a: 1}` for a map), as a block list, or as
 *   null without being a null literal (`#1 story` is text, not a comment).
 * @param notes receives one-line notes for the editor (printed on stderr).
 * @throws CliValueError when YAML warns about the value (an unknown tag would be dropped).
 */
export function parseCliValue(text: string, path = '', notes: string[] = []): unknown {
  const trimmed = text.trim();
  if (NULL_LITERALS.has(trimmed)) return null;
  const segs = segsOf(path);
  if (fieldKindAt(segs) === 'text') {
    const quoted = quotedString(trimmed);
    if (quoted !== null) return quoted;
    const note = textNote(text, path);
    if (note) notes.push(note);
    return text;
  }

  const doc = parseDocument(text, OPTIONS);
  if (doc.errors.length > 0) return text;
  if (doc.warnings.length > 0) {
    const w = doc.warnings[0];
    const tag = unresolvedTag(w);
    const name = path || 'the value';
    throw new CliValueError(
      tag !== null
        ? `${name}: the YAML tag ${tag} is not one Curator knows, and YAML would drop it and write ${JSON.stringify(doc.toJS({ maxAliasCount: 10 }))} instead of what was typed. Quote the value to write it as text: ${path || 'path'}='${JSON.stringify(text)}'.`
        : `${name}: ${warningMessage(w, '')}`,
    );
  }
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: 10 });
  } catch {
    return text;
  }
  if (value === null || value === undefined) return text;
  if (typeof value === 'object' && !Array.isArray(value) && !trimmed.startsWith('{')) return text;
  if (Array.isArray(value) && !trimmed.startsWith('[')) return text; // `- a` lines
  return typeof value === 'object' ? typedData(doc.contents, segs, text, doc) : value;
}

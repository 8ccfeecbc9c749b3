/**
 * Values on the `curator set` command line: `published=true`, `quality=40`,
 * `topics=[AI, Policy]`, `title=Hello`. Parsed as YAML (core schema, so dates stay
 * strings); where YAML would read something the user almost surely did not mean, the
 * raw text is used instead.
 */
import { parse } from 'yaml';

const NULL_LITERALS = new Set(['null', 'Null', 'NULL', '~']);

/**
 * Parses the value part of `path=value`.
 * Falls back to the raw string when the YAML is invalid, when it reads as a block map
 * (`Hello: world` is a title, not a map; write `{a: 1}` for a map), or when it reads as
 * null without being a null literal (`#1 story` is a title, not a comment).
 */
export function parseCliValue(text: string): unknown {
  let value: unknown;
  try {
    value = parse(text, {
      schema: 'core',
      maxAliasCount: 10,
      uniqueKeys: true,
      prettyErrors: false,
    });
  } catch {
    return text;
  }
  const trimmed = text.trim();
  if (value === null || value === undefined) {
    return NULL_LITERALS.has(trimmed) || trimmed === '' ? null : text;
  }
  if (typeof value === 'object' && !Array.isArray(value) && !trimmed.startsWith('{')) return text;
  if (Array.isArray(value) && !trimmed.startsWith('[')) return text; // `- a` lines
  return value;
}

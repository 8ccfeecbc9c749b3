/**
 * Curator's own wording of what the `yaml` package warns about, so that a YAML warning is
 * never printed raw (no Node `YAMLWarning` on stderr) and never silently ignored: the codec
 * turns it into a {@link Problem} of the file, the CLI into a one-line refusal of a value.
 */
import {
  isAlias,
  isCollection,
  isDocument,
  isPair,
  isScalar,
  isSeq,
  visit,
  type Document,
  type Node,
  type YAMLError,
} from 'yaml';
import { formatPath, type PathSegment } from '../../shared/field-path';

const CORE_PREFIX = 'tag:yaml.org,2002:';

/** A tag as written in a file: `tag:yaml.org,2002:binary` → `!!binary`, `!foo` stays. */
export function tagName(tag: string): string {
  return tag.startsWith(CORE_PREFIX) ? `!!${tag.slice(CORE_PREFIX.length)}` : tag;
}

/** The tag named by an "Unresolved tag: X" warning, as written (`!!binary`, `!foo`). */
export function unresolvedTag(warning: YAMLError): string | null {
  if (warning.code !== 'TAG_RESOLVE_FAILED') return null;
  const m = /tag:\s*(\S+)/i.exec(warning.message);
  return m ? tagName(m[1].replace(/:$/, '')) : null;
}

/** The first line of a `yaml` message without its "at line L, column C" suffix. */
export function firstLine(message: string): string {
  const line = message.split('\n')[0];
  return line.replace(/ at line \d+, column \d+:?\s*$/, '').trim();
}

/**
 * One sentence for a `yaml` warning about front matter. An unknown tag (`!foo`, or a YAML 1.1
 * tag such as `!!timestamp` or `!!binary` that the core schema does not resolve) is read
 * without it, as the plain value, and kept as written.
 * @param where e.g. ` (line 4)`, or `''`.
 */
export function warningMessage(warning: YAMLError, where: string): string {
  const tag = unresolvedTag(warning);
  if (tag !== null) {
    return `The YAML tag ${tag}${where} is not one Curator knows: the value is read without it and kept as written.`;
  }
  if (warning.code === 'BAD_DIRECTIVE') {
    return `Unknown YAML directive${where}: ${firstLine(warning.message)}; it is ignored and kept as written.`;
  }
  return `YAML warning${where}: ${firstLine(warning.message)}.`;
}

/**
 * Field path (`provider.name`, `topics[1]`) of the node that starts first after `offset`
 * among the nodes that carry a tag: the node an "Unresolved tag" warning at `offset` is
 * about. `''` when none is found.
 */
export function taggedNodePath(doc: Document, offset: number): string {
  let best: { start: number; path: string } | null = null;
  visit(doc, (_key, node, ancestors) => {
    if (isPair(node) || isDocument(node) || isAlias(node)) return undefined;
    const n = node as Node;
    if (!(isScalar(n) || isCollection(n)) || !n.tag || !n.range) return undefined;
    const start = n.range[0];
    if (start < offset || (best && best.start <= start)) return undefined;
    best = { start, path: pathOf(ancestors, n) };
    return undefined;
  });
  return (best as { path: string } | null)?.path ?? '';
}

/** Field path of `node`, from the ancestors `visit` passes (document, collections, pairs). */
function pathOf(ancestors: readonly unknown[], node: unknown): string {
  const segs: PathSegment[] = [];
  const chain = [...ancestors, node];
  for (let i = 0; i < chain.length - 1; i++) {
    const a = chain[i];
    const next = chain[i + 1];
    if (isPair(a)) {
      if (next !== a.value) return formatPath(segs);
      const key = isScalar(a.key) ? a.key.value : null;
      segs.push(key === null ? '' : String(key));
    } else if (isSeq(a)) {
      segs.push(a.items.indexOf(next as never));
    }
  }
  return segs.length > 0 && typeof segs[0] === 'string' ? formatPath(segs) : '';
}

/**
 * What kind of value each known field path holds (PRODUCT.md §1), for typing values the editor
 * types as text (`curator set a.md title=1.10` keeps the title text), and the fields Curator
 * never edits. Isomorphic: no Node imports.
 */
import { parsePath, type PathSegment } from '../field-path';

/** The kind of value a field holds: text, a number, true/false, or anything (unknown keys). */
export type FieldKind = 'text' | 'number' | 'boolean' | 'any';

/**
 * Fields no patch may set or unset, whichever front door asks: `secured` is an opaque value,
 * "never shown editable, never re-encoded, never dropped" (PRODUCT.md §1).
 */
export const PROTECTED_FIELDS: readonly string[] = ['secured'];

type Shape = FieldKind | { [key: string]: Shape } | { items: Shape };

const provider: Shape = { name: 'text', domain: 'text' };
const image: Shape = { url: 'text', width: 'number', height: 'number', isCached: 'boolean' };
const images: Shape = { items: image };
const relatedItem: Shape = {
  title: 'text',
  excerpt: 'text',
  publishedDateTime: 'text',
  webUrl: 'text',
  originalUrl: 'text',
  type: 'text',
  category: 'text',
  provider,
  quality: 'number',
  images,
};

/**
 * The article format: known text fields (dates included, since dates stay strings as written),
 * numbers and booleans, nested in maps and lists.
 */
const ARTICLE: { [key: string]: Shape } = {
  title: 'text',
  excerpt: 'text',
  category: 'text',
  type: 'text',
  publishedDateTime: 'text',
  originalUrl: 'text',
  webUrl: 'text',
  quality: 'number',
  heat: 'number',
  published: 'boolean',
  provider,
  topics: { items: 'text' },
  images,
  related: { items: relatedItem },
  secured: 'text',
  review: { status: 'text', by: 'text', at: 'text' },
  embargo: 'text',
  publishAt: 'text',
  kill: { reason: 'text', by: 'text', at: 'text' },
  assignee: 'text',
  notes: 'text',
};

function isItems(shape: Shape): shape is { items: Shape } {
  return typeof shape === 'object' && Object.keys(shape).length === 1 && 'items' in shape;
}

/**
 * The kind of value at a field path: `title` and `topics[2]` are text, `quality` a number,
 * `images[0].isCached` a boolean; a map or list field itself, or an unknown key, is `any`.
 */
export function fieldKindAt(path: string | readonly PathSegment[]): FieldKind {
  let segs: readonly PathSegment[];
  try {
    segs = typeof path === 'string' ? parsePath(path) : path;
  } catch {
    return 'any';
  }
  let shape: Shape = ARTICLE;
  for (const seg of segs) {
    if (typeof shape === 'string') return 'any';
    if (isItems(shape)) {
      if (typeof seg !== 'number') return 'any';
      shape = shape.items;
    } else {
      if (typeof seg !== 'string' || !Object.prototype.hasOwnProperty.call(shape, seg))
        return 'any';
      shape = (shape as { [key: string]: Shape })[seg];
    }
  }
  return typeof shape === 'string' ? shape : 'any';
}

/** The protected field a path addresses (`secured`, `secured.x`), or `null`. */
export function protectedFieldOf(path: string): string | null {
  let first: PathSegment;
  try {
    first = parsePath(path)[0];
  } catch {
    const m = /^[^.[\]]+/.exec(path);
    if (!m) return null;
    first = m[0];
  }
  return typeof first === 'string' && PROTECTED_FIELDS.includes(first) ? first : null;
}

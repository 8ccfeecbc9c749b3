/**
 * Field-level differences between two versions of an article (history entries, sync commit
 * messages). Maps are compared key by key at any depth (`review.status`, `provider.name`); lists
 * item by item when their length is unchanged (`related[1].title`), else as a whole (`topics`);
 * the body as one value (`body`). Absent values are `null` (JSON has no `undefined`).
 */
import { isDeepStrictEqual } from 'node:util';
import type { FrontMatter } from '../../shared/article';
import type { FieldChange } from '../../shared/desk';
import { formatPath, type PathSegment } from '../../shared/field-path';
import { readVersion, type Version } from './versions';

/** The field path of a malformed version: the raw front matter text is compared instead. */
export const FRONT_MATTER_PATH = '(front matter)';

function isMap(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** A key that a field path can name (`a.b[0]` syntax has no escapes). */
function nameable(key: string): boolean {
  return key !== '' && !/[.[\]]/.test(key);
}

function diffValue(a: unknown, b: unknown, path: PathSegment[], out: FieldChange[]): void {
  if (isDeepStrictEqual(a, b)) return;
  const aMap = isMap(a) || a === undefined;
  const bMap = isMap(b) || b === undefined;
  if (aMap && bMap && (isMap(a) || isMap(b))) {
    const keys = [...Object.keys(isMap(a) ? a : {})];
    for (const k of Object.keys(isMap(b) ? b : {})) if (!keys.includes(k)) keys.push(k);
    if (keys.every(nameable)) {
      for (const k of keys) {
        diffValue(isMap(a) ? a[k] : undefined, isMap(b) ? b[k] : undefined, [...path, k], out);
      }
      return;
    }
  }
  if (Array.isArray(a) && Array.isArray(b) && a.length === b.length && path.length > 0) {
    for (let i = 0; i < a.length; i++) diffValue(a[i], b[i], [...path, i], out);
    return;
  }
  out.push({ path: path.length ? formatPath(path) : '', from: a ?? null, to: b ?? null });
}

/** Field changes from front matter `a` to `b` (either may be null: absent file). */
export function diffFrontMatter(a: FrontMatter | null, b: FrontMatter | null): FieldChange[] {
  const out: FieldChange[] = [];
  diffValue(a ?? undefined, b ?? undefined, [], out);
  return out;
}

/**
 * Field changes between two versions of an article file (null: the file is absent there). When
 * either version cannot be parsed safely, the raw front matter texts are compared as one
 * change at {@link FRONT_MATTER_PATH}.
 */
export function diffVersions(
  before: Uint8Array | Version | null,
  after: Uint8Array | Version | null,
): FieldChange[] {
  const a = before instanceof Uint8Array ? readVersion(before) : before;
  const b = after instanceof Uint8Array ? readVersion(after) : after;
  const changes: FieldChange[] = [];
  if ((a && a.malformed) || (b && b.malformed)) {
    if ((a?.frontMatter ?? null) !== (b?.frontMatter ?? null)) {
      changes.push({
        path: FRONT_MATTER_PATH,
        from: a?.frontMatter ?? null,
        to: b?.frontMatter ?? null,
      });
    }
  } else {
    changes.push(...diffFrontMatter(a?.data ?? null, b?.data ?? null));
  }
  const bodyA = a ? a.body : null;
  const bodyB = b ? b.body : null;
  if (bodyA !== bodyB && !(bodyA === '' && bodyB === null) && !(bodyA === null && bodyB === '')) {
    changes.push({ path: 'body', from: bodyA, to: bodyB });
  }
  return changes;
}

/**
 * DOM ids of field inputs, derived from field paths, so the Problems panel (or a publish
 * refusal) can focus the input of the field a problem is about.
 */
import { parsePath } from '../../../shared/field-path';

/** The id of the input editing `path` (e.g. `images[0].width` -> `field-images-0-width`). */
export function fieldInputId(path: string): string {
  return `field-${path.replace(/[^A-Za-z0-9_-]+/g, '-').replace(/-+$/, '')}`;
}

/** The id of the element holding the problem messages of `path`. */
export function fieldProblemsId(path: string): string {
  return `${fieldInputId(path)}-problems`;
}

/**
 * Focuses the input of `path`, or of its nearest ancestor that has one (a problem on
 * `topics[2]` focuses the Topics input). Returns `true` when something was focused.
 */
export function focusField(path: string, doc: Document = document): boolean {
  let segs: (string | number)[];
  try {
    segs = parsePath(path);
  } catch {
    return false;
  }
  const candidates: string[] = [];
  for (let n = segs.length; n > 0; n--) {
    let p = '';
    for (const s of segs.slice(0, n)) p += typeof s === 'number' ? `[${s}]` : p ? `.${s}` : s;
    candidates.push(p);
  }
  for (const p of candidates) {
    const el = doc.getElementById(fieldInputId(p));
    if (el instanceof HTMLElement) {
      el.scrollIntoView?.({ block: 'center' });
      el.focus();
      return true;
    }
  }
  return false;
}

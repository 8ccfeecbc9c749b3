/**
 * Related-link writes (PRODUCT.md §4) as requests for the one write path: add from another
 * article of the folder (optionally with the reciprocal link on that article, in the same
 * all-or-nothing write), add by hand, edit, remove, move, and refresh stale copies. Each is a
 * pure planner; reading, conflict checks, the atomic write and rollback are the write path's.
 * Used by the Library (desktop and browser mode) and by the CLI alike.
 */
import type { FrontMatter, PatchOp, Problem, RelatedItem } from '../../shared/article';
import type { ErrorCode } from '../../shared/errors';
import {
  checkRelatedCandidate,
  copyRelatedFrom,
  makeRelatedItem,
  refreshOps,
  relatedListOf,
  relatedUrlOf,
  RELATED_FIELDS,
  staleness,
  type RelatedLookup,
} from '../../shared/related';
import { applyPatch } from '../codec/index';
import type { WriteRequest, WriteTarget } from '../write/engine';
import { bytesPlan, type FileAsRead, type Plan, type Planner } from '../write/planner';
import { insertListItem, moveListItem, removeListItem } from './list-edit';

/** The article a related write edits, and the hash the editor read it at. */
export interface RelatedTarget {
  id: string;
  baseHash?: string;
  force?: boolean;
}

function refusal(code: ErrorCode, reason: string, path: string, problem: string): Plan {
  const problems: Problem[] = [{ path, severity: 'error', code: problem, message: reason }];
  return { kind: 'refuse', code, reason, problems };
}

function noItem(index: number, n: number): Plan {
  return refusal(
    'bad-request',
    `There is no related item ${index + 1} (the article has ${n}).`,
    'related',
    'bad-index',
  );
}

function single(label: string, target: RelatedTarget, planner: Planner): WriteRequest {
  return { label, files: [target], plan: { each: planner } };
}

/**
 * Adds to `target` a related item copied from the article `fromId` (title, excerpt,
 * publishedDateTime, webUrl or else originalUrl, type, provider, quality, images). Refused
 * when it would link the article to itself or duplicate an existing link, or when the other
 * article has no http(s) URL. With `reciprocal`, the other article gets a link back in the
 * same write (left alone, not refused, when it already links back); if either file cannot be
 * written, neither is.
 */
export function addFromRequest(
  target: RelatedTarget,
  fromId: string,
  opts: { index?: number; reciprocal?: boolean; otherBaseHash?: string } = {},
): WriteRequest {
  const reciprocal = opts.reciprocal === true && fromId !== target.id;
  const files: WriteTarget[] = [target];
  if (reciprocal) files.push({ id: fromId, baseHash: opts.otherBaseHash });
  return {
    label: 'Add related link',
    files,
    sources: opts.reciprocal ? [] : [fromId],
    plan: {
      all: (read, sources) => {
        const main = read[0];
        const other = reciprocal ? read[1] : sources[0];
        const self = refusal(
          'invalid',
          'An article cannot be related to itself.',
          'related',
          'self-link',
        );
        if (!other || other.identity === main.identity) return { plans: read.map(() => self) };
        if (!other.data) {
          const why = `${other.id} cannot be parsed safely, so there is nothing to copy from it.`;
          return { plans: read.map(() => refusal('malformed', why, 'related', 'malformed')) };
        }
        return planAddFrom(main, other.id, other.data, reciprocal ? read[1] : null, opts.index);
      },
    },
  };
}

function planAddFrom(
  main: FileAsRead,
  otherId: string,
  otherData: FrontMatter,
  back: FileAsRead | null,
  index: number | undefined,
): { plans: Plan[]; message?: string } {
  const item = copyRelatedFrom(otherData);
  const why = checkRelatedCandidate(main.data, item);
  if (why) {
    const msg =
      why.code === 'missing-url' || why.code === 'bad-url'
        ? `${otherId} has no http(s) webUrl or originalUrl to link to.`
        : why.message;
    const refused = refusal('invalid', msg, 'related', why.code);
    return { plans: back ? [refused, refused] : [refused] };
  }
  const shown = item.title ?? item.webUrl;
  let message = `Added a related link to ${shown}.`;
  const plans: Plan[] = [
    bytesPlan(main, message, () => insertListItem(main.bytes, 'related', item, index)),
  ];
  if (back) {
    const backItem = copyRelatedFrom(main.data);
    const backWhy = checkRelatedCandidate(back.data, backItem);
    if (backWhy?.code === 'duplicate-url') {
      plans.push({ kind: 'unchanged', reason: 'already links back' });
      message += ' The other article already links back.';
    } else if (backWhy) {
      const msg = `Cannot add the reciprocal link: ${
        backWhy.code === 'missing-url' || backWhy.code === 'bad-url'
          ? `${main.id} has no http(s) webUrl or originalUrl.`
          : backWhy.message
      }`;
      const refused = refusal('invalid', msg, 'related', backWhy.code);
      return { plans: [refused, refused] };
    } else {
      const note = `Added the reciprocal link on the other article.`;
      plans.push(bytesPlan(back, note, () => insertListItem(back.bytes, 'related', backItem)));
      message += ` ${note}`;
    }
  }
  return { plans, message };
}

/**
 * Adds a related item typed by hand. `webUrl` (http or https) and `title` are required; the
 * other fields are optional and written in the format's order.
 */
export function addByHandRequest(
  target: RelatedTarget,
  fields: RelatedItem,
  index?: number,
): WriteRequest {
  const item = makeRelatedItem({
    ...fields,
    title: typeof fields.title === 'string' ? fields.title.trim() : fields.title,
    webUrl: typeof fields.webUrl === 'string' ? fields.webUrl.trim() : fields.webUrl,
  });
  return single('Add related link', target, (file) => {
    const why = checkRelatedCandidate(file.data, item, { requireTitle: true });
    if (why) return refusal('invalid', why.message, 'related', why.code);
    return bytesPlan(file, `Added a related link to ${item.title}.`, () =>
      insertListItem(file.bytes, 'related', item, index),
    );
  });
}

/**
 * Edits fields of related item `index`: each given field is set (`null` or `''` removes an
 * optional field). Only the edited lines change. The URL stays required, http(s), not the
 * article itself and not a duplicate of another item.
 */
export function editRequest(
  target: RelatedTarget,
  index: number,
  fields: { [K in keyof RelatedItem]?: RelatedItem[K] | null },
): WriteRequest {
  return single('Edit related link', target, (file) => {
    const list = relatedListOf(file.data);
    if (!Number.isInteger(index) || index < 0 || index >= list.length) {
      return noItem(index, list.length);
    }
    const ops: PatchOp[] = [];
    const current = (list[index] ?? {}) as Record<string, unknown>;
    const merged: Record<string, unknown> = { ...current };
    for (const key of RELATED_FIELDS) {
      if (!Object.hasOwn(fields, key)) continue;
      const v = fields[key];
      const p = `related[${index}].${key}`;
      if (v === undefined || v === null || v === '') {
        if (key === 'webUrl' || key === 'title') {
          const what = key === 'webUrl' ? 'URL' : 'title';
          return refusal('invalid', `A related link needs a ${what}.`, p, 'required');
        }
        if (current[key] !== undefined) ops.push({ op: 'unset', path: p });
        delete merged[key];
      } else {
        const value = key === 'webUrl' && typeof v === 'string' ? v.trim() : v;
        ops.push({ op: 'set', path: p, value });
        merged[key] = v;
      }
    }
    if (Object.hasOwn(fields, 'webUrl')) {
      const why = checkRelatedCandidate(file.data, merged as RelatedItem, { skipIndex: index });
      if (why) return refusal('invalid', why.message, `related[${index}].webUrl`, why.code);
    }
    if (ops.length === 0) return { kind: 'unchanged', reason: 'nothing to change' };
    return bytesPlan(file, `Edited related item ${index + 1}.`, () => applyPatch(file.bytes, ops));
  });
}

/** Removes related item `index`: its lines are cut, nothing else changes. */
export function removeRequest(target: RelatedTarget, index: number): WriteRequest {
  return single('Remove related link', target, (file) => {
    const list = relatedListOf(file.data);
    if (!Number.isInteger(index) || index < 0 || index >= list.length) {
      return noItem(index, list.length);
    }
    const title = (list[index] as RelatedItem | null)?.title;
    const note = `Removed related item ${index + 1}${typeof title === 'string' ? ` (${title})` : ''}.`;
    return bytesPlan(file, note, () => removeListItem(file.bytes, 'related', index));
  });
}

/** Moves related item `from` to position `to` (0-based, its index afterwards); only its lines move. */
export function moveRequest(target: RelatedTarget, from: number, to: number): WriteRequest {
  return single('Move related link', target, (file) => {
    const n = relatedListOf(file.data).length;
    for (const i of [from, to]) {
      if (!Number.isInteger(i) || i < 0 || i >= n) return noItem(i, n);
    }
    if (from === to) return { kind: 'unchanged', reason: 'already there' };
    return bytesPlan(file, `Moved related item ${from + 1} to position ${to + 1}.`, () =>
      moveListItem(file.bytes, 'related', from, to),
    );
  });
}

/** Which items a refresh re-copies, and from which article: one item, or every stale one. */
export function refreshPicks(
  data: FrontMatter,
  index: number | undefined,
  lookup: RelatedLookup,
  selfId: string | undefined,
): Array<{ index: number; id: string }> | Plan {
  const list = relatedListOf(data);
  if (index === undefined) {
    const picks: Array<{ index: number; id: string }> = [];
    list.forEach((item, i) => {
      const s = staleness(item, i, lookup, selfId);
      if (s) picks.push({ index: i, id: s.id });
    });
    return picks;
  }
  if (!Number.isInteger(index) || index < 0 || index >= list.length) {
    return noItem(index, list.length);
  }
  const url = relatedUrlOf(list[index]);
  const found = url ? lookup(url) : undefined;
  if (!found || found.id === selfId) {
    return refusal(
      'invalid',
      `Related item ${index + 1} does not point at another article of the folder, so there is nothing to copy from.`,
      `related[${index}]`,
      'not-in-folder',
    );
  }
  return [{ index, id: found.id }];
}

/**
 * Re-copies related items from the articles they came from, changing only the lines whose
 * values differ. With `index`, that item is re-copied (it must point at an article of the
 * folder); without, every stale item (title or excerpt changed) is. `sourceIds` are the
 * articles to read (from {@link refreshPicks} on the article as the caller last saw it); if
 * the article now needs another one, the refresh is refused as a conflict.
 */
export function refreshRequest(
  target: RelatedTarget,
  index: number | undefined,
  lookup: RelatedLookup,
  selfId: string | undefined,
  sourceIds: readonly string[],
): WriteRequest {
  return {
    label: 'Refresh related links',
    files: [target],
    sources: sourceIds,
    plan: {
      all: ([file], sources) => {
        const picks = refreshPicks(file.data, index, lookup, selfId);
        if (!Array.isArray(picks)) return { plans: [picks] };
        const list = relatedListOf(file.data);
        const ops: PatchOp[] = [];
        const refreshed: number[] = [];
        for (const pick of picks) {
          const source = sources.find((s) => s.id === pick.id);
          if (!source) {
            const reason = 'The article changed while refreshing; try again.';
            return { plans: [{ kind: 'refuse', code: 'conflict', reason }] };
          }
          if (!source.data) {
            return {
              plans: [
                refusal(
                  'malformed',
                  `${pick.id} cannot be parsed, so related item ${pick.index + 1} cannot be refreshed from it.`,
                  `related[${pick.index}]`,
                  'malformed',
                ),
              ],
            };
          }
          const itemOps = refreshOps(list[pick.index], pick.index, source.data);
          if (itemOps.length) {
            ops.push(...itemOps);
            refreshed.push(pick.index + 1);
          }
        }
        const message = refreshed.length
          ? `Refreshed related item${refreshed.length > 1 ? 's' : ''} ${refreshed.join(', ')}.`
          : 'Every related copy is up to date.';
        const plan: Plan = ops.length
          ? bytesPlan(file, message, () => applyPatch(file.bytes, ops))
          : { kind: 'unchanged', reason: message };
        return { plans: [plan], message };
      },
    },
  };
}

/**
 * Related-link operations on article files (PRODUCT.md §4): add from another article of
 * the folder (optionally with the reciprocal link on that article), add by hand, edit,
 * remove, move and refresh stale copies. Used by the Library (desktop / browser mode) and
 * by the CLI; nothing here knows about the index.
 *
 * Every write is atomic and conflict-checked twice (against the caller's base hash up
 * front, and against the bytes read right before the rename). A two-file operation checks
 * and plans both files before writing either; if the second write still fails, the first
 * file is put back (only when nobody changed it meanwhile) and the outcome says exactly
 * what is on disk.
 */
import { promises as fsp } from 'node:fs';
import type {
  FrontMatter,
  PatchOp,
  Problem,
  RefusalReason,
  RelatedItem,
} from '../../shared/article';
import {
  checkRelatedCandidate,
  copyRelatedFrom,
  isHttpUrl,
  makeRelatedItem,
  ownUrlKeys,
  refreshOps,
  relatedListOf,
  relatedUrlOf,
  RELATED_FIELDS,
  staleness,
  urlKey,
  type RelatedLookup,
} from '../../shared/related';
import { applyPatch, CodecError, parseArticle } from '../codec/index';
import { atomicWrite } from '../fs/atomic-write';
import { LibraryError } from '../library/library-error';
import { malformedReason, readArticleFile, type FileState } from '../library/operations';
import { insertListItem, moveListItem, removeListItem } from './list-edit';

/** One file touched (or looked at) by an operation. */
export interface RelatedFileResult {
  /** Absolute path. */
  path: string;
  /** `true` when new bytes were written (and are still on disk). */
  changed: boolean;
  /** The file as read before the operation. */
  before: FileState;
  /** The file as it is after the operation (equal to `before` when unchanged). */
  after: FileState;
  /** What happened to this file, for humans. */
  note: string;
}

/** Outcome of a related-link operation. */
export type RelatedOutcome =
  | {
      ok: true;
      /** The edited article first; the other article second for a reciprocal add. */
      files: RelatedFileResult[];
      message: string;
    }
  | {
      ok: false;
      reason: RefusalReason;
      message: string;
      problems: Problem[];
      /** Files whose new bytes are on disk despite the failure (empty after a clean rollback). */
      written: RelatedFileResult[];
      /** The refused file as it is now, when it could be read (for conflicts). */
      current?: FileState;
    };

/** Options shared by every operation. */
export interface RelatedWriteOptions {
  /** Hash the caller based the edit of the main file on; a different file is a conflict. */
  baseHash?: string;
  /** Write even when the main file changed since `baseHash`. */
  force?: boolean;
  /**
   * Called with each file's path and new hash right before that file is replaced, just
   * before the last-moment conflict check. The Library records its own writes here; tests use it to simulate a
   * concurrent editor.
   */
  onBeforeWrite?: (path: string, hash: string) => void | Promise<void>;
}

/** Options of {@link addRelatedFromArticle}. */
export interface AddFromOptions extends RelatedWriteOptions {
  /** Position of the new item (default: at the end). */
  index?: number;
  /** Also add a link back to the main article on the other article. */
  reciprocal?: boolean;
  /** Hash the caller based the other article on (reciprocal only). */
  otherBaseHash?: string;
}

/** The edit planned for one file. */
type Planned =
  | { kind: 'write'; bytes: Uint8Array; note: string }
  | { kind: 'unchanged'; note: string }
  | { kind: 'refuse'; reason: RefusalReason; message: string; problems: Problem[] };

interface Step {
  path: string;
  before: FileState;
  plan: Planned;
}

function refuse(reason: RefusalReason, message: string, problems: Problem[] = []): Planned {
  return { kind: 'refuse', reason, message, problems };
}

function problemOf(path: string, code: string, message: string): Problem {
  return { path, severity: 'error', code, message };
}

/** Reads a file for editing; refuses (as an outcome, not a throw) when missing, unreadable or malformed. */
async function readEditable(
  path: string,
  baseHash: string | undefined,
  force: boolean | undefined,
): Promise<{ state: FileState; data: FrontMatter } | Extract<RelatedOutcome, { ok: false }>> {
  let state: FileState;
  try {
    state = await readArticleFile(path);
  } catch (err) {
    const e = err as LibraryError;
    return { ok: false, reason: e.code ?? 'io', message: e.message, problems: [], written: [] };
  }
  if (state.parsed.malformed || !state.parsed.data) {
    return {
      ok: false,
      reason: 'malformed',
      message: `${path}: ${malformedReason(state.parsed.problems)}`,
      problems: state.parsed.problems,
      written: [],
      current: state,
    };
  }
  if (baseHash !== undefined && baseHash !== state.parsed.hash && !force) {
    return {
      ok: false,
      reason: 'conflict',
      message: `${path} changed on disk since it was read`,
      problems: [],
      written: [],
      current: state,
    };
  }
  return { state, data: state.parsed.data };
}

/** Runs a byte-level edit, turning codec refusals into planned refusals. */
function planBytes(before: FileState, note: string, edit: () => Uint8Array): Planned {
  let bytes: Uint8Array;
  try {
    bytes = edit();
  } catch (err) {
    if (err instanceof CodecError) {
      return refuse(err.code === 'malformed' ? 'malformed' : 'invalid', err.message);
    }
    throw err;
  }
  if (Buffer.compare(Buffer.from(bytes), Buffer.from(before.bytes)) === 0) {
    return { kind: 'unchanged', note: 'already so' };
  }
  return { kind: 'write', bytes, note };
}

function stateOf(bytes: Uint8Array, stat: FileState['stat']): FileState {
  return { bytes, parsed: parseArticle(bytes), stat };
}

async function statOf(path: string, fallback: FileState['stat']): Promise<FileState['stat']> {
  try {
    const st = await fsp.stat(path);
    return { size: st.size, mtimeMs: st.mtimeMs };
  } catch {
    return fallback;
  }
}

/** Raised inside the rename hook when the file changed while we were writing. */
class RaceError extends Error {}

/** Atomically replaces `path` with `bytes` if it still holds exactly `expected`. */
async function writeIfUnchanged(
  path: string,
  expected: Uint8Array,
  bytes: Uint8Array,
  force: boolean,
  hook?: () => void | Promise<void>,
): Promise<void> {
  await atomicWrite(path, bytes, {
    beforeRename: async () => {
      await hook?.();
      if (!force) {
        const now = await fsp.readFile(path);
        if (Buffer.compare(now, Buffer.from(expected)) !== 0)
          throw new RaceError('changed on disk');
      }
    },
  });
}

/**
 * Writes the planned steps in order. Any refusal in any step means nothing is written.
 * When a later write fails, the earlier ones are restored (each only if its file still
 * holds what we wrote), and the outcome tells which files keep new bytes.
 */
async function commit(
  steps: Step[],
  opts: RelatedWriteOptions,
  okMessage: string,
): Promise<RelatedOutcome> {
  for (const s of steps) {
    if (s.plan.kind === 'refuse') {
      return {
        ok: false,
        reason: s.plan.reason,
        message: s.plan.message,
        problems: s.plan.problems,
        written: [],
        current: s.before,
      };
    }
  }
  const done: RelatedFileResult[] = [];
  for (let i = 0; i < steps.length; i++) {
    const s = steps[i];
    if (s.plan.kind !== 'write') {
      const note = s.plan.kind === 'unchanged' ? s.plan.note : s.plan.message;
      done.push({ path: s.path, changed: false, before: s.before, after: s.before, note });
      continue;
    }
    const bytes = s.plan.bytes;
    const after = stateOf(bytes, s.before.stat);
    try {
      // The caller's `force` only overrides the main file's conflict check.
      await writeIfUnchanged(s.path, s.before.bytes, bytes, i === 0 && opts.force === true, () =>
        opts.onBeforeWrite?.(s.path, after.parsed.hash),
      );
    } catch (err) {
      const why =
        err instanceof RaceError
          ? 'it changed on disk while saving'
          : `it could not be written (${(err as Error).message})`;
      const current = await readArticleFile(s.path).catch(() => undefined);
      const rolled = await rollback(done, opts);
      const parts = [`${s.path} was not changed: ${why}.`];
      for (const r of rolled.restored)
        parts.push(`${r.path} was restored to its previous content.`);
      for (const r of rolled.kept) parts.push(`${r.path} still has the new link: ${r.note}`);
      return {
        ok: false,
        reason: err instanceof RaceError ? 'conflict' : 'io',
        message: parts.join(' '),
        problems: [],
        written: rolled.kept,
        current,
      };
    }
    after.stat = await statOf(s.path, after.stat);
    done.push({ path: s.path, changed: true, before: s.before, after, note: s.plan.note });
  }
  return { ok: true, files: done, message: okMessage };
}

/** Puts back the files written so far; a file someone changed since is left alone and reported. */
async function rollback(
  done: RelatedFileResult[],
  opts: RelatedWriteOptions,
): Promise<{ restored: RelatedFileResult[]; kept: RelatedFileResult[] }> {
  const restored: RelatedFileResult[] = [];
  const kept: RelatedFileResult[] = [];
  for (const r of [...done].reverse()) {
    if (!r.changed) continue;
    try {
      await writeIfUnchanged(r.path, r.after.bytes, r.before.bytes, false, () =>
        opts.onBeforeWrite?.(r.path, r.before.parsed.hash),
      );
      restored.push(r);
    } catch (err) {
      const why =
        err instanceof RaceError
          ? 'it was changed by someone else right after, so it was not rolled back.'
          : `rolling it back failed (${(err as Error).message}).`;
      kept.push({ ...r, note: why });
    }
  }
  return { restored, kept };
}

/**
 * Adds to `path` a related item copied from the article at `fromPath` (title, excerpt,
 * publishedDateTime, webUrl or else originalUrl, type, provider, quality, images).
 * Refused when it would link the article to itself or duplicate an existing link, or when
 * the other article has no http(s) URL. With `reciprocal`, the other article gets a link
 * back in the same operation (skipped, not refused, when it already has one).
 */
export async function addRelatedFromArticle(
  path: string,
  fromPath: string,
  opts: AddFromOptions = {},
): Promise<RelatedOutcome> {
  const target = await readEditable(path, opts.baseHash, opts.force);
  if ('ok' in target) return target;
  const source = await readEditable(fromPath, opts.otherBaseHash, false);
  if ('ok' in source) return source;
  if (await samePath(path, fromPath)) {
    return refusal('invalid', 'An article cannot be related to itself.', 'related', 'self-link');
  }

  const item = copyRelatedFrom(source.data);
  const why = checkRelatedCandidate(target.data, item);
  if (why) {
    const msg =
      why.code === 'missing-url' || why.code === 'bad-url'
        ? `${fromPath} has no http(s) webUrl or originalUrl to link to.`
        : why.message;
    return refusal('invalid', msg, 'related', why.code);
  }
  const steps: Step[] = [
    {
      path,
      before: target.state,
      plan: planBytes(target.state, `added related item "${item.title ?? item.webUrl}"`, () =>
        insertListItem(target.state.bytes, 'related', item, opts.index),
      ),
    },
  ];
  let message = `Added a related link to ${item.title ?? item.webUrl}.`;
  if (opts.reciprocal) {
    const back = copyRelatedFrom(target.data);
    const backWhy = checkRelatedCandidate(source.data, back);
    if (backWhy?.code === 'duplicate-url') {
      steps.push({
        path: fromPath,
        before: source.state,
        plan: { kind: 'unchanged', note: 'already links back' },
      });
      message += ' The other article already links back.';
    } else if (backWhy) {
      return refusal(
        'invalid',
        `Cannot add the reciprocal link: ${backWhy.code === 'missing-url' || backWhy.code === 'bad-url' ? `${path} has no http(s) webUrl or originalUrl.` : backWhy.message}`,
        'related',
        backWhy.code,
      );
    } else {
      steps.push({
        path: fromPath,
        before: source.state,
        plan: planBytes(source.state, `added related item "${back.title ?? back.webUrl}"`, () =>
          insertListItem(source.state.bytes, 'related', back),
        ),
      });
      message += ' Added the reciprocal link on the other article.';
    }
  }
  return commit(steps, opts, message);
}

/**
 * Adds a related item typed by hand. `webUrl` (http or https) and `title` are required;
 * the other fields are optional and written in the format's order.
 */
export async function addRelatedByHand(
  path: string,
  fields: RelatedItem,
  opts: RelatedWriteOptions & { index?: number } = {},
): Promise<RelatedOutcome> {
  const target = await readEditable(path, opts.baseHash, opts.force);
  if ('ok' in target) return target;
  const item = makeRelatedItem({
    ...fields,
    title: typeof fields.title === 'string' ? fields.title.trim() : fields.title,
    webUrl: typeof fields.webUrl === 'string' ? fields.webUrl.trim() : fields.webUrl,
  });
  const why = checkRelatedCandidate(target.data, item, { requireTitle: true });
  if (why) return refusal('invalid', why.message, 'related', why.code);
  return commit(
    [
      {
        path,
        before: target.state,
        plan: planBytes(target.state, `added related item "${item.title}"`, () =>
          insertListItem(target.state.bytes, 'related', item, opts.index),
        ),
      },
    ],
    opts,
    `Added a related link to ${item.title}.`,
  );
}

/**
 * Edits fields of related item `index`: each given field is set (`null` or `''` removes
 * an optional field). Only the edited lines change. The URL stays required, http(s), not
 * the article itself and not a duplicate of another item.
 */
export async function editRelated(
  path: string,
  index: number,
  fields: { [K in keyof RelatedItem]?: RelatedItem[K] | null },
  opts: RelatedWriteOptions = {},
): Promise<RelatedOutcome> {
  const target = await readEditable(path, opts.baseHash, opts.force);
  if ('ok' in target) return target;
  const list = relatedListOf(target.data);
  if (!Number.isInteger(index) || index < 0 || index >= list.length) {
    return refusal(
      'bad-request',
      `There is no related item ${index + 1} (the article has ${list.length}).`,
      'related',
      'bad-index',
    );
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
        return refusal(
          'invalid',
          `A related link needs a ${key === 'webUrl' ? 'URL' : 'title'}.`,
          p,
          'required',
        );
      }
      if (current[key] !== undefined) ops.push({ op: 'unset', path: p });
      delete merged[key];
    } else {
      ops.push({
        op: 'set',
        path: p,
        value: key === 'webUrl' && typeof v === 'string' ? v.trim() : v,
      });
      merged[key] = v;
    }
  }
  if (Object.hasOwn(fields, 'webUrl')) {
    const why = checkRelatedCandidate(target.data, merged as RelatedItem, { skipIndex: index });
    if (why) return refusal('invalid', why.message, `related[${index}].webUrl`, why.code);
  }
  return commit(
    [
      {
        path,
        before: target.state,
        plan: ops.length
          ? planBytes(target.state, `edited related item ${index + 1}`, () =>
              applyPatch(target.state.bytes, ops),
            )
          : { kind: 'unchanged', note: 'nothing to change' },
      },
    ],
    opts,
    `Edited related item ${index + 1}.`,
  );
}

/** Removes related item `index`: its lines are cut, nothing else changes. */
export async function removeRelated(
  path: string,
  index: number,
  opts: RelatedWriteOptions = {},
): Promise<RelatedOutcome> {
  const target = await readEditable(path, opts.baseHash, opts.force);
  if ('ok' in target) return target;
  const list = relatedListOf(target.data);
  if (!Number.isInteger(index) || index < 0 || index >= list.length) {
    return refusal(
      'bad-request',
      `There is no related item ${index + 1} (the article has ${list.length}).`,
      'related',
      'bad-index',
    );
  }
  const title = (list[index] as RelatedItem | null)?.title;
  return commit(
    [
      {
        path,
        before: target.state,
        plan: planBytes(target.state, `removed related item ${index + 1}`, () =>
          removeListItem(target.state.bytes, 'related', index),
        ),
      },
    ],
    opts,
    `Removed related item ${index + 1}${typeof title === 'string' ? ` (${title})` : ''}.`,
  );
}

/** Moves related item `from` to position `to` (0-based, its index afterwards); only its lines move. */
export async function moveRelated(
  path: string,
  from: number,
  to: number,
  opts: RelatedWriteOptions = {},
): Promise<RelatedOutcome> {
  const target = await readEditable(path, opts.baseHash, opts.force);
  if ('ok' in target) return target;
  const n = relatedListOf(target.data).length;
  for (const i of [from, to]) {
    if (!Number.isInteger(i) || i < 0 || i >= n) {
      return refusal(
        'bad-request',
        `There is no related item ${i + 1} (the article has ${n}).`,
        'related',
        'bad-index',
      );
    }
  }
  return commit(
    [
      {
        path,
        before: target.state,
        plan:
          from === to
            ? { kind: 'unchanged', note: 'already there' }
            : planBytes(target.state, `moved related item ${from + 1} to ${to + 1}`, () =>
                moveListItem(target.state.bytes, 'related', from, to),
              ),
      },
    ],
    opts,
    `Moved related item ${from + 1} to position ${to + 1}.`,
  );
}

/** How {@link refreshRelated} finds the articles the copies came from. */
export interface RefreshSource {
  /** Finds the folder's article for a URL. */
  lookup: RelatedLookup;
  /** Absolute path of an article id. */
  resolve(id: string): string;
  /** Id of the article being refreshed (a link to itself is never "refreshed"). */
  selfId?: string;
}

/**
 * Re-copies related items from the articles they came from, changing only the lines
 * whose values differ. With `index`, that item is re-copied (it must point at an article
 * of the folder); without, every stale item (title or excerpt changed) is.
 */
export async function refreshRelated(
  path: string,
  index: number | undefined,
  source: RefreshSource,
  opts: RelatedWriteOptions = {},
): Promise<RelatedOutcome> {
  const target = await readEditable(path, opts.baseHash, opts.force);
  if ('ok' in target) return target;
  const list = relatedListOf(target.data);
  const picks: Array<{ index: number; id: string }> = [];
  if (index !== undefined) {
    if (!Number.isInteger(index) || index < 0 || index >= list.length) {
      return refusal(
        'bad-request',
        `There is no related item ${index + 1} (the article has ${list.length}).`,
        'related',
        'bad-index',
      );
    }
    const url = relatedUrlOf(list[index]);
    const found = url ? source.lookup(url) : undefined;
    if (!found || found.id === source.selfId) {
      return refusal(
        'invalid',
        `Related item ${index + 1} does not point at another article of the folder, so there is nothing to copy from.`,
        `related[${index}]`,
        'not-in-folder',
      );
    }
    picks.push({ index, id: found.id });
  } else {
    list.forEach((item, i) => {
      const s = staleness(item, i, source.lookup, source.selfId);
      if (s) picks.push({ index: i, id: s.id });
    });
  }
  const ops: PatchOp[] = [];
  const refreshed: number[] = [];
  for (const pick of picks) {
    let state: FileState;
    try {
      state = await readArticleFile(source.resolve(pick.id));
    } catch (err) {
      return refusal(
        'not-found',
        `Cannot read ${pick.id}: ${(err as Error).message}`,
        `related[${pick.index}]`,
        'not-found',
      );
    }
    if (!state.parsed.data) {
      return refusal(
        'malformed',
        `${pick.id} cannot be parsed, so related item ${pick.index + 1} cannot be refreshed from it.`,
        `related[${pick.index}]`,
        'malformed',
      );
    }
    const itemOps = refreshOps(list[pick.index], pick.index, state.parsed.data);
    if (itemOps.length) {
      ops.push(...itemOps);
      refreshed.push(pick.index + 1);
    }
  }
  const message = refreshed.length
    ? `Refreshed related item${refreshed.length > 1 ? 's' : ''} ${refreshed.join(', ')}.`
    : 'Every related copy is up to date.';
  return commit(
    [
      {
        path,
        before: target.state,
        plan: ops.length
          ? planBytes(target.state, message, () => applyPatch(target.state.bytes, ops))
          : { kind: 'unchanged', note: 'up to date' },
      },
    ],
    opts,
    message,
  );
}

/** `true` when both paths name the same file (symbolic links resolved). */
async function samePath(a: string, b: string): Promise<boolean> {
  try {
    const [ra, rb] = await Promise.all([fsp.realpath(a), fsp.realpath(b)]);
    return ra === rb;
  } catch {
    return a === b;
  }
}

function refusal(
  reason: RefusalReason,
  message: string,
  path: string,
  code: string,
): RelatedOutcome {
  return { ok: false, reason, message, problems: [problemOf(path, code, message)], written: [] };
}

/** `true` when `data` (an article) already links to the article whose data is `other`. */
export function linksTo(data: FrontMatter, other: FrontMatter): boolean {
  const keys = ownUrlKeys(other);
  return relatedListOf(data).some((it) => {
    const u = relatedUrlOf(it);
    return u !== '' && isHttpUrl(u) && keys.has(urlKey(u));
  });
}

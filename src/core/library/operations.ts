/**
 * Per-file operations shared by the Library (desktop / browser mode) and the CLI:
 * read a file, decide what to change from its current data (a "plan"), apply the
 * patch surgically, and write it atomically with a content-hash conflict check.
 * Nothing here knows about the index; the Library wraps these to keep it current.
 */
import { promises as fsp } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import type {
  BulkItemResult,
  FrontMatter,
  PatchOp,
  Problem,
  RefusalReason,
  ReviewStatus,
} from '../../shared/article';
import { getAtPath } from '../../shared/field-path';
import { publishBlockers } from '../../shared/validation';
import { CodecError, parseArticle, patchArticle, type ParsedArticle } from '../codec/index';
import { atomicWrite, isCode } from '../fs/atomic-write';
import { LibraryError } from './library-error';

/** A file as read from disk: its bytes, their parse, and the stat the index needs. */
export interface FileState {
  bytes: Uint8Array;
  parsed: ParsedArticle;
  stat: { size: number; mtimeMs: number };
}

/**
 * What a plan decides for one file, given its current (well-formed) front matter:
 * apply `ops`, leave it (`unchanged`, with why), or refuse (`skip`, with why and problems).
 */
export type PlanDecision =
  | { kind: 'patch'; ops: PatchOp[] }
  | { kind: 'unchanged'; reason: string }
  | { kind: 'skip'; reason: string; problems: Problem[] };

/** Computes the decision for one file from its parsed data. */
export type Plan = (data: FrontMatter) => PlanDecision;

/** Options of {@link runFileOperation}. */
export interface OperationOptions {
  /** Hash of the bytes the caller based its edit on; a different hash on disk is a conflict. */
  baseHash?: string;
  /** Overwrite even when the file changed since `baseHash`. */
  force?: boolean;
  /** Compute the outcome (and its `changes`) without writing. */
  dryRun?: boolean;
  /** Told the hash of the bytes about to replace the file, right before the rename. */
  onWrite?: (hash: string) => void;
}

/** Outcome of one file operation. `before` is the file as read; `after` as written (or as it would be). */
export type OperationOutcome =
  | { status: 'changed'; changes: string[]; before: FileState; after: FileState; written: boolean }
  | { status: 'unchanged'; reason: string; before: FileState }
  | {
      status: 'refused';
      code: RefusalReason;
      reason: string;
      problems: Problem[];
      /** The file as it is now, when it could be read. */
      current?: FileState;
    };

/**
 * Reads and parses one article file.
 * @throws LibraryError('not-found') when it does not exist, LibraryError('io') when unreadable.
 */
export async function readArticleFile(abs: string): Promise<FileState> {
  try {
    const [bytes, st] = await Promise.all([fsp.readFile(abs), fsp.stat(abs)]);
    if (!st.isFile()) throw new LibraryError('not-found', `Not a file: ${abs}`);
    return { bytes, parsed: parseArticle(bytes), stat: { size: st.size, mtimeMs: st.mtimeMs } };
  } catch (err) {
    if (err instanceof LibraryError) throw err;
    if (isCode(err, 'ENOENT') || isCode(err, 'ENOTDIR') || isCode(err, 'EISDIR')) {
      throw new LibraryError('not-found', `No such article: ${abs}`);
    }
    throw new LibraryError('io', `Cannot read ${abs}: ${(err as Error).message}`);
  }
}

/** One-line explanation of why a malformed file is refused. */
export function malformedReason(problems: readonly Problem[]): string {
  const first = problems.find((p) => p.severity === 'error') ?? problems[0];
  return `File cannot be parsed safely and is never written${first ? `: ${first.message}` : ''}`;
}

/**
 * Reads `abs`, runs `plan` on its data, applies the resulting patch surgically and
 * writes the file atomically. Never writes a malformed file; refuses with `conflict`
 * when `baseHash` is given and the file on disk differs (unless `force`). The conflict
 * check is repeated right before the rename, so a change made while writing is caught.
 */
export async function runFileOperation(
  abs: string,
  plan: Plan,
  opts: OperationOptions = {},
): Promise<OperationOutcome> {
  let before: FileState;
  try {
    before = await readArticleFile(abs);
  } catch (err) {
    const e = err as LibraryError;
    return { status: 'refused', code: e.code ?? 'io', reason: e.message, problems: [] };
  }
  const { parsed } = before;
  if (parsed.malformed || parsed.data === null) {
    return {
      status: 'refused',
      code: 'malformed',
      reason: malformedReason(parsed.problems),
      problems: parsed.problems,
      current: before,
    };
  }
  if (opts.baseHash !== undefined && opts.baseHash !== parsed.hash && !opts.force) {
    return conflict(before);
  }

  const decision = plan(parsed.data);
  if (decision.kind === 'unchanged')
    return { status: 'unchanged', reason: decision.reason, before };
  if (decision.kind === 'skip') {
    return {
      status: 'refused',
      code: 'invalid',
      reason: decision.reason,
      problems: decision.problems,
      current: before,
    };
  }

  let bytes: Uint8Array;
  let afterParsed: ParsedArticle;
  try {
    // The codec parses its result to check it; that parse is the one used below.
    ({ bytes, parsed: afterParsed } = patchArticle(before.bytes, decision.ops, parsed));
  } catch (err) {
    if (err instanceof CodecError) {
      return {
        status: 'refused',
        code: err.code === 'malformed' ? 'malformed' : 'invalid',
        reason: err.message,
        problems: [],
        current: before,
      };
    }
    throw err;
  }
  if (Buffer.compare(Buffer.from(bytes), Buffer.from(before.bytes)) === 0) {
    return { status: 'unchanged', reason: 'already so', before };
  }

  // Publishing is gated by the rules whichever way it is asked for (Publish, a patch that
  // sets `published: true`, a bulk edit, `curator set`): nothing is written otherwise.
  if (afterParsed.data?.published === true && parsed.data.published !== true) {
    const blockers = publishBlockers(afterParsed.data);
    if (blockers.length > 0) {
      return {
        status: 'refused',
        code: 'invalid',
        reason: `Cannot publish: ${blockers.map((p) => p.message).join('; ')}`,
        problems: blockers,
        current: before,
      };
    }
  }
  const changes = describeChanges(parsed.data, afterParsed.data, decision.ops);
  const afterState: FileState = {
    bytes,
    parsed: afterParsed,
    stat: { size: bytes.byteLength, mtimeMs: before.stat.mtimeMs },
  };
  if (opts.dryRun) return { status: 'changed', changes, before, after: afterState, written: false };

  // Set (from inside the rename hook) when the file changed while we were writing.
  const race: { state: FileState | null } = { state: null };
  try {
    await atomicWrite(abs, bytes, {
      beforeRename: async () => {
        if (!opts.force) {
          const now = await fsp.readFile(abs);
          if (Buffer.compare(now, Buffer.from(before.bytes)) !== 0) {
            race.state = { bytes: now, parsed: parseArticle(now), stat: before.stat };
            throw new LibraryError('conflict', 'changed while saving');
          }
        }
        opts.onWrite?.(afterParsed.hash);
      },
    });
  } catch (err) {
    const raced = race.state;
    if (raced) return conflict(await readArticleFile(abs).catch(() => raced));
    return {
      status: 'refused',
      code: 'io',
      reason: `Could not write ${abs}: ${(err as Error).message}`,
      problems: [],
      current: before,
    };
  }
  try {
    const st = await fsp.stat(abs);
    afterState.stat = { size: st.size, mtimeMs: st.mtimeMs };
  } catch {
    // Removed right after our write: the watcher reports it; keep the computed stat.
  }
  return { status: 'changed', changes, before, after: afterState, written: true };
}

function conflict(current: FileState): OperationOutcome {
  return {
    status: 'refused',
    code: 'conflict',
    reason: 'The file changed on disk since it was read',
    problems: [],
    current,
  };
}

/** A plan that applies the same patch to every file. */
export function patchPlan(ops: PatchOp[]): Plan {
  return () =>
    ops.length ? { kind: 'patch', ops } : { kind: 'unchanged', reason: 'nothing to change' };
}

/** Formats a review time: ISO 8601 UTC without milliseconds (`2026-11-26T09:14:00Z`). */
export function formatReviewTime(now: Date): string {
  return now.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/**
 * Approve / reject (or, with `status` null, clear the review). An existing `review`
 * map is edited key by key, so its style and any extra keys survive; a file already
 * in the requested state is left alone (its reviewer and time are not overwritten).
 */
export function reviewPlan(status: ReviewStatus | null, by: string, now: Date): Plan {
  return (data) => {
    const review = data.review;
    const isMap = review !== null && typeof review === 'object' && !Array.isArray(review);
    if (status === null) {
      return review === undefined
        ? { kind: 'unchanged', reason: 'already unreviewed' }
        : { kind: 'patch', ops: [{ op: 'unset', path: 'review' }] };
    }
    if (isMap && (review as Record<string, unknown>).status === status) {
      return { kind: 'unchanged', reason: `already ${status}` };
    }
    const at = formatReviewTime(now);
    if (isMap) {
      return {
        kind: 'patch',
        ops: [
          { op: 'set', path: 'review.status', value: status },
          { op: 'set', path: 'review.by', value: by },
          { op: 'set', path: 'review.at', value: at },
        ],
      };
    }
    return { kind: 'patch', ops: [{ op: 'set', path: 'review', value: { status, by, at } }] };
  };
}

/**
 * Publish: sets `published: true` only when the publish rules pass: required fields
 * present and no field error (a malformed URL or an out-of-range quality blocks too;
 * warnings never do).
 */
export function publishPlan(): Plan {
  return (data) => {
    if (data.published === true) return { kind: 'unchanged', reason: 'already published' };
    const problems = publishBlockers(data);
    if (problems.length > 0) {
      return {
        kind: 'skip',
        reason: `Cannot publish: ${problems.map((p) => p.message).join('; ')}`,
        problems,
      };
    }
    return { kind: 'patch', ops: [{ op: 'set', path: 'published', value: true }] };
  };
}

/** "Publish approved": like {@link publishPlan}, but only for files approved on disk. */
export function publishApprovedPlan(): Plan {
  const publish = publishPlan();
  return (data) => {
    const review = data.review as { status?: unknown } | undefined;
    if (!review || typeof review !== 'object' || review.status !== 'approved') {
      return { kind: 'skip', reason: 'Not approved', problems: [] };
    }
    return publish(data);
  };
}

/**
 * Adds and removes topics (case-insensitively) against the file's own `topics` list:
 * appends each missing topic as a new item, unsets matching items from the end so
 * earlier indexes stay valid. A `topics` value that is not a list is refused.
 */
export function topicsPlan(add: readonly string[], remove: readonly string[]): Plan {
  const key = (t: unknown) => (typeof t === 'string' ? t.trim().toLowerCase() : t);
  const removeKeys = new Set(remove.map(key));
  return (data) => {
    const current = data.topics ?? [];
    if (!Array.isArray(current)) {
      return {
        kind: 'skip',
        reason: 'Topics is not a list',
        problems: [
          { path: 'topics', severity: 'error', code: 'type', message: 'Topics must be a list.' },
        ],
      };
    }
    const ops: PatchOp[] = [];
    for (let i = current.length - 1; i >= 0; i--) {
      if (removeKeys.has(key(current[i]))) ops.push({ op: 'unset', path: `topics[${i}]` });
    }
    const kept = current.filter((t) => !removeKeys.has(key(t)));
    const present = new Set(kept.map(key));
    const additions = add.filter((t) => {
      const k = key(t);
      if (present.has(k) || removeKeys.has(k)) return false;
      present.add(k);
      return true;
    });
    if (data.topics === undefined && additions.length) {
      return { kind: 'patch', ops: [{ op: 'set', path: 'topics', value: additions }] };
    }
    additions.forEach((t, i) =>
      ops.push({ op: 'set', path: `topics[${kept.length + i}]`, value: t }),
    );
    return ops.length
      ? { kind: 'patch', ops }
      : { kind: 'unchanged', reason: add.length ? 'already has these topics' : 'no such topic' };
  };
}

/** Unpublish: always allowed; a file that is not published is left alone. */
export function unpublishPlan(): Plan {
  return (data) =>
    data.published === false || data.published === undefined
      ? { kind: 'unchanged', reason: 'not published' }
      : { kind: 'patch', ops: [{ op: 'set', path: 'published', value: false }] };
}

/** Human-readable field changes (`published: false → true`), one per edited path. */
export function describeChanges(
  before: FrontMatter | null,
  after: FrontMatter | null,
  ops: readonly PatchOp[],
): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  for (const op of ops) {
    if (op.op === 'body') {
      out.push('body: edited');
      continue;
    }
    if (seen.has(op.path)) continue;
    seen.add(op.path);
    let a: unknown;
    let b: unknown;
    try {
      a = getAtPath(before, op.path);
      b = getAtPath(after, op.path);
    } catch {
      continue;
    }
    if (isDeepStrictEqual(a, b)) continue;
    out.push(`${op.path}: ${showValue(a)} → ${showValue(b)}`);
  }
  return out;
}

function showValue(v: unknown): string {
  if (v === undefined) return '(none)';
  const s = JSON.stringify(v) ?? String(v);
  return s.length > 120 ? `${s.slice(0, 117)}...` : s;
}

/**
 * Maps an operation outcome to a bulk report line: rule refusals and malformed files
 * are `skipped`; missing files, conflicts and I/O errors are `failed`.
 */
export function toBulkItem(id: string, out: OperationOutcome): BulkItemResult {
  switch (out.status) {
    case 'changed':
      return { id, status: 'changed', changes: out.changes };
    case 'unchanged':
      return { id, status: 'unchanged', reason: out.reason };
    case 'refused':
      return {
        id,
        status: out.code === 'malformed' || out.code === 'invalid' ? 'skipped' : 'failed',
        reason: out.reason,
        problems: out.problems.length ? out.problems : undefined,
      };
  }
}

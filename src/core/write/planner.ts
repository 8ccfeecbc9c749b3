/**
 * Planners: what a write changes, as a pure function from the bytes as read to the bytes to
 * write. Every kind of write (a field save, review, publish, bulk edits, related links, undo,
 * and later merges and scheduled publishing) is a planner handed to the one write path
 * (engine.ts), which does everything else: reading for edit, conflict checks, the verify parse,
 * the rules, the atomic write, rollback and the outcome.
 */
import type { FrontMatter, PatchOp, Problem } from '../../shared/article';
import { CuratorError, type ErrorCode } from '../../shared/errors';
import { formatPath, getAtPath, type PathSegment } from '../../shared/field-path';
import { patchData } from '../../shared/patch';
import { deepEqual, isPlainObject } from '../../shared/plain-data';
import { patchArticle, type ParsedArticle } from '../codec/index';
import { sameBytes } from './atomic-replace';

/** A file as read for edit and handed to a planner: well-formed (malformed files never get here). */
export interface FileAsRead {
  /** The article id (in the CLI: the file as given). */
  readonly id: string;
  /** Absolute path. */
  readonly path: string;
  /** Device and inode (`dev:ino`): two ids naming one file (a symbolic link) share it. */
  readonly identity: string;
  /** The bytes as read. */
  readonly bytes: Uint8Array;
  /** Their parse (reuse it: a planner need not parse again). */
  readonly parsed: ParsedArticle;
  /** The front matter. */
  readonly data: FrontMatter;
}

/**
 * A file a write only reads (e.g. the articles a related copy is refreshed from). `data` is
 * `null` when it cannot be parsed safely: the planner decides what that means.
 */
export interface SourceAsRead {
  readonly id: string;
  readonly path: string;
  readonly identity: string;
  readonly bytes: Uint8Array;
  readonly parsed: ParsedArticle;
  readonly data: FrontMatter | null;
}

/** What a planner decides for one file. */
export type Plan =
  | {
      kind: 'write';
      /** The complete new bytes of the file. */
      bytes: Uint8Array;
      /** Their parse, when the planner has it (the codec's check parse); else the engine parses. */
      parsed?: ParsedArticle;
      /** Field changes for reports (`published: false → true`); else computed from the data. */
      changes?: string[];
      /** Paths changed through a shared YAML anchor (see {@link sharedChanges}). */
      shared?: string[];
      /** What was done, for an editor ("Added a related link to …"). */
      note?: string;
    }
  | { kind: 'unchanged'; reason: string }
  | { kind: 'refuse'; code: ErrorCode; reason: string; problems?: Problem[] };

/** Plans one file from the file as read. Pure: no I/O, no clock (pass the time in). */
export type Planner = (file: FileAsRead) => Plan;

/**
 * Plans several files together (a reciprocal related link, an undo): one plan per file of the
 * request, in its order. `sources` are the files the request only reads. Pure.
 */
export type MultiPlanner = (
  files: readonly FileAsRead[],
  sources: readonly SourceAsRead[],
) => { plans: Plan[]; message?: string };

/**
 * A data-level decision: apply `ops` (surgically, through the codec), leave the file
 * (`unchanged`, with why) or refuse it (`skip`, with why and the problems behind it).
 */
export type PatchDecision =
  | { kind: 'patch'; ops: PatchOp[]; note?: string }
  | { kind: 'unchanged'; reason: string }
  | { kind: 'skip'; reason: string; problems: Problem[]; code?: ErrorCode };

/** Turns a data-level decision function into a planner (review, publish, topics, field patches). */
export function patchPlanner(decide: (data: FrontMatter) => PatchDecision): Planner {
  return (file) => {
    const d = decide(file.data);
    if (d.kind === 'unchanged') return d;
    if (d.kind === 'skip') {
      return { kind: 'refuse', code: d.code ?? 'invalid', reason: d.reason, problems: d.problems };
    }
    return patchPlan(file, d.ops, d.note);
  };
}

/**
 * Plans a patch on one file: the codec applies it surgically (only the edited lines change) and
 * checks its result reads back exactly as the patch says.
 */
export function patchPlan(file: FileAsRead, ops: readonly PatchOp[], note?: string): Plan {
  if (ops.length === 0) return { kind: 'unchanged', reason: 'nothing to change' };
  let out: { bytes: Uint8Array; parsed: ParsedArticle };
  try {
    out = patchArticle(file.bytes, [...ops], file.parsed);
  } catch (err) {
    if (err instanceof CuratorError) return { kind: 'refuse', code: err.code, reason: err.message };
    throw err;
  }
  if (sameBytes(out.bytes, file.bytes)) return { kind: 'unchanged', reason: 'already so' };
  // Only a file with an alias (`*name`) can share values between fields.
  const shared = file.parsed.frontMatter.includes('*')
    ? sharedChanges(file.data, out.parsed.data, ops)
    : [];
  return {
    kind: 'write',
    bytes: out.bytes,
    parsed: out.parsed,
    changes: [...describeChanges(file.data, out.parsed.data, ops), ...shared.map((c) => c.line)],
    ...(shared.length > 0 ? { shared: shared.map((c) => c.path) } : {}),
    note,
  };
}

/**
 * Plans a byte-level edit (the related list's cut/paste edits): codec refusals become planned
 * refusals, and an edit that changes no byte is `unchanged`.
 */
export function bytesPlan(file: FileAsRead, note: string, edit: () => Uint8Array): Plan {
  let bytes: Uint8Array;
  try {
    bytes = edit();
  } catch (err) {
    if (err instanceof CuratorError) return { kind: 'refuse', code: err.code, reason: err.message };
    throw err;
  }
  if (sameBytes(bytes, file.bytes)) return { kind: 'unchanged', reason: 'already so' };
  return { kind: 'write', bytes, note };
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
    if (deepEqual(a, b)) continue;
    out.push(`${op.path}: ${showValue(a)} → ${showValue(b)}`);
  }
  return out;
}

/** Most paths {@link sharedChanges} lists (a report line each). */
const MAX_SHARED_CHANGES = 20;

/**
 * Paths (at most `max` in all) where `a` and `b` differ, as deep as both have the same shape.
 */
function differingPaths(
  a: unknown,
  b: unknown,
  segs: PathSegment[],
  out: PathSegment[][],
  max: number,
): void {
  if (out.length >= max || deepEqual(a, b)) return;
  // A list of scalars (topics) is shown whole; a list of maps (related) item by item.
  const itemwise = (l: unknown[]) => l.some((x) => x !== null && typeof x === 'object');
  if (Array.isArray(a) && Array.isArray(b) && a.length === b.length && itemwise(a)) {
    for (let i = 0; i < a.length; i++) differingPaths(a[i], b[i], [...segs, i], out, max);
    return;
  }
  if (isPlainObject(a) && isPlainObject(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const k of keys) {
      const own = (o: Record<string, unknown>) => (Object.hasOwn(o, k) ? o[k] : undefined);
      differingPaths(own(a), own(b), [...segs, k], out, max);
    }
    return;
  }
  out.push(segs);
}

/**
 * Values a patch changed that it did not name: values shared through a YAML anchor with an
 * edited one (`title: &t A` changes with `excerpt: *t`). Each is `path: before → after
 * (through a YAML anchor)` with its `path`, so a write's report names every field whose
 * value changed (issue 9 §2). What the patch alone says is {@link patchData} on unshared data; every
 * difference from `after` is a shared value.
 */
export function sharedChanges(
  before: FrontMatter | null,
  after: FrontMatter | null,
  ops: readonly PatchOp[],
): { path: string; line: string }[] {
  if (!before || !after) return [];
  let expected: FrontMatter;
  try {
    expected = patchData(
      before,
      ops.filter((op) => op.op !== 'body'),
    );
  } catch {
    return [];
  }
  const paths: PathSegment[][] = [];
  differingPaths(expected, after, [], paths, MAX_SHARED_CHANGES);
  return paths.map((segs) => {
    const at = (d: FrontMatter) => {
      try {
        return getAtPath(d, segs);
      } catch {
        return undefined;
      }
    };
    const path = formatPath(segs);
    return {
      path,
      line: `${path}: ${showValue(at(before))} → ${showValue(at(after))} (through a YAML anchor)`,
    };
  });
}

/** Changes of the top-level fields between two versions of the front matter. */
export function describeDataChanges(
  before: FrontMatter | null,
  after: FrontMatter | null,
): string[] {
  const own = (d: FrontMatter | null, k: string): unknown =>
    d && Object.prototype.hasOwnProperty.call(d, k) ? d[k] : undefined;
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
  const out: string[] = [];
  for (const k of keys) {
    const a = own(before, k);
    const b = own(after, k);
    if (!deepEqual(a, b)) out.push(`${k}: ${showValue(a)} → ${showValue(b)}`);
  }
  return out;
}

function showValue(v: unknown): string {
  if (v === undefined) return '(none)';
  const s = JSON.stringify(v) ?? String(v);
  return s.length > 120 ? `${s.slice(0, 117)}...` : s;
}

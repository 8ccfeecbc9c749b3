/**
 * The one write path: the whole life of every write to article files.
 *
 * 1. Read for edit (read-for-edit.ts): `O_NONBLOCK`, regular files only, size limits. A file
 *    to create (a `create` target: "Save as new file") must not exist; it is read as empty.
 * 2. Refuse what must never be written: malformed files, and files that changed since the
 *    editor read them (the caller's content hash, unless `force`).
 * 3. Plan (planner.ts): a pure function from the bytes as read to the bytes to write.
 * 4. Check each planned file: the verify parse (the new bytes must parse safely), the rules
 *    (rules.ts: publishing is gated there), and the permission bits (a read-only file is never
 *    written, even where the OS would let root do it).
 * 5. Commit (atomic-replace.ts), all or nothing: each file is replaced atomically only if it is
 *    still exactly the file as read (an external write that lands meanwhile is kept and
 *    reported as a conflict); if one file cannot be written, the files already written get their
 *    previous bytes back (unless someone changed them since: their edit is kept and reported).
 * 6. Tell the host (the Library) the state of every file it read or wrote, so its index and its
 *    change events follow, and answer with one {@link WriteOutcome}, which carries for the core
 *    the bytes before and after of every file written (what undo restores).
 */
import { promises as fsp } from 'node:fs';
import { CuratorError, type ErrorCode } from '../../shared/errors';
import { mapLimit } from '../../shared/map-limit';
import type { FileOutcome, FileStatus, WriteOutcome } from '../../shared/write-outcome';
import { parseArticle, type ParsedArticle } from '../codec/index';
import { isCode } from '../fs/errno';
import { frontMatterBytes, MAX_ARTICLE_BYTES, MAX_FRONT_MATTER_BYTES } from '../fs/limits';
import {
  atomicReplace,
  sameBytes,
  type ReplaceExpectation,
  type ReplaceHooks,
} from './atomic-replace';
import {
  describeDataChanges,
  type FileAsRead,
  type MultiPlanner,
  type Plan,
  type Planner,
  type SourceAsRead,
} from './planner';
import {
  isReadOnlyMode,
  openForEdit,
  readArticleFile,
  type FileState,
  type OpenedFile,
} from './read-for-edit';
import { DEFAULT_RULES, type WriteRule } from './rules';

/** One file a write may change. */
export interface WriteTarget {
  /** Article id (resolved to a path by the host). */
  id: string;
  /** Content hash the editor based the edit on; a file that differs now is a conflict. */
  baseHash?: string;
  /** Write even when the file differs from `baseHash` (the editor chose "overwrite"). */
  force?: boolean;
  /**
   * The file must not exist: the write creates it ("Save as new file" of an article deleted
   * on disk while open). A file at the name, when read or by the moment of writing, is a
   * conflict and is never replaced. Only in a write of that one file; its planner gets an
   * empty file (no bytes, no fields).
   */
  create?: boolean;
}

/** A write: which files, how to plan them, and how refusals are handled. */
export interface WriteRequest {
  /** What the write does, for messages and the undo ticket ("Approve", "Add related link"). */
  label: string;
  /** The files to plan (and write), in order; the first is the "main" article. */
  files: readonly WriteTarget[];
  /** Files the planner only reads (never written, never conflict-checked). */
  sources?: readonly string[];
  /** One planner applied to each file, or one that plans all files together. */
  plan: { each: Planner } | { all: MultiPlanner };
  /**
   * Bulk actions: a file refused by its own content or rules (or missing) is reported and the
   * others are written (together, all or nothing). Otherwise (default) any refusal refuses the
   * whole write.
   */
  skipRefused?: boolean;
  /** Plan and check only; write nothing. */
  dryRun?: boolean;
  /** The rules every planned file must pass (default {@link DEFAULT_RULES}). */
  rules?: readonly WriteRule[];
  /**
   * The write's clock, epoch ms (default `Date.now()`): the rules judge embargoes at this
   * instant. The Library fills it from its injectable clock.
   */
  now?: number;
  /** Test points of the atomic replacement (the race harness). */
  hooks?: ReplaceHooks;
}

/** Where a write runs: the Library (ids, locks, index) or the CLI (plain paths). */
export interface WriteHost {
  /**
   * Absolute path of an id.
   * @throws CuratorError for an id that is not an article of the folder.
   */
  resolve(id: string): string;
  /** Runs `fn` while holding the per-file locks of `ids` (writes to a file never overlap). */
  lock<T>(ids: readonly string[], fn: () => Promise<T>): Promise<T>;
  /**
   * Told the state of each file the write read (`external`: what is on disk, possibly changed
   * by someone else) or wrote (`own`), before the outcome is returned; `null` when it is gone.
   */
  observe?(id: string, state: FileState | null, origin: 'own' | 'external'): void;
}

/** The bytes of one file a write changed: what undo restores, and what it expects to find. */
export interface WrittenFile {
  id: string;
  path: string;
  before: FileState;
  after: FileState;
}

/** The outcome as the core sees it: the contract's shape plus the bytes and the states. */
export interface EngineOutcome extends WriteOutcome {
  /** Every file whose new bytes are on disk (in a preview: would be), before and after. */
  written: WrittenFile[];
  /** The main (first) file as it is on disk now, when known (for the outcome's `article`). */
  mainState?: FileState;
}

/** How many files a write reads, or replaces, at the same time. */
const CONCURRENCY = 4;

/** Status of a refusal code in a report: content and rules skip a file, the rest fail it. */
export function statusOf(code: ErrorCode): FileStatus {
  switch (code) {
    case 'malformed':
    case 'invalid':
    case 'read-only':
    case 'too-large':
    case 'not-a-file':
    case 'bad-path':
    case 'bad-value':
    case 'protected-field':
    case 'alias':
    case 'tag':
      return 'skipped';
    default:
      return 'failed';
  }
}

/** One-line explanation of why a malformed file is refused. */
export function malformedReason(parsed: ParsedArticle): string {
  const first = parsed.problems.find((p) => p.severity === 'error') ?? parsed.problems[0];
  return `File cannot be parsed safely and is never written${first ? `: ${first.message}` : ''}`;
}

/**
 * Runs one write through the whole path (see the module comment). Never throws for a refusal
 * or a file-system error: every outcome comes back as an {@link EngineOutcome}.
 */
export function runWrite(host: WriteHost, req: WriteRequest): Promise<EngineOutcome> {
  return new WriteRun(host, req).run();
}

/** One file of a write while it runs. */
interface Slot {
  target: WriteTarget;
  path?: string;
  opened?: OpenedFile;
  plan?: Plan;
  /** Verified parse of the planned bytes. */
  afterParsed?: ParsedArticle;
  line: FileOutcome;
  /** Set once its new bytes are on disk. */
  written?: { expectation: ReplaceExpectation; after: FileState };
  /** What is on disk after a failed write, when re-read. */
  now?: FileState;
}

interface SourceSlot {
  id: string;
  opened?: OpenedFile;
  error?: CuratorError;
}

class WriteRun {
  readonly #host: WriteHost;
  readonly #req: WriteRequest;
  readonly #slots: Slot[];
  readonly #sources: SourceSlot[];
  #planMessage: string | undefined;
  /** What happened, sentence by sentence, when a commit failed (the message then). */
  readonly #story: string[] = [];

  constructor(host: WriteHost, req: WriteRequest) {
    this.#host = host;
    this.#req = req;
    this.#slots = req.files.map((target) => ({
      target,
      line: { id: target.id, status: 'unchanged' },
    }));
    const own = new Set(req.files.map((f) => f.id));
    this.#sources = [...new Set(req.sources ?? [])]
      .filter((id) => !own.has(id))
      .map((id) => ({ id }));
  }

  run(): Promise<EngineOutcome> {
    if (this.#req.files.length > 1 && this.#req.files.some((f) => f.create)) {
      // A create cannot be rolled back by putting bytes back: it is a write of its own.
      throw new Error('A file to create must be the only file of its write.');
    }
    const ids = [...this.#req.files.map((f) => f.id), ...this.#sources.map((s) => s.id)];
    return this.#host.lock(ids, async () => {
      await mapLimit(this.#slots, CONCURRENCY, (s) => this.#read(s));
      await mapLimit(this.#sources, CONCURRENCY, (s) => this.#readSource(s));
      const bad = this.#sources.find((s) => s.error)?.error;
      if (bad) return this.#refuseAll(bad.code, bad.message, []);
      if (!this.#req.skipRefused) {
        const first = this.#slots.find((s) => s.line.status !== 'unchanged');
        if (first)
          return this.#refuseAll(first.line.code!, first.line.reason!, first.line.problems);
      }
      this.#plan();
      this.#check();
      if (!this.#req.skipRefused) {
        const first = this.#slots.find((s) => isRefused(s.line));
        if (first)
          return this.#refuseAll(first.line.code!, first.line.reason!, first.line.problems);
      }
      if (!this.#req.dryRun) await this.#commit();
      return this.#outcome();
    });
  }

  /** Resolves and reads one file; a refusal is recorded on its line. */
  async #read(slot: Slot): Promise<void> {
    const { target } = slot;
    if (target.create) return this.#readAbsent(slot);
    try {
      slot.path = this.#host.resolve(target.id);
      slot.opened = await openForEdit(slot.path);
    } catch (err) {
      const e = asCuratorError(err);
      if (e.code === 'not-found' && slot.path) this.#host.observe?.(target.id, null, 'external');
      refuse(slot, e.code, e.message);
      return;
    }
    const { state } = slot.opened;
    this.#host.observe?.(target.id, state, 'external');
    slot.line.hash = state.parsed.hash;
    // A file that changed since the editor read it is a conflict first (whatever it holds now).
    if (target.baseHash !== undefined && target.baseHash !== state.parsed.hash && !target.force) {
      refuse(slot, 'conflict', 'The file changed on disk since it was read');
    } else if (state.parsed.malformed || state.parsed.data === null) {
      refuse(slot, 'malformed', malformedReason(state.parsed), state.parsed.problems);
    }
  }

  /** A file to create: it must not exist; the planner gets it empty. */
  async #readAbsent(slot: Slot): Promise<void> {
    const { target } = slot;
    try {
      slot.path = this.#host.resolve(target.id);
      if (await existsAt(slot.path)) {
        refuse(slot, 'conflict', `A file exists at ${target.id} again, so it was not replaced`);
        await this.#observeOnDisk(slot);
        return;
      }
      // Gone, as the editor said: the index follows (when no watcher told it yet).
      this.#host.observe?.(target.id, null, 'external');
    } catch (err) {
      const e = asCuratorError(err);
      refuse(slot, e.code, e.message);
      return;
    }
    const bytes = new Uint8Array(0);
    slot.opened = {
      path: slot.path,
      state: { bytes, parsed: parseArticle(bytes), stat: { size: 0, mtimeMs: 0 } },
      expectation: { bytes, dev: -1, ino: -1 },
      mode: 0o644,
    };
  }

  async #readSource(source: SourceSlot): Promise<void> {
    try {
      source.opened = await openForEdit(this.#host.resolve(source.id));
      this.#host.observe?.(source.id, source.opened.state, 'external');
    } catch (err) {
      source.error = asCuratorError(err);
    }
  }

  /** Runs the planner on every readable, well-formed file. */
  #plan(): void {
    const ready = this.#slots.filter((s) => s.opened && s.line.status === 'unchanged');
    const { plan } = this.#req;
    if ('each' in plan) {
      for (const s of ready) s.plan = plan.each(fileAsRead(s));
      return;
    }
    const sources: SourceAsRead[] = this.#sources.map((s) => {
      const st = s.opened!.state;
      return {
        id: s.id,
        path: s.opened!.path,
        identity: identityOf(s.opened!),
        bytes: st.bytes,
        parsed: st.parsed,
        data: st.parsed.data,
      };
    });
    const { plans, message } = plan.all(ready.map(fileAsRead), sources);
    if (plans.length !== ready.length)
      throw new Error('A multi-file planner must plan every file.');
    ready.forEach((s, i) => (s.plan = plans[i]));
    this.#planMessage = message;
  }

  /** The verify parse, the rules and the permission bits, for every write plan. */
  #check(): void {
    const rules = this.#req.rules ?? DEFAULT_RULES;
    const ctx = { now: this.#req.now ?? Date.now() };
    for (const s of this.#slots) {
      const plan = s.plan;
      if (!plan || s.line.status !== 'unchanged') continue;
      if (plan.kind === 'refuse') {
        refuse(s, plan.code, plan.reason, plan.problems);
        continue;
      }
      const before = s.opened!.state;
      if (plan.kind === 'unchanged' || sameBytes(plan.bytes, before.bytes)) {
        s.line.reason = plan.kind === 'unchanged' ? plan.reason : 'already so';
        continue;
      }
      // A write never makes a file Curator would then refuse to read (and an undo could not
      // restore): the size limits of the index and read-for-edit hold for the new bytes too.
      const limit = overLimit(plan.bytes);
      if (limit) {
        refuse(s, 'too-large', `${s.target.id}: ${limit}, so it was not written.`);
        continue;
      }
      const parsed = plan.parsed ?? parseArticle(plan.bytes);
      if (parsed.malformed || parsed.data === null) {
        refuse(s, 'bad-value', 'The edit would leave the file unreadable, so it was not written.');
        continue;
      }
      const beforeData = s.target.create ? {} : before.parsed.data!;
      const ruled = rules.map((rule) => rule(beforeData, parsed.data!, ctx)).find(Boolean);
      if (ruled) {
        refuse(s, ruled.code, ruled.reason, ruled.problems);
        continue;
      }
      if (isReadOnlyMode(s.opened!.mode)) {
        refuse(
          s,
          'read-only',
          `${s.target.id} is read-only (its permissions allow no writing), so Curator does not change it.`,
        );
        continue;
      }
      s.afterParsed = parsed;
      s.line = {
        id: s.target.id,
        status: 'changed',
        changes: plan.changes ?? describeDataChanges(beforeData, parsed.data),
        ...(plan.shared ? { shared: plan.shared } : {}),
        hash: parsed.hash,
        ...(plan.note ? { reason: plan.note } : {}),
      };
    }
  }

  /** Writes every changed file, all or nothing. */
  async #commit(): Promise<void> {
    const todo = this.#slots.filter((s) => s.line.status === 'changed');
    const first: { failed: Slot | null } = { failed: null };
    // Bulk writes replace several files at a time; a multi-file write goes in order.
    await mapLimit(todo, this.#req.skipRefused ? CONCURRENCY : 1, async (s) => {
      if (first.failed) return;
      const failure = await this.#replace(s);
      if (failure && !first.failed) first.failed = s;
    });
    const cause = first.failed;
    if (!cause) {
      for (const s of todo) this.#host.observe?.(s.target.id, s.written!.after, 'own');
      return;
    }
    // All or nothing: put back what was written, and report what was not tried.
    for (const s of todo) {
      if (s === cause || isRefused(s.line)) continue;
      if (s.written) await this.#rollback(s, cause);
      else s.line = notWritten(s.target.id, cause);
    }
  }

  /** Replaces one file; on failure records it on the line and returns it. */
  async #replace(s: Slot): Promise<ErrorCode | null> {
    const plan = s.plan as Extract<Plan, { kind: 'write' }>;
    let code: ErrorCode;
    let reason: string;
    try {
      // A file to create is linked in only where no file is (a file there is a conflict).
      const r = await atomicReplace(s.path!, plan.bytes, {
        expected: s.target.create ? undefined : s.opened!.expectation,
        hooks: this.#req.hooks,
      });
      if (r.status === 'replaced') {
        s.written = {
          expectation: r.expectation,
          after: {
            bytes: plan.bytes,
            parsed: s.afterParsed!,
            stat: { size: plan.bytes.byteLength, mtimeMs: r.mtimeMs },
          },
        };
        return null;
      }
      code = 'conflict';
      reason = s.target.create
        ? `A file appeared at ${s.target.id} while saving, so it was not replaced`
        : r.putBack
          ? 'The file was changed on disk while saving: that change was kept, and this edit was not written'
          : 'The file changed on disk while saving, so this edit was not written';
      this.#story.push(
        `${s.target.id} was not changed: it changed on disk while saving${r.putBack ? ' (that change was kept)' : ''}.`,
      );
    } catch (err) {
      code = 'io';
      reason = `Could not write ${s.target.id}: ${(err as Error).message}`;
      this.#story.push(
        `${s.target.id} was not changed: it could not be written (${(err as Error).message}).`,
      );
    }
    refuse(s, code, reason);
    await this.#observeOnDisk(s);
    return code;
  }

  /**
   * Puts back the previous bytes of a file this write replaced. A file someone changed since
   * our write is left as they made it, and reported.
   */
  async #rollback(s: Slot, cause: Slot): Promise<void> {
    const before = s.opened!.state;
    let restored = false;
    try {
      const r = await atomicReplace(s.path!, before.bytes, { expected: s.written!.expectation });
      restored = r.status === 'replaced';
    } catch {
      restored = false;
    }
    if (restored) {
      s.written = undefined;
      s.line = {
        id: s.target.id,
        status: 'failed',
        code: cause.line.code,
        reason: `restored to its previous content, because ${cause.target.id} could not be written`,
        hash: before.parsed.hash,
      };
      this.#host.observe?.(s.target.id, before, 'own');
      this.#story.push(`${s.target.id} was restored to its previous content.`);
      return;
    }
    s.line.reason =
      'still has the new content: someone changed it right after it was written, so it was not rolled back';
    this.#story.push(`${s.target.id} ${s.line.reason}.`);
    await this.#observeOnDisk(s);
  }

  /** Re-reads a file after a failed or raced write and tells the host what is on disk. */
  async #observeOnDisk(s: Slot): Promise<void> {
    try {
      s.now = await readArticleFile(s.path!);
      s.line.hash = s.now.parsed.hash;
      this.#host.observe?.(s.target.id, s.now, 'external');
    } catch (err) {
      s.line.hash = undefined;
      if (asCuratorError(err).code === 'not-found') {
        this.#host.observe?.(s.target.id, null, 'external');
      }
    }
  }

  /** The outcome of a write refused before anything was written. */
  #refuseAll(code: ErrorCode, reason: string, problems: FileOutcome['problems']): EngineOutcome {
    for (const s of this.#slots) {
      if (isRefused(s.line)) continue;
      s.line = {
        id: s.target.id,
        status: 'unchanged',
        reason: 'not written: the write was refused',
        ...(s.line.hash ? { hash: s.line.hash } : {}),
      };
    }
    const out = this.#outcome();
    return { ...out, ok: false, code, message: reason, problems: problems ?? [], written: [] };
  }

  #outcome(): EngineOutcome {
    const dryRun = !!this.#req.dryRun;
    const results = this.#slots.map((s) => s.line);
    const count = (st: FileStatus): number => results.filter((r) => r.status === st).length;
    const refused = results.find(isRefused);
    const written: WrittenFile[] = [];
    for (const s of this.#slots) {
      const after =
        s.written?.after ??
        (dryRun && s.line.status === 'changed'
          ? {
              bytes: (s.plan as Extract<Plan, { kind: 'write' }>).bytes,
              parsed: s.afterParsed!,
              stat: s.opened!.state.stat,
            }
          : undefined);
      if (after) written.push({ id: s.target.id, path: s.path!, before: s.opened!.state, after });
    }
    const main = this.#slots[0];
    return {
      ok: !refused,
      ...(refused ? { code: refused.code } : {}),
      message: this.#message(refused),
      problems: refused?.problems ?? [],
      dryRun,
      results,
      changed: count('changed'),
      unchanged: count('unchanged'),
      skipped: count('skipped'),
      failed: count('failed'),
      written,
      mainState: main ? (main.written?.after ?? main.now ?? main.opened?.state) : undefined,
    };
  }

  #message(refused: FileOutcome | undefined): string {
    const lines = this.#slots.map((s) => s.line);
    const { label, dryRun, skipRefused } = this.#req;
    if (lines.length === 1) {
      const line = lines[0];
      if (line.status === 'changed') return line.reason ?? label;
      return line.reason ?? label;
    }
    if (!refused && this.#planMessage !== undefined) return this.#planMessage;
    if (this.#story.length && !skipRefused) return this.#story.join(' ');
    if (refused && !skipRefused) {
      return lines
        .filter((l) => l.status !== 'unchanged')
        .map((l) => `${l.id}: ${l.reason ?? l.status}.`)
        .join(' ');
    }
    const n = (st: FileStatus): number => lines.filter((l) => l.status === st).length;
    const parts = [`${label}: ${n('changed')} ${dryRun ? 'would change' : 'changed'}`];
    if (n('unchanged')) parts.push(`${n('unchanged')} unchanged`);
    if (n('skipped')) parts.push(`${n('skipped')} skipped`);
    if (n('failed')) parts.push(`${n('failed')} failed`);
    return parts.join(', ');
  }
}

function isRefused(line: FileOutcome): boolean {
  return line.status === 'skipped' || line.status === 'failed';
}

function refuse(
  slot: Slot,
  code: ErrorCode,
  reason: string,
  problems?: FileOutcome['problems'],
): void {
  slot.line = {
    id: slot.target.id,
    status: statusOf(code),
    code,
    reason,
    ...(problems && problems.length ? { problems } : {}),
    ...(slot.line.hash ? { hash: slot.line.hash } : {}),
  };
}

function notWritten(id: string, cause: Slot): FileOutcome {
  return {
    id,
    status: 'failed',
    code: cause.line.code,
    reason: `not written, because ${cause.target.id} could not be written`,
  };
}

function fileAsRead(slot: Slot): FileAsRead {
  const { state } = slot.opened!;
  return {
    id: slot.target.id,
    path: slot.path!,
    identity: identityOf(slot.opened!),
    bytes: state.bytes,
    parsed: state.parsed,
    data: slot.target.create ? {} : state.parsed.data!,
  };
}

/** `true` when anything (a file, a link, a FIFO) is at `path`. */
async function existsAt(path: string): Promise<boolean> {
  try {
    await fsp.lstat(path);
    return true;
  } catch (err) {
    if (isCode(err, 'ENOENT')) return false;
    throw err;
  }
}

function identityOf(opened: OpenedFile): string {
  return `${opened.expectation.dev}:${opened.expectation.ino}`;
}

function asCuratorError(err: unknown): CuratorError {
  if (err instanceof CuratorError) return err;
  return new CuratorError('io', (err as Error)?.message ?? String(err));
}

/** Why `bytes` would be over the article size limits (core/fs/limits.ts), or `null`. */
function overLimit(bytes: Uint8Array): string | null {
  if (bytes.length > MAX_ARTICLE_BYTES) {
    return `the file would be ${mib(bytes.length)}, over the ${mib(MAX_ARTICLE_BYTES)} limit`;
  }
  const fm = frontMatterBytes(bytes);
  if (fm > MAX_FRONT_MATTER_BYTES) {
    return `the front matter would be ${mib(fm)}, over the ${mib(MAX_FRONT_MATTER_BYTES)} limit`;
  }
  return null;
}

function mib(n: number): string {
  return `${(n / (1024 * 1024)).toFixed(1)} MiB`;
}

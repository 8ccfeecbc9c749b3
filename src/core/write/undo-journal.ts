/**
 * Undo of decisions (PRODUCT.md §3: every decision can be undone; the file gets its previous
 * bytes back, unless it changed since: then it is a conflict). Every write's outcome carries
 * the bytes before and after of each file it wrote; the journal keeps the last steps (bounded
 * in count and in bytes, in memory), and an undo is one more write, planned from them: all or
 * nothing, refused as a conflict when any file is no longer exactly as that write left it.
 */
import { randomBytes } from 'node:crypto';
import type { UndoTicket } from '../../shared/write-outcome';
import type { WriteRequest, WrittenFile } from './engine';
import type { Plan } from './planner';

/** One undoable step: the bytes to put back, and the hash each file must still have. */
export interface UndoStep {
  id: string;
  label: string;
  files: ReadonlyArray<{ id: string; before: Uint8Array; afterHash: string }>;
  /** Bytes held for it. */
  bytes: number;
}

/** Limits of an {@link UndoJournal}. */
export interface UndoLimits {
  /** Most steps kept (default 50); the oldest go first. */
  maxSteps?: number;
  /** Most bytes of previous file contents kept (default 32 MiB); a bigger step is not kept. */
  maxBytes?: number;
}

/** The bounded, in-memory journal of undoable steps of one open folder. */
export class UndoJournal {
  readonly #steps = new Map<string, UndoStep>();
  readonly #maxSteps: number;
  readonly #maxBytes: number;
  #bytes = 0;

  constructor(limits: UndoLimits = {}) {
    this.#maxSteps = limits.maxSteps ?? 50;
    this.#maxBytes = limits.maxBytes ?? 32 * 1024 * 1024;
  }

  /**
   * Records a write that changed files; returns its ticket, or `undefined` when nothing was
   * written or the step alone is over the byte limit.
   */
  record(label: string, written: readonly WrittenFile[]): UndoTicket | undefined {
    if (written.length === 0) return undefined;
    const bytes = written.reduce((n, f) => n + f.before.bytes.byteLength, 0);
    if (bytes > this.#maxBytes) return undefined;
    const step: UndoStep = {
      id: `undo-${randomBytes(9).toString('base64url')}`,
      label,
      files: written.map((f) => ({
        id: f.id,
        before: f.before.bytes,
        afterHash: f.after.parsed.hash,
      })),
      bytes,
    };
    this.#steps.set(step.id, step);
    this.#bytes += bytes;
    for (const old of this.#steps.values()) {
      if (this.#steps.size <= this.#maxSteps && this.#bytes <= this.#maxBytes) break;
      this.delete(old.id);
    }
    return { id: step.id, label, files: step.files.length };
  }

  /** The step of a ticket, if it is still kept. */
  get(id: string): UndoStep | undefined {
    return this.#steps.get(id);
  }

  /** Forgets a step (after it was undone). */
  delete(id: string): void {
    const step = this.#steps.get(id);
    if (!step) return;
    this.#steps.delete(id);
    this.#bytes -= step.bytes;
  }

  /** Forgets every step (a folder was closed). */
  clear(): void {
    this.#steps.clear();
    this.#bytes = 0;
  }

  /** Number of steps kept. */
  get size(): number {
    return this.#steps.size;
  }

  /** Bytes of previous contents kept. */
  get bytes(): number {
    return this.#bytes;
  }
}

/**
 * The write that undoes a step: every file gets its previous bytes back exactly, in one
 * all-or-nothing write; a file whose content hash is no longer the one the step left is a
 * conflict (nothing is written). No rules: it restores bytes that were on disk.
 */
export function undoRequest(step: UndoStep): WriteRequest {
  return {
    label: `Undo ${step.label}`,
    files: step.files.map((f) => ({ id: f.id, baseHash: f.afterHash })),
    plan: {
      all: (files) => ({
        plans: files.map((file): Plan => {
          const entry = step.files.find((f) => f.id === file.id)!;
          return { kind: 'write', bytes: entry.before, note: `Undid ${step.label}` };
        }),
        message: `Undid ${step.label}.`,
      }),
    },
    rules: [],
  };
}

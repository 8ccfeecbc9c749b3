/**
 * The editor's edit model for one article: a patch (PatchOp[]) over the article's front
 * matter and body as read, with undo/redo, plus the entries typed into a field that are not
 * a value yet (drafts). A body edit is one `body` op at the end of the patch, present only
 * while the body differs from the body as read. Pure functions only. What a patch
 * means on the data is the shared patch module's (src/shared/patch.ts): the same
 * code the codec checks its writes against, so the preview is what Save writes.
 *
 * Invariants:
 * - the state belongs to one article (`id`); actions for another article are ignored;
 * - only paths the editor touched appear in the patch;
 * - setting a value back to its original removes the op (so Save sends nothing for it and
 *   the codec restores the original bytes);
 * - no two ops overlap (an op never addresses a descendant of another op's path);
 * - the patch always applies to `base` (an edit the codec would refuse is not taken).
 */
import type { FieldPatchOp, FrontMatter, PatchOp } from '../../../shared/article';
import { getAtPath, parsePath } from '../../../shared/field-path';
import { deepEqual, isFieldOp, patchData } from '../../../shared/patch';
import { bodyOp, withBody } from './body-edit';
import { isPrefix, withFieldOp, withOp } from './edit-ops';

export { withOp };

/**
 * Text typed into a field that is not a value of that field (`abc` in Heat): an unsaved
 * change of its article that Save refuses with `message`.
 */
export interface FieldDraft {
  text: string;
  /** Why the text is not a value, e.g. `Heat must be a number.` */
  message: string;
}

/** Editor state of one article: the data as read plus the patch, its history and drafts. */
export interface EditState {
  /** Id of the article this state belongs to (`null`: none, or not tied to one). */
  id: string | null;
  base: FrontMatter;
  /** The body as read. */
  baseBody: string;
  ops: PatchOp[];
  past: PatchOp[][];
  future: PatchOp[][];
  /** Path of the last edit, so typing in one field coalesces into one undo step. */
  lastPath: string | null;
  /** Entries that are not values yet, by field path. */
  drafts: ReadonlyMap<string, FieldDraft>;
}

/**
 * Actions of the edit reducer. An action with an `id` (every action the editor dispatches
 * carries one) is ignored unless the state belongs to that article.
 */
export type EditAction = { id?: string | null } & (
  | { type: 'set'; path: string; value: unknown; coalesce?: boolean }
  | { type: 'unset'; path: string; coalesce?: boolean }
  | { type: 'body'; value: string; coalesce?: boolean }
  | { type: 'draft'; path: string; draft: FieldDraft | null }
  | { type: 'revert' }
  | { type: 'undo' }
  | { type: 'redo' }
  | { type: 'reset'; base: FrontMatter; body?: string }
  | { type: 'rebase'; base: FrontMatter; body?: string }
);

/** `lastPath` of body typing (never a field path: those cannot hold a NUL). */
const BODY_EDIT = '\u0000body';

const NO_DRAFTS: ReadonlyMap<string, FieldDraft> = new Map();

/** A fresh state for an article's front matter (and body). */
export function initialEditState(
  base: FrontMatter,
  id: string | null = null,
  baseBody = '',
): EditState {
  return { id, base, baseBody, ops: [], past: [], future: [], lastPath: null, drafts: NO_DRAFTS };
}

/** The front matter as the editor shows it: `state.base` with the patch applied. */
export function previewOf(state: Pick<EditState, 'base' | 'ops'>): FrontMatter {
  return patchData(state.base, state.ops);
}

/** `true` when the state holds unsaved changes (a patch or a draft). */
export function isDirty(state: EditState): boolean {
  return state.ops.length > 0 || state.drafts.size > 0;
}

/**
 * Re-expresses `ops` (a patch over `from`) as a patch over `to` that yields the same values
 * at every path in `paths`.
 */
function rebaseOps(
  from: FrontMatter,
  to: FrontMatter,
  ops: readonly PatchOp[],
  paths: readonly string[],
): FieldPatchOp[] {
  const data = patchData(from, ops);
  let out: FieldPatchOp[] = [];
  for (const path of paths) out = withFieldOp(to, out, path, getAtPath(data, path));
  return out;
}

/**
 * After a save the file is the new base. The history is kept, re-expressed over it, so
 * Ctrl+Z still steps back past the save (and saving that restores the earlier bytes), and
 * edits typed while the save was in flight stay unsaved rather than lost.
 */
export function rebaseEditState(
  state: EditState,
  base: FrontMatter,
  baseBody: string = state.baseBody,
): EditState {
  const all = [state.ops, ...state.past, ...state.future];
  const paths = [...new Set(all.flatMap((ops) => ops.filter(isFieldOp).map((o) => o.path)))].sort(
    (a, b) => parsePath(a).length - parsePath(b).length,
  );
  // Each step of the history means a whole body: its own, or the body as read before.
  const move = (ops: readonly PatchOp[]) =>
    withBody(rebaseOps(state.base, base, ops, paths), baseBody, bodyOp(ops) ?? state.baseBody);
  return {
    ...state,
    base,
    baseBody,
    ops: move(state.ops),
    past: state.past.map(move),
    future: state.future.map(move),
    lastPath: null,
  };
}

/** Drafts without those at `path` or below it (the field was given a value). */
function dropDrafts(drafts: ReadonlyMap<string, FieldDraft>, path: string) {
  if (drafts.size === 0) return drafts;
  const segs = parsePath(path);
  const kept = [...drafts].filter(([p]) => !isPrefix(segs, parsePath(p)));
  return kept.length === drafts.size ? drafts : new Map(kept);
}

/** The edit reducer: every change of the patch goes through here. */
export function editReducer(state: EditState, action: EditAction): EditState {
  if (action.type === 'reset') {
    return initialEditState(action.base, action.id ?? null, action.body ?? '');
  }
  if (action.id !== undefined && action.id !== state.id) return state;
  switch (action.type) {
    case 'rebase':
      try {
        return rebaseEditState(state, action.base, action.body ?? state.baseBody);
      } catch {
        // The saved file no longer fits the history (changed shape): start over from it.
        return {
          ...initialEditState(action.base, state.id, action.body ?? state.baseBody),
          drafts: state.drafts,
        };
      }
    case 'body': {
      const ops = withBody(state.ops, state.baseBody, action.value);
      if (deepEqual(ops, state.ops)) return state;
      const coalesce = action.coalesce === true && state.lastPath === BODY_EDIT;
      return {
        ...state,
        ops,
        past: coalesce && state.past.length > 0 ? state.past : [...state.past, state.ops],
        future: [],
        lastPath: action.coalesce ? BODY_EDIT : null,
      };
    }
    case 'set':
    case 'unset': {
      const value = action.type === 'set' ? action.value : undefined;
      let ops: PatchOp[];
      try {
        ops = withOp(state.base, state.ops, action.path, value);
      } catch {
        return state; // the codec would refuse this patch: the editor does not take it
      }
      const drafts = dropDrafts(state.drafts, action.path);
      if (deepEqual(ops, state.ops)) return drafts === state.drafts ? state : { ...state, drafts };
      const coalesce = action.coalesce === true && state.lastPath === action.path;
      return {
        ...state,
        ops,
        drafts,
        past: coalesce && state.past.length > 0 ? state.past : [...state.past, state.ops],
        future: [],
        lastPath: action.coalesce ? action.path : null,
      };
    }
    case 'draft': {
      const current = state.drafts.get(action.path);
      if (action.draft === null) {
        if (!current) return state;
        const drafts = new Map(state.drafts);
        drafts.delete(action.path);
        return { ...state, drafts };
      }
      if (current?.text === action.draft.text && current.message === action.draft.message)
        return state;
      return { ...state, drafts: new Map(state.drafts).set(action.path, action.draft) };
    }
    case 'revert':
      if (!isDirty(state)) return state;
      return {
        ...state,
        ops: [],
        drafts: NO_DRAFTS,
        past: state.ops.length > 0 ? [...state.past, state.ops] : state.past,
        future: [],
        lastPath: null,
      };
    case 'undo': {
      if (state.past.length === 0) return state;
      const prev = state.past[state.past.length - 1];
      return {
        ...state,
        ops: prev,
        drafts: NO_DRAFTS,
        past: state.past.slice(0, -1),
        future: [state.ops, ...state.future],
        lastPath: null,
      };
    }
    case 'redo': {
      if (state.future.length === 0) return state;
      const [next, ...rest] = state.future;
      return {
        ...state,
        ops: next,
        drafts: NO_DRAFTS,
        past: [...state.past, state.ops],
        future: rest,
        lastPath: null,
      };
    }
  }
}

/**
 * The shape of the open article's editor (hooks/use-article-editor.ts): what every editor
 * component reads and calls.
 */
import type { Article, FrontMatter, PatchOp, Problem } from '../../../shared/article';
import type { FieldDraft } from '../lib/edit-state';
import type { SaveRefusal } from '../lib/save-check';
import type { ConflictState } from './use-article-file';

/** Everything the editor UI needs. */
export interface ArticleEditor {
  id: string | null;
  article: Article | null;
  loading: boolean;
  loadError: string | null;
  /** The file was deleted on disk while open. */
  removed: boolean;
  /** Front matter with the patch applied (what the widgets show). */
  data: FrontMatter;
  /** Original front matter (as read). */
  base: FrontMatter;
  /** The Markdown body with the patch applied (what the body pane shows). */
  body: string;
  patch: PatchOp[];
  /** Entries typed into fields that are not values yet, by field path. */
  drafts: ReadonlyMap<string, FieldDraft>;
  /** Unsaved changes: a patch or a draft. */
  dirty: boolean;
  canUndo: boolean;
  canRedo: boolean;
  /** Type/range/format problems of `data`, recomputed on every edit. */
  problems: Problem[];
  /** What would block publishing `data`. */
  publishIssues: Problem[];
  saving: boolean;
  conflict: ConflictState | null;
  /** Why the last save was refused (a draft, the publish rules, the engine's `invalid`). */
  saveRefusal: SaveRefusal | null;
  clearSaveRefusal(): void;
  /** Sets a field; `coalesce` merges consecutive typing in one field into one undo step. */
  set(path: string, value: unknown, coalesce?: boolean): void;
  unset(path: string, coalesce?: boolean): void;
  /**
   * Sets the body to `text` as typed in a text box (line breaks as `\n`; written back with
   * the body's own line endings); typing coalesces into one undo step.
   */
  setBody(text: string): void;
  /** Records (or with `null` clears) text typed into `path` that is not a value. */
  setDraft(path: string, draft: FieldDraft | null): void;
  undo(): void;
  redo(): void;
  revert(): void;
  /** Saves the patch; resolves `true` when the file is saved (or there was nothing to save). */
  save(force?: boolean): Promise<boolean>;
  /**
   * Resolves a conflict: saves `patch` (the merged result) over `current`, the file as it is
   * on disk, which becomes the new base; `patch` null writes the edits over whatever is there
   * (the disk version could not be read). Resolves `true` when saved.
   */
  saveOver(current: Article | null, patch: PatchOp[] | null): Promise<boolean>;
  /**
   * "Save as new file" after the file was deleted on disk: writes it again from the article
   * as last read with the unsaved edits; refused (a conflict) when a file is there again.
   */
  saveAsNew(): Promise<boolean>;
  /** Counts the editor's own field edits (not undo, redo or revert): a new edit bumps it. */
  editCount: number;
  /** Reloads from disk, dropping unsaved edits. */
  reload(): Promise<void>;
  dismissConflict(): void;
  /** Replaces the loaded article (after an action that rewrote the file). */
  refreshFromDisk(): Promise<void>;
}

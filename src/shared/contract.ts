/**
 * The API contract: one typed map from method name to argument schema and result type.
 * Both transports (Electron IPC and browser-mode HTTP) and the renderer derive their
 * types from this file, and every incoming call is validated against `argSchemas`
 * before it reaches the core.
 */
import { z } from 'zod';
import type { Article, Problem } from './article';
import type { Facets, QueryResult } from './query-types';
import type { MenuCommandEvent } from './api-error';
import { CuratorError } from './errors';
import type { ArticlePick, RelatedSuggestion } from './related';
import { MAX_PATCH_OPS, type UndoTicket, type WriteOutcome } from './write-outcome';
import { MAX_BODY_LENGTH } from './patch';
import type {
  ArticleConflicts,
  DeskStatus,
  FieldConflict,
  HistoryEntry,
  SyncProgress,
  SyncReport,
} from './desk';
import { ZONED_TIME_HINT, parseZonedDateTime } from './workflow';

export {
  CuratorError,
  isErrorCode,
  type ErrorCode,
  type ApiErrorInfo,
  type CallResponse,
  type MenuCommand,
  type MenuCommandEvent,
} from './api-error';
export type { FileOutcome, FileStatus, UndoTicket, WriteOutcome } from './write-outcome';

/** An article id: a relative, `/`-separated path to a `.md` file inside the content folder. */
export const articleId = z
  .string()
  .min(1)
  .max(4096)
  .refine(
    (s) =>
      s.toLowerCase().endsWith('.md') &&
      !s.startsWith('/') &&
      !/^[a-zA-Z]:/.test(s) &&
      !s.includes('\\') &&
      !s.includes('\0') &&
      !s.split('/').some((seg) => seg === '..' || seg === '.' || seg === ''),
    { message: 'not an article id inside the content folder' },
  );

const reviewState = z.enum(['unreviewed', 'approved', 'rejected']);
/**
 * Workflow states a query can ask for (any of them matches): `scheduled` (approved,
 * `publishAt` set, not published, not killed), `embargoed` (the embargo has not passed, by
 * the service's clock), `killed` (a `kill` map).
 */
const workflowState = z.enum(['scheduled', 'embargoed', 'killed']);
/**
 * A workflow time as an editor gives it: ISO 8601 with `Z` or an offset. A time without a
 * zone is refused (`bad-request`), never guessed; the core stores it as UTC
 * `YYYY-MM-DDTHH:MM:SSZ`.
 */
const zonedTime = z
  .string()
  .min(1)
  .max(64)
  .refine((s) => !Number.isNaN(parseZonedDateTime(s)), { message: `must be ${ZONED_TIME_HINT}` });
/** An editor's name (`assignee`, a reviewer). */
const personName = z.string().trim().min(1).max(200);
const sortKey = z.enum([
  'title',
  'provider',
  'category',
  'publishedDateTime',
  'quality',
  'heat',
  'review',
  'published',
  'path',
]);
const fieldPath = z.string().min(1).max(1000);
const setOp = z
  .object({
    op: z.literal('set'),
    path: fieldPath,
    value: z.unknown(),
    text: z.string().max(10_000).optional(),
  })
  .strict();
const unsetOp = z.object({ op: z.literal('unset'), path: fieldPath }).strict();
/** An op of a bulk edit: front-matter fields only (one body for many files makes no sense). */
const fieldPatchOp = z.discriminatedUnion('op', [setOp, unsetOp]);
/** An op of one article's save: a field, or the Markdown body (size-capped). */
const patchOp = z.discriminatedUnion('op', [
  setOp,
  unsetOp,
  z.object({ op: z.literal('body'), value: z.string().max(MAX_BODY_LENGTH) }).strict(),
]);
const ids = z.array(articleId).max(100_000);
const hash = z.string().min(1).max(128);
/** Position in a `related` list (0-based, like `related[0]`). */
const relatedIndex = z.number().int().min(0).max(10_000);
const relatedFields = {
  title: z.string().max(1000),
  excerpt: z.string().max(20_000),
  publishedDateTime: z.string().max(64),
  webUrl: z.string().max(8192),
  type: z.string().max(200),
  provider: z
    .object({ name: z.string().max(500).optional(), domain: z.string().max(500).optional() })
    .strict(),
  quality: z.number().finite(),
  images: z
    .array(
      z
        .object({
          url: z.string().max(8192).optional(),
          width: z.number().int().positive().max(100_000).optional(),
          height: z.number().int().positive().max(100_000).optional(),
          isCached: z.boolean().optional(),
        })
        .strict(),
    )
    .max(100),
};
/** A related item typed by hand (the core requires `title` and an http(s) `webUrl`). */
const relatedItem = z
  .object({
    title: relatedFields.title.optional(),
    excerpt: relatedFields.excerpt.optional(),
    publishedDateTime: relatedFields.publishedDateTime.optional(),
    webUrl: relatedFields.webUrl.optional(),
    type: relatedFields.type.optional(),
    provider: relatedFields.provider.optional(),
    quality: relatedFields.quality.optional(),
    images: relatedFields.images.optional(),
  })
  .strict();
/** Fields to change on a related item; `null` removes an optional one. */
const relatedEditFields = z
  .object({
    title: relatedFields.title.optional(),
    excerpt: relatedFields.excerpt.nullable().optional(),
    publishedDateTime: relatedFields.publishedDateTime.nullable().optional(),
    webUrl: relatedFields.webUrl.optional(),
    type: relatedFields.type.nullable().optional(),
    provider: relatedFields.provider.nullable().optional(),
    quality: relatedFields.quality.nullable().optional(),
    images: relatedFields.images.nullable().optional(),
  })
  .strict();
/** A commit name as the editor picked it from a history (a full or abbreviated id, or a ref). */
const commitName = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[A-Za-z0-9._/@{}~^-]+$/, { message: 'not a commit name' })
  .refine((s) => !s.startsWith('-'), { message: 'not a commit name' });
/** How to settle one clashing field: keep mine, take theirs, or an edited value. */
const conflictChoice = z.union([
  z.literal('mine'),
  z.literal('theirs'),
  z.object({ value: z.unknown() }).strict(),
]);
/** An article's state since the last sync (src/shared/desk.ts DeskFileState). */
const deskFileState = z.enum(['modified', 'added', 'deleted', 'conflicted']);
/** Every related-link write names the article and the hash the editor read it at. */
const relatedWrite = { id: articleId, baseHash: hash, force: z.boolean().optional() };

/** The filters of a query (and of a saved view), without its window. */
const queryFilters = {
  text: z.string().max(1000).optional(),
  review: z.array(reviewState).optional(),
  published: z.boolean().optional(),
  category: z.array(z.string().max(1000)).optional(),
  topic: z.array(z.string().max(1000)).optional(),
  provider: z.array(z.string().max(1000)).optional(),
  qualityMin: z.number().optional(),
  qualityMax: z.number().optional(),
  dateFrom: z.string().max(64).optional(),
  dateTo: z.string().max(64).optional(),
  hasProblems: z.boolean().optional(),
  malformed: z.boolean().optional(),
  assignee: z.array(z.string().max(200)).max(100).optional(),
  state: z.array(workflowState).optional(),
  /**
   * Only articles in one of these states since the last sync (the desk status; a deleted
   * article is not in the index, so `deleted` matches none). No article matches while the
   * team features are off.
   */
  deskState: z.array(deskFileState).max(4).optional(),
  sort: z
    .object({ key: sortKey, dir: z.enum(['asc', 'desc']) })
    .strict()
    .optional(),
};

/** A named filter set kept in Settings (shown as a tab above the list). */
export const savedViewSchema = z
  .object({ name: z.string().trim().min(1).max(100), query: z.object(queryFilters).strict() })
  .strict();

/** Fields a bulk edit sets (each file changes only these lines). */
const bulkFieldSet = z
  .object({
    category: z.string().trim().min(1).max(1000).optional(),
    type: z.string().trim().min(1).max(200).optional(),
    provider: z
      .object({
        name: z.string().trim().min(1).max(500).optional(),
        domain: z.string().trim().min(1).max(500).optional(),
      })
      .strict()
      .refine((p) => p.name !== undefined || p.domain !== undefined, {
        message: 'give a provider name or domain',
      })
      .optional(),
    quality: z.number().finite().min(0).max(100).optional(),
    heat: z.number().finite().optional(),
    assignee: personName.optional(),
    embargo: zonedTime.optional(),
    publishAt: zonedTime.optional(),
  })
  .strict();

/** Fields a bulk edit can clear (remove from the front matter). */
const clearableField = z.enum([
  'category',
  'type',
  'topics',
  'provider',
  'quality',
  'heat',
  'assignee',
  'embargo',
  'publishAt',
]);

/** Runtime schemas of every method's single argument object. */
export const argSchemas = {
  getFolder: z.object({}).strict(),
  openFolder: z.object({ path: z.string().min(1).max(4096).optional() }).strict(),
  recentFolders: z.object({}).strict(),
  query: z
    .object({
      ...queryFilters,
      find: articleId.optional(),
      offset: z.number().int().min(0).optional(),
      limit: z.number().int().min(0).max(100_000).optional(),
    })
    .strict(),
  facets: z.object({}).strict(),
  getArticle: z.object({ id: articleId }).strict(),
  save: z
    .object({
      id: articleId,
      baseHash: z.string().min(1).max(128),
      patch: z.array(patchOp).max(MAX_PATCH_OPS),
      force: z.boolean().optional(),
    })
    .strict(),
  /**
   * `{ids, status, dryRun?}`: approve / reject (`null`: back to unreviewed). Rejecting a
   * published article also unpublishes it in the same write (its line's `reason` is
   * "rejected and unpublished"). → WriteOutcome.
   */
  review: z
    .object({
      ids,
      status: z.enum(['approved', 'rejected']).nullable(),
      dryRun: z.boolean().optional(),
    })
    .strict(),
  /**
   * `{ids, approve?, dryRun?}`: `published: true` where the rules allow it (approved, not killed,
   * no embargo in force, the publish rules of §1); refused files are skipped with every reason
   * (problem codes `not-approved`, `rejected`, `killed`, `embargo`, `required`, …). With
   * `approve: true`, an unreviewed article is approved and published in one write (one undo
   * step); a rejected one is still refused. → WriteOutcome.
   */
  publish: z
    .object({ ids, approve: z.boolean().optional(), dryRun: z.boolean().optional() })
    .strict(),
  unpublish: z.object({ ids, dryRun: z.boolean().optional() }).strict(),
  publishApproved: z.object({ dryRun: z.boolean().optional() }).strict(),
  bulkEdit: z
    .object({ ids, patch: z.array(fieldPatchOp).max(100), dryRun: z.boolean().optional() })
    .strict(),
  bulkTopics: z
    .object({
      ids,
      add: z.array(z.string().trim().min(1).max(200)).max(50).optional(),
      remove: z.array(z.string().trim().min(1).max(200)).max(50).optional(),
      dryRun: z.boolean().optional(),
    })
    .strict(),
  validate: z.object({}).strict(),
  getSettings: z.object({}).strict(),
  /** `{reviewer?, email?, runHooks?, views?}`: `views` replaces the saved views (≤ 50). → Settings. */
  setSettings: z
    .object({
      reviewer: z.string().max(200).optional(),
      /** '' clears it (desk commits then use git's own identity). */
      email: z.string().max(200).optional(),
      /** Run the open folder's repository hooks on sync. */
      runHooks: z.boolean().optional(),
      views: z.array(savedViewSchema).max(50).optional(),
    })
    .strict(),
  openExternal: z.object({ url: z.string().max(8192) }).strict(),
  relatedAdd: z
    .object({
      ...relatedWrite,
      from: articleId.optional(),
      item: relatedItem.optional(),
      index: relatedIndex.optional(),
      reciprocal: z.boolean().optional(),
      otherBaseHash: hash.optional(),
    })
    .strict()
    .refine((a) => (a.from === undefined) !== (a.item === undefined), {
      message: 'give either from (another article) or item (a link typed by hand)',
    })
    .refine((a) => a.from !== undefined || (!a.reciprocal && a.otherBaseHash === undefined), {
      message: 'a reciprocal link needs another article (from)',
    }),
  relatedEdit: z
    .object({ ...relatedWrite, index: relatedIndex, fields: relatedEditFields })
    .strict(),
  relatedRemove: z.object({ ...relatedWrite, index: relatedIndex }).strict(),
  relatedMove: z.object({ ...relatedWrite, from: relatedIndex, to: relatedIndex }).strict(),
  relatedRefresh: z.object({ ...relatedWrite, index: relatedIndex.optional() }).strict(),
  undo: z.object({ id: z.string().min(1).max(200) }).strict(),
  createArticle: z
    .object({
      id: articleId,
      frontMatter: z.string().max(1024 * 1024),
      body: z.string().max(8 * 1024 * 1024),
      patch: z.array(patchOp).max(MAX_PATCH_OPS),
    })
    .strict(),
  relatedSuggest: z
    .object({ id: articleId, limit: z.number().int().min(1).max(50).optional() })
    .strict(),
  relatedTargets: z.object({ id: articleId }).strict(),
  searchArticles: z
    .object({
      text: z.string().max(500),
      forId: articleId.optional(),
      limit: z.number().int().min(1).max(200).optional(),
    })
    .strict(),
  deskStatus: z.object({}).strict(),
  sync: z.object({ message: z.string().trim().min(1).max(2000).optional() }).strict(),
  history: z
    .object({ id: articleId, limit: z.number().int().min(1).max(100_000).optional() })
    .strict(),
  restoreField: z
    .object({ id: articleId, path: fieldPath, commit: commitName, baseHash: hash.optional() })
    .strict(),
  conflicts: z.object({ id: articleId.optional() }).strict(),
  resolveConflict: z
    .object({
      id: articleId,
      /** One side for every clashing field, or a choice per field path (`''`: whole article). */
      choices: z.union([
        z.literal('mine'),
        z.literal('theirs'),
        z
          .array(z.object({ path: z.string().max(1000), choice: conflictChoice }).strict())
          .min(1)
          .max(1000),
      ]),
    })
    .strict(),
  cloneDesk: z
    .object({
      url: z.string().min(1).max(4096),
      /** New (or empty) folder to clone into; absent: the folder dialog (desktop). */
      path: z.string().min(1).max(4096).optional(),
    })
    .strict(),
  startDesk: z.object({}).strict(),
  /**
   * `{ids, until, dryRun?}`: sets `embargo` to `until` (stored as UTC) on each article, or with
   * `until: null` removes it. Refused per file (skipped, code `invalid`, problem `published`)
   * on a published article while the embargo is in force. → WriteOutcome.
   */
  embargo: z.object({ ids, until: zonedTime.nullable(), dryRun: z.boolean().optional() }).strict(),
  /**
   * `{ids, at, approve?, dryRun?}`: sets `publishAt` to `at` (UTC), or with `at: null` removes
   * it. Only approved articles, not killed, not published (problems `not-approved`, `rejected`,
   * `killed`, `published`); `approve: true` approves an unreviewed one in the same write
   * (`review.by` = the reviewer setting). → WriteOutcome.
   */
  schedule: z
    .object({
      ids,
      at: zonedTime.nullable(),
      approve: z.boolean().optional(),
      dryRun: z.boolean().optional(),
    })
    .strict(),
  /**
   * `{id, reason}`: kills one article in one write: `published: false`, `kill: {reason, by,
   * at}` (by = the reviewer setting, at = the service clock), any `publishAt` removed. A
   * killed article is left alone (`unchanged`). → WriteOutcome with `article`.
   */
  kill: z.object({ id: articleId, reason: z.string().trim().min(1).max(2000) }).strict(),
  /** `{id}`: lifts the kill (removes the `kill` map); it stays unpublished. → WriteOutcome. */
  liftKill: z.object({ id: articleId }).strict(),
  /** `{ids, to, dryRun?}`: `assignee: to` (trimmed) on each article, or removed (`null`). */
  assign: z.object({ ids, to: personName.nullable(), dryRun: z.boolean().optional() }).strict(),
  /**
   * A bulk field edit: `set` fields, `clear` fields, `topicsAdd`/`topicsRemove` (each file's own
   * list, case-insensitive), on every id. `baseHashes` (id → the hash the editor's list showed)
   * makes a file changed since a conflict (failed, untouched). Malformed files and files the
   * rules refuse (e.g. `publishAt` on an unapproved article) are skipped, untouched; the rest
   * are written together: one undo ticket. `dryRun` answers `preview: {id, diff}`, the unified
   * diff of the first file that would change. → BulkSetOutcome.
   */
  bulkSet: z
    .object({
      ids,
      set: bulkFieldSet.optional(),
      clear: z.array(clearableField).max(20).optional(),
      topicsAdd: z.array(z.string().trim().min(1).max(200)).max(50).optional(),
      topicsRemove: z.array(z.string().trim().min(1).max(200)).max(50).optional(),
      baseHashes: z.record(z.string().max(4096), hash).optional(),
      dryRun: z.boolean().optional(),
    })
    .strict()
    .refine((a) => !(a.clear ?? []).some((f) => a.set && f in a.set), {
      message: 'a field cannot be both set and cleared',
    })
    .refine(
      (a) =>
        !(a.clear ?? []).includes('topics') ||
        ((a.topicsAdd ?? []).length === 0 && (a.topicsRemove ?? []).length === 0),
      { message: 'topics cannot be both cleared and edited' },
    ),
  /**
   * `{dryRun?}`: publishes every due article now (by the service clock: `publishAt` and any
   * embargo passed, not published), removing its `publishAt` in the same write; due articles
   * the rules refuse are skipped with their reasons. What the scheduler does on its own.
   */
  publishDue: z.object({ dryRun: z.boolean().optional() }).strict(),
} as const;

/** Name of a contract method. */
export type MethodName = keyof typeof argSchemas;

/** Information about the open content folder. */
export interface FolderInfo {
  /** Absolute path of the folder. */
  path: string;
  /** Display name (last path segment). */
  name: string;
  /** `true` when this is the bundled sample folder. */
  isSample: boolean;
  /** Number of `.md` files indexed. */
  count: number;
}

/** Problems of the whole folder, file by file (malformed files included). */
export interface FolderProblems {
  files: Array<{ id: string; malformed: boolean; problems: Problem[] }>;
  errorCount: number;
  warningCount: number;
}

/**
 * A saved view: a named filter set (the filters of {@link Query} and its sort, no window),
 * kept in Settings and shown as a tab above the list. The built-in views (Assigned to me,
 * Scheduled, Under embargo, Killed) are not stored: see `builtInViews` in src/shared/views.ts.
 */
export type SavedView = z.infer<typeof savedViewSchema>;

/** User settings. */
export interface Settings {
  /** Name written into `review.by` and `kill.by`; defaults to the OS user name. */
  reviewer: string;
  /** E-mail for desk commits (author = reviewer name + this); '' = git's own identity. */
  email: string;
  /** Whether the open folder's repository hooks run on sync (off unless turned on). */
  runHooks: boolean;
  /** The editor's saved views, in tab order (`setSettings({views})` replaces the list). */
  views: SavedView[];
}

/** Outcome of resolving (some of) an article's clashing fields. */
export interface ResolveResult {
  path: string;
  /** `true` when no clash is left: the file is staged and the next sync commits it. */
  staged: boolean;
  /** Clashes still to resolve. */
  remaining: FieldConflict[];
}

/**
 * What a bulk field edit changes on every file (`bulkSet`): `set` values (times with a zone,
 * stored as UTC), `clear` fields removed, topics added and removed against each file's own
 * list. A field cannot be both set and cleared.
 */
export type BulkFieldChange = Pick<
  z.infer<(typeof argSchemas)['bulkSet']>,
  'set' | 'clear' | 'topicsAdd' | 'topicsRemove'
>;

/** A field a bulk edit can clear. */
export type ClearableField = z.infer<typeof clearableField>;

/**
 * The outcome of `bulkSet`: a {@link WriteOutcome} (per-file status, counts, one undo ticket
 * for the whole batch) and, for a preview (`dryRun`), one file's change as a unified diff of
 * its bytes before and after (the first file that would change), so the editor sees exactly
 * which lines will change.
 */
export interface BulkSetOutcome extends WriteOutcome {
  preview?: { id: string; diff: string };
}

/** Result type of every method. */
export interface ResultMap {
  getFolder: FolderInfo | null;
  openFolder: FolderInfo | null;
  recentFolders: string[];
  query: QueryResult;
  facets: Facets;
  getArticle: Article;
  save: WriteOutcome;
  review: WriteOutcome;
  publish: WriteOutcome;
  unpublish: WriteOutcome;
  publishApproved: WriteOutcome;
  bulkEdit: WriteOutcome;
  bulkTopics: WriteOutcome;
  validate: FolderProblems;
  getSettings: Settings;
  setSettings: Settings;
  openExternal: { opened: boolean };
  relatedAdd: WriteOutcome;
  relatedEdit: WriteOutcome;
  relatedRemove: WriteOutcome;
  relatedMove: WriteOutcome;
  relatedRefresh: WriteOutcome;
  /** Puts back the bytes a write (its `undo` ticket id) replaced, all or nothing. */
  undo: WriteOutcome;
  /**
   * "Save as new file": writes an article that was deleted on disk while open, from its front
   * matter and body as last read plus the editor's patch. Refused (`conflict`) when a file is
   * at the id again: it is never replaced. No undo ticket (undoing it would delete a file).
   */
  createArticle: WriteOutcome;
  relatedSuggest: RelatedSuggestion[];
  /** For each item of the article's `related` list, the id of the folder's article it links to. */
  relatedTargets: Array<string | null>;
  searchArticles: ArticlePick[];
  /** Git state of the open folder, or why team features are off. */
  deskStatus: DeskStatus;
  /** One sync: commit, fetch, merge by field, push. Progress arrives as `sync-progress` events. */
  sync: SyncReport;
  /** Commits that touched an article (renames followed), newest first, with field changes. */
  history: HistoryEntry[];
  /** Sets one field back to its value in a listed version (a surgical, undoable save). */
  restoreField: WriteOutcome;
  /** Articles in conflict (all, or one), each with its clashing fields. */
  conflicts: ArticleConflicts[];
  /** Applies per-field choices to a conflicted article; stages it when nothing clashes. */
  resolveConflict: ResolveResult;
  /** Clones a desk into a new folder and opens it. Null when the folder dialog was cancelled. */
  cloneDesk: FolderInfo | null;
  /** Turns the open folder (in no repository) into a desk: init and a first commit. */
  startDesk: DeskStatus;
  /** Sets (`until`) or removes (`null`) the embargo of each article. */
  embargo: WriteOutcome;
  /** Schedules (`at`) or unschedules (`null`) each article; `approve` approves in the same write. */
  schedule: WriteOutcome;
  /** Kills one article: unpublished, `kill: {reason, by, at}`, schedule removed, one write. */
  kill: WriteOutcome;
  /** Lifts the kill of one article (removes the `kill` map). */
  liftKill: WriteOutcome;
  /** Assigns each article to `to` (`assignee`), or clears it (`null`). */
  assign: WriteOutcome;
  /** Sets or clears fields on many articles: one undo step; a preview carries one diff. */
  bulkSet: BulkSetOutcome;
  /** Publishes every due article now (scheduled time and any embargo passed); reports the rest. */
  publishDue: WriteOutcome;
}

/** The argument type of a method, derived from its schema. */
export type ArgsOf<M extends MethodName> = z.input<(typeof argSchemas)[M]>;

/**
 * Who changed a file: this Curator (`own`: a save, a decision, an undo) or someone else
 * (`external`: another editor, git, a script). A client needs no more than the event to stay
 * current either way; the origin only tells it whether to say so.
 */
export type EventOrigin = 'own' | 'external';

/** Change events pushed from the library to every window. */
export type LibraryEvent =
  | { type: 'added' | 'changed' | 'removed'; id: string; origin?: EventOrigin }
  | { type: 'folder-opened'; folder: FolderInfo }
  | { type: 'scan-progress'; done: number; total: number }
  /** A running sync (or clone) moved on. */
  | ({ type: 'sync-progress' } & SyncProgress)
  /** The desk's status changed (files edited, synced, resolved, or the folder switched). */
  | { type: 'desk-changed'; status: DeskStatus }
  | ScheduledPublishEvent;

/**
 * The open app published due articles by itself (the service's scheduler, issue 12): sent
 * after the write, whose own `changed` events have already gone out. `message` is for a
 * notice ("Published 2 scheduled articles"); `skipped` lists due articles that failed the
 * publish rules (each reported once per version of the file); `undo` undoes the publishing.
 */
export interface ScheduledPublishEvent {
  type: 'scheduled-publish';
  /** Ids published. */
  published: string[];
  /** Due articles not published, and why (not approved, killed, publish rules, conflict). */
  skipped: Array<{ id: string; reason: string }>;
  message: string;
  /** The service clock's time of the check, UTC `YYYY-MM-DDTHH:MM:SSZ`. */
  at: string;
  undo?: UndoTicket;
}

/**
 * The contract as seen by a client: one async function per method, plus an event
 * subscription that returns its unsubscribe function. `window.curator` implements this.
 */
export type CuratorApi = {
  [M in MethodName]: (args: ArgsOf<M>) => Promise<ResultMap[M]>;
} & {
  onEvent(listener: (event: LibraryEvent) => void): () => void;
  /**
   * Application-menu commands (desktop only; absent in browser mode, where the
   * renderer's own keyboard handling is the only source of commands).
   */
  onMenuCommand?(listener: (event: MenuCommandEvent) => void): () => void;
};

/** Every method name, for registration loops (IPC handlers, HTTP routes, preload). */
export const methodNames = Object.keys(argSchemas) as MethodName[];

/**
 * Validates one incoming call: the method must be known and its argument must match
 * its schema. Shared by both transports so neither can forget a check.
 * @returns the parsed (and stripped) argument object.
 */
export function validateCall<M extends MethodName>(method: string, args: unknown): ArgsOf<M> {
  if (!Object.prototype.hasOwnProperty.call(argSchemas, method)) {
    throw new CuratorError('unknown-method', `Unknown method: ${String(method).slice(0, 100)}`);
  }
  const schema = argSchemas[method as M];
  const parsed = schema.safeParse(args ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new CuratorError(
      'bad-request',
      `Bad arguments for ${method}: ${issue ? `${issue.path.join('.') || '(args)'} ${issue.message}` : 'invalid'}`,
    );
  }
  return parsed.data as ArgsOf<M>;
}

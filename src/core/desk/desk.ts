/**
 * The desk of one content folder: its Git state and the team features (PRODUCT.md §7), on top
 * of the one-function-per-operation modules of this folder. {@link Desk.open} never throws for
 * a folder without git or outside a repository: the desk is then `enabled: false` with the
 * reason, and every other feature of the app works as before.
 */
import type { PatchOp } from '../../shared/article';
import type { ArticleConflicts, DeskStatus, HistoryEntry, SyncReport } from '../../shared/desk';
import { getAtPath, parsePath } from '../../shared/field-path';
import { parseDocument, isScalar } from 'yaml';
import { parseArticle } from '../codec/index';
import { YAML_OPTIONS } from '../codec/yaml-parse';
import { readBlobs } from './blobs';
import {
  conflictsOf,
  mergeUnmerged,
  resolveArticle,
  type ArticleWriter,
  type ConflictContext,
  type FieldChoice,
  type ResolveOutcome,
} from './conflicts';
import { GitFailure, GitRunner } from './git-runner';
import { logArticle, withChanges } from './history';
import { locateDesk, type DeskLocation, type LocateResult } from './locate';
import { repoState } from './merge';
import {
  defaultCliLaunch,
  driverCommand,
  registerDriver,
  writeAttributes,
  type CliLaunch,
} from './merge-driver';
import { toArticleId, toRepoPath } from './paths';
import { remoteTarget } from './remote';
import { readStatus } from './status';
import { runSync, type SyncOptions } from './sync';

/** Options of a desk. */
export interface DeskOptions {
  /** Run the repository's hooks (Settings, per folder; `--run-hooks` in the CLI). */
  runHooks?: boolean;
  /** Real path of the bundled sample folder, which is never a desk. */
  sampleFolder?: string | null;
  /**
   * How to start this installation's `curator` for the merge driver (default: found from this
   * module's location). `null`: no driver (both-sides edits of an article then conflict whole).
   */
  cli?: CliLaunch | null;
  /** The git program (default `git`). */
  gitBinary?: string;
}

/** Thrown by team features when they are off for the folder. */
export class DeskOff extends Error {
  constructor(
    readonly code: Extract<DeskStatus, { enabled: false }>['code'],
    message: string,
  ) {
    super(message);
    this.name = 'DeskOff';
  }
}

/** The value of one field in one version of an article. */
export interface FieldAtVersion {
  /** The full commit id. */
  commit: string;
  /** Whether the field exists in that version (else restoring it removes the field). */
  present: boolean;
  value: unknown;
  /**
   * The scalar's source text in that version (`"A title"`, `'x'`, `0.50`), when the value is a
   * scalar written on one line: restoring writes these bytes back when they still read as the
   * value (PRODUCT.md §2: a value set back to its original restores the original bytes).
   */
  text?: string;
}

/** A content folder's desk. */
export class Desk {
  readonly folder: string;
  readonly options: DeskOptions;
  readonly #located: LocateResult;
  readonly #root: GitRunner | null;
  /** Whether Curator's merge driver is registered in the repository. */
  #driver = false;

  private constructor(
    folder: string,
    options: DeskOptions,
    located: LocateResult,
    root: GitRunner | null,
  ) {
    this.folder = folder;
    this.options = options;
    this.#located = located;
    this.#root = root;
  }

  /**
   * Opens the desk of `folder` (an absolute real path): locates its repository, applies the
   * desk rule (locate.ts) and registers the merge driver when the desk is on.
   */
  static async open(folder: string, options: DeskOptions = {}): Promise<Desk> {
    const launch = options.cli === undefined ? defaultCliLaunch() : options.cli;
    const mergeDriver = launch ? driverCommand(launch) : undefined;
    const probe = new GitRunner(folder, {
      runHooks: options.runHooks,
      mergeDriver,
      gitBinary: options.gitBinary,
    });
    const located = await locateDesk(probe, folder, options.sampleFolder);
    if (!located.ok) return new Desk(folder, options, located, null);
    const { location } = located;
    const root = probe.at(location.root, { gitDir: location.gitDir });
    let registered = false;
    if (mergeDriver) {
      // A read-only repository still gets status and history; only merges lack the driver.
      registered = await registerDriver(root, location.commonDir, location.prefix, mergeDriver)
        .then(() => true)
        .catch(() => false);
    }
    const desk = new Desk(folder, options, located, root);
    desk.#driver = registered;
    return desk;
  }

  /** Whether the team features are on. */
  get enabled(): boolean {
    return this.#located.ok;
  }

  /** Where the repository is (null when the desk is off). */
  get location(): DeskLocation | null {
    return this.#located.ok ? this.#located.location : null;
  }

  /** Runner at the repository's top level. @throws DeskOff when the desk is off. */
  get runner(): GitRunner {
    return this.#need().root;
  }

  #need(): { root: GitRunner; location: DeskLocation } {
    if (!this.#located.ok || !this.#root) {
      const off = this.#located as Extract<LocateResult, { ok: false }>;
      throw new DeskOff(off.code, off.reason);
    }
    return { root: this.#root, location: this.#located.location };
  }

  /** Git status of the content folder, or why the team features are off. Never throws for "off". */
  async status(): Promise<DeskStatus> {
    if (!this.#located.ok || !this.#root) {
      const off = this.#located as Extract<LocateResult, { ok: false }>;
      return { enabled: false, code: off.code, reason: off.reason };
    }
    const { location } = this.#located;
    const root = this.#root;
    const [st, state] = await Promise.all([
      readStatus(root, location.prefix),
      repoState(location.gitDir),
    ]);
    const target = st.branch ? remoteTarget(await root.configEntries(), st.branch) : null;
    return {
      enabled: true,
      branch: st.branch,
      remote: target?.remote ?? null,
      ahead: st.ahead,
      behind: st.behind,
      files: st.files,
      merging: state.merging,
      root: location.root,
      prefix: location.prefix,
      hooks: !!this.options.runHooks,
    };
  }

  /** One sync (sync.ts). @throws DeskOff, SyncRefused, GitFailure. */
  async sync(opts: SyncOptions = {}): Promise<SyncReport> {
    const { root, location } = this.#need();
    return runSync(
      {
        root,
        location,
        conflictFields: async () =>
          (await this.conflicts()).map((c) => ({
            path: c.path,
            fields: c.conflicts.map((f) => f.path),
          })),
        mergeUnmerged: () => mergeUnmerged(this.#conflictContext()),
        recordOnly: async (fn) => {
          if (!this.#driver) return fn();
          await writeAttributes(location.commonDir, location.prefix, 'record-only');
          try {
            return await fn();
          } finally {
            await writeAttributes(location.commonDir, location.prefix, 'driver');
          }
        },
      },
      opts,
    );
  }

  /** History of an article (id relative to the folder), newest first. */
  async history(id: string, limit?: number): Promise<HistoryEntry[]> {
    const { root, location } = this.#need();
    const log = await logArticle(root, toRepoPath(location.prefix, id), limit);
    const entries = await withChanges(root, log);
    return entries.map((e) => ({ ...e, path: toArticleId(location.prefix, e.path) ?? e.path }));
  }

  /**
   * The value of field `path` of article `id` in `commit` (any commit name git understands).
   * The article is looked up under the name it had then (renames followed).
   * @throws GitFailure when the commit is unknown; Error when the article is absent or malformed
   *   in that version, or the path is not a field path.
   */
  async fieldAt(id: string, commit: string, path: string): Promise<FieldAtVersion> {
    const { root, location } = this.#need();
    const segs = parsePath(path);
    const full = (
      await root.text(['rev-parse', '--verify', '--end-of-options', `${commit}^{commit}`])
    ).trim();
    const repoPath = toRepoPath(location.prefix, id);
    const log = await logArticle(root, repoPath);
    const named = log.find((c) => c.commit === full)?.path ?? repoPath;
    const blob = (await readBlobs(root, [`${full}:${named}`])).get(`${full}:${named}`);
    if (!blob) throw new Error(`${id} does not exist in commit ${full.slice(0, 12)}.`);
    const parsed = parseArticle(blob);
    if (parsed.malformed || !parsed.data) {
      throw new Error(`${id} cannot be read safely in commit ${full.slice(0, 12)}.`);
    }
    const value = getAtPath(parsed.data, segs);
    const text = value === undefined ? undefined : scalarSource(parsed.frontMatter, segs);
    return {
      commit: full,
      present: value !== undefined,
      value: value ?? null,
      ...(text === undefined ? {} : { text }),
    };
  }

  /** Articles in conflict (all, or just `id`), each with its clashing fields. */
  async conflicts(id?: string): Promise<ArticleConflicts[]> {
    return conflictsOf(this.#conflictContext(), id);
  }

  /**
   * Resolves clashing fields of article `id` (conflicts.ts): per-field choices, or one side for
   * every clash; writes through `write` and stages the file once no clash is left.
   */
  async resolve(
    id: string,
    choices: readonly FieldChoice[] | 'mine' | 'theirs',
    write: ArticleWriter,
  ): Promise<ResolveOutcome> {
    return resolveArticle(this.#conflictContext(), id, choices, write);
  }

  /** What conflict listing and resolving need. */
  #conflictContext(): ConflictContext {
    const { root, location } = this.#need();
    return { root, location };
  }
}

/** Whether `err` is a git failure of `kind`. */
export function isGitFailure(err: unknown, kind?: GitFailure['kind']): err is GitFailure {
  return err instanceof GitFailure && (kind === undefined || err.kind === kind);
}

/**
 * The write that restores a field to its value in a version: a set (with the version's own
 * source text, so the original bytes come back when they still read as the value) or, for a
 * field absent then, an unset.
 */
export function restoreOp(at: FieldAtVersion, path: string): PatchOp {
  if (!at.present) return { op: 'unset', path };
  return { op: 'set', path, value: at.value, ...(at.text === undefined ? {} : { text: at.text }) };
}

/**
 * The one-line source text of the scalar at `segs` in front matter `text`, or `undefined`
 * (not a scalar, an alias, a block or multi-line scalar). The text was parsed safely once by
 * parseArticle; this parse reads node ranges only and resolves nothing.
 */
function scalarSource(text: string, segs: ReadonlyArray<string | number>): string | undefined {
  const doc = parseDocument(text, YAML_OPTIONS);
  const node = doc.getIn(segs, true);
  if (!isScalar(node) || !node.range) return undefined;
  if (node.type === 'BLOCK_LITERAL' || node.type === 'BLOCK_FOLDED') return undefined;
  const source = text.slice(node.range[0], node.range[1]).trimEnd();
  return source === '' || /[\r\n]/.test(source) ? undefined : source;
}

/**
 * Related links on an open Library: the functions the contract methods call (one line
 * each in the service: `relatedOf(requireLibrary()).add(args)` …). Writes go through the
 * related operations (atomic, conflict-checked) inside `Library.ownWrite`, so the watcher
 * knows them for the Library's own and the index (and the suggestion index) is current
 * before the answer returns. The folder's related lists are read once (then again only
 * for files whose content hash changed) for stale checks and link-based suggestions.
 */
import type {
  Article,
  ArticleSummary,
  FrontMatter,
  Problem,
  RelatedItem,
} from '../../shared/article';
import type { FolderProblems } from '../../shared/contract';
import {
  relatedListOf,
  relatedUrlOf,
  type ArticlePick,
  type RelatedSuggestion,
  type RelatedWriteResult,
} from '../../shared/related';
import { decodeUtf8, parseArticle } from '../codec/index';
import { splitFrontMatter } from '../codec/split';
import { fastParseFrontMatter } from '../index/fast-yaml';
import { frontMatterTooLarge } from '../index/front-matter-split';
import { readArticleBytes } from '../index/raw-file';
import type { Library } from '../library/library';
import { LibraryError } from '../library/library-error';
import {
  addRelatedByHand,
  addRelatedFromArticle,
  editRelated,
  moveRelated,
  refreshRelated,
  removeRelated,
  type RelatedOutcome,
  type RelatedWriteOptions,
} from './operations';
import { RelatedFolder } from './related-folder';

/** Arguments of `relatedAdd`: copy from another article of the folder (`from`) or by hand (`item`). */
export interface RelatedAddArgs {
  id: string;
  baseHash?: string;
  force?: boolean;
  /** Id of the article to copy from. */
  from?: string;
  /** A hand-made item (`title` and `webUrl` required). */
  item?: RelatedItem;
  /** Position of the new item (default: at the end). */
  index?: number;
  /** Also link `from` back to `id` (only with `from`). */
  reciprocal?: boolean;
  /** Hash the editor based `from` on, if it has it open (reciprocal only). */
  otherBaseHash?: string;
}

/** Arguments of `relatedEdit`: fields to set; `null` removes an optional field. */
export interface RelatedEditArgs {
  id: string;
  baseHash?: string;
  force?: boolean;
  index: number;
  fields: { [K in keyof RelatedItem]?: RelatedItem[K] | null };
}

const perLibrary = new WeakMap<Library, LibraryRelated>();

/** The related-links helper of a Library (one per Library, created on first use). */
export function relatedOf(lib: Library): LibraryRelated {
  let r = perLibrary.get(lib);
  if (!r) {
    r = new LibraryRelated(lib);
    perLibrary.set(lib, r);
  }
  return r;
}

/** Related-link operations, checks and suggestions on one open Library. */
export class LibraryRelated {
  readonly #lib: Library;
  readonly #folder = new RelatedFolder();
  #synced: readonly ArticleSummary[] | null = null;
  /**
   * The related list (and own URLs) of every article that has one, cached by content hash:
   * the folder's links for suggestions and the copies for folder-wide stale checks.
   */
  readonly #copies = new Map<string, { hash: string; data: FrontMatter | null }>();
  /** The index rows the cached copies were last brought in line with. */
  #copiesSynced: readonly ArticleSummary[] | null = null;
  #copiesSyncing: Promise<void> | null = null;

  constructor(lib: Library) {
    this.#lib = lib;
  }

  /** The folder view, brought up to date with the Library's index (cheap when nothing changed). */
  folder(): RelatedFolder {
    const rows = this.#lib.entries();
    // The Library hands out a new array after any change (its own saves included).
    if (rows !== this.#synced) {
      this.#folder.syncWith(rows);
      this.#synced = rows;
    }
    return this.#folder;
  }

  /** `relatedAdd`: adds a link copied from another article (optionally reciprocal) or typed by hand. */
  async add(args: RelatedAddArgs): Promise<RelatedWriteResult> {
    const abs = this.#resolve(args.id);
    if (typeof abs !== 'string') return abs;
    const opts = { baseHash: args.baseHash, force: args.force, index: args.index };
    if (args.from !== undefined) {
      const fromId = args.from;
      const from = this.#resolve(fromId);
      if (typeof from !== 'string') return from;
      const out = await this.#write([args.id, fromId], (hooks) =>
        addRelatedFromArticle(abs, from, {
          ...opts,
          ...hooks,
          reciprocal: args.reciprocal,
          otherBaseHash: args.otherBaseHash,
        }),
      );
      return this.#result(args.id, out, args.reciprocal ? fromId : undefined);
    }
    const item = args.item;
    if (!item) return badRequest('Give either another article (from) or a hand-made item.');
    return this.#result(
      args.id,
      await this.#write([args.id], (hooks) => addRelatedByHand(abs, item, { ...opts, ...hooks })),
    );
  }

  /** `relatedEdit`: edits fields of one item; only the edited lines change. */
  async edit(args: RelatedEditArgs): Promise<RelatedWriteResult> {
    const abs = this.#resolve(args.id);
    if (typeof abs !== 'string') return abs;
    return this.#result(
      args.id,
      await this.#write([args.id], (hooks) =>
        editRelated(abs, args.index, args.fields, { ...writeOpts(args), ...hooks }),
      ),
    );
  }

  /** `relatedRemove`: removes one item (its lines are cut). */
  async remove(args: {
    id: string;
    baseHash?: string;
    force?: boolean;
    index: number;
  }): Promise<RelatedWriteResult> {
    const abs = this.#resolve(args.id);
    if (typeof abs !== 'string') return abs;
    return this.#result(
      args.id,
      await this.#write([args.id], (hooks) =>
        removeRelated(abs, args.index, { ...writeOpts(args), ...hooks }),
      ),
    );
  }

  /** `relatedMove`: moves item `from` to position `to` (only its lines move). */
  async move(args: {
    id: string;
    baseHash?: string;
    force?: boolean;
    from: number;
    to: number;
  }): Promise<RelatedWriteResult> {
    const abs = this.#resolve(args.id);
    if (typeof abs !== 'string') return abs;
    return this.#result(
      args.id,
      await this.#write([args.id], (hooks) =>
        moveRelated(abs, args.from, args.to, { ...writeOpts(args), ...hooks }),
      ),
    );
  }

  /** `relatedRefresh`: re-copies one item (or every stale one) from its article. */
  async refresh(args: {
    id: string;
    baseHash?: string;
    force?: boolean;
    index?: number;
  }): Promise<RelatedWriteResult> {
    const abs = this.#resolve(args.id);
    if (typeof abs !== 'string') return abs;
    const folder = this.folder();
    const out = await this.#write([args.id], (hooks) =>
      refreshRelated(
        abs,
        args.index,
        { lookup: folder.lookup, resolve: (id) => this.#lib.resolveId(id), selfId: args.id },
        { ...writeOpts(args), ...hooks },
      ),
    );
    return this.#result(args.id, out);
  }

  /** `relatedSuggest`: the most similar articles not yet linked (the folder's links help). */
  async suggest(args: { id: string; limit?: number }): Promise<RelatedSuggestion[]> {
    const article = await this.#lib.getArticle(args.id);
    await this.warm();
    return this.folder().suggest(args.id, article.data, args.limit);
  }

  /**
   * Builds what suggestions need (the word index, the folder's related lists) in slices
   * that leave the event loop free; the service starts it when a folder opens so the first
   * "Add related…" does not wait for it.
   */
  async warm(): Promise<void> {
    await this.folder().flushIndex();
    await this.#syncCopies();
  }

  /**
   * `relatedTargets`: for each related item of the article, the id of the folder's article
   * its URL belongs to (`null` for links outside the folder), so the editor can open it.
   */
  async targets(args: { id: string }): Promise<Array<string | null>> {
    const { data } = await this.#lib.getArticle(args.id);
    const lookup = this.folder().lookup;
    return relatedListOf(data).map((item) => {
      const url = relatedUrlOf(item);
      return (url ? lookup(url)?.id : undefined) ?? null;
    });
  }

  /** `getArticle` with the problems only the folder can see (stale copies) added. */
  async article(id: string): Promise<Article> {
    return this.withProblems(await this.#lib.getArticle(id));
  }

  /** Adds to an article read from the Library the related problems that need the folder. */
  withProblems(article: Article): Article {
    if (article.malformed) return article;
    const extra = this.problemsOf(article.id, article.data);
    return extra.length ? { ...article, problems: [...article.problems, ...extra] } : article;
  }

  /** `validate`: the Library's problems plus stale related copies (warnings), file by file. */
  async validate(): Promise<FolderProblems> {
    return mergeProblems(this.#lib.validate(), await this.folderProblems());
  }

  /** `searchArticles`: the picker (title, URL, topic, provider), marking already-linked ones. */
  async search(args: { text: string; forId?: string; limit?: number }): Promise<ArticlePick[]> {
    let forData: FrontMatter | null = null;
    if (args.forId !== undefined) forData = (await this.#lib.getArticle(args.forId)).data;
    return this.folder().search(args.text, { limit: args.limit, forId: args.forId, forData });
  }

  /** Stale copies (and folder-resolved self-links) of one article, for the editor. */
  problemsOf(id: string, data: FrontMatter | null): Problem[] {
    return this.folder().problemsOf(id, data);
  }

  /**
   * Stale-copy problems of every article of the folder that has related items, for the
   * Problems panel and `validate`. Each file's related list is read once and cached by
   * content hash, so later calls only re-read files that changed.
   */
  async folderProblems(): Promise<Array<{ id: string; problems: Problem[] }>> {
    await this.#syncCopies();
    const folder = this.folder();
    const out: Array<{ id: string; problems: Problem[] }> = [];
    for (const row of this.#lib.entries()) {
      const cached = this.#copies.get(row.id);
      if (!cached || relatedListOf(cached.data).length === 0) continue;
      const problems = folder.problemsOf(row.id, cached.data);
      if (problems.length) out.push({ id: row.id, problems });
    }
    return out;
  }

  /**
   * Brings the cached related lists (and the folder's link graph) in line with the index:
   * only files whose hash changed are read, several at a time. Concurrent callers share
   * one pass.
   */
  #syncCopies(): Promise<void> {
    if (this.#copiesSyncing) return this.#copiesSyncing;
    const run = async (): Promise<void> => {
      for (;;) {
        const rows = this.#lib.entries();
        if (rows === this.#copiesSynced) return;
        const folder = this.folder();
        const stale: ArticleSummary[] = [];
        const seen = new Set<string>();
        for (const row of rows) {
          seen.add(row.id);
          if (row.malformed || row.relatedCount === 0) {
            if (this.#copies.delete(row.id)) folder.setLinks(row.id, null);
          } else if (this.#copies.get(row.id)?.hash !== row.hash) {
            stale.push(row);
          }
        }
        for (const id of [...this.#copies.keys()]) if (!seen.has(id)) this.#copies.delete(id);
        await forEachLimit(stale, READ_CONCURRENCY, async (row) => {
          const data = linkData(await this.#readData(row.id));
          this.#copies.set(row.id, { hash: row.hash, data });
          folder.setLinks(row.id, data);
        });
        this.#copiesSynced = rows;
      }
    };
    this.#copiesSyncing = run().finally(() => {
      this.#copiesSyncing = null;
    });
    return this.#copiesSyncing;
  }

  async #readData(id: string): Promise<FrontMatter | null> {
    try {
      // Non-blocking and within the size limits, as every read of an article (a file may
      // have become a FIFO or grown since it was indexed).
      const read = await readArticleBytes(this.#lib.resolveId(id));
      if (read?.kind !== 'bytes') return null;
      const bytes = read.bytes;
      if (frontMatterTooLarge(bytes)) return null;
      const text = decodeUtf8(bytes);
      if (text !== null) {
        const split = splitFrontMatter(text);
        if (split.ok) {
          const fast = fastParseFrontMatter(
            text.slice(split.split.innerStart, split.split.innerEnd),
          );
          if (fast) return fast;
        }
      }
      return parseArticle(bytes).data;
    } catch {
      return null;
    }
  }

  #resolve(id: string): string | Extract<RelatedWriteResult, { ok: false }> {
    try {
      return this.#lib.resolveId(id);
    } catch (err) {
      const e = err as LibraryError;
      return {
        ok: false,
        reason: e.code ?? 'bad-request',
        message: e.message,
        problems: [],
        written: [],
      };
    }
  }

  /**
   * Runs an operation on the files of `ids` as the Library's own write: under their locks,
   * each new hash noted before its rename, their index rows refreshed afterwards.
   */
  #write(
    ids: string[],
    op: (hooks: Pick<RelatedWriteOptions, 'onBeforeWrite'>) => Promise<RelatedOutcome>,
  ): Promise<RelatedOutcome> {
    const idOfPath = new Map(ids.map((id) => [this.#lib.resolveId(id), id]));
    return this.#lib.ownWrite(ids, (noteWrite) =>
      op({
        onBeforeWrite: (path, hash) => {
          const id = idOfPath.get(path);
          if (id !== undefined) noteWrite(id, hash);
        },
      }),
    );
  }

  /** Maps an operation outcome to the contract's result, refreshing the Library's rows. */
  async #result(id: string, out: RelatedOutcome, otherId?: string): Promise<RelatedWriteResult> {
    if (!out.ok) {
      const current = await this.#fresh(id);
      const written: string[] = [];
      for (const w of out.written) {
        written.push(w.path === this.#lib.resolveId(id) ? id : (otherId ?? w.path));
      }
      if (otherId !== undefined) await this.#fresh(otherId);
      return {
        ok: false,
        reason: out.reason,
        message: out.message,
        problems: out.problems,
        current,
        written,
      };
    }
    const article = await this.article(id);
    const result: RelatedWriteResult = {
      ok: true,
      article,
      changed: out.files[0]?.changed ?? false,
      message: out.message,
    };
    if (otherId !== undefined && out.files[1]) {
      const other = await this.#fresh(otherId);
      result.other = {
        id: otherId,
        changed: out.files[1].changed,
        hash: other?.hash ?? out.files[1].after.parsed.hash,
      };
    }
    return result;
  }

  /** Re-reads an article through the Library (which refreshes its row), or undefined. */
  async #fresh(id: string): Promise<Article | undefined> {
    try {
      return await this.article(id);
    } catch {
      return undefined;
    }
  }
}

/** How many files are read at the same time when the related lists are first loaded. */
const READ_CONCURRENCY = 16;

/** Only what links and stale checks need of an article's data (memory at 50,000 files). */
function linkData(data: FrontMatter | null): FrontMatter | null {
  if (!data) return null;
  // A copy: the parsed values are slices of the whole front matter text, which they would
  // keep in memory for every article of the folder (measured at 50,000 articles: these
  // lists took 101 MB of heap, 52 MB as copies).
  return structuredClone({
    webUrl: data.webUrl,
    originalUrl: data.originalUrl,
    related: data.related,
  });
}

/** Runs `fn` over `items` with at most `limit` at a time. */
async function forEachLimit<T>(
  items: readonly T[],
  limit: number,
  fn: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) await fn(items[next++]);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

/** The write options of a contract call (never the caller's other fields). */
function writeOpts(args: { baseHash?: string; force?: boolean }): RelatedWriteOptions {
  return { baseHash: args.baseHash, force: args.force };
}

/** Adds per-file problems to a folder report (counts and order kept right). */
export function mergeProblems(
  report: FolderProblems,
  extra: ReadonlyArray<{ id: string; problems: Problem[] }>,
): FolderProblems {
  if (extra.length === 0) return report;
  const files = report.files.map((f) => ({ ...f, problems: [...f.problems] }));
  const byId = new Map(files.map((f) => [f.id, f]));
  let { errorCount, warningCount } = report;
  for (const e of extra) {
    let file = byId.get(e.id);
    if (!file) {
      file = { id: e.id, malformed: false, problems: [] };
      byId.set(e.id, file);
      files.push(file);
    }
    for (const p of e.problems) {
      file.problems.push(p);
      if (p.severity === 'error') errorCount++;
      else warningCount++;
    }
  }
  files.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { files, errorCount, warningCount };
}

function badRequest(message: string): RelatedWriteResult {
  return { ok: false, reason: 'bad-request', message, problems: [], written: [] };
}

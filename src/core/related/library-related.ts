/**
 * Related links on an open Library: the functions the contract methods call (one line
 * each in the service: `relatedOf(requireLibrary()).add(args)` …). Writes go through the
 * related operations (atomic, conflict-checked), then the Library re-reads the written
 * files so its index (and the suggestion index) are current before the answer returns.
 */
import { promises as fsp } from 'node:fs';
import type {
  Article,
  ArticleSummary,
  FrontMatter,
  Problem,
  RelatedItem,
} from '../../shared/article';
import {
  relatedListOf,
  type ArticlePick,
  type RelatedSuggestion,
  type RelatedWriteResult,
} from '../../shared/related';
import { decodeUtf8, parseArticle } from '../codec/index';
import { splitFrontMatter } from '../codec/split';
import { fastParseFrontMatter } from '../index/fast-yaml';
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
  /** Related copies per article, cached by content hash, for folder-wide stale checks. */
  readonly #copies = new Map<string, { hash: string; data: FrontMatter | null }>();

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
      const from = this.#resolve(args.from);
      if (typeof from !== 'string') return from;
      const out = await addRelatedFromArticle(abs, from, {
        ...opts,
        reciprocal: args.reciprocal,
        otherBaseHash: args.otherBaseHash,
      });
      return this.#result(args.id, out, args.reciprocal ? args.from : undefined);
    }
    if (!args.item) return badRequest('Give either another article (from) or a hand-made item.');
    return this.#result(args.id, await addRelatedByHand(abs, args.item, opts));
  }

  /** `relatedEdit`: edits fields of one item; only the edited lines change. */
  async edit(args: RelatedEditArgs): Promise<RelatedWriteResult> {
    const abs = this.#resolve(args.id);
    if (typeof abs !== 'string') return abs;
    return this.#result(args.id, await editRelated(abs, args.index, args.fields, args));
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
    return this.#result(args.id, await removeRelated(abs, args.index, args));
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
    return this.#result(args.id, await moveRelated(abs, args.from, args.to, args));
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
    const out = await refreshRelated(
      abs,
      args.index,
      { lookup: folder.lookup, resolve: (id) => this.#lib.resolveId(id), selfId: args.id },
      args,
    );
    return this.#result(args.id, out);
  }

  /** `relatedSuggest`: the most similar articles not yet linked. */
  async suggest(args: { id: string; limit?: number }): Promise<RelatedSuggestion[]> {
    const article = await this.#lib.getArticle(args.id);
    return this.folder().suggest(args.id, article.data, args.limit);
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
    const folder = this.folder();
    const out: Array<{ id: string; problems: Problem[] }> = [];
    for (const row of this.#lib.entries()) {
      if (row.malformed || row.relatedCount === 0) {
        this.#copies.delete(row.id);
        continue;
      }
      let cached = this.#copies.get(row.id);
      if (!cached || cached.hash !== row.hash) {
        cached = { hash: row.hash, data: await this.#readData(row.id) };
        this.#copies.set(row.id, cached);
      }
      if (relatedListOf(cached.data).length === 0) continue;
      const problems = folder.problemsOf(row.id, cached.data);
      if (problems.length) out.push({ id: row.id, problems });
    }
    return out;
  }

  async #readData(id: string): Promise<FrontMatter | null> {
    try {
      const bytes = await fsp.readFile(this.#lib.resolveId(id));
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
    const article = await this.#lib.getArticle(id);
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
      return await this.#lib.getArticle(id);
    } catch {
      return undefined;
    }
  }
}

function badRequest(message: string): RelatedWriteResult {
  return { ok: false, reason: 'bad-request', message, problems: [], written: [] };
}

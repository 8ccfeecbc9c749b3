/**
 * The related-link state of an open folder, owned by the Library: the folder's URL lookup
 * (which article a copy came from), the related lists of every article (read once, then again
 * only for files whose content hash changed) for folder-wide stale checks and link-based
 * suggestions, and the picker search. The Library folds its problems into `getArticle` and
 * `validate`, so every caller gets the complete answer. Writes are not here: they are
 * planners handed to the write path (related-writes.ts).
 */
import type { Article, ArticleSummary, FrontMatter, Problem } from '../../shared/article';
import type { FolderProblems } from '../../shared/contract';
import { mapLimit } from '../../shared/map-limit';
import {
  relatedListOf,
  relatedUrlOf,
  type ArticlePick,
  type RelatedSuggestion,
} from '../../shared/related';
import { decodeUtf8, parseArticle } from '../codec/index';
import { splitFrontMatter } from '../codec/split';
import { fastParseFrontMatter } from '../index/fast-yaml';
import { readFileBytes } from '../write/read-for-edit';
import { RelatedFolder } from './related-folder';

/** What the related state needs of the index that owns it (the Library). */
export interface RelatedSource {
  /** The current index rows; a new array after any change. */
  entries(): readonly ArticleSummary[];
  /** Absolute path of an article id. */
  resolveId(id: string): string;
}

/** Related-link checks, suggestions and the picker search of one open folder. */
export class RelatedState {
  readonly #lib: RelatedSource;
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

  constructor(source: RelatedSource) {
    this.#lib = source;
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

  /**
   * `relatedSuggest`: the articles most similar to article `id` (whose front matter is
   * `data`) that it does not link to yet; the folder's links help.
   */
  async suggest(
    id: string,
    data: FrontMatter | null,
    limit?: number,
  ): Promise<RelatedSuggestion[]> {
    await this.warm();
    return this.folder().suggest(id, data, limit);
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
  targets(data: FrontMatter | null): Array<string | null> {
    const lookup = this.folder().lookup;
    return relatedListOf(data).map((item) => {
      const url = relatedUrlOf(item);
      return (url ? lookup(url)?.id : undefined) ?? null;
    });
  }

  /** Adds to an article read from the Library the related problems that need the folder. */
  withProblems(article: Article): Article {
    if (article.malformed) return article;
    const extra = this.problemsOf(article.id, article.data);
    return extra.length ? { ...article, problems: [...article.problems, ...extra] } : article;
  }

  /**
   * `searchArticles`: the picker (title, URL, topic, provider), marking the articles that
   * article `forId` (whose front matter is `forData`) already links to.
   */
  search(
    text: string,
    opts: { limit?: number; forId?: string; forData?: FrontMatter | null } = {},
  ): ArticlePick[] {
    return this.folder().search(text, {
      limit: opts.limit,
      forId: opts.forId,
      forData: opts.forData ?? null,
    });
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
        await mapLimit(stale, READ_CONCURRENCY, async (row) => {
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
      const { bytes } = await readFileBytes(this.#lib.resolveId(id));
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

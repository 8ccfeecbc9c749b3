/**
 * What related links need to know about a whole folder: which article a URL belongs to
 * (stale checks, refresh, picker "already linked" marks), the suggestion index, and a
 * picker search. Fed with index rows; kept current row by row, so a change to one file
 * costs work in proportion to that file, not to the folder.
 */
import type { ArticleSummary, FrontMatter } from '../../shared/article';
import { foldText } from '../../shared/rules/formats';
import {
  relatedListOf,
  relatedProblems,
  relatedUrlOf,
  urlKey,
  type ArticlePick,
  type RelatedLookup,
  type RelatedSuggestion,
} from '../../shared/related';
import { SuggestIndex } from './suggest';

/** Default number of suggestions and of picker results. */
export const DEFAULT_SUGGESTIONS = 5;
export const DEFAULT_PICKS = 20;

/** The related-links view of one folder's index rows. */
export class RelatedFolder {
  readonly #rows = new Map<string, ArticleSummary>();
  /** Folded "title url url topics provider" per id, for the picker search. */
  readonly #haystacks = new Map<string, string>();
  readonly #index = new SuggestIndex();
  /** URL key → ids of the articles with that webUrl / originalUrl (kept per row, not rebuilt). */
  readonly #byWebUrl = new Map<string, string[]>();
  readonly #byOriginalUrl = new Map<string, string[]>();
  /** Finds an article by URL: a webUrl match wins over another article's originalUrl. */
  readonly #lookup: RelatedLookup = (url) => {
    if (!url) return undefined;
    const key = urlKey(url);
    const id = this.#byWebUrl.get(key)?.[0] ?? this.#byOriginalUrl.get(key)?.[0];
    return id === undefined ? undefined : this.#rows.get(id);
  };

  constructor(rows: Iterable<ArticleSummary> = []) {
    for (const r of rows) this.set(r);
  }

  /** Number of articles known. */
  get size(): number {
    return this.#rows.size;
  }

  /** The row of an article, if known. */
  row(id: string): ArticleSummary | undefined {
    return this.#rows.get(id);
  }

  /** Adds or replaces one article's row (a no-op when its content hash did not change). */
  set(row: ArticleSummary): void {
    const prev = this.#rows.get(row.id);
    if (prev && prev.hash === row.hash) return;
    if (prev) this.#unlinkUrls(prev);
    this.#rows.set(row.id, row);
    this.#haystacks.delete(row.id);
    if (row.malformed) {
      this.#index.remove(row.id);
    } else {
      this.#index.set(row.id, row);
      addTo(this.#byWebUrl, row.webUrl, row.id);
      addTo(this.#byOriginalUrl, row.originalUrl, row.id);
    }
  }

  /** Forgets one article. */
  delete(id: string): void {
    const prev = this.#rows.get(id);
    if (!prev) return;
    this.#unlinkUrls(prev);
    this.#rows.delete(id);
    this.#haystacks.delete(id);
    this.#index.remove(id);
  }

  #unlinkUrls(row: ArticleSummary): void {
    removeFrom(this.#byWebUrl, row.webUrl, row.id);
    removeFrom(this.#byOriginalUrl, row.originalUrl, row.id);
  }

  /**
   * Brings the view in line with a full list of rows (e.g. the Library's entries after
   * any change): changed rows are re-indexed, vanished ones dropped.
   */
  syncWith(rows: readonly ArticleSummary[]): void {
    const seen = new Set<string>();
    for (const r of rows) {
      seen.add(r.id);
      this.set(r);
    }
    if (seen.size !== this.#rows.size) {
      for (const id of [...this.#rows.keys()]) if (!seen.has(id)) this.delete(id);
    }
  }

  /** Finds the folder's article a URL belongs to (by webUrl, else originalUrl). */
  get lookup(): RelatedLookup {
    return this.#lookup;
  }

  /** Stale copies and folder-resolved self-links of one article (see `relatedProblems`). */
  problemsOf(id: string, data: FrontMatter | null): ReturnType<typeof relatedProblems> {
    return relatedProblems(data, this.lookup, id);
  }

  /** Ids of the folder's articles that `data` (the article `id`) already links to, plus itself. */
  linkedIds(id: string, data: FrontMatter | null): Set<string> {
    const out = new Set<string>([id]);
    if (!data) return out;
    const lookup = this.lookup;
    for (const item of relatedListOf(data)) {
      const url = relatedUrlOf(item);
      const hit = url ? lookup(url) : undefined;
      if (hit) out.add(hit.id);
    }
    // Other files with the article's own URL would be self-links.
    for (const url of [data.webUrl, data.originalUrl]) {
      const hit = typeof url === 'string' && url.trim() ? lookup(url) : undefined;
      if (hit) out.add(hit.id);
    }
    return out;
  }

  /**
   * The `n` articles most similar to article `id`, not counting itself nor those it
   * already links to. `data` is the article's current front matter (for its links).
   */
  suggest(id: string, data: FrontMatter | null, n = DEFAULT_SUGGESTIONS): RelatedSuggestion[] {
    const exclude = this.linkedIds(id, data);
    const row = this.#rows.get(id);
    const found = this.#index.has(id)
      ? this.#index.suggest(id, n, { exclude })
      : row
        ? this.#index.suggestFor(row, n, { exclude })
        : [];
    return found.map((s) => {
      const r = this.#rows.get(s.id) as ArticleSummary;
      return {
        id: s.id,
        title: r.title,
        providerName: r.providerName,
        publishedDateTime: r.publishedDateTime,
        webUrl: r.webUrl || r.originalUrl,
        score: s.score,
        sharedTopics: s.sharedTopics,
        sameProvider: s.sameProvider,
        sameCategory: s.sameCategory,
        sharedWords: s.sharedWords,
      };
    });
  }

  /**
   * Picker search: articles whose title, URL, topics or provider contain every word of
   * `text` (case- and accent-insensitive), title matches first, then newest first.
   * `forId`/`forData` mark the ones the article being edited already links to and leave
   * the article itself out.
   */
  search(
    text: string,
    opts: { limit?: number; forId?: string; forData?: FrontMatter | null } = {},
  ): ArticlePick[] {
    const words = foldText(text).split(/\s+/).filter(Boolean);
    const limit = opts.limit ?? DEFAULT_PICKS;
    const linked = opts.forId
      ? this.linkedIds(opts.forId, opts.forData ?? null)
      : new Set<string>();
    const hits: Array<{ row: ArticleSummary; inTitle: number }> = [];
    for (const row of this.#rows.values()) {
      if (row.malformed || row.id === opts.forId || !(row.webUrl || row.originalUrl)) continue;
      const hay = this.#haystack(row);
      if (!words.every((w) => hay.includes(w))) continue;
      const title = foldText(row.title);
      hits.push({ row, inTitle: words.filter((w) => title.includes(w)).length });
    }
    hits.sort(
      (a, b) =>
        b.inTitle - a.inTitle ||
        (a.row.publishedDateTime < b.row.publishedDateTime
          ? 1
          : a.row.publishedDateTime > b.row.publishedDateTime
            ? -1
            : 0) ||
        (a.row.id < b.row.id ? -1 : 1),
    );
    return hits.slice(0, limit).map(({ row }) => ({
      id: row.id,
      title: row.title,
      excerpt: row.excerpt,
      providerName: row.providerName,
      publishedDateTime: row.publishedDateTime,
      url: row.webUrl || row.originalUrl,
      topics: row.topics,
      image: row.image,
      linked: linked.has(row.id),
    }));
  }

  #haystack(row: ArticleSummary): string {
    let h = this.#haystacks.get(row.id);
    if (h === undefined) {
      h = foldText(
        [
          row.title,
          row.webUrl,
          row.originalUrl,
          row.topics.join(' '),
          row.providerName,
          row.providerDomain,
          row.id,
        ].join('\n'),
      );
      this.#haystacks.set(row.id, h);
    }
    return h;
  }
}

function addTo(map: Map<string, string[]>, url: string, id: string): void {
  if (!url) return;
  const key = urlKey(url);
  const ids = map.get(key);
  if (!ids) map.set(key, [id]);
  else {
    ids.push(id);
    // Several articles with one URL: answer with the same one whatever the scan order.
    ids.sort();
  }
}

function removeFrom(map: Map<string, string[]>, url: string, id: string): void {
  if (!url) return;
  const key = urlKey(url);
  const ids = map.get(key);
  if (!ids) return;
  const at = ids.indexOf(id);
  if (at >= 0) ids.splice(at, 1);
  if (ids.length === 0) map.delete(key);
}

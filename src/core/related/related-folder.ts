/**
 * What related links need to know about a whole folder: which article a URL belongs to
 * (stale checks, refresh, picker "already linked" marks), the suggestion index, and a
 * picker search. Fed with index rows; kept current row by row, so a change to one file
 * costs work in proportion to that file, not to the folder. The URL lookup is kept up to
 * date at once (it is cheap, and every stale check needs it); the word index behind the
 * suggestions is only brought up to date when suggestions are asked for, and can be
 * built in slices ({@link RelatedFolder.flushIndex}) so a 50,000-article folder never
 * blocks the process for seconds.
 */
import type { ArticleSummary, FrontMatter } from '../../shared/article';
import { foldText } from '../../shared/rules/formats';
import {
  ownUrlKeys,
  relatedListOf,
  relatedProblems,
  relatedUrlOf,
  urlKey,
  type ArticlePick,
  type RelatedLookup,
  type RelatedSuggestion,
} from '../../shared/related';
import { DEFAULT_LINK_WEIGHTS, LinkGraph, outKeysOf, type LinkWeights } from './link-graph';
import { SuggestIndex, type SuggestWeights } from './suggest';

/** Default number of suggestions and of picker results. */
export const DEFAULT_SUGGESTIONS = 5;
export const DEFAULT_PICKS = 20;

/** The related-links view of one folder's index rows. */
export class RelatedFolder {
  readonly #rows = new Map<string, ArticleSummary>();
  /** Folded searchable text per id, for the picker search (built on first search). */
  readonly #haystacks = new Map<string, { hay: string; titleEnd: number }>();
  readonly #index: SuggestIndex;
  /** Rows (or `null` for removals) not yet applied to the word index. */
  readonly #pending = new Map<string, ArticleSummary | null>();
  /** The folder's related links (fed by {@link setLinks}; empty until then). */
  readonly #links = new LinkGraph();
  readonly #linkWeights: LinkWeights;
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

  constructor(
    rows: Iterable<ArticleSummary> = [],
    weights: { text?: Partial<SuggestWeights>; links?: Partial<LinkWeights> } = {},
  ) {
    this.#index = new SuggestIndex(weights.text);
    this.#linkWeights = { ...DEFAULT_LINK_WEIGHTS, ...weights.links };
    for (const r of rows) this.set(r);
  }

  /**
   * Records the related links of article `id` (from its front matter), which suggestions
   * use as evidence. `null` data forgets them.
   */
  setLinks(id: string, data: FrontMatter | null): void {
    this.#links.set(id, data ? outKeysOf(data) : []);
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
    this.#pending.set(row.id, row.malformed ? null : row);
    if (!row.malformed) {
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
    this.#pending.set(id, null);
    this.#links.delete(id);
  }

  /**
   * Brings the word index up to date, `slice` rows at a time with a turn of the event loop
   * in between (the first call on a big folder builds the whole index). Concurrent calls
   * share the work; `suggest` does the rest synchronously if anything is left.
   */
  async flushIndex(slice = 1000): Promise<void> {
    while (this.#pending.size > 0) {
      this.#applyPending(slice);
      if (this.#pending.size > 0) await new Promise<void>((r) => setImmediate(r));
    }
  }

  #applyPending(max: number): void {
    let n = 0;
    for (const [id, row] of this.#pending) {
      if (n++ >= max) return;
      this.#pending.delete(id);
      if (row) {
        this.#index.set(id, row);
        this.#haystack(row); // so the first picker search does not build them all at once
      } else {
        this.#index.remove(id);
      }
    }
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
   * Text similarity is helped by the folder's links recorded with {@link setLinks}.
   */
  suggest(id: string, data: FrontMatter | null, n = DEFAULT_SUGGESTIONS): RelatedSuggestion[] {
    this.#applyPending(Infinity);
    const exclude = this.linkedIds(id, data);
    const row = this.#rows.get(id);
    const own = data ? ownUrlKeys(data) : new Set<string>();
    if (row?.webUrl) own.add(urlKey(row.webUrl));
    if (row?.originalUrl) own.add(urlKey(row.originalUrl));
    const evidence = this.#links.boosts(id, own, outKeysOf(data), this.lookup, this.#linkWeights);
    const boost = new Map<string, number>();
    for (const [cand, e] of evidence) boost.set(cand, e.score);
    const found = this.#index.has(id)
      ? this.#index.suggest(id, n, { exclude, boost })
      : row
        ? this.#index.suggestFor(row, n, { exclude, boost })
        : [];
    return found.map((s) => {
      const r = this.#rows.get(s.id) as ArticleSummary;
      const e = evidence.get(s.id);
      const viaLinks = (e?.via ?? []).filter((v) => v !== s.id);
      const linked = e?.linksBack
        ? 'Links to this article'
        : viaLinks.length
          ? 'Shares links with this article'
          : '';
      return {
        linksBack: e?.linksBack ?? false,
        viaLinks,
        reason: [linked, s.reason].filter(Boolean).join(' · '),
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
    if (limit <= 0) return [];
    const linked = opts.forId
      ? this.linkedIds(opts.forId, opts.forData ?? null)
      : new Set<string>();
    // One pass keeping the best `limit` hits (a one-letter query matches every article).
    const top: Array<{ row: ArticleSummary; inTitle: number }> = [];
    const better = (
      a: { row: ArticleSummary; inTitle: number },
      b: { row: ArticleSummary; inTitle: number },
    ): boolean =>
      a.inTitle !== b.inTitle
        ? a.inTitle > b.inTitle
        : a.row.publishedDateTime !== b.row.publishedDateTime
          ? a.row.publishedDateTime > b.row.publishedDateTime
          : a.row.id < b.row.id;
    for (const row of this.#rows.values()) {
      if (row.malformed || row.id === opts.forId || !(row.webUrl || row.originalUrl)) continue;
      const { hay, titleEnd } = this.#haystack(row);
      if (!words.every((w) => hay.includes(w))) continue;
      let inTitle = 0;
      for (const w of words) {
        const at = hay.indexOf(w);
        if (at >= 0 && at + w.length <= titleEnd) inTitle++;
      }
      const hit = { row, inTitle };
      if (top.length === limit && !better(hit, top[limit - 1])) continue;
      let i = top.length === limit ? limit - 1 : top.length;
      while (i > 0 && better(hit, top[i - 1])) {
        top[i] = top[i - 1];
        i--;
      }
      top[i] = hit;
    }
    return top.map(({ row }) => ({
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

  /** Folded "title, URLs, topics, provider, path" of a row; the title comes first. */
  #haystack(row: ArticleSummary): { hay: string; titleEnd: number } {
    let h = this.#haystacks.get(row.id);
    if (h === undefined) {
      const title = foldText(row.title);
      const rest = foldText(
        [
          row.webUrl,
          row.originalUrl,
          row.topics.join(' '),
          row.providerName,
          row.providerDomain,
          row.id,
        ].join('\n'),
      );
      h = { hay: `${title}\n${rest}`, titleEnd: title.length };
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

/**
 * The folder's related links as a graph, for suggestions: which URLs each article links
 * to, and which articles link to a URL. Editors' own links are the best evidence of what
 * belongs together, so a suggestion gains when the candidate already links back to the
 * article (reciprocity), when both link to the same third articles (shared links), and
 * when a third article links to both, or the article links to one that links to it
 * (co-citation, one step away). Kept per article, so a change costs that article's links.
 */
import type { FrontMatter } from '../../shared/article';
import { relatedListOf, relatedUrlOf, urlKey, type RelatedLookup } from '../../shared/related';

/** How much each link signal counts, in the units of the suggestion scores. */
export interface LinkWeights {
  /** The candidate links to this article. */
  linksBack: number;
  /** Per third article both link to (divided by √ of how many articles link to it). */
  sharedLink: number;
  /** Per third article that links to both, or that this article links to and that links to the candidate. */
  coCited: number;
}

/** Tuned on the sample folder's hand-made related pairs (leave-one-out). */
export const DEFAULT_LINK_WEIGHTS: LinkWeights = { linksBack: 6, sharedLink: 8, coCited: 6 };

/** Why the links suggest a candidate (see {@link LinkGraph.boosts}). */
export interface LinkEvidence {
  score: number;
  linksBack: boolean;
  /** Third articles (ids) both link to, or that connect them. */
  via: string[];
}

/** The URL keys an article's `related` list links to (unique, in list order). */
export function outKeysOf(data: FrontMatter | null | undefined): string[] {
  const keys: string[] = [];
  for (const item of relatedListOf(data)) {
    const url = relatedUrlOf(item);
    if (!url) continue;
    const k = urlKey(url);
    if (!keys.includes(k)) keys.push(k);
  }
  return keys;
}

/** Outgoing links per article and incoming links per URL. */
export class LinkGraph {
  readonly #out = new Map<string, string[]>();
  readonly #in = new Map<string, Set<string>>();

  /** Number of articles with links. */
  get size(): number {
    return this.#out.size;
  }

  /** Replaces the links of article `id` (URL keys, see `urlKey`); `[]` forgets them. */
  set(id: string, keys: readonly string[]): void {
    this.delete(id);
    if (keys.length === 0) return;
    const unique = [...new Set(keys)];
    this.#out.set(id, unique);
    for (const k of unique) {
      let ids = this.#in.get(k);
      if (!ids) {
        ids = new Set();
        this.#in.set(k, ids);
      }
      ids.add(id);
    }
  }

  /** Forgets the links of article `id`. */
  delete(id: string): void {
    const keys = this.#out.get(id);
    if (!keys) return;
    this.#out.delete(id);
    for (const k of keys) {
      const ids = this.#in.get(k);
      ids?.delete(id);
      if (ids?.size === 0) this.#in.delete(k);
    }
  }

  /** URL keys article `id` links to. */
  outKeys(id: string): readonly string[] {
    return this.#out.get(id) ?? [];
  }

  /** Ids of the articles that link to a URL key. */
  linkers(key: string): ReadonlySet<string> {
    return this.#in.get(key) ?? EMPTY;
  }

  /**
   * Link evidence for candidates of article `id`, whose own URL keys are `ownKeys` and
   * whose links are `outKeys` (its current list, which may differ from the graph's copy).
   * Resolves URLs to ids with `lookup`. Never includes `id` itself.
   */
  boosts(
    id: string,
    ownKeys: ReadonlySet<string>,
    outKeys: readonly string[],
    lookup: RelatedLookup,
    w: LinkWeights = DEFAULT_LINK_WEIGHTS,
  ): Map<string, LinkEvidence> {
    const out = new Map<string, LinkEvidence>();
    const add = (cand: string, score: number, via?: string, back = false): void => {
      if (cand === id) return;
      let e = out.get(cand);
      if (!e) {
        e = { score: 0, linksBack: false, via: [] };
        out.set(cand, e);
      }
      e.score += score;
      if (back) e.linksBack = true;
      if (via !== undefined && !e.via.includes(via)) e.via.push(via);
    };
    const idOfKey = (k: string): string | undefined => lookup(k)?.id;

    // Articles linking to this one: reciprocity, and what else they link to (co-citation).
    const linkingHere = new Set<string>();
    for (const k of ownKeys) for (const x of this.linkers(k)) if (x !== id) linkingHere.add(x);
    for (const x of linkingHere) {
      add(x, w.linksBack, undefined, true);
      const theirs = this.outKeys(x);
      const share = w.coCited / Math.sqrt(Math.max(1, theirs.length - 1));
      for (const k of theirs) {
        if (ownKeys.has(k)) continue;
        const b = idOfKey(k);
        if (b) add(b, share, x);
      }
    }
    for (const k of outKeys) {
      const c = idOfKey(k);
      // Shared links: others that link to what this article links to.
      const others = this.linkers(k);
      const share = w.sharedLink / Math.sqrt(Math.max(1, others.size));
      for (const x of others) if (x !== id) add(x, share, c);
      // One step on: what the linked article links to.
      if (c === undefined || c === id) continue;
      const next = this.outKeys(c);
      const step = w.coCited / Math.sqrt(Math.max(1, next.length - 1));
      for (const k2 of next) {
        if (ownKeys.has(k2)) continue;
        const b = idOfKey(k2);
        if (b) add(b, step, c);
      }
    }
    return out;
  }
}

const EMPTY: ReadonlySet<string> = new Set();

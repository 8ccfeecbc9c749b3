/**
 * Related-article suggestions: an in-memory, incrementally maintained index over the
 * folder's summaries that ranks "the articles most similar to this one" (PRODUCT.md §4)
 * by BM25 over title + excerpt words, shared topics (weighted by rarity), and the same
 * provider / category as tie-breaking bonuses.
 *
 * Built for 50,000 articles: postings are flat number arrays, each document keeps its
 * sorted term ids, and very common words are scored only against candidates that some
 * rarer word or topic already found, so one suggestion touches a bounded set of postings.
 */
import { normLabel, tokenize } from './tokenize';

/** What the index needs of an article (an `ArticleSummary` fits). */
export interface SuggestDoc {
  title: string;
  excerpt: string;
  topics: readonly string[];
  providerName: string;
  category: string;
}

/** One suggested article, with why it was suggested. */
export interface Suggestion {
  id: string;
  /** Higher is more similar; only meaningful relative to the other suggestions of one call. */
  score: number;
  /** Topics both articles have (as written in the suggested article). */
  sharedTopics: string[];
  sameProvider: boolean;
  sameCategory: boolean;
  /** Words both titles/excerpts share (as first seen in the folder), most telling first (at most 8). */
  sharedWords: string[];
  /**
   * Why it is suggested, in words an editor reads: the shared topics, the same provider and
   * the most telling shared words (never stop words), e.g.
   * `Shared topics: AI, Policy · Same provider: BBC · Shared words: police, drones`.
   */
  reason: string;
}

/** Options of {@link SuggestIndex.suggest}. */
export interface SuggestOptions {
  /** Ids never to suggest (e.g. articles already linked). The article itself is always excluded. */
  exclude?: Iterable<string>;
  /**
   * Extra score per candidate id from outside the text (e.g. the folder's links); a
   * boosted article is a candidate even when it shares no word or topic.
   */
  boost?: ReadonlyMap<string, number>;
}

interface Posting {
  slots: number[];
  tfs: number[];
}

interface DocRec {
  id: string;
  /** Sorted unique term ids. */
  terms: Int32Array;
  /** Term frequencies, parallel to `terms` (title words count twice). */
  tfs: Uint16Array;
  len: number;
  /** Normalised topic labels, unique. */
  topics: string[];
  /** Topics as written, parallel to `topics`. */
  topicLabels: string[];
  provider: string;
  /** The provider's name as written. */
  providerLabel: string;
  category: string;
}

/** How much each signal counts (see {@link DEFAULT_WEIGHTS}). */
export interface SuggestWeights {
  /** BM25 term-frequency saturation and length normalisation. */
  k1: number;
  b: number;
  /** A title word counts as this many excerpt words. */
  title: number;
  /** Multiplier of a shared topic's rarity (idf). */
  topic: number;
  /** Multipliers of the same-provider / same-category bonus (rarity-weighted). */
  provider: number;
  category: number;
}

/**
 * Weights tuned on the sample folder's hand-made related pairs (leave-one-out, together
 * with the link weights). The same provider is only a nudge: a site publishes on every
 * subject, so it must not outweigh a shared topic or word.
 */
export const DEFAULT_WEIGHTS: SuggestWeights = {
  k1: 1.2,
  b: 0.75,
  title: 1.5,
  topic: 2.5,
  provider: 0.5,
  category: 0.3,
};

/** Terms in more documents than this are only scored against already-found candidates. */
const COMMON_DF_MIN = 2000;
const COMMON_DF_RATIO = 0.04;

/**
 * Incremental similarity index. `set` adds or replaces an article, `remove` drops it;
 * both cost in proportion to the article's own words, not to the folder.
 */
export class SuggestIndex {
  private readonly slotOf = new Map<string, number>();
  private docs: Array<DocRec | null> = [];
  private readonly freeSlots: number[] = [];
  private readonly termIds = new Map<string, number>();
  /** A word each term was first seen as (for explanations), by term id. */
  private readonly termText: string[] = [];
  private postings: Array<Posting | undefined> = [];
  private readonly topicPostings = new Map<string, number[]>();
  private readonly providerCount = new Map<string, number>();
  private readonly categoryCount = new Map<string, number>();
  private totalLen = 0;
  private scores = new Float64Array(0);
  private mark = new Uint32Array(0);
  /** Per slot: document length and provider / category ids, flat for fast scoring loops. */
  private lens = new Float64Array(0);
  private providerIds = new Int32Array(0);
  private categoryIds = new Int32Array(0);
  private readonly labelIds = new Map<string, number>();
  private generation = 0;
  private readonly w: SuggestWeights;

  constructor(weights: Partial<SuggestWeights> = {}) {
    this.w = { ...DEFAULT_WEIGHTS, ...weights };
  }

  /** Number of articles indexed. */
  get size(): number {
    return this.slotOf.size;
  }

  /** `true` when `id` is indexed. */
  has(id: string): boolean {
    return this.slotOf.has(id);
  }

  /** Adds or replaces one article. */
  set(id: string, doc: SuggestDoc): void {
    if (this.slotOf.has(id)) this.remove(id);
    const rec = this.makeRec(id, doc);
    const slot = this.freeSlots.length > 0 ? (this.freeSlots.pop() as number) : this.docs.length;
    this.docs[slot] = rec;
    this.slotOf.set(id, slot);
    if (this.scores.length < this.docs.length) this.grow();
    this.lens[slot] = rec.len;
    this.providerIds[slot] = this.labelId(rec.provider);
    this.categoryIds[slot] = this.labelId(rec.category);
    for (let i = 0; i < rec.terms.length; i++) {
      const t = rec.terms[i];
      let p = this.postings[t];
      if (!p) {
        p = { slots: [], tfs: [] };
        this.postings[t] = p;
      }
      p.slots.push(slot);
      p.tfs.push(rec.tfs[i]);
    }
    for (const topic of rec.topics) {
      let p = this.topicPostings.get(topic);
      if (!p) {
        p = [];
        this.topicPostings.set(topic, p);
      }
      p.push(slot);
    }
    bump(this.providerCount, rec.provider, 1);
    bump(this.categoryCount, rec.category, 1);
    this.totalLen += rec.len;
  }

  /** Removes one article; a no-op when it is not indexed. */
  remove(id: string): void {
    const slot = this.slotOf.get(id);
    if (slot === undefined) return;
    const rec = this.docs[slot] as DocRec;
    for (let i = 0; i < rec.terms.length; i++) {
      const p = this.postings[rec.terms[i]] as Posting;
      const at = p.slots.lastIndexOf(slot);
      const last = p.slots.length - 1;
      p.slots[at] = p.slots[last];
      p.tfs[at] = p.tfs[last];
      p.slots.pop();
      p.tfs.pop();
    }
    for (const topic of rec.topics) {
      const p = this.topicPostings.get(topic) as number[];
      const at = p.lastIndexOf(slot);
      p[at] = p[p.length - 1];
      p.pop();
      if (p.length === 0) this.topicPostings.delete(topic);
    }
    bump(this.providerCount, rec.provider, -1);
    bump(this.categoryCount, rec.category, -1);
    this.totalLen -= rec.len;
    this.docs[slot] = null;
    this.freeSlots.push(slot);
    this.slotOf.delete(id);
  }

  /**
   * The `n` indexed articles most similar to the indexed article `id` (never itself, never
   * an excluded id), best first. Articles sharing nothing are not suggested, so fewer than
   * `n` may come back. Unknown `id` → `[]`.
   */
  suggest(id: string, n: number, opts: SuggestOptions = {}): Suggestion[] {
    const slot = this.slotOf.get(id);
    if (slot === undefined) return [];
    return this.rank(this.docs[slot] as DocRec, n, opts, slot);
  }

  /** Like {@link suggest} for an article that is not (or not yet as written) in the index. */
  suggestFor(doc: SuggestDoc, n: number, opts: SuggestOptions = {}): Suggestion[] {
    return this.rank(this.makeRec('', doc, false), n, opts, -1);
  }

  private rank(q: DocRec, n: number, opts: SuggestOptions, selfSlot: number): Suggestion[] {
    if (n <= 0 || this.slotOf.size === 0) return [];
    const N = this.slotOf.size;
    const avgLen = this.totalLen / N || 1;
    const gen = this.nextGeneration();
    const { scores, mark } = this;
    const touched: number[] = [];
    const touch = (s: number, add: number): void => {
      if (mark[s] !== gen) {
        mark[s] = gen;
        scores[s] = 0;
        touched.push(s);
      }
      scores[s] += add;
    };
    const { k1, b } = this.w;
    const commonDf = Math.max(COMMON_DF_MIN, Math.floor(N * COMMON_DF_RATIO));
    const common: Array<{ term: number; idf: number; qw: number }> = [];

    // 1. Rare-enough words: walk their postings (this is what finds candidates).
    for (let i = 0; i < q.terms.length; i++) {
      const p = q.terms[i] < this.postings.length ? this.postings[q.terms[i]] : undefined;
      if (!p || p.slots.length === 0) continue;
      const df = p.slots.length;
      const idf = Math.log(1 + (N - df + 0.5) / (df + 0.5));
      const qw = 1 + Math.log(q.tfs[i]);
      if (df > commonDf) {
        common.push({ term: q.terms[i], idf, qw });
        continue;
      }
      const { slots, tfs } = p;
      for (let j = 0; j < slots.length; j++) {
        const tf = tfs[j];
        touch(
          slots[j],
          (qw * idf * (tf * (k1 + 1))) / (tf + k1 * (1 - b + (b * this.lens[slots[j]]) / avgLen)),
        );
      }
    }
    // 2. Shared topics, weighted by how rare the topic is in the folder.
    for (const topic of q.topics) {
      const p = this.topicPostings.get(topic);
      if (!p) continue;
      const w = this.w.topic * Math.log(1 + N / p.length);
      for (let j = 0; j < p.length; j++) touch(p[j], w);
    }
    // 3. Evidence from outside the text (links), which also finds candidates.
    for (const [id, add] of opts.boost ?? []) {
      const s = this.slotOf.get(id);
      if (s !== undefined && add > 0) touch(s, add);
    }
    // 4. Same provider / category, for the candidates found above; excluded ones drop out.
    const providerW = q.provider
      ? this.w.provider * Math.log(1 + N / (this.providerCount.get(q.provider) ?? 1))
      : 0;
    const categoryW = q.category
      ? this.w.category * Math.log(1 + N / (this.categoryCount.get(q.category) ?? 1))
      : 0;
    const excluded = new Set<number>();
    if (selfSlot >= 0) excluded.add(selfSlot);
    for (const ex of opts.exclude ?? []) {
      const s = this.slotOf.get(ex);
      if (s !== undefined) excluded.add(s);
    }
    const candidates: number[] = [];
    const { providerIds, categoryIds, lens } = this;
    const qProvider = providerW ? (this.labelIds.get(q.provider) ?? -1) : -1;
    const qCategory = categoryW ? (this.labelIds.get(q.category) ?? -1) : -1;
    for (const s of touched) {
      if (excluded.has(s)) continue;
      if (providerIds[s] === qProvider) scores[s] += providerW;
      if (categoryIds[s] === qCategory) scores[s] += categoryW;
      candidates.push(s);
    }

    // 5. Very common words, for the candidates found above. They are in most documents:
    // walk their postings when that is cheaper than looking each candidate's terms up.
    if (common.length > 0) {
      const k1a = k1 * (1 - b);
      const k1b = (k1 * b) / avgLen;
      let walk = 0;
      for (const c of common) walk += (this.postings[c.term] as Posting).slots.length;
      if (walk < candidates.length * common.length * 4) {
        for (const c of common) {
          const { slots, tfs } = this.postings[c.term] as Posting;
          const w = c.qw * c.idf * (k1 + 1);
          for (let j = 0; j < slots.length; j++) {
            const s = slots[j];
            if (mark[s] !== gen) continue;
            const tf = tfs[j];
            scores[s] += (w * tf) / (tf + k1a + k1b * lens[s]);
          }
        }
      } else {
        for (const s of candidates) {
          const d = this.docs[s] as DocRec;
          for (const c of common) {
            const at = binarySearch(d.terms, c.term);
            if (at < 0) continue;
            const tf = d.tfs[at];
            scores[s] += (c.qw * c.idf * (tf * (k1 + 1))) / (tf + k1a + k1b * lens[s]);
          }
        }
      }
    }

    // 6. Top n, best first; ties by id so the order is stable.
    const better = (a: number, b: number): boolean =>
      scores[a] > scores[b] ||
      (scores[a] === scores[b] && (this.docs[a] as DocRec).id < (this.docs[b] as DocRec).id);
    const top: number[] = [];
    for (const s of candidates) {
      if (!(scores[s] > 0)) continue;
      if (top.length === n && !better(s, top[n - 1])) continue;
      let i = top.length === n ? n - 1 : top.length;
      while (i > 0 && better(s, top[i - 1])) {
        top[i] = top[i - 1];
        i--;
      }
      top[i] = s;
    }
    return top.map((s) => this.explain(q, s, scores[s]));
  }

  private explain(q: DocRec, slot: number, score: number): Suggestion {
    const d = this.docs[slot] as DocRec;
    const sharedTopics: string[] = [];
    d.topics.forEach((t, i) => {
      if (q.topics.includes(t)) sharedTopics.push(d.topicLabels[i]);
    });
    const shared: Array<{ term: string; df: number }> = [];
    for (const t of q.terms) {
      if (binarySearch(d.terms, t) >= 0) {
        shared.push({ term: this.termText[t], df: this.postings[t]?.slots.length ?? 0 });
      }
    }
    shared.sort((a, b) => a.df - b.df || (a.term < b.term ? -1 : 1));
    const sameProvider = q.provider !== '' && d.provider === q.provider;
    const sharedWords = shared.slice(0, 8).map((s) => s.term);
    return {
      id: d.id,
      score: Math.round(score * 1000) / 1000,
      sharedTopics,
      sameProvider,
      sameCategory: q.category !== '' && d.category === q.category,
      sharedWords,
      reason: suggestionReason(sharedTopics, sameProvider ? d.providerLabel : '', sharedWords),
    };
  }

  /** Builds a document record; `intern` false only looks terms up (for ad-hoc queries). */
  private makeRec(id: string, doc: SuggestDoc, intern = true): DocRec {
    const counts = new Map<number, number>();
    let len = 0;
    const addText = (text: string, weight: number): void => {
      const words: string[] = [];
      const terms = tokenize(text, intern ? words : undefined);
      for (let i = 0; i < terms.length; i++) {
        const w = terms[i];
        let t = this.termIds.get(w);
        if (t === undefined) {
          // An unknown word matches nothing; give ad-hoc queries a throwaway id.
          t = intern ? this.termText.length : -1 - counts.size;
          if (intern) {
            this.termIds.set(w, t);
            this.termText.push(words[i]);
          }
        }
        counts.set(t, (counts.get(t) ?? 0) + weight);
        len += weight;
      }
    };
    addText(typeof doc.title === 'string' ? doc.title : '', this.w.title);
    addText(typeof doc.excerpt === 'string' ? doc.excerpt : '', 1);
    let known = 0;
    for (const t of counts.keys()) if (t >= 0) known++;
    const terms = new Int32Array(known);
    let k = 0;
    for (const t of counts.keys()) if (t >= 0) terms[k++] = t;
    terms.sort();
    const tfs = new Uint16Array(known);
    for (let i = 0; i < known; i++) tfs[i] = Math.min(65535, counts.get(terms[i]) as number);
    const topics: string[] = [];
    const topicLabels: string[] = [];
    for (const raw of Array.isArray(doc.topics) ? doc.topics : []) {
      if (typeof raw !== 'string') continue;
      const t = normLabel(raw);
      if (t && !topics.includes(t)) {
        topics.push(t);
        topicLabels.push(raw);
      }
    }
    return {
      id,
      terms,
      tfs,
      len,
      topics,
      topicLabels,
      provider: normLabel(typeof doc.providerName === 'string' ? doc.providerName : ''),
      providerLabel: typeof doc.providerName === 'string' ? doc.providerName.trim() : '',
      category: normLabel(typeof doc.category === 'string' ? doc.category : ''),
    };
  }

  private grow(): void {
    const cap = Math.max(64, this.docs.length * 2);
    const mark = new Uint32Array(cap);
    mark.set(this.mark);
    this.mark = mark;
    this.scores = new Float64Array(cap);
    const lens = new Float64Array(cap);
    lens.set(this.lens);
    this.lens = lens;
    const providerIds = new Int32Array(cap);
    providerIds.set(this.providerIds);
    this.providerIds = providerIds;
    const categoryIds = new Int32Array(cap);
    categoryIds.set(this.categoryIds);
    this.categoryIds = categoryIds;
  }

  /** A small integer for a provider or category label (`''` is 0, never equal to a real one). */
  private labelId(label: string): number {
    if (!label) return 0;
    let id = this.labelIds.get(label);
    if (id === undefined) {
      id = this.labelIds.size + 1;
      this.labelIds.set(label, id);
    }
    return id;
  }

  private nextGeneration(): number {
    this.generation++;
    if (this.generation === 0xffffffff) {
      this.mark.fill(0);
      this.generation = 1;
    }
    return this.generation;
  }
}

/**
 * The sentence that explains a suggestion: shared topics, the same provider (by name) and at
 * most five shared words; `''` when there is none of them.
 */
export function suggestionReason(
  topics: readonly string[],
  provider: string,
  words: readonly string[],
): string {
  return [
    topics.length ? `Shared ${topics.length === 1 ? 'topic' : 'topics'}: ${topics.join(', ')}` : '',
    provider ? `Same provider: ${provider}` : '',
    words.length ? `Shared words: ${words.slice(0, 5).join(', ')}` : '',
  ]
    .filter(Boolean)
    .join(' · ');
}

function bump(map: Map<string, number>, key: string, by: number): void {
  if (!key) return;
  const n = (map.get(key) ?? 0) + by;
  if (n <= 0) map.delete(key);
  else map.set(key, n);
}

function binarySearch(arr: Int32Array, value: number): number {
  let lo = 0;
  let hi = arr.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const v = arr[mid];
    if (v === value) return mid;
    if (v < value) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

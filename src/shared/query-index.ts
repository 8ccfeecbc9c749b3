/**
 * A live, queryable index of article summaries, built for 50,000 articles.
 *
 * Layout: every summary gets a slot; per-slot flags and numbers live in typed arrays and
 * the precomputed keys (query-rows.ts) in one array, all in insertion order, so the filter
 * pass reads memory sequentially. Each sort key/direction keeps a sorted array of slots,
 * computed on first use and then patched incrementally as files change, so a query never
 * sorts: it filters in slot order, then walks the sorted slots to count and take the window.
 * Full-text results are kept for the last search so typing more letters only re-tests the
 * previous matches.
 */
import type { ArticleSummary, ReviewState } from './article';
import type { Facets, Query, QueryResult, SortKey } from './query-types';
import {
  comparatorFor,
  lowerBound,
  queryCounts,
  rowOf,
  sortSlots,
  sortSlotsById,
  type Row,
} from './query-rows';
import { foldText, parseDateBound } from './rules/formats';
import { parseSearch, phraseTest, refinesPhrases, type Phrase } from './search-terms';
import { TextIndex } from './text-index';

/** A refined search re-tests at most this many previous matches (else: token index). */
const NARROW_MAX = 4096;

/** Above this many pending changes cached orders are rebuilt instead of patched. */
const MAX_INCREMENTAL = 256;

const LIVE = 1;
const APPROVED = 2;
const REJECTED = 4;
const PUBLISHED = 8;
const PROBLEMS = 16;
const MALFORMED = 32;

interface CachedOrder {
  slots: number[];
  /** Sequence number of the last change applied to `slots`. */
  seq: number;
}

/** One change to the index: a slot that died and/or a slot that was born. */
interface Change {
  seq: number;
  removed: number;
  added: number;
}

/** A set of folded values, or `null` when the filter is absent or empty (= no filter). */
function foldedSet(values: readonly string[] | undefined): Set<string> | null {
  if (!values || values.length === 0) return null;
  return new Set(values.map((v) => foldText(v).trim()));
}

function finiteOr(value: number | undefined, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : fallback;
}

function flagsOf(e: ArticleSummary): number {
  let f = LIVE;
  if (e.review === 'approved') f |= APPROVED;
  else if (e.review === 'rejected') f |= REJECTED;
  if (e.published) f |= PUBLISHED;
  if (e.problems.length > 0) f |= PROBLEMS;
  if (e.malformed) f |= MALFORMED;
  return f;
}

/** The words of a full-text search, folded; empty when there is nothing to search. */
export function searchWords(text: string | undefined): string[] {
  return parseSearch(text).words;
}

/** `true` when every match of `next` is also a match of `prev` (each old word is inside a new one). */
function refines(next: readonly string[], prev: readonly string[]): boolean {
  return prev.every((p) => next.some((n) => n.includes(p)));
}

/**
 * An index of summaries keyed by id. Summaries are immutable: `set` a new object when a
 * file changes.
 */
export class QueryIndex {
  private slotRows: Row[] = [];
  private flags = new Uint8Array(64);
  private quality = new Float64Array(64);
  private slotOf = new Map<string, number>();
  private dead = 0;
  private orders = new Map<string, CachedOrder>();
  private log: Change[] = [];
  private seq = 0;
  private text: { seq: number; words: string[]; slots: Int32Array } | null = null;
  /** The last phrase search: its terms and its matches. */
  private phrased: {
    seq: number;
    key: string;
    plainKey: string;
    phrases: Phrase[];
    slots: Int32Array;
  } | null = null;
  /** Token index of the rows' search text, built on first use (see text-index.ts). */
  private textIndex: TextIndex | null = null;
  private facetsCache: { seq: number; facets: Facets } | null = null;

  constructor(entries: Iterable<ArticleSummary> = []) {
    for (const e of entries) this.set(e);
  }

  /** Number of articles in the index. */
  get size(): number {
    return this.slotOf.size;
  }

  /** The summary with this id, if indexed. */
  get(id: string): ArticleSummary | undefined {
    const slot = this.slotOf.get(id);
    return slot === undefined ? undefined : this.slotRows[slot].e;
  }

  /** Every summary, in insertion order. */
  entries(): ArticleSummary[] {
    const out: ArticleSummary[] = [];
    for (let s = 0; s < this.slotRows.length; s++) {
      if (this.flags[s] & LIVE) out.push(this.slotRows[s].e);
    }
    return out;
  }

  /** Adds a summary, or replaces the one with the same id. */
  set(entry: ArticleSummary): void {
    const old = this.slotOf.get(entry.id);
    if (old !== undefined) {
      if (this.slotRows[old].e === entry) return;
      this.kill(old);
    }
    const row = rowOf(entry);
    const slot = this.slotRows.length;
    if (slot === this.flags.length) this.grow();
    this.slotRows.push(row);
    this.flags[slot] = flagsOf(entry);
    this.quality[slot] = entry.quality ?? NaN;
    this.slotOf.set(entry.id, slot);
    this.record(old ?? -1, slot);
  }

  /** Removes the summary with this id. @returns whether it was indexed. */
  delete(id: string): boolean {
    const slot = this.slotOf.get(id);
    if (slot === undefined) return false;
    this.slotOf.delete(id);
    this.kill(slot);
    this.record(slot, -1);
    return true;
  }

  /** Replaces the whole content of the index. */
  reset(entries: Iterable<ArticleSummary>): void {
    this.slotRows = [];
    this.flags = new Uint8Array(64);
    this.quality = new Float64Array(64);
    this.slotOf.clear();
    this.dead = 0;
    this.orders.clear();
    this.log = [];
    this.textIndex = null;
    this.seq++;
    for (const e of entries) this.set(e);
  }

  private kill(slot: number): void {
    // The dead row stays in `slotRows` so cached orders can still find it to remove it.
    this.flags[slot] = 0;
    this.dead++;
  }

  private grow(): void {
    const flags = new Uint8Array(this.flags.length * 2);
    flags.set(this.flags);
    this.flags = flags;
    const quality = new Float64Array(this.quality.length * 2);
    quality.set(this.quality);
    this.quality = quality;
  }

  private record(removed: number, added: number): void {
    this.seq++;
    if (this.orders.size === 0) return;
    this.log.push({ seq: this.seq, removed, added });
    if (this.log.length > MAX_INCREMENTAL) {
      // Too many changes to patch one by one: orders are rebuilt on their next use.
      this.orders.clear();
      this.log = [];
    }
  }

  /** Renumbers slots when more than half are dead, keeping cached orders (remapped). */
  private compact(): void {
    if (this.dead < 1024 || this.dead < this.slotOf.size) return;
    for (const name of [...this.orders.keys()]) {
      const [key, dir] = name.split(':') as [SortKey, 'asc' | 'desc'];
      this.order(key, dir);
    }
    const remap = new Int32Array(this.slotRows.length).fill(-1);
    const rows: Row[] = [];
    const flags = new Uint8Array(Math.max(64, this.slotOf.size * 2));
    const quality = new Float64Array(flags.length);
    for (let s = 0; s < this.slotRows.length; s++) {
      if (!(this.flags[s] & LIVE)) continue;
      const n = rows.length;
      remap[s] = n;
      rows.push(this.slotRows[s]);
      flags[n] = this.flags[s];
      quality[n] = this.quality[s];
      this.slotOf.set(this.slotRows[s].id, n);
    }
    for (const o of this.orders.values()) o.slots = o.slots.map((s) => remap[s]);
    this.slotRows = rows;
    this.flags = flags;
    this.quality = quality;
    this.dead = 0;
    this.log = [];
    this.text = null;
    this.phrased = null;
    this.textIndex = null; // slots were renumbered
  }

  /** The slots sorted for a key and direction (cached, patched incrementally). */
  private order(key: SortKey, dir: 'asc' | 'desc'): number[] {
    const name = `${key}:${dir}`;
    const cached = this.orders.get(name);
    if (cached && cached.seq === this.seq) return cached.slots;
    if (cached && this.log.length > 0 && this.log[0].seq <= cached.seq + 1) {
      const cmp = comparatorFor(key, dir);
      const rows = this.slotRows;
      const slots = cached.slots;
      for (const change of this.log) {
        if (change.seq <= cached.seq) continue;
        if (change.removed >= 0) {
          let at = lowerBound(slots, rows, rows[change.removed], cmp);
          if (slots[at] !== change.removed) at = slots.indexOf(change.removed);
          if (at >= 0) slots.splice(at, 1);
        }
        if (change.added >= 0) {
          slots.splice(lowerBound(slots, rows, rows[change.added], cmp), 0, change.added);
        }
      }
      cached.seq = this.seq;
      this.trimLog();
      return slots;
    }
    let slots: number[];
    if (key === 'path') {
      const live: number[] = [];
      for (let s = 0; s < this.slotRows.length; s++) if (this.flags[s] & LIVE) live.push(s);
      slots = sortSlotsById(live, this.slotRows);
      if (dir === 'desc') slots.reverse();
    } else {
      slots = sortSlots(this.order('path', 'asc'), this.slotRows, key, dir);
    }
    this.orders.set(name, { slots, seq: this.seq });
    this.trimLog();
    return slots;
  }

  /** Drops log entries every cached order has already applied. */
  private trimLog(): void {
    let oldest = this.seq;
    for (const o of this.orders.values()) oldest = Math.min(oldest, o.seq);
    let drop = 0;
    while (drop < this.log.length && this.log[drop].seq <= oldest) drop++;
    if (drop > 0) this.log.splice(0, drop);
  }

  /** Slots whose title/excerpt contain every word, narrowing the previous search when possible. */
  private textMatches(words: string[]): Int32Array {
    const prev = this.text;
    const narrowing = prev !== null && prev.seq === this.seq && refines(words, prev.words);
    if (narrowing && prev.words.join(' ') === words.join(' ')) return prev.slots;
    const rows = this.slotRows;
    const out: number[] = [];
    const test = (s: number): void => {
      const hay = rows[s].hay;
      for (const w of words) if (!hay.includes(w)) return;
      out.push(s);
    };
    const indexed = words.every((w) => TextIndex.canSearch(w));
    // Narrowing re-tests the previous matches; the token index answers in about the same
    // time whatever the number of matches, so it wins unless those are few.
    if (narrowing && (!indexed || prev.slots.length <= NARROW_MAX)) {
      for (const s of prev.slots) test(s);
    } else if (indexed) {
      // A new search: look the words up in the token index rather than scan every text.
      const index = this.textIndexNow();
      let all: Uint8Array | null = null;
      for (const w of words) {
        const mark = new Uint8Array(rows.length);
        index.markContaining(w, mark);
        if (all) for (let s = 0; s < mark.length; s++) all[s] &= mark[s];
        else all = mark;
      }
      const hits = all as Uint8Array;
      for (let s = 0; s < rows.length; s++) if (hits[s] && this.flags[s] & LIVE) out.push(s);
    } else {
      for (let s = 0; s < rows.length; s++) if (this.flags[s] & LIVE) test(s);
    }
    const slots = Int32Array.from(out);
    this.text = { seq: this.seq, words, slots };
    return slots;
  }

  /**
   * Those of `slots` (the rows holding every word) whose text holds every phrase. A search
   * typed further (same plain words, phrases only extended) re-tests the previous matches.
   */
  private phraseMatches(slots: Int32Array, plain: string[], phrases: Phrase[]): Int32Array {
    const key = JSON.stringify([plain, phrases]);
    const plainKey = JSON.stringify(plain);
    const prev = this.phrased;
    const fresh = prev !== null && prev.seq === this.seq;
    if (fresh && prev.key === key) return prev.slots;
    const narrowing =
      fresh &&
      prev.plainKey === plainKey &&
      prev.slots.length < slots.length &&
      refinesPhrases(phrases, prev.phrases);
    const tests = phrases.map(phraseTest);
    const rows = this.slotRows;
    const out: number[] = [];
    for (const s of narrowing ? prev.slots : slots) {
      const hay = rows[s].hay;
      if (tests.every((t) => t(hay))) out.push(s);
    }
    const result = Int32Array.from(out);
    this.phrased = { seq: this.seq, key, plainKey, phrases, slots: result };
    return result;
  }

  /**
   * Computes every sorted order now (about half a second of CPU at 50,000 articles) so that
   * no later query pays for a first sort. Optional: call it when the app is idle after a scan.
   */
  warm(): void {
    this.warmSome(Infinity);
  }

  /**
   * Does part of {@link warm}: works until `deadline` (a performance.now() time; each sort
   * or slice of the token index is finished once started), so an app can warm the index in
   * slices while it stays responsive.
   * @returns `true` when everything is warm.
   */
  warmSome(deadline: number): boolean {
    const rows = this.slotRows;
    const index = (this.textIndex ??= new TextIndex());
    const live = (s: number): boolean => (this.flags[s] & LIVE) !== 0;
    if (!index.extend((s) => rows[s].hay, rows.length, live, deadline)) return false;
    const keys: SortKey[] = ['path', 'title', 'provider', 'category', 'publishedDateTime'];
    keys.push('quality', 'heat', 'review', 'published');
    for (const key of keys) {
      for (const dir of ['asc', 'desc'] as const) {
        if (performance.now() > deadline) return false;
        this.order(key, dir);
      }
    }
    return true;
  }

  /** The token index, brought up to date with every row. */
  private textIndexNow(): TextIndex {
    const rows = this.slotRows;
    const index = (this.textIndex ??= new TextIndex());
    index.extend(
      (s) => rows[s].hay,
      rows.length,
      (s) => (this.flags[s] & LIVE) !== 0,
    );
    return index;
  }

  /** The slots of `ids` that are indexed, in slot (memory) order. */
  private slotsOf(ids: ReadonlySet<string>): Int32Array {
    const out: number[] = [];
    for (const id of ids) {
      const s = this.slotOf.get(id);
      if (s !== undefined) out.push(s);
    }
    return Int32Array.from(out).sort();
  }

  /**
   * Runs a query: filter, counts over the filtered set, sort and window.
   * @param now the clock (epoch ms) the `embargoed` state is judged by.
   * @param only when given, only the articles with these ids can match (a filter the caller
   *   resolved outside the index, e.g. the desk state since the last sync); looked up by id, so
   *   the filter pass reads only those rows, however large the index.
   */
  query(q: Query, now: number = Date.now(), only?: ReadonlySet<string> | null): QueryResult {
    this.compact();
    const sort = q.sort ?? { key: 'path', dir: 'asc' };
    const order = this.order(sort.key, sort.dir);
    const rows = this.slotRows;
    const flags = this.flags;
    const quality = this.quality;

    // Flag filters become one mask/value test.
    let mask = LIVE;
    let want = LIVE;
    if (q.published !== undefined) {
      mask |= PUBLISHED;
      if (q.published) want |= PUBLISHED;
    }
    if (q.hasProblems !== undefined) {
      mask |= PROBLEMS;
      if (q.hasProblems) want |= PROBLEMS;
    }
    if (q.malformed !== undefined) {
      mask |= MALFORMED;
      if (q.malformed) want |= MALFORMED;
    }
    const reviews: Set<ReviewState> | null = q.review && q.review.length ? new Set(q.review) : null;
    const rUn = !reviews || reviews.has('unreviewed');
    const rAp = !reviews || reviews.has('approved');
    const rRe = !reviews || reviews.has('rejected');
    const categories = foldedSet(q.category);
    const topics = foldedSet(q.topic);
    const providers = foldedSet(q.provider);
    const qMin = finiteOr(q.qualityMin, -Infinity);
    const qMax = finiteOr(q.qualityMax, Infinity);
    const qualityOn = qMin !== -Infinity || qMax !== Infinity;
    const dFrom = q.dateFrom ? parseDateBound(q.dateFrom) : NaN;
    const dTo = q.dateTo ? parseDateBound(q.dateTo, true) : NaN;
    const fromOn = !Number.isNaN(dFrom);
    const toOn = !Number.isNaN(dTo);
    const { words, plain, phrases } = parseSearch(q.text);
    const assignees = foldedSet(q.assignee);
    const states = q.state && q.state.length ? new Set(q.state) : null;

    // Pass 1, in slot (memory) order: which slots match.
    const match = new Uint8Array(rows.length);
    let candidates: Int32Array | null = words.length ? this.textMatches(words) : null;
    if (candidates && phrases.length) candidates = this.phraseMatches(candidates, plain, phrases);
    if (only) {
      const allowed = this.slotsOf(only);
      if (candidates) {
        const mark = new Uint8Array(rows.length);
        for (const s of allowed) mark[s] = 1;
        candidates = candidates.filter((s) => mark[s] === 1);
      } else candidates = allowed;
    }
    const n = candidates ? candidates.length : rows.length;
    for (let i = 0; i < n; i++) {
      const s = candidates ? candidates[i] : i;
      const f = flags[s];
      if ((f & mask) !== want) continue;
      if (reviews) {
        const ok = f & APPROVED ? rAp : f & REJECTED ? rRe : rUn;
        if (!ok) continue;
      }
      if (qualityOn) {
        const v = quality[s];
        if (!(v >= qMin && v <= qMax)) continue;
      }
      if (fromOn || toOn || categories || providers || topics || assignees || states) {
        const row = rows[s];
        if (fromOn && !(row.dateMs >= dFrom)) continue;
        if (toOn && !(row.dateMs <= dTo)) continue;
        if (categories && !categories.has(row.category)) continue;
        if (providers && !providers.has(row.provider) && !providers.has(row.domain)) continue;
        if (topics && !row.topics.some((t) => topics.has(t))) continue;
        if (assignees && !assignees.has(row.assignee)) continue;
        if (states && !matchesState(row, states, now)) continue;
      }
      match[s] = 1;
    }

    // Pass 2, in sorted order: counts over the filtered set and the window.
    const offset = Math.max(0, Math.floor(finiteOr(q.offset, 0)));
    const limit = Math.max(0, Math.floor(finiteOr(q.limit, Infinity)));
    const end = offset + limit;
    const items: ArticleSummary[] = [];
    const findSlot = q.find === undefined ? undefined : this.slotOf.get(q.find);
    let position: number | null = null;
    let total = 0;
    let approved = 0;
    let rejected = 0;
    let published = 0;
    let problems = 0;
    for (let i = 0; i < order.length; i++) {
      const s = order[i];
      if (!match[s]) continue;
      if (total >= offset && total < end) items.push(rows[s].e);
      if (s === findSlot) position = total;
      total++;
      const f = flags[s];
      if (f & APPROVED) approved++;
      else if (f & REJECTED) rejected++;
      if (f & PUBLISHED) published++;
      if (f & PROBLEMS) problems++;
    }
    return {
      total,
      offset,
      items,
      ...(q.find === undefined ? {} : { position }),
      counts: queryCounts(total, approved, rejected, published, problems),
    };
  }

  /** Values seen in the folder with how many articles use each (cached until a change). */
  facets(): Facets {
    if (this.facetsCache && this.facetsCache.seq === this.seq) return this.facetsCache.facets;
    const facets = computeFacetsOf(this.entries());
    this.facetsCache = { seq: this.seq, facets };
    return facets;
  }
}

/**
 * `true` when the row is in any of the workflow `states`: `scheduled` and `killed` as the
 * row's schedule state says, `embargoed` while its embargo is in force at `now` (an embargo
 * that cannot be read counts as in force, as the publish rules treat it).
 */
function matchesState(row: Row, states: ReadonlySet<string>, now: number): boolean {
  const st = row.e.scheduleState;
  if (st !== 'none' && states.has(st)) return true;
  return states.has('embargoed') && !(row.embargoMs <= now);
}

/** Builds the facet list of one field, most used first, then alphabetical. */
function facetList(groups: Map<string, { value: string; count: number }>) {
  return [...groups.entries()]
    .sort((a, b) => b[1].count - a[1].count || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .map(([, g]) => ({ value: g.value, count: g.count }));
}

function bump(groups: Map<string, { value: string; count: number }>, raw: string): void {
  const value = raw.trim();
  if (value === '') return;
  const key = foldText(value);
  const g = groups.get(key);
  if (g) g.count++;
  else groups.set(key, { value, count: 1 });
}

/**
 * Categories, topics, providers and types in use, with counts. Values that differ only in
 * case or accents are one choice (shown as first seen); most used first, then alphabetical.
 */
export function computeFacetsOf(entries: readonly ArticleSummary[]): Facets {
  const categories = new Map<string, { value: string; count: number }>();
  const topics = new Map<string, { value: string; count: number }>();
  const providers = new Map<string, { value: string; count: number }>();
  const types = new Map<string, { value: string; count: number }>();
  const assignees = new Map<string, { value: string; count: number }>();
  for (const e of entries) {
    bump(categories, e.category);
    bump(assignees, e.assignee);
    bump(providers, e.providerName);
    bump(types, e.type);
    const seen = new Set<string>();
    for (const t of e.topics) {
      const key = foldText(t.trim());
      if (seen.has(key)) continue;
      seen.add(key);
      bump(topics, t);
    }
  }
  return {
    categories: facetList(categories),
    topics: facetList(topics),
    providers: facetList(providers),
    types: facetList(types),
    assignees: facetList(assignees),
  };
}

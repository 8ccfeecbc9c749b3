/**
 * An inverted index for the full-text search of the query index: every token of every
 * row's search text (`Row.hay`: folded title and excerpt), with the slots it occurs in.
 *
 * The search matches rows whose text contains each query word as a substring. A query
 * word holds no whitespace (the query is split on it) and, when it also holds no NUL (the
 * title/excerpt separator), every occurrence of it lies inside one token of the text, a
 * maximal run without whitespace or NUL. So "text contains word" is exactly "some token
 * contains word": the search looks for the word in the (much shorter) vocabulary and
 * unions the slots of the tokens that contain it, instead of scanning every row's text.
 *
 * Rows are tokenized lazily, in slot order, and only once: slots are never reused (a
 * changed row gets a new slot), so new rows are appended and dead slots are left in the
 * postings for the caller to skip. Isomorphic: no Node or DOM APIs.
 */

/** What separates tokens: whitespace (as the query is split) and the NUL separator. */
// eslint-disable-next-line no-control-regex
const SEPARATORS = /[\s\u0000]+/;

/**
 * Postings held in per-token arrays before they are packed into the compact arrays. A
 * JS array costs ~8 bytes a slot plus its header and slack, an Int32Array 4 bytes: at
 * 200,000 articles (5 million postings) packing saves ~65 MB of the server's peak RSS
 * (issue 13), and packing every million keeps the loose arrays from piling up meanwhile.
 */
const PACK_EVERY = 1 << 20;

export class TextIndex {
  private readonly ids = new Map<string, number>();
  private readonly tokens: string[] = [];
  /**
   * Packed postings: the slots of token `k` are `packed[starts[k]]` up to (excluding)
   * `packed[starts[k + 1]]`, in increasing order; tokens from `packedTokens` on have none.
   */
  private packed = new Int32Array(0);
  private packedStarts = new Int32Array(1);
  private packedTokens = 0;
  /** Postings added since the last packing, by token (all above the packed slots). */
  private loose: Array<number[] | undefined> = [];
  private looseCount = 0;
  /** Slots below this one have been tokenized. */
  private done = 0;
  /** The vocabulary joined with NUL separators, and where each token starts in it. */
  private vocab: { text: string; starts: Int32Array; count: number } | null = null;

  /**
   * @param packEvery loose postings after which they are packed (tests set a small one to
   *   exercise packing; default {@link PACK_EVERY})
   */
  constructor(private readonly packEvery: number = PACK_EVERY) {}

  /** Number of rows tokenized so far. */
  get indexedSlots(): number {
    return this.done;
  }

  /**
   * Tokenizes the rows not seen yet (all of them, or until `deadline`, a performance.now()
   * time). `live(slot)` says whether a row still counts; dead rows are skipped.
   * @returns `true` when every row of `hays` is indexed.
   */
  extend(
    hays: (slot: number) => string,
    count: number,
    live: (slot: number) => boolean,
    deadline = Infinity,
  ): boolean {
    const { ids, tokens } = this;
    let slot = this.done;
    for (; slot < count; slot++) {
      if ((slot & 255) === 0 && slot > this.done && performance.now() > deadline) break;
      if (!live(slot)) continue;
      const loose = this.loose;
      for (const token of hays(slot).split(SEPARATORS)) {
        if (token === '') continue;
        let id = ids.get(token);
        if (id === undefined) {
          id = tokens.length;
          ids.set(token, id);
          tokens.push(token);
        }
        const list = loose[id];
        if (list === undefined) {
          loose[id] = [slot];
          this.looseCount++;
        } else if (list[list.length - 1] !== slot) {
          list.push(slot);
          this.looseCount++;
        }
      }
      if (this.looseCount >= this.packEvery) this.pack();
    }
    this.done = slot;
    if (slot >= count && this.looseCount > 0) this.pack();
    return slot >= count;
  }

  /** Moves the loose postings into the packed arrays (each token's slots stay in order). */
  private pack(): void {
    const count = this.tokens.length;
    const { packed, packedStarts, packedTokens, loose } = this;
    const starts = new Int32Array(count + 1);
    const next = new Int32Array(packed.length + this.looseCount);
    let at = 0;
    for (let k = 0; k < count; k++) {
      starts[k] = at;
      if (k < packedTokens) {
        const from = packedStarts[k];
        const to = packedStarts[k + 1];
        next.set(packed.subarray(from, to), at);
        at += to - from;
      }
      const list = loose[k];
      if (list !== undefined) for (const s of list) next[at++] = s;
    }
    starts[count] = at;
    this.packed = next;
    this.packedStarts = starts;
    this.packedTokens = count;
    this.loose = [];
    this.looseCount = 0;
  }

  /** `true` when `word` can be answered from the index (see the module comment). */
  static canSearch(word: string): boolean {
    return word !== '' && !word.includes('\u0000');
  }

  /**
   * Marks with 1, in `mark` (one entry per slot), every tokenized slot whose text contains
   * `word`. Dead slots may be marked; the caller checks liveness.
   */
  markContaining(word: string, mark: Uint8Array): void {
    const vocab = this.vocabulary();
    const { text, starts, count } = vocab;
    let pos = text.indexOf(word);
    let k = 0;
    while (pos !== -1) {
      // The token holding this occurrence (occurrences come in increasing order).
      while (k + 1 < count && starts[k + 1] <= pos) k++;
      if (k < this.packedTokens) {
        const end = this.packedStarts[k + 1];
        for (let i = this.packedStarts[k]; i < end; i++) mark[this.packed[i]] = 1;
      }
      const list = this.loose[k];
      if (list !== undefined) for (const slot of list) mark[slot] = 1;
      if (k + 1 >= count) break;
      pos = text.indexOf(word, starts[k + 1]);
    }
  }

  private vocabulary(): { text: string; starts: Int32Array; count: number } {
    const count = this.tokens.length;
    if (this.vocab && this.vocab.count === count) return this.vocab;
    const starts = new Int32Array(count + 1);
    let at = 0;
    for (let k = 0; k < count; k++) {
      starts[k] = at;
      at += this.tokens[k].length + 1;
    }
    starts[count] = at;
    this.vocab = { text: this.tokens.join('\u0000'), starts, count };
    return this.vocab;
  }
}

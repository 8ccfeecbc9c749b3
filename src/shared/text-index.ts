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

export class TextIndex {
  private readonly ids = new Map<string, number>();
  private readonly tokens: string[] = [];
  private readonly postings: number[][] = [];
  /** Slots below this one have been tokenized. */
  private done = 0;
  /** The vocabulary joined with NUL separators, and where each token starts in it. */
  private vocab: { text: string; starts: Int32Array; count: number } | null = null;

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
    const { ids, tokens, postings } = this;
    let slot = this.done;
    for (; slot < count; slot++) {
      if ((slot & 255) === 0 && slot > this.done && performance.now() > deadline) break;
      if (!live(slot)) continue;
      for (const token of hays(slot).split(SEPARATORS)) {
        if (token === '') continue;
        let id = ids.get(token);
        if (id === undefined) {
          id = tokens.length;
          ids.set(token, id);
          tokens.push(token);
          postings.push([slot]);
          continue;
        }
        const list = postings[id];
        if (list[list.length - 1] !== slot) list.push(slot);
      }
    }
    this.done = slot;
    return slot >= count;
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
      for (const slot of this.postings[k]) mark[slot] = 1;
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

/**
 * Word extraction for related-article suggestions: lower-cased, accent-free word stems
 * without English stop words. Deliberately simple and fast (it runs over every title and
 * excerpt of the folder); quality comes from BM25 weighting, not from clever stemming.
 */

/** Common English words that say nothing about what an article is about. */
const STOP_WORDS = new Set(
  (
    'a about above after again against all also am an and any are as at be because been before ' +
    'being below between both but by can could did do does doing down during each few for from ' +
    'further had has have having he her here hers herself him himself his how i if in into is it ' +
    'its itself just me more most my myself no nor not now of off on once only or other our ours ' +
    'ourselves out over own same she should so some such than that the their theirs them ' +
    'themselves then there these they this those through to too under until up very was we were ' +
    'what when where which while who whom why will with would you your yours yourself ' +
    'yourselves says said say new one two first last year years will like get gets got may might ' +
    'us via amid per its it’s don’t can’t won’t ' +
    // Reporting boilerplate: verbs and counts that any news story may use.
    'told tell tells telling show shows shown showed find finds found make makes made making ' +
    'use used uses using want wants wanted take takes took still even many much several ' +
    'across enough least less now around almost nearly three four five six seven eight nine ' +
    'ten dozen dozens hundred hundreds thousand thousands million millions including ' +
    'according well way ways part set sets put puts come comes came go goes went going ' +
    // Words that fit any story and explain no similarity (a suggestion "because both say
    // published" is no reason): publishing, time, size and change words.
    'publish publishes published publishing start starts started starting ups end ends ' +
    'ended ending whether news report reports reported reporting latest update updates ' +
    'updated announce announces announced today yesterday tomorrow week weeks month months ' +
    'day days time times ago since yet already just recent recently early earlier late ' +
    'later next back big bigger large larger small smaller high higher low lower top major ' +
    'key long short good better best work works worked working raise raises raised ' +
    'question questions people change changes changed plan plans planned carry carries ' +
    'carried call calls called ask asks asked need needs needed help helps helped give ' +
    'gives gave given keep keeps kept look looks see sees seen saw know knows known think ' +
    'thinks move moves moved write writes wrote written another every among without within ' +
    'however although though must shall could also'
  ).split(/\s+/),
);

const MARKS = /[\u0300-\u036f]/g;
const WORD = /[\p{L}\p{N}]+(?:['\u2019][\p{L}]+)?/gu;
const ASCII_WORD = /[a-z0-9]+(?:'[a-z]+)?/g;
const NON_ASCII = /[^\t\n\r\x20-\x7e]/;

/**
 * Light suffix stripping so `police`/`policing`, `technology`/`technologies`,
 * `scanning`/`scan`, `profile`/`profiling` and `face`/`facial` meet (a few rules, no more).
 */
export function stem(word: string): string {
  let w = word;
  if (w.endsWith('’s') || w.endsWith("'s")) w = w.slice(0, -2);
  if (w.length <= 3) return w;
  if (w.endsWith('ies') && w.length > 4) return `${w.slice(0, -3)}y`;
  if (w.endsWith('sses')) return w.slice(0, -2);
  if (w.endsWith('ing') && w.length > 5) return undouble(w.slice(0, -3));
  if (w.endsWith('ed') && w.length > 4 && !w.endsWith('eed')) return undouble(w.slice(0, -2));
  if (w.endsWith('s') && !w.endsWith('ss') && !w.endsWith('us') && !w.endsWith('is')) {
    w = w.slice(0, -1);
  }
  // An adjective in -ial meets its noun: `facial` → `face`, `financial` → `finance`.
  if (w.length >= 6 && w.endsWith('ial')) w = `${w.slice(0, -3)}e`;
  // A final silent e goes (`centre`/`centres` → `centr`, like `centred` → `centr`).
  if (w.length > 4 && w.endsWith('e') && !w.endsWith('ee')) return w.slice(0, -1);
  return w;
}

/** `scann` → `scan`, `shipp` → `ship`; double l, s and z stay (`install`, `press`). */
function undouble(w: string): string {
  const n = w.length;
  if (n > 3 && w[n - 1] === w[n - 2] && !'lsz'.includes(w[n - 1]) && !/[aeiou]/.test(w[n - 1])) {
    return w.slice(0, -1);
  }
  return w;
}

/**
 * The terms of a text: lower-cased, accent-free, stemmed, stop words and 1-letter words out.
 * With `words`, the word each term came from is pushed there too (for showing terms to people:
 * `police`, not its stem `polic`).
 */
export function tokenize(text: string, words?: string[]): string[] {
  if (!text) return [];
  // Most titles are plain ASCII: skip Unicode normalisation and the Unicode regex for them.
  const ascii = !NON_ASCII.test(text);
  const norm = ascii ? text.toLowerCase() : text.normalize('NFKD').replace(MARKS, '').toLowerCase();
  const re = ascii ? ASCII_WORD : WORD;
  re.lastIndex = 0;
  const out: string[] = [];
  for (let m = re.exec(norm); m !== null; m = re.exec(norm)) {
    const w = m[0];
    if (w.length < 2 || STOP_WORDS.has(w)) continue;
    const s = stem(w);
    if (s.length < 2 || STOP_WORDS.has(s)) continue;
    out.push(s);
    words?.push(w);
  }
  return out;
}

/** A topic, provider or category reduced for comparison (case- and accent-insensitive). */
export function normLabel(s: string): string {
  return s.normalize('NFKD').replace(MARKS, '').trim().toLowerCase();
}

/** The one concurrency pool of Curator (bulk writes, reading many files). Isomorphic. */

/**
 * Runs `fn` over `items` with at most `limit` calls in flight; resolves to the results in the
 * order of `items`. A rejection rejects the whole (the calls already started still finish).
 */
export async function mapLimit<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const out: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i], i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(Math.max(1, limit), items.length) }, worker));
  return out;
}

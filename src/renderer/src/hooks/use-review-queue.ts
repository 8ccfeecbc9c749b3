/**
 * Review queue mode: walks the unreviewed articles (within the current filters; malformed
 * files left out) one by one. A decision removes the article from the unreviewed set, so the
 * same position then holds the next one; j/k move the position without deciding.
 */
import { useCallback, useMemo, useRef, useState } from 'react';
import type { CuratorApi } from '../../../shared/contract';
import type { Query } from '../../../shared/query-types';

/** Review queue state and actions. */
export interface ReviewQueue {
  active: boolean;
  /** Unreviewed articles left. */
  left: number;
  /** Unreviewed articles when the queue started (or the most seen since). */
  startTotal: number;
  position: number;
  /** Starts the queue; resolves the id of the first article (or null when none is left). */
  start(): Promise<string | null>;
  stop(): void;
  /** Id at the position `delta` away from the current one (after a decision use 0). */
  step(delta: number): Promise<string | null>;
}

/** Creates the review queue over `baseQuery` (the list's filters and sort). */
export function useReviewQueue(
  api: CuratorApi,
  baseQuery: Query,
  onError: (e: unknown) => void,
): ReviewQueue {
  const [active, setActive] = useState(false);
  const [left, setLeft] = useState(0);
  const [startTotal, setStartTotal] = useState(0);
  const [position, setPosition] = useState(0);
  const posRef = useRef(0);
  const queryRef = useRef<Query>({});
  const q = useMemo(() => {
    const { offset: _o, limit: _l, ...rest } = baseQuery;
    // A file Curator cannot parse safely is never written, so it cannot be reviewed here.
    return { ...rest, review: ['unreviewed' as const], malformed: false };
  }, [baseQuery]);

  const fetchAt = useCallback(
    async (pos: number): Promise<{ id: string | null; total: number }> => {
      const res = await api.query({ ...queryRef.current, offset: pos, limit: 1 });
      return { id: res.items[0]?.id ?? null, total: res.total };
    },
    [api],
  );

  const start = useCallback(async () => {
    queryRef.current = q;
    try {
      const { id, total } = await fetchAt(0);
      posRef.current = 0;
      setPosition(0);
      setLeft(total);
      setStartTotal(total);
      setActive(total > 0);
      return id;
    } catch (e) {
      onError(e);
      return null;
    }
  }, [q, fetchAt, onError]);

  const stop = useCallback(() => setActive(false), []);

  const step = useCallback(
    async (delta: number) => {
      try {
        let pos = Math.max(0, posRef.current + delta);
        let { id, total } = await fetchAt(pos);
        if (!id && total > 0) {
          // Past the end (the last ones were decided): wrap to the start.
          pos = delta > 0 ? 0 : Math.max(0, total - 1);
          ({ id, total } = await fetchAt(pos));
        }
        posRef.current = pos;
        setPosition(pos);
        setLeft(total);
        setStartTotal((s) => Math.max(s, total));
        if (total === 0) setActive(false);
        return id;
      } catch (e) {
        onError(e);
        return null;
      }
    },
    [fetchAt, onError],
  );

  return { active, left, startTotal, position, start, stop, step };
}

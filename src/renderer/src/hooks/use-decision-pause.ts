/**
 * A key never acts on an article the editor has not seen (issue "Trust on a live desk", §1).
 * When a decision moves the editor on by itself (the review queue's next article), the
 * decision keys pause: from the moment the move starts until {@link DECISION_PAUSE_MS} after
 * the next article is shown, so `a` then `p` typed quickly approves one article and never
 * publishes the next. The time is measured with injectable timers (tests drive them).
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { REAL_TIMERS, type Timers } from '../store/refresh-coalescer';

/** How long decision keys stay paused once the next article is shown (ms). */
export const DECISION_PAUSE_MS = 500;

/** Longest pause while the next article is loading (ms). */
const MAX_WAIT_MS = 5000;

/** What the editor sees while the keys pause. */
export const PAUSE_HINT = 'Showing the next article — keys resume in a moment';

/** The pause of the decision keys. */
export interface DecisionPause {
  /** The keys are paused (render state: shows the hint). */
  paused: boolean;
  /** The keys are paused, as of now (a key handler asks this). */
  isPaused(): boolean;
  /**
   * The editor is moving on to article `id` by itself: pause until it is shown, then for
   * {@link DECISION_PAUSE_MS}.
   */
  advancing(id: string): void;
  /** The move did not happen (nothing left, an error): the keys resume now. */
  cancel(): void;
}

/**
 * The pause; `shownId` is the article the editor shows now (loaded), so the pause can count
 * from the moment the next one is on screen.
 */
export function useDecisionPause(
  shownId: string | null,
  timers: Timers = REAL_TIMERS,
): DecisionPause {
  const [paused, setPaused] = useState(false);
  const state = useRef<{ waitingFor: string | null; timer: unknown; on: boolean }>({
    waitingFor: null,
    timer: null,
    on: false,
  });

  const set = useCallback((on: boolean) => {
    state.current.on = on;
    setPaused(on);
  }, []);
  const clearTimer = useCallback(() => {
    if (state.current.timer !== null) timers.clear(state.current.timer);
    state.current.timer = null;
  }, [timers]);

  const shownRef = useRef(shownId);
  shownRef.current = shownId;

  /** Ends the pause `ms` from now. */
  const endIn = useCallback(
    (ms: number) => {
      clearTimer();
      state.current.timer = timers.set(() => {
        state.current.timer = null;
        state.current.waitingFor = null;
        set(false);
      }, ms);
    },
    [timers, clearTimer, set],
  );

  const advancing = useCallback(
    (id: string) => {
      set(true);
      if (id === shownRef.current) {
        // Already on screen (the queue came round to it again).
        state.current.waitingFor = null;
        endIn(DECISION_PAUSE_MS);
        return;
      }
      state.current.waitingFor = id;
      // Should the next article never show (it cannot be opened), the keys come back anyway.
      endIn(MAX_WAIT_MS);
    },
    [endIn, set],
  );
  const cancel = useCallback(() => {
    clearTimer();
    state.current.waitingFor = null;
    set(false);
  }, [clearTimer, set]);

  // The next article is on screen: the pause runs out DECISION_PAUSE_MS from now.
  useEffect(() => {
    const s = state.current;
    if (s.waitingFor === null || s.waitingFor !== shownId) return;
    s.waitingFor = null;
    endIn(DECISION_PAUSE_MS);
  }, [shownId, endIn]);

  useEffect(() => clearTimer, [clearTimer]);

  const isPaused = useCallback(() => state.current.on, []);
  return useMemo(
    () => ({ paused, isPaused, advancing, cancel }),
    [paused, isPaused, advancing, cancel],
  );
}

/**
 * Status line messages and error banners: results are announced ("Saved", "Published 3,
 * skipped 1") and API errors are shown, never swallowed.
 */
import { createContext, useCallback, useContext, useMemo, useRef, useState } from 'react';
import { errorMessage } from '../lib/format';

/** One error banner. */
export interface ErrorItem {
  key: number;
  message: string;
}

/** What components use to report results and errors. */
export interface StatusApi {
  notify(message: string): void;
  reportError(error: unknown, context?: string): void;
}

/** State plus actions, owned by the App. */
export interface StatusState extends StatusApi {
  message: string;
  messageKey: number;
  errors: ErrorItem[];
  dismiss(key: number): void;
}

/** Creates the status state (used once, by App). */
export function useStatusState(): StatusState {
  const [message, setMessage] = useState('');
  const [messageKey, setMessageKey] = useState(0);
  const [errors, setErrors] = useState<ErrorItem[]>([]);
  const nextKey = useRef(1);
  const notify = useCallback((m: string) => {
    setMessage(m);
    setMessageKey((k) => k + 1);
  }, []);
  const reportError = useCallback((error: unknown, context?: string) => {
    const text = context ? `${context}: ${errorMessage(error)}` : errorMessage(error);
    const key = nextKey.current++;
    // Keep the newest few; an identical message replaces its older copy.
    setErrors((prev) => [
      ...prev.filter((e) => e.message !== text).slice(-3),
      { key, message: text },
    ]);
  }, []);
  const dismiss = useCallback((key: number) => {
    setErrors((prev) => prev.filter((e) => e.key !== key));
  }, []);
  return useMemo(
    () => ({ message, messageKey, errors, notify, reportError, dismiss }),
    [message, messageKey, errors, notify, reportError, dismiss],
  );
}

/** Context for {@link StatusApi}. */
export const StatusContext = createContext<StatusApi>({
  notify: () => undefined,
  reportError: () => undefined,
});

/** Report results and errors from any component. */
export function useStatus(): StatusApi {
  return useContext(StatusContext);
}

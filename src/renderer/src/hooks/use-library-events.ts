/** Subscribes to library change events (files added/changed/removed, scans, folder switches). */
import { useEffect, useRef } from 'react';
import type { CuratorApi, LibraryEvent } from '../../../shared/contract';

/** Calls `listener` for every library event; the latest listener is always used. */
export function useLibraryEvents(api: CuratorApi, listener: (e: LibraryEvent) => void): void {
  const ref = useRef(listener);
  ref.current = listener;
  useEffect(() => api.onEvent((e) => ref.current(e)), [api]);
}

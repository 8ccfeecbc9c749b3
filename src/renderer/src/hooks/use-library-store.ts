/**
 * React access to the library store (store/library-store.ts): created once per API by the
 * App, provided through context, read with selectors so a component re-renders only when
 * what it shows changed.
 */
import {
  createContext,
  useContext,
  useEffect,
  useRef,
  useState,
  useSyncExternalStore,
} from 'react';
import type { CuratorApi, LibraryEvent } from '../../../shared/contract';
import {
  createLibraryStore,
  type LibrarySnapshot,
  type LibraryStore,
} from '../store/library-store';

/** Context holding the workspace's {@link LibraryStore}. */
export const LibraryStoreContext = createContext<LibraryStore | null>(null);

/**
 * Creates the store for `api` (once) and keeps it connected to the engine's events while
 * mounted. Used by the App, which provides it to everything below.
 */
export function useCreateLibraryStore(
  api: CuratorApi,
  onError: (e: unknown, context?: string) => void,
): LibraryStore {
  const onErrorRef = useRef(onError);
  onErrorRef.current = onError;
  const [store] = useState(() =>
    createLibraryStore(api, { onError: (e, context) => onErrorRef.current(e, context) }),
  );
  useEffect(() => store.connect(), [store]);
  return store;
}

/** The workspace's store; throws when rendered outside a {@link LibraryStoreContext}. */
export function useLibraryStore(): LibraryStore {
  const store = useContext(LibraryStoreContext);
  if (!store) throw new Error('useLibraryStore() needs a LibraryStoreContext provider');
  return store;
}

/**
 * The part of the store's snapshot `select` picks; re-renders when it changes (by identity,
 * so pick fields, or memoise what you derive).
 */
export function useLibraryState<T>(select: (s: LibrarySnapshot) => T): T {
  const store = useLibraryStore();
  return useSyncExternalStore(store.subscribe, () => select(store.getSnapshot()));
}

/** Calls `listener` for every engine event (the latest listener is always used). */
export function useLibraryEvents(listener: (e: LibraryEvent) => void): void {
  const store = useLibraryStore();
  const ref = useRef(listener);
  ref.current = listener;
  useEffect(() => store.onEvent((e) => ref.current(e)), [store]);
}

/**
 * Multi-selection of list rows: click, shift-click (range), ctrl/cmd-click (toggle),
 * keyboard (Space, Shift+arrows) and Ctrl+A ("all rows matching the filters", resolved to
 * ids only when a bulk action needs them, so selecting 50,000 rows is instant).
 */
import { useCallback, useMemo, useState } from 'react';

/** The selection. */
export interface SelectionState {
  ids: ReadonlySet<string>;
  /** Every row of the filtered set is selected, except `excluded`. */
  all: boolean;
  excluded: ReadonlySet<string>;
  /** Index the next shift-selection extends from. */
  anchor: number | null;
}

const EMPTY: SelectionState = { ids: new Set(), all: false, excluded: new Set(), anchor: null };

/** Selection state and actions. */
export interface Selection {
  state: SelectionState;
  isSelected(id: string): boolean;
  /** Number of selected rows, given the filtered total. */
  count(total: number): number;
  /** Selects exactly one row. */
  selectOne(id: string, index: number): void;
  /** Adds or removes one row. */
  toggle(id: string, index: number): void;
  /** Selects the ids of a range (already resolved), keeping the anchor. */
  selectRange(ids: string[], additive: boolean): void;
  selectAll(): void;
  clear(): void;
  /** The selected ids; `resolveAll` lists every filtered id when everything is selected. */
  resolve(resolveAll: () => Promise<string[]>): Promise<string[]>;
}

/** Creates the selection state. */
export function useSelection(): Selection {
  const [state, setState] = useState<SelectionState>(EMPTY);

  const isSelected = useCallback(
    (id: string) => (state.all ? !state.excluded.has(id) : state.ids.has(id)),
    [state],
  );
  const count = useCallback(
    (total: number) => (state.all ? Math.max(0, total - state.excluded.size) : state.ids.size),
    [state],
  );
  const selectOne = useCallback((id: string, index: number) => {
    setState({ ids: new Set([id]), all: false, excluded: new Set(), anchor: index });
  }, []);
  const toggle = useCallback((id: string, index: number) => {
    setState((s) => {
      if (s.all) {
        const excluded = new Set(s.excluded);
        if (excluded.has(id)) excluded.delete(id);
        else excluded.add(id);
        return { ...s, excluded, anchor: index };
      }
      const ids = new Set(s.ids);
      if (ids.has(id)) ids.delete(id);
      else ids.add(id);
      return { ...s, ids, anchor: index };
    });
  }, []);
  const selectRange = useCallback((rangeIds: string[], additive: boolean) => {
    setState((s) => {
      const ids = new Set(additive && !s.all ? s.ids : []);
      for (const id of rangeIds) ids.add(id);
      return { ids, all: false, excluded: new Set(), anchor: s.anchor };
    });
  }, []);
  const selectAll = useCallback(() => {
    setState((s) => ({ ids: new Set(), all: true, excluded: new Set(), anchor: s.anchor }));
  }, []);
  const clear = useCallback(() => setState(EMPTY), []);
  const resolve = useCallback(
    async (resolveAll: () => Promise<string[]>) => {
      if (!state.all) return [...state.ids];
      const all = await resolveAll();
      return all.filter((id) => !state.excluded.has(id));
    },
    [state],
  );

  return useMemo(
    () => ({ state, isSelected, count, selectOne, toggle, selectRange, selectAll, clear, resolve }),
    [state, isSelected, count, selectOne, toggle, selectRange, selectAll, clear, resolve],
  );
}

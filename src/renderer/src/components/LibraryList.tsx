/**
 * The library list: a virtualised grid of the filtered articles. Only the visible rows are
 * rendered and only their windows are fetched (by the library store), so 50,000 rows scroll
 * smoothly.
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import {
  memo,
  useCallback,
  useEffect,
  useRef,
  useState,
  type KeyboardEvent,
  type MouseEvent,
} from 'react';
import type { Sort, SortKey } from '../../../shared/query-types';
import { useLibraryState, useLibraryStore } from '../hooks/use-library-store';
import type { Selection } from '../hooks/use-selection';
import { markAfterPaint } from '../lib/perf-marks';
import { useDeskView } from '../hooks/use-desk';
import { DESK_COLUMN_LABEL } from './desk/DeskStateCell';
import { COLUMNS, GridRow, ROW_HEIGHT } from './LibraryRow';

/** Props of {@link LibraryList}. */
export interface LibraryListProps {
  sort: Sort;
  onSort(key: SortKey): void;
  selection: Selection;
  openId: string | null;
  /** Index of the open article in the list, when known (kept in view). */
  activeIndex: number | null;
  /** Opens a row (plain click, Enter, arrows). */
  onOpen(id: string, index: number): void;
  /** Shown when there are no rows. */
  emptyText: string;
}

/** The articles grid (memoised: typing in the editor does not re-render the list). */
export const LibraryList = memo(function LibraryList({
  sort,
  onSort,
  selection,
  openId,
  activeIndex,
  onOpen,
  emptyText,
}: LibraryListProps) {
  const lib = useLibraryStore();
  // Re-render when rows arrive (rowsVersion), the count changes or the query is new.
  const total = useLibraryState((s) => s.total);
  const loaded = useLibraryState((s) => s.loaded);
  const query = useLibraryState((s) => s.query);
  useLibraryState((s) => s.rowsVersion);
  // Team features on: a column with each article's state since the last sync.
  const desk = useDeskView();
  const deskColumn = desk?.status?.enabled === true;
  const scrollRef = useRef<HTMLDivElement>(null);
  const [cursor, setCursor] = useState<number | null>(null);
  const virtualizer = useVirtualizer({
    count: total,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
    // Render scroll updates with React's normal batching instead of synchronously inside
    // every scroll event: the overscan rows cover the frame until the new rows arrive.
    useFlushSync: false,
  });
  const items = virtualizer.getVirtualItems();
  const first = items.length ? items[0].index : 0;
  const last = items.length ? items[items.length - 1].index : 0;
  const { ensureRange } = lib;

  useEffect(() => {
    if (total > 0) ensureRange(first, last);
  }, [first, last, total, ensureRange, query]);

  // For the UI benchmark: the first time real rows are in the DOM, mark when they are painted.
  const firstRowLoaded = items.length > 0 && lib.getRow(first) !== undefined;
  useEffect(() => {
    if (firstRowLoaded) markAfterPaint('curator:first-rows');
  }, [firstRowLoaded]);

  // A new query (filters, sort) moves every row: forget the keyboard cursor.
  useEffect(() => setCursor(null), [query]);

  useEffect(() => {
    if (activeIndex === null) return;
    setCursor(activeIndex);
    if (activeIndex < total) virtualizer.scrollToIndex(activeIndex, { align: 'auto' });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [activeIndex]);

  const select = async (
    index: number,
    mods: { shift: boolean; toggle: boolean },
    open: boolean,
  ) => {
    const row = lib.getRow(index) ?? (await lib.rowAt(index));
    if (!row) return;
    setCursor(index);
    if (mods.shift && selection.state.anchor !== null) {
      const ids = await lib.idsInRange(selection.state.anchor, index);
      selection.selectRange(ids, mods.toggle);
      return;
    }
    if (mods.toggle) {
      selection.toggle(row.id, index);
      return;
    }
    if (open) onOpen(row.id, index);
    else selection.selectOne(row.id, index);
  };

  const onRowClick = (e: MouseEvent, index: number) => {
    void select(index, { shift: e.shiftKey, toggle: e.ctrlKey || e.metaKey }, true);
  };
  // One stable handler for every row, so rows that did not change skip rendering.
  const onRowClickRef = useRef(onRowClick);
  onRowClickRef.current = onRowClick;
  const onRowClickStable = useCallback(
    (e: MouseEvent, index: number) => onRowClickRef.current(e, index),
    [],
  );

  const onKeyDown = (e: KeyboardEvent) => {
    if (total === 0) return;
    const cur = cursor ?? activeIndex ?? -1;
    const move = (to: number) => {
      const index = Math.max(0, Math.min(total - 1, to));
      e.preventDefault();
      virtualizer.scrollToIndex(index, { align: 'auto' });
      void select(index, { shift: e.shiftKey, toggle: false }, !e.shiftKey);
    };
    if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'a') {
      e.preventDefault();
      selection.selectAll();
      return;
    }
    switch (e.key) {
      case 'ArrowDown':
        move(cur + 1);
        break;
      case 'ArrowUp':
        move(cur - 1);
        break;
      case 'PageDown':
        move(cur + 20);
        break;
      case 'PageUp':
        move(cur - 20);
        break;
      case 'Home':
        move(0);
        break;
      case 'End':
        move(total - 1);
        break;
      case ' ':
        if (cur >= 0) {
          e.preventDefault();
          void select(cur, { shift: e.shiftKey, toggle: !e.shiftKey }, false);
        }
        break;
      case 'Enter':
        if (cur >= 0) {
          e.preventDefault();
          void select(cur, { shift: false, toggle: false }, true);
        }
        break;
      case 'Escape':
        selection.clear();
        break;
    }
  };

  const cursorRowId = cursor !== null ? `row-${cursor}` : undefined;

  return (
    <div
      className={`grid ${deskColumn ? 'with-desk' : ''}`}
      role="grid"
      aria-label="Articles"
      aria-rowcount={total + 1}
      aria-multiselectable="true"
      aria-activedescendant={
        cursorRowId && cursor! >= first && cursor! <= last ? cursorRowId : undefined
      }
      tabIndex={0}
      onKeyDown={onKeyDown}
    >
      <div role="rowgroup" className="grid-head">
        <div role="row" aria-rowindex={1} className="grid-row">
          {COLUMNS.map((c) => {
            const active = sort.key === c.key;
            return (
              <div
                key={c.key}
                role="columnheader"
                className={`cell ${c.className}`}
                aria-sort={active ? (sort.dir === 'asc' ? 'ascending' : 'descending') : 'none'}
              >
                <button type="button" onClick={() => onSort(c.key)}>
                  {c.label}
                  <span className="sort-mark" aria-hidden="true">
                    {active ? (sort.dir === 'asc' ? '▲' : '▼') : ''}
                  </span>
                </button>
              </div>
            );
          })}
          {deskColumn && (
            <div
              role="columnheader"
              className="cell col-desk"
              title="State since the last sync: changed, new, in conflict"
            >
              <span className="grid-head-label">{DESK_COLUMN_LABEL}</span>
            </div>
          )}
        </div>
      </div>
      <div ref={scrollRef} className="grid-scroll" role="rowgroup">
        {loaded && total === 0 ? (
          <div className="grid-empty" role="row">
            <div role="gridcell">{emptyText}</div>
          </div>
        ) : (
          <div className="grid-canvas" style={{ height: virtualizer.getTotalSize() }}>
            {items.map((vi) => {
              const row = lib.getRow(vi.index);
              return (
                <GridRow
                  key={vi.key}
                  index={vi.index}
                  start={vi.start}
                  row={row}
                  selected={row ? selection.isSelected(row.id) : false}
                  isOpen={row !== undefined && row.id === openId}
                  isCursor={cursor === vi.index}
                  onClick={onRowClickStable}
                  deskColumn={deskColumn}
                  deskState={row ? desk?.states.get(row.id) : undefined}
                />
              );
            })}
          </div>
        )}
      </div>
    </div>
  );
});

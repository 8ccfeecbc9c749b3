/**
 * The library list: a virtualised grid of the filtered articles. Only the visible rows are
 * rendered and only their windows are fetched, so 50,000 rows scroll smoothly.
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
import type { ArticleSummary } from '../../../shared/article';
import type { SortKey } from '../../../shared/query-types';
import type { LibraryQuery, Sort } from '../hooks/use-library-query';
import type { Selection } from '../hooks/use-selection';
import { reviewLabel, shortDate } from '../lib/format';
import { markAfterPaint } from '../lib/perf-marks';

/** Row height in px (dense, fixed: no measuring needed). */
export const ROW_HEIGHT = 30;

interface Column {
  key: SortKey;
  label: string;
  className: string;
  cell(row: ArticleSummary): React.ReactNode;
}

const COLUMNS: Column[] = [
  {
    key: 'title',
    label: 'Title',
    className: 'col-title',
    cell: (r) => (
      <>
        {r.malformed || r.problems.some((p) => p.severity === 'error') ? (
          <span
            className={`problem-dot ${r.malformed ? 'malformed' : ''}`}
            title={r.malformed ? 'Cannot be parsed' : 'Has problems'}
          >
            <span className="sr-only">{r.malformed ? 'Malformed: ' : 'Has problems: '}</span>
          </span>
        ) : null}
        {r.malformed ? (
          <>
            <span className="mono">{r.id}</span>
            {r.problems[0] && <span className="row-problem">{r.problems[0].message}</span>}
          </>
        ) : (
          r.title || <em>Untitled</em>
        )}
      </>
    ),
  },
  { key: 'provider', label: 'Provider', className: 'col-provider', cell: (r) => r.providerName },
  { key: 'category', label: 'Category', className: 'col-category', cell: (r) => r.category },
  {
    key: 'publishedDateTime',
    label: 'Date',
    className: 'col-date',
    cell: (r) => <span title={r.publishedDateTime}>{shortDate(r.publishedDateTime)}</span>,
  },
  { key: 'quality', label: 'Quality', className: 'col-num', cell: (r) => r.quality ?? '' },
  { key: 'heat', label: 'Heat', className: 'col-num col-heat', cell: (r) => r.heat ?? '' },
  {
    key: 'review',
    label: 'Review',
    className: 'col-review',
    // A malformed file's state cannot be read: say nothing rather than "Unreviewed".
    cell: (r) =>
      r.malformed ? (
        <span className="muted">—</span>
      ) : (
        <span className={`pill pill-${r.review}`}>{reviewLabel(r.review)}</span>
      ),
  },
  {
    key: 'published',
    label: 'Published',
    className: 'col-published',
    cell: (r) =>
      r.malformed ? (
        <span className="muted">—</span>
      ) : r.published ? (
        <span className="live">Yes</span>
      ) : (
        <span className="muted">No</span>
      ),
  },
];

/** Props of {@link GridRow}. */
interface GridRowProps {
  index: number;
  /** Offset of the row in the canvas (px). */
  start: number;
  /** The row's summary, or `undefined` while its window is loading. */
  row: ArticleSummary | undefined;
  selected: boolean;
  isOpen: boolean;
  isCursor: boolean;
  onClick(e: MouseEvent, index: number): void;
}

/**
 * One body row. Memoised: while scrolling only the rows that come into view render; the
 * others keep their DOM. `contain: strict` keeps each row's layout and paint to itself.
 */
const GridRow = memo(function GridRow({
  index,
  start,
  row,
  selected,
  isOpen,
  isCursor,
  onClick,
}: GridRowProps) {
  return (
    <div
      id={`row-${index}`}
      role="row"
      aria-rowindex={index + 2}
      aria-selected={selected}
      aria-current={isOpen ? 'true' : undefined}
      className={`grid-row body-row ${selected ? 'selected' : ''} ${isOpen ? 'open' : ''} ${
        isCursor ? 'cursor' : ''
      }`}
      style={{ transform: `translateY(${start}px)`, height: ROW_HEIGHT, contain: 'strict' }}
      onClick={(e) => onClick(e, index)}
      onMouseDown={(e) => {
        // Shift-click selects a range; keep the browser from selecting text.
        if (e.shiftKey) e.preventDefault();
      }}
    >
      {row ? (
        COLUMNS.map((c) => (
          <div key={c.key} role="gridcell" className={`cell ${c.className}`}>
            {c.cell(row)}
          </div>
        ))
      ) : (
        <div role="gridcell" className="cell col-title muted">
          Loading…
        </div>
      )}
    </div>
  );
});

/** Props of {@link LibraryList}. */
export interface LibraryListProps {
  lib: LibraryQuery;
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
  lib,
  sort,
  onSort,
  selection,
  openId,
  activeIndex,
  onOpen,
  emptyText,
}: LibraryListProps) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const [cursor, setCursor] = useState<number | null>(null);
  const virtualizer = useVirtualizer({
    count: lib.total,
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
    if (lib.total > 0) ensureRange(first, last);
  }, [first, last, lib.total, ensureRange, lib.query]);

  // For the UI benchmark: the first time real rows are in the DOM, mark when they are painted.
  const firstRowLoaded = items.length > 0 && lib.getRow(first) !== undefined;
  useEffect(() => {
    if (firstRowLoaded) markAfterPaint('curator:first-rows');
  }, [firstRowLoaded]);

  // A new query (filters, sort) moves every row: forget the keyboard cursor.
  useEffect(() => setCursor(null), [lib.query]);

  useEffect(() => {
    if (activeIndex === null) return;
    setCursor(activeIndex);
    if (activeIndex < lib.total) virtualizer.scrollToIndex(activeIndex, { align: 'auto' });
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
    const total = lib.total;
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
      className="grid"
      role="grid"
      aria-label="Articles"
      aria-rowcount={lib.total + 1}
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
        </div>
      </div>
      <div ref={scrollRef} className="grid-scroll" role="rowgroup">
        {lib.loaded && lib.total === 0 ? (
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
                />
              );
            })}
          </div>
        )}
      </div>
    </div>
  );
});

/**
 * One row of the library grid and its columns. Rows are memoised and laid out with
 * `contain: strict`, so scrolling 50,000 rows renders only the rows that come into view.
 */
import { memo, type MouseEvent, type ReactNode } from 'react';
import type { ArticleSummary } from '../../../shared/article';
import type { DeskFileState } from '../../../shared/desk';
import type { SortKey } from '../../../shared/query-types';
import { reviewLabel, shortDate } from '../lib/format';
import { DeskStateCell } from './desk/DeskStateCell';
import { RowWorkflowState } from './newsroom/RowWorkflowState';

/** Row height in px (dense, fixed: no measuring needed). */
export const ROW_HEIGHT = 30;

/** A column of the grid: its sort key, header label and cell. */
export interface Column {
  key: SortKey;
  label: string;
  className: string;
  cell(row: ArticleSummary): ReactNode;
}

/** The grid's columns, in order. */
export const COLUMNS: Column[] = [
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
        <RowWorkflowState row={r} />
      ),
  },
];

/** Props of {@link GridRow}. */
export interface GridRowProps {
  index: number;
  /** Offset of the row in the canvas (px). */
  start: number;
  /** The row's summary, or `undefined` while its window is loading. */
  row: ArticleSummary | undefined;
  selected: boolean;
  isOpen: boolean;
  isCursor: boolean;
  onClick(e: MouseEvent, index: number): void;
  /** Show the desk column (team features on): the row's state since the last sync. */
  deskColumn?: boolean;
  deskState?: DeskFileState;
}

/**
 * One body row. Memoised: while scrolling only the rows that come into view render; the
 * others keep their DOM. `contain: strict` keeps each row's layout and paint to itself.
 */
export const GridRow = memo(function GridRow({
  index,
  start,
  row,
  selected,
  isOpen,
  isCursor,
  onClick,
  deskColumn,
  deskState,
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
        <>
          {COLUMNS.map((c) => (
            <div key={c.key} role="gridcell" className={`cell ${c.className}`}>
              {c.cell(row)}
            </div>
          ))}
          {deskColumn && (
            <div role="gridcell" className="cell col-desk">
              <DeskStateCell state={deskState} />
            </div>
          )}
        </>
      ) : (
        <div role="gridcell" className="cell col-title muted">
          Loading…
        </div>
      )}
    </div>
  );
});

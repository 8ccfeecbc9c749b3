/** The library side of the workspace: search and filters, the bulk bar, the articles grid. */
import type { ReactNode, RefObject } from 'react';
import { hasFilters, type FiltersState } from '../hooks/use-filters';
import { useLibraryState } from '../hooks/use-library-store';
import type { Selection } from '../hooks/use-selection';
import { BulkBar, type BulkKind } from './BulkBar';
import { FilterBar } from './FilterBar';
import { LibraryList } from './LibraryList';

/** Props of {@link LibraryPane}. */
export interface LibraryPaneProps {
  filters: FiltersState;
  selection: Selection;
  /** A decision is being written (bulk actions wait). */
  busy: boolean;
  onBulk(action: BulkKind): void;
  openId: string | null;
  openIndex: number | null;
  onOpen(id: string, index: number): void;
  searchRef: RefObject<HTMLInputElement | null>;
  /** The editor is done typing in the search box and goes to the list. */
  onSearchDone(): void;
  /** The saved views' tabs, shown above the search (issue 12). */
  viewTabs?: ReactNode;
  /** "Edit fields…" of the bulk bar (issue 12). */
  onEditFields?(): void;
}

/** What the grid says when it has no rows. */
function emptyText(noFolder: boolean, filtered: boolean): string {
  if (noFolder) return 'No folder is open';
  if (filtered) return 'No articles match these filters';
  return 'This folder has no articles';
}

/** The library pane. */
export function LibraryPane(p: LibraryPaneProps) {
  const { filters, setFilters, sort, onSort } = p.filters;
  const facets = useLibraryState((s) => s.facets);
  const stateCounts = useLibraryState((s) => s.stateCounts);
  const total = useLibraryState((s) => s.total);
  const noFolder = useLibraryState((s) => s.folderLoaded && !s.folder);
  const selectedCount = p.selection.count(total);
  return (
    <section className="library-pane" aria-label="Library">
      {p.viewTabs}
      <FilterBar
        ref={p.searchRef}
        onSubmit={p.onSearchDone}
        filters={filters}
        onChange={setFilters}
        facets={facets}
        stateCounts={stateCounts}
        total={total}
      />
      {selectedCount > 1 && (
        <BulkBar
          count={selectedCount}
          facets={facets}
          disabled={p.busy}
          onAction={p.onBulk}
          onClear={p.selection.clear}
          onEditFields={p.onEditFields}
        />
      )}
      <LibraryList
        sort={sort}
        onSort={onSort}
        selection={p.selection}
        openId={p.openId}
        activeIndex={p.openIndex}
        onOpen={p.onOpen}
        emptyText={emptyText(noFolder, hasFilters(filters))}
      />
    </section>
  );
}

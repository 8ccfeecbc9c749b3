/** Search and filters over the library (state, publication, category, topic, provider, quality, date). */
import { forwardRef, memo, useEffect, useId, useState } from 'react';
import type { ReviewState } from '../../../shared/article';
import type { Facets, QueryCounts } from '../../../shared/query-types';
import { NO_FILTERS, hasFilters, type Filters } from '../hooks/use-filters';
import { parseNumberInput } from './fields/NumberField';

const STATES: Array<{ value: ReviewState; label: string }> = [
  { value: 'unreviewed', label: 'Unreviewed' },
  { value: 'approved', label: 'Approved' },
  { value: 'rejected', label: 'Rejected' },
];

/** Props of {@link FilterBar}. */
export interface FilterBarProps {
  filters: Filters;
  onChange(filters: Filters): void;
  facets: Facets;
  /** Counts per state over the other filters. */
  stateCounts: QueryCounts | null;
  total: number;
  /** Enter or Down arrow in the search box: the editor is done typing and goes to the list. */
  onSubmit?(): void;
}

function FacetSelect({
  label,
  id,
  value,
  choices,
  onChange,
}: {
  label: string;
  id: string;
  value: string[];
  choices: Array<{ value: string; count: number }>;
  onChange(v: string[]): void;
}) {
  return (
    <div className="filter">
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        value={value[0] ?? ''}
        onChange={(e) => onChange(e.target.value ? [e.target.value] : [])}
      >
        <option value="">Any</option>
        {value[0] && !choices.some((c) => c.value === value[0]) && (
          <option value={value[0]}>{value[0]}</option>
        )}
        {choices.map((c) => (
          <option key={c.value} value={c.value}>
            {c.value} ({c.count})
          </option>
        ))}
      </select>
    </div>
  );
}

/** How many of the filters below the state chips are set (shown while they are collapsed). */
export function hiddenFilterCount(f: Filters): number {
  return [
    f.published !== undefined,
    f.category.length > 0,
    f.topic.length > 0,
    f.provider.length > 0,
    f.qualityMin !== undefined || f.qualityMax !== undefined,
    !!f.dateFrom || !!f.dateTo,
    f.hasProblems !== undefined,
  ].filter(Boolean).length;
}

/** The filter block starts collapsed in a short window (where the list needs the room). */
function startOpen(): boolean {
  return typeof window === 'undefined' || window.innerHeight >= 740;
}

/**
 * The search box and filter controls. The search input is forwarded so `/` can focus it.
 * The filter block below the state chips can be collapsed ("Filters" toggle); while it is,
 * the toggle says how many of its filters are on.
 */
export const FilterBar = memo(
  forwardRef<HTMLInputElement, FilterBarProps>(function FilterBar(
    { filters, onChange, facets, stateCounts, total, onSubmit },
    searchRef,
  ) {
    const [text, setText] = useState(filters.text);
    const [open, setOpen] = useState(startOpen);
    const blockId = useId();
    const hidden = hiddenFilterCount(filters);
    // Debounce typing into the query; keep the box in sync when filters change elsewhere.
    useEffect(() => setText(filters.text), [filters.text]);
    useEffect(() => {
      if (text === filters.text) return;
      const t = setTimeout(() => onChange({ ...filters, text }), 150);
      return () => clearTimeout(t);
    }, [text, filters, onChange]);

    const set = (patch: Partial<Filters>) => onChange({ ...filters, ...patch });
    const all = stateCounts
      ? stateCounts.unreviewed + stateCounts.approved + stateCounts.rejected
      : null;

    return (
      <div className="filterbar" role="search">
        <div className="search-row">
          <label htmlFor="search" className="search-label">
            Search
          </label>
          <input
            ref={searchRef}
            id="search"
            type="search"
            value={text}
            placeholder='Title and excerpt; "a phrase"  ( / )'
            onChange={(e) => setText(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Escape') {
                setText('');
                onChange({ ...filters, text: '' });
                e.currentTarget.blur();
              } else if (e.key === 'Enter' || e.key === 'ArrowDown') {
                e.preventDefault();
                if (text !== filters.text) onChange({ ...filters, text });
                onSubmit?.();
              }
            }}
          />
          <span className="result-count" aria-live="polite">
            {total.toLocaleString('en-US')} {total === 1 ? 'article' : 'articles'}
          </span>
          <button
            type="button"
            className={`filters-toggle ${!open && hidden > 0 ? 'filters-on' : ''}`}
            aria-expanded={open}
            aria-controls={blockId}
            onClick={() => setOpen((o) => !o)}
          >
            <span className="chevron" aria-hidden="true">
              {open ? '▾' : '▸'}
            </span>
            Filters{!open && hidden > 0 ? ` (${hidden} on)` : ''}
          </button>
        </div>
        <div className="state-chips" role="group" aria-label="Review state">
          <button
            type="button"
            aria-pressed={filters.review.length === 0}
            onClick={() => set({ review: [] })}
          >
            All <span className="count">{all ?? ''}</span>
          </button>
          {STATES.map((s) => (
            <button
              key={s.value}
              type="button"
              className={`chip-${s.value}`}
              aria-pressed={filters.review.length === 1 && filters.review[0] === s.value}
              onClick={() =>
                set({
                  review:
                    filters.review.length === 1 && filters.review[0] === s.value ? [] : [s.value],
                })
              }
            >
              {s.label} <span className="count">{stateCounts ? stateCounts[s.value] : ''}</span>
            </button>
          ))}
          <span className="chip-sep" aria-hidden="true" />
          <span className="muted small">
            {stateCounts
              ? `${stateCounts.published} published · ${stateCounts.problems} with problems`
              : ''}
          </span>
        </div>
        <div id={blockId} className="filter-block" hidden={!open}>
          <div className="filter-facets">
            <div className="filter">
              <label htmlFor="filter-published">Publication</label>
              <select
                id="filter-published"
                value={filters.published === undefined ? '' : filters.published ? 'yes' : 'no'}
                onChange={(e) =>
                  set({ published: e.target.value === '' ? undefined : e.target.value === 'yes' })
                }
              >
                <option value="">Any</option>
                <option value="yes">Published</option>
                <option value="no">Not published</option>
              </select>
            </div>
            <FacetSelect
              label="In category"
              id="filter-category"
              value={filters.category}
              choices={facets.categories}
              onChange={(category) => set({ category })}
            />
            <FacetSelect
              label="With topic"
              id="filter-topic"
              value={filters.topic}
              choices={facets.topics}
              onChange={(topic) => set({ topic })}
            />
            <FacetSelect
              label="From provider"
              id="filter-provider"
              value={filters.provider}
              choices={facets.providers}
              onChange={(provider) => set({ provider })}
            />
          </div>
          <div className="filter-row">
            <div className="filter filter-range">
              <label htmlFor="filter-qmin">Min quality</label>
              <input
                id="filter-qmin"
                type="number"
                min={0}
                max={100}
                value={filters.qualityMin ?? ''}
                onChange={(e) => set({ qualityMin: parseNumberInput(e.target.value) ?? undefined })}
              />
              <label htmlFor="filter-qmax">Max quality</label>
              <input
                id="filter-qmax"
                type="number"
                min={0}
                max={100}
                value={filters.qualityMax ?? ''}
                onChange={(e) => set({ qualityMax: parseNumberInput(e.target.value) ?? undefined })}
              />
            </div>
            <div className="filter filter-range">
              <label htmlFor="filter-dfrom">From date</label>
              <input
                id="filter-dfrom"
                type="date"
                value={filters.dateFrom ?? ''}
                onChange={(e) => set({ dateFrom: e.target.value || undefined })}
              />
              <label htmlFor="filter-dto">To date</label>
              <input
                id="filter-dto"
                type="date"
                value={filters.dateTo ?? ''}
                onChange={(e) => set({ dateTo: e.target.value || undefined })}
              />
            </div>
            <div className="filter filter-check">
              <input
                id="filter-problems"
                type="checkbox"
                checked={filters.hasProblems === true}
                onChange={(e) => set({ hasProblems: e.target.checked ? true : undefined })}
              />
              <label htmlFor="filter-problems">With problems</label>
            </div>
            {hasFilters(filters) && (
              <button type="button" className="subtle" onClick={() => onChange(NO_FILTERS)}>
                Clear filters
              </button>
            )}
          </div>
        </div>
      </div>
    );
  }),
);

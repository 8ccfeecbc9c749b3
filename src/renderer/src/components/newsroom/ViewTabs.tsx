/**
 * The saved views as tabs above the list (issue 12): All articles, the built-in views, the
 * editor's own; Save view…, and Rename view… / Delete view… for the active saved view. Keys
 * `1`–`9` pick the first nine views (shown on hover), `0` all articles.
 */
import type { SavedViews } from '../../hooks/use-saved-views';

/** The view tabs. */
export function ViewTabs({ views, disabled }: { views: SavedViews; disabled?: boolean }) {
  const { tabs, active } = views;
  const all = active === null && views.isAll;
  return (
    <div className="view-tabs" role="group" aria-label="Views">
      <div className="view-tab-list">
        <button
          type="button"
          className="view-tab"
          aria-pressed={all}
          aria-keyshortcuts="0"
          title="Every article (0)"
          onClick={() => views.select(null)}
        >
          All articles
        </button>
        {tabs.map((t, i) => (
          <button
            key={t.key}
            type="button"
            className={`view-tab ${t.builtIn ? 'view-builtin' : 'view-saved'}`}
            aria-pressed={active?.key === t.key}
            aria-keyshortcuts={i < 9 ? String(i + 1) : undefined}
            title={i < 9 ? `${t.name} (${i + 1})` : t.name}
            onClick={() => views.select(t)}
          >
            {t.name}
          </button>
        ))}
      </div>
      <div className="view-actions">
        <button
          type="button"
          className="subtle"
          disabled={disabled}
          onClick={() => views.openDialog({ kind: 'save' })}
          title="Save the current filters and sort as a view"
        >
          Save view…
        </button>
        {active && !active.builtIn && (
          <>
            <button
              type="button"
              className="subtle"
              onClick={() => views.openDialog({ kind: 'rename', tab: active })}
            >
              Rename view…
            </button>
            <button
              type="button"
              className="subtle"
              onClick={() => views.openDialog({ kind: 'delete', tab: active })}
            >
              Delete view…
            </button>
          </>
        )}
      </div>
    </div>
  );
}

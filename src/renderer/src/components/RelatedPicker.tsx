/**
 * "Add related…": a dialog that shows the articles most similar to this one first, then
 * whatever the editor searches for (title, URL, topic or provider). Enter adds the first
 * result, ↓/↑ walk the results, a click adds one. The dialog stays open so several links
 * can be added in a row; what is already linked is shown but cannot be added twice.
 */
import { useCallback, useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import type { ArticlePick, RelatedSuggestion } from '../../../shared/related';
import type { RelatedOps } from '../hooks/use-related';
import { shortDate } from '../lib/format';
import { Dialog } from './Dialog';

/** Props of {@link RelatedPicker}. */
export interface RelatedPickerProps {
  ops: RelatedOps;
  reciprocal: boolean;
  onReciprocal(value: boolean): void;
  onClose(): void;
}

/** One row of the picker, from a suggestion or a search result. */
interface PickRow {
  id: string;
  title: string;
  providerName: string;
  publishedDateTime: string;
  topics: string[];
  why: string;
  linked: boolean;
}

function fromSuggestion(s: RelatedSuggestion): PickRow {
  return {
    id: s.id,
    title: s.title,
    providerName: s.providerName,
    publishedDateTime: s.publishedDateTime,
    topics: s.sharedTopics,
    // The engine's own explanation: links, shared topics, provider, meaningful words.
    why: s.reason,
    linked: false,
  };
}

function fromPick(p: ArticlePick): PickRow {
  return {
    id: p.id,
    title: p.title,
    providerName: p.providerName,
    publishedDateTime: p.publishedDateTime,
    topics: p.topics,
    why: '',
    linked: p.linked,
  };
}

/** The article picker of the Related section. */
export function RelatedPicker({ ops, reciprocal, onReciprocal, onClose }: RelatedPickerProps) {
  const [text, setText] = useState('');
  const [suggested, setSuggested] = useState<PickRow[] | null>(null);
  const [results, setResults] = useState<PickRow[] | null>(null);
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const listRef = useRef<HTMLDivElement>(null);
  const searchId = useId();
  const reciprocalId = useId();
  const { suggest, search, addFrom, busy } = ops;

  const loadSuggestions = useCallback(() => {
    suggest(8).then(
      (s) => setSuggested(s.map(fromSuggestion)),
      () => setSuggested([]),
    );
  }, [suggest]);
  useEffect(loadSuggestions, [loadSuggestions]);

  const query = text.trim();
  const [searchKey, setSearchKey] = useState(0);
  useEffect(() => {
    if (!query) {
      setResults(null);
      return;
    }
    let cancelled = false;
    const timer = setTimeout(() => {
      search(query, 30).then(
        (r) => {
          if (!cancelled) setResults(r.map(fromPick));
        },
        () => {
          if (!cancelled) setResults([]);
        },
      );
    }, 120);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [query, search, searchKey]);

  // Suggestions first, then search results that are not already shown.
  const shownSuggestions = query ? (suggested ?? []).filter((s) => matches(s, query)) : suggested;
  const suggestedIds = new Set((shownSuggestions ?? []).map((s) => s.id));
  const shownResults = (results ?? []).filter((r) => !suggestedIds.has(r.id));
  const all = [...(shownSuggestions ?? []), ...shownResults].filter((r) => !r.linked);

  const add = async (row: PickRow) => {
    if (row.linked || busy) return;
    const r = await addFrom(row.id, reciprocal);
    if (r === true) {
      setMessage({
        kind: 'ok',
        text: `Added “${row.title}”${reciprocal ? ', and linked back from it' : ''}.`,
      });
      loadSuggestions();
      setSearchKey((k) => k + 1);
    } else {
      setMessage({ kind: 'error', text: r });
    }
  };

  const focusRow = (i: number) => {
    const buttons = listRef.current?.querySelectorAll<HTMLButtonElement>(
      'button.pick:not(:disabled)',
    );
    if (!buttons || buttons.length === 0) return;
    buttons[Math.max(0, Math.min(buttons.length - 1, i))]?.focus();
  };

  const onSearchKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      if (all[0]) void add(all[0]);
    } else if (e.key === 'ArrowDown') {
      e.preventDefault();
      focusRow(0);
    }
  };

  const onListKey = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
    const buttons = [
      ...(listRef.current?.querySelectorAll<HTMLButtonElement>('button.pick:not(:disabled)') ?? []),
    ];
    const at = buttons.indexOf(document.activeElement as HTMLButtonElement);
    if (at < 0) return;
    e.preventDefault();
    if (e.key === 'ArrowUp' && at === 0) document.getElementById(searchId)?.focus();
    else focusRow(at + (e.key === 'ArrowDown' ? 1 : -1));
  };

  const section = (title: string, rows: PickRow[] | null, empty: string) => (
    <section className="pick-section" aria-label={title}>
      <h3>{title}</h3>
      {rows === null ? (
        <p className="muted">Loading…</p>
      ) : rows.length === 0 ? (
        <p className="muted">{empty}</p>
      ) : (
        <ul className="pick-list">
          {rows.map((row) => (
            <li key={row.id}>
              <button
                type="button"
                className="pick"
                disabled={row.linked || busy}
                aria-label={row.title}
                onClick={() => void add(row)}
              >
                <span className="pick-title">{row.title}</span>
                <span className="pick-meta">
                  {[row.providerName, row.publishedDateTime ? shortDate(row.publishedDateTime) : '']
                    .filter(Boolean)
                    .join(' · ')}
                  {row.linked && <span className="pick-linked">Already linked</span>}
                </span>
                {row.topics.length > 0 && (
                  <span className="pick-topics">
                    {row.topics.map((t) => (
                      <span key={t} className="pick-topic">
                        {t}
                      </span>
                    ))}
                  </span>
                )}
                {row.why && <span className="pick-why">{row.why}</span>}
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );

  return (
    <Dialog
      title="Add related article"
      wide
      onCancel={onClose}
      actions={
        <button type="button" className="primary" onClick={onClose}>
          Done
        </button>
      }
    >
      <div className="picker">
        <label htmlFor={searchId}>Search articles</label>
        <input
          id={searchId}
          type="search"
          data-autofocus
          placeholder="Title, URL, topic or provider"
          value={text}
          maxLength={500}
          autoComplete="off"
          onChange={(e) => setText(e.target.value)}
          onKeyDown={onSearchKey}
        />
        <div className="picker-options">
          <input
            id={reciprocalId}
            type="checkbox"
            checked={reciprocal}
            onChange={(e) => onReciprocal(e.target.checked)}
          />
          <label htmlFor={reciprocalId}>Also link back from the other article</label>
        </div>
        <p
          className={`picker-status ${message?.kind === 'error' ? 'msg-error' : ''}`}
          role="status"
        >
          {message?.text ?? ''}
        </p>
        <div ref={listRef} className="picker-results" onKeyDown={onListKey}>
          {section(
            'Suggested',
            shownSuggestions,
            query ? 'No suggestion matches this search.' : 'No similar articles found.',
          )}
          {query &&
            section(
              'Search results',
              results === null ? null : shownResults,
              'No other article matches.',
            )}
        </div>
      </div>
    </Dialog>
  );
}

/** Whether a suggestion matches the search words (so both lists agree while typing). */
function matches(row: PickRow, query: string): boolean {
  const hay = `${row.title} ${row.providerName} ${row.topics.join(' ')}`.toLowerCase();
  return query
    .toLowerCase()
    .split(/\s+/)
    .every((w) => hay.includes(w));
}

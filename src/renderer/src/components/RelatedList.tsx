/**
 * The related links as an ordered list that can be reordered by dragging (HTML5 drag and
 * drop) or from the keyboard (Alt+↑/↓ on a focused link, or its Move up / Move down
 * buttons). Every move is announced, and the moved link keeps the focus.
 */
import { useEffect, useRef, useState, type DragEvent } from 'react';
import type { Problem, RelatedItem } from '../../../shared/article';
import type { RelatedFieldEdits } from '../hooks/use-related';
import { fieldInputId } from '../lib/field-ids';
import { badgesOf } from '../lib/related-badges';
import { RelatedItemRow } from './RelatedItemRow';

/** Props of {@link RelatedList}. */
export interface RelatedListProps {
  items: readonly unknown[];
  problems: readonly Problem[];
  targets: ReadonlyArray<string | null>;
  disabled: boolean;
  onOpen(index: number): void;
  /** Moves item `from` to `to`; resolves `true` when it was written. */
  onMove(from: number, to: number): Promise<boolean>;
  onRemove(index: number): void;
  onRefresh(index: number): void;
  onEdit(index: number, fields: RelatedFieldEdits): Promise<true | string>;
  /** Tells screen readers what happened (a polite live region owned by the section). */
  announce(message: string): void;
}

function asItem(raw: unknown): RelatedItem {
  return raw !== null && typeof raw === 'object' && !Array.isArray(raw) ? (raw as RelatedItem) : {};
}

function titleOf(item: RelatedItem, index: number): string {
  return typeof item.title === 'string' && item.title.trim()
    ? `“${item.title}”`
    : `Link ${index + 1}`;
}

/** The reorderable list of related links. */
export function RelatedList(props: RelatedListProps) {
  const { items, problems, targets, disabled } = props;
  const [editing, setEditing] = useState<number | null>(null);
  const [drag, setDrag] = useState<{ from: number; over: number; after: boolean } | null>(null);
  const [focusAt, setFocusAt] = useState<number | null>(null);
  const dragFrom = useRef<number | null>(null);

  // After a move the list re-renders from disk: put the focus back on the moved link.
  useEffect(() => {
    if (focusAt === null || disabled) return;
    document.getElementById(fieldInputId(`related[${focusAt}]`))?.focus();
    setFocusAt(null);
  }, [focusAt, disabled, items]);

  useEffect(() => {
    if (editing !== null && editing >= items.length) setEditing(null);
  }, [editing, items.length]);

  const move = async (from: number, to: number) => {
    if (from === to || to < 0 || to >= items.length) return;
    const label = titleOf(asItem(items[from]), from);
    if (await props.onMove(from, to)) {
      props.announce(`Moved ${label} to position ${to + 1} of ${items.length}.`);
      setFocusAt(to);
    }
  };

  const target = (d: { from: number; over: number; after: boolean }): number => {
    // Dropping on the lower half of a row puts the item after it.
    const to = d.over + (d.after ? 1 : 0);
    return to > d.from ? to - 1 : to;
  };

  const dragHandlers = (index: number) => ({
    onDragStart: (e: DragEvent<HTMLLIElement>) => {
      if (disabled) {
        e.preventDefault();
        return;
      }
      dragFrom.current = index;
      e.dataTransfer.effectAllowed = 'move';
      // Some browsers only start a drag that carries data.
      e.dataTransfer.setData('text/plain', String(index));
      setDrag({ from: index, over: index, after: false });
      props.announce(`Dragging ${titleOf(asItem(items[index]), index)}.`);
    },
    onDragOver: (e: DragEvent<HTMLLIElement>) => {
      const from = dragFrom.current;
      if (from === null) return;
      e.preventDefault();
      e.dataTransfer.dropEffect = 'move';
      const box = e.currentTarget.getBoundingClientRect();
      const after = box.height > 0 && e.clientY > box.top + box.height / 2;
      setDrag((d) =>
        d && d.over === index && d.after === after ? d : { from, over: index, after },
      );
    },
    onDrop: (e: DragEvent<HTMLLIElement>) => {
      e.preventDefault();
      const d =
        drag ??
        (dragFrom.current === null ? null : { from: dragFrom.current, over: index, after: false });
      dragFrom.current = null;
      setDrag(null);
      if (d) void move(d.from, target(d));
    },
    onDragEnd: () => {
      dragFrom.current = null;
      setDrag(null);
    },
  });

  return (
    <>
      <p id="related-reorder-help" className="sr-only">
        Drag a link to reorder it, or press Alt+Up or Alt+Down while it has the focus.
      </p>
      <ol className="rel-list" aria-label="Related links">
        {items.map((raw, i) => {
          const item = asItem(raw);
          const { badges, others } = badgesOf(problems, i);
          let dropAt: 'before' | 'after' | null = null;
          if (drag && drag.over === i && target(drag) !== drag.from) {
            dropAt = drag.after ? 'after' : 'before';
          }
          return (
            <RelatedItemRow
              key={`${i}:${typeof item.webUrl === 'string' ? item.webUrl : ''}`}
              item={item}
              index={i}
              count={items.length}
              targetId={targets[i] ?? null}
              badges={badges}
              messages={others}
              disabled={disabled}
              editing={editing === i}
              dropAt={dropAt}
              dragging={drag?.from === i}
              onOpen={() => props.onOpen(i)}
              onMove={(to) => void move(i, to)}
              onRemove={() => props.onRemove(i)}
              onRefresh={() => props.onRefresh(i)}
              onEdit={() => setEditing(i)}
              onCancelEdit={() => setEditing(null)}
              onSaveEdit={async (fields) => {
                const r = await props.onEdit(i, fields);
                if (r === true) setEditing(null);
                return r;
              }}
              {...dragHandlers(i)}
            />
          );
        })}
      </ol>
    </>
  );
}

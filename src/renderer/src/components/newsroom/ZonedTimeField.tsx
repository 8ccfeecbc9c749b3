/**
 * A workflow time field (`embargo`, `publishAt`; issue 12): typed in this machine's local
 * time (a datetime-local input), converted explicitly to the stored UTC form, with the UTC
 * value beside it and a clear button. A time that names no instant (incomplete, or skipped by
 * a clock change) is never guessed: the field keeps its value and says why.
 */
import { useEffect, useState } from 'react';
import type { Problem } from '../../../../shared/article';
import { fieldInputId } from '../../lib/field-ids';
import {
  formatUtc,
  fromLocalInput,
  localTimeZone,
  shownTime,
  storedFromLocalInput,
  toLocalInput,
} from '../../lib/zoned-time';
import { FieldMessages, a11yProps, asText } from '../fields/FieldMessages';

/** Props of {@link ZonedTimeField}. */
export interface ZonedTimeFieldProps {
  path: string;
  label: string;
  /** The field's value as read or edited (UTC `…Z` when Curator wrote it). */
  value: unknown;
  /** A new time, in the stored form (UTC `YYYY-MM-DDTHH:MM:SSZ`). */
  onChange(stored: string): void;
  onClear(): void;
  /** The clear button's text ("Clear embargo"). */
  clearLabel: string;
  problems?: readonly Problem[];
  hints?: readonly Problem[];
  /** An id for the input other than the field path's (the bulk dialog has its own). */
  inputId?: string;
}

/** The local-time input of a time field, with the UTC value beside it. */
export function ZonedTimeField(p: ZonedTimeFieldProps) {
  const id = p.inputId ?? fieldInputId(p.path);
  const shown = shownTime(p.value);
  const local = shown && shown !== 'unreadable' ? toLocalInput(shown.ms) : '';
  const [text, setText] = useState(local);
  // Undo, a reload or another article: show the field's value.
  useEffect(() => setText(local), [local]);
  const typed = text && text !== local ? fromLocalInput(text) : NaN;
  const problems = p.problems ?? [];
  const zone = localTimeZone();
  const noteId = `${id}-utc`;

  let note: string;
  if (text && text !== local && Number.isNaN(typed)) {
    note = `Not a time in ${zone}: nothing changed`;
  } else if (!Number.isNaN(typed)) {
    note = `Local time (${zone}) · ${formatUtc(typed)}`;
  } else if (shown === 'unreadable') {
    note = `As written: ${asText(p.value)} (no time zone: not read)`;
  } else if (shown) {
    note = `Local time (${zone}) · ${shown.utc}`;
  } else {
    note = `Not set · typed in local time (${zone})`;
  }

  const a11y = a11yProps(p.path, problems, p.hints);
  return (
    <div className="field field-zoned">
      <div className="field-head">
        <label htmlFor={id} className="field-label">
          {p.label}
        </label>
        <button
          type="button"
          className="link-button"
          disabled={p.value === undefined || p.value === null}
          onClick={() => {
            setText('');
            p.onClear();
          }}
        >
          {p.clearLabel}
        </button>
      </div>
      <input
        id={id}
        type="datetime-local"
        step={shown && shown !== 'unreadable' && new Date(shown.ms).getSeconds() ? 1 : 60}
        value={text}
        {...a11y}
        aria-describedby={[a11y['aria-describedby'], noteId].filter(Boolean).join(' ')}
        onChange={(e) => {
          const next = e.target.value;
          setText(next);
          const stored = storedFromLocalInput(next);
          // An incomplete entry changes nothing (Clear removes the field, explicitly).
          if (stored !== null && stored !== p.value) p.onChange(stored);
        }}
        onBlur={() => {
          if (Number.isNaN(fromLocalInput(text))) setText(local);
        }}
      />
      <div className="field-note" id={noteId}>
        {note}
      </div>
      <FieldMessages path={p.path} problems={problems} hints={p.hints} />
    </div>
  );
}

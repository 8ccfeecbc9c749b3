/**
 * The conflict's compare: each field as loaded, as the editor has it, and as it is on disk,
 * with what the merged result keeps. Only a field changed on both sides differently asks for a
 * choice ("Keep mine" / "Take theirs (on disk)"); the identical fields are listed on request.
 */
import { useState } from 'react';
import type { FrontMatter } from '../../../shared/article';
import { sideOf, type FieldRow, type Side } from '../lib/three-way';
import { toYamlText } from './fields/OtherFields';

function show(v: unknown, body = false): string {
  if (body) return typeof v === 'string' && v !== '' ? v : '(empty)';
  return v === undefined ? '(absent)' : toYamlText(v);
}

/** What the result column says of a field. */
function resultText(row: FieldRow, side: Side | undefined): string {
  switch (row.merge) {
    case 'theirs':
      return 'On disk (merged in)';
    case 'mine':
      return 'Mine';
    case 'agree':
      return 'Same change on both';
    case 'same':
      return 'Unchanged';
    case 'clash':
      return side === 'mine' ? 'Mine' : side === 'theirs' ? 'On disk' : 'Choose';
  }
}

/** Props of {@link ThreeWayCompare}. */
export interface ThreeWayCompareProps {
  rows: readonly FieldRow[];
  choices: Readonly<Record<string, Side>>;
  onChoose(key: string, side: Side): void;
}

/** The three-way table of a conflict. */
export function ThreeWayCompare({ rows, choices, onChoose }: ThreeWayCompareProps) {
  const [showSame, setShowSame] = useState(false);
  const same = rows.filter((r) => r.merge === 'same').length;
  const shown = rows
    .filter((r) => showSame || r.merge !== 'same')
    .sort((a, b) => rank(a) - rank(b));
  return (
    <>
      <table className="compare compare-3">
        <caption className="sr-only">
          Each field as loaded, yours, and on disk, with what the merged version keeps
        </caption>
        <thead>
          <tr>
            <th scope="col">Field</th>
            <th scope="col">As loaded</th>
            <th scope="col">Mine</th>
            <th scope="col">On disk</th>
            <th scope="col">Keeps</th>
          </tr>
        </thead>
        <tbody>
          {shown.map((row) => {
            const side = sideOf(row, choices);
            return (
              <tr key={row.key} className={`merge-${row.merge}`}>
                <th scope="row" className={row.body ? '' : 'mono'}>
                  {rowLabel(row)}
                </th>
                <td>
                  <pre>{show(row.base, row.body)}</pre>
                </td>
                <td className={side === 'mine' && row.merge !== 'same' ? 'kept' : ''}>
                  <pre>{show(row.mine, row.body)}</pre>
                </td>
                <td className={side === 'theirs' && row.merge !== 'same' ? 'kept' : ''}>
                  <pre>{show(row.theirs, row.body)}</pre>
                </td>
                <td>
                  {row.merge === 'clash' ? (
                    <fieldset className="merge-choice">
                      <legend className="sr-only">{rowLabel(row)}: changed on both sides</legend>
                      {(['mine', 'theirs'] as const).map((s) => (
                        <label key={s}>
                          <input
                            type="radio"
                            name={row.body ? 'merge-body' : `merge-${row.key}`}
                            checked={choices[row.key] === s}
                            onChange={() => onChoose(row.key, s)}
                          />{' '}
                          {s === 'mine' ? 'Keep mine' : 'Take theirs (on disk)'}
                        </label>
                      ))}
                    </fieldset>
                  ) : (
                    <span className="muted">{resultText(row, side)}</span>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {same > 0 && (
        <button
          type="button"
          className="link-button compare-more"
          onClick={() => setShowSame((v) => !v)}
        >
          {showSame
            ? 'Hide the unchanged fields'
            : `Show the ${same} unchanged ${same === 1 ? 'field' : 'fields'}`}
        </button>
      )}
    </>
  );
}

/** What a row is called: its field's key, or "Body" for the Markdown body. */
export function rowLabel(row: FieldRow): string {
  return row.body ? 'Body' : row.key;
}

/** Clashes first, then the editor's, the disk's, and the rest. */
function rank(r: FieldRow): number {
  return ['clash', 'mine', 'theirs', 'agree', 'same'].indexOf(r.merge);
}

/** The editor's version when the file on disk cannot be read: only "mine" to show. */
export function MineOnly({ mine }: { mine: FrontMatter }) {
  return (
    <table className="compare">
      <caption className="sr-only">Your version (the file on disk cannot be read)</caption>
      <thead>
        <tr>
          <th scope="col">Field</th>
          <th scope="col">Mine</th>
        </tr>
      </thead>
      <tbody>
        {Object.entries(mine).map(([k, v]) => (
          <tr key={k}>
            <th scope="row" className="mono">
              {k}
            </th>
            <td>
              <pre>{show(v)}</pre>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

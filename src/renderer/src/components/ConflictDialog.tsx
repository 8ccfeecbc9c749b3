import { useState } from 'react';
import type { Article, FrontMatter } from '../../../shared/article';
import { deepEqual } from '../../../shared/patch';
import { toYamlText } from './fields/OtherFields';
import { Dialog } from './Dialog';

function show(v: unknown): string {
  return v === undefined ? '(absent)' : toYamlText(v);
}

/**
 * Side by side: the editor's version vs the file on disk. Differing fields are listed;
 * the identical ones only on request, so the difference is what the editor sees first.
 */
export function CompareView({ yours, disk }: { yours: FrontMatter; disk: FrontMatter | null }) {
  const [showSame, setShowSame] = useState(false);
  const keys = [...new Set([...Object.keys(yours), ...Object.keys(disk ?? {})])];
  const all = keys.map((k) => ({ k, differs: !deepEqual(yours[k], disk?.[k]) }));
  const same = all.filter((r) => !r.differs).length;
  const rows = all.filter((r) => r.differs || showSame || disk === null);
  rows.sort((a, b) => Number(b.differs) - Number(a.differs));
  return (
    <>
      <table className="compare">
        <caption className="sr-only">Your version compared with the file on disk</caption>
        <thead>
          <tr>
            <th scope="col">Field</th>
            <th scope="col">Yours</th>
            <th scope="col">On disk</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(({ k, differs }) => (
            <tr key={k} className={differs ? 'differs' : ''}>
              <th scope="row" className="mono">
                {k}
                {differs && <span className="sr-only"> (differs)</span>}
              </th>
              <td>
                <pre>{show(yours[k])}</pre>
              </td>
              <td>
                <pre>{disk ? show(disk[k]) : '(unreadable)'}</pre>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {disk !== null && same > 0 && (
        <button
          type="button"
          className="link-button compare-more"
          onClick={() => setShowSame((v) => !v)}
        >
          {showSame
            ? 'Hide the identical fields'
            : `Show the ${same} identical ${same === 1 ? 'field' : 'fields'}`}
        </button>
      )}
    </>
  );
}

/** Raised when a save is refused (the file changed on disk) or the open, modified file changes. */
export function ConflictDialog({
  message,
  yours,
  current,
  onReload,
  onOverwrite,
  onCancel,
}: {
  message: string;
  yours: FrontMatter;
  current: Article | null;
  onReload(): void;
  onOverwrite(): void;
  onCancel(): void;
}) {
  const [comparing, setComparing] = useState(false);
  return (
    <Dialog
      title="This file changed on disk"
      wide={comparing}
      onCancel={onCancel}
      actions={
        <>
          <button type="button" onClick={onReload}>
            Reload
          </button>
          <button
            type="button"
            className="danger"
            onClick={onOverwrite}
            disabled={current?.malformed}
          >
            Overwrite
          </button>
          <button type="button" onClick={() => setComparing((c) => !c)} aria-pressed={comparing}>
            Compare
          </button>
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
        </>
      }
    >
      <p>{message}</p>
      <p className="muted">
        <strong>Reload</strong> drops your unsaved changes and shows the file as it is now.{' '}
        <strong>Overwrite</strong> writes your changed fields over it.
      </p>
      {comparing && <CompareView yours={yours} disk={current?.data ?? null} />}
    </Dialog>
  );
}

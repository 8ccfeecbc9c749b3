/**
 * Raised when a save is refused because the file changed on disk, or when the open, modified
 * file changes on disk. It never loses the editor's work: no button is the default (Enter
 * only opens the compare), every button says what it keeps, and the compare is three-way
 * (lib/three-way.ts): fields changed only on disk merge in by themselves, only a field changed
 * on both sides needs a choice, and the result is saved over the file as it is on disk now.
 */
import { useMemo, useState } from 'react';
import type { Article, FrontMatter, PatchOp } from '../../../shared/article';
import { compareFields, mergedPatch, unresolved, type Side } from '../lib/three-way';
import { Dialog } from './Dialog';
import { MineOnly, rowLabel, ThreeWayCompare } from './ThreeWayCompare';

/** Props of {@link ConflictDialog}. */
export interface ConflictDialogProps {
  message: string;
  /** The front matter as the editor loaded it. */
  base: FrontMatter;
  /** The editor's version, and the edits that made it. */
  mine: FrontMatter;
  mineOps: readonly PatchOp[];
  /** The Markdown body as loaded and as the editor has it. */
  bodies: { base: string; mine: string };
  /** The file as it is on disk now (`null` when it cannot be read). */
  current: Article | null;
  /** Take theirs: drops the unsaved edits and shows the file as it is on disk. */
  onTakeTheirs(): void;
  /**
   * Saves `patch` over the file on disk (`current` becomes the base); `null` when the disk
   * version cannot be read: then the editor's edits are written over whatever is there.
   */
  onSave(patch: PatchOp[] | null): void;
  onCancel(): void;
}

const names = (keys: string[]): string => keys.join(', ');

/** The conflict dialog. */
export function ConflictDialog(p: ConflictDialogProps) {
  const { current, base, mine, mineOps, bodies } = p;
  const [comparing, setComparing] = useState(false);
  const [choices, setChoices] = useState<Record<string, Side>>({});
  const disk = current && !current.malformed ? current.data : null;
  const theirsBody = current?.body;
  const rows = useMemo(
    () =>
      disk
        ? compareFields(base, mine, disk, {
            base: bodies.base,
            mine: bodies.mine,
            theirs: theirsBody ?? bodies.base,
          })
        : [],
    [base, mine, disk, bodies.base, bodies.mine, theirsBody],
  );
  const clashes = rows.filter((r) => r.merge === 'clash').map((r) => r.key);
  const mergedIn = rows.filter((r) => r.merge === 'theirs').map(rowLabel);
  const clashNames = rows.filter((r) => r.merge === 'clash').map(rowLabel);
  const open = unresolved(rows, choices);

  /** The merge with every clash decided `side` (or as chosen). */
  const patchFor = (all?: Side): PatchOp[] | null => {
    if (!disk) return null;
    const picked = all ? Object.fromEntries(clashes.map((k) => [k, all])) : choices;
    try {
      return mergedPatch(rows, picked, disk, mine, mineOps);
    } catch {
      return null; // a value the codec refuses over the disk version: write the edits as made
    }
  };

  return (
    <Dialog
      title="This file changed on disk"
      wide={comparing}
      onCancel={p.onCancel}
      actions={
        <>
          {/* Enter only opens the compare: no button that drops or overwrites is the default. */}
          <button
            type="button"
            onClick={() => setComparing((c) => !c)}
            aria-pressed={comparing}
            data-autofocus
          >
            Compare
          </button>
          {comparing && disk && clashes.length > 0 && (
            <button
              type="button"
              className="primary"
              disabled={open.length > 0}
              onClick={() => p.onSave(patchFor())}
            >
              Save merged version
            </button>
          )}
          <button
            type="button"
            disabled={current?.malformed}
            onClick={() => p.onSave(patchFor('mine'))}
          >
            Keep mine
          </button>
          <button type="button" className="danger" onClick={p.onTakeTheirs}>
            Take theirs (on disk)
          </button>
          <button type="button" onClick={p.onCancel}>
            Cancel
          </button>
        </>
      }
    >
      <p>{p.message}</p>
      {disk && (
        <p>
          {mergedIn.length > 0 && (
            <>
              Changed on disk only: <strong>{names(mergedIn)}</strong> — merged in
              automatically.{' '}
            </>
          )}
          {clashes.length > 0 ? (
            <>
              Changed on both sides: <strong>{names(clashNames)}</strong> — choose what to keep in
              Compare, or keep all of yours.
            </>
          ) : (
            'No field was changed on both sides: your edits and the changes on disk both fit.'
          )}
        </p>
      )}
      {current?.malformed && (
        <p className="muted">The file on disk cannot be parsed safely, so it is not written.</p>
      )}
      <p className="muted">
        <strong>Keep mine</strong> saves your changed fields over the file on disk (fields changed
        only on disk are kept). <strong>Take theirs (on disk)</strong> reloads the file and drops
        your unsaved changes. <strong>Cancel</strong> goes back to editing; nothing is written.
      </p>
      {comparing &&
        (disk ? (
          <ThreeWayCompare
            rows={rows}
            choices={choices}
            onChoose={(key, side) => setChoices((c) => ({ ...c, [key]: side }))}
          />
        ) : (
          <MineOnly mine={mine} />
        ))}
    </Dialog>
  );
}

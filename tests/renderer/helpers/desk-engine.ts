/**
 * A desk for the renderer tests, with real git: a bare repository in a temp folder is the
 * desk's remote, the app's content folder is one editor's clone (Ann), and `other()` clones a
 * second editor (Bob) who edits, commits and pushes with plain git, as a colleague would.
 */
import { join } from 'node:path';
import {
  configure,
  git,
  makeDesk,
  read,
  writeFiles,
  type DeskFixture,
} from '../../core/desk/git-fixtures';
import { openEngine, type InProcessEngine } from './in-process-api';

export { cleanup as cleanupDesks, git, read } from '../../core/desk/git-fixtures';

/** The app on Ann's clone of a desk seeded with `files`. */
export interface DeskEngine {
  engine: InProcessEngine;
  desk: DeskFixture;
  /** Ann's clone: the app's content folder. */
  dir: string;
  /** Clones the desk as another editor (Bob). */
  other(name?: string): string;
}

/** Seeds a desk with `files` and opens Ann's clone of it in the real service (watching). */
export async function openDeskEngine(
  files: Record<string, string>,
  opts: { allowTypedPaths?: boolean } = {},
): Promise<DeskEngine> {
  const desk = makeDesk(files);
  const engine = await openEngine(
    {},
    {
      watch: true,
      allowTypedPaths: opts.allowTypedPaths,
      beforeStart: (dir) => {
        git(join(dir, '..'), 'clone', '--quiet', desk.remote, dir);
        configure(dir, 'Ann');
      },
    },
  );
  return { engine, desk, dir: engine.dir, other: (name = 'Bob') => desk.editor(name) };
}

/** Another editor edits `rel` (a text replacement), commits and pushes it. */
export function pushEdit(dir: string, rel: string, from: string, to: string, message: string) {
  const before = read(dir, rel);
  if (!before.includes(from)) throw new Error(`${rel} has no ${from}`);
  writeFiles(dir, { [rel]: before.replace(from, to) });
  git(dir, 'commit', '--quiet', '-am', message);
  git(dir, 'push', '--quiet');
}

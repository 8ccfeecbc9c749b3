/**
 * `curator set <file> <path>=<value>…` and `curator unset <file> <path>…`: surgical
 * edits of one article's front matter (only the edited lines change).
 */
import type { PatchOp } from '../../shared/article';
import { parsePath } from '../../shared/field-path';
import { fieldPatchPlanner } from '../../core/write/index';
import { parseArgs } from '../args';
import { UsageError, type CliCommand } from '../context';
import { runOnFiles } from '../files';
import { CliValueError, parseCliValue } from '../yaml-value';

const WRITE_FLAGS = { json: 'boolean', 'dry-run': 'boolean' } as const;
const WRITE_HELP =
  '  --dry-run   show what would change without writing\n  --json      print the report as JSON';

function checkPath(path: string): string {
  try {
    parsePath(path);
  } catch {
    throw new UsageError(`Bad field path: ${path}`);
  }
  return path;
}

/** `curator set <file> <path>=<value>…`: sets front-matter fields (values are YAML). */
export const setCommand: CliCommand = {
  name: 'set',
  summary: 'Set front-matter fields of one article (values are YAML)',
  usage:
    'curator set <file> <path>=<value>… [--dry-run] [--json]\n\n' +
    '  Values are YAML: published=true  quality=40  topics=[AI, Policy]  provider.name=AOL\n' +
    '  Text fields keep the typed text: title=1.10 is the text 1.10; empty, ~ or null is null\n' +
    '  Elsewhere quote to force a string: label=\'"true"\'; a value is written as typed\n' +
    WRITE_HELP,
  async run(argv, ctx) {
    const { positionals, flags } = parseArgs(argv, WRITE_FLAGS);
    if (positionals.length < 2)
      throw new UsageError('set needs a file and at least one <path>=<value>');
    const [file, ...assignments] = positionals;
    const notes: string[] = [];
    const patch: PatchOp[] = assignments.map((a) => {
      const eq = a.indexOf('=');
      if (eq <= 0) throw new UsageError(`Expected <path>=<value>, got: ${a}`);
      const path = checkPath(a.slice(0, eq));
      const text = a.slice(eq + 1);
      try {
        // The typed text goes along: the codec writes it as typed when it reads back as the
        // value (`version=1.10`, `tilde=~`, `empty=`).
        return { op: 'set', path, value: parseCliValue(text, path, notes), text };
      } catch (err) {
        if (err instanceof CliValueError) throw new UsageError(err.message);
        throw err;
      }
    });
    for (const note of notes) ctx.err(`curator set: ${note}\n`);
    return runOnFiles(ctx, [file], 'Set', fieldPatchPlanner(patch), {
      dryRun: !!flags['dry-run'],
      json: !!flags.json,
    });
  },
};

/** `curator unset <file> <path>…`: removes front-matter fields. */
export const unsetCommand: CliCommand = {
  name: 'unset',
  summary: 'Remove front-matter fields of one article',
  usage: `curator unset <file> <path>… [--dry-run] [--json]\n\n${WRITE_HELP}`,
  async run(argv, ctx) {
    const { positionals, flags } = parseArgs(argv, WRITE_FLAGS);
    if (positionals.length < 2)
      throw new UsageError('unset needs a file and at least one field path');
    const [file, ...paths] = positionals;
    const patch: PatchOp[] = paths.map((p) => ({ op: 'unset', path: checkPath(p) }));
    return runOnFiles(ctx, [file], 'Unset', fieldPatchPlanner(patch), {
      dryRun: !!flags['dry-run'],
      json: !!flags.json,
    });
  },
};

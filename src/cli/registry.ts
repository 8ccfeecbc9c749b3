/**
 * Every `curator` command by name. To add one: write src/cli/commands/<name>.ts
 * exporting a {@link CliCommand}, and add one line below.
 */
import type { CliCommand } from './context';
import { benchCommand } from './commands/bench';
import { setCommand, unsetCommand } from './commands/edit';
import { getCommand } from './commands/get';
import { historyCommand } from './commands/history';
import { listCommand } from './commands/list';
import { mergeFileCommand } from './commands/merge-file';
import { assignCommand, embargoCommand, killCommand, scheduleCommand } from './commands/newsroom';
import { relatedCommand } from './commands/related';
import { resolveCommand } from './commands/resolve';
import { restoreCommand } from './commands/restore';
import { serveCommand } from './commands/serve';
import { statusCommand } from './commands/status';
import { syncCommand } from './commands/sync';
import { validateCommand } from './commands/validate';
import { publishCommand, reviewCommand, unpublishCommand } from './commands/workflow';

/** Command name → command. Order is the order of `curator --help`. */
export const commands: Record<string, CliCommand> = {
  list: listCommand,
  get: getCommand,
  set: setCommand,
  unset: unsetCommand,
  review: reviewCommand,
  publish: publishCommand,
  unpublish: unpublishCommand,
  kill: killCommand,
  assign: assignCommand,
  embargo: embargoCommand,
  schedule: scheduleCommand,
  related: relatedCommand,
  validate: validateCommand,
  status: statusCommand,
  sync: syncCommand,
  history: historyCommand,
  restore: restoreCommand,
  resolve: resolveCommand,
  'merge-file': mergeFileCommand,
  serve: serveCommand,
  bench: benchCommand,
};

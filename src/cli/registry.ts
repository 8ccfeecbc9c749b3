/**
 * Every `curator` command by name. To add one: write src/cli/commands/<name>.ts exporting a
 * {@link CliCommand}, and add one line below.
 *
 * Commands are loaded when they run (`() => import(…)`): the build splits each into its own
 * chunk, so `curator list` never loads the server, the contract schemas or the benchmark,
 * and `curator --version` loads nothing (issue 13: start-up). A command given directly
 * (`name: someCommand`) also works, but puts its code on every command's start-up path
 * (tests/cli/registry.test.ts keeps that path small).
 */
import type { CliCommand } from './context';

/** A command, or a loader of it. */
export type CommandEntry = CliCommand | (() => Promise<CliCommand>);

/** Command name → command. Order is the order of `curator --help`. */
export const commands: Record<string, CommandEntry> = {
  list: async () => (await import('./commands/list')).listCommand,
  get: async () => (await import('./commands/get')).getCommand,
  set: async () => (await import('./commands/edit')).setCommand,
  unset: async () => (await import('./commands/edit')).unsetCommand,
  review: async () => (await import('./commands/workflow')).reviewCommand,
  publish: async () => (await import('./commands/workflow')).publishCommand,
  unpublish: async () => (await import('./commands/workflow')).unpublishCommand,
  kill: async () => (await import('./commands/newsroom')).killCommand,
  assign: async () => (await import('./commands/newsroom')).assignCommand,
  embargo: async () => (await import('./commands/newsroom')).embargoCommand,
  schedule: async () => (await import('./commands/newsroom')).scheduleCommand,
  related: async () => (await import('./commands/related')).relatedCommand,
  validate: async () => (await import('./commands/validate')).validateCommand,
  status: async () => (await import('./commands/status')).statusCommand,
  sync: async () => (await import('./commands/sync')).syncCommand,
  history: async () => (await import('./commands/history')).historyCommand,
  restore: async () => (await import('./commands/restore')).restoreCommand,
  resolve: async () => (await import('./commands/resolve')).resolveCommand,
  'merge-file': async () => (await import('./commands/merge-file')).mergeFileCommand,
  serve: async () => (await import('./commands/serve')).serveCommand,
  bench: async () => (await import('./commands/bench')).benchCommand,
};

/** The command called `name`, loaded; `undefined` for an unknown name. */
export async function loadCommand(name: string): Promise<CliCommand | undefined> {
  if (!Object.prototype.hasOwnProperty.call(commands, name)) return undefined;
  const entry = commands[name];
  return typeof entry === 'function' ? entry() : entry;
}

/**
 * The `curator` command: dispatches to the command registry, prints help, and maps
 * errors to exit codes (0 ok, 1 refused or invalid content, 2 usage error).
 */
import { CuratorError } from '../shared/errors';
import { EXIT_OK, EXIT_REFUSED, EXIT_USAGE, UsageError, type CliContext } from './context';
import { commands, loadCommand } from './registry';
import { curatorVersion } from './version';

/** Text of `curator --help` (loads every command, for its summary). */
export async function helpText(): Promise<string> {
  const names = Object.keys(commands);
  const loaded = await Promise.all(names.map((n) => loadCommand(n)));
  const width = Math.max(...names.map((n) => n.length));
  const lines = names.map((n, i) => `  ${n.padEnd(width)}  ${loaded[i]?.summary ?? ''}`);
  return (
    'Usage: curator <command> [arguments]\n\n' +
    'Curate a folder of Markdown articles with YAML front matter.\n\n' +
    `Commands:\n${lines.join('\n')}\n\n` +
    "Run 'curator <command> --help' for a command's options.\n" +
    'Exit codes: 0 ok, 1 refused or invalid content, 2 usage error.\n'
  );
}

/** Runs the CLI with `argv` (the arguments after `curator`); resolves to the exit code. */
export async function runCli(argv: readonly string[], ctx: CliContext): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined) {
    ctx.err(await helpText());
    return EXIT_USAGE;
  }
  if (name === '--help' || name === '-h' || name === 'help') {
    const topic = rest[0];
    if (topic !== undefined) {
      const cmd = await loadCommand(topic);
      if (!cmd) {
        ctx.err(`curator: unknown command '${topic}'\n\n${await helpText()}`);
        return EXIT_USAGE;
      }
      ctx.out(`Usage: ${cmd.usage}\n`);
      return EXIT_OK;
    }
    ctx.out(await helpText());
    return EXIT_OK;
  }
  if (name === '--version' || name === '-v') {
    ctx.out(`${curatorVersion()}\n`);
    return EXIT_OK;
  }
  const cmd = await loadCommand(name);
  if (!cmd) {
    ctx.err(`curator: unknown command '${name}'\n\n${await helpText()}`);
    return EXIT_USAGE;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    ctx.out(`Usage: ${cmd.usage}\n`);
    return EXIT_OK;
  }
  try {
    return await cmd.run(rest, ctx);
  } catch (err) {
    if (err instanceof UsageError) {
      ctx.err(`curator ${name}: ${err.message}\nUsage: ${cmd.usage.split('\n')[0]}\n`);
      return EXIT_USAGE;
    }
    if (err instanceof CuratorError) {
      ctx.err(`curator ${name}: ${err.message}\n`);
      return EXIT_REFUSED;
    }
    ctx.err(`curator ${name}: ${(err as Error)?.stack ?? String(err)}\n`);
    return EXIT_REFUSED;
  }
}

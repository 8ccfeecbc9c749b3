/**
 * The `curator` command: dispatches to the command registry, prints help, and maps
 * errors to exit codes (0 ok, 1 refused or invalid content, 2 usage error).
 */
import { CuratorError } from '../shared/errors';
import { EXIT_OK, EXIT_REFUSED, EXIT_USAGE, UsageError, type CliContext } from './context';
import { commands } from './registry';

/** Text of `curator --help`. */
export function helpText(): string {
  const width = Math.max(...Object.keys(commands).map((n) => n.length));
  const lines = Object.values(commands).map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`);
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
    ctx.err(helpText());
    return EXIT_USAGE;
  }
  if (name === '--help' || name === '-h' || name === 'help') {
    const topic = rest[0];
    if (topic !== undefined) {
      const cmd = Object.prototype.hasOwnProperty.call(commands, topic)
        ? commands[topic]
        : undefined;
      if (!cmd) {
        ctx.err(`curator: unknown command '${topic}'\n\n${helpText()}`);
        return EXIT_USAGE;
      }
      ctx.out(`Usage: ${cmd.usage}\n`);
      return EXIT_OK;
    }
    ctx.out(helpText());
    return EXIT_OK;
  }
  if (name === '--version' || name === '-v') {
    ctx.out(`${process.env.CURATOR_VERSION ?? '0.1.0'}\n`);
    return EXIT_OK;
  }
  const cmd = Object.prototype.hasOwnProperty.call(commands, name) ? commands[name] : undefined;
  if (!cmd) {
    ctx.err(`curator: unknown command '${name}'\n\n${helpText()}`);
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

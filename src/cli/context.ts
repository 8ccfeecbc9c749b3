/**
 * What every CLI command receives and may throw. Exit codes: 0 ok, 1 refused or
 * invalid content, 2 usage error.
 */

/** Everything went as asked. */
export const EXIT_OK = 0;
/** A write was refused, content is invalid, or a file is missing. */
export const EXIT_REFUSED = 1;
/** The command line itself is wrong (unknown command or flag, missing argument). */
export const EXIT_USAGE = 2;

/** Where a command reads its working directory and writes its output. */
export interface CliContext {
  /** Directory relative paths are resolved against. */
  cwd: string;
  /** Writes to standard output (no newline added). */
  out(text: string): void;
  /** Writes to standard error (no newline added). */
  err(text: string): void;
  /**
   * Resolves once standard output has taken what was written so far, when it is a slow
   * pipe (back-pressure): a command printing a lot awaits it between pieces, so unwritten
   * output never piles up in memory. Optional: without it, output is never waited for.
   */
  drained?(): Promise<void>;
}

/** One `curator <name>` command. Add a file under src/cli/commands and one line in registry.ts. */
export interface CliCommand {
  name: string;
  /** One line for `curator --help`. */
  summary: string;
  /** Usage text for `curator <name> --help` (first line = synopsis). */
  usage: string;
  /** Runs the command with the arguments after its name; resolves to the exit code. */
  run(argv: string[], ctx: CliContext): Promise<number>;
}

/** The command line is wrong: printed with the command's usage, exit code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

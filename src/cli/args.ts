/**
 * Command-line flags of every `curator` command, parsed by Node's `util.parseArgs` (strict):
 * `--flag`, `--name value`, `--name=value`, `-h` for `--help` (which every command accepts),
 * and `--` to end the flags. Anything else starting with `-` is a usage error (exit 2).
 */
import { parseArgs as nodeParseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from './context';

/** Declares the flags a command accepts: boolean switches or flags taking a value. */
export type FlagSpec = Record<string, 'boolean' | 'string'>;

/** Parsed command line of one command. */
export interface ParsedArgs {
  positionals: string[];
  flags: Record<string, string | boolean | undefined>;
}

/**
 * Parses `argv` against `spec`.
 * @throws UsageError for an unknown flag, a missing value, or a value given to a switch.
 */
export function parseArgs(argv: readonly string[], spec: FlagSpec): ParsedArgs {
  const options: NonNullable<ParseArgsConfig['options']> = {
    help: { type: 'boolean', short: 'h' },
  };
  for (const [name, type] of Object.entries(spec)) options[name] = { type };
  let parsed: { values: Record<string, string | boolean | undefined>; positionals: string[] };
  try {
    parsed = nodeParseArgs({
      args: [...argv],
      options,
      strict: true,
      allowPositionals: true,
    }) as typeof parsed;
  } catch (err) {
    throw new UsageError(usageMessage(err));
  }
  // A plain object without the prototype's keys (`--toString` was refused above).
  const flags: ParsedArgs['flags'] = {};
  for (const [k, v] of Object.entries(parsed.values)) if (v !== undefined) flags[k] = v;
  return { positionals: parsed.positionals, flags };
}

/** Node's parse errors, in the CLI's words (`Unknown option: --x`, `Option --by needs a value`). */
function usageMessage(err: unknown): string {
  const e = err as { code?: string; message?: string };
  const message = e.message ?? String(err);
  const option = /'(-{1,2}[^' ]+)/.exec(message)?.[1];
  switch (e.code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return `Unknown option: ${option ?? message}`;
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      return /does not take an argument/.test(message)
        ? `Option ${option} takes no value`
        : `Option ${option} needs a value`;
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return `Unexpected argument: ${message}`;
    default:
      return message;
  }
}

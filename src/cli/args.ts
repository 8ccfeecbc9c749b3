/**
 * A tiny argument parser: `--flag`, `--name value`, `--name=value`, `-h`, and `--`
 * to end flags. Unknown flags are usage errors.
 */
import { UsageError } from './context';

/** Declares the flags a command accepts: boolean switches or flags taking a value. */
export type FlagSpec = Record<string, 'boolean' | 'string'>;

/** Parsed command line of one command. */
export interface ParsedArgs {
  positionals: string[];
  flags: Record<string, string | boolean | undefined>;
}

/**
 * Parses `argv` against `spec`. `-h` is an alias of `--help`, which every command accepts.
 * @throws UsageError for an unknown flag, a missing value, or a value given to a switch.
 */
export function parseArgs(argv: readonly string[], spec: FlagSpec): ParsedArgs {
  const all: FlagSpec = { help: 'boolean', ...spec };
  const positionals: string[] = [];
  const flags: ParsedArgs['flags'] = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (arg === '-h') {
      flags.help = true;
      continue;
    }
    if (!arg.startsWith('--') || arg === '--') {
      if (arg.startsWith('-') && arg.length > 1) throw new UsageError(`Unknown option: ${arg}`);
      positionals.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = arg.slice(2, eq === -1 ? undefined : eq);
    const kind = Object.prototype.hasOwnProperty.call(all, name) ? all[name] : undefined;
    if (!kind) throw new UsageError(`Unknown option: --${name}`);
    if (kind === 'boolean') {
      if (eq !== -1) throw new UsageError(`Option --${name} takes no value`);
      flags[name] = true;
    } else if (eq !== -1) {
      flags[name] = arg.slice(eq + 1);
    } else {
      if (i + 1 >= argv.length) throw new UsageError(`Option --${name} needs a value`);
      flags[name] = argv[++i];
    }
  }
  return { positionals, flags };
}

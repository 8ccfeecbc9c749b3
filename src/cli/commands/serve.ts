/**
 * `curator serve [folder] [--port N]`: browser mode. Opens the folder (default: the
 * last one opened, else the bundled sample), serves the built renderer and the API on
 * 127.0.0.1, prints exactly one line with the address (token included), and runs until
 * interrupted.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { createService } from '../../core/service';
import { defaultConfigDir } from '../../core/settings-store';
import { startServer } from '../../server/http-server';
import { parseArgs } from '../args';
import { CuratorError } from '../../shared/errors';
import { EXIT_OK, UsageError, type CliCommand, type CliContext } from '../context';
import { resolveFolderArg } from '../files';
import { envReviewer } from '../reviewer';
import { cliClock } from '../clock';

/** The checkout (or installed package) root: the nearest folder whose package.json is ours. */
export function appRoot(from: string = __dirname): string {
  let dir = from;
  for (;;) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg)) {
      try {
        if ((JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'curator')
          return dir;
      } catch {
        // An unreadable package.json is not ours; keep walking up.
      }
    }
    const parent = dirname(dir);
    if (parent === dir) return resolve(from, '..', '..');
    dir = parent;
  }
}

/** Where serve finds its files; overridable for tests. */
export interface ServePaths {
  /** The built renderer (default `<root>/out/renderer`). */
  staticRoot: string;
  /** The bundled sample folder (default `<root>/content`). */
  sampleFolder: string;
  /** Settings directory (default `$CURATOR_CONFIG_DIR` or `~/.config/curator`). */
  configDir: string;
}

function defaultPaths(): ServePaths {
  const root = appRoot();
  return {
    staticRoot: join(root, 'out', 'renderer'),
    sampleFolder: join(root, 'content'),
    configDir: defaultConfigDir(),
  };
}

function parsePort(value: string | boolean | undefined): number {
  if (value === undefined) return 0;
  const n = typeof value === 'string' && /^\d{1,5}$/.test(value) ? Number(value) : NaN;
  if (!Number.isInteger(n) || n < 0 || n > 65535)
    throw new UsageError(`Bad port: ${String(value)}`);
  return n;
}

/**
 * The interval of the scheduler's periodic check: `$CURATOR_SCHEDULE_INTERVAL_MS` (TEST ONLY:
 * the e2e suite sets a short one, with `$CURATOR_CLOCK_FILE`, to see a scheduled article
 * published without waiting a minute), else the default (60 s).
 */
function scheduleIntervalMs(env: NodeJS.ProcessEnv = process.env): number | undefined {
  const n = Number(env.CURATOR_SCHEDULE_INTERVAL_MS);
  return Number.isInteger(n) && n >= 10 ? n : undefined;
}

/** Resolves when the process is asked to stop (SIGINT / SIGTERM) or `signal` aborts. */
function untilStopped(signal?: AbortSignal): Promise<void> {
  return new Promise((resolvePromise) => {
    const done = (): void => {
      process.off('SIGINT', done);
      process.off('SIGTERM', done);
      signal?.removeEventListener('abort', done);
      resolvePromise();
    };
    process.once('SIGINT', done);
    process.once('SIGTERM', done);
    signal?.addEventListener('abort', done);
  });
}

/** Builds the serve command; `paths` and `stop` are for tests. */
export function createServeCommand(
  paths: Partial<ServePaths> = {},
  stop?: AbortSignal,
): CliCommand {
  return {
    name: 'serve',
    summary: 'Run Curator in the browser, on 127.0.0.1 with a per-run token',
    usage:
      'curator serve [folder] [--port N]\n\n' +
      '  folder     content folder (default: the last one opened, else the bundled sample)\n' +
      '  --port N   TCP port on 127.0.0.1 (default: a free port)\n\n' +
      'Prints "Curator is running at http://127.0.0.1:PORT/?token=…" and runs until interrupted.',
    async run(argv: string[], ctx: CliContext) {
      const { positionals, flags } = parseArgs(argv, { port: 'string' });
      if (positionals.length > 1) throw new UsageError('serve takes at most one folder');
      const port = parsePort(flags.port);
      const p = { ...defaultPaths(), ...paths };
      if (!existsSync(join(p.staticRoot, 'index.html'))) {
        throw new CuratorError(
          'not-found',
          `The browser UI is not built (${join(p.staticRoot, 'index.html')} is missing). Run \`npm run build\` first.`,
        );
      }
      const folder = positionals.length ? await resolveFolderArg(ctx, positionals[0]) : undefined;
      // No native dialog here: Open folder takes a typed path, checked on the server.
      const service = createService({
        configDir: p.configDir,
        sampleFolder: p.sampleFolder,
        allowTypedPaths: true,
        // The app's own Settings win; CURATOR_REVIEWER replaces the OS user name as default.
        defaultReviewer: envReviewer(),
        clock: cliClock(),
        scheduler: { intervalMs: scheduleIntervalMs() },
      });
      let server;
      try {
        const opened = await service.start(folder);
        if (!opened)
          throw new CuratorError(
            'not-found',
            'No folder to open: give one, e.g. `curator serve ./content`.',
          );
        server = await startServer({ service, staticRoot: p.staticRoot, port });
      } catch (err) {
        await service.close();
        throw err;
      }
      ctx.out(`Curator is running at ${server.url}\n`);
      await untilStopped(stop);
      await server.close();
      await service.close();
      return EXIT_OK;
    },
  };
}

/** `curator serve`. */
export const serveCommand: CliCommand = createServeCommand();

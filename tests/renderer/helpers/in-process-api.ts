/**
 * The real engine, in-process, behind the contract: a {@link CuratorApi} whose every method
 * goes through `dispatch` (validation, id checks) into the real service and Library over
 * a real folder. Arguments and results are JSON round-tripped like any transport would.
 */
import { mkdtemp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Clock } from '../../../src/core/clock';
import { dispatch } from '../../../src/core/dispatch';
import { createService, type CuratorService } from '../../../src/core/service';
import { CuratorError } from '../../../src/shared/api-error';
import { methodNames, type CuratorApi } from '../../../src/shared/contract';

/** A temp content folder opened by the real service. */
export interface InProcessEngine {
  api: CuratorApi;
  service: CuratorService;
  /** The content folder. */
  dir: string;
  /** Every call made, in order (method names), for asserting windowed fetching. */
  calls: Array<{ method: string; args: unknown }>;
  read(id: string): Promise<string>;
  write(id: string, text: string): Promise<void>;
  close(): Promise<void>;
}

/** Creates a temp folder with `files` (id -> text), opens it with the real service. */
export async function openEngine(
  files: Record<string, string>,
  opts: {
    watch?: boolean;
    allowTypedPaths?: boolean;
    /** Prepares the content folder (e.g. clones a desk into it) before the service opens it. */
    beforeStart?: (dir: string) => void | Promise<void>;
    /** The workflow's clock (embargoes, schedules) and scheduler (issue 12). */
    clock?: Clock;
    scheduler?: { intervalMs?: number } | false;
  } = {},
): Promise<InProcessEngine> {
  const base = await mkdtemp(join(tmpdir(), 'curator-renderer-'));
  const dir = join(base, 'content');
  await mkdir(dir, { recursive: true });
  const write = async (id: string, text: string): Promise<void> => {
    const abs = join(dir, ...id.split('/'));
    await mkdir(dirname(abs), { recursive: true });
    await writeFile(abs, text);
  };
  for (const [id, text] of Object.entries(files)) await write(id, text);
  await opts.beforeStart?.(dir);
  const service = createService({
    configDir: join(base, 'config'),
    watch: opts.watch ?? false,
    defaultReviewer: 'Test Editor',
    // Browser mode's Open folder takes a typed path (the desktop's does not).
    allowTypedPaths: opts.allowTypedPaths ?? false,
    clock: opts.clock,
    scheduler: opts.scheduler,
  });
  await service.start(dir);
  const calls: InProcessEngine['calls'] = [];
  const api: Record<string, unknown> = {};
  for (const method of methodNames) {
    api[method] = async (args: unknown) => {
      const wire = JSON.parse(JSON.stringify(args ?? {})) as unknown;
      calls.push({ method, args: wire });
      const res = await dispatch(service, method, wire);
      if (!res.ok) throw new CuratorError(res.error.code, res.error.message);
      return JSON.parse(JSON.stringify(res.result)) as unknown;
    };
  }
  api.onEvent = (listener: Parameters<CuratorApi['onEvent']>[0]) => service.onEvent(listener);
  return {
    api: api as CuratorApi,
    service,
    dir,
    calls,
    read: (id) => readFile(join(dir, ...id.split('/')), 'utf8'),
    write,
    close: async () => {
      await service.close();
      await rm(base, { recursive: true, force: true });
    },
  };
}

/**
 * The single entry point of every call that crosses a trust boundary (IPC from the
 * renderer, HTTP in browser mode): the method must be known, the argument must match
 * its schema, every article id must resolve inside the open folder; only then does the
 * call reach the service. Failures come back as a transportable `{ok: false, error}`.
 */
import {
  validateCall,
  type ApiErrorInfo,
  type CallResponse,
  type MethodName,
  type ResultMap,
} from '../shared/contract';
import { CuratorError, isErrorCode } from '../shared/errors';
import type { CuratorService } from './service';

/** Methods whose `id` argument is not an article id (`undo` takes an undo ticket's id). */
const NOT_ARTICLE_ID: ReadonlySet<string> = new Set(['undo']);

/**
 * Article ids named by a validated argument object: `id`, `ids`, and the other article of a
 * related-link call (`from` when it is an id, `forId`).
 */
export function idsOf(args: unknown, method?: string): string[] {
  if (!args || typeof args !== 'object') return [];
  if (method !== undefined && NOT_ARTICLE_ID.has(method)) return [];
  const a = args as { id?: unknown; ids?: unknown; from?: unknown; forId?: unknown };
  const out: string[] = [];
  if (typeof a.id === 'string') out.push(a.id);
  if (typeof a.from === 'string') out.push(a.from);
  if (typeof a.forId === 'string') out.push(a.forId);
  if (Array.isArray(a.ids)) for (const id of a.ids) if (typeof id === 'string') out.push(id);
  return out;
}

/** Maps anything thrown by the core to the transportable error shape. */
export function toErrorInfo(err: unknown): ApiErrorInfo {
  if (err instanceof CuratorError) return { code: err.code, message: err.message };
  if (err && typeof err === 'object') {
    const e = err as { code?: unknown; message?: unknown };
    const message = typeof e.message === 'string' ? e.message : 'Unexpected error.';
    if (isErrorCode(e.code)) return { code: e.code, message };
    if (e.code === 'ENOENT') return { code: 'not-found', message };
    if (typeof e.code === 'string' && /^E[A-Z]+$/.test(e.code)) return { code: 'io', message };
    return { code: 'internal', message };
  }
  return { code: 'internal', message: String(err) };
}

/**
 * Validates and runs one call. Never throws: the outcome is always a {@link CallResponse}.
 * @param method untrusted method name
 * @param rawArgs untrusted argument (parsed JSON or a structured-clone from IPC)
 */
export async function dispatch(
  service: CuratorService,
  method: string,
  rawArgs: unknown,
): Promise<CallResponse<ResultMap[MethodName]>> {
  try {
    const args = validateCall<MethodName>(method, rawArgs);
    // Schema checks reject `..`, absolute and drive paths; resolveId also catches
    // what only the file system knows (symlinks leading out of the folder).
    for (const id of idsOf(args, method)) service.resolveId(id);
    const fn = service[method as MethodName] as (a: unknown) => Promise<ResultMap[MethodName]>;
    const result = await fn(args);
    return { ok: true, result };
  } catch (err) {
    return { ok: false, error: toErrorInfo(err) };
  }
}

/**
 * The API of this front door (Electron preload or HTTP client), provided through context
 * so tests can render the workspace against an in-process engine.
 */
import { createContext, useContext } from 'react';
import type { CuratorApi } from '../../../shared/contract';

/** Context holding the {@link CuratorApi} the workspace talks to. */
export const ApiContext = createContext<CuratorApi | null>(null);

/** The API the workspace talks to; throws when rendered outside an {@link ApiContext}. */
export function useApi(): CuratorApi {
  const api = useContext(ApiContext);
  if (!api) throw new Error('useApi() needs an ApiContext provider');
  return api;
}

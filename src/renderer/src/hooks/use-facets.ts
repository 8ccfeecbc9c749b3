/** Values seen in the folder (categories, topics, providers, types), offered as choices. */
import { useCallback, useEffect, useState } from 'react';
import type { CuratorApi } from '../../../shared/contract';
import type { Facets } from '../../../shared/query-types';

const EMPTY: Facets = { categories: [], topics: [], providers: [], types: [] };

/** Loads the folder's facets; `refresh` reloads them (after changes on disk). */
export function useFacets(
  api: CuratorApi,
  onError: (e: unknown) => void,
): { facets: Facets; refresh: () => void } {
  const [facets, setFacets] = useState<Facets>(EMPTY);
  const refresh = useCallback(() => {
    api.facets({}).then(setFacets, onError);
  }, [api, onError]);
  useEffect(refresh, [refresh]);
  return { facets, refresh };
}

import { createContext, useContext, useEffect, useState } from 'react';
import type { SearchClient } from './search-client';

export const SearchContext = createContext<SearchClient | null>(null);

export function useSearch(): SearchClient {
  const s = useContext(SearchContext);
  if (!s) throw new Error('useSearch outside the shell');
  return s;
}

/** The index version: changes when the worker has re-indexed (new or changed docs are searchable). */
export function useIndexVersion(search: SearchClient): number {
  const [version, setVersion] = useState(search.version);
  useEffect(() => search.onIndexed(setVersion), [search]);
  return version;
}

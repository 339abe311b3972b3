// React glue for the local database: live queries that re-render when matching docs change (local
// edits and replicated ones alike).
import { createContext, useContext, useEffect, useState } from 'react';
import type { MangoQuery } from 'rxdb';
import type { LocalCollectionName as CollectionName } from './local-collections';
import type { DocTypes } from './database';
import type { Workspace } from './workspace';

export const WorkspaceContext = createContext<Workspace | null>(null);

export function useWorkspace(): Workspace {
  const ws = useContext(WorkspaceContext);
  if (!ws) throw new Error('useWorkspace outside a signed-in workspace');
  return ws;
}

export type LiveResult<T> = { docs: T[]; loading: boolean };

export function useLiveQuery<N extends CollectionName>(
  name: N,
  query: MangoQuery<DocTypes[N]>,
  deps: readonly unknown[] = [],
): LiveResult<DocTypes[N]> {
  const ws = useWorkspace();
  const [state, setState] = useState<LiveResult<DocTypes[N]>>({ docs: [], loading: true });
  useEffect(() => {
    const sub = ws.db.collections[name]
      .find(query as never)
      .$.subscribe((docs) => setState({ docs: docs.map((d) => d.toJSON() as DocTypes[N]), loading: false }));
    return () => sub.unsubscribe();
  }, [ws, name, ...deps]);
  return state;
}

export function useLiveDoc<N extends CollectionName>(name: N, id: string | undefined): DocTypes[N] | null {
  const ws = useWorkspace();
  const [doc, setDoc] = useState<DocTypes[N] | null>(null);
  useEffect(() => {
    if (!id) {
      setDoc(null);
      return;
    }
    const sub = ws.db.collections[name]
      .findOne(id)
      .$.subscribe((d) => setDoc(d ? (d.toJSON() as DocTypes[N]) : null));
    return () => sub.unsubscribe();
  }, [ws, name, id]);
  return doc;
}

export function useObservable<T>(source: { subscribe(fn: (v: T) => void): { unsubscribe(): void } }, initial: T): T {
  const [value, setValue] = useState(initial);
  useEffect(() => {
    const sub = source.subscribe(setValue);
    return () => sub.unsubscribe();
  }, [source]);
  return value;
}

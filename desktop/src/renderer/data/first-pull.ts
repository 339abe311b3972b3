// Whether a collection is still on its first pull since the app started (issue 64 item 9): a list of
// it says "loading" meanwhile, never "nothing here" about data that has not arrived yet.
import { useObservable, useWorkspace } from './hooks';
import type { LocalCollectionName as CollectionName } from './local-collections';

export function useFirstPull(name: CollectionName): boolean {
  const ws = useWorkspace();
  return useObservable(ws.sync.waiting$, ws.sync.waiting$.value).includes(name);
}

// Contact names for lists, fetched only for the rows on screen (by id), batched and cached: the inbox
// and the leads board never load 10,000 contacts just to print a few names, and fast scrolling does
// not turn into one database read per frame.
import { useEffect, useState } from 'react';
import type { Workspace } from './workspace';

type Cache = { names: Map<string, string>; queued: Set<string>; timer?: ReturnType<typeof setTimeout>; listeners: Set<() => void> };
const caches = new WeakMap<Workspace, Cache>();
const batchDelayMs = 60;

function cacheOf(ws: Workspace): Cache {
  let c = caches.get(ws);
  if (!c) {
    c = { names: new Map(), queued: new Set(), listeners: new Set() };
    caches.set(ws, c);
    const cache = c;
    // Renames and new contacts arrive by replication: refresh the names already shown.
    ws.db.contacts.$.subscribe((e) => {
      const doc = e.documentData;
      if (doc && cache.names.has(doc.id)) {
        cache.names.set(doc.id, doc.name || doc.email || doc.id);
        cache.listeners.forEach((l) => l());
      }
    });
  }
  return c;
}

function request(ws: Workspace, cache: Cache, ids: readonly string[]) {
  for (const id of ids) if (id && !cache.names.has(id)) cache.queued.add(id);
  if (cache.queued.size === 0 || cache.timer) return;
  cache.timer = setTimeout(() => {
    const batch = [...cache.queued];
    cache.queued.clear();
    cache.timer = undefined;
    void ws.db.contacts
      .findByIds(batch)
      .exec()
      .then((found) => {
        for (const id of batch) {
          const c = found.get(id);
          cache.names.set(id, c ? c.name || c.email || c.id : '');
        }
        cache.listeners.forEach((l) => l());
      });
  }, batchDelayMs);
}

export function useContactNames(ws: Workspace, ids: readonly string[]): Map<string, string> {
  const cache = cacheOf(ws);
  const [, setVersion] = useState(0);
  useEffect(() => {
    const listener = () => setVersion((v) => v + 1);
    cache.listeners.add(listener);
    return () => void cache.listeners.delete(listener);
  }, [cache]);
  const key = ids.join('|');
  useEffect(() => request(ws, cache, key ? key.split('|') : []), [ws, cache, key]);
  return cache.names;
}

// A value per id for the rows of a list that are on screen (a contact's name, a deal's next task):
// read in batches (every id asked within 60 ms in one database read) and kept per workspace, so a list
// of 10,000 rows never loads them all and fast scrolling does not turn into one read per frame. Each
// use says how to read a batch and which changes refresh what it already holds.
import { useEffect, useState } from 'react';
import type { Workspace } from './workspace';

/** What a lookup's `watch` may do with the values it holds when a change arrives. */
export type HeldValues<V> = {
  has(id: string): boolean;
  /** A value the change carries: set now, the list redrawn. */
  set(id: string, value: V): void;
  /** Values the change made stale: read again. */
  refresh(ids: readonly string[]): void;
};

type Cache<V> = {
  values: Map<string, V>;
  queued: Set<string>;
  timer?: ReturnType<typeof setTimeout>;
  listeners: Set<() => void>;
};

const batchDelayMs = 60;

/**
 * A hook answering the values of the ids it is given (an id not read yet is missing from the map).
 * `load` reads one batch and answers a value for each of its ids; `watch` subscribes once per workspace
 * to the changes that touch the values held.
 */
export function batchedLookup<V>(options: {
  load(ws: Workspace, ids: string[]): Promise<Map<string, V>>;
  watch(ws: Workspace, held: HeldValues<V>): void;
}): (ws: Workspace, ids: readonly string[]) => Map<string, V> {
  const caches = new WeakMap<Workspace, Cache<V>>();
  const changed = (cache: Cache<V>) => cache.listeners.forEach((l) => l());

  function request(ws: Workspace, cache: Cache<V>, ids: readonly string[]) {
    for (const id of ids) if (id && !cache.values.has(id)) cache.queued.add(id);
    if (cache.queued.size === 0 || cache.timer) return;
    cache.timer = setTimeout(() => {
      const batch = [...cache.queued];
      cache.queued.clear();
      cache.timer = undefined;
      void options.load(ws, batch).then((found) => {
        for (const id of batch) if (found.has(id)) cache.values.set(id, found.get(id)!);
        changed(cache);
      });
    }, batchDelayMs);
  }

  function cacheOf(ws: Workspace): Cache<V> {
    let cache = caches.get(ws);
    if (!cache) {
      const made: Cache<V> = { values: new Map(), queued: new Set(), listeners: new Set() };
      caches.set(ws, made);
      options.watch(ws, {
        has: (id) => made.values.has(id),
        set(id, value) {
          made.values.set(id, value);
          changed(made);
        },
        refresh(ids) {
          for (const id of ids) made.values.delete(id);
          request(ws, made, ids);
        },
      });
      cache = made;
    }
    return cache;
  }

  return function useLookup(ws, ids) {
    const cache = cacheOf(ws);
    const [, setVersion] = useState(0);
    useEffect(() => {
      const listener = () => setVersion((v) => v + 1);
      cache.listeners.add(listener);
      return () => void cache.listeners.delete(listener);
    }, [cache]);
    const key = ids.join('|');
    useEffect(() => request(ws, cache, key ? key.split('|') : []), [ws, cache, key]);
    return cache.values;
  };
}

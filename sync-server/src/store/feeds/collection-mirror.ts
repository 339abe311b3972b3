// A team collection kept in memory and current by following its changes feed: for small collections
// that every agent run reads whole (agent settings), so the runs read them from memory instead of
// querying the store each time. A change reaches the mirror a few milliseconds after it is stored;
// a run that starts in between sees the previous version, as if it had started a moment earlier.
import type { Logger } from 'pino';
import type { Store, TeamCollection } from '../../context';
import { createChangeFollower } from './change-follower';
import { fromCouch } from '../couch-docs';
import { copyDoc } from '../copy-doc';

export type CollectionMirror<T> = {
  /** Resolves once everything stored at start is in memory. */
  readonly ready: Promise<void>;
  /** Whether `ready` has resolved: until then, ask the store. */
  readonly loaded: boolean;
  get(id: string): T | undefined;
  all(): T[];
  /** Every doc, read only: the same array until a change comes (callers keep it as it is). */
  snapshot(): readonly T[];
  close(): Promise<void>;
};

export function startCollectionMirror<T extends { id: string }>(opts: {
  store: Store;
  teamId: string;
  collection: TeamCollection;
  log: Logger;
}): CollectionMirror<T> {
  const docs = new Map<string, T>();
  let loaded = false;
  let snap: readonly T[] | undefined;
  const follower = createChangeFollower({
    server: opts.store.server,
    dbName: opts.store.dbName(opts.teamId, opts.collection),
    log: opts.log,
    batchSize: 500,
    handle: async (changes) => {
      if (changes.length) snap = undefined;
      for (const c of changes) {
        if (c.deleted || !c.doc) docs.delete(c.id);
        else docs.set(c.id, fromCouch<T>(c.doc));
      }
    },
  });
  follower.start();
  const ready = follower.caughtUp.then(() => void (loaded = true));
  return {
    ready,
    get loaded() {
      return loaded;
    },
    get: (id) => (docs.has(id) ? copyDoc(docs.get(id)) : undefined),
    all: () => [...docs.values()].map((d) => copyDoc(d)),
    snapshot: () => (snap ??= [...docs.values()].map((d) => copyDoc(d))),
    close: () => follower.stop(),
  };
}

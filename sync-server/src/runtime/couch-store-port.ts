// The agent engine's StorePort over one team's CouchDB databases. Reads remember what they saw, so
// when an agent writes a doc that a rep changed meanwhile, the two are merged field by field against
// that snapshot (shared/src/sync/merge.ts): the agent's changes and the rep's both survive, and a
// value that loses stays in the doc's history. Make one port per agent run: the snapshots are per run.
import type { FindOptions, StoreCollection, StoreDocs, StorePort, StoreSelector } from '@app/shared/agents';
import { collections } from '@app/shared/schemas';
import { mergeDocs, type MergeableDoc } from '@app/shared/sync';
import type { DocumentScope } from 'nano';
import type { Store } from '../context';
import { fromCouch, getDoc, toCouch, type Stored } from './couch-docs';
import { statusOf } from '../store/couch-errors';

const MAX_FIND = 1000;

export type PortStats = { gets: number; finds: number; puts: number };

export type CouchStorePort = StorePort & {
  readonly stats: PortStats;
  /** Writes what the run buffered (its activity entries); call when the run ends, failed or not. */
  flush(): Promise<void>;
};

export function createCouchStorePort(store: Store, teamId: string): CouchStorePort {
  const stats: PortStats = { gets: 0, finds: 0, puts: 0 };
  const pendingActivity = new Map<string, Record<string, unknown>>();
  /** What this run last read or wrote of each doc: the base of a three-way merge. */
  const seen = new Map<string, { rev: string; doc: MergeableDoc }>();
  const key = (c: string, id: string) => `${c}\u0000${id}`;
  const db = <C extends StoreCollection>(c: C) =>
    store.teamDb(teamId, c) as unknown as DocumentScope<Record<string, unknown>>;

  function remember<C extends StoreCollection>(c: C, raw: Stored<Record<string, unknown>>): StoreDocs[C] {
    const doc = fromCouch<StoreDocs[C]>(raw);
    seen.set(key(c, raw._id), { rev: raw._rev, doc: doc as MergeableDoc });
    return doc;
  }

  return {
    teamId,
    stats,

    async get(c, id) {
      stats.gets++;
      const raw = await getDoc(db(c), id);
      return raw ? remember(c, raw) : undefined;
    },

    async find(c, selector, options) {
      stats.finds++;
      const opts = (options ?? {}) as FindOptions<typeof c>;
      const { docs } = await db(c).find({
        selector: selector as StoreSelector<typeof c> as never,
        limit: opts.sortBy ? MAX_FIND : Math.min(opts.limit ?? MAX_FIND, MAX_FIND),
      });
      let found = (docs as Stored<Record<string, unknown>>[]).map((d) => remember(c, d));
      if (opts.sortBy) {
        const field = opts.sortBy;
        const dir = opts.descending ? -1 : 1;
        found = found.sort((a, b) => {
          const x = (a as Record<string, unknown>)[field] as string | number;
          const y = (b as Record<string, unknown>)[field] as string | number;
          return x === y ? 0 : x < y ? -dir : dir;
        });
        if (opts.limit) found = found.slice(0, opts.limit);
      }
      return found;
    },

    async put(c, doc) {
      stats.puts++;
      const def = collections[c];
      if (c === 'activity') {
        // Append-only and never read back in a run: written in one batch by flush().
        pendingActivity.set(doc.id, toCouch(doc as StoreDocs['activity']) as Record<string, unknown>);
        return doc;
      }
      const tracksFields = 'fieldUpdatedAt' in def.schema.properties;
      const before = seen.get(key(c, doc.id));
      // First try: write on the revision this run knows (none for a doc it never saw: a new doc).
      // Another writer in between makes that a 409: then read, merge field by field, and write again.
      let current: Stored<Record<string, unknown>> | undefined;
      let optimistic = true;
      for (let attempt = 0; attempt < 8; attempt++) {
        let next = doc as MergeableDoc;
        let rev = before?.rev;
        if (!optimistic) {
          current = await getDoc(db(c), doc.id);
          rev = current?._rev;
          if (current && before?.rev !== current._rev) {
            next = mergeDocs(
              {
                ...(before ? { base: before.doc } : {}),
                local: doc as MergeableDoc,
                remote: fromCouch<MergeableDoc>(current),
              },
              { mergeFields: def.mergeFields, tracksFields, by: 'agent' },
            ).doc;
          }
        }
        optimistic = false;
        try {
          const body = { ...toCouch(next as StoreDocs[typeof c]), ...(rev ? { _rev: rev } : {}) };
          const res = await db(c).insert(body as Record<string, unknown>);
          seen.set(key(c, doc.id), { rev: res.rev, doc: next });
          return next as StoreDocs[typeof c];
        } catch (e) {
          if (statusOf(e) !== 409) throw e;
        }
      }
      throw new Error(`${c}/${doc.id}: too many concurrent writers`);
    },

    async flush() {
      if (pendingActivity.size === 0) return;
      const docs = [...pendingActivity.values()];
      pendingActivity.clear();
      // Activity ids are derived from the run: a re-run writes the same ids, and 409s are no loss.
      await db('activity').bulk({ docs });
    },
  };
}

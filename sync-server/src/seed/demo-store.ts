// The demo seed's scratch store: the sample team's docs in memory while the agents' pipeline builds
// its twins (demo-twins.ts), as a StorePort. Nothing here is checked against the schemas: demo-seed.ts
// checks every doc once, when it writes what the pipeline ended with. Callers get copies, as from any
// store: changing a returned doc changes nothing here.
import type { StoreCollection, StoreDocs, StorePort } from '@app/shared/agents';

export type DemoStore = StorePort & {
  /** Every doc of a collection, in the order first written. */
  all<C extends StoreCollection>(collection: C): StoreDocs[C][];
};

const copy = <T>(value: T): T => structuredClone(value);

/** Mango equality on top-level fields; a field given as undefined asks nothing. */
function matching(docs: Iterable<unknown>, selector: object): unknown[] {
  const asked = Object.entries(selector).filter(([, v]) => v !== undefined);
  return [...docs].filter((doc) => asked.every(([k, v]) => (doc as Record<string, unknown>)[k] === v));
}

/** Sorted by a field read as text (a missing one as ''), then cut to `limit`. */
function ordered<T>(docs: T[], opts: { sortBy?: string; descending?: boolean; limit?: number }): T[] {
  const key = opts.sortBy;
  const dir = opts.descending ? -1 : 1;
  const text = (doc: T) => String((doc as Record<string, unknown>)[key!] ?? '');
  const out = key ? [...docs].sort((a, b) => (text(a) < text(b) ? -dir : text(a) > text(b) ? dir : 0)) : docs;
  return opts.limit === undefined ? out : out.slice(0, opts.limit);
}

export function createDemoStore(teamId: string): DemoStore {
  const data = new Map<StoreCollection, Map<string, unknown>>();
  const docsOf = (c: StoreCollection) => data.get(c) ?? data.set(c, new Map()).get(c)!;
  const all = <C extends StoreCollection>(c: C) => copy([...docsOf(c).values()]) as StoreDocs[C][];
  return {
    teamId,
    get: async (collection, id) =>
      copy(docsOf(collection).get(id)) as StoreDocs[typeof collection] | undefined,
    async put(collection, doc) {
      docsOf(collection).set(doc.id, copy(doc));
      return doc;
    },
    find: async (collection, selector, opts = {}) =>
      copy(ordered(matching(docsOf(collection).values(), selector), opts)) as StoreDocs[typeof collection][],
    products: async () => all('products'),
    all,
  };
}

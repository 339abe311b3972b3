// An in-memory StorePort for tests, benchmarks and the replay CLI. It validates every document it
// stores against the shared schema (so a bug in an agent shows up as a failed put, not bad data).
import { DomainError } from '../errors';
import { validateDoc } from '../validation';
import type { FindOptions, StoreCollection, StoreDocs, StorePort, StoreSelector } from '../agents/ports';

export type MemoryStore = StorePort & {
  /** Every document of a collection, in insertion order (tests and the CLI read them). */
  all<C extends StoreCollection>(collection: C): StoreDocs[C][];
};

/** Callers get copies: changing a returned doc never changes the store. */
const clone = <T>(value: T): T => structuredClone(value);

export function createMemoryStore(teamId = 'team-local', options: { validate?: boolean } = {}): MemoryStore {
  const validate = options.validate ?? true;
  const data = new Map<StoreCollection, Map<string, unknown>>();
  const bucket = (c: StoreCollection) => {
    let b = data.get(c);
    if (!b) data.set(c, (b = new Map()));
    return b;
  };
  /** The catalog as last read, kept while no product was written. */
  let catalog: { docs: Map<string, unknown>; size: number; list: StoreDocs['products'][] } | undefined;
  return {
    teamId,
    async get(collection, id) {
      const doc = bucket(collection).get(id);
      return doc === undefined ? undefined : clone(doc as StoreDocs[typeof collection]);
    },
    async put(collection, doc) {
      if (validate) {
        const result = validateDoc(collection, doc);
        if (!result.ok) {
          throw new DomainError('validation-failed', `${collection}/${doc.id}: ${result.message}`, {
            details: result.issues,
          });
        }
      }
      bucket(collection).set(doc.id, clone(doc));
      if (collection === 'products') catalog = undefined;
      return doc;
    },
    async find<C extends StoreCollection>(
      collection: C,
      selector: StoreSelector<C>,
      opts: FindOptions<C> = {},
    ) {
      const entries = Object.entries(selector).filter(([, v]) => v !== undefined);
      let out = [...bucket(collection).values()].filter((doc) =>
        entries.every(([k, v]) => (doc as Record<string, unknown>)[k] === v),
      ) as StoreDocs[C][];
      if (opts.sortBy) {
        const key = opts.sortBy;
        const dir = opts.descending ? -1 : 1;
        out = [...out].sort((a, b) => {
          const x = String((a as Record<string, unknown>)[key] ?? '');
          const y = String((b as Record<string, unknown>)[key] ?? '');
          return x < y ? -dir : x > y ? dir : 0;
        });
      }
      return clone(opts.limit === undefined ? out : out.slice(0, opts.limit));
    },
    async products() {
      const docs = bucket('products');
      if (!catalog || catalog.size !== docs.size || catalog.docs !== docs) {
        catalog = { docs, size: docs.size, list: clone([...docs.values()]) as StoreDocs['products'][] };
      }
      return catalog.list;
    },
    all: (collection) => clone([...bucket(collection).values()]) as StoreDocs[typeof collection][],
  };
}

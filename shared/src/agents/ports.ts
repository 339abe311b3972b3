// What the agent engine needs from the outside world, injected (nothing global). The server implements
// the store over CouchDB, the desktop over RxDB; tests and the replay CLI use the in-memory store.
import type { CollectionDocs, ProductDoc } from '../schemas/index';
import type { KnowledgeHit } from '../llm/types';

/** A proposal the server made of the deal's quote and sent through its conversation. */
export type SentProposal = {
  proposalId: string;
  number: string;
  total: number;
  currency: string;
  messageId: string;
};

/**
 * The agents' store's collections, by name: every collection's doc type but the knowledge chunks.
 * The objection library is read only (the agents answer objections from it); of the knowledge
 * sources the agents only add and remove learned phrasings (learned-phrasings.ts).
 */
export type StoreDocs = Omit<CollectionDocs, 'knowledge_chunks'>;

export type StoreCollection = keyof StoreDocs;

/** Equality on top-level fields: maps to a Mango selector (CouchDB) or an RxDB query. */
export type StoreSelector<C extends StoreCollection> = {
  [K in keyof StoreDocs[C]]?: StoreDocs[C][K] extends string | number | boolean | undefined
    ? StoreDocs[C][K]
    : never;
};

export type FindOptions<C extends StoreCollection> = {
  limit?: number;
  sortBy?: keyof StoreDocs[C] & string;
  descending?: boolean;
};

/** One team's documents. Implementations never reach another team's databases. */
export type StorePort = {
  readonly teamId: string;
  get<C extends StoreCollection>(collection: C, id: string): Promise<StoreDocs[C] | undefined>;
  /** Creates or replaces the document with this id; returns what was stored. */
  put<C extends StoreCollection>(collection: C, doc: StoreDocs[C]): Promise<StoreDocs[C]>;
  find<C extends StoreCollection>(
    collection: C,
    selector: StoreSelector<C>,
    options?: FindOptions<C>,
  ): Promise<StoreDocs[C][]>;
  /**
   * The team's whole product catalog, for finding products and quoting (shared/src/catalog/). Read
   * only; the same array while the catalog is unchanged (so its search index is built once). A port
   * without it is read with `find('products', {})`.
   */
  products?(): Promise<readonly ProductDoc[]>;
  /**
   * Makes the commercial proposal (PDF) of the deal's saved quote and sends it through the deal's
   * conversation (the server's proposals service). A port without it: agents send no proposals.
   */
  sendProposal?(leadId: string, options: { language?: 'ru' | 'en' }): Promise<SentProposal>;
};

/** Knowledge retrieval (the Orama hybrid search implements it; tests use a small keyword index). */
export type KnowledgeRetriever = {
  /** `sourceIds`: only chunks of these knowledge sources (a profile's knowledge scope); unset: all. */
  search(query: string, opts: { limit: number; sourceIds?: readonly string[] }): Promise<KnowledgeHit[]>;
  /**
   * The languages the knowledge is written in, when the retriever knows: a question that finds nothing
   * is translated for the search only into a language the knowledge has (translate-question.ts).
   */
  languages?(): Promise<ReadonlyArray<'ru' | 'en'>>;
};

export type Clock = { now(): Date };

export type Logger = {
  info(obj: Record<string, unknown>, msg?: string): void;
  warn(obj: Record<string, unknown>, msg?: string): void;
  error(obj: Record<string, unknown>, msg?: string): void;
};

export const silentLogger: Logger = { info() {}, warn() {}, error() {} };

export const systemClock: Clock = { now: () => new Date() };

/** A fixed or stepping clock for tests and replays: deterministic timestamps. */
export function fixedClock(start: Date | string, stepMs = 0): Clock {
  let t = new Date(start).getTime();
  return {
    now() {
      const d = new Date(t);
      t += stepMs;
      return d;
    },
  };
}

/** Turns a text into a vector (for the twin); the embeddings module provides real ones. */
export type Embedder = {
  provider: string;
  model: string;
  embed(text: string): Promise<number[]>;
};

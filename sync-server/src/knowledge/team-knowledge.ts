// A team's knowledge base as the agents search it: the shared hybrid index (BM25 + vectors) kept in
// memory, filled from the team's knowledge_sources and knowledge_chunks databases and kept current by
// following their changes. Rebuilt from the databases at each start, but not re-embedded: a chunk's
// vector is stored on its doc (`embedding`: provider, model, content hash), so the next start uses it;
// only a chunk without a current one (new, changed text or title, another model) is embedded, and its
// vector written back. The embedder is the team's choice (its own provider, or the server's default;
// `null`: full text only). A provider that fails never stops the index or a question: the chunks it
// failed are indexed for full text and retried in the background, a question it fails is answered by
// full text; each failure is logged with the provider and counted in `status()`. Only chunks of a
// source the server made ready are indexed (knowledge-gate.ts): one that failed, over the plan's
// knowledge size or otherwise, is never searched, whoever wrote its chunks.
import { retrievedHit, type KnowledgeRetriever } from '@app/shared/agents';
import { LocalEmbedder, type EmbeddingProvider } from '@app/shared/embeddings';
import { embedChunks } from '@app/shared/knowledge';
import type { KnowledgeChunkDoc, KnowledgeSourceDoc } from '@app/shared/schemas';
import {
  createChangeFeedAdapter,
  createKnowledgeSearch,
  SearchIndex,
  searchDocId,
  type ChangeFeedAdapter,
  type IndexChange,
  type KnowledgeHit,
  type KnowledgeSearch,
  type KnowledgeSearchOptions,
} from '@app/shared/search';
import type { Logger } from 'pino';
import type { Store } from '../context';
import { createChangeFollower, type ChangeFollower } from '../store/feeds/change-follower';
import { fromCouch } from '../store/couch-docs';
import { teamStored, type StoredDocs } from '../store/data';
import { createSourceGate, readSourceChunks, removeSourceChunks, type SourceGate } from './knowledge-gate';
import {
  checkVectors,
  createEmbeddingTally,
  guardIndexEmbedder,
  type EmbeddingStatus,
  type EmbeddingTally,
} from './knowledge-embeddings';

export type TeamKnowledge = KnowledgeRetriever & {
  readonly size: number;
  /** Resolves when everything in the knowledge databases at start has been indexed. */
  readonly ready: Promise<void>;
  /** The indexed vector of a chunk (int8 in memory, read back as numbers). */
  vectorOf(chunkId: string): number[] | undefined;
  /** Stops embedding (another index is being built for a new embedder): what comes is full text. */
  retire(): void;
  /** Which model made the chunks' vectors, what waits for one, the last failure. */
  status(): EmbeddingStatus;
  /** A search that says how it was answered (`fulltext`: no embedder, or the provider failed it). */
  probe(
    query: string,
    limit: number,
  ): Promise<{
    mode: 'hybrid' | 'fulltext';
    hits: Array<Pick<KnowledgeHit, 'chunkId' | 'sourceId' | 'title' | 'score'>>;
  }>;
  close(): Promise<void>;
};

type RawChunk = Record<string, unknown> & { _id: string; _rev?: string };

const chunkChange = (doc: RawChunk): IndexChange => ({
  collection: 'knowledge_chunks',
  id: doc._id,
  doc: fromCouch<KnowledgeChunkDoc>(doc),
});

export type TeamKnowledgeOptions = {
  store: Store;
  teamId: string;
  log: Logger;
  /** Default: the local embedder (no model download); `null`: full text only. */
  embedder?: EmbeddingProvider | null;
  /** A question's embedding is given this long (default 5 s), then full text answers it. */
  queryTimeoutMs?: number;
  /** Chunks whose embedding failed are tried again this often (default 30 s). */
  retryMs?: number;
  /** After a question timed out, the provider is not asked for this long (default 30 s). */
  quietMs?: number;
};

/** One team's index and what its parts below share (the named parts of startTeamKnowledge). */
type Knowledge = {
  readonly opts: TeamKnowledgeOptions;
  readonly embedder: EmbeddingProvider | null;
  /** The provider's vectors, checked (a count, size or value that is off is a failure). */
  readonly checked: EmbeddingProvider | undefined;
  readonly queryTimeoutMs: number;
  readonly index: SearchIndex;
  readonly adapter: ChangeFeedAdapter;
  readonly search: KnowledgeSearch;
  readonly tally: EmbeddingTally;
  /** Chunks whose embedding failed (id -> source), waiting for a retry. */
  readonly pending: Map<string, string>;
  readonly active: { provider: string; model: string };
  /** The team, provider and model, on every log line. */
  readonly who: { teamId: string; provider: string; model: string };
  /** Which sources' chunks may be searched (ready ones); the chunks follower reads them in once started. */
  readonly gate: SourceGate;
  chunksDb(): StoredDocs<RawChunk>;
  /** The index's chunk work, one piece at a time: a source taken out never meets its chunks half-way. */
  serial<T>(work: () => Promise<T>): Promise<T>;
  /** The batch being indexed had its embedding fail: the index does not ask the provider again. */
  skipDocuments: boolean;
  /** Another index took over (a new embedder): nothing more is embedded. */
  retired: boolean;
  chunksFollowing: boolean;
  /** A provider that let a question wait out the bound is not asked again before this (ms). */
  quietUntil: number;
  closed: boolean;
};

/** The provider's vectors, checked (a count, size or value that is off is a failure). */
function checkedEmbedder(embedder: EmbeddingProvider | null): EmbeddingProvider | undefined {
  if (!embedder) return undefined;
  return {
    id: embedder.id,
    model: embedder.model,
    get dims() {
      return embedder.dims;
    },
    embed: async (texts, options) =>
      checkVectors(await embedder.embed(texts, options), texts.length, embedder.dims, embedder.id),
  };
}

/** The index and its state for one team, nothing followed yet. */
function createKnowledge(opts: TeamKnowledgeOptions): Knowledge {
  const embedder = opts.embedder === undefined ? new LocalEmbedder() : opts.embedder;
  const queryTimeoutMs = opts.queryTimeoutMs ?? 5_000;
  const active = embedder
    ? { provider: embedder.id, model: embedder.model }
    : { provider: 'none', model: 'full-text' };
  const who = { teamId: opts.teamId, provider: active.provider, model: active.model };
  const tally = createEmbeddingTally();
  let queue: Promise<unknown> = Promise.resolve();
  const k: Omit<Knowledge, 'index' | 'adapter' | 'search'> = {
    opts,
    embedder,
    checked: checkedEmbedder(embedder),
    queryTimeoutMs,
    tally,
    pending: new Map(),
    active,
    who,
    gate: createSourceGate(),
    chunksDb: () => teamStored<RawChunk>(opts.store, opts.teamId, 'knowledge_chunks'),
    serial<T>(work: () => Promise<T>): Promise<T> {
      const run = queue.then(work);
      queue = run.catch(() => undefined);
      return run;
    },
    skipDocuments: false,
    retired: false,
    chunksFollowing: false,
    quietUntil: 0,
    closed: false,
  };
  const index = new SearchIndex(
    embedder
      ? {
          embedder: guardIndexEmbedder(embedder, queryTimeoutMs, {
            skip: () => k.skipDocuments || k.retired,
            failed: (err) => {
              tally.failed('document', err);
              opts.log.warn({ ...who, err }, 'embedding knowledge chunks failed: searched by full text');
            },
          }),
        }
      : {},
  );
  return Object.assign(k, {
    index,
    adapter: createChangeFeedAdapter(index),
    search: createKnowledgeSearch(index),
  });
}

type ChunkChange = IndexChange & { doc: KnowledgeChunkDoc };

/** A batch's chunk changes by their source (embedded with their source's title). */
function chunksBySource(changes: IndexChange[]): Map<string, ChunkChange[]> {
  const bySource = new Map<string, ChunkChange[]>();
  for (const c of changes) {
    if (c.collection !== 'knowledge_chunks' || !c.doc) continue;
    const chunk = c as ChunkChange;
    const list = bySource.get(chunk.doc.sourceId);
    if (list) list.push(chunk);
    else bySource.set(chunk.doc.sourceId, [chunk]);
  }
  return bySource;
}

/**
 * Puts a current vector on each chunk of the batch that lacks one (embedChunks: by model and content
 * hash); answers the raw docs to write back with their new `embedding`, and whether a source's
 * embedding failed (its chunks wait in `pending` for a retry).
 */
async function embedMissing(
  k: Knowledge,
  changes: IndexChange[],
  raw: Map<string, RawChunk>,
): Promise<{ toStore: RawChunk[]; failed: boolean }> {
  let failed = false;
  const toStore: RawChunk[] = [];
  if (!k.checked || k.retired) return { toStore, failed };
  for (const [sourceId, list] of chunksBySource(changes)) {
    const title = k.adapter.sourceTitles.get(sourceId) ?? '';
    let embedded: KnowledgeChunkDoc[];
    try {
      embedded = await embedChunks(
        list.map((c) => c.doc),
        title,
        k.checked,
      );
    } catch (err) {
      // Indexed for full text now, embedded by a retry.
      k.tally.failed('document', err);
      k.opts.log.warn(
        { ...k.who, err, chunks: list.length },
        'embedding knowledge chunks failed: retried later',
      );
      for (const c of list) k.pending.set(c.doc.id, sourceId);
      failed = true;
      continue;
    }
    embedded.forEach((chunk, i) => {
      k.pending.delete(chunk.id);
      if (chunk === list[i]!.doc) return;
      list[i]!.doc = chunk;
      const doc = raw.get(chunk.id);
      if (doc) toStore.push({ ...doc, embedding: chunk.embedding });
    });
  }
  return { toStore, failed };
}

/** Stores vectors on their chunks; a conflict means the chunk changed meanwhile (the feed brings it). */
async function storeVectors(k: Knowledge, docs: RawChunk[]): Promise<void> {
  if (docs.length === 0) return;
  const { log, teamId } = k.opts;
  try {
    const results = await k.chunksDb().bulk(docs);
    const failed = results.filter((r) => r.error && r.error !== 'conflict');
    if (failed.length) log.warn({ teamId, failed: failed.length }, 'could not store chunk vectors');
  } catch (err) {
    log.warn({ teamId, err }, 'could not store chunk vectors');
  }
}

/** Keeps the tally of stored vectors current with a batch of chunk changes. */
function count(k: Knowledge, changes: IndexChange[]): void {
  for (const c of changes) {
    if (c.deleted || !c.doc) {
      k.tally.delete(c.id);
      k.pending.delete(c.id);
      continue;
    }
    const e = (c.doc as KnowledgeChunkDoc).embedding;
    k.tally.set(c.id, e && !k.pending.has(c.id) ? e : undefined);
  }
}

/** Chunk changes into the index; a chunk the gate does not admit goes out (or stays out). */
async function applyChunks(k: Knowledge, mapped: IndexChange[], raw: Map<string, RawChunk>): Promise<void> {
  const gated = mapped.map((c) =>
    c.doc && !k.gate.admits(c.doc as KnowledgeChunkDoc)
      ? ({ collection: 'knowledge_chunks', id: c.id, deleted: true } as IndexChange)
      : c,
  );
  const { toStore, failed } = await embedMissing(k, gated, raw);
  k.skipDocuments = failed;
  try {
    await k.adapter.applyChanges(gated);
  } finally {
    k.skipDocuments = false;
  }
  count(k, gated);
  await storeVectors(k, toStore);
}

/** Source changes: titles, then the chunks of sources no longer ready out, of those now ready in. */
async function applySources(k: Knowledge, mapped: IndexChange[]): Promise<void> {
  await k.adapter.applyChanges(mapped);
  const { closed, opened } = k.gate.update(mapped);
  if (closed.size)
    await k.serial(async () => {
      for (const id of await removeSourceChunks(k.index, closed)) {
        k.tally.delete(id);
        k.pending.delete(id);
      }
    });
  if (!opened.size || !k.chunksFollowing) return;
  const docs = await readSourceChunks(k.chunksDb(), opened);
  await k.serial(() => applyChunks(k, docs.map(chunkChange), new Map(docs.map((d) => [d._id, d]))));
}

/** Follows one of the team's knowledge databases into the index. */
function follow(k: Knowledge, collection: 'knowledge_sources' | 'knowledge_chunks'): ChangeFollower {
  const { store, teamId, log } = k.opts;
  return createChangeFollower({
    server: store.server,
    dbName: store.dbName(teamId, collection),
    log,
    batchSize: 500,
    handle: async (changes) => {
      const mapped = changes.map(
        (c) =>
          ({
            collection,
            id: c.id,
            deleted: c.deleted === true,
            ...(c.doc && !c.deleted ? { doc: fromCouch<KnowledgeChunkDoc & KnowledgeSourceDoc>(c.doc) } : {}),
          }) as IndexChange,
      );
      const raw = new Map(changes.flatMap((c) => (c.doc ? [[c.id, c.doc as RawChunk] as const] : [])));
      if (collection === 'knowledge_chunks') await k.serial(() => applyChunks(k, mapped, raw));
      else await applySources(k, mapped);
    },
  });
}

/**
 * Embeds the chunks a failure left without a vector: read again, embedded, put back in the index
 * (out first: it would see their text unchanged and keep the empty vector) and stored.
 */
async function retryPending(k: Knowledge): Promise<void> {
  if (!k.checked || k.pending.size === 0) return;
  const ids = [...k.pending.keys()].slice(0, 500);
  const docs = (await k.chunksDb().byIds(ids)).filter((d) => k.gate.admits(fromCouch<KnowledgeChunkDoc>(d)));
  const gone = ids.filter((id) => !docs.some((d) => d._id === id));
  for (const id of gone) k.pending.delete(id);
  const mapped = docs.map(chunkChange);
  const { toStore } = await embedMissing(k, mapped, new Map(docs.map((d) => [d._id, d])));
  const done = new Set(toStore.map((d) => d._id));
  if (done.size === 0) return;
  await k.index.remove([...done].map((id) => searchDocId('knowledge', id)));
  const fresh = mapped.filter((c) => done.has(c.id));
  await k.adapter.applyChanges(fresh);
  count(k, fresh);
  await storeVectors(k, toStore);
  k.opts.log.info({ ...k.who, chunks: done.size }, 'knowledge chunks embedded on retry');
}

/** Retries the pending chunks every `retryMs` (one retry at a time, in the index's queue). */
function startRetries(k: Knowledge): ReturnType<typeof setInterval> {
  let retrying = false;
  const timer = setInterval(() => {
    if (retrying || k.pending.size === 0) return;
    retrying = true;
    void k
      .serial(() => retryPending(k))
      .catch((err: unknown) => k.opts.log.warn({ ...k.who, err }, 'retrying knowledge embeddings failed'))
      .finally(() => (retrying = false));
  }, k.opts.retryMs ?? 30_000);
  timer.unref?.();
  return timer;
}

/** The index's search; a provider failing the question's embedding: full text, logged and counted. */
async function searchWithFallback(
  k: Knowledge,
  query: string,
  options: KnowledgeSearchOptions,
): Promise<{ mode: 'hybrid' | 'fulltext'; hits: KnowledgeHit[] }> {
  if (!k.embedder) return { mode: 'fulltext', hits: await k.search.search(query, options) };
  const fullText = async () => ({
    mode: 'fulltext' as const,
    hits: await k.search.search(query, { ...options, mode: 'fulltext' }),
  });
  // A provider that let the last question wait out the bound is not asked for a while: a message's
  // several searches would each wait again.
  if (Date.now() < k.quietUntil) {
    k.tally.queryFellBack();
    return fullText();
  }
  const started = Date.now();
  try {
    return { mode: 'hybrid', hits: await k.search.search(query, options) };
  } catch (err) {
    k.tally.failed('query', err);
    k.tally.queryFellBack();
    const waited = Date.now() - started >= k.queryTimeoutMs * 0.9;
    if (waited) k.quietUntil = Date.now() + (k.opts.quietMs ?? 30_000);
    k.opts.log.warn({ ...k.who, err, waited }, 'embedding a question failed: answered by full text');
    return fullText();
  }
}

/** What the agents and the admin routes hold of a team's knowledge. */
function teamKnowledgeOf(
  k: Knowledge,
  followers: readonly ChangeFollower[],
  retryTimer: ReturnType<typeof setInterval>,
): TeamKnowledge {
  return {
    get size() {
      return k.index.size;
    },
    ready: Promise.all(followers.map((f) => f.caughtUp)).then(() => undefined),
    vectorOf: (chunkId) => k.index.vectorOf(searchDocId('knowledge', chunkId)),
    retire() {
      k.retired = true;
      k.pending.clear();
    },
    status: () => k.tally.status(k.active, k.pending.size),
    async probe(query, limit) {
      const { mode, hits } = await searchWithFallback(k, query, { limit });
      return {
        mode,
        hits: hits.map((h) => ({ chunkId: h.chunkId, sourceId: h.sourceId, title: h.title, score: h.score })),
      };
    },
    async search(query, { limit, sourceIds }) {
      const { hits } = await searchWithFallback(k, query, {
        limit,
        ...(sourceIds ? { filters: { sourceId: [...sourceIds] } } : {}),
      });
      // The title with the chunk's headings, as the agents' retriever gives it (search-retriever.ts).
      return hits.map(retrievedHit);
    },
    async close() {
      k.closed = true;
      clearInterval(retryTimer);
      await Promise.all(followers.map((f) => f.stop()));
    },
  };
}

export function startTeamKnowledge(opts: TeamKnowledgeOptions): TeamKnowledge {
  const k = createKnowledge(opts);
  const retryTimer = startRetries(k);
  // Sources first: chunks are indexed, and their vectors made, with their source's title (a vector
  // made without it would not match the title's content hash, and be made again at every start).
  const followers = [follow(k, 'knowledge_sources'), follow(k, 'knowledge_chunks')] as const;
  followers[0].start();
  void followers[0].caughtUp.then(() => {
    if (k.closed) return;
    k.chunksFollowing = true;
    followers[1].start();
  });
  return teamKnowledgeOf(k, followers, retryTimer);
}

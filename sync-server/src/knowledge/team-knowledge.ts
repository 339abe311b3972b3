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
import type { KnowledgeRetriever } from '@app/shared/agents';
import { LocalEmbedder, type EmbeddingProvider } from '@app/shared/embeddings';
import { embedChunks } from '@app/shared/knowledge';
import type { KnowledgeChunkDoc, KnowledgeSourceDoc } from '@app/shared/schemas';
import {
  createChangeFeedAdapter,
  createKnowledgeSearch,
  SearchIndex,
  searchDocId,
  type IndexChange,
  type KnowledgeHit,
} from '@app/shared/search';
import type { Logger } from 'pino';
import type { Store } from '../context';
import { createChangeFollower, type ChangeFollower } from '../store/feeds/change-follower';
import { fromCouch } from '../store/couch-docs';
import { teamStored } from '../store/data';
import { createSourceGate, readSourceChunks, removeSourceChunks } from './knowledge-gate';
import {
  checkVectors,
  createEmbeddingTally,
  guardIndexEmbedder,
  type EmbeddingStatus,
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

export function startTeamKnowledge(opts: {
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
}): TeamKnowledge {
  const embedder = opts.embedder === undefined ? new LocalEmbedder() : opts.embedder;
  const queryTimeoutMs = opts.queryTimeoutMs ?? 5_000;
  /** The batch being indexed had its embedding fail: the index does not ask the provider again. */
  let skipDocuments = false;
  const index = new SearchIndex(
    embedder
      ? {
          embedder: guardIndexEmbedder(embedder, queryTimeoutMs, {
            skip: () => skipDocuments || retired,
            failed: (err) => {
              tally.failed('document', err);
              opts.log.warn({ ...who, err }, 'embedding knowledge chunks failed: searched by full text');
            },
          }),
        }
      : {},
  );
  const adapter = createChangeFeedAdapter(index);
  const search = createKnowledgeSearch(index);
  const chunksDb = () => teamStored<RawChunk>(opts.store, opts.teamId, 'knowledge_chunks');
  const tally = createEmbeddingTally();
  /** Chunks whose embedding failed (id -> source), waiting for a retry. */
  const pending = new Map<string, string>();
  const active = embedder
    ? { provider: embedder.id, model: embedder.model }
    : { provider: 'none', model: 'full-text' };
  const who = { teamId: opts.teamId, provider: active.provider, model: active.model };
  /** The provider's vectors, checked (a count, size or value that is off is a failure). */
  const checked: EmbeddingProvider | undefined = embedder
    ? {
        id: embedder.id,
        model: embedder.model,
        get dims() {
          return embedder.dims;
        },
        embed: async (texts, options) =>
          checkVectors(await embedder.embed(texts, options), texts.length, embedder.dims, embedder.id),
      }
    : undefined;

  /**
   * Puts a current vector on each chunk of the batch that lacks one (embedChunks: by model and content
   * hash); answers the raw docs to write back with their new `embedding`.
   */
  let failedNow = false;
  async function embedMissing(changes: IndexChange[], raw: Map<string, RawChunk>): Promise<RawChunk[]> {
    failedNow = false;
    if (!checked || retired) return [];
    const bySource = new Map<string, Array<IndexChange & { doc: KnowledgeChunkDoc }>>();
    for (const c of changes) {
      if (c.collection !== 'knowledge_chunks' || !c.doc) continue;
      const chunk = c as IndexChange & { doc: KnowledgeChunkDoc };
      const list = bySource.get(chunk.doc.sourceId);
      if (list) list.push(chunk);
      else bySource.set(chunk.doc.sourceId, [chunk]);
    }
    const toStore: RawChunk[] = [];
    for (const [sourceId, list] of bySource) {
      const title = adapter.sourceTitles.get(sourceId) ?? '';
      let embedded: KnowledgeChunkDoc[];
      try {
        embedded = await embedChunks(
          list.map((c) => c.doc),
          title,
          checked,
        );
      } catch (err) {
        // Indexed for full text now, embedded by a retry.
        tally.failed('document', err);
        opts.log.warn(
          { ...who, err, chunks: list.length },
          'embedding knowledge chunks failed: retried later',
        );
        for (const c of list) pending.set(c.doc.id, sourceId);
        failedNow = true;
        continue;
      }
      embedded.forEach((chunk, i) => {
        pending.delete(chunk.id);
        if (chunk === list[i]!.doc) return;
        list[i]!.doc = chunk;
        const doc = raw.get(chunk.id);
        if (doc) toStore.push({ ...doc, embedding: chunk.embedding });
      });
    }
    return toStore;
  }

  /** Stores vectors on their chunks; a conflict means the chunk changed meanwhile (the feed brings it). */
  async function storeVectors(docs: RawChunk[]): Promise<void> {
    if (docs.length === 0) return;
    try {
      const results = await chunksDb().bulk(docs);
      const failed = results.filter((r) => r.error && r.error !== 'conflict');
      if (failed.length)
        opts.log.warn({ teamId: opts.teamId, failed: failed.length }, 'could not store chunk vectors');
    } catch (err) {
      opts.log.warn({ teamId: opts.teamId, err }, 'could not store chunk vectors');
    }
  }

  const follow = (collection: 'knowledge_sources' | 'knowledge_chunks'): ChangeFollower =>
    createChangeFollower({
      server: opts.store.server,
      dbName: opts.store.dbName(opts.teamId, collection),
      log: opts.log,
      batchSize: 500,
      handle: async (changes) => {
        const mapped = changes.map(
          (c) =>
            ({
              collection,
              id: c.id,
              deleted: c.deleted === true,
              ...(c.doc && !c.deleted
                ? { doc: fromCouch<KnowledgeChunkDoc & KnowledgeSourceDoc>(c.doc) }
                : {}),
            }) as IndexChange,
        );
        const raw = new Map(changes.flatMap((c) => (c.doc ? [[c.id, c.doc as RawChunk] as const] : [])));
        if (collection === 'knowledge_chunks') await serial(() => applyChunks(mapped, raw));
        else await applySources(mapped);
      },
    });

  /** Which sources' chunks may be searched (ready ones); the chunks follower reads them in once started. */
  const gate = createSourceGate();
  let chunksFollowing = false;
  /** The index's chunk work, one piece at a time: a source taken out never meets its chunks half-way. */
  let queue: Promise<unknown> = Promise.resolve();
  function serial<T>(work: () => Promise<T>): Promise<T> {
    const run = queue.then(work);
    queue = run.catch(() => undefined);
    return run;
  }

  /** Chunk changes into the index; a chunk the gate does not admit goes out (or stays out). */
  async function applyChunks(mapped: IndexChange[], raw: Map<string, RawChunk>): Promise<void> {
    const gated = mapped.map((c) =>
      c.doc && !gate.admits(c.doc as KnowledgeChunkDoc)
        ? ({ collection: 'knowledge_chunks', id: c.id, deleted: true } as IndexChange)
        : c,
    );
    const toStore = await embedMissing(gated, raw);
    skipDocuments = failedNow;
    try {
      await adapter.applyChanges(gated);
    } finally {
      skipDocuments = false;
    }
    count(gated);
    await storeVectors(toStore);
  }

  /** Source changes: titles, then the chunks of sources no longer ready out, of those now ready in. */
  async function applySources(mapped: IndexChange[]): Promise<void> {
    await adapter.applyChanges(mapped);
    const { closed, opened } = gate.update(mapped);
    if (closed.size)
      await serial(async () => {
        for (const id of await removeSourceChunks(index, closed)) {
          tally.delete(id);
          pending.delete(id);
        }
      });
    if (!opened.size || !chunksFollowing) return;
    const docs = await readSourceChunks(chunksDb(), opened);
    await serial(() => applyChunks(docs.map(chunkChange), new Map(docs.map((d) => [d._id, d]))));
  }

  /** Keeps the tally of stored vectors current with a batch of chunk changes. */
  function count(changes: IndexChange[]): void {
    for (const c of changes) {
      if (c.deleted || !c.doc) {
        tally.delete(c.id);
        pending.delete(c.id);
        continue;
      }
      const e = (c.doc as KnowledgeChunkDoc).embedding;
      tally.set(c.id, e && !pending.has(c.id) ? e : undefined);
    }
  }

  /**
   * Embeds the chunks a failure left without a vector: read again, embedded, put back in the index
   * (out first: it would see their text unchanged and keep the empty vector) and stored.
   */
  async function retryPending(): Promise<void> {
    if (!checked || pending.size === 0) return;
    const ids = [...pending.keys()].slice(0, 500);
    const docs = (await chunksDb().byIds(ids)).filter((d) => gate.admits(fromCouch<KnowledgeChunkDoc>(d)));
    const gone = ids.filter((id) => !docs.some((d) => d._id === id));
    for (const id of gone) pending.delete(id);
    const mapped = docs.map(chunkChange);
    const toStore = await embedMissing(mapped, new Map(docs.map((d) => [d._id, d])));
    const done = new Set(toStore.map((d) => d._id));
    if (done.size === 0) return;
    await index.remove([...done].map((id) => searchDocId('knowledge', id)));
    const fresh = mapped.filter((c) => done.has(c.id));
    await adapter.applyChanges(fresh);
    count(fresh);
    await storeVectors(toStore);
    opts.log.info({ ...who, chunks: done.size }, 'knowledge chunks embedded on retry');
  }
  let retrying = false;
  let retired = false;
  const retryTimer = setInterval(() => {
    if (retrying || pending.size === 0) return;
    retrying = true;
    void serial(retryPending)
      .catch((err: unknown) => opts.log.warn({ ...who, err }, 'retrying knowledge embeddings failed'))
      .finally(() => (retrying = false));
  }, opts.retryMs ?? 30_000);
  retryTimer.unref?.();

  /** The index's search; a provider failing the question's embedding: full text, logged and counted. */
  async function searchWithFallback(
    query: string,
    options: Parameters<typeof search.search>[1],
  ): Promise<{ mode: 'hybrid' | 'fulltext'; hits: KnowledgeHit[] }> {
    if (!embedder) return { mode: 'fulltext', hits: await search.search(query, options) };
    const fullText = async () => ({
      mode: 'fulltext' as const,
      hits: await search.search(query, { ...options, mode: 'fulltext' }),
    });
    // A provider that let the last question wait out the bound is not asked for a while: a message's
    // several searches would each wait again.
    if (Date.now() < quietUntil) {
      tally.queryFellBack();
      return fullText();
    }
    const started = Date.now();
    try {
      return { mode: 'hybrid', hits: await search.search(query, options) };
    } catch (err) {
      tally.failed('query', err);
      tally.queryFellBack();
      const waited = Date.now() - started >= queryTimeoutMs * 0.9;
      if (waited) quietUntil = Date.now() + (opts.quietMs ?? 30_000);
      opts.log.warn({ ...who, err, waited }, 'embedding a question failed: answered by full text');
      return fullText();
    }
  }
  let quietUntil = 0;
  // Sources first: chunks are indexed, and their vectors made, with their source's title (a vector
  // made without it would not match the title's content hash, and be made again at every start).
  const followers = [follow('knowledge_sources'), follow('knowledge_chunks')] as const;
  let closed = false;
  followers[0].start();
  void followers[0].caughtUp.then(() => {
    if (closed) return;
    chunksFollowing = true;
    followers[1].start();
  });

  return {
    get size() {
      return index.size;
    },
    ready: Promise.all(followers.map((f) => f.caughtUp)).then(() => undefined),
    vectorOf: (chunkId) => index.vectorOf(searchDocId('knowledge', chunkId)),
    retire() {
      retired = true;
      pending.clear();
    },
    status: () => tally.status(active, pending.size),
    async probe(query, limit) {
      const { mode, hits } = await searchWithFallback(query, { limit });
      return {
        mode,
        hits: hits.map((h) => ({ chunkId: h.chunkId, sourceId: h.sourceId, title: h.title, score: h.score })),
      };
    },
    async search(query, { limit, sourceIds }) {
      const { hits } = await searchWithFallback(query, {
        limit,
        ...(sourceIds ? { filters: { sourceId: [...sourceIds] } } : {}),
      });
      // The title with the chunk's headings, as the agents' retriever gives it (search-retriever.ts):
      // the answer evidence and the coverage check read them ("Prices › Team plan"), and a citation
      // shows the source's title only (citations.ts).
      return hits.map((h) => ({
        chunkId: h.chunkId,
        sourceId: h.sourceId,
        title: h.headings.length ? `${h.title} › ${h.headings.join(' › ')}` : h.title,
        text: h.text,
        score: h.score,
      }));
    },
    async close() {
      closed = true;
      clearInterval(retryTimer);
      await Promise.all(followers.map((f) => f.stop()));
    },
  };
}

// A team's knowledge base as the agents search it: the shared hybrid index (BM25 + vectors) kept in
// memory, filled from the team's knowledge_sources and knowledge_chunks databases and kept current by
// following their changes. Rebuilt from the databases at each start, but not re-embedded: a chunk's
// vector is stored on its doc (`embedding`: provider, model, content hash), so the next start uses it;
// only a chunk without a current one (new, changed text or title, another model) is embedded, and its
// vector written back.
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
} from '@app/shared/search';
import type { Logger } from 'pino';
import type { Store } from '../context';
import { createChangeFollower, type ChangeFollower } from './change-follower';
import { fromCouch } from '../store/couch-docs';

export type TeamKnowledge = KnowledgeRetriever & {
  readonly size: number;
  /** Resolves when everything in the knowledge databases at start has been indexed. */
  readonly ready: Promise<void>;
  /** The indexed vector of a chunk (int8 in memory, read back as numbers). */
  vectorOf(chunkId: string): number[] | undefined;
  close(): Promise<void>;
};

type RawChunk = Record<string, unknown> & { _id: string; _rev?: string };

export function startTeamKnowledge(opts: {
  store: Store;
  teamId: string;
  log: Logger;
  /** Default: the local embedder (no model download). */
  embedder?: EmbeddingProvider;
}): TeamKnowledge {
  const embedder = opts.embedder ?? new LocalEmbedder();
  const index = new SearchIndex({ embedder });
  const adapter = createChangeFeedAdapter(index);
  const search = createKnowledgeSearch(index);
  const chunksDb = () => opts.store.teamDb<RawChunk>(opts.teamId, 'knowledge_chunks');

  /**
   * Puts a current vector on each chunk of the batch that lacks one (embedChunks: by model and content
   * hash); answers the raw docs to write back with their new `embedding`.
   */
  async function embedMissing(changes: IndexChange[], raw: Map<string, RawChunk>): Promise<RawChunk[]> {
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
      const embedded = await embedChunks(
        list.map((c) => c.doc),
        title,
        embedder,
      );
      embedded.forEach((chunk, i) => {
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
      const results = await chunksDb().bulk({ docs });
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
        const toStore = collection === 'knowledge_chunks' ? await embedMissing(mapped, raw) : [];
        await adapter.applyChanges(mapped);
        await storeVectors(toStore);
      },
    });
  // Sources first: chunks are indexed, and their vectors made, with their source's title (a vector
  // made without it would not match the title's content hash, and be made again at every start).
  const followers = [follow('knowledge_sources'), follow('knowledge_chunks')] as const;
  let closed = false;
  followers[0].start();
  void followers[0].caughtUp.then(() => {
    if (!closed) followers[1].start();
  });

  return {
    get size() {
      return index.size;
    },
    ready: Promise.all(followers.map((f) => f.caughtUp)).then(() => undefined),
    vectorOf: (chunkId) => index.vectorOf(searchDocId('knowledge', chunkId)),
    async search(query, { limit, sourceIds }) {
      const hits = await search.search(query, {
        limit,
        ...(sourceIds ? { filters: { sourceId: [...sourceIds] } } : {}),
      });
      return hits.map((h) => ({
        chunkId: h.chunkId,
        sourceId: h.sourceId,
        title: h.title,
        text: h.text,
        score: h.score,
      }));
    },
    async close() {
      closed = true;
      await Promise.all(followers.map((f) => f.stop()));
    },
  };
}

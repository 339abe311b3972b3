// A team's knowledge base as the agents search it: the shared hybrid index (BM25 + local vectors)
// kept in memory, filled from the team's knowledge_sources and knowledge_chunks databases and kept
// current by following their changes. Rebuilt from the databases at each start.
import type { KnowledgeRetriever } from '@app/shared/agents';
import { LocalEmbedder, type EmbeddingProvider } from '@app/shared/embeddings';
import type { KnowledgeChunkDoc, KnowledgeSourceDoc } from '@app/shared/schemas';
import {
  createChangeFeedAdapter,
  createKnowledgeSearch,
  SearchIndex,
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
  close(): Promise<void>;
};

export function startTeamKnowledge(opts: {
  store: Store;
  teamId: string;
  log: Logger;
  /** Default: the local embedder (no model download). */
  embedder?: EmbeddingProvider;
}): TeamKnowledge {
  const index = new SearchIndex({ embedder: opts.embedder ?? new LocalEmbedder() });
  const adapter = createChangeFeedAdapter(index);
  const search = createKnowledgeSearch(index);
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
        await adapter.applyChanges(mapped);
      },
    });
  // Sources first, so chunks are indexed with their source's title.
  const followers = [follow('knowledge_sources'), follow('knowledge_chunks')];
  for (const f of followers) f.start();

  return {
    get size() {
      return index.size;
    },
    ready: Promise.all(followers.map((f) => f.caughtUp)).then(() => undefined),
    async search(query, { limit }) {
      const hits = await search.search(query, { limit });
      return hits.map((h) => ({
        chunkId: h.chunkId,
        sourceId: h.sourceId,
        title: h.title,
        text: h.text,
        score: h.score,
      }));
    },
    async close() {
      await Promise.all(followers.map((f) => f.stop()));
    },
  };
}

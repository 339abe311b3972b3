// The pieces the replay CLI and the answer evaluation share: a knowledge folder read as a team's
// knowledge (Markdown files cut at headings), the product's Orama hybrid search over a team's sources
// and chunks (as ingested, or those chunks), and one customer message of a replayed conversation.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, extname, resolve } from 'node:path';
import {
  chunkMarkdown,
  retrieverFromKnowledgeSearch,
  type KnowledgeEntry,
  type KnowledgeRetriever,
} from '../agents/index';
import { LocalEmbedder } from '../embeddings/local-embedder';
import type { IngestedSource } from '../knowledge/ingest';
import { createChangeFeedAdapter } from '../search/change-feed';
import { createKnowledgeSearch } from '../search/knowledge-search';
import { SearchIndex, type SearchIndexOptions } from '../search/search-index';
import type { MessageDoc } from '../schemas/index';

/** A source id from a file name or a data set's id (letters, digits, `_.-`). */
export const sourceIdOf = (name: string) => name.replace(/[^A-Za-z0-9_.-]/g, '_');

/** The `.md`/`.txt` files of a folder, each one source titled by its first `# ` heading or its name. */
export function loadKnowledge(dir: string): KnowledgeEntry[] {
  const files = readdirSync(dir).filter((f) => ['.md', '.txt', '.markdown'].includes(extname(f)));
  return files.sort().flatMap((f) => {
    const path = resolve(dir, f);
    if (!statSync(path).isFile()) return [];
    const text = readFileSync(path, 'utf8');
    const title = text.match(/^#\s+(.+)$/m)?.[1]?.trim() ?? basename(f, extname(f));
    return chunkMarkdown(sourceIdOf(basename(f, extname(f))), title, text);
  });
}

/** The product's Orama hybrid search over these sources and chunks, as the team's index holds them (tunables: `options`). */
export async function indexedRetriever(
  knowledge: IngestedSource[],
  options: Omit<SearchIndexOptions, 'embedder'> = {},
): Promise<KnowledgeRetriever> {
  const index = new SearchIndex({ ...options, embedder: new LocalEmbedder({ dims: 256 }) });
  await createChangeFeedAdapter(index).applyChanges(
    knowledge.flatMap(({ source, chunks }) => [
      { collection: 'knowledge_sources' as const, id: source.id, doc: source },
      ...chunks.map((doc) => ({ collection: 'knowledge_chunks' as const, id: doc.id, doc })),
    ]),
  );
  return retrieverFromKnowledgeSearch(createKnowledgeSearch(index));
}

/** The product's Orama hybrid search (BM25 + local vectors) over the same chunks. */
export async function oramaRetriever(entries: KnowledgeEntry[]): Promise<KnowledgeRetriever> {
  const at = '2026-01-01T00:00:00.000Z';
  const bySource = new Map<string, IngestedSource>();
  entries.forEach((e, i) => {
    let known = bySource.get(e.sourceId);
    if (!known) {
      const source = {
        id: e.sourceId,
        title: e.title.split(' › ')[0]!,
        kind: 'markdown' as const,
        status: 'ready' as const,
        contentHash: e.sourceId,
        createdAt: at,
        updatedAt: at,
      };
      bySource.set(e.sourceId, (known = { source, chunks: [] }));
    }
    known.chunks.push({
      id: e.chunkId,
      sourceId: e.sourceId,
      ordinal: i,
      text: e.text,
      headings: e.title.split(' › ').slice(1),
      position: { start: 0, end: e.text.length },
      contentHash: `${e.chunkId}:${e.text.length}`,
      createdAt: at,
    });
  });
  return indexedRetriever([...bySource.values()]);
}

const safe = (s: string) => s.replace(/[^A-Za-z0-9_.@-]/g, '_').slice(0, 60) || 'x';

/** The `n`-th message of customer `dialog` in a replay, written at `now`. */
export function customerMessage(dialog: string, n: number, text: string, now: Date): MessageDoc {
  const chat = safe(dialog);
  return {
    id: `msg:replay:${chat}:${n}`,
    conversationId: `conv:replay:cli:${chat}`,
    contactId: `contact:replay:${chat}`,
    channel: 'manual',
    direction: 'inbound',
    author: { kind: 'customer', id: chat },
    text,
    attachments: [],
    delivery: { status: 'received' },
    idempotencyKey: `replay:${chat}:${n}`,
    createdAt: now.toISOString(),
  };
}

// Which knowledge chunks the agents' index holds: only those of a source the server indexed (status
// `ready`), and of such a source only the chunks it counted (`<source>:<ordinal>` below its
// `chunkCount`, when it has one). A source waiting for the server (pending, indexing) or failed (over
// the plan's knowledge size, a broken file) has none of its chunks searched, whoever wrote them:
// devices may push chunks, but only the server says a source is ready and how many chunks it holds
// (the gateway keeps those fields the server's: @app/shared/access), so no path around the plan's
// check reaches the agents. A chunk a device adds to a ready source later is not searched either.
import type { KnowledgeChunkDoc, KnowledgeSourceDoc } from '@app/shared/schemas';
import { searchDocId, type IndexChange, type SearchIndex } from '@app/shared/search';
import type { StoredDocs } from '../store/data';
import { sourceChunks } from '../store/queries';

type Admission = { chunkCount?: number };
type RawChunk = Record<string, unknown> & { _id: string; _rev?: string };

export type SourceGate = {
  /**
   * Notes the sources' changes. `closed`: sources whose chunks leave the index (no longer ready, or
   * ready with another count); `opened`: sources whose chunks are to be read in (ready now).
   */
  update(changes: IndexChange[]): { closed: Set<string>; opened: Set<string> };
  /** Whether the chunk may be searched. */
  admits(chunk: Pick<KnowledgeChunkDoc, 'id' | 'sourceId' | 'ordinal'>): boolean;
};

export function createSourceGate(): SourceGate {
  const ready = new Map<string, Admission>();
  return {
    update(changes) {
      const closed = new Set<string>();
      const opened = new Set<string>();
      for (const c of changes) {
        if (c.collection !== 'knowledge_sources') continue;
        const doc = c.deleted ? undefined : (c.doc as KnowledgeSourceDoc | undefined);
        const next = doc?.status === 'ready' ? { chunkCount: doc.chunkCount } : undefined;
        const was = ready.get(c.id);
        if (was?.chunkCount === next?.chunkCount && !was === !next) continue;
        if (was) closed.add(c.id);
        if (next) {
          ready.set(c.id, next);
          opened.add(c.id);
        } else ready.delete(c.id);
      }
      return { closed, opened };
    },
    admits(chunk) {
      const source = ready.get(chunk.sourceId);
      if (!source) return false;
      if (source.chunkCount === undefined) return true;
      return chunk.ordinal < source.chunkCount && chunk.id === `${chunk.sourceId}:${chunk.ordinal}`;
    },
  };
}

/** Takes the chunks of `sourceIds` out of the index; answers their chunk ids. */
export async function removeSourceChunks(index: SearchIndex, sourceIds: Set<string>): Promise<string[]> {
  const chunkIds: string[] = [];
  for (const id of index.ids()) {
    const doc = index.get(id);
    if (doc?.type === 'knowledge' && doc.sourceId && sourceIds.has(doc.sourceId)) chunkIds.push(doc.docId);
  }
  if (chunkIds.length) await index.remove(chunkIds.map((id) => searchDocId('knowledge', id)));
  return chunkIds;
}

/** The stored chunks of `sourceIds` (a source just ready: its chunks came while it was not). */
export async function readSourceChunks(
  db: StoredDocs<RawChunk>,
  sourceIds: Set<string>,
): Promise<RawChunk[]> {
  const out: RawChunk[] = [];
  for (const sourceId of sourceIds) {
    out.push(...(await db.find({ selector: sourceChunks(sourceId), limit: 100_000 })));
  }
  return out;
}

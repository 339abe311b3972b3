// The index follows the database: the desktop feeds RxDB changes, the server CouchDB changes, both as
// `IndexChange`s to `applyChanges`. Only docs whose content changed are re-indexed (the index compares
// hashes); deletes remove; a deleted knowledge source takes its chunks with it, and a source whose
// title or learned phrasings changed gives them to its chunks.
import type { ContactDoc } from '../schemas/contacts';
import type { KnowledgeChunkDoc, KnowledgeSourceDoc } from '../schemas/knowledge';
import type { LeadDoc } from '../schemas/leads';
import type { MessageDoc } from '../schemas/messages';
import { fromContact, fromKnowledgeChunk, fromLead, fromMessage, searchDocId, type SearchDoc } from './docs';
import type { SearchIndex } from './search-index';

type Change<C extends string, D> = { collection: C; id: string; deleted?: boolean; doc?: D };

export type IndexChange =
  | Change<'knowledge_chunks', KnowledgeChunkDoc>
  | Change<'knowledge_sources', KnowledgeSourceDoc>
  | Change<'contacts', ContactDoc>
  | Change<'leads', LeadDoc>
  | Change<'messages', MessageDoc>;

export type IndexedCollection = IndexChange['collection'];
export type ApplyStats = { upserted: number; unchanged: number; removed: number; embedded: number };

const typeOf = {
  knowledge_chunks: 'knowledge',
  contacts: 'contact',
  leads: 'lead',
  messages: 'message',
} as const;

export type ChangeFeedAdapter = {
  applyChanges(changes: IndexChange[]): Promise<ApplyStats>;
  /** Source titles known to the adapter (chunks are shown and cited with them). */
  sourceTitles: Map<string, string>;
};

const phrasingsKey = (phrasings: readonly string[] | undefined) => (phrasings ?? []).join('\n');

export function createChangeFeedAdapter(index: SearchIndex): ChangeFeedAdapter {
  const sourceTitles = new Map<string, string>();
  /** Each source's learned phrasings (learned-phrasings.ts), searched with its chunks. */
  const sourcePhrasings = new Map<string, readonly string[]>();

  async function applyChanges(changes: IndexChange[]): Promise<ApplyStats> {
    const stats: ApplyStats = { upserted: 0, unchanged: 0, removed: 0, embedded: 0 };
    // The last change of each doc wins; order between docs does not matter.
    const latest = new Map<string, IndexChange>();
    for (const c of changes) latest.set(`${c.collection}\u0000${c.id}`, c);
    const upserts: SearchDoc[] = [];
    const removals: string[] = [];
    const retitled: string[] = [];
    for (const change of latest.values()) {
      const deleted =
        change.deleted || !change.doc || (change.doc as { _deleted?: boolean })._deleted === true;
      if (change.collection === 'knowledge_sources') {
        if (deleted) {
          sourceTitles.delete(change.id);
          sourcePhrasings.delete(change.id);
          stats.removed += await index.removeWhere((d) => d.type === 'knowledge' && d.sourceId === change.id);
        } else {
          const { title, phrasings } = change.doc!;
          const same =
            sourceTitles.get(change.id) === title &&
            phrasingsKey(sourcePhrasings.get(change.id)) === phrasingsKey(phrasings);
          sourceTitles.set(change.id, title);
          if (phrasings?.length) sourcePhrasings.set(change.id, phrasings);
          else sourcePhrasings.delete(change.id);
          if (!same) retitled.push(change.id);
        }
        continue;
      }
      if (deleted) {
        removals.push(searchDocId(typeOf[change.collection], change.id));
        continue;
      }
      switch (change.collection) {
        case 'knowledge_chunks':
          upserts.push(
            fromKnowledgeChunk(
              change.doc!,
              sourceTitles.get(change.doc!.sourceId),
              sourcePhrasings.get(change.doc!.sourceId),
            ),
          );
          break;
        case 'contacts':
          upserts.push(fromContact(change.doc!));
          break;
        case 'leads':
          upserts.push(fromLead(change.doc!));
          break;
        case 'messages':
          upserts.push(fromMessage(change.doc!));
          break;
      }
    }
    // Chunks already indexed under a source whose title or phrasings changed get the new ones (text unchanged).
    if (retitled.length) {
      const pending = new Set(upserts.map((d) => d.id));
      for (const id of index.ids()) {
        const doc = index.get(id);
        if (
          !doc ||
          doc.type !== 'knowledge' ||
          !doc.sourceId ||
          !retitled.includes(doc.sourceId) ||
          pending.has(id)
        )
          continue;
        const sourceTitle = sourceTitles.get(doc.sourceId);
        const { phrasings: _old, ...rest } = doc;
        const phrasings = sourcePhrasings.get(doc.sourceId);
        upserts.push({
          ...rest,
          sourceTitle,
          title: [sourceTitle, ...(doc.headings ?? [])].filter(Boolean).join(' › '),
          ...(phrasings ? { phrasings: [...phrasings] } : {}),
        });
      }
    }
    if (removals.length) stats.removed += await index.remove(removals);
    if (upserts.length) {
      const s = await index.upsert(upserts);
      stats.upserted = s.indexed;
      stats.unchanged = s.unchanged;
      stats.embedded = s.embedded;
    }
    return stats;
  }

  return { applyChanges, sourceTitles };
}

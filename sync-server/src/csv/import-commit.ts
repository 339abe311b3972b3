// Writes a planned import (contacts and leads, or products) with _bulk_docs, all or nothing, collection
// by collection in the order of the writes: CouchDB has no transactions, so when any doc of the batch
// is refused (someone changed a contact or product meanwhile), the docs already written are
// put back as they were (created ones deleted, updated ones restored) and the import fails with 409.
import { DomainError } from '@app/shared/errors';
import type { Store } from '../context';
import { apiDocs } from '../store/data';
import type { PlannedWrite } from './import-plan';

const CHUNK = 500;
type Done = { write: PlannedWrite; rev: string };
const collectionsOf = (writes: PlannedWrite[]) => [...new Set(writes.map((w) => w.collection))];

export async function commitWrites(store: Store, teamId: string, writes: PlannedWrite[]): Promise<void> {
  const done: Done[] = [];
  const refused: string[] = [];
  for (const collection of collectionsOf(writes)) {
    const group = writes.filter((w) => w.collection === collection);
    const db = apiDocs(store, teamId, collection);
    for (let i = 0; i < group.length && refused.length === 0; i += CHUNK) {
      const chunk = group.slice(i, i + CHUNK);
      const results = await db.bulk(chunk.map((w) => ({ doc: w.doc, ...(w.rev ? { rev: w.rev } : {}) })));
      results.forEach((r, j) => {
        const write = chunk[j]!;
        if (r.rev && !r.error) done.push({ write, rev: r.rev });
        else refused.push(`${write.doc.id}: ${r.error ?? 'refused'}`);
      });
    }
  }
  if (refused.length === 0) return;
  await undo(store, teamId, done);
  throw new DomainError(
    'conflict',
    `Nothing was imported: ${refused.length} docs changed meanwhile (${refused.slice(0, 5).join(', ')}); retry`,
  );
}

async function undo(store: Store, teamId: string, done: Done[]): Promise<void> {
  for (const collection of collectionsOf(done.map((d) => d.write))) {
    const docs = done
      .filter((d) => d.write.collection === collection)
      .map(({ write, rev }) => {
        if (!write.previous) return { doc: { id: write.doc.id }, rev, deleted: true };
        const { _rev: _old, ...previous } = write.previous;
        return { doc: previous, rev };
      });
    if (docs.length) await apiDocs(store, teamId, collection).bulk(docs);
  }
}

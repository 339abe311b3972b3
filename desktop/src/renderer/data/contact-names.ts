// Contact names for lists, fetched only for the rows on screen (by id), batched and cached
// (batched-lookup.ts): the inbox and the leads board never load 10,000 contacts just to print a few
// names. Renames and new contacts arrive by replication and refresh the names already shown.
import type { ContactDoc } from '@app/shared/schemas';
import { batchedLookup } from './batched-lookup';

const nameOf = (c: Pick<ContactDoc, 'id' | 'name' | 'email'>) => c.name || c.email || c.id;

export const useContactNames = batchedLookup<string>({
  async load(ws, ids) {
    const found = await ws.db.contacts.findByIds(ids).exec();
    return new Map(
      ids.map((id) => {
        const c = found.get(id);
        return [id, c ? nameOf(c) : ''];
      }),
    );
  },
  watch(ws, held) {
    ws.db.contacts.$.subscribe((e) => {
      const doc = e.documentData;
      if (doc && held.has(doc.id)) held.set(doc.id, nameOf(doc));
    });
  },
});

// An agent run's writes (couch-store-port.ts's flush): one `_bulk_docs` per database, each doc on the
// revision the run read; a doc the store refused as a conflict (a rep changed it meanwhile) is read
// again and merged field by field against what the run read (shared/src/sync/merge.ts), so the
// agent's changes and the rep's both survive.
import type { StoreCollection } from '@app/shared/agents';
import { collections } from '@app/shared/schemas';
import { mergeDocs, type MergeableDoc } from '@app/shared/sync';
import { fromCouch, toCouch, type Stored } from '../store/couch-docs';
import type { StoredDocs, StoredWrite } from '../store/data';
import { withConcurrentFacts } from './twin-facts-merge';

type Raw = Stored<Record<string, unknown>>;
/** A domain doc as the merge sees it. */
export type PortDoc = MergeableDoc & { id: string };
type Doc = PortDoc;

export type PortWriterDeps = {
  db: (c: StoreCollection) => StoredDocs<Record<string, unknown>>;
  /** What the run read of each doc (and at which revision), by `collection\u0000id`: the base of a merge. */
  seen: Map<string, { rev: string; doc: Doc }>;
  stats: { writes: number };
  /** A doc as stored, after each write of it. */
  written: (c: StoreCollection, raw: Raw) => void;
};

const key = (c: string, id: string) => `${c}\u0000${id}`;

export function portWriter(deps: PortWriterDeps) {
  /** Writes one doc on its base revision; on a conflict reads it again and merges. */
  async function writeMerged(c: StoreCollection, doc: Doc, firstTry: boolean): Promise<void> {
    const def = collections[c];
    const tracksFields = 'fieldUpdatedAt' in def.schema.properties;
    const before = deps.seen.get(key(c, doc.id));
    for (let attempt = firstTry ? 0 : 1; attempt < 8; attempt++) {
      let next = doc;
      let rev = before?.rev;
      if (attempt > 0) {
        const current = await deps.db(c).get(doc.id);
        rev = current?._rev;
        if (current && before?.rev !== current._rev) {
          next = {
            ...mergeDocs(
              {
                ...(before ? { base: before.doc } : {}),
                // A contact's twin keeps the facts another writer added meanwhile (twin-facts-merge.ts).
                local:
                  c === 'contacts'
                    ? withConcurrentFacts(before?.doc, doc, fromCouch<MergeableDoc>(current))
                    : doc,
                remote: fromCouch<MergeableDoc>(current),
              },
              { mergeFields: def.mergeFields, tracksFields, by: 'agent' },
            ).doc,
            id: doc.id,
          };
        }
      }
      deps.stats.writes++;
      const body = { ...toCouch(next), ...(rev ? { _rev: rev } : {}) };
      const written = await deps.db(c).put(body as StoredWrite<Record<string, unknown>>);
      if (written !== null) {
        deps.seen.set(key(c, doc.id), { rev: written, doc: next });
        deps.written(c, { ...body, _rev: written } as Raw);
        return;
      }
    }
    throw new Error(`${c}/${doc.id}: too many concurrent writers`);
  }

  /**
   * One `_bulk_docs` for the database; the docs it refused as conflicts are merged one by one, except
   * activity entries: append-only, with ids derived from the run, so one that exists is this entry
   * from an earlier try of the run, and stays as it is.
   */
  const appendOnly = (c: StoreCollection) => c === 'activity' || c === 'stage_changes';

  async function writeAll(c: StoreCollection, docs: Doc[]): Promise<void> {
    // Append-only records (activity, stage changes) are written once: a conflict is the same record.
    if (docs.length === 1 && !appendOnly(c)) return writeMerged(c, docs[0]!, true);
    deps.stats.writes++;
    const body = docs.map((d) => {
      const rev = deps.seen.get(key(c, d.id))?.rev;
      return { ...toCouch(d), ...(rev ? { _rev: rev } : {}) };
    });
    const rows = await deps.db(c).bulk(body as StoredWrite<Record<string, unknown>>[]);
    const conflicts: Doc[] = [];
    for (const [i, row] of rows.entries()) {
      const d = docs[i]!;
      if (row.rev && !row.error) {
        deps.seen.set(key(c, d.id), { rev: row.rev, doc: d });
        deps.written(c, { ...body[i]!, _rev: row.rev } as Raw);
      } else if (row.error === 'conflict') {
        if (!appendOnly(c)) conflicts.push(d);
      } else throw new Error(`${c}/${d.id}: ${row.error ?? 'not written'}`);
    }
    for (const d of conflicts) await writeMerged(c, d, false);
  }

  return { writeAll };
}

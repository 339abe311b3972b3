// An RxDB conflict handler (structurally `RxConflictHandler<T>`) built on the field-level merge, so
// shared needs no RxDB import. The desktop passes it as `conflictHandler` of every collection.
import { canonicalJson, mergeDocs, type MergeableDoc } from './merge';

export type CollectionMergeInfo = {
  mergeFields: readonly string[];
  schema: { properties: Record<string, unknown> };
};

type Doc = MergeableDoc & { _deleted: boolean };

/** Keys RxDB keeps locally that are never part of the replicated state. */
const localOnly = new Set(['_meta', '_rev', '_attachments']);

function replicated(doc: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(doc)) if (!localOnly.has(k)) out[k] = v;
  return out;
}

export function fieldMergeConflictHandler<T>(collection: CollectionMergeInfo, by?: string) {
  const props = collection.schema.properties;
  const tracksFields = 'fieldUpdatedAt' in props && 'history' in props;
  const options = { mergeFields: collection.mergeFields, tracksFields, ...(by ? { by } : {}) };
  return {
    isEqual(a: T, b: T): boolean {
      return (
        canonicalJson(replicated(a as Record<string, unknown>)) ===
        canonicalJson(replicated(b as Record<string, unknown>))
      );
    },
    async resolve(input: { assumedMasterState?: T; realMasterState: T; newDocumentState: T }): Promise<T> {
      const strip = (d: T) => replicated(d as Record<string, unknown>) as Doc;
      const { doc } = mergeDocs<Doc>(
        {
          ...(input.assumedMasterState ? { base: strip(input.assumedMasterState) } : {}),
          local: strip(input.newDocumentState),
          remote: strip(input.realMasterState),
        },
        options,
      );
      return doc as T;
    },
  };
}

// Orama's documents store, saved as one UTF-8 byte array instead of an object per document.
// A structured clone copies bytes as flat memory, while 100k document objects (or even 100k strings)
// cost most of a second to rebuild. A restored store parses a document the first time something
// reads it (a hit, a snippet, a facet), so a cold start costs nothing per document.
import { components } from '@orama/orama';
import type { AnyDocument, IDocumentsStore } from '@orama/orama';

/** Documents by internal id: bytes `offsets[iid]..offsets[iid + 1]` of `bytes` are its JSON. */
export type PackedDocs = { bytes: Uint8Array; offsets: Float64Array; count: number };

type Store = {
  sharedInternalDocumentStore: unknown;
  /** Parsed or stored documents by internal id; `null` marks a removed packed document. */
  docs: Array<AnyDocument | null | undefined>;
  packed?: PackedDocs;
  count: number;
};

const encoder = new TextEncoder();
const decoder = new TextDecoder();
const internalId = (store: Store, id: string | number) =>
  components.internalDocumentIDStore.getInternalDocumentId(store.sharedInternalDocumentStore as never, id);

function packedRange(store: Store, iid: number): [number, number] | undefined {
  const offsets = store.packed?.offsets;
  if (!offsets || iid + 1 >= offsets.length) return undefined;
  const start = offsets[iid]!;
  const end = offsets[iid + 1]!;
  return end > start ? [start, end] : undefined;
}

function docAt(store: Store, iid: number): AnyDocument | undefined {
  const doc = store.docs[iid];
  if (doc !== undefined) return doc ?? undefined;
  const range = packedRange(store, iid);
  if (!range) return undefined;
  const parsed = JSON.parse(decoder.decode(store.packed!.bytes.subarray(range[0], range[1]))) as AnyDocument;
  store.docs[iid] = parsed;
  return parsed;
}

export function createPackedDocumentsStore(): IDocumentsStore<Store> {
  return {
    create: (_orama, sharedInternalDocumentStore) => ({ sharedInternalDocumentStore, docs: [], count: 0 }),
    get: (store, id) => docAt(store, internalId(store, id)),
    getMultiple: (store, ids) => ids.map((id) => docAt(store, internalId(store, id))),
    getAll(store) {
      const all: Record<number, AnyDocument> = {};
      const last = Math.max(store.docs.length, (store.packed?.offsets.length ?? 1) - 1);
      for (let iid = 1; iid < last; iid++) {
        const doc = docAt(store, iid);
        if (doc) all[iid] = doc;
      }
      return all;
    },
    store(store, _id, iid, doc) {
      if (docAt(store, iid) !== undefined) return false;
      store.docs[iid] = doc;
      store.count++;
      return true;
    },
    remove(store, id) {
      const iid = internalId(store, id);
      if (docAt(store, iid) === undefined) return false;
      store.docs[iid] = null;
      store.count--;
      return true;
    },
    count: (store) => store.count,
    load(sharedInternalDocumentStore, raw) {
      const packed = raw as PackedDocs;
      if (!(packed.bytes instanceof Uint8Array) || !(packed.offsets instanceof Float64Array))
        throw new Error('documents snapshot: bytes and offsets expected');
      return { sharedInternalDocumentStore, docs: [], packed, count: packed.count };
    },
    save(store) {
      const last = Math.max(store.docs.length, (store.packed?.offsets.length ?? 1) - 1);
      const parts: Uint8Array[] = [];
      const offsets = new Float64Array(last + 1);
      let size = 0;
      for (let iid = 0; iid < last; iid++) {
        offsets[iid] = size;
        const doc = store.docs[iid];
        const range = doc === undefined ? packedRange(store, iid) : undefined;
        const bytes = range
          ? store.packed!.bytes.subarray(range[0], range[1])
          : doc
            ? encoder.encode(JSON.stringify(doc))
            : undefined;
        if (!bytes) continue;
        parts.push(bytes);
        size += bytes.length;
      }
      offsets[last] = size;
      const bytes = new Uint8Array(size);
      let at = 0;
      for (const p of parts) {
        bytes.set(p, at);
        at += p.length;
      }
      return { bytes, offsets, count: store.count } satisfies PackedDocs as never;
    },
  };
}

// What a knowledge source holds as the server stores it, the size the plan's knowledge limit counts:
// the bytes of its stored original (the attachment in the team's `files` db), or, for a source without
// one (a Q&A pair a device added), the UTF-8 bytes of its chunks' text. Never the size a device
// declared. Nothing stored yet (a device's file or chunks still on their way) measures as undefined.
import type { Store } from '../context';
import { teamData } from '../store/data';
import { sourceChunks } from '../store/queries';

/** A source's stored bytes; for a source without a file, also how many chunks hold them. */
export type StoredSize = { bytes: number; chunks?: number };

export async function measureSource(
  store: Store,
  teamId: string,
  /** The source doc (`fileDocId` read as stored: a string, or nothing). */
  source: { id: string; fileDocId?: unknown },
  /** The original, when the caller has it in hand (an upload just stored). */
  original?: Uint8Array,
): Promise<StoredSize | undefined> {
  if (typeof source.fileDocId === 'string' && source.fileDocId) {
    if (original) return { bytes: original.length };
    return originalSize(store, teamId, source.fileDocId);
  }
  return chunksSize(store, teamId, source.id);
}

/** The stored original's length, from its attachment stub (the bytes are not read). */
async function originalSize(store: Store, teamId: string, fileDocId: string) {
  const length = await teamData(store, teamId).files.originalLength(fileDocId);
  return length === undefined ? undefined : { bytes: length };
}

/** The text of the source's chunks, in UTF-8 bytes. */
async function chunksSize(store: Store, teamId: string, sourceId: string) {
  const docs = await teamData(store, teamId).knowledge_chunks.find({
    selector: sourceChunks(sourceId),
    fields: ['text'],
    limit: 100_000,
  });
  if (docs.length === 0) return undefined;
  const bytes = docs.reduce((n, d) => n + Buffer.byteLength(typeof d.text === 'string' ? d.text : ''), 0);
  return { bytes, chunks: docs.length };
}

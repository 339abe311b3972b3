// The order in which a pushed `_bulk_docs` batch is written. A chat's outbound messages still to send
// are written one after another, oldest first: the outbound dispatcher takes the store's word for
// what goes before a message it sees in the changes feed, and on a sharded CouchDB (q > 1) the docs
// of one `_bulk_docs` land on their shards side by side, so the feed can show a chat's second reply
// before its first is stored at all, and the second would leave first. This happens when a desktop
// that was offline pushes its rep's queued replies together. Every other doc goes in the first write,
// so a batch with at most one pending message per chat is written at once, as before.
import { writtenOrder } from '../store/queries';

/** A message doc that the dispatcher sends, and which chat's order it belongs to. */
function pendingOutboundChat(doc: unknown): string | undefined {
  if (typeof doc !== 'object' || doc === null) return undefined;
  const d = doc as Record<string, unknown>;
  const status = (d.delivery as { status?: unknown } | undefined)?.status;
  if (d.direction !== 'outbound' || status !== 'pending' || d._deleted === true) return undefined;
  return typeof d.conversationId === 'string' ? d.conversationId : undefined;
}

const text = (v: unknown) => (typeof v === 'string' ? v : '');

/**
 * The batch's doc indexes in writes: the first holds every doc but a chat's second and later pending
 * outbound messages (ordered as the dispatcher sends them: `createdAt`, then id); each later write
 * holds the next one of each such chat. One write (all indexes, in order) for the usual batch.
 */
export function writeWaves(collection: string, docs: readonly unknown[]): number[][] {
  const all = docs.map((_, i) => i);
  if (collection !== 'messages') return [all];
  const byChat = new Map<string, number[]>();
  for (const i of all) {
    const chat = pendingOutboundChat(docs[i]);
    if (chat === undefined) continue;
    const list = byChat.get(chat);
    if (list) list.push(i);
    else byChat.set(chat, [i]);
  }
  if ([...byChat.values()].every((list) => list.length < 2)) return [all];
  const keyOf = (i: number) => {
    const d = docs[i] as Record<string, unknown>;
    return { createdAt: text(d.createdAt), _id: text(d._id) };
  };
  const later = new Set<number>();
  const waves: number[][] = [];
  for (const list of byChat.values()) {
    if (list.length < 2) continue;
    const sorted = [...list].sort((a, b) => writtenOrder(keyOf(a), keyOf(b)));
    sorted.forEach((i, k) => {
      if (k === 0) return;
      later.add(i);
      (waves[k - 1] ??= []).push(i);
    });
  }
  return [all.filter((i) => !later.has(i)), ...waves.map((w) => w.sort((a, b) => a - b))];
}

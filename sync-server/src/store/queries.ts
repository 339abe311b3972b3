// Selectors for the docs of one conversation or one knowledge source, each answered from an index
// (indexes.ts), so a query reads those docs and no others: a conversation's messages from
// `by-conversationId-createdAt`, a source's chunks from `by-sourceId-ordinal`.
//
// Apache CouchDB uses a JSON index only when the selector names every field of it. `{ conversationId }`
// alone is answered by reading the whole database (`_all_docs`, "No matching index found"), and
// `{ conversationId, 'delivery.status': 'pending' }` by the delivery-status index, which reads every
// pending message of the team, planned follow-ups included. Both grow with the team, not with the
// conversation: on a team with 2,000 messages the channels bench saw CouchDB examine about 100 docs
// per customer message. `createdAt: { $gt: null }` matches every message (`createdAt` is required)
// and makes the conversation index the planner's choice. `$in` over conversations cannot narrow an
// index range (CouchDB scans the whole index), so the callers ask once per conversation. A source's
// chunks likewise name `ordinal` (required, an integer from 0).
// query-plans.test.ts asks the store to explain each of these on both backends.
import type { MessageDoc } from '@app/shared/schemas';

/** The index that answers every conversation selector here. */
export const CONVERSATION_INDEX = 'by-conversationId-createdAt';

/** All of a conversation's messages. */
export function conversationMessages(conversationId: string) {
  return { conversationId, createdAt: { $gt: null } };
}

/** The customer's messages in a conversation. */
export function inboundMessages(conversationId: string) {
  return { ...conversationMessages(conversationId), direction: 'inbound' as const };
}

/**
 * A conversation's outbound messages on a channel not yet settled: still to be sent (due or planned) or
 * being sent (claimed, here or by another process: what follows waits for it).
 */
export function unsettledOutbound(conversationId: string, channel: MessageDoc['channel']) {
  return {
    ...conversationMessages(conversationId),
    'delivery.status': { $in: ['pending', 'sending'] },
    direction: 'outbound' as const,
    channel,
  };
}

/** `unsettledOutbound` on a doc in memory (a cached thread's message). */
export function isUnsettledOutbound(
  doc: Record<string, unknown>,
  conversationId: string,
  channel: MessageDoc['channel'],
): boolean {
  const status = (doc.delivery as { status?: unknown } | undefined)?.status;
  return (
    doc.conversationId === conversationId &&
    doc.createdAt !== undefined &&
    doc.createdAt !== null &&
    (status === 'pending' || status === 'sending') &&
    doc.direction === 'outbound' &&
    doc.channel === channel
  );
}

/** A conversation's planned follow-ups that have not gone out. */
export function plannedFollowUps(conversationId: string) {
  return {
    ...conversationMessages(conversationId),
    direction: 'outbound' as const,
    scheduledFor: { $gt: '' },
    'delivery.status': 'pending' as const,
  };
}

/** The index that answers `dueScheduled`. */
export const DUE_INDEX = 'by-deliveryStatus-scheduledFor';

/**
 * A channel's planned messages (follow-ups, reminders) whose time has come, from the due index: read
 * however many others are planned for later (the delivery-status index would read those too).
 */
export function dueScheduled(channel: MessageDoc['channel'], now: string) {
  return {
    'delivery.status': 'pending' as const,
    scheduledFor: { $lte: now },
    direction: 'outbound' as const,
    channel,
  };
}

/** The index that answers `sourceChunks`. */
export const SOURCE_INDEX = 'by-sourceId-ordinal';

/** A knowledge source's chunks. */
export function sourceChunks(sourceId: string) {
  return { sourceId, ordinal: { $gte: 0 } };
}

/**
 * The order a chat's messages go out in: oldest first, messages written in the same millisecond by
 * id. The Telegram dispatcher sends in it, and the gateway writes a chat's queued replies in it.
 */
export function writtenOrder(a: { createdAt: string; _id: string }, b: { createdAt: string; _id: string }) {
  if (a.createdAt !== b.createdAt) return a.createdAt < b.createdAt ? -1 : 1;
  return a._id < b._id ? -1 : a._id > b._id ? 1 : 0;
}

// What the outbox has to send, and what goes before it: the pending messages it saw and when each
// comes due (so a due sweep reads only those by id, not every planned follow-up again), the claims a
// dead sender left `sending`, every unsettled message for a full sweep, and for a feed batch each
// conversation's unsettled messages in the order written. That last is read from the team's cached
// thread when this process wrote the batch's messages (it knows its own writes); another writer's may
// be half landed on a sharded CouchDB, so the store is asked once `settleMs` has passed.
import type { MessageDoc } from '@app/shared/schemas';
import { setTimeout as sleep } from 'node:timers/promises';
import { dueScheduled, isUnsettledOutbound, unsettledOutbound, writtenOrder } from '../../store/queries';
import { asMessage, isCandidate, type StoredMessage } from './claim';
import type { OutboxContext } from './context';

/** The pending messages one conversation's answer holds. */
const PENDING_LIMIT = 1000;
/** Pending messages not yet due whose time the outbox keeps; past it, only full sweeps find the rest. */
const PLANNED_LIMIT = 100_000;

/** When a pending message comes due: its planned time and its next attempt, whichever is later. */
function dueAt(m: MessageDoc): number {
  const at = (iso: string | undefined) => (iso ? Date.parse(iso) || 0 : 0);
  return Math.max(at(m.scheduledFor), at(m.delivery.nextAttemptAt));
}

export function createPendingReads(ctx: OutboxContext) {
  const { channel, messages } = ctx;
  /** Pending messages of the channel seen before they were due, by id: when each comes due. */
  const planned = new Map<string, number>();

  /** Keeps when a pending message not yet due comes due (and forgets one that is due or settled). */
  function note(raw: StoredMessage, t: Date): void {
    const m = asMessage(raw);
    const due = isCandidate(m, channel) && m.delivery.status === 'pending' ? dueAt(m) : 0;
    if (due <= t.getTime()) planned.delete(raw._id);
    else if (planned.size < PLANNED_LIMIT || planned.has(raw._id)) planned.set(raw._id, due);
  }

  /** These are due now (their delivery failed here): the next due sweep reads them again. */
  function dueAgain(ids: string[], t: number): void {
    for (const id of ids) if (planned.size < PLANNED_LIMIT) planned.set(id, t);
  }

  /**
   * The team's cached thread of a conversation whose feed messages this process wrote, all of them
   * (the runs and deliveries here write through the thread cache): what this process wrote before
   * them is in it (thread-cache.ts), so no store query is needed. Undefined otherwise.
   */
  function writtenHereThread(conversationId: string, docs: StoredMessage[]): StoredMessage[] | undefined {
    const ids = docs.filter((d) => d.conversationId === conversationId).map((d) => d._id);
    return ctx.mirrors?.threads?.wroteHere(conversationId, ids) as StoredMessage[] | undefined;
  }

  /**
   * The feed's messages with every message of their conversations not yet settled (pending, or being
   * sent by another outbox: what follows waits for it), each conversation's in the order written
   * (`createdAt`, then id). One query per conversation, each read from the conversation index
   * (queries.ts): a query for several at once (`$in`) reads every pending message of the team instead.
   */
  async function withUnsettledBefore(docs: StoredMessage[]): Promise<StoredMessage[]> {
    const ids = [...new Set(docs.map((d) => d.conversationId))];
    // A message the feed brought while this process was still writing it is judged once the write is answered.
    await ctx.mirrors?.threads?.settled(docs.map((d) => d._id));
    const cached = new Map(ids.map((id) => [id, writtenHereThread(id, docs)]));
    // What another writer wrote may be half landed (a bulk write lands shard by shard, and the feed
    // shows each shard's part as it lands): the store is asked once such a write has landed.
    if (ids.some((id) => !cached.get(id)))
      await sleep(ctx.settleMs, undefined, { signal: ctx.signal }).catch(() => undefined);
    const found = await Promise.all(
      ids.map(async (id) => {
        const thread = cached.get(id);
        if (thread) return thread.filter((d) => isUnsettledOutbound(d, id, channel));
        return messages().find({ selector: unsettledOutbound(id, channel), limit: PENDING_LIMIT });
      }),
    );
    const byId = new Map<string, StoredMessage>();
    for (const d of found.flat()) byId.set(d._id, d);
    // The feed's copy when both are there: the claim is a compare-and-swap on the revision seen.
    for (const d of docs) byId.set(d._id, d);
    return [...byId.values()].sort(writtenOrder);
  }

  /** The channel's outbound messages in one delivery status (delivery-status index). */
  async function inStatus(status: 'pending' | 'sending'): Promise<StoredMessage[]> {
    return messages().find({
      selector: { 'delivery.status': status, direction: 'outbound', channel },
      limit: 1000,
    });
  }

  /**
   * Every unsettled message of the channel, oldest first; what is not yet due is noted for later. The
   * first 1000 of each status, and the planned ones that came due read on their own (due index): with
   * more than 1000 follow-ups planned, those of the later conversations are found when due too.
   */
  async function unsettled(): Promise<StoredMessage[]> {
    const t = ctx.now();
    const due = messages().find({ selector: dueScheduled(channel, t.toISOString()), limit: 1000 });
    const lists = await Promise.all([inStatus('pending'), inStatus('sending'), due]);
    const byId = new Map(lists.flat().map((d) => [d._id, d]));
    for (const d of byId.values()) note(d, t);
    return [...byId.values()].sort(writtenOrder);
  }

  /** The noted messages that came due, as stored now (they leave the notes: seen again, noted again). */
  async function cameDue(): Promise<StoredMessage[]> {
    const t = ctx.now().getTime();
    const ids = [...planned].flatMap(([id, at]) => (at <= t ? [id] : []));
    for (const id of ids) planned.delete(id);
    try {
      // One `_all_docs` for them all (the database's coalescing scope).
      const docs = await Promise.all(ids.map((id) => messages().get(id)));
      return docs.filter((d): d is StoredMessage => d !== undefined);
    } catch (err) {
      // Still due: the next due sweep asks again.
      for (const id of ids) if (!planned.has(id)) planned.set(id, t);
      throw err;
    }
  }

  return { note, dueAgain, withUnsettledBefore, inStatus, unsettled, cameDue };
}

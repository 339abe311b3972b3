// Which outbound messages the outbox may take now, and taking one. A message is a candidate when it is
// the channel's, outbound, not cancelled, and pending or sending; it is due when its planned time has
// come and it is pending past its next attempt, or left `sending` by a sender that died (its claim
// older than `staleClaimMs`: it is sent again; if the channel had accepted it just before the crash, a
// channel without an idempotency key shows it twice, see README.md, Delivery guarantees: its `sent`
// mark may wait up to 250 ms for the others being sent, deliver.ts). Claiming writes it
// `sending` with one more attempt on the revision seen, won only at the write quorum
// (store/claim-write.ts): of two outboxes (two processes, a feed batch and a sweep) exactly one wins,
// and a stale copy never sends a message again. A planned message out of date when due
// (plannedMessageOutdated: a follow-up the customer answered, a hand-off status after a rep wrote) is
// cancelled instead, and a demo conversation's message refused (demo-guard.ts).
import { plannedMessageOutdated } from '@app/shared/agents';
import { agentPlugins } from '@app/shared/packs';
import { isDemoConversation } from '@app/shared/crm';
import type { ConversationDoc, MessageDoc } from '@app/shared/schemas';
import type { Store } from '../../context';
import { fromCouch, type Stored } from '../../store/couch-docs';
import { teamStored } from '../../store/data';
import type { ClaimedMessages } from '../delivery';
import { refuseDemoMessage } from '../demo-guard';

export type StoredMessage = Stored<MessageDoc>;

export const asMessage = (raw: StoredMessage) => fromCouch<MessageDoc>(raw);

/** Outbound on the channel, not cancelled, not yet sent or failed. */
export function isCandidate(m: MessageDoc, channel: MessageDoc['channel']): boolean {
  if (m.direction !== 'outbound' || m.channel !== channel || m.cancelledAt) return false;
  return m.delivery.status === 'pending' || m.delivery.status === 'sending';
}

/** Pending, its planned time come, but its next attempt not yet: what follows it in its conversation waits. */
export function waitsForRetry(m: MessageDoc, t: Date): boolean {
  const iso = t.toISOString();
  return (
    m.delivery.status === 'pending' &&
    !!m.delivery.nextAttemptAt &&
    m.delivery.nextAttemptAt > iso &&
    (!m.scheduledFor || m.scheduledFor <= iso)
  );
}

/** `sending` on a live claim (another sender's, or this outbox's own): what follows it waits. */
export function claimHeld(m: MessageDoc, t: Date, staleClaimMs: number): boolean {
  return (
    m.delivery.status === 'sending' && t.getTime() - Date.parse(m.updatedAt ?? m.createdAt) < staleClaimMs
  );
}

/**
 * Not to send now, and what follows it in its conversation must not go before it: it waits for its
 * retry, or another sender holds its claim (two processes: the order written holds across them).
 */
export function holdsConversation(m: MessageDoc, t: Date, staleClaimMs: number): boolean {
  return waitsForRetry(m, t) || claimHeld(m, t, staleClaimMs);
}

export function isDue(m: MessageDoc, channel: MessageDoc['channel'], t: Date, staleClaimMs: number): boolean {
  if (!isCandidate(m, channel)) return false;
  const iso = t.toISOString();
  if (m.scheduledFor && m.scheduledFor > iso) return false;
  if (m.delivery.status === 'pending') return !m.delivery.nextAttemptAt || m.delivery.nextAttemptAt <= iso;
  return !claimHeld(m, t, staleClaimMs);
}

export type ClaimDeps = { store: Store; teamId: string; claimed: ClaimedMessages };

/**
 * Claims a due message at the revision seen: the claimed doc (as written, `delivery.attempts` counting
 * this try), or undefined when someone else moved first, it was cancelled, or refused as a demo one.
 * `conversation`: the message's, read by the caller (undefined: a demo check reads it here).
 */
export async function claimMessage(
  deps: ClaimDeps,
  raw: StoredMessage,
  t: Date,
  conversation?: ConversationDoc,
): Promise<StoredMessage | undefined> {
  const messages = teamStored<StoredMessage>(deps.store, deps.teamId, 'messages');
  const doc = asMessage(raw);
  const conversations = teamStored<ConversationDoc>(deps.store, deps.teamId, 'conversations');
  const routing = conversation ?? (await conversations.get(doc.conversationId));
  if (isDemoConversation(routing)) {
    // A demo sample (the seed's): never sent; the rep sees why (demo-guard.ts).
    await refuseDemoMessage(deps.store, deps.teamId, doc.id, t);
    return undefined;
  }
  if (doc.scheduledFor) {
    // Judged on the conversation as it is now (the customer may have written since it was read).
    const now = conversation ? await conversations.get(doc.conversationId) : routing;
    if (now && plannedMessageOutdated(doc, now, agentPlugins)) {
      const at = t.toISOString();
      // Another write came first (null): the message stays as that writer left it.
      await messages.put({ ...raw, cancelledAt: at, updatedAt: at });
      return undefined;
    }
  }
  const { nextAttemptAt: _n, ...delivery } = doc.delivery;
  const body = {
    ...raw,
    delivery: { ...delivery, status: 'sending' as const, attempts: (delivery.attempts ?? 0) + 1 },
    updatedAt: t.toISOString(),
  };
  const rev = await messages.claim(body);
  if (!rev) return undefined;
  const written = { ...body, _rev: rev };
  deps.claimed.set(raw._id, written);
  return written;
}

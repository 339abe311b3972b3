// Which outbound messages a channel's sender may take now, and taking one: shared by the senders that
// take a message at a time (e-mail, VK). A message is due when it is the channel's, not cancelled,
// its planned time has come, and it is pending (past its next attempt) or left `sending` by a sender
// that died (its claim older than `staleClaimMs`). Claiming writes it `sending` with one more attempt
// on the revision seen, won only at the write quorum (store/claim-write.ts); a planned message that is
// out of date when due (plannedMessageOutdated, as every channel judges it) is cancelled instead.
import { plannedMessageOutdated } from '@app/shared/agents';
import { isDemoConversation } from '@app/shared/crm';
import type { ConversationDoc, MessageDoc } from '@app/shared/schemas';
import type { Store } from '../context';
import { claimWrite } from '../store/claim-write';
import { fromCouch, getDoc, type Stored } from '../store/couch-docs';
import type { ClaimedMessages } from './delivery';
import { refuseDemoMessage } from './demo-guard';

type StoredMessage = Stored<MessageDoc>;

export function dueOutbound(
  m: MessageDoc,
  channel: MessageDoc['channel'],
  t: Date,
  staleClaimMs: number,
): boolean {
  if (m.direction !== 'outbound' || m.channel !== channel || m.cancelledAt) return false;
  const iso = t.toISOString();
  if (m.scheduledFor && m.scheduledFor > iso) return false;
  if (m.delivery.status === 'pending') return !m.delivery.nextAttemptAt || m.delivery.nextAttemptAt <= iso;
  if (m.delivery.status === 'sending')
    return t.getTime() - Date.parse(m.updatedAt ?? m.createdAt) >= staleClaimMs;
  return false;
}

/** Claims the message at the revision seen; undefined when someone else moved first or it was cancelled. */
export async function claimOutbound(
  deps: { store: Store; teamId: string; claimed: ClaimedMessages },
  raw: StoredMessage,
  t: Date,
): Promise<StoredMessage | undefined> {
  const messages = deps.store.teamDb<StoredMessage>(deps.teamId, 'messages');
  const doc = fromCouch<MessageDoc>(raw as unknown as Record<string, unknown>);
  const conv = await getDoc<ConversationDoc>(
    deps.store.teamDb(deps.teamId, 'conversations'),
    doc.conversationId,
  );
  if (isDemoConversation(conv)) {
    // A demo sample (the seed's): never sent; the rep sees why (demo-guard.ts).
    await refuseDemoMessage(deps.store, deps.teamId, doc.id, t);
    return undefined;
  }
  if (doc.scheduledFor) {
    // A follow-up the customer has answered meanwhile, a hand-off status once a rep wrote or the AI
    // is back: cancelled, never sent.
    if (conv && plannedMessageOutdated(doc, conv)) {
      await messages
        .insert({ ...raw, cancelledAt: t.toISOString(), updatedAt: t.toISOString() })
        .catch(() => undefined);
      return undefined;
    }
  }
  const { nextAttemptAt: _n, ...delivery } = doc.delivery;
  const body = {
    ...raw,
    delivery: { ...delivery, status: 'sending' as const, attempts: (delivery.attempts ?? 0) + 1 },
    updatedAt: t.toISOString(),
  };
  const rev = await claimWrite(messages, body);
  if (!rev) return undefined;
  const written = { ...body, _rev: rev };
  deps.claimed.set(raw._id, written);
  return written;
}

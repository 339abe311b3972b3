// Nothing written into a demo conversation (the seed's samples: `botId` DEMO_BOT_ID, see
// shared/src/crm/demo.ts) ever reaches a channel. Two layers:
// - the outbox of every channel (outbox/) asks `isDemoConversation` before it claims a message, and
//   marks the message failed with DEMO_NOT_SENT instead of sending;
// - the demo team's guard follows its messages feed and does the same at once for every channel, also
//   when no sender runs (no bot, no mailbox), so the rep sees "failed: demo conversation" and not a
//   message waiting to go. (Web chat needs no sender: a visitor's widget reads only conversations
//   whose id comes from its widget key and visitor id, which no demo conversation has.)
import { DEMO_NOT_SENT, isDemoConversation } from '@app/shared/crm';
import type { MessageDoc } from '@app/shared/schemas';
import type { Logger } from 'pino';
import type { Store } from '../context';
import { followTeam } from '../store/feeds/follow';
import type { Stored } from '../store/couch-docs';
import { teamData } from '../store/data';

type StoredMessage = Stored<MessageDoc>;

/**
 * Which of these conversations are demo samples, read in one request (`_all_docs` with their keys):
 * a missing conversation is not one.
 */
export async function demoConversations(
  store: Store,
  teamId: string,
  conversationIds: readonly string[],
): Promise<Map<string, boolean>> {
  const out = new Map<string, boolean>();
  if (conversationIds.length === 0) return out;
  const found = await teamData(store, teamId).conversations.byIds(conversationIds);
  for (const id of conversationIds) out.set(id, isDemoConversation(found.get(id)));
  return out;
}

/** Marks an outbound message of a demo conversation failed (not sent); a settled one stays as it is. */
export async function refuseDemoMessage(store: Store, teamId: string, id: string, at: Date): Promise<void> {
  await teamData(store, teamId).messages.update(id, (doc) => {
    const status = doc.delivery.status;
    if (doc.direction !== 'outbound' || (status !== 'pending' && status !== 'sending')) return undefined;
    const { nextAttemptAt: _n, ...delivery } = doc.delivery;
    return {
      ...doc,
      delivery: { ...delivery, status: 'failed' as const, lastError: DEMO_NOT_SENT },
      updatedAt: at.toISOString(),
    };
  });
}

export type DemoGuard = { stop(): Promise<void> };

/** Follows the demo team's outbound messages and refuses those of demo conversations. */
export function startDemoGuard(opts: {
  store: Store;
  teamId: string;
  log: Logger;
  now?: () => Date;
}): DemoGuard {
  const { store, teamId, log } = opts;
  const now = opts.now ?? (() => new Date());
  // Whether a conversation is a demo sample never changes (its botId is set when it is made).
  const known = new Map<string, boolean>();
  /** Whether each conversation of a batch is a demo one; those not known yet read in one request. */
  const demoOf = async (conversationIds: string[]) => {
    const ids = [...new Set(conversationIds)];
    const found = await demoConversations(
      store,
      teamId,
      ids.filter((id) => !known.has(id)),
    );
    const demo = new Map(ids.map((id) => [id, known.get(id) ?? found.get(id) ?? false]));
    if (known.size + found.size > 10_000) known.clear();
    for (const [id, d] of demo) known.set(id, d);
    return demo;
  };
  const follower = followTeam<StoredMessage>(store, teamId, 'messages', {
    checkpointId: `cp:demo-guard:${teamId}`,
    log,
    selector: { direction: 'outbound' },
    settleMs: 20,
    handle: async (changes) => {
      const open = changes.flatMap((change) => {
        const doc = change.doc;
        if (!doc || change.deleted) return [];
        const status = doc.delivery?.status;
        return status === 'pending' || status === 'sending' ? [doc] : [];
      });
      const demo = await demoOf(open.map((doc) => doc.conversationId));
      for (const doc of open) {
        if (!demo.get(doc.conversationId)) continue;
        await refuseDemoMessage(store, teamId, doc._id, now());
        log.info({ id: doc._id, conversationId: doc.conversationId }, 'demo conversation: message not sent');
      }
    },
  });
  follower.start();
  return { stop: () => follower.stop() };
}

// Nothing written into a demo conversation (the seed's samples: `botId` DEMO_BOT_ID, see
// shared/src/crm/demo.ts) ever reaches a channel. Two layers:
// - every sender asks `isDemoConversation` before it claims a message (Telegram's dispatcher, and the
//   shared claim of e-mail and VK), and marks the message failed with DEMO_NOT_SENT instead of sending;
// - the demo team's guard follows its messages feed and does the same at once for every channel, also
//   when no sender runs (no bot, no mailbox), so the rep sees "failed: demo conversation" and not a
//   message waiting to go. (Web chat needs no sender: a visitor's widget reads only conversations
//   whose id comes from its widget key and visitor id, which no demo conversation has.)
import { DEMO_NOT_SENT, isDemoConversation } from '@app/shared/crm';
import type { ConversationDoc, MessageDoc } from '@app/shared/schemas';
import type { Logger } from 'pino';
import type { Store } from '../context';
import { createChangeFollower, type CheckpointDoc } from '../runtime/change-follower';
import { getDoc, updateDoc, type Stored } from '../store/couch-docs';

type StoredMessage = Stored<MessageDoc>;

/** Whether the conversation is a demo sample (read from the store). */
export async function inDemoConversation(store: Store, teamId: string, conversationId: string) {
  const conv = await getDoc<ConversationDoc>(store.teamDb(teamId, 'conversations'), conversationId);
  return isDemoConversation(conv);
}

/** Marks an outbound message of a demo conversation failed (not sent); a settled one stays as it is. */
export async function refuseDemoMessage(store: Store, teamId: string, id: string, at: Date): Promise<void> {
  await updateDoc(store.teamDb<MessageDoc>(teamId, 'messages'), id, (doc) => {
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
  const isDemo = async (conversationId: string) => {
    let demo = known.get(conversationId);
    if (demo === undefined) {
      demo = await inDemoConversation(store, teamId, conversationId);
      if (known.size >= 10_000) known.clear();
      known.set(conversationId, demo);
    }
    return demo;
  };
  const follower = createChangeFollower<StoredMessage>({
    server: store.server,
    dbName: store.dbName(teamId, 'messages'),
    checkpoints: store.systemDb<CheckpointDoc>('app_runtime'),
    checkpointId: `cp:demo-guard:${teamId}`,
    log,
    selector: { direction: 'outbound' },
    settleMs: 20,
    handle: async (changes) => {
      for (const change of changes) {
        const doc = change.doc;
        if (!doc || change.deleted) continue;
        if (doc.delivery?.status !== 'pending' && doc.delivery?.status !== 'sending') continue;
        if (!(await isDemo(doc.conversationId))) continue;
        await refuseDemoMessage(store, teamId, doc._id, now());
        log.info({ id: doc._id, conversationId: doc.conversationId }, 'demo conversation: message not sent');
      }
    },
  });
  follower.start();
  return { stop: () => follower.stop() };
}

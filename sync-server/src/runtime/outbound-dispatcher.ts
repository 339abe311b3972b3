// Feeds a team bot's outbound message docs to the sender, in the order they were written (the changes
// feed's order), so per-chat order holds. A sweep at start and every `sweepMs` picks up what the feed
// cannot show: follow-ups that became due, and messages left pending or `sending` by a crash (those are
// sent again: better a rare duplicate than a lost reply; see sync-server/README.md).
import type { Sender } from '@app/bot';
import type { ConversationDoc, MessageDoc } from '@app/shared/schemas';
import type { Logger } from 'pino';
import type { Store } from '../context';
import type { Change } from './change-follower';
import { fromCouch, getDoc, type Stored } from './couch-docs';

type StoredMessage = Stored<MessageDoc>;

export type OutboundDispatcher = {
  /** Changes-feed handler for the team's messages database. */
  handle(changes: Change<StoredMessage>[]): Promise<void>;
  /** Enqueues every due message still pending in the store. */
  sweep(): Promise<number>;
  /** Messages handed to the sender and not yet settled. */
  readonly inFlight: number;
};

export function createOutboundDispatcher(opts: {
  store: Store;
  teamId: string;
  botId: string;
  sender: Sender;
  log: Logger;
  now?: () => Date;
}): OutboundDispatcher {
  const now = opts.now ?? (() => new Date());
  const inFlight = new Set<string>();
  const chats = new Map<string, { chatId: string; botId?: string } | null>();
  const messages = () => opts.store.teamDb<StoredMessage>(opts.teamId, 'messages');

  async function chatOf(conversationId: string) {
    if (chats.has(conversationId)) return chats.get(conversationId) ?? undefined;
    const conv = await getDoc<ConversationDoc>(
      opts.store.teamDb(opts.teamId, 'conversations'),
      conversationId,
    );
    const value =
      conv && conv.channel === 'telegram' ? { chatId: conv.externalChatId, botId: conv.botId } : null;
    if (chats.size > 10_000) chats.clear();
    chats.set(conversationId, value);
    return value ?? undefined;
  }

  function due(m: MessageDoc): boolean {
    if (m.direction !== 'outbound' || m.channel !== 'telegram' || m.cancelledAt) return false;
    if (m.delivery.status !== 'pending' && m.delivery.status !== 'sending') return false;
    return !m.scheduledFor || m.scheduledFor <= now().toISOString();
  }

  async function dispatch(raw: StoredMessage): Promise<boolean> {
    const doc = fromCouch<MessageDoc>(raw as unknown as Record<string, unknown>);
    if (!due(doc) || inFlight.has(doc.id)) return false;
    const chat = await chatOf(doc.conversationId);
    if (!chat || (chat.botId && chat.botId !== opts.botId)) return false;
    inFlight.add(doc.id);
    opts.sender
      .enqueue({ doc, chatId: chat.chatId })
      .then((result) => opts.log.debug({ id: doc.id, status: result.status }, 'outbound settled'))
      .catch((err: unknown) =>
        opts.log.error({ err, id: doc.id }, 'sender failed; the message stays pending'),
      )
      .finally(() => inFlight.delete(doc.id));
    return true;
  }

  return {
    get inFlight() {
      return inFlight.size;
    },
    async handle(changes) {
      for (const c of changes) if (c.doc && !c.deleted) await dispatch(c.doc);
    },
    async sweep() {
      const { docs } = await messages().find({
        selector: {
          direction: 'outbound',
          channel: 'telegram',
          'delivery.status': { $in: ['pending', 'sending'] },
        },
        limit: 1000,
      });
      // Oldest first, so a chat's backlog goes out in the order it was written.
      docs.sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0));
      let n = 0;
      for (const d of docs) if (await dispatch(d)) n++;
      return n;
    },
  };
}

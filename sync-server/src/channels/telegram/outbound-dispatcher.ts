// Feeds a team bot's outbound message docs to the sender, each chat's in the order they were written
// (`createdAt`: the feed says that something is to send, the store what went before it), so per-chat
// order holds on a sharded CouchDB too. A sweep at start and every `sweepMs` picks up what the feed
// cannot show: follow-ups that became due, retries whose time came, and messages a dead sender left
// `sending` (sent again once the claim is stale: if Telegram had accepted one just before the crash,
// it goes out twice — the Bot API has no idempotency key; see sync-server/README.md). The claimed
// doc and its revision are handed to the delivery port (`claimed`), which writes the delivery steps
// on that revision without reading the doc again.
import type { OutboundFile, Sender } from '@app/bot';
import { plannedMessageOutdated } from '@app/shared/agents';
import { isDemoConversation } from '@app/shared/crm';
import type { ConversationDoc, MessageDoc } from '@app/shared/schemas';
import type { Logger } from 'pino';
import type { Store } from '../../context';
import type { Change } from '../../runtime/change-follower';
import { fromCouch, getDoc, readAttachment, type Stored } from '../../store/couch-docs';
import { ORIGINAL } from '../../store/stored-files';
import { createRepNames, signedText } from '../rep-names';
import type { ClaimedMessages } from '../delivery';
import { refuseDemoMessage } from '../demo-guard';
import { statusOf } from '../../store/couch-errors';
import { claimWrite } from '../../store/claim-write';
import { pendingOutbound, writtenOrder } from '../../store/queries';

type StoredMessage = Stored<MessageDoc>;

const photoTypes = new Set(['image/jpeg', 'image/png', 'image/webp']);

export type OutboundDispatcher = {
  /** Changes-feed handler for the team's messages database. */
  handle(changes: Change<StoredMessage>[]): Promise<void>;
  /** Enqueues every due message still pending in the store. */
  sweep(): Promise<number>;
  /** Messages handed to the sender and not yet settled. */
  readonly inFlight: number;
};

/** The pending messages one conversation's answer holds. */
const PENDING_LIMIT = 1000;

export function createOutboundDispatcher(opts: {
  store: Store;
  teamId: string;
  botId: string;
  sender: Sender;
  log: Logger;
  now?: () => Date;
  /** A `sending` claim older than this belongs to a sender that died: the message is sent again. */
  staleClaimMs?: number;
  /** Shared with the delivery port: what this dispatcher claimed, at the revision it wrote. */
  claimed?: ClaimedMessages;
}): OutboundDispatcher {
  const now = opts.now ?? (() => new Date());
  const staleClaimMs = opts.staleClaimMs ?? 60_000;
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

  /**
   * Whether a planned message is out of date now that it is due: a follow-up the customer answered
   * (the conversation says when they last wrote), a hand-off status nobody waits for any more.
   */
  async function outdated(doc: MessageDoc): Promise<boolean> {
    const conv = await getDoc<ConversationDoc>(
      opts.store.teamDb(opts.teamId, 'conversations'),
      doc.conversationId,
    );
    return !!conv && plannedMessageOutdated(doc, conv);
  }

  /** Worth a look: outbound Telegram, not cancelled, not yet sent or failed, and due. */
  function candidate(m: MessageDoc): boolean {
    if (m.direction !== 'outbound' || m.channel !== 'telegram' || m.cancelledAt) return false;
    if (m.delivery.status !== 'pending' && m.delivery.status !== 'sending') return false;
    return !m.scheduledFor || m.scheduledFor <= now().toISOString();
  }

  /**
   * Claims the message for this sender with a compare-and-swap on the revision it was seen at (in the
   * feed or the sweep), won only on a write quorum (store/claim-write.ts): of two dispatchers (a feed batch and a sweep, or two processes while the bot's
   * lease changes hands) exactly one wins, and a stale copy never sends a message again. A newer
   * revision than the one seen fails the write (409); the feed and the sweep show that revision
   * later, so nothing is lost. A pending message waits for its `nextAttemptAt`; a `sending` one is
   * taken over only when its claim is stale (its sender died).
   */
  async function claim(current: StoredMessage): Promise<MessageDoc | undefined> {
    const db = messages();
    const doc = fromCouch<MessageDoc>(current as unknown as Record<string, unknown>);
    if (!candidate(doc)) return undefined;
    const t = now();
    if (
      doc.delivery.status === 'pending' &&
      doc.delivery.nextAttemptAt &&
      doc.delivery.nextAttemptAt > t.toISOString()
    )
      return undefined;
    if (doc.delivery.status === 'sending') {
      const since = Date.parse(doc.updatedAt ?? doc.createdAt);
      if (t.getTime() - since < staleClaimMs) return undefined;
    }
    if (doc.scheduledFor && (await outdated(doc))) {
      // A follow-up the customer has answered already (the agent run that cancels it may not have
      // come yet), or a hand-off status after a rep wrote: cancelled here, never sent.
      const at = t.toISOString();
      await db.insert({ ...current, cancelledAt: at, updatedAt: at }).catch((e: unknown) => {
        if (statusOf(e) !== 409) throw e;
      });
      return undefined;
    }
    // The claim is the first attempt's `sending` step: the sender's own step for it then writes nothing.
    const { nextAttemptAt: _n, ...delivery } = doc.delivery;
    const claimedDelivery = {
      ...delivery,
      status: 'sending' as const,
      attempts: (delivery.attempts ?? 0) + 1,
    };
    const body = { ...current, delivery: claimedDelivery, updatedAt: t.toISOString() };
    // Won only on a write quorum: someone else moved first, or the revision seen was a lagging
    // copy's (store/claim-write.ts).
    const rev = await claimWrite(db, body);
    if (!rev) return undefined;
    opts.claimed?.set(current._id, { ...body, _rev: rev });
    // The sender counts the attempt itself.
    return { ...doc, delivery: { ...delivery, status: 'pending' } };
  }

  type Claimed = { doc: MessageDoc; chatId: string };

  /** Claims the message if it is this bot's to send now; the caller hands it to the sender. */
  async function claimFor(raw: StoredMessage): Promise<Claimed | undefined> {
    const seen = fromCouch<MessageDoc>(raw as unknown as Record<string, unknown>);
    if (!candidate(seen) || inFlight.has(seen.id)) return undefined;
    const chat = await chatOf(seen.conversationId);
    if (chat && isDemoConversation(chat)) {
      // A demo sample (the seed's): never sent; the rep sees why (channels/demo-guard.ts).
      await refuseDemoMessage(opts.store, opts.teamId, seen.id, now());
      return undefined;
    }
    if (!chat || (chat.botId && chat.botId !== opts.botId)) return undefined;
    if (inFlight.has(seen.id)) return undefined;
    inFlight.add(seen.id);
    let doc: MessageDoc | undefined;
    try {
      doc = await claim(raw);
    } finally {
      if (!doc) inFlight.delete(seen.id);
    }
    return doc ? { doc, chatId: chat.chatId } : undefined;
  }

  /** The doc's stored attachments, read when the sender gets to them (a rep's upload may still be on its way). */
  function filesOf(doc: MessageDoc): OutboundFile[] {
    return doc.attachments.flatMap((a) => {
      const fileDocId = a.fileDocId;
      if (!fileDocId) return [];
      const mimeType = a.mimeType ?? 'application/octet-stream';
      return [
        {
          fileName: a.fileName ?? 'file',
          mimeType,
          // Telegram shows these as photos (up to 10 MB); anything else goes as a document.
          asPhoto: a.kind === 'photo' && photoTypes.has(mimeType) && (a.size ?? 0) <= 10 * 1024 * 1024,
          load: () => readAttachment(opts.store.teamDb(opts.teamId, 'files'), fileDocId, ORIGINAL),
        },
      ];
    });
  }

  const names = createRepNames(opts.store);
  /** Signing waits on a name's read; handing over stays in claim order (the sender keeps each chat's). */
  let handing: Promise<unknown> = Promise.resolve();

  function enqueue({ doc, chatId }: Claimed): void {
    const id = doc.id;
    const files = filesOf(doc);
    // A rep's reply ends with the rep's display name (never the login the device wrote on it).
    const name = names.of(doc.author).catch(() => undefined);
    const handed = handing.then(async () => ({ ...doc, text: signedText(doc.text, await name) }));
    handing = handed.catch(() => undefined);
    handed
      .then((signed) => opts.sender.enqueue({ doc: signed, chatId, ...(files.length ? { files } : {}) }))
      .then((result) => opts.log.debug({ id, status: result.status }, 'outbound settled'))
      .catch((err: unknown) => opts.log.error({ err, id }, 'sender failed; the message stays pending'))
      .finally(() => inFlight.delete(id));
  }

  /** A feed doc the sender may have to send: outbound Telegram, pending or sending. */
  function worthALook(raw: StoredMessage): boolean {
    return candidate(fromCouch<MessageDoc>(raw as unknown as Record<string, unknown>));
  }

  /**
   * The feed's messages with every message still pending in their conversations, each conversation's
   * in the order written (`createdAt`, then id). A sharded database's changes feed (Apache CouchDB,
   * q > 1) interleaves its shards, so one chat's messages written at once can come as 2, 1, 3, or 2
   * in one batch and 1 in the next: the store, not the feed, says what is still to go before. One
   * query per conversation, each read from the conversation index (queries.ts): a query for
   * several conversations at once (`$in`) reads every pending message of the team instead.
   */
  async function withPendingBefore(docs: StoredMessage[]): Promise<StoredMessage[]> {
    const conversations = [...new Set(docs.map((d) => d.conversationId))];
    const found = await Promise.all(
      conversations.map(async (id) => {
        const res = await messages().find({
          selector: pendingOutbound(id, 'telegram'),
          limit: PENDING_LIMIT,
        });
        return res.docs;
      }),
    );
    const byId = new Map<string, StoredMessage>();
    for (const d of found.flat()) byId.set(d._id, d);
    // The feed's copy when both are there: the claim is a compare-and-swap on the revision seen,
    // and a stale one only loses it (the next change shows the newer revision).
    for (const d of docs) byId.set(d._id, d);
    return [...byId.values()].sort(writtenOrder);
  }

  /**
   * Claims and hands to the sender each conversation's messages in the order given, conversations side
   * by side (their reads and writes reach the store together). A conversation whose claim failed
   * stops there, so nothing of it leaves out of order; the error comes out after the others are done.
   */
  async function dispatchAll(docs: StoredMessage[]): Promise<number> {
    const byConversation = new Map<string, StoredMessage[]>();
    for (const d of docs)
      byConversation.set(d.conversationId, [...(byConversation.get(d.conversationId) ?? []), d]);
    let n = 0;
    const results = await Promise.allSettled(
      [...byConversation.values()].map(async (chain) => {
        for (const d of chain) {
          const claimed = await claimFor(d);
          if (claimed) {
            enqueue(claimed);
            n++;
          }
        }
      }),
    );
    const failed = results.find((r) => r.status === 'rejected');
    if (failed) throw failed.reason;
    return n;
  }

  return {
    get inFlight() {
      return inFlight.size;
    },
    async handle(changes) {
      const docs = changes.flatMap((c) => (c.doc && !c.deleted && worthALook(c.doc) ? [c.doc] : []));
      if (docs.length) await dispatchAll(await withPendingBefore(docs));
    },
    async sweep() {
      // One query per status, each answered by the delivery-status index.
      const found = await Promise.all(
        (['pending', 'sending'] as const).map((status) =>
          messages().find({
            selector: { 'delivery.status': status, direction: 'outbound', channel: 'telegram' },
            limit: 1000,
          }),
        ),
      );
      // Oldest first, so a chat's backlog goes out in the order it was written.
      return dispatchAll(found.flatMap((f) => f.docs).sort(writtenOrder));
    },
  };
}

// Delivers a team's outbound VK messages with messages.send. As the e-mail sender: the changes feed
// says something is to send, a sweep every `sweepMs` finds retries and follow-ups that came due and
// claims a dead process left `sending`; each message is claimed by a compare-and-swap on the revision
// seen (store/claim-write.ts) and its delivery written through the shared port (../delivery.ts).
// Unlike Telegram, VK takes an idempotency key: `random_id`, derived here from the message doc's id,
// so a message sent again after a crash between VK's answer and the record of it is dropped by VK
// (it answers the id of the message it has), and the customer sees it once.
// VK's errors: 6 (too many requests a second), 10 (VK's internal error) and network failures are
// tried again later, with backoff; the rest (9 flood control, 901/902 the user does not take messages
// from the community, 5 a bad token, 7 no right...) fail the message with VK's reason for reps to see.
// A conversation's messages go one at a time, in the order written; conversations side by side, up to
// `concurrency`; a text over VK's 4096 characters goes in parts.
import { createHash } from 'node:crypto';
import type { ConversationDoc, MessageDoc } from '@app/shared/schemas';
import type { Logger } from 'pino';
import type { Store } from '../../context';
import { createClaimedMessages, createDeliveryPort, onDelivered } from '../delivery';
import { claimOutbound, dueOutbound } from '../outbound-claim';
import { followOutbound } from '../outbound-feed';
import { createRepNames, signedText } from '../rep-names';
import { fromCouch, getDoc, type Stored } from '../../store/couch-docs';
import { VK_ERRORS, VkApiError, type VkApi } from './vk-api';

type StoredMessage = Stored<MessageDoc>;

export type VkSender = {
  sweep(): Promise<number>;
  stop(): Promise<void>;
};

export const MAX_ATTEMPTS = 8;
/** VK's longest message. */
export const VK_MAX_TEXT = 4096;

/** VK's `random_id` of a message (part): a non-zero int32 derived from the doc id, the same on every try. */
export function randomIdOf(docId: string, part = 0): number {
  const n = createHash('sha256')
    .update(part === 0 ? docId : `${docId}#${part}`)
    .digest()
    .readInt32BE(0);
  return n === 0 ? 1 : n;
}

/** Parts of at most VK_MAX_TEXT characters, cut at a line or word end when there is one near. */
export function splitText(text: string, max = VK_MAX_TEXT): string[] {
  const parts: string[] = [];
  let rest = text;
  while (rest.length > max) {
    const window = rest.slice(0, max);
    const cut = Math.max(window.lastIndexOf('\n'), window.lastIndexOf(' '));
    const at = cut > max * 0.6 ? cut : max;
    parts.push(rest.slice(0, at));
    rest = rest.slice(at).replace(/^[ \n]/, '');
  }
  parts.push(rest);
  return parts;
}

/** Tried again later: VK's per-second limit, its internal errors, and anything that is not VK's answer. */
export function isRetryable(err: unknown): boolean {
  if (err instanceof VkApiError)
    return err.code === VK_ERRORS.tooManyPerSecond || err.code === VK_ERRORS.internal;
  return true;
}

export function startVkSender(opts: {
  store: Store;
  teamId: string;
  api: VkApi;
  log: Logger;
  now?: () => Date;
  sweepMs?: number;
  staleClaimMs?: number;
  /** First retry after this long, doubling (default 2 s). */
  retryBaseMs?: number;
  /** Conversations sent to side by side (default 8). */
  concurrency?: number;
}): VkSender {
  const { store, teamId, api } = opts;
  const log = opts.log.child({ component: 'vk-sender' });
  const now = opts.now ?? (() => new Date());
  const staleClaimMs = opts.staleClaimMs ?? 60_000;
  const retryBaseMs = opts.retryBaseMs ?? 2_000;
  const messages = () => store.teamDb<StoredMessage>(teamId, 'messages');
  const claimed = createClaimedMessages();
  const delivered = onDelivered(store, teamId, log);
  const delivery = createDeliveryPort(store, teamId, claimed, (doc) => delivered(doc, now()));
  const concurrency = opts.concurrency ?? 8;
  /** The last queued run of each conversation: the next waits for it (order within a conversation). */
  const chains = new Map<string, Promise<number>>();
  let active = 0;
  const waiting: Array<() => void> = [];
  let stopped = false;

  const names = createRepNames(store);

  const due = (m: MessageDoc, t: Date) => dueOutbound(m, 'vk', t, staleClaimMs);

  const conversationOf = (id: string) => getDoc<ConversationDoc>(store.teamDb(teamId, 'conversations'), id);

  const claim = (raw: StoredMessage, t: Date) => claimOutbound({ store, teamId, claimed }, raw, t);

  /** Sends every part (each with its own random_id); answers VK's id of the last. */
  async function send(doc: MessageDoc): Promise<number> {
    const conv = await conversationOf(doc.conversationId);
    const peer = Number(conv?.externalChatId);
    if (!conv || conv.channel !== 'vk' || !Number.isSafeInteger(peer))
      throw new VkApiError('messages.send', 0, 'the conversation has no VK dialog to answer');
    let id = 0;
    const text = signedText(doc.text, await names.of(doc.author));
    for (const [i, part] of splitText(text).entries())
      id = await api.call<number>('messages.send', {
        peer_id: peer,
        message: part,
        random_id: randomIdOf(doc.id, i),
      });
    return id;
  }

  async function deliver(raw: StoredMessage): Promise<boolean> {
    const t = now();
    const mine = await claim(raw, t);
    if (!mine) return false;
    const doc = fromCouch<MessageDoc>(mine as unknown as Record<string, unknown>);
    const attempts = doc.delivery.attempts ?? 1;
    let vkId: number;
    try {
      vkId = await send(doc);
    } catch (err) {
      const lastError = String((err as Error)?.message ?? err).slice(0, 1000);
      const final = !isRetryable(err) || attempts >= MAX_ATTEMPTS;
      log.warn(
        { err, id: doc.id, attempts, final },
        final ? 'VK message not delivered' : 'VK send failed; will retry',
      );
      if (final)
        await delivery.markFailed(doc.id, {
          attempts,
          lastError,
          at: now().toISOString(),
          ...(err instanceof VkApiError ? { code: err.code } : {}),
          externalMessageIds: [],
        });
      else {
        const nextAttemptAt = new Date(now().getTime() + retryBaseMs * 2 ** (attempts - 1)).toISOString();
        await delivery.markRetrying(doc.id, { attempts, lastError, nextAttemptAt });
      }
      return true;
    }
    await delivery.markSent(doc.id, {
      attempts,
      sentAt: now().toISOString(),
      externalMessageId: String(vkId),
      externalMessageIds: [],
    });
    log.info({ id: doc.id, vkId }, 'VK message sent');
    return true;
  }

  /** Runs `fn` when fewer than `concurrency` conversations are being sent to. */
  async function slot<T>(fn: () => Promise<T>): Promise<T> {
    while (active >= concurrency) await new Promise<void>((r) => waiting.push(r));
    active++;
    try {
      return await fn();
    } finally {
      active--;
      waiting.shift()?.();
    }
  }

  /** Sends a conversation's due messages one at a time, oldest first; answers how many went. */
  async function sendInOrder(list: StoredMessage[]): Promise<number> {
    let n = 0;
    for (const raw of list) {
      if (stopped) break;
      const t = now();
      if (!due(fromCouch<MessageDoc>(raw as unknown as Record<string, unknown>), t)) continue;
      // The copy in hand may be old (the sweep's, queued behind a send): read the current one.
      const current = await getDoc(messages(), raw._id);
      if (current && due(fromCouch<MessageDoc>(current as unknown as Record<string, unknown>), t))
        if (await deliver(current)) n++;
    }
    return n;
  }

  /**
   * Each conversation's messages in the order written, behind what is already queued for it;
   * conversations side by side (up to `concurrency`), all within the API client's 20 calls a second.
   */
  function enqueue(docs: StoredMessage[]): Promise<number> {
    const sorted = [...docs].sort((a, b) =>
      a.createdAt !== b.createdAt ? (a.createdAt < b.createdAt ? -1 : 1) : a._id < b._id ? -1 : 1,
    );
    const byConversation = new Map<string, StoredMessage[]>();
    for (const raw of sorted) {
      const list = byConversation.get(raw.conversationId) ?? [];
      list.push(raw);
      byConversation.set(raw.conversationId, list);
    }
    const runs = [...byConversation].map(([conversationId, list]) => {
      const run = (chains.get(conversationId) ?? Promise.resolve(0))
        .then(() => slot(() => sendInOrder(list)))
        .catch((err: unknown) => {
          log.error({ err, conversationId }, 'VK delivery failed; the messages stay pending');
          return 0;
        });
      chains.set(conversationId, run);
      void run.then(() => {
        if (chains.get(conversationId) === run) chains.delete(conversationId);
      });
      return run;
    });
    return Promise.all(runs).then((counts) => counts.reduce((a, b) => a + b, 0));
  }

  const feed = followOutbound({
    store,
    teamId,
    channel: 'vk',
    checkpointId: `cp:vk-sender:${teamId}`,
    log,
    ...(opts.sweepMs ? { sweepMs: opts.sweepMs } : {}),
    enqueue,
  });

  return {
    sweep: () => feed.sweep(),
    async stop() {
      stopped = true;
      await feed.stop();
      await Promise.all(chains.values());
    },
  };
}

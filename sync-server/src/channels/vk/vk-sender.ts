// VK's transport for the core's outbox (channels/outbox/), and how it is declared: each claimed
// message goes with messages.send to the conversation's dialog, a text over VK's 4096 characters in
// parts, a rep's reply signed with the rep's display name. Unlike Telegram, VK takes an idempotency
// key: `random_id`, derived here from the message doc's id (and the part), so a message sent again
// after a crash between VK's answer and the record of it is dropped by VK (it answers the id of the
// message it has), and the customer sees it once.
// VK's errors: 6 (too many requests a second), 10 (VK's internal error) and network failures come back
// `retry-later` (the outbox backs off from `retryBaseMs`, doubling, up to MAX_ATTEMPTS attempts); the
// rest (9 flood control, 901/902 the user does not take messages from the community, 5 a bad token, 7
// no right...) fail the message with VK's reason for reps to see. Conversations side by side, up to
// `concurrency`, all within the API client's 20 calls a second. An agent's message that offers choices
// (issue 61) carries them as an inline keyboard under its last part (vkChoiceKeyboard), each button's
// payload naming the offer's token and the choice's index; a press comes back as a `message_new` whose
// payload inbound.ts turns into the pick.
import { createHash } from 'node:crypto';
import { choicesOf, offerToken, type Choice } from '../choices';
import type { Logger } from 'pino';
import type { Store } from '../../context';
import type { ChannelDelivery } from '../outbox/host';
import { reasonOf, type OutboxTransport } from '../outbox/transport';
import { createRepNames, signedText } from '../rep-names';
import { VK_ERRORS, VkApiError, type VkApi } from './vk-api';

/** A team's running VK outbox, as the VK runtime keeps it. */
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

/** VK's longest button label. */
const VK_LABEL_MAX = 40;

/** The inline keyboard of an offer (messages.send's `keyboard`): one text button a row. */
export function vkChoiceKeyboard(offerId: string, choices: Choice[]): string {
  const token = offerToken(offerId);
  return JSON.stringify({
    inline: true,
    buttons: choices.slice(0, 4).map((c, i) => [
      {
        action: {
          type: 'text',
          label: c.label.length > VK_LABEL_MAX ? `${c.label.slice(0, VK_LABEL_MAX - 1)}…` : c.label,
          payload: JSON.stringify({ ch: token, i }),
        },
        ...(c.id === 'none' ? { color: 'secondary' } : { color: 'primary' }),
      },
    ]),
  });
}

/** Tried again later: VK's per-second limit, its internal errors, and anything that is not VK's answer. */
export function isRetryable(err: unknown): boolean {
  if (err instanceof VkApiError)
    return err.code === VK_ERRORS.tooManyPerSecond || err.code === VK_ERRORS.internal;
  return true;
}

/** VK's transport over the API client. */
export function vkTransport(opts: {
  store: Store;
  api: VkApi;
  /** First retry after this long, doubling (default 2 s). */
  retryBaseMs?: number;
  /** Conversations sent to side by side (default 8). */
  concurrency?: number;
}): OutboxTransport {
  const { api } = opts;
  const names = createRepNames(opts.store);
  return {
    channel: 'vk',
    concurrency: opts.concurrency ?? 8,
    retry: {
      baseMs: opts.retryBaseMs ?? 2_000,
      maxMs: Number.MAX_SAFE_INTEGER,
      jitter: 0,
      maxAttempts: MAX_ATTEMPTS,
    },
    /** Every part, each with its own random_id; VK's id of the last is the delivery's. */
    async send({ doc, conversation }) {
      const peer = Number(conversation.externalChatId);
      if (conversation.channel !== 'vk' || !Number.isSafeInteger(peer))
        return { kind: 'failed', reason: 'the conversation has no VK dialog to answer' };
      try {
        let id = 0;
        const text = signedText(doc.text, await names.of(doc.author));
        const parts = splitText(text);
        const choices = choicesOf(doc);
        for (const [i, part] of parts.entries())
          id = await api.call<number>('messages.send', {
            peer_id: peer,
            message: part,
            random_id: randomIdOf(doc.id, i),
            ...(choices.length && i === parts.length - 1
              ? { keyboard: vkChoiceKeyboard(doc.id, choices) }
              : {}),
          });
        return { kind: 'sent', externalId: String(id) };
      } catch (err) {
        if (isRetryable(err)) return { kind: 'retry-later', reason: reasonOf(err) };
        return {
          kind: 'failed',
          reason: reasonOf(err),
          ...(err instanceof VkApiError ? { code: err.code } : {}),
        };
      }
    },
  };
}

/** How a team's VK messages are sent (the core's outbox runs over it: channels/outbox/host.ts). */
export function vkDelivery(opts: {
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
}): ChannelDelivery {
  const { store, teamId, api } = opts;
  return {
    teamId,
    transport: vkTransport({
      store,
      api,
      ...(opts.retryBaseMs ? { retryBaseMs: opts.retryBaseMs } : {}),
      ...(opts.concurrency ? { concurrency: opts.concurrency } : {}),
    }),
    log: opts.log.child({ component: 'vk-sender' }),
    ...(opts.now ? { now: opts.now } : {}),
    staleClaimMs: opts.staleClaimMs ?? 60_000,
    checkpointId: `cp:vk-sender:${teamId}`,
    ...(opts.sweepMs ? { sweepMs: opts.sweepMs } : {}),
  };
}

// What a channel gives the outbox (outbox.ts): a transport that sends one claimed message and says how
// it went. `sent` with the channel's id of what the customer got, `retry-later` when another try may
// succeed (a network failure, a rate limit, a 4xx of SMTP, a 5xx of the Bot API: the outbox backs off
// and tries again, keeping the conversation's later messages behind it), `failed` when no try will
// (a 5xx of SMTP, a chat that blocked the bot, a VK user who takes no messages). A transport that
// throws is treated as `retry-later`. The outbox owns everything else: which messages are due, the
// claim, the order, the retries, the delivery steps on the doc, the demo guard and the after-delivery
// hook; a transport never writes the message doc.
import type { ConversationDoc, MessageDoc } from '@app/shared/schemas';
import type { RetryPolicy } from './backoff';

/** A claimed message: the doc as claimed (`delivery.attempts` counts this try) and its conversation. */
export type OutboxMessage = {
  doc: MessageDoc;
  conversation: ConversationDoc;
};

export type SendOutcome =
  /** `externalId`: the channel's id of the (first part of the) message; every part's in `externalIds`. */
  | { kind: 'sent'; externalId: string; externalIds?: number[] }
  /** `afterMs`: the channel said when (Telegram's retry_after); else the outbox's backoff. */
  | { kind: 'retry-later'; reason: string; afterMs?: number }
  | { kind: 'failed'; reason: string; code?: number };

export type OutboxTransport = {
  readonly channel: MessageDoc['channel'];
  /** Whether this outbox sends the conversation's messages (Telegram: the conversation's bot is this one). */
  accepts?(conversation: ConversationDoc): boolean;
  /**
   * Takes the conversation's next turn of the channel's rate limit, waiting while it is far off, and
   * answers when it comes (ms since the epoch; nothing: now). The outbox claims the message at the
   * start of the claim window that holds the turn, with the others of that window (claim-window.ts),
   * so a claim is `sending` while it is sent, not while it queues, and a process killed -9 leaves few
   * claims to wait out as stale. The `send` that follows waits for the turn and takes it; `release`
   * gives it back when the claim was lost or the outbox stopped.
   */
  reserve?(conversation: ConversationDoc, signal: AbortSignal): Promise<number | void>;
  release?(conversation: ConversationDoc): void;
  /** Sends the message once; aborted when the outbox stops. */
  send(message: OutboxMessage, signal: AbortSignal): Promise<SendOutcome>;
  /** The channel's retry policy (backoff.ts); the outbox's default otherwise. */
  readonly retry?: Partial<RetryPolicy>;
  /** Conversations sent to side by side (default: no limit; the transport may limit its rate itself). */
  readonly concurrency?: number;
  /** Called when the outbox stops, after the last send. */
  close?(): void | Promise<void>;
};

/** The reason of an error, as the doc's `lastError` keeps it. */
export function reasonOf(err: unknown): string {
  return String((err as Error | null)?.message ?? err).slice(0, 1000);
}

// Delivers a team's outbound e-mail messages: the changes feed says something is to send (pending,
// channel email), a sweep every `sweepMs` finds retries that came due, follow-ups that became due and
// claims a dead process left `sending`. Each message is claimed by a compare-and-swap on the revision
// seen (of two senders exactly one wins), sent over SMTP (outbound.ts), and its delivery written on
// the doc through the channels' shared delivery port (../delivery.ts): sent with the Message-ID (an
// agent's answer then gets its follow-up planned), or pending again with the next attempt's time
// after a temporary failure (network, SMTP 4xx), or failed after a permanent one (SMTP 5xx) or too
// many attempts.
// A conversation's messages go one at a time, in the order written, so its answers keep their order;
// up to `SENDS` conversations' messages go side by side, over a pool of SMTP sessions kept open
// (a connection, greeting and login per mail made a burst's answers wait on each other).
import type { SsrfPolicy } from '@app/shared/agents';
import type { Logger } from 'pino';
import type { MessageDoc } from '@app/shared/schemas';
import type { Store } from '../../context';
import { createClaimedMessages, createDeliveryPort, onDelivered } from '../delivery';
import { claimOutbound, dueOutbound } from '../outbound-claim';
import { followOutbound } from '../outbound-feed';
import { fromCouch, getDoc, type Stored } from '../../store/couch-docs';
import { pinnedMailTransport, type MailTransport } from './mail-target';
import { sendOutbound } from './outbound';
import type { EmailSettings } from './settings';

type StoredMessage = Stored<MessageDoc>;

export type EmailSender = {
  /** Looks for due messages now (the feed and the timer call it too). */
  sweep(): Promise<number>;
  stop(): Promise<void>;
};

export const MAX_ATTEMPTS = 6;
/** Messages (of different conversations) sent at once; as many SMTP sessions at most. */
const SENDS = 4;

/** SMTP answers that another try will not change (5xx); the rest (4xx, network) are retried. */
export function isPermanent(err: unknown): boolean {
  const code = (err as { responseCode?: unknown } | null)?.responseCode;
  return typeof code === 'number' && code >= 500 && code < 600;
}

export function startEmailSender(opts: {
  store: Store;
  settings: EmailSettings;
  log: Logger;
  /** Tests' own transport; none: the account's, connecting only to checked addresses. */
  transport?: MailTransport;
  /** The outbound policy the SMTP host is checked against (mail-target.ts). */
  policy: SsrfPolicy;
  now?: () => Date;
  sweepMs?: number;
  staleClaimMs?: number;
  /** First retry after this long, doubling (default 30 s). */
  retryBaseMs?: number;
}): EmailSender {
  const { store, settings } = opts;
  const teamId = settings.teamId;
  const log = opts.log.child({ component: 'email-sender' });
  const now = opts.now ?? (() => new Date());
  const transport =
    opts.transport ?? pinnedMailTransport(settings.smtp, opts.policy, { maxConnections: SENDS });
  const staleClaimMs = opts.staleClaimMs ?? 120_000;
  const retryBaseMs = opts.retryBaseMs ?? 30_000;
  const messages = () => store.teamDb<StoredMessage>(teamId, 'messages');
  const claimed = createClaimedMessages();
  // An agent's answer that reached the customer: its follow-up is planned from then.
  const delivered = onDelivered(store, teamId, log);
  const delivery = createDeliveryPort(store, teamId, claimed, (doc) => delivered(doc, now()));
  let stopped = false;

  const due = (m: MessageDoc, t: Date) => dueOutbound(m, 'email', t, staleClaimMs);

  const claim = (raw: StoredMessage, t: Date) => claimOutbound({ store, teamId, claimed }, raw, t);

  async function deliver(raw: StoredMessage): Promise<boolean> {
    const t = now();
    const claimed = await claim(raw, t);
    if (!claimed) return false;
    const doc = fromCouch<MessageDoc>(claimed as unknown as Record<string, unknown>);
    const attempts = doc.delivery.attempts ?? 1;
    try {
      const messageId = await sendOutbound(store, transport, settings, doc, t, log);
      await delivery.markSent(doc.id, {
        attempts,
        sentAt: now().toISOString(),
        externalMessageId: `<${messageId}>`.slice(0, 128),
        externalMessageIds: [],
      });
      log.info({ id: doc.id, messageId }, 'e-mail sent');
    } catch (err) {
      const lastError = String((err as Error)?.message ?? err).slice(0, 1000);
      const final = isPermanent(err) || attempts >= MAX_ATTEMPTS;
      log.warn(
        { err, id: doc.id, attempts, final },
        final ? 'e-mail not delivered' : 'e-mail send failed; will retry',
      );
      const nextAttemptAt = new Date(now().getTime() + retryBaseMs * 2 ** (attempts - 1)).toISOString();
      const code = (err as { responseCode?: unknown }).responseCode;
      if (final)
        await delivery.markFailed(doc.id, {
          attempts,
          lastError,
          at: now().toISOString(),
          ...(typeof code === 'number' ? { code } : {}),
          externalMessageIds: [],
        });
      else await delivery.markRetrying(doc.id, { attempts, lastError, nextAttemptAt });
    }
    return true;
  }

  /** Each conversation's messages in turn, their sends chained after those enqueued before. */
  const chains = new Map<string, Promise<unknown>>();
  let active = 0;
  const waiting: Array<() => void> = [];
  async function slot(): Promise<void> {
    while (active >= SENDS) await new Promise<void>((resolve) => waiting.push(resolve));
    active++;
  }
  const release = () => {
    active--;
    waiting.shift()?.();
  };

  async function sendOne(raw: StoredMessage): Promise<boolean> {
    const t = now();
    if (!due(fromCouch<MessageDoc>(raw as unknown as Record<string, unknown>), t)) return false;
    // The copy in hand may be old (the sweep's, queued behind a send): read the current one.
    const current = await getDoc(messages(), raw._id);
    if (!current || !due(fromCouch<MessageDoc>(current as unknown as Record<string, unknown>), t))
      return false;
    return deliver(current);
  }

  /** Oldest first; a conversation's one at a time, up to `SENDS` conversations side by side. */
  function enqueue(docs: StoredMessage[]): Promise<number> {
    const sorted = [...docs].sort((a, b) =>
      a.createdAt !== b.createdAt ? (a.createdAt < b.createdAt ? -1 : 1) : a._id < b._id ? -1 : 1,
    );
    const byConversation = new Map<string, StoredMessage[]>();
    for (const raw of sorted) {
      const list = byConversation.get(raw.conversationId);
      if (list) list.push(raw);
      else byConversation.set(raw.conversationId, [raw]);
    }
    const runs = [...byConversation].map(([conversationId, list]) => {
      const run = (chains.get(conversationId) ?? Promise.resolve()).then(async () => {
        let n = 0;
        for (const raw of list) {
          if (stopped) break;
          await slot();
          try {
            if (await sendOne(raw)) n++;
          } finally {
            release();
          }
        }
        return n;
      });
      const tail = run.catch(() => undefined);
      chains.set(conversationId, tail);
      void tail.then(() => {
        if (chains.get(conversationId) === tail) chains.delete(conversationId);
      });
      return run.catch((err: unknown) => {
        log.error({ err, conversationId }, 'e-mail delivery failed; the messages stay pending');
        return 0;
      });
    });
    return Promise.all(runs).then((ns) => ns.reduce((a, b) => a + b, 0));
  }

  const feed = followOutbound({
    store,
    teamId,
    channel: 'email',
    checkpointId: `cp:email-sender:${teamId}`,
    log,
    ...(opts.sweepMs ? { sweepMs: opts.sweepMs } : {}),
    enqueue,
  });

  return {
    sweep: () => feed.sweep(),
    async stop() {
      stopped = true;
      await feed.stop();
      await Promise.all([...chains.values()]);
      if (!opts.transport) transport.close();
    },
  };
}

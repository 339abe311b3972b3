// E-mail's transport for the core's outbox (channels/outbox/), and how it is declared: each claimed
// message goes over SMTP (outbound.ts: threading headers, the rep's signature, attachments, a copy
// kept as sent.eml), through a pool of up to `SENDS` SMTP sessions kept open (a connection, greeting
// and login per mail made a burst's answers wait on each other), so up to `SENDS` conversations'
// messages go side by side. SMTP 5xx fails the message (another try will not change it); 4xx and
// network failures come back `retry-later`: the outbox backs off from `retryBaseMs`, doubling, up to
// MAX_ATTEMPTS attempts. Sent: the Message-ID is the delivery's external id. Which messages are due,
// the claim, the order, the retries and the delivery steps are the outbox's.
import type { SsrfPolicy } from '@app/shared/agents';
import type { Logger } from 'pino';
import type { Store } from '../../context';
import type { ChannelDelivery } from '../outbox/host';
import { reasonOf, type OutboxTransport } from '../outbox/transport';
import { pinnedMailTransport, type MailTransport } from './mail-target';
import { sendOutbound } from './outbound';
import type { EmailSettings } from './settings';

/** A team's running e-mail outbox, as the e-mail runtime keeps it. */
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

/** E-mail's transport over an SMTP pool (or tests' own `mail`). */
export function emailTransport(opts: {
  store: Store;
  settings: EmailSettings;
  mail: Pick<MailTransport, 'sendMail'>;
  log: Logger;
  now?: () => Date;
  /** First retry after this long, doubling (default 30 s). */
  retryBaseMs?: number;
}): OutboxTransport {
  const { store, settings, mail, log } = opts;
  const now = opts.now ?? (() => new Date());
  return {
    channel: 'email',
    concurrency: SENDS,
    retry: {
      baseMs: opts.retryBaseMs ?? 30_000,
      maxMs: Number.MAX_SAFE_INTEGER,
      jitter: 0,
      maxAttempts: MAX_ATTEMPTS,
    },
    async send({ doc }) {
      try {
        const messageId = await sendOutbound(store, mail, settings, doc, now(), log);
        return { kind: 'sent', externalId: `<${messageId}>` };
      } catch (err) {
        const code = (err as { responseCode?: unknown } | null)?.responseCode;
        if (!isPermanent(err)) return { kind: 'retry-later', reason: reasonOf(err) };
        return { kind: 'failed', reason: reasonOf(err), ...(typeof code === 'number' ? { code } : {}) };
      }
    },
  };
}

/** How a team's e-mail is sent (the core's outbox runs over it: channels/outbox/host.ts). */
export function emailDelivery(opts: {
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
}): ChannelDelivery {
  const { store, settings } = opts;
  const log = opts.log.child({ component: 'email-sender' });
  const now = opts.now ?? (() => new Date());
  const mail = opts.transport ?? pinnedMailTransport(settings.smtp, opts.policy, { maxConnections: SENDS });
  const transport = emailTransport({
    store,
    settings,
    mail,
    log,
    now,
    ...(opts.retryBaseMs ? { retryBaseMs: opts.retryBaseMs } : {}),
  });
  const closing: OutboxTransport = {
    ...transport,
    close: () => {
      if (!opts.transport) mail.close();
    },
  };
  return {
    teamId: settings.teamId,
    transport: closing,
    log,
    now,
    staleClaimMs: opts.staleClaimMs ?? 120_000,
    checkpointId: `cp:email-sender:${settings.teamId}`,
    ...(opts.sweepMs ? { sweepMs: opts.sweepMs } : {}),
  };
}

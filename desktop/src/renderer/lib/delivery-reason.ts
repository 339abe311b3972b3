// Why an outgoing message is not delivered, in people's words. The senders keep the channel's own
// answer on the message (`delivery.lastError`: Telegram's "403: Forbidden: bot was blocked by the
// user", "network: …", "gave up after 5 attempts: …", the demo guard's sentence); this reads it as a
// reason a rep understands and says whether the server will try again by itself.
import { DEMO_NOT_SENT } from '@app/shared/crm';
import { deliveryStateOf, type MessageDoc } from '@app/shared/schemas';
import type { Translate } from '../i18n/i18n';
import { channelLabel } from '../i18n/labels';

export type DeliveryReason =
  | 'demo'
  | 'blocked'
  | 'deactivated'
  | 'chat-not-found'
  | 'bad-token'
  | 'no-rights'
  | 'refused'
  | 'rate-limited'
  | 'channel-error'
  | 'network'
  | 'unknown';

export type ReadReason = { reason: DeliveryReason; code?: number; attempts?: number };

/** The reason of a sender's error text (its part suffix " (part 2 of 3)" aside). */
export function readDeliveryError(lastError: string): ReadReason {
  if (lastError === DEMO_NOT_SENT) return { reason: 'demo' };
  let text = lastError.replace(/ \(part \d+ of \d+\)$/, '');
  let attempts: number | undefined;
  const gaveUp = /^gave up after (\d+) attempts: (.*)$/s.exec(text);
  if (gaveUp) {
    attempts = Number(gaveUp[1]);
    text = gaveUp[2]!;
  }
  const extra = attempts === undefined ? {} : { attempts };
  if (/^network: /.test(text) || /ECONNREFUSED|ETIMEDOUT|ENOTFOUND|socket hang up/i.test(text))
    return { reason: 'network', ...extra };
  const coded = /^(\d{3}): (.*)$/s.exec(text);
  if (!coded) return { reason: 'unknown', ...extra };
  const code = Number(coded[1]);
  const description = coded[2]!.toLowerCase();
  const reason: DeliveryReason = /blocked by the user/.test(description)
    ? 'blocked'
    : /user is deactivated/.test(description)
      ? 'deactivated'
      : /chat not found|user not found|peer_id_invalid/.test(description)
        ? 'chat-not-found'
        : code === 401 || /unauthorized/.test(description)
          ? 'bad-token'
          : /not enough rights|have no rights|can't initiate|kicked/.test(description)
            ? 'no-rights'
            : code === 429
              ? 'rate-limited'
              : code >= 500
                ? 'channel-error'
                : 'refused';
  return { reason, code, ...extra };
}

export type DeliveryView = {
  /** waiting (to send, or for the server), sending, sent, failed, scheduled, cancelled. */
  state: ReturnType<typeof deliveryStateOf> | 'offline';
  /** The reason, when there is one to tell. */
  why?: string;
  /** Whether a rep may send it again (it failed for a reason a retry may mend). */
  retry: boolean;
};

/**
 * What a message's delivery line says. `online`: whether this device reaches the server (a message
 * written offline waits for it, not for the channel).
 */
export function deliveryView(
  t: Translate,
  m: Pick<MessageDoc, 'delivery' | 'scheduledFor' | 'cancelledAt' | 'channel'>,
  online: boolean,
): DeliveryView {
  const state = deliveryStateOf(m);
  const channel = channelLabel(t, m.channel);
  const error = m.delivery.lastError;
  if (state === 'failed') {
    const r = error ? readDeliveryError(error) : { reason: 'unknown' as const };
    if (r.reason === 'demo') return { state, why: t('delivery.why.demo'), retry: false };
    const why = t(`delivery.why.${r.reason}`, { channel, code: r.code ?? 0 });
    return {
      state,
      why: r.attempts ? t('delivery.gaveUp', { n: r.attempts, why }) : why,
      retry: true,
    };
  }
  if (state === 'pending' && !online && !m.delivery.attempts) {
    return { state: 'offline', why: t('delivery.why.offline'), retry: false };
  }
  if ((state === 'pending' || state === 'sending') && error) {
    const r = readDeliveryError(error);
    return {
      state,
      why: t('delivery.willRetry', { why: t(`delivery.why.${r.reason}`, { channel, code: r.code ?? 0 }) }),
      retry: false,
    };
  }
  return { state, retry: false };
}

/** The delivery a retry writes: waiting to send again, the old error cleared, the attempts kept. */
export function retriedDelivery(d: MessageDoc['delivery']): MessageDoc['delivery'] {
  return { status: 'pending', attempts: d.attempts ?? 0 };
}

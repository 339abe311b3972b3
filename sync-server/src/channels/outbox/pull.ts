// Web chat's transport is a pull: the visitor's widget fetches its conversation's messages, and the
// fetch is the delivery of every outbound one it gets that was not sent yet. That delivery goes
// through the same steps as every channel's (../delivery.ts, `sent` with the attempt and the time, on
// the revision the fetch read, no read first) and the same after-delivery hook (an agent's answer
// gets its follow-up planned from then). Two fetches at once mark a message once: the second meets
// the doc `sent` and writes nothing, so the hook hears of it once.
import type { MessageDoc } from '@app/shared/schemas';
import type { Logger } from 'pino';
import type { Store } from '../../context';
import { createClaimedMessages, createDeliveryPort, onDelivered } from '../delivery';
import type { StoredMessage } from './claim';

/** Marks the fetched outbound messages not yet sent as sent; answers those this call marked. */
export async function deliverPulled(
  deps: { store: Store; teamId: string; log?: Pick<Logger, 'warn'> },
  fetched: StoredMessage[],
  now: Date,
): Promise<MessageDoc[]> {
  const pending = fetched.filter((m) => m.direction === 'outbound' && m.delivery.status !== 'sent');
  if (pending.length === 0) return [];
  const claimed = createClaimedMessages();
  for (const m of pending) claimed.set(m._id, m);
  const marked: MessageDoc[] = [];
  const hook = onDelivered(deps.store, deps.teamId, deps.log ?? { warn: () => undefined });
  const delivery = createDeliveryPort(deps.store, deps.teamId, claimed, (doc) => {
    marked.push(doc);
    hook(doc, now);
  });
  const sentAt = now.toISOString();
  await Promise.all(
    pending.map((m) =>
      delivery.markSent(m._id, {
        attempts: (m.delivery.attempts ?? 0) + 1,
        sentAt,
        externalMessageId: '',
        externalMessageIds: [],
      }),
    ),
  );
  return marked;
}

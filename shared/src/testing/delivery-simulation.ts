// What the server's sender and outbound sweep do, in memory, for the replay CLI and engine tests: every
// due outbound message is delivered at the time it would have gone out (a planned one that is out of
// date is cancelled instead, as the sweep does), and a delivered agent answer gets its follow-up.
import type { MessageDoc } from '../schemas/index';
import type { AgentEngine } from '../agents/engine-types';
import type { AgentPlugin } from '../agents/plugins';
import type { StorePort } from '../agents/ports';
import { plannedMessageOutdated } from '../agents/roles/handoff-wait';

export type DeliveryPass = { sent: MessageDoc[]; cancelled: MessageDoc[] };

/** `plugins`: the packs' plug-ins, whose planned messages go out of date by their own rules. */
export async function deliverDue(
  store: StorePort,
  engine: AgentEngine,
  now: Date,
  plugins: readonly AgentPlugin[],
): Promise<DeliveryPass> {
  const out: DeliveryPass = { sent: [], cancelled: [] };
  const at = now.toISOString();
  const due = (await store.find('messages', { direction: 'outbound' }, { sortBy: 'createdAt' })).filter(
    (m) => !m.cancelledAt && m.delivery.status === 'pending' && (!m.scheduledFor || m.scheduledFor <= at),
  );
  for (const m of due) {
    const conversation = await store.get('conversations', m.conversationId);
    if (m.scheduledFor && conversation && plannedMessageOutdated(m, conversation, plugins)) {
      out.cancelled.push(await store.put('messages', { ...m, cancelledAt: at, updatedAt: at }));
      continue;
    }
    const sentAt = m.scheduledFor ?? m.createdAt;
    const sent = await store.put('messages', {
      ...m,
      delivery: { status: 'sent', attempts: 1, sentAt },
      updatedAt: sentAt,
    });
    out.sent.push(sent);
    if (!m.scheduledFor) await engine.afterDelivery(sent);
  }
  return out;
}

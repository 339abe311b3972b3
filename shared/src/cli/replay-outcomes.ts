// What each customer turn of a replay got: the answer to it (a reply, or a hand-off notice), a status
// sent within the profile's hand-off wait after it, or nothing at all ("silence": a failure). A turn
// that gets several of these counts by the first; `extra` counts messages beyond one per turn.
import { isHandoffStatus, replyIdFor } from '../agents/index';
import type { MessageDoc } from '../schemas/index';

export type TurnOutcome = {
  kind: 'reply' | 'handoff-notice' | 'status' | 'silence';
  text?: string;
  at?: string;
};

export type ReplayedTurn = { message: MessageDoc; handoff: boolean };

const sentAt = (m: MessageDoc) => m.delivery.sentAt ?? m.createdAt;

export function turnOutcomes(turns: ReplayedTurn[], messages: MessageDoc[], waitMs: number): TurnOutcome[] {
  const sent = messages.filter((m) => m.direction === 'outbound' && m.delivery.status === 'sent');
  const byId = new Map(sent.map((m) => [m.id, m]));
  return turns.map(({ message, handoff }) => {
    const reply = byId.get(replyIdFor(message.id));
    if (reply) return { kind: handoff ? 'handoff-notice' : 'reply', text: reply.text, at: sentAt(reply) };
    const until = new Date(Date.parse(message.createdAt) + waitMs).toISOString();
    const status = sent.find(
      (m) =>
        isHandoffStatus(m) &&
        m.conversationId === message.conversationId &&
        sentAt(m) >= message.createdAt &&
        sentAt(m) <= until,
    );
    return status ? { kind: 'status', text: status.text, at: sentAt(status) } : { kind: 'silence' };
  });
}

/** Counts per outcome, and whether no turn met silence. */
export function summarize(outcomes: TurnOutcome[]) {
  const counts = { reply: 0, 'handoff-notice': 0, status: 0, silence: 0 };
  for (const o of outcomes) counts[o.kind]++;
  return { turns: outcomes.length, ...counts, ok: counts.silence === 0 };
}

// Sales analytics computed locally from leads, conversations and messages. Pure.
import {
  leadStages,
  type ConversationDoc,
  type LeadDoc,
  type LeadStage,
  type MessageDoc,
} from '@app/shared/schemas';

export type Funnel = { stage: LeadStage; count: number; reached: number }[];

/** Leads per stage, and how many reached at least that stage (lost leads count only for `new`). */
export function funnel(leads: readonly Pick<LeadDoc, 'stage'>[]): Funnel {
  const counts = new Map<LeadStage, number>(leadStages.map((s) => [s, 0]));
  for (const l of leads) counts.set(l.stage, (counts.get(l.stage) ?? 0) + 1);
  const open: readonly LeadStage[] = leadStages.filter((s) => s !== 'lost');
  return leadStages.map((stage) => {
    const idx = open.indexOf(stage);
    const reached =
      stage === 'lost'
        ? (counts.get('lost') ?? 0)
        : stage === 'new'
          ? leads.length
          : open.slice(idx).reduce((n, s) => n + (counts.get(s) ?? 0), 0);
    return { stage, count: counts.get(stage) ?? 0, reached };
  });
}

export function conversion(leads: readonly Pick<LeadDoc, 'stage'>[]): number {
  const closed = leads.filter((l) => l.stage === 'won' || l.stage === 'lost').length;
  return closed === 0 ? 0 : leads.filter((l) => l.stage === 'won').length / closed;
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  const idx = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[idx]!;
}

/** Time from each conversation's first inbound message to the first outbound answer, in ms. */
export function firstResponseTimes(
  messages: readonly Pick<MessageDoc, 'conversationId' | 'direction' | 'createdAt'>[],
): number[] {
  const firstIn = new Map<string, number>();
  const firstOut = new Map<string, number>();
  for (const m of messages) {
    const t = Date.parse(m.createdAt);
    const map = m.direction === 'inbound' ? firstIn : firstOut;
    const prev = map.get(m.conversationId);
    if (prev === undefined || t < prev) map.set(m.conversationId, t);
  }
  const out: number[] = [];
  for (const [c, tin] of firstIn) {
    const tout = firstOut.get(c);
    if (tout !== undefined && tout >= tin) out.push(tout - tin);
  }
  return out.sort((a, b) => a - b);
}

/** Share of conversations that never needed a human (still in AI mode, no hand-off). */
export function resolvedByAi(
  conversations: readonly Pick<ConversationDoc, 'mode' | 'handoffReason'>[],
): number {
  if (conversations.length === 0) return 0;
  return conversations.filter((c) => c.mode === 'ai' && !c.handoffReason).length / conversations.length;
}

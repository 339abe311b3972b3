// Scoring: qualification 0-100 with reasons (budget, need, authority, timing, engagement), from the
// twin's active facts and the conversation so far. Rules, so the score is explainable and stable.
import type { ContactDoc, LeadDoc, MessageDoc } from '../../schemas/index';
import { positionRank, positionShown } from '../../crm/positions';
import type { StorePort } from '../ports';
import { activeFacts } from '../twin/twin-facts';

type Reason = NonNullable<LeadDoc['score']>['reasons'][number];

const needIntents = new Set(['product_question', 'price', 'delivery', 'order', 'meeting']);

export function scoreLead(
  contact: ContactDoc,
  messages: MessageDoc[],
  intents: string[],
  now: Date,
): NonNullable<LeadDoc['score']> {
  const facts = new Map(activeFacts(contact).map((f) => [f.key, f]));
  const reasons: Reason[] = [];
  const add = (factor: string, points: number, note: string, sourceMessageId?: string) =>
    reasons.push({
      factor,
      points,
      note: note.slice(0, 500),
      ...(sourceMessageId ? { sourceMessageId } : {}),
    });

  const budget = facts.get('budget');
  if (budget) add('budget', 25, `Budget stated: ${budget.value}`, budget.sourceMessageId);

  const need = intents.filter((i) => needIntents.has(i));
  if (intents.includes('order')) add('need', 25, 'Wants to order');
  else if (need.length >= 2 || facts.has('need') || facts.has('team_size'))
    add('need', 20, `Clear need (${[...new Set(need)].join(', ') || 'stated'})`);
  else if (need.length === 1) add('need', 10, `Asked about ${need[0]}`);

  const position = facts.get('position');
  const rank = position && positionRank(position.value);
  if (
    position &&
    (rank === 'owner' || rank === 'head' || /owner|ceo|head|директор|руковод|владел/i.test(position.value))
  ) {
    add('authority', 15, `Decision maker: ${positionShown(position.value)}`, position.sourceMessageId);
  } else if (position)
    add('authority', 7, `Role: ${positionShown(position.value)}`, position.sourceMessageId);

  const meeting = facts.get('meeting_at');
  const timeline = facts.get('timeline');
  if (meeting && meeting.value >= now.toISOString())
    add('timing', 20, `Meeting planned ${meeting.value}`, meeting.sourceMessageId);
  else if (timeline && timeline.value !== 'no rush')
    add('timing', 15, `Timeline: ${timeline.value}`, timeline.sourceMessageId);
  else if (timeline) add('timing', 2, 'No rush', timeline.sourceMessageId);

  const inbound = messages.filter((m) => m.direction === 'inbound').length;
  const contactShared = ['phone', 'email'].filter((k) => facts.has(k)).length;
  const engagement = Math.min(15, Math.min(inbound, 5) * 2 + contactShared * 3);
  if (engagement > 0)
    add('engagement', engagement, `${inbound} messages, ${contactShared} contact details shared`);

  if (intents.includes('complaint')) add('risk', -10, 'Complaint in the conversation');
  if (contact.optOut) add('opt_out', -30, 'Customer opted out');

  const value = Math.max(
    0,
    Math.min(
      100,
      reasons.reduce((s, r) => s + r.points, 0),
    ),
  );
  return { value, reasons, scoredAt: now.toISOString(), scoredBy: 'agent:scoring' };
}

/** Re-scores a lead on demand (a rep's button on the desktop), from its contact's twin and messages. */
export async function rescoreLead(store: StorePort, leadId: string, now: Date): Promise<LeadDoc | undefined> {
  const lead = await store.get('leads', leadId);
  if (!lead?.contactId) return undefined;
  const contact = await store.get('contacts', lead.contactId);
  if (!contact) return undefined;
  const conversation = lead.conversationId
    ? await store.get('conversations', lead.conversationId)
    : undefined;
  const messages = conversation ? await store.find('messages', { conversationId: conversation.id }) : [];
  const intents = (conversation?.tags ?? []).filter((t) => t.startsWith('intent:')).map((t) => t.slice(7));
  const at = now.toISOString();
  const score = scoreLead(contact, messages, intents, now);
  return store.put('leads', {
    ...lead,
    score,
    fieldUpdatedAt: { ...lead.fieldUpdatedAt, score: at },
    updatedAt: at,
  });
}

// Nurturing: follow-ups for quiet leads, as outbound message docs with `scheduledFor` that the sender
// delivers when due. A new customer message cancels pending ones; opt-out, human mode, a profile with
// follow-ups off, or the attempt limit mean none; quiet hours push the time to the next allowed moment.
import { derivedId } from '../doc-ids';
import type { AgentSettingsDoc, ContactDoc, ConversationDoc, MessageDoc } from '../../schemas/index';
import { detectLanguage } from '../../llm/offline/text-features';
import { outsideQuietHours, selectProfile } from '../profiles';
import { cancelledBy } from './planned-messages';
import type { StorePort } from '../ports';
import { pluginKindOf, type AgentPlugin } from '../plugins';

const texts = {
  ru: [
    'Здравствуйте! Остались ли у вас вопросы? Я могу подобрать тариф или назначить звонок с менеджером.',
    'Напоминаем о себе: если предложение ещё актуально, напишите, и мы всё подготовим.',
  ],
  en: [
    'Hello! Do you have any questions left? I can suggest a plan or book a call with a manager.',
    'Just checking in: if this is still relevant, reply and we will get everything ready.',
  ],
};

/**
 * A follow-up planned and not yet sent: what a customer's message cancels (planned-messages.ts; a
 * hand-off's status and a reminder before the client's event are not follow-ups).
 */
export const isPendingFollowUp = (m: MessageDoc, plugins: readonly AgentPlugin[]) =>
  cancelledBy('message', m, plugins);

/** An answer written and not yet delivered (pending or being sent): no follow-up is planned meanwhile. */
export const isInFlight = (m: MessageDoc) =>
  m.direction === 'outbound' &&
  !m.scheduledFor &&
  !m.cancelledAt &&
  (m.delivery.status === 'pending' || m.delivery.status === 'sending');

export async function cancelFollowUps(
  store: StorePort,
  conversationId: string,
  now: Date,
  plugins: readonly AgentPlugin[],
): Promise<MessageDoc[]> {
  const at = now.toISOString();
  const pending = (await store.find('messages', { conversationId, direction: 'outbound' })).filter((m) =>
    isPendingFollowUp(m, plugins),
  );
  const out: MessageDoc[] = [];
  for (const m of pending) out.push(await store.put('messages', { ...m, cancelledAt: at, updatedAt: at }));
  return out;
}

export type FollowUpDecision = { planned?: MessageDoc; skipped?: string };

export async function planFollowUp(
  store: StorePort,
  input: {
    conversation: ConversationDoc;
    contact: ContactDoc;
    profile: AgentSettingsDoc;
    language: 'ru' | 'en';
    from: Date;
    now: Date;
    runId?: string;
    /** The packs' plug-ins: their planned messages are no follow-ups. */
    plugins: readonly AgentPlugin[];
  },
): Promise<FollowUpDecision> {
  const { conversation, contact, profile } = input;
  const cfg = profile.followUp ?? { enabled: true, afterHours: 24, maxAttempts: 2 };
  if (!cfg.enabled) return { skipped: 'follow-ups are off in the profile' };
  if (contact.optOut) return { skipped: 'customer opted out' };
  if (contact.agentAccess === 'deny') return { skipped: 'agents may not contact this customer' };
  if (conversation.mode === 'human') return { skipped: 'a rep handles the conversation' };
  const all = await store.find('messages', { conversationId: conversation.id, direction: 'outbound' });
  if (all.some((m) => isPendingFollowUp(m, input.plugins)))
    return { skipped: 'a follow-up is already planned' };
  if (all.some(isInFlight)) return { skipped: 'an answer is still on its way' };
  const lastInbound = conversation.lastInboundAt ?? '';
  const sinceCustomer = all.filter(
    (m) => m.scheduledFor && m.createdAt >= lastInbound && !m.cancelledAt && !pluginKindOf(m, input.plugins),
  );
  const max = cfg.maxAttempts ?? 2;
  if (sinceCustomer.length >= max)
    return { skipped: `already ${sinceCustomer.length} follow-ups without an answer` };
  const due = new Date(input.from.getTime() + (cfg.afterHours ?? 24) * 3_600_000);
  const scheduledFor = outsideQuietHours(profile, due);
  const at = input.now.toISOString();
  const n = all.filter((m) => m.scheduledFor).length + 1;
  const text = texts[input.language][Math.min(sinceCustomer.length, 1)]!;
  const planned: MessageDoc = {
    id: derivedId(conversation.id, 'followup', String(n)),
    conversationId: conversation.id,
    contactId: contact.id,
    channel: conversation.channel,
    direction: 'outbound',
    author: { kind: 'agent', id: profile.id, name: 'nurturing' },
    text,
    attachments: [],
    delivery: { status: 'pending' },
    idempotencyKey: `followup:${conversation.id}:${n}`.slice(0, 200),
    ...(input.runId ? { runId: input.runId } : {}),
    scheduledFor: scheduledFor.toISOString(),
    createdAt: at,
    updatedAt: at,
  };
  await store.put('messages', planned);
  return { planned };
}

/**
 * The follow-up after an agent's answer reached the customer (the sender marked it sent): planned from
 * the delivery time, unless the customer wrote since or nurturing says no (planFollowUp). Never while
 * the answer is in flight, so a follow-up never overtakes or outlives the answer it follows.
 */
export async function planFollowUpAfterDelivery(
  store: StorePort,
  answer: MessageDoc,
  now: Date,
  plugins: readonly AgentPlugin[],
): Promise<FollowUpDecision> {
  if (answer.direction !== 'outbound' || answer.scheduledFor || answer.author.kind !== 'agent')
    return { skipped: 'not an agent answer' };
  if (answer.delivery.status !== 'sent') return { skipped: 'not delivered' };
  const conversation = await store.get('conversations', answer.conversationId);
  const contact = conversation && (await store.get('contacts', conversation.contactId));
  if (!conversation || !contact) return { skipped: 'no conversation' };
  if ((conversation.lastInboundAt ?? '') > answer.createdAt) return { skipped: 'the customer wrote since' };
  const profile = await selectProfile(store, conversation);
  return planFollowUp(store, {
    conversation,
    contact,
    profile,
    language: contact.language ?? detectLanguage(answer.text),
    from: new Date(answer.delivery.sentAt ?? now.toISOString()),
    now,
    plugins,
    ...(answer.runId ? { runId: answer.runId } : {}),
  });
}

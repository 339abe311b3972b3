// No silence after a hand-off. A hand-off starts the customer's wait (`conversation.waitingSince`, which
// the Inbox lists) and plans a status message for the end of the profile's wait (`handoffWaitMinutes`),
// delivered like a follow-up (`scheduledFor`, the server's outbound sweep). A rep who writes first
// ends the wait and the status is cancelled; otherwise the customer gets it, and from then on the AI
// answers again (telling the customer) until a rep writes; with the team's AI replies paused (its plan's
// month used up) the status promises nothing of the AI, only the manager. Out of working hours the
// texts say when a human will answer.
import { pluginKindOf, type AgentPlugin } from '../plugins';
import { derivedId } from '../doc-ids';
import {
  handoffWaitMinutesOf,
  type AgentSettingsDoc,
  type ContactDoc,
  type ConversationDoc,
  type MessageDoc,
} from '../../schemas/index';
import { toWallClock } from '../../time/zoned-time';
import type { StorePort } from '../ports';
import { isWorkingTime, nextWorkingTime, timeZoneOf } from '../profiles';

type Lang = 'ru' | 'en';

/** The idempotency key of a hand-off status starts with this (the doc says what it is for). */
const statusKeyPrefix = 'handoff-status:';

export const isHandoffStatus = (m: Pick<MessageDoc, 'idempotencyKey'>) =>
  m.idempotencyKey.startsWith(statusKeyPrefix);

/** When the customer's wait ends, or undefined when nobody waits. */
export function waitEndsAt(conversation: ConversationDoc, profile: AgentSettingsDoc): Date | undefined {
  if (!conversation.waitingSince) return undefined;
  return new Date(Date.parse(conversation.waitingSince) + handoffWaitMinutesOf(profile) * 60_000);
}

const weekdays = {
  ru: ['вс', 'пн', 'вт', 'ср', 'чт', 'пт', 'сб'],
  en: ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'],
};

/** "пн 09:00 (Europe/Moscow)": a moment on the profile's wall clock. */
export function formatLocal(date: Date, profile: AgentSettingsDoc, lang: Lang): string {
  const tz = timeZoneOf(profile);
  const wall = toWallClock(date, tz);
  return `${weekdays[lang][wall.getUTCDay()]} ${wall.toISOString().slice(11, 16)} (${tz})`;
}

/** Out of working hours: when a human will answer; empty during working hours. */
export function whenHumanAnswers(profile: AgentSettingsDoc, at: Date, lang: Lang): string {
  if (isWorkingTime(profile, at)) return '';
  const next = nextWorkingTime(profile, at);
  if (!next) return lang === 'ru' ? ' Сейчас нерабочее время.' : ' It is outside working hours now.';
  const when = formatLocal(next, profile, lang);
  return lang === 'ru'
    ? ` Сейчас нерабочее время: менеджер ответит ${when}.`
    : ` It is outside working hours: a manager will answer on ${when}.`;
}

/**
 * What a hand-off notice adds about when a human answers: in working hours within the profile's wait
 * (after it the customer gets a status and the AI again), out of them when work starts again.
 */
export function handoffEta(profile: AgentSettingsDoc, at: Date, lang: Lang): string {
  if (!isWorkingTime(profile, at)) return whenHumanAnswers(profile, at, lang);
  const minutes = handoffWaitMinutesOf(profile);
  const within = new Intl.NumberFormat(lang, { style: 'unit', unit: 'minute', unitDisplay: 'long' }).format(
    minutes,
  );
  return lang === 'ru'
    ? ` Обычное время ответа менеджера — ${within}.`
    : ` A manager usually replies within ${within}.`;
}

const texts = {
  status: {
    ru: 'Менеджер пока не ответил, извините за ожидание. Я продолжу помогать: задайте вопрос, а менеджер подключится, как только сможет.',
    en: 'A manager has not answered yet, sorry for the wait. I will keep helping meanwhile: ask me anything, and a manager will join as soon as they can.',
  },
  /**
   * The AI replies are paused (the plan's month is used up): no AI help is promised, and the customer
   * is not told about the team's plan.
   */
  paused: {
    ru: 'Менеджер пока не ответил, извините за ожидание. Он ответит на ваши вопросы, как только сможет.',
    en: 'A manager has not answered yet, sorry for the wait. They will answer your questions as soon as they can.',
  },
  resumed: {
    ru: 'Менеджер пока не ответил, поэтому отвечу я.',
    en: 'A manager has not answered yet, so I will answer.',
  },
};

/** Told to the customer when the AI answers again before the status went out. */
export const resumedNote = (lang: Lang) => texts.resumed[lang];

/** The id of the status a hand-off of `messageId` plans: in the message's conversation. */
export const handoffStatusIdFor = (conversationId: string, messageId: string) =>
  derivedId(conversationId, 'handoff-status', messageId);

/** Plans the status for the end of the wait (one per hand-off message: a replay writes the same doc). */
export async function planHandoffStatus(
  store: StorePort,
  input: {
    conversation: ConversationDoc;
    contact: ContactDoc;
    profile: AgentSettingsDoc;
    language: Lang;
    messageId: string;
    now: Date;
    runId: string;
    /** The team's AI replies are paused: the status does not offer the AI's help. */
    aiPaused?: boolean;
  },
): Promise<MessageDoc> {
  const { conversation, profile, language, now } = input;
  const due = new Date(now.getTime() + handoffWaitMinutesOf(profile) * 60_000);
  const at = now.toISOString();
  const id = handoffStatusIdFor(conversation.id, input.messageId);
  const existing = await store.get('messages', id);
  if (existing) return existing;
  return store.put('messages', {
    id,
    conversationId: conversation.id,
    contactId: input.contact.id,
    channel: conversation.channel,
    direction: 'outbound',
    author: { kind: 'agent', id: profile.id, name: `${profile.name} (auto)`.slice(0, 200) },
    text: texts[input.aiPaused ? 'paused' : 'status'][language] + whenHumanAnswers(profile, due, language),
    attachments: [],
    delivery: { status: 'pending' },
    idempotencyKey: `${statusKeyPrefix}${input.messageId}`.slice(0, 200),
    runId: input.runId,
    scheduledFor: due.toISOString(),
    createdAt: at,
    updatedAt: at,
  });
}

/** The pending statuses of a conversation (not yet sent, not cancelled). */
export async function pendingStatuses(store: StorePort, conversationId: string): Promise<MessageDoc[]> {
  return (await store.find('messages', { conversationId, direction: 'outbound' })).filter(
    (m) => isHandoffStatus(m) && !m.cancelledAt && m.delivery.status === 'pending',
  );
}

/**
 * Whether a planned message is out of date when it falls due: a follow-up once the customer wrote
 * after it was planned; a hand-off status once nobody waits any more (a rep wrote, or the
 * conversation is back with the AI). The server's outbound sweep and the replay use it alike.
 */
export function plannedMessageOutdated(
  message: MessageDoc,
  conversation: ConversationDoc,
  plugins: readonly AgentPlugin[],
): boolean {
  if (isHandoffStatus(message)) return conversation.mode !== 'human' || !conversation.waitingSince;
  // A plug-in's (a reminder before the client's event) goes by its own rule: by default it stands
  // whatever the client writes (a new date replans it).
  const owned = pluginKindOf(message, plugins);
  if (owned) return owned.outdated?.(message, conversation) ?? false;
  return !!conversation.lastInboundAt && conversation.lastInboundAt > message.createdAt;
}

/** Whether a rep wrote to the customer at or after `since`. */
export const repWroteSince = (messages: MessageDoc[], since: string) =>
  messages.some((m) => m.direction === 'outbound' && m.author.kind === 'rep' && m.createdAt >= since);

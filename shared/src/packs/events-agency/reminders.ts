// Communication's reminders before the event (issue 39): when Maestro records an event with a date
// ahead, the client gets a reminder 7 days and 1 day before it, in the client's language, as planned
// outbound messages (`scheduledFor`) in the client's conversation, which the channel's outbox sends
// when due, like the follow-ups. Unlike a follow-up, a reminder is not cancelled when the client writes
// again, and it does not count as one; a new event date cancels the reminders of the old one and plans
// new ones. A reminder's text is the template, in Communication's own words when the profile gives
// that role a model (role-compose.ts). None for a client who opted out or whom agents may not contact.
import { derivedId } from '../../agents/doc-ids';
import { outsideQuietHours } from '../../agents/profiles';
import type { RunContext } from '../../agents/run-context';
import type { MessageDoc } from '../../schemas/index';
import { composeAs } from '../role-compose';
import { isEventReminder, reminderKeyPrefix as keyPrefix } from './reminder-key';

/** Days before the event a reminder goes out. */
export const reminderDays = [7, 1] as const;

type Lang = 'en' | 'ru';

function reminderText(days: number, title: string, when: string, city: string | undefined, lang: Lang) {
  const where = city ? `, ${city}` : '';
  if (lang === 'ru')
    return days === 1
      ? `Напоминаем: завтра ваше мероприятие — ${title}, ${when}${where}. Мы на связи, если нужно что-то уточнить.`
      : `Напоминаем: до вашего мероприятия осталось ${days} дней — ${title}, ${when}${where}. Если что-то изменилось (гости, время, пожелания), напишите нам.`;
  return days === 1
    ? `A reminder: your event is tomorrow — ${title}, ${when}${where}. We are here if anything needs checking.`
    : `A reminder: your event is ${days} days away — ${title}, ${when}${where}. If anything has changed (guests, timing, wishes), just let us know.`;
}

const dayOf = (ymd: string, lang: Lang) =>
  new Intl.DateTimeFormat(lang === 'ru' ? 'ru-RU' : 'en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(`${ymd}T00:00:00.000Z`));

/** Cancels the deal's pending reminders of another date; returns the ids of those kept. */
async function cancelOtherDates(ctx: RunContext, date: string): Promise<Set<string>> {
  const pending = (
    await ctx.store.find('messages', { conversationId: ctx.conversation.id, direction: 'outbound' })
  ).filter((m) => isEventReminder(m) && !m.cancelledAt && m.delivery.status === 'pending');
  const at = ctx.now.toISOString();
  const kept = new Set<string>();
  for (const m of pending) {
    if (m.idempotencyKey.includes(`:${date}:`)) kept.add(m.id);
    else await ctx.store.put('messages', { ...m, cancelledAt: at, updatedAt: at });
  }
  return kept;
}

/** Plans the reminders of the event on `date` (YYYY-MM-DD) that are still ahead; returns those planned. */
export async function planEventReminders(
  ctx: RunContext,
  event: { date: string; title: string; city?: string },
  lang: Lang,
): Promise<MessageDoc[]> {
  if (ctx.contact.optOut || ctx.contact.agentAccess === 'deny') return [];
  const kept = await cancelOtherDates(ctx, event.date);
  const planned: MessageDoc[] = [];
  const at = ctx.now.toISOString();
  for (const days of reminderDays) {
    // 09:00 UTC on the day, moved out of the profile's quiet hours.
    const due = new Date(Date.parse(`${event.date}T09:00:00.000Z`) - days * 86_400_000);
    if (due <= ctx.now) continue;
    const id = derivedId(ctx.lead.id, 'event-reminder', event.date, String(days));
    if (kept.has(id) || (await ctx.store.get('messages', id))) continue;
    const draft = reminderText(days, event.title, dayOf(event.date, lang), event.city, lang);
    const { text } = await composeAs(ctx, 'communication', draft, lang);
    const doc: MessageDoc = {
      id,
      conversationId: ctx.conversation.id,
      contactId: ctx.contact.id,
      channel: ctx.conversation.channel,
      direction: 'outbound',
      author: { kind: 'agent', id: ctx.profile.id, name: 'communication' },
      text,
      attachments: [],
      delivery: { status: 'pending' },
      idempotencyKey: `${keyPrefix}${ctx.lead.id}:${event.date}:${days}`.slice(0, 200),
      runId: ctx.runId,
      scheduledFor: outsideQuietHours(ctx.profile, due).toISOString(),
      createdAt: at,
      updatedAt: at,
    };
    planned.push(await ctx.store.put('messages', doc));
  }
  return planned;
}

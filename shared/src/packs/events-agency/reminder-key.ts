// How a reminder before the client's event (reminders.ts) is told from a follow-up: its idempotency
// key. The pack's plug-in (plugin.ts) gives it to the engine's rules for planned messages.
import type { MessageDoc } from '../../schemas/messages';

export const reminderKeyPrefix = 'event-reminder:';

export const isEventReminder = (m: Pick<MessageDoc, 'idempotencyKey'>) =>
  m.idempotencyKey.startsWith(reminderKeyPrefix);

// How a reminder before the client's event (reminders.ts) is told from a follow-up: its idempotency
// key. A leaf module, so nurturing and the hand-off wait read it without importing the pack.
import type { MessageDoc } from '../../schemas/messages';

export const reminderKeyPrefix = 'event-reminder:';

export const isEventReminder = (m: Pick<MessageDoc, 'idempotencyKey'>) =>
  m.idempotencyKey.startsWith(reminderKeyPrefix);

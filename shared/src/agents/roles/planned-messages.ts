// Which planned messages (outbound, with `scheduledFor`, not yet sent) the customer's turn cancels: the
// one rule, used by the agents engine (nurturing.ts, a message that starts a run) and by the server's
// intake (a message the bot answered itself, /help; an opt-out, /stop). A follow-up asks the customer
// to come back, so any message of theirs makes it moot. A hand-off's status ("a manager answers by
// 15:00") is about their question, and a reminder before their event is a service they asked for: both
// stay when they write. An opt-out ends every planned message (none is planned for a customer who
// opted out: nurturing.ts, reminders.ts).
import type { MessageDoc } from '../../schemas/index';
import { isEventReminder } from '../../packs/events-agency/reminder-key';
import { isHandoffStatus } from './handoff-wait';

export type PlannedKind = 'follow-up' | 'handoff-status' | 'event-reminder';

/** What the customer did: wrote a message (any, /help too), or opted out. */
export type CustomerTurn = 'message' | 'opt-out';

type Planned = Pick<MessageDoc, 'direction' | 'scheduledFor' | 'cancelledAt' | 'delivery' | 'idempotencyKey'>;

export const plannedKind = (m: Pick<MessageDoc, 'idempotencyKey'>): PlannedKind =>
  isHandoffStatus(m) ? 'handoff-status' : isEventReminder(m) ? 'event-reminder' : 'follow-up';

const cancels: Record<CustomerTurn, ReadonlySet<PlannedKind>> = {
  message: new Set(['follow-up']),
  'opt-out': new Set(['follow-up', 'handoff-status', 'event-reminder']),
};

/** A message planned and not yet sent or cancelled. */
export const isPlanned = (m: Planned) =>
  m.direction === 'outbound' && !!m.scheduledFor && !m.cancelledAt && m.delivery.status === 'pending';

/** Whether the customer's turn cancels this message (only planned messages are ever cancelled). */
export const cancelledBy = (turn: CustomerTurn, m: Planned): boolean =>
  isPlanned(m) && cancels[turn].has(plannedKind(m));

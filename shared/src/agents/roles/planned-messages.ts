// Which planned messages (outbound, with `scheduledFor`, not yet sent) the customer's turn cancels: the
// one rule, used by the agents engine (nurturing.ts, a message that starts a run) and by the server's
// intake (a message the bot answered itself, /help; an opt-out, /stop). A follow-up asks the customer
// to come back, so any message of theirs makes it moot. A hand-off's status ("a manager answers by
// 15:00") is about their question, and a reminder before their event is a service they asked for: both
// stay when they write. An opt-out ends every planned message (none is planned for a customer who
// opted out: nurturing.ts, reminders.ts). A plug-in's planned messages (the events pack's reminders)
// follow the rules the plug-in gives (plugins.ts), so every caller passes the packs' plug-ins.
import type { MessageDoc } from '../../schemas/index';
import { pluginKindOf, type AgentPlugin, type CustomerTurn } from '../plugins';
import { isHandoffStatus } from './handoff-wait';

export type { CustomerTurn } from '../plugins';

/** The engine's own kinds, or a plug-in's ('event-reminder'). */
export type PlannedKind = 'follow-up' | 'handoff-status' | (string & {});

type Planned = Pick<MessageDoc, 'direction' | 'scheduledFor' | 'cancelledAt' | 'delivery' | 'idempotencyKey'>;

export const plannedKind = (
  m: Pick<MessageDoc, 'idempotencyKey'>,
  plugins: readonly AgentPlugin[],
): PlannedKind => (isHandoffStatus(m) ? 'handoff-status' : (pluginKindOf(m, plugins)?.kind ?? 'follow-up'));

const cancels: Record<CustomerTurn, ReadonlySet<PlannedKind>> = {
  message: new Set(['follow-up']),
  'opt-out': new Set(['follow-up', 'handoff-status']),
};

/** A message planned and not yet sent or cancelled. */
export const isPlanned = (m: Planned) =>
  m.direction === 'outbound' && !!m.scheduledFor && !m.cancelledAt && m.delivery.status === 'pending';

/** Whether the customer's turn cancels this message (only planned messages are ever cancelled). */
export function cancelledBy(turn: CustomerTurn, m: Planned, plugins: readonly AgentPlugin[]): boolean {
  if (!isPlanned(m)) return false;
  const owned = isHandoffStatus(m) ? undefined : pluginKindOf(m, plugins);
  return owned ? owned.cancelledBy.includes(turn) : cancels[turn].has(plannedKind(m, plugins));
}

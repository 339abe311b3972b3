// The plan's history (`historyDays`: Free 90 days, Pro 365, Business and Unlimited all of it) is how
// far back the API and the sync gateway show conversations and messages. Soft, like every limit that
// could lose data: nothing older is deleted or changed, it is only left out of the API's reads (the
// conversation list, a conversation, its messages) and of what devices replicate while the team is on
// that plan; a larger plan shows it all again (devices pull those collections again). A conversation
// counts by its last message, so one a customer writes in again is shown, with its messages from
// inside the window. A device keeps what it replicated before a smaller plan. The server's
// conversation routes (sync-server/src/api/conversations.ts) and its gateway
// (sync-server/src/gateway/history.ts) call it.
import { DomainError } from '../errors';
import { planNames, type PlanId, type PlanLimits } from './plans';

const DAY_MS = 86_400_000;

/**
 * The sync gateway's response header naming the history the team's plan shows, in days, or `all`:
 * the app names its history collections' replications after it (desktop's data/replication.ts).
 */
export const HISTORY_HEADER = 'x-history-days';

/** From when the API shows history, for a plan that limits it. */
export type HistoryWindow = { since: string; plan: PlanId; days: number };

/** What answers a team's plan (billing's `planOf`). */
export type PlanReader = { planOf(teamId: string): Promise<{ plan: PlanId; limits: PlanLimits }> };

/** The team's history window now, or undefined when its plan shows all of it (or there are no plans). */
export async function historyWindow(
  plans: Partial<PlanReader> | undefined,
  teamId: string,
  now: Date,
): Promise<HistoryWindow | undefined> {
  if (!plans?.planOf) return undefined;
  const { plan, limits } = await plans.planOf(teamId);
  const days = limits.historyDays;
  if (days === null) return undefined;
  return { since: new Date(now.getTime() - days * DAY_MS).toISOString(), plan, days };
}

/** Whether something of time `at` (ISO) is inside the window. */
export const withinHistory = (window: HistoryWindow | undefined, at: unknown): boolean =>
  !window || (typeof at === 'string' && at >= window.since);

/** A conversation's time for the window: its last message (then its last change, its start). */
export const conversationTime = (doc: Record<string, unknown>): unknown =>
  doc.lastMessageAt ?? doc.updatedAt ?? doc.createdAt;

/** The 402 for a conversation asked for by id that lies before the window (kept, not shown). */
export function outsideHistory(window: HistoryWindow): DomainError {
  const name = planNames[window.plan];
  const messages = {
    en: `The ${name.en} plan shows the last ${window.days} days of history; this conversation is older. It is kept: a larger plan shows it again.`,
    ru: `Тариф «${name.ru}» показывает историю за последние ${window.days} дн.; этот диалог старше. Он сохранён: на тарифе больше он снова виден.`,
  };
  return new DomainError('plan-limit-reached', messages.en, {
    details: { limit: 'historyDays', plan: window.plan, max: window.days, messages },
  });
}

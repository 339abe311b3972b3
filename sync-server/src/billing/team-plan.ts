// A team's plan as billing (or the operator) set it: one doc per team in `app_runtime`
// (`billing:plan:<team>`), out of the team's own databases, so no backup, restore or replication of
// the team's data can change it, and no team admin can through the API. A team without one is on
// the server's default plan (BILLING_DEFAULT_PLAN, `unlimited` for self-hosting).
// The plan in force follows payment: a failed renewal keeps the paid plan for the grace days, then
// the team is on Free; nothing of its data is removed, only the limits change.
import { isPlanId, type PlanId } from '@app/shared/billing';
import type { Store } from '../context';
import { systemDocs } from '../store/data';

export type PlanSource = 'default' | 'operator' | 'stripe' | 'yookassa';

export type TeamPlanDoc = {
  _id: string;
  _rev?: string;
  type: 'billing-plan';
  teamId: string;
  plan: PlanId;
  source: Exclude<PlanSource, 'default'>;
  /** `past_due`: a renewal failed; the plan holds until `graceUntil`. */
  status: 'active' | 'past_due';
  graceUntil?: string;
  /** The period paid for (YooKassa's monthly payments): past it, the grace days, then Free. */
  paidUntil?: string;
  customerId?: string;
  subscriptionId?: string;
  /** YooKassa: the saved card the next month is charged on (billing/renewals.ts). */
  paymentMethodId?: string;
  /** The provider's time of the last event applied: an older one arriving late changes nothing. */
  lastEventAt?: string;
  updatedAt: string;
};

export const teamPlanDocId = (teamId: string) => `billing:plan:${teamId}`;

export type PlanInForce = {
  plan: PlanId;
  source: PlanSource;
  /** `grace`: payment failed or is due, the paid plan holds until `graceUntil`; `lapsed`: on Free since. */
  status: 'active' | 'grace' | 'lapsed';
  graceUntil?: string;
  paidUntil?: string;
};

/** What is in force now for the stored doc (none: the default plan). */
export function planInForce(
  doc: TeamPlanDoc | undefined,
  defaultPlan: PlanId,
  now: Date,
  graceDays: number,
): PlanInForce {
  if (!doc || !isPlanId(doc.plan)) return { plan: defaultPlan, source: 'default', status: 'active' };
  const base = { source: doc.source, ...(doc.paidUntil ? { paidUntil: doc.paidUntil } : {}) };
  // The end of the grace: set by a failed renewal, or the paid month's end plus the grace days.
  const graceUntil =
    doc.status === 'past_due' && doc.graceUntil
      ? doc.graceUntil
      : doc.paidUntil && Date.parse(doc.paidUntil) < now.getTime()
        ? new Date(Date.parse(doc.paidUntil) + graceDays * 86_400_000).toISOString()
        : undefined;
  if (!graceUntil || doc.plan === 'free') return { ...base, plan: doc.plan, status: 'active' };
  if (Date.parse(graceUntil) > now.getTime()) return { ...base, plan: doc.plan, status: 'grace', graceUntil };
  return { ...base, plan: 'free', status: 'lapsed', graceUntil };
}

const plans = (store: Store) => systemDocs<TeamPlanDoc>(store, 'app_runtime');
/** The stored doc if it is the team's plan doc. */
const planOf = (doc: TeamPlanDoc | null, teamId: string) =>
  doc?.type === 'billing-plan' && doc.teamId === teamId ? doc : undefined;

export async function readTeamPlan(store: Store, teamId: string): Promise<TeamPlanDoc | undefined> {
  return planOf(await plans(store).get(teamPlanDocId(teamId)), teamId);
}

/**
 * Changes a team's plan doc by `change` (read, changed, written on its revision; retried when another
 * write came between). `change` answers undefined to leave it as it is.
 */
export async function updateTeamPlan(
  store: Store,
  teamId: string,
  change: (current: TeamPlanDoc | undefined) => TeamPlanDoc | undefined,
): Promise<TeamPlanDoc | undefined> {
  let current: TeamPlanDoc | undefined;
  let changed = false;
  const written = await plans(store).update(teamPlanDocId(teamId), (stored) => {
    current = planOf(stored, teamId);
    const next = change(current);
    changed = next !== undefined;
    return next && { ...next, _id: teamPlanDocId(teamId), teamId, type: 'billing-plan' };
  });
  return changed && written ? written : current;
}

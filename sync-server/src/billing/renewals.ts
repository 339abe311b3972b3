// YooKassa's automatic renewal: a team paying through YooKassa with a saved card (its plan doc's
// `paymentMethodId`, from the first payment) is charged for the next month when its paid month ends
// within `aheadMs`. The charge's Idempotence-Key names the team and the period it renews, so two
// processes, or a pass repeated after a crash, charge once. YooKassa's answer is applied like its
// notification (webhooks.ts, once per payment and status): succeeded moves `paidUntil` a month on,
// canceled (the card declined) starts the grace days, then Free; pending waits for the notification.
import { isPaidPlan } from '@app/shared/billing';
import type { Logger } from 'pino';
import type { Store } from '../context';
import { systemDocs } from '../store/data';
import type { TeamPlanDoc } from './team-plan';
import { applyPlanEvent, yooKassaPlanEvent, type EventOutcome } from './webhooks';
import { chargeSavedMethod, type YooKassaConfig } from './yookassa';

export type RenewalDeps = {
  store: Store;
  yookassa: YooKassaConfig;
  now: () => Date;
  graceDays: number;
  log: Logger;
  /** How long before the paid month ends it is renewed (default a day). */
  aheadMs?: number;
};

const DAY_MS = 86_400_000;

/** Plan docs of teams whose YooKassa month ends within `aheadMs` and that have a saved card. */
async function dueTeams(deps: RenewalDeps): Promise<TeamPlanDoc[]> {
  const plans = await systemDocs<TeamPlanDoc>(deps.store, 'app_runtime').withPrefix('billing:plan:');
  const until = deps.now().getTime() + (deps.aheadMs ?? DAY_MS);
  return plans.filter(
    (d) =>
      d.type === 'billing-plan' &&
      d.source === 'yookassa' &&
      d.status === 'active' &&
      isPaidPlan(d.plan) &&
      Boolean(d.paymentMethodId && d.paidUntil) &&
      Date.parse(d.paidUntil!) <= until,
  );
}

/** One renewal: the charge on the saved card, its outcome applied to the plan. */
async function renew(deps: RenewalDeps, doc: TeamPlanDoc): Promise<EventOutcome | 'pending'> {
  const payment = await chargeSavedMethod(deps.yookassa, {
    teamId: doc.teamId,
    plan: doc.plan as 'pro' | 'business',
    paymentMethodId: doc.paymentMethodId!,
    idempotencyKey: `renewal:${doc.teamId}:${doc.paidUntil}`,
    periodFrom: doc.paidUntil!,
  });
  const event = yooKassaPlanEvent(payment, {
    now: deps.now(),
    prices: deps.yookassa.prices,
    log: deps.log,
  });
  if (!event) return 'pending';
  return applyPlanEvent(
    { store: deps.store, now: deps.now, graceDays: deps.graceDays, log: deps.log },
    event,
  );
}

/** Renews every team due; answers how many renewals were tried. A failed one is logged, the rest go on. */
export async function renewDueYooKassa(deps: RenewalDeps): Promise<number> {
  const due = await dueTeams(deps);
  for (const doc of due) {
    try {
      const outcome = await renew(deps, doc);
      deps.log.info({ teamId: doc.teamId, plan: doc.plan, outcome }, 'YooKassa renewal');
    } catch (err) {
      deps.log.warn({ err, teamId: doc.teamId }, 'YooKassa renewal failed; tried again on the next pass');
    }
  }
  return due.length;
}

/** Renewals every `everyMs` (not before the first interval); `stop` ends them. */
export function scheduleYooKassaRenewals(deps: RenewalDeps, everyMs: number): { stop(): void } {
  let running: Promise<unknown> = Promise.resolve();
  const timer = setInterval(() => {
    running = running.then(() => renewDueYooKassa(deps)).catch(() => undefined);
  }, everyMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}

// What a payment provider's event does to a team's plan, once: each event (Stripe's event id,
// YooKassa's payment id and status) leaves a marker doc in `app_runtime`
// (`billing:event:<provider>:<id>`), and a delivery whose marker is there changes nothing (providers
// retry and a replayed request is the same request). An event older than the last one applied to the
// team (a late retry) changes nothing either. A failed renewal starts the grace days; past them the
// team is on Free (team-plan.ts); data is never touched, only the limits follow the plan.
import { isPaidPlan, type PaidPlan } from '@app/shared/billing';
import type { Logger } from 'pino';
import type { Store } from '../context';
import { systemDocs } from '../store/data';
import type { StripeEvent } from './stripe';
import { updateTeamPlan, type TeamPlanDoc } from './team-plan';
import { yooKassaPaymentMismatch, type YooKassaPayment } from './yookassa';

export type PlanChange =
  | {
      kind: 'activate';
      plan: PaidPlan;
      paidUntil?: string;
      customerId?: string;
      subscriptionId?: string;
      paymentMethodId?: string;
    }
  | { kind: 'past-due' }
  | { kind: 'cancel' };

export type PlanEvent = {
  provider: 'stripe' | 'yookassa';
  eventId: string;
  /** The provider's time of the event. */
  at: Date;
  teamId: string;
  change: PlanChange;
};

export type EventOutcome = 'applied' | 'duplicate' | 'stale' | 'ignored';

const markerId = (provider: string, eventId: string) => `billing:event:${provider}:${eventId}`;
const str = (v: unknown) => (typeof v === 'string' && v.length > 0 && v.length <= 255 ? v : undefined);

/** What marks an event applied (or ignored) once, in `app_runtime`. */
type EventMarker = {
  _id: string;
  type: 'billing-event';
  provider: string;
  eventId: string;
  teamId: string;
  change: string;
  outcome: EventOutcome;
  at: string;
};

async function teamExists(store: Store, teamId: string): Promise<boolean> {
  const doc = await systemDocs<{ _id: string; type?: string }>(store, 'app_teams').get(teamId);
  return doc?.type === 'team';
}

export async function seenEvent(store: Store, provider: string, eventId: string): Promise<boolean> {
  return (await systemDocs(store, 'app_runtime').get(markerId(provider, eventId))) !== null;
}

/** Applies `event` to its team's plan unless it was applied before or is older than the plan's last. */
export async function applyPlanEvent(
  deps: { store: Store; now: () => Date; graceDays: number; log: Logger },
  event: PlanEvent,
): Promise<EventOutcome> {
  const { store } = deps;
  if (await seenEvent(store, event.provider, event.eventId)) return 'duplicate';
  let outcome: EventOutcome = 'ignored';
  if (await teamExists(store, event.teamId)) {
    const at = event.at.toISOString();
    outcome = 'applied';
    await updateTeamPlan(store, event.teamId, (current) => {
      if (current?.lastEventAt && current.lastEventAt > at) {
        outcome = 'stale';
        return undefined;
      }
      const next = nextPlan(current, event, at, deps.now(), deps.graceDays);
      if (!next) outcome = 'ignored';
      return next;
    });
  }
  // A marker there already: the same delivery handled side by side, its change applied once more to
  // no effect.
  await systemDocs<EventMarker>(store, 'app_runtime').put({
    _id: markerId(event.provider, event.eventId),
    type: 'billing-event',
    provider: event.provider,
    eventId: event.eventId,
    teamId: event.teamId,
    change: event.change.kind,
    outcome,
    at: deps.now().toISOString(),
  });
  deps.log.info({ ...event, outcome }, 'billing event');
  return outcome;
}

function nextPlan(
  current: TeamPlanDoc | undefined,
  event: PlanEvent,
  at: string,
  now: Date,
  graceDays: number,
): TeamPlanDoc | undefined {
  const base = {
    _id: '',
    type: 'billing-plan' as const,
    teamId: event.teamId,
    source: event.provider,
    lastEventAt: at,
    updatedAt: now.toISOString(),
    ...(current?.customerId ? { customerId: current.customerId } : {}),
    ...(current?.subscriptionId ? { subscriptionId: current.subscriptionId } : {}),
    ...(current?.paymentMethodId ? { paymentMethodId: current.paymentMethodId } : {}),
  };
  const change = event.change;
  switch (change.kind) {
    case 'activate': {
      const paidUntil = change.paidUntil;
      return {
        ...base,
        plan: change.plan,
        status: 'active',
        ...(paidUntil ? { paidUntil } : {}),
        ...(change.customerId ? { customerId: change.customerId } : {}),
        ...(change.subscriptionId ? { subscriptionId: change.subscriptionId } : {}),
        ...(change.paymentMethodId ? { paymentMethodId: change.paymentMethodId } : {}),
      };
    }
    case 'past-due': {
      // Only a paid plan has a renewal to fail; a team already in its grace keeps the first deadline.
      if (!current || current.plan === 'free' || current.plan === 'unlimited') return undefined;
      const graceUntil =
        current.status === 'past_due' && current.graceUntil
          ? current.graceUntil
          : new Date(now.getTime() + graceDays * 86_400_000).toISOString();
      return {
        ...base,
        plan: current.plan,
        status: 'past_due',
        graceUntil,
        ...(current.paidUntil ? { paidUntil: current.paidUntil } : {}),
      };
    }
    case 'cancel':
      if (current?.plan === 'unlimited' && current.source === 'operator') return undefined;
      return { ...base, plan: 'free', status: 'active' };
  }
}

/** The plan change a Stripe event means, or undefined for events that change no plan. */
export function stripePlanEvent(event: StripeEvent): PlanEvent | undefined {
  const o = event.data.object;
  const meta = (v: unknown) => (typeof v === 'object' && v !== null ? (v as Record<string, unknown>) : {});
  const at = new Date(event.created * 1000);
  const of = (m: Record<string, unknown>, change: PlanChange): PlanEvent | undefined => {
    const teamId = str(m.teamId);
    return teamId ? { provider: 'stripe', eventId: event.id, at, teamId, change } : undefined;
  };
  switch (event.type) {
    case 'checkout.session.completed': {
      const m = meta(o.metadata);
      if (o.mode !== 'subscription' || !['paid', 'no_payment_required'].includes(String(o.payment_status)))
        return undefined;
      if (!isPaidPlan(m.plan)) return undefined;
      const customerId = str(o.customer);
      const subscriptionId = str(o.subscription);
      return of(m, {
        kind: 'activate',
        plan: m.plan,
        ...(customerId ? { customerId } : {}),
        ...(subscriptionId ? { subscriptionId } : {}),
      });
    }
    case 'invoice.paid':
    case 'invoice.payment_failed': {
      // Newer API versions put the subscription's metadata under parent.subscription_details.
      const current = meta(meta(o.parent).subscription_details).metadata;
      const found = meta(current ?? meta(o.subscription_details).metadata);
      if (event.type === 'invoice.payment_failed') return of(found, { kind: 'past-due' });
      return isPaidPlan(found.plan) ? of(found, { kind: 'activate', plan: found.plan }) : undefined;
    }
    case 'customer.subscription.updated': {
      const m = meta(o.metadata);
      if (o.status === 'active' && isPaidPlan(m.plan)) return of(m, { kind: 'activate', plan: m.plan });
      if (o.status === 'past_due' || o.status === 'unpaid') return of(m, { kind: 'past-due' });
      if (o.status === 'canceled') return of(m, { kind: 'cancel' });
      return undefined;
    }
    case 'customer.subscription.deleted':
      return of(meta(o.metadata), { kind: 'cancel' });
    default:
      return undefined;
  }
}

/**
 * The plan change a YooKassa payment (as the API answered it) means, or undefined. A succeeded payment
 * whose amount, currency or period is not a month of the plan its metadata names changes nothing, and
 * says so in the log (issue 60: a payment of 1.00 USD with a team's metadata made it Business).
 */
export function yooKassaPlanEvent(
  payment: YooKassaPayment,
  deps: { now: Date; prices: Record<PaidPlan, number>; log: Logger },
): PlanEvent | undefined {
  const m = payment.metadata ?? {};
  const teamId = str(m.teamId);
  if (!teamId) return undefined;
  const at = new Date(payment.captured_at ?? payment.created_at ?? deps.now.toISOString());
  const eventId = `${payment.id}:${payment.status}`;
  if (payment.status === 'succeeded' && payment.paid && isPaidPlan(m.plan)) {
    const mismatch = yooKassaPaymentMismatch(payment, m.plan, deps.prices, at);
    if (mismatch) {
      deps.log.warn(
        { paymentId: payment.id, teamId, plan: m.plan, amount: payment.amount, reason: mismatch },
        'YooKassa payment ignored: it does not pay for the plan its metadata names',
      );
      return undefined;
    }
    // A month from the payment, or for a renewal from the end of the month it renews (named in its
    // metadata, so the same payment applied twice at once gives the same month).
    const from = Math.max(at.getTime(), Date.parse(m.periodFrom ?? '') || 0);
    const paidUntil = new Date(from + 31 * 86_400_000).toISOString();
    const method = payment.payment_method;
    const paymentMethodId = method?.saved ? str(method.id) : undefined;
    return {
      provider: 'yookassa',
      eventId,
      at,
      teamId,
      change: { kind: 'activate', plan: m.plan, paidUntil, ...(paymentMethodId ? { paymentMethodId } : {}) },
    };
  }
  // A renewal cancelled (the saved card declined): the grace days begin. A first payment abandoned changes nothing.
  if (payment.status === 'canceled' && m.renewal === 'true')
    return { provider: 'yookassa', eventId, at, teamId, change: { kind: 'past-due' } };
  return undefined;
}

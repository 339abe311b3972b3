// Billing's HTTP side. For a team's admins (admin API, documented): GET /billing/plan (plan, limits,
// usage, warnings) and POST /billing/checkout (the provider's payment page for a paid plan). Public,
// before the API's JSON parser (raw bodies, for signatures): the providers' webhooks at
// /api/v1/billing/webhooks/{stripe,yookassa}, and the operator's route that sets a team's plan
// (PUT /api/v1/billing/operator/teams/:teamId/plan, bearer BILLING_OPERATOR_TOKEN). No team admin
// can change a plan but by paying.
import { randomUUID, timingSafeEqual, createHash } from 'node:crypto';
import express, { type RequestHandler } from 'express';
import { z } from 'zod';
import { isPlanId, limitKeys, paidPlans, planIds } from '@app/shared/billing';
import { DomainError } from '@app/shared/errors';
import type { Logger } from 'pino';
import type { Store } from '../context';
import type { RouteModule, RouteRegistry } from '../http/registry';
import { authOf, parse, route } from '../http/route';
import { systemDocs } from '../store/data';
import type { Billing } from './policy';
import { createStripeCheckout, verifyStripeEvent, type StripeConfig } from './stripe';
import { updateTeamPlan } from './team-plan';
import { webhookGuard, type WebhookLimits } from './webhook-guard';
import { applyPlanEvent, seenEvent, stripePlanEvent, yooKassaPlanEvent, type PlanEvent } from './webhooks';
import {
  createYooKassaPayment,
  readYooKassaPayment,
  yooKassaSenderAllowed,
  type YooKassaConfig,
} from './yookassa';

export type BillingHttpDeps = {
  store: Store;
  log: Logger;
  now: () => Date;
  billing: Billing;
  stripe?: StripeConfig;
  yookassa?: YooKassaConfig;
  operatorToken?: string;
  /** Where the app is reached (the payment pages send the admin back there). */
  publicUrl: () => string;
  /** The webhooks' deliveries and refusals counted per client network (none: not limited). */
  webhookLimits?: WebhookLimits;
};

const nullableNumber = z.number().nullable();
const limitsShape = z.object(Object.fromEntries(limitKeys.map((k) => [k, nullableNumber])));
const planView = z.object({
  plan: z.enum(planIds),
  name: z.object({ en: z.string(), ru: z.string() }),
  source: z.string(),
  status: z.enum(['active', 'grace', 'lapsed']),
  graceUntil: z.string().optional(),
  paidUntil: z.string().optional(),
  month: z.string(),
  limits: limitsShape,
  usage: z.object({
    seats: z.number(),
    channels: z.number(),
    aiReplies: z.number(),
    knowledgeBytes: z.number(),
    storageBytes: z.number(),
  }),
  readings: z.array(
    z.object({
      key: z.enum(limitKeys),
      limit: nullableNumber,
      used: nullableNumber,
      share: nullableNumber,
      warning: z.boolean(),
      reached: z.boolean(),
    }),
  ),
  warnings: z.array(z.enum(limitKeys)),
  billing: z.object({ enabled: z.boolean(), providers: z.array(z.string()) }),
});
const checkoutBody = z.strictObject({ plan: z.enum(paidPlans), provider: z.enum(['stripe', 'yookassa']) });

export function billingRoutes(deps: BillingHttpDeps): RouteModule<unknown> {
  return (router, registry) => {
    const tag = 'billing';
    registry.add(
      router,
      {
        method: 'get',
        path: '/billing/plan',
        summary:
          "The team's plan, its limits, this month's usage of each and the limits at 80% or more (warnings)",
        tag,
        access: { resource: 'team_data', op: 'read' },
        response: planView,
      },
      route(async (_req, res) => {
        res.json(await deps.billing.report(authOf(res).teamId));
      }),
    );
    registry.add(
      router,
      {
        method: 'post',
        path: '/billing/checkout',
        summary:
          "Pay for a plan: answers the provider's page (Stripe Checkout, YooKassa's confirmation) to send the admin to; the plan follows the payment",
        tag,
        access: { resource: 'team_data', op: 'update' },
        body: checkoutBody,
        response: z.object({ provider: z.string(), url: z.string(), id: z.string() }),
      },
      route(async (req, res) => {
        const auth = authOf(res);
        const body = parse(checkoutBody, req.body);
        if (!deps.billing.options.providers.includes(body.provider))
          throw new DomainError(
            'billing-off',
            `Payments through ${body.provider} are not switched on on this server`,
          );
        const back = `${deps.publicUrl().replace(/\/+$/, '')}/app/#settings`;
        const key = randomUUID();
        if (body.provider === 'stripe') {
          if (!deps.stripe) throw new DomainError('billing-off', 'Stripe is not configured on this server');
          const session = await createStripeCheckout(deps.stripe, {
            teamId: auth.teamId,
            plan: body.plan,
            email: auth.email,
            successUrl: back,
            cancelUrl: back,
            idempotencyKey: key,
          });
          res.json({ provider: 'stripe', ...session });
          return;
        }
        if (!deps.yookassa) throw new DomainError('billing-off', 'YooKassa is not configured on this server');
        const payment = await createYooKassaPayment(deps.yookassa, {
          teamId: auth.teamId,
          plan: body.plan,
          returnUrl: back,
          idempotencyKey: key,
        });
        const url = payment.confirmation?.confirmation_url;
        if (!url) throw new DomainError('payment-provider-unavailable', 'YooKassa gave no confirmation page');
        res.json({ provider: 'yookassa', url, id: payment.id });
      }),
    );
    describePublicRoutes(registry);
  };
}

const webhookAnswer = z.object({
  received: z.boolean(),
  outcome: z.enum(['applied', 'duplicate', 'stale', 'ignored']),
});

/** The public routes (billingPublicRoutes, mounted by the app before the API) in the OpenAPI document. */
function describePublicRoutes(registry: RouteRegistry): void {
  const tag = 'billing';
  registry.describe({
    method: 'post',
    path: '/billing/webhooks/stripe',
    summary:
      "Stripe's events (Stripe-Signature checked against STRIPE_WEBHOOK_SECRET; a bad one 400): a paid, " +
      'failed or cancelled subscription moves the team between plans; limited per client network (429)',
    tag,
    access: 'public',
    body: z.looseObject({ id: z.string(), type: z.string(), created: z.number(), data: z.looseObject({}) }),
    response: webhookAnswer,
  });
  registry.describe({
    method: 'post',
    path: '/billing/webhooks/yookassa',
    summary:
      "YooKassa's notifications (not signed: the payment is read back from YooKassa's API, and counts only " +
      "when its amount in roubles pays for the plan its metadata names); YOOKASSA_WEBHOOK_IPS' senders " +
      'only; limited per client network (429)',
    tag,
    access: 'public',
    body: yooKassaNotice,
    response: webhookAnswer,
  });
  registry.describe({
    method: 'put',
    path: '/billing/operator/teams/:teamId/plan',
    summary:
      "The server operator sets a team's plan (`Authorization: Bearer <BILLING_OPERATOR_TOKEN>`, not a " +
      "member's token; 401 without it); answers the team's plan report",
    tag,
    access: 'public',
    body: operatorBody,
    response: planView,
  });
}

const rawBody = express.raw({ type: () => true, limit: '256kb' });
const yooKassaNotice = z.object({
  type: z.literal('notification'),
  event: z.string().max(100),
  object: z.object({ id: z.string().min(1).max(100) }),
});
const operatorBody = z.strictObject({ plan: z.enum(planIds) });

function sameSecret(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

function jsonOf(body: unknown): unknown {
  if (!Buffer.isBuffer(body) || body.length === 0) throw new DomainError('bad-request', 'The body is empty');
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    throw new DomainError('invalid-json', 'The body is not valid JSON');
  }
}

/** The public endpoints (mounted before the API's JSON parser and auth). */
export function billingPublicRoutes(deps: BillingHttpDeps): Array<{ path: string; handler: RequestHandler }> {
  const applyDeps = {
    store: deps.store,
    now: deps.now,
    graceDays: deps.billing.options.graceDays,
    log: deps.log,
  };
  /** Applied, and this process's plan in memory dropped (the agents read it again). */
  const apply = async (event: PlanEvent) => {
    const outcome = await applyPlanEvent(applyDeps, event);
    deps.billing.planChanged(event.teamId);
    return outcome;
  };
  const hooks = express.Router();
  if (deps.webhookLimits) hooks.use(webhookGuard(deps.webhookLimits));
  hooks.post(
    '/stripe',
    rawBody,
    route(async (req, res) => {
      if (!deps.stripe || !deps.billing.options.providers.includes('stripe'))
        throw new DomainError('billing-off', 'Stripe is not switched on on this server');
      const event = verifyStripeEvent(
        Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0),
        req.header('stripe-signature'),
        deps.stripe.webhookSecret,
        deps.now(),
      );
      const planEvent = stripePlanEvent(event);
      const outcome = planEvent ? await apply(planEvent) : 'ignored';
      res.json({ received: true, outcome });
    }),
  );
  hooks.post(
    '/yookassa',
    rawBody,
    route(async (req, res) => {
      const yk = deps.yookassa;
      if (!yk || !deps.billing.options.providers.includes('yookassa'))
        throw new DomainError('billing-off', 'YooKassa is not switched on on this server');
      if (!yooKassaSenderAllowed(yk.allowIps, req.socket.remoteAddress))
        throw new DomainError('forbidden', 'Notifications are taken from YooKassa’s addresses only');
      const notice = parse(yooKassaNotice, jsonOf(req.body));
      // Not signed: what counts is the payment as the API answers it (YooKassa's documented check).
      const payment = await readYooKassaPayment(yk, notice.object.id);
      if (!payment) throw new DomainError('webhook-refused', 'YooKassa knows no such payment');
      if (notice.event !== `payment.${payment.status}`)
        throw new DomainError(
          'webhook-refused',
          `The notification says ${notice.event.slice(0, 40)}, the payment is ${payment.status}`,
        );
      const planEvent = yooKassaPlanEvent(payment, { now: deps.now(), prices: yk.prices, log: deps.log });
      const outcome =
        planEvent && !(await seenEvent(deps.store, 'yookassa', planEvent.eventId))
          ? await apply(planEvent)
          : planEvent
            ? 'duplicate'
            : 'ignored';
      res.json({ received: true, outcome });
    }),
  );
  const operator = express.Router();
  operator.put(
    '/teams/:teamId/plan',
    express.json({ limit: '4kb' }),
    route(async (req, res) => {
      const token = /^Bearer (.+)$/i.exec(req.header('authorization') ?? '')?.[1];
      if (!deps.operatorToken || !token || !sameSecret(token, deps.operatorToken))
        throw new DomainError('unauthorized', "The operator's token (BILLING_OPERATOR_TOKEN) is required");
      const teamId = parse(
        z.string().regex(/^[a-z0-9][a-z0-9_-]{0,127}$/i, 'not a team id'),
        req.params.teamId,
      );
      const { plan } = parse(operatorBody, req.body);
      if (!(await systemDocs(deps.store, 'app_teams').get(teamId))) {
        throw new DomainError('not-found', 'No such team');
      }
      const at = deps.now().toISOString();
      await updateTeamPlan(deps.store, teamId, (current) => ({
        ...(current ?? { _id: '', type: 'billing-plan', teamId }),
        plan: isPlanId(plan) ? plan : 'free',
        source: 'operator',
        status: 'active',
        graceUntil: undefined,
        paidUntil: undefined,
        // Not a provider's event: the providers' own order (lastEventAt) stays as it was.
        ...(current?.lastEventAt ? { lastEventAt: current.lastEventAt } : {}),
        updatedAt: at,
      }));
      deps.billing.planChanged(teamId);
      deps.log.info({ teamId, plan }, 'plan set by the operator');
      res.json(await deps.billing.report(teamId));
    }),
  );
  return [
    { path: '/api/v1/billing/webhooks', handler: hooks },
    { path: '/api/v1/billing/operator', handler: operator },
  ];
}

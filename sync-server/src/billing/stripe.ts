// Stripe: a subscription bought through a Checkout Session (POST /v1/checkout/sessions, form-encoded,
// the secret key as bearer, an Idempotency-Key), and webhook events checked as Stripe documents it:
// `Stripe-Signature: t=<unix>,v1=<hex>` is HMAC-SHA256 of `<t>.<raw body>` under the endpoint's
// signing secret, compared in constant time, and `t` within five minutes of now (an old signed body
// replayed later is refused). What the events mean for the team's plan is in webhooks.ts.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { DomainError } from '@app/shared/errors';
import type { PaidPlan } from '@app/shared/billing';

export const STRIPE_TOLERANCE_SECONDS = 300;

export type StripeConfig = {
  secretKey: string;
  webhookSecret: string;
  apiBase: string;
  prices: Record<PaidPlan, string | undefined>;
};

export type StripeEvent = {
  id: string;
  type: string;
  created: number;
  data: { object: Record<string, unknown> };
};

const refused = (why: string) => new DomainError('webhook-refused', `Stripe webhook refused: ${why}`);

/** The event of a signed body, or a 400 `webhook-refused` saying what was wrong. */
export function verifyStripeEvent(
  payload: Buffer,
  header: string | undefined,
  secret: string,
  now: Date,
  toleranceSeconds = STRIPE_TOLERANCE_SECONDS,
): StripeEvent {
  if (!header || header.length > 4_096) throw refused('no Stripe-Signature header');
  let t: number | undefined;
  const signatures: Buffer[] = [];
  for (const part of header.split(',')) {
    const at = part.indexOf('=');
    if (at < 0) continue;
    const key = part.slice(0, at).trim();
    const value = part.slice(at + 1).trim();
    if (key === 't' && /^\d{1,12}$/.test(value)) t = Number(value);
    if (key === 'v1' && /^[0-9a-f]{64}$/i.test(value)) signatures.push(Buffer.from(value, 'hex'));
  }
  if (t === undefined || signatures.length === 0) throw refused('the signature header has no t and v1');
  if (Math.abs(now.getTime() / 1000 - t) > toleranceSeconds)
    throw refused('the signature is older than the tolerance (a replay?)');
  const expected = createHmac('sha256', secret).update(`${t}.`).update(payload).digest();
  if (!signatures.some((s) => s.length === expected.length && timingSafeEqual(s, expected)))
    throw refused('the signature does not match');
  let event: unknown;
  try {
    event = JSON.parse(payload.toString('utf8'));
  } catch {
    throw new DomainError('invalid-json', 'The body is not valid JSON');
  }
  const e = event as Partial<StripeEvent>;
  if (
    typeof e?.id !== 'string' ||
    !e.id ||
    e.id.length > 255 ||
    typeof e.type !== 'string' ||
    typeof e.created !== 'number' ||
    typeof e.data?.object !== 'object' ||
    e.data.object === null
  )
    throw new DomainError('bad-request', 'Not a Stripe event (id, type, created, data.object)');
  return e as StripeEvent;
}

/** The header Stripe sends for `payload` at `t` (tests and the fake sign with it). */
export function stripeSignatureHeader(payload: string, secret: string, t: number): string {
  return `t=${t},v1=${createHmac('sha256', secret).update(`${t}.${payload}`).digest('hex')}`;
}

/** A Checkout Session for the plan's subscription: the page the team's admin pays on. */
export async function createStripeCheckout(
  config: StripeConfig,
  input: {
    teamId: string;
    plan: PaidPlan;
    email: string;
    successUrl: string;
    cancelUrl: string;
    idempotencyKey: string;
  },
): Promise<{ id: string; url: string }> {
  const price = config.prices[input.plan];
  if (!price) throw new DomainError('billing-off', `No Stripe price is set for the ${input.plan} plan`);
  const form = new URLSearchParams({
    mode: 'subscription',
    'line_items[0][price]': price,
    'line_items[0][quantity]': '1',
    success_url: input.successUrl,
    cancel_url: input.cancelUrl,
    client_reference_id: input.teamId,
    customer_email: input.email,
    'metadata[teamId]': input.teamId,
    'metadata[plan]': input.plan,
    'subscription_data[metadata][teamId]': input.teamId,
    'subscription_data[metadata][plan]': input.plan,
  });
  let res: Response;
  try {
    res = await fetch(`${config.apiBase.replace(/\/+$/, '')}/v1/checkout/sessions`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${config.secretKey}`,
        'content-type': 'application/x-www-form-urlencoded',
        'idempotency-key': input.idempotencyKey,
      },
      body: form,
      signal: AbortSignal.timeout(20_000),
    });
  } catch (err) {
    throw new DomainError('payment-provider-unavailable', 'Stripe did not answer', { cause: err });
  }
  const body = (await res.json().catch(() => ({}))) as {
    id?: string;
    url?: string;
    error?: { message?: string };
  };
  if (!res.ok || typeof body.url !== 'string' || typeof body.id !== 'string')
    throw new DomainError(
      'payment-provider-unavailable',
      `Stripe refused the checkout: ${body.error?.message ?? `HTTP ${res.status}`}`.slice(0, 300),
    );
  return { id: body.id, url: body.url };
}

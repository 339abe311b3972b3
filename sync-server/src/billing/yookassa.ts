// YooKassa: a month of a plan paid as a payment (POST /v3/payments, HTTP Basic `shopId:secretKey`,
// an `Idempotence-Key` header, the customer sent to `confirmation.confirmation_url`). Its HTTP
// notifications are not signed: as YooKassa documents, the payment is read back from the API
// (GET /v3/payments/{id}) and only what the API answers counts, never the notification's body; the
// sender's address may be checked against YooKassa's list too (YOOKASSA_WEBHOOK_IPS).
// Automatic renewal: the first payment asks YooKassa to save the card (`save_payment_method`); the
// payment it answers names the saved method (`payment_method.id`, `saved: true`), and each next month
// is charged on it without the customer (`payment_method_id`, no confirmation), once per paid period
// (the Idempotence-Key names the team and the period).
import { BlockList, isIP } from 'node:net';
import { z } from 'zod';
import { DomainError } from '@app/shared/errors';
import type { PaidPlan } from '@app/shared/billing';

export type YooKassaConfig = {
  shopId: string;
  secretKey: string;
  apiBase: string;
  /** Roubles a month of each paid plan costs. */
  prices: Record<PaidPlan, number>;
  /** Where notifications may come from; empty: anywhere (the read-back is the check). */
  allowIps: string[];
};

/** A payment as YooKassa's API answers it (the fields used here; others are dropped). */
const yooKassaPayment = z.object({
  id: z.string(),
  status: z.enum(['pending', 'waiting_for_capture', 'succeeded', 'canceled']),
  paid: z.boolean(),
  amount: z.object({ value: z.string(), currency: z.string() }),
  created_at: z.string(),
  captured_at: z.string().optional(),
  metadata: z.record(z.string(), z.string()).optional(),
  confirmation: z.object({ type: z.string(), confirmation_url: z.string().optional() }).optional(),
  /** The method paid with; `saved`: it may be charged again without the customer. */
  payment_method: z
    .object({ type: z.string(), id: z.string(), saved: z.boolean(), title: z.string().optional() })
    .optional(),
  cancellation_details: z.object({ party: z.string(), reason: z.string() }).optional(),
});
export type YooKassaPayment = z.infer<typeof yooKassaPayment>;

/** The payment in an answer, or a 503-class DomainError when YooKassa answered something else. */
function paymentIn(body: unknown, what: string): YooKassaPayment {
  const parsed = yooKassaPayment.safeParse(body);
  if (!parsed.success)
    throw new DomainError(
      'payment-provider-unavailable',
      `YooKassa answered ${what} without a valid payment`,
    );
  return parsed.data;
}

const auth = (c: YooKassaConfig) => `Basic ${Buffer.from(`${c.shopId}:${c.secretKey}`).toString('base64')}`;
const base = (c: YooKassaConfig) => c.apiBase.replace(/\/+$/, '');

async function call(c: YooKassaConfig, path: string, init: RequestInit) {
  let res: Response;
  try {
    res = await fetch(`${base(c)}${path}`, {
      ...init,
      headers: { authorization: auth(c), 'content-type': 'application/json', ...init.headers },
      signal: AbortSignal.timeout(20_000),
    });
  } catch (err) {
    throw new DomainError('payment-provider-unavailable', 'YooKassa did not answer', { cause: err });
  }
  const body = (await res.json().catch(() => ({}))) as Record<string, unknown>;
  return { status: res.status, body };
}

/** POST /v3/payments of a month of `plan` with `fields` (how it is paid); the payment YooKassa answered. */
async function postPayment(
  c: YooKassaConfig,
  input: { teamId: string; plan: PaidPlan; idempotencyKey: string; renewal?: boolean; periodFrom?: string },
  fields: Record<string, unknown>,
): Promise<YooKassaPayment> {
  const { status, body } = await call(c, '/v3/payments', {
    method: 'POST',
    headers: { 'idempotence-key': input.idempotencyKey },
    body: JSON.stringify({
      amount: { value: c.prices[input.plan].toFixed(2), currency: 'RUB' },
      capture: true,
      ...fields,
      description: `Sales Workspace: ${input.plan} plan, 1 month${input.renewal ? ' (renewal)' : ''}`,
      metadata: {
        teamId: input.teamId,
        plan: input.plan,
        ...(input.renewal ? { renewal: 'true' } : {}),
        ...(input.periodFrom ? { periodFrom: input.periodFrom } : {}),
      },
    }),
  });
  if (status !== 200 || typeof body.id !== 'string')
    throw new DomainError(
      'payment-provider-unavailable',
      `YooKassa refused the payment: ${String(body.description ?? `HTTP ${status}`)}`.slice(0, 300),
    );
  return paymentIn(body, 'the new payment');
}

export function createYooKassaPayment(
  c: YooKassaConfig,
  input: { teamId: string; plan: PaidPlan; returnUrl: string; idempotencyKey: string; renewal?: boolean },
): Promise<YooKassaPayment> {
  return postPayment(c, input, {
    confirmation: { type: 'redirect', return_url: input.returnUrl },
    // The card is kept for the next months' charges (the customer agrees on YooKassa's page).
    save_payment_method: true,
  });
}

/** A month charged on the saved method (no customer present); the payment as YooKassa answered it. */
export function chargeSavedMethod(
  c: YooKassaConfig,
  input: {
    teamId: string;
    plan: PaidPlan;
    paymentMethodId: string;
    idempotencyKey: string;
    periodFrom: string;
  },
): Promise<YooKassaPayment> {
  return postPayment(c, { ...input, renewal: true }, { payment_method_id: input.paymentMethodId });
}

/** The payment as the API has it; undefined when the API knows no such payment. */
export async function readYooKassaPayment(
  c: YooKassaConfig,
  id: string,
): Promise<YooKassaPayment | undefined> {
  const { status, body } = await call(c, `/v3/payments/${encodeURIComponent(id)}`, { method: 'GET' });
  if (status === 404) return undefined;
  if (status !== 200 || body.id !== id || typeof body.status !== 'string')
    throw new DomainError(
      'payment-provider-unavailable',
      `YooKassa did not give the payment (HTTP ${status})`,
    );
  return paymentIn(body, `payment ${id.slice(0, 64)}`);
}

/** Whether a notification from `address` may be looked at (the allow-list, when set). */
export function yooKassaSenderAllowed(allow: readonly string[], address: string | undefined): boolean {
  if (allow.length === 0) return true;
  if (!address) return false;
  const ip = address.startsWith('::ffff:') && isIP(address.slice(7)) === 4 ? address.slice(7) : address;
  const kind = isIP(ip);
  if (!kind) return false;
  const list = new BlockList();
  for (const entry of allow) {
    const [net, bits] = entry.split('/');
    const type = isIP(net ?? '') === 6 ? 'ipv6' : 'ipv4';
    if (!net || !isIP(net)) continue;
    if (bits === undefined) list.addAddress(net, type);
    else list.addSubnet(net, Number(bits), type);
  }
  return list.check(ip, kind === 6 ? 'ipv6' : 'ipv4');
}

/** Kopecks in a YooKassa amount value ("2990.00"); undefined when it is not a plain decimal. */
function minorUnits(value: string): number | undefined {
  const m = /^(\d{1,12})(?:\.(\d{1,2}))?$/.exec(value);
  return m ? Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0')) : undefined;
}

/**
 * Why a succeeded payment does not pay for a month of `plan`, or undefined when it does: it must be in
 * roubles, at least the plan's price (a price lowered since the payment was made still fits; a payment
 * of 1.00, or in dollars, does not), and a renewal's month must begin within a month of the payment.
 * The metadata alone names a team and a plan; only the amount says the plan was paid for.
 */
export function yooKassaPaymentMismatch(
  payment: YooKassaPayment,
  plan: PaidPlan,
  prices: Record<PaidPlan, number>,
  at: Date,
): string | undefined {
  if (payment.amount.currency !== 'RUB') return `paid in ${payment.amount.currency.slice(0, 8)}, not RUB`;
  const paid = minorUnits(payment.amount.value);
  const price = Math.round(prices[plan] * 100);
  if (paid === undefined || paid < price)
    return `paid ${payment.amount.value.slice(0, 20)} RUB, the ${plan} plan costs ${(price / 100).toFixed(2)}`;
  const from = payment.metadata?.periodFrom;
  if (from !== undefined) {
    const start = Date.parse(from);
    if (!Number.isFinite(start) || start > at.getTime() + 31 * 86_400_000)
      return `the month paid for begins at ${from.slice(0, 40)}, more than a month after the payment`;
  }
  return undefined;
}

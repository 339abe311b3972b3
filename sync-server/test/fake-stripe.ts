/**
 * A fake Stripe API for tests: node:http on 127.0.0.1, a random port, following Stripe's documented
 * API where the server uses it. Point the server at it (STRIPE_API_BASE = `fake.apiBase`).
 *
 * - `POST /v1/checkout/sessions` (form-encoded, `Authorization: Bearer <secret key>`): mode,
 *   line_items[0][price] (a price the fake knows), success_url; answers a `checkout.session` object
 *   (`id` cs_test_..., `url`, `status: open`, `payment_status: unpaid`, the metadata given). Errors as
 *   Stripe answers them: 401 `{ error: { type: 'invalid_request_error', message } }` for a wrong key,
 *   400 with `param` for a missing or unknown parameter (`resource_missing` for an unknown price). An
 *   `Idempotency-Key` seen before answers the first response again.
 * - Events as Stripe sends them to a webhook endpoint: `completeCheckout(id)` (the customer paid:
 *   `checkout.session.completed` with a customer and a subscription carrying the session's
 *   subscription_data metadata), `renewalFailed(subscription)` (`invoice.payment_failed`, the
 *   subscription's metadata under `parent.subscription_details`), `renewalPaid(subscription)`
 *   (`invoice.paid`) and `subscriptionDeleted(subscription)`.
 * - `deliver(url, event, { t, secret })` POSTs an event with `Stripe-Signature: t=...,v1=...`
 *   (HMAC-SHA256 of `t.payload` under the endpoint secret), as Stripe signs them; `t` and the
 *   secret may be overridden to test refusals. Answers the status and body.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type StripeEventOut = {
  id: string;
  object: 'event';
  type: string;
  created: number;
  api_version: string;
  livemode: false;
  data: { object: Record<string, unknown> };
};

type Session = Record<string, unknown> & { id: string; metadata: Record<string, string> };
type Subscription = {
  id: string;
  customer: string;
  status: string;
  metadata: Record<string, string>;
  price: string;
};

export type FakeStripe = {
  readonly apiBase: string;
  readonly secretKey: string;
  readonly webhookSecret: string;
  readonly prices: { pro: string; business: string };
  readonly sessions: Map<string, Session>;
  readonly calls: { method: string; path: string; status: number }[];
  completeCheckout(sessionId: string): StripeEventOut;
  renewalFailed(subscriptionId: string): StripeEventOut;
  renewalPaid(subscriptionId: string): StripeEventOut;
  subscriptionDeleted(subscriptionId: string): StripeEventOut;
  deliver(
    url: string,
    event: unknown,
    opts?: { t?: number; secret?: string; raw?: string },
  ): Promise<{ status: number; body: unknown }>;
  close(): Promise<void>;
};

const id = (prefix: string) => `${prefix}_test_${randomBytes(12).toString('hex')}`;
const now = () => Math.floor(Date.now() / 1000);

export async function startFakeStripe(): Promise<FakeStripe> {
  const secretKey = `sk_test_${randomBytes(16).toString('hex')}`;
  const webhookSecret = `whsec_${randomBytes(16).toString('hex')}`;
  const prices = { pro: 'price_test_pro', business: 'price_test_business' };
  const known = new Set(Object.values(prices));
  const sessions = new Map<string, Session>();
  const subscriptions = new Map<string, Subscription>();
  const idempotent = new Map<string, { status: number; body: unknown }>();
  const calls: FakeStripe['calls'] = [];

  const send = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json', 'request-id': id('req') });
    res.end(JSON.stringify(body));
  };
  const invalid = (message: string, param?: string, code?: string) => ({
    error: { type: 'invalid_request_error', message, ...(param ? { param } : {}), ...(code ? { code } : {}) },
  });

  async function read(req: IncomingMessage): Promise<string> {
    const parts: Buffer[] = [];
    for await (const c of req) parts.push(c as Buffer);
    return Buffer.concat(parts).toString('utf8');
  }

  function createSession(form: URLSearchParams): { status: number; body: unknown } {
    const mode = form.get('mode');
    if (!mode) return { status: 400, body: invalid('Missing required param: mode.', 'mode') };
    if (!['payment', 'setup', 'subscription'].includes(mode))
      return {
        status: 400,
        body: invalid(`Invalid mode: must be one of payment, setup, or subscription`, 'mode'),
      };
    const price = form.get('line_items[0][price]');
    if (!price)
      return {
        status: 400,
        body: invalid('Missing required param: line_items[0][price].', 'line_items[0][price]'),
      };
    if (!known.has(price))
      return {
        status: 400,
        body: invalid(`No such price: '${price}'`, 'line_items[0][price]', 'resource_missing'),
      };
    if (!form.get('success_url'))
      return { status: 400, body: invalid('Missing required param: success_url.', 'success_url') };
    const pick = (prefix: string) => {
      const out: Record<string, string> = {};
      for (const [k, v] of form) {
        const m = new RegExp(`^${prefix.replace(/[[\]]/g, '\\$&')}\\[([^\\]]+)\\]$`).exec(k);
        if (m) out[m[1]!] = v;
      }
      return out;
    };
    const session: Session = {
      id: id('cs'),
      object: 'checkout.session',
      mode,
      status: 'open',
      payment_status: 'unpaid',
      url: '',
      success_url: form.get('success_url'),
      cancel_url: form.get('cancel_url'),
      client_reference_id: form.get('client_reference_id'),
      customer_email: form.get('customer_email'),
      customer: null,
      subscription: null,
      metadata: pick('metadata'),
      subscription_data_metadata: pick('subscription_data[metadata]'),
      price,
      created: now(),
      livemode: false,
    };
    session.url = `https://checkout.stripe.com/c/pay/${session.id}`;
    sessions.set(session.id, session);
    const { subscription_data_metadata: _s, price: _p, ...view } = session;
    return { status: 200, body: view };
  }

  const server = createServer((req, res) => {
    void (async () => {
      const path = new URL(req.url ?? '/', 'http://x').pathname;
      const body = await read(req);
      const record = (status: number, out: unknown) => {
        calls.push({ method: req.method ?? '', path, status });
        send(res, status, out);
      };
      if (req.headers.authorization !== `Bearer ${secretKey}`)
        return record(401, {
          error: { type: 'invalid_request_error', message: 'Invalid API Key provided: sk_test_****' },
        });
      if (req.method === 'POST' && path === '/v1/checkout/sessions') {
        const key = req.headers['idempotency-key'];
        if (typeof key === 'string' && idempotent.has(key)) {
          const first = idempotent.get(key)!;
          return record(first.status, first.body);
        }
        const out = createSession(new URLSearchParams(body));
        if (typeof key === 'string') idempotent.set(key, out);
        return record(out.status, out.body);
      }
      return record(404, invalid(`Unrecognized request URL (${req.method}: ${path}).`));
    })().catch(() => res.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const apiBase = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const event = (type: string, object: Record<string, unknown>): StripeEventOut => ({
    id: id('evt'),
    object: 'event',
    type,
    created: now(),
    api_version: '2025-03-31.basil',
    livemode: false,
    data: { object },
  });
  const subscriptionOf = (subscriptionId: string) => {
    const sub = subscriptions.get(subscriptionId);
    if (!sub) throw new Error(`no subscription ${subscriptionId}`);
    return sub;
  };
  const invoice = (sub: Subscription, status: string) => ({
    id: id('in'),
    object: 'invoice',
    customer: sub.customer,
    status,
    billing_reason: 'subscription_cycle',
    parent: {
      type: 'subscription_details',
      subscription_details: { subscription: sub.id, metadata: sub.metadata },
    },
  });

  return {
    apiBase,
    secretKey,
    webhookSecret,
    prices,
    sessions,
    calls,
    completeCheckout(sessionId) {
      const s = sessions.get(sessionId);
      if (!s) throw new Error(`no session ${sessionId}`);
      const sub: Subscription = {
        id: id('sub'),
        customer: id('cus'),
        status: 'active',
        metadata: s.subscription_data_metadata as Record<string, string>,
        price: String(s.price),
      };
      subscriptions.set(sub.id, sub);
      Object.assign(s, {
        status: 'complete',
        payment_status: 'paid',
        customer: sub.customer,
        subscription: sub.id,
      });
      const { subscription_data_metadata: _s, price: _p, ...view } = s;
      return event('checkout.session.completed', view);
    },
    renewalFailed: (subscriptionId) => {
      const sub = subscriptionOf(subscriptionId);
      sub.status = 'past_due';
      return event('invoice.payment_failed', invoice(sub, 'open'));
    },
    renewalPaid: (subscriptionId) => {
      const sub = subscriptionOf(subscriptionId);
      sub.status = 'active';
      return event('invoice.paid', invoice(sub, 'paid'));
    },
    subscriptionDeleted: (subscriptionId) => {
      const sub = subscriptionOf(subscriptionId);
      sub.status = 'canceled';
      return event('customer.subscription.deleted', {
        id: sub.id,
        object: 'subscription',
        customer: sub.customer,
        status: 'canceled',
        metadata: sub.metadata,
      });
    },
    async deliver(url, ev, opts = {}) {
      const payload = opts.raw ?? JSON.stringify(ev);
      const t = opts.t ?? now();
      const v1 = createHmac('sha256', opts.secret ?? webhookSecret)
        .update(`${t}.${payload}`)
        .digest('hex');
      const res = await fetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json; charset=utf-8',
          'user-agent': 'Stripe/1.0 (+https://stripe.com/docs/webhooks)',
          'stripe-signature': `t=${t},v1=${v1}`,
        },
        body: payload,
      });
      const text = await res.text();
      let body: unknown = text;
      try {
        body = JSON.parse(text);
      } catch {
        // not JSON
      }
      return { status: res.status, body };
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

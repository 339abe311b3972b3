/**
 * A fake YooKassa API for tests: node:http on 127.0.0.1, a random port, following YooKassa's
 * documented API v3 where the server uses it. Point the server at it (YOOKASSA_API_BASE =
 * `fake.apiBase`).
 *
 * - `POST /v3/payments` (HTTP Basic `shopId:secretKey`, an `Idempotence-Key` header, JSON): amount
 *   (`value` a decimal string, `currency`), `confirmation: { type: 'redirect', return_url }`,
 *   capture, description, metadata; answers the payment object (`status: pending`, `paid: false`,
 *   `confirmation.confirmation_url`). The same Idempotence-Key with the same body answers the same
 *   payment; with another body `400 idempotence_key_duplicated`.
 * - `GET /v3/payments/{id}`: the payment as it is now; `404 not_found` for one the shop never made.
 * - Errors as YooKassa answers them: `{ type: 'error', id, code, description, parameter? }` with
 *   401 `invalid_credentials`, 400 `invalid_request` (a missing header or parameter).
 * - `save_payment_method: true`: once the payment succeeds, its `payment_method` is the card, saved
 *   (`{ type: 'bank_card', id, saved: true, title, card }`). `payment_method_id` of a saved method
 *   charges it without the customer (no confirmation): the payment answers `succeeded` at once, or
 *   `canceled` with `cancellation_details` when `declineNext(reason)` was called; an unknown or
 *   unsaved method is `400 invalid_request` on `payment_method_id`.
 * - `succeed(id)` / `cancel(id, reason)`: the customer paid, or the payment was cancelled (a card
 *   declined); `payment(input)` makes one directly (a renewal charged on a saved card).
 * - `notify(url, id)` POSTs the notification YooKassa sends (`{ type: 'notification', event:
 *   'payment.<status>', object }`, not signed); `post(url, body)` sends any body, as a forger would.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type FakePayment = {
  id: string;
  status: 'pending' | 'waiting_for_capture' | 'succeeded' | 'canceled';
  paid: boolean;
  amount: { value: string; currency: string };
  confirmation?: { type: 'redirect'; confirmation_url: string; return_url: string };
  created_at: string;
  captured_at?: string;
  description?: string;
  metadata: Record<string, string>;
  recipient: { account_id: string; gateway_id: string };
  refundable: boolean;
  test: boolean;
  cancellation_details?: { party: string; reason: string };
  payment_method?: { type: 'bank_card'; id: string; saved: boolean; title: string; card: object };
};

export type FakeYooKassa = {
  readonly apiBase: string;
  readonly shopId: string;
  readonly secretKey: string;
  readonly payments: Map<string, FakePayment>;
  readonly calls: { method: string; path: string; status: number; idempotenceKey?: string }[];
  /** A payment made directly (in roubles unless `currency` says otherwise). */
  payment(input: { amount: string; currency?: string; metadata: Record<string, string> }): FakePayment;
  /** The next charge on a saved method is declined with `reason`. */
  declineNext(reason?: string): void;
  /** The request bodies of POST /v3/payments, parsed. */
  readonly bodies: Record<string, unknown>[];
  succeed(id: string): FakePayment;
  cancel(id: string, reason?: string): FakePayment;
  notify(url: string, id: string): Promise<{ status: number; body: unknown }>;
  post(url: string, body: string): Promise<{ status: number; body: unknown }>;
  close(): Promise<void>;
};

export async function startFakeYooKassa(): Promise<FakeYooKassa> {
  const shopId = String(100_000 + Math.floor(Math.random() * 800_000));
  const secretKey = `test_${randomBytes(18).toString('base64url')}`;
  const payments = new Map<string, FakePayment>();
  const keys = new Map<string, { body: string; payment: FakePayment }>();
  const calls: FakeYooKassa['calls'] = [];
  const bodies: Record<string, unknown>[] = [];
  const savedMethods = new Set<string>();
  /** Payments asked with save_payment_method. */
  const saving = new Set<string>();
  let decline: string | undefined;

  const error = (code: string, description: string, parameter?: string) => ({
    type: 'error',
    id: randomUUID(),
    code,
    description,
    ...(parameter ? { parameter } : {}),
  });
  const send = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  };
  async function read(req: IncomingMessage): Promise<string> {
    const parts: Buffer[] = [];
    for await (const c of req) parts.push(c as Buffer);
    return Buffer.concat(parts).toString('utf8');
  }
  function make(input: {
    amount: { value: string; currency: string };
    metadata: Record<string, string>;
    description?: string;
    returnUrl?: string;
  }): FakePayment {
    const id = `${randomBytes(4).toString('hex')}-000f-5000-8000-${randomBytes(6).toString('hex')}`;
    const p: FakePayment = {
      id,
      status: 'pending',
      paid: false,
      amount: input.amount,
      ...(input.returnUrl
        ? {
            confirmation: {
              type: 'redirect' as const,
              return_url: input.returnUrl,
              confirmation_url: `https://yoomoney.ru/checkout/payments/v2/contract?orderId=${id}`,
            },
          }
        : {}),
      created_at: new Date().toISOString(),
      ...(input.description ? { description: input.description } : {}),
      metadata: input.metadata,
      recipient: { account_id: shopId, gateway_id: '100700' },
      refundable: false,
      test: true,
    };
    payments.set(id, p);
    return p;
  }

  const server = createServer((req, res) => {
    void (async () => {
      const path = new URL(req.url ?? '/', 'http://x').pathname;
      const raw = await read(req);
      const key =
        typeof req.headers['idempotence-key'] === 'string' ? req.headers['idempotence-key'] : undefined;
      const record = (status: number, out: unknown) => {
        calls.push({ method: req.method ?? '', path, status, ...(key ? { idempotenceKey: key } : {}) });
        send(res, status, out);
      };
      const expected = `Basic ${Buffer.from(`${shopId}:${secretKey}`).toString('base64')}`;
      if (req.headers.authorization !== expected)
        return record(
          401,
          error('invalid_credentials', 'Login and password (shopId and secret key) are wrong'),
        );
      if (req.method === 'POST' && path === '/v3/payments') {
        if (!key)
          return record(400, error('invalid_request', 'Idempotence key is missing', 'Idempotence-Key'));
        const seen = keys.get(key);
        if (seen)
          return seen.body === raw
            ? record(200, seen.payment)
            : record(
                400,
                error(
                  'idempotence_key_duplicated',
                  'Idempotence key duplicated with another request',
                  'Idempotence-Key',
                ),
              );
        let body: {
          amount?: { value?: unknown; currency?: unknown };
          confirmation?: { type?: unknown; return_url?: unknown };
          metadata?: Record<string, string>;
          description?: string;
          save_payment_method?: unknown;
          payment_method_id?: unknown;
        };
        try {
          body = JSON.parse(raw) as typeof body;
        } catch {
          return record(400, error('invalid_request', 'Request body is not valid JSON'));
        }
        bodies.push(body as Record<string, unknown>);
        if (
          body.payment_method_id !== undefined &&
          (typeof body.payment_method_id !== 'string' || !savedMethods.has(body.payment_method_id))
        )
          return record(
            400,
            error('invalid_request', 'Payment method is not saved or does not exist', 'payment_method_id'),
          );
        if (typeof body.amount?.value !== 'string' || !/^\d+(\.\d{1,2})?$/.test(body.amount.value))
          return record(400, error('invalid_request', 'Amount value is missing or invalid', 'amount.value'));
        if (typeof body.amount.currency !== 'string' || !/^[A-Z]{3}$/.test(body.amount.currency))
          return record(400, error('invalid_request', 'Currency is invalid', 'amount.currency'));
        if (
          body.confirmation &&
          (body.confirmation.type !== 'redirect' || typeof body.confirmation.return_url !== 'string')
        )
          return record(
            400,
            error(
              'invalid_request',
              'return_url is required for confirmation type redirect',
              'confirmation.return_url',
            ),
          );
        const p = make({
          amount: { value: body.amount.value, currency: body.amount.currency },
          metadata: body.metadata ?? {},
          ...(body.description ? { description: body.description } : {}),
          ...(typeof body.confirmation?.return_url === 'string'
            ? { returnUrl: body.confirmation.return_url }
            : {}),
        });
        if (body.save_payment_method === true) saving.add(p.id);
        if (typeof body.payment_method_id === 'string') {
          // A saved card charged without the customer: decided at once.
          p.payment_method = methodOf(body.payment_method_id);
          if (decline) {
            Object.assign(p, {
              status: 'canceled',
              cancellation_details: { party: 'payment_network', reason: decline },
            });
            decline = undefined;
          } else Object.assign(p, { status: 'succeeded', paid: true, captured_at: new Date().toISOString() });
        }
        keys.set(key, { body: raw, payment: p });
        return record(200, p);
      }
      const m = /^\/v3\/payments\/([^/]+)$/.exec(path);
      if (req.method === 'GET' && m) {
        const p = payments.get(decodeURIComponent(m[1]!));
        return p ? record(200, p) : record(404, error('not_found', 'Payment not found or forbidden'));
      }
      return record(404, error('not_found', 'Unknown method'));
    })().catch(() => res.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const apiBase = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const post = async (url: string, body: string) => {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'user-agent': 'YooKassa' },
      body,
    });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // not JSON
    }
    return { status: res.status, body: parsed };
  };
  const methodOf = (id: string): NonNullable<FakePayment['payment_method']> => ({
    type: 'bank_card',
    id,
    saved: true,
    title: 'Bank card *4444',
    card: {
      first6: '555555',
      last4: '4444',
      expiry_month: '07',
      expiry_year: '2030',
      card_type: 'MasterCard',
    },
  });
  const get = (id: string) => {
    const p = payments.get(id);
    if (!p) throw new Error(`no payment ${id}`);
    return p;
  };

  return {
    apiBase,
    shopId,
    secretKey,
    payments,
    calls,
    payment: (input) =>
      make({ amount: { value: input.amount, currency: input.currency ?? 'RUB' }, metadata: input.metadata }),
    succeed(id) {
      const p = get(id);
      Object.assign(p, { status: 'succeeded', paid: true, captured_at: new Date().toISOString() });
      if (saving.has(p.id)) {
        const methodId = `${randomBytes(4).toString('hex')}-000f-5000-9000-${randomBytes(6).toString('hex')}`;
        savedMethods.add(methodId);
        p.payment_method = methodOf(methodId);
      }
      return p;
    },
    declineNext(reason = 'insufficient_funds') {
      decline = reason;
    },
    bodies,
    cancel(id, reason = 'card_expired') {
      const p = get(id);
      Object.assign(p, {
        status: 'canceled',
        paid: false,
        cancellation_details: { party: 'payment_network', reason },
      });
      return p;
    },
    notify: (url, id) => {
      const p = get(id);
      return post(url, JSON.stringify({ type: 'notification', event: `payment.${p.status}`, object: p }));
    },
    post,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

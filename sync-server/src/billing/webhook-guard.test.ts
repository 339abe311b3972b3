// The payment webhooks limited per client network (issue 60), on the real routes (billingPublicRoutes)
// with the project's rate limiter and the fake YooKassa API: refused deliveries (forged Stripe
// signatures) beyond the limit answer 429 with Retry-After and are not checked at all; deliveries beyond
// the per-network limit answer 429 without a read-back from YooKassa; another network is not affected.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeYooKassa, type FakeYooKassa } from '../../test/fake-yookassa';
import { errorMiddleware } from '../app-errors';
import { createRateLimiter } from '../auth/rate-limit';
import type { Billing } from './policy';
import { billingPublicRoutes } from './routes';

let fake: FakeYooKassa;
let server: Server;
let base = '';

beforeAll(async () => {
  fake = await startFakeYooKassa();
  const billing = {
    options: { providers: ['stripe', 'yookassa'], graceDays: 7 },
    planChanged: () => undefined,
  };
  const app = express();
  const routes = billingPublicRoutes({
    store: {} as never,
    log: pino({ level: 'silent' }),
    now: () => new Date(),
    billing: billing as unknown as Billing,
    publicUrl: () => 'http://localhost',
    stripe: {
      secretKey: 'sk_test_x',
      webhookSecret: 'whsec_test_0123456789',
      apiBase: 'http://127.0.0.1:9',
      prices: { pro: 'price_pro', business: 'price_business' },
    },
    yookassa: {
      shopId: fake.shopId,
      secretKey: fake.secretKey,
      apiBase: fake.apiBase,
      prices: { pro: 2990, business: 9990 },
      allowIps: [],
    },
    webhookLimits: {
      requests: createRateLimiter({ max: 6, windowMs: 60_000 }),
      failures: createRateLimiter({ max: 3, windowMs: 60_000 }),
      clientOf: (req) => req.header('x-client') ?? 'unknown',
    },
  });
  for (const r of routes) app.use(r.path, r.handler);
  app.use(errorMiddleware);
  server = createServer(app);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1/billing/webhooks`;
});
afterAll(async () => {
  await new Promise((r) => server.close(r));
  await fake.close();
});

const post = async (provider: string, client: string, body: string, headers: Record<string, string> = {}) => {
  const res = await fetch(`${base}/${provider}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-client': client, ...headers },
    body,
  });
  return { status: res.status, retryAfter: res.headers.get('retry-after'), body: await res.json() };
};

describe('payment webhooks, limited per client network', () => {
  it('answers 429 once a network has had its refused deliveries, before checking any more', async () => {
    const forged = () => post('stripe', 'forger', '{"id":"evt_1"}', { 'stripe-signature': 't=1,v1=00' });
    for (let i = 0; i < 3; i++) expect((await forged()).status).toBe(400);
    const blocked = await forged();
    expect(blocked.status).toBe(429);
    expect(blocked.body).toMatchObject({ error: { code: 'rate-limited' } });
    expect(Number(blocked.retryAfter)).toBeGreaterThan(0);
    // Another network is answered as before.
    expect((await post('stripe', 'other', '{}', { 'stripe-signature': 't=1,v1=00' })).status).toBe(400);
  });

  it('reads a payment back from YooKassa for at most the per-network limit of deliveries', async () => {
    const p = fake.payment({ amount: '1.00', metadata: {} });
    const reads = () => fake.calls.filter((c) => c.method === 'GET').length;
    const before = reads();
    const notice = JSON.stringify({ type: 'notification', event: 'payment.pending', object: { id: p.id } });
    const statuses: number[] = [];
    for (let i = 0; i < 9; i++) statuses.push((await post('yookassa', 'replayer', notice)).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 200, 429, 429, 429]);
    expect(reads() - before).toBe(6);
  });
});

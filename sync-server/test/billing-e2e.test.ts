// Plans, limits and billing (issue 40) on the real server with its runtime: the plan report, the
// operator's plan route (no team admin can change a plan), 402 over the Free plan's seats with the
// message in English and Russian, the soft AI-reply limit (the customer's message stored, the agents
// hand the conversation to a rep who is told why), and both payment providers' fakes moving a team
// between plans through signed (Stripe) or read-back (YooKassa) webhooks, a replay changing nothing,
// bad signatures and bodies refused with 4xx. A Telegram bot, a VK community and a mailbox over the
// Free plan's channel are refused with 402 before anything reaches their networks (the Bot API, the
// VK API and the mail servers all point at one loopback listener that counts connections).
import { createServer, type Server } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { RunningServer } from '../src/server';
import { startFakeStripe, type FakeStripe } from './fake-stripe';
import { startFakeYooKassa, type FakeYooKassa } from './fake-yookassa';
import { call, register, startTestServer, tempDir, uniqueEmail, type Session } from './helpers';
import { conversation, daysAgo, message } from './history-docs';

type Json = Record<string, unknown>;
const OPERATOR = 'operator-token-0123456789abcdef';

let dir: ReturnType<typeof tempDir>;
let server: RunningServer;
let stripe: FakeStripe;
let yookassa: FakeYooKassa;
/** Where the Bot API, the VK API and the mail servers are: any connection made to it is counted. */
let tripwire: Server;
let tripwirePort = 0;
let tripped = 0;

const teamOf = (s: Session) => String((s as unknown as { team: { id: string } }).team.id);
const plan = async (s: Session) =>
  (await call(server.url, 'GET', '/api/v1/billing/plan', { token: s.accessToken })).body as Json;
const setPlan = (teamId: string, body: unknown, token: string | null = OPERATOR) =>
  call(server.url, 'PUT', `/api/v1/billing/operator/teams/${teamId}/plan`, {
    body,
    ...(token ? { headers: { authorization: `Bearer ${token}` } } : {}),
  });
const hook = (provider: string) => `${server.url}/api/v1/billing/webhooks/${provider}`;

beforeAll(async () => {
  dir = tempDir('billing-');
  [stripe, yookassa] = await Promise.all([startFakeStripe(), startFakeYooKassa()]);
  tripwire = createServer((socket) => {
    tripped++;
    socket.destroy();
  });
  await new Promise<void>((r) => tripwire.listen(0, '127.0.0.1', r));
  tripwirePort = (tripwire.address() as { port: number }).port;
  server = await startTestServer(dir.path, {
    TELEGRAM_API_ROOT: `http://127.0.0.1:${tripwirePort}`,
    VK_API_ROOT: `http://127.0.0.1:${tripwirePort}`,
    // The mail servers' address may be given (the operator's allow-list), so only the plan refuses.
    OUTBOUND_ALLOW_PRIVATE: `127.0.0.1:${tripwirePort}`,
    BILLING: 'stripe,yookassa',
    BILLING_OPERATOR_TOKEN: OPERATOR,
    BILLING_LIMITS: JSON.stringify({ free: { aiReplies: 1, knowledgeBytes: 2_000 } }),
    STRIPE_SECRET_KEY: stripe.secretKey,
    STRIPE_WEBHOOK_SECRET: stripe.webhookSecret,
    STRIPE_PRICE_PRO: stripe.prices.pro,
    STRIPE_PRICE_BUSINESS: stripe.prices.business,
    STRIPE_API_BASE: stripe.apiBase,
    YOOKASSA_SHOP_ID: yookassa.shopId,
    YOOKASSA_SECRET_KEY: yookassa.secretKey,
    YOOKASSA_API_BASE: yookassa.apiBase,
    YOOKASSA_WEBHOOK_IPS: '127.0.0.1,::1',
  });
}, 60_000);

afterAll(async () => {
  await server?.close();
  await stripe?.close();
  await yookassa?.close();
  await new Promise((r) => tripwire?.close(r));
  dir?.remove();
});

describe('plans and limits', () => {
  it('starts a team on the self-hosting plan (nothing limited) and lets only the operator change it', async () => {
    const admin = await register(server.url, 'Default plan team');
    const report = await plan(admin);
    expect(report).toMatchObject({ plan: 'unlimited', source: 'default', status: 'active', warnings: [] });
    expect(report.limits).toEqual({
      seats: null,
      channels: null,
      aiReplies: null,
      knowledgeBytes: null,
      storageBytes: null,
      historyDays: null,
      websitePages: null,
    });
    expect(report.usage).toMatchObject({
      seats: 1,
      channels: 0,
      aiReplies: 0,
      knowledgeBytes: 0,
      storageBytes: 0,
    });
    // A team admin's own token does not open the operator's route; no token, a wrong one: 401.
    expect((await setPlan(teamOf(admin), { plan: 'business' }, admin.accessToken)).status).toBe(401);
    expect((await setPlan(teamOf(admin), { plan: 'business' }, null)).status).toBe(401);
    expect((await setPlan(teamOf(admin), { plan: 'nonsense' })).status).toBe(400);
    expect((await setPlan('tmnosuchteam', { plan: 'free' })).status).toBe(404);
    expect((await plan(admin)).plan).toBe('unlimited');
    const set = await setPlan(teamOf(admin), { plan: 'pro' });
    expect(set.status).toBe(200);
    expect((await plan(admin)).plan).toBe('pro');
  });

  it('answers 402 with a readable message in English and Russian for a seat over the Free plan', async () => {
    const admin = await register(server.url, 'Free seats team');
    expect((await setPlan(teamOf(admin), { plan: 'free' })).status).toBe(200);
    const invite = (headers: Record<string, string> = {}) =>
      call(server.url, 'POST', '/api/v1/members/invite', {
        token: admin.accessToken,
        body: { email: uniqueEmail('seat'), role: 'rep' },
        headers,
      });
    // The admin and two invites fill the Free plan's 3 seats.
    expect((await invite()).status).toBe(201);
    expect((await invite()).status).toBe(201);
    const over = await invite({ 'accept-language': 'en-GB,en;q=0.9' });
    expect(over.status).toBe(402);
    const error = (over.body as { error: Json }).error;
    expect(error.code).toBe('plan-limit-reached');
    expect(error.message).toBe(
      'The Free plan allows 3 seats (members and pending invites), and the team has 3: remove a member or an invite, or move to a larger plan.',
    );
    expect(error.details).toMatchObject({ limit: 'seats', plan: 'free', max: 3, used: 3 });
    const ru = await invite({ 'accept-language': 'ru-RU,ru;q=0.9,en;q=0.5' });
    expect(ru.status).toBe(402);
    expect((ru.body as { error: Json }).error.message).toMatch(/^Тариф «Бесплатный» допускает мест: 3/);
    // Nothing was made: still two pending invites.
    const pending = await call(server.url, 'GET', '/api/v1/members/invites', { token: admin.accessToken });
    expect((pending.body as { items: unknown[] }).items).toHaveLength(2);
    const report = await plan(admin);
    expect(report.usage).toMatchObject({ seats: 3 });
    expect(report.warnings).toContain('seats');
    expect((report.readings as Json[]).find((r) => r.key === 'seats')).toMatchObject({
      share: 1,
      reached: true,
      warning: true,
    });
    // Another plan lifts it at once.
    await setPlan(teamOf(admin), { plan: 'pro' });
    expect((await invite()).status).toBe(201);
  });

  it("stores a customer's message over the AI-reply limit and hands it to a rep, who is told why", async () => {
    const admin = await register(server.url, 'Free replies team');
    await setPlan(teamOf(admin), { plan: 'free' });
    const widget = await call(server.url, 'POST', '/api/v1/channels/webchat', {
      token: admin.accessToken,
      body: { title: 'Chat' },
    });
    expect(widget.status).toBe(201);
    // The Free plan's one channel is taken: a second widget is refused, none made.
    const secondWidget = await call(server.url, 'POST', '/api/v1/channels/webchat', {
      token: admin.accessToken,
      body: {},
    });
    expect(secondWidget.status).toBe(402);
    expect((secondWidget.body as { error: Json }).error.details).toMatchObject({ limit: 'channels', max: 1 });
    const key = String((widget.body as Json).key);
    const base = `${server.url}/webchat/v1/${key}`;
    const say = (visitorId: string, text: string) =>
      fetch(`${base}/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ visitorId, clientMessageId: `m-${text.length}`, text }),
      });
    const conversation = (visitor: string) =>
      call(
        server.url,
        'GET',
        `/api/v1/conversations/${encodeURIComponent(`conv:webchat:${key}:${visitor}`)}`,
        {
          token: admin.accessToken,
        },
      );
    const messagesOf = async (visitor: string) =>
      (
        await call(
          server.url,
          'GET',
          `/api/v1/conversations/${encodeURIComponent(`conv:webchat:${key}:${visitor}`)}/messages`,
          {
            token: admin.accessToken,
          },
        )
      ).body as { items: Json[] };

    // The month's one AI reply.
    const first = 'v_billing_visitor_00000001';
    expect((await say(first, 'Привет!')).status).toBe(202);
    await vi.waitFor(
      async () => {
        const items = (await messagesOf(first)).items;
        expect(items.some((m) => m.direction === 'outbound')).toBe(true);
      },
      { timeout: 30_000, interval: 200 },
    );
    const firstConversation = (await conversation(first)).body as Json;
    expect(firstConversation.handoffReason).toBeUndefined();
    expect(firstConversation.mode).not.toBe('human');
    await vi.waitFor(async () => expect(((await plan(admin)).usage as Json).aiReplies).toBe(1), {
      timeout: 10_000,
      interval: 200,
    });
    expect((await plan(admin)).warnings).toContain('aiReplies');

    // Over the limit: stored, not answered by the AI, handed to a rep with the reason.
    const second = 'v_billing_visitor_00000002';
    expect((await say(second, 'Добрый день!')).status).toBe(202);
    await vi.waitFor(
      async () => {
        const c = (await conversation(second)).body as Json;
        expect(c.mode).toBe('human');
        // In the conversation's language (Russian here).
        expect(String(c.handoffReason)).toMatch(/ИИ-ответы тарифа «Бесплатный» на этот месяц закончились/);
      },
      { timeout: 30_000, interval: 200 },
    );
    const items = (await messagesOf(second)).items;
    expect(items.find((m) => m.direction === 'inbound')).toMatchObject({
      text: 'Добрый день!',
    });
    // What went out is the hand-off notice, not an answer (counted nowhere).
    expect(items.filter((m) => m.direction === 'outbound').every((m) => m.origin !== 'model')).toBe(true);
    const tasks = await call(
      server.url,
      'GET',
      `/api/v1/tasks?conversationId=${encodeURIComponent(`conv:webchat:${key}:${second}`)}`,
      {
        token: admin.accessToken,
      },
    );
    const titles = ((tasks.body as { items: Json[] }).items ?? []).map((t) => String(t.title));
    expect(titles.some((t) => t.includes('на этот месяц закончились'))).toBe(true);
    expect(((await plan(admin)).usage as Json).aiReplies).toBe(1);
    // An English conversation is told in English.
    const third = 'v_billing_visitor_00000003';
    expect((await say(third, 'Good afternoon!')).status).toBe(202);
    await vi.waitFor(
      async () => {
        const c = (await conversation(third)).body as Json;
        expect(c.mode).toBe('human');
        expect(String(c.handoffReason)).toMatch(/AI replies this month are used up/);
      },
      { timeout: 30_000, interval: 200 },
    );
    expect(((await plan(admin)).usage as Json).aiReplies).toBe(1);
  }, 90_000);
});

describe("the plan's channels", () => {
  it('answers 402 for a Telegram bot, a VK community and a mailbox over the Free plan, before reaching any', async () => {
    const admin = await register(server.url, 'Free channels team');
    await setPlan(teamOf(admin), { plan: 'free' });
    const put = (channel: string, body: Json, lang = 'en') =>
      call(server.url, 'PUT', `/api/v1/channels/${channel}`, {
        token: admin.accessToken,
        body,
        headers: { 'accept-language': lang },
      });
    // Telegram's settings are read at GET /channels (under `telegram`), the others' at their own path.
    const configured = async (channel: string) => {
      const path = channel === 'telegram' ? '/api/v1/channels' : `/api/v1/channels/${channel}`;
      const body = (await call(server.url, 'GET', path, { token: admin.accessToken })).body as Json;
      return ((channel === 'telegram' ? body.telegram : body) as Json).configured;
    };
    // The Free plan's one channel: a web chat widget.
    const widget = await call(server.url, 'POST', '/api/v1/channels/webchat', {
      token: admin.accessToken,
      body: { title: 'Chat' },
    });
    expect(widget.status).toBe(201);
    const mailServer = { host: '127.0.0.1', port: tripwirePort, tls: 'none', user: 'desk', password: 'pw' };
    const attempts: Array<[string, Json]> = [
      ['telegram', { token: `123456:${'A'.repeat(35)}`, mode: 'polling' }],
      ['vk', { groupId: 4242, accessToken: 'v'.repeat(40), mode: 'longpoll' }],
      ['email', { address: 'desk@example.com', imap: mailServer, smtp: mailServer, mode: 'poll' }],
    ];
    for (const [channel, body] of attempts) {
      const over = await put(channel, body);
      expect(over.status, channel).toBe(402);
      const error = (over.body as { error: Json }).error;
      expect(error, channel).toMatchObject({
        code: 'plan-limit-reached',
        details: { limit: 'channels', plan: 'free', max: 1, used: 1 },
      });
      expect(error.message, channel).toBe(
        'The Free plan allows 1 channel connection, and the team has 1: remove one, or move to a larger plan.',
      );
      const ru = await put(channel, body, 'ru-RU,ru;q=0.9');
      expect(ru.status, channel).toBe(402);
      expect(String((ru.body as { error: Json }).error.message), channel).toMatch(
        /^Тариф «Бесплатный» допускает подключений каналов: 1/,
      );
      // Nothing saved.
      expect(await configured(channel), channel).toBe(false);
    }
    expect(((await plan(admin)).usage as Json).channels).toBe(1);
    // None of the six requests reached out.
    expect(tripped).toBe(0);
    // A larger plan: the same Telegram bot is saved, and the runtime reaches for it (what the listener
    // would have counted had a refused one been saved).
    await setPlan(teamOf(admin), { plan: 'pro' });
    expect((await put('telegram', attempts[0]![1])).status).toBe(200);
    expect(await configured('telegram')).toBe(true);
    await vi.waitFor(() => expect(tripped).toBeGreaterThan(0), { timeout: 20_000, interval: 100 });
    expect(
      (await call(server.url, 'DELETE', '/api/v1/channels/telegram', { token: admin.accessToken })).status,
    ).toBe(204);
  }, 60_000);
});

describe("the plan's history", () => {
  it('hides conversations and messages older than the Free plan shows from the API, keeping them for a larger plan', async () => {
    const admin = await register(server.url, 'History team');
    const teamId = teamOf(admin);
    await setPlan(teamId, { plan: 'free' });
    await server.store.teamDb(teamId, 'conversations').bulk({
      docs: [conversation('conv-old', daysAgo(200)), conversation('conv-back', daysAgo(1))] as never[],
    });
    await server.store.teamDb(teamId, 'messages').bulk({
      docs: [
        message('m-old-1', 'conv-old', daysAgo(200)),
        message('m-back-1', 'conv-back', daysAgo(120)),
        message('m-back-2', 'conv-back', daysAgo(1)),
      ] as never[],
    });
    const get = (path: string, lang = 'en') =>
      call(server.url, 'GET', `/api/v1${path}`, {
        token: admin.accessToken,
        headers: { 'accept-language': lang },
      });
    const listed = async () =>
      ((await get('/conversations')).body as { items: Json[] }).items.map((c) => c.id).sort();
    const said = async (id: string) =>
      ((await get(`/conversations/${id}/messages`)).body as { items: Json[] }).items.map((m) => m.id);

    expect(await listed()).toEqual(['conv-back']);
    const old = await get('/conversations/conv-old', 'ru');
    expect(old.status).toBe(402);
    expect((old.body as { error: Json }).error).toMatchObject({
      code: 'plan-limit-reached',
      details: { limit: 'historyDays', plan: 'free', max: 90 },
    });
    expect(String((old.body as { error: Json }).error.message)).toMatch(
      /90 дн\.; этот диалог старше\. Он сохранён/,
    );
    expect((await get('/conversations/conv-old/messages')).status).toBe(402);
    // A conversation the customer came back to: shown, with the messages inside the 90 days.
    expect(await said('conv-back')).toEqual(['m-back-2']);

    // Nothing was deleted: a plan that keeps all history shows it all again.
    await setPlan(teamId, { plan: 'business' });
    expect(await listed()).toEqual(['conv-back', 'conv-old']);
    expect((await get('/conversations/conv-old')).status).toBe(200);
    expect(await said('conv-old')).toEqual(['m-old-1']);
    expect(await said('conv-back')).toEqual(['m-back-1', 'm-back-2']);
  });
});

describe('the knowledge size', () => {
  it('refuses an upload that would go over it with 402, keeping what fits', async () => {
    const admin = await register(server.url, 'Free knowledge team');
    await setPlan(teamOf(admin), { plan: 'free' });
    const upload = (name: string, text: string) =>
      call(server.url, 'POST', `/api/v1/knowledge/sources?fileName=${name}`, {
        token: admin.accessToken,
        raw: text,
        headers: { 'content-type': 'text/plain' },
      });
    const first = await upload(
      'prices.txt',
      `Prices. ${'The basic plan costs 10 euros a month. '.repeat(35)}`,
    );
    expect(first.status).toBe(201);
    const over = await upload(
      'terms.txt',
      `Terms. ${'Payment is due within 14 days of the invoice. '.repeat(20)}`,
    );
    expect(over.status).toBe(402);
    expect((over.body as { error: Json }).error.details).toMatchObject({
      limit: 'knowledgeBytes',
      max: 2_000,
    });
    const sources = await call(server.url, 'GET', '/api/v1/knowledge/sources', { token: admin.accessToken });
    expect((sources.body as { items: Json[] }).items.map((s) => s.fileName)).toEqual(['prices.txt']);
    expect(((await plan(admin)).usage as Json).knowledgeBytes).toBe(Number((first.body as Json).size));
  });
});

describe('billing: Stripe', () => {
  it('moves a team to the paid plan on a signed checkout event, to grace on a failed renewal, to Free on cancel; a replay changes nothing', async () => {
    const admin = await register(server.url, 'Stripe team');
    await setPlan(teamOf(admin), { plan: 'free' });
    const checkout = await call(server.url, 'POST', '/api/v1/billing/checkout', {
      token: admin.accessToken,
      body: { plan: 'pro', provider: 'stripe' },
    });
    expect(checkout.status).toBe(200);
    const sessionId = String((checkout.body as Json).id);
    expect((checkout.body as Json).url).toBe(`https://checkout.stripe.com/c/pay/${sessionId}`);
    expect(stripe.sessions.get(sessionId)?.metadata).toEqual({ teamId: teamOf(admin), plan: 'pro' });

    const paid = stripe.completeCheckout(sessionId);
    const first = await stripe.deliver(hook('stripe'), paid);
    expect(first).toMatchObject({ status: 200, body: { received: true, outcome: 'applied' } });
    expect(await plan(admin)).toMatchObject({ plan: 'pro', source: 'stripe', status: 'active' });

    const subscription = String(paid.data.object.subscription);
    await new Promise((r) => setTimeout(r, 1_100)); // events a second apart (Stripe's `created` is in seconds)
    expect((await stripe.deliver(hook('stripe'), stripe.renewalFailed(subscription))).status).toBe(200);
    const grace = await plan(admin);
    expect(grace).toMatchObject({ plan: 'pro', status: 'grace' });
    expect(Date.parse(String(grace.graceUntil)) - Date.now()).toBeGreaterThan(6 * 86_400_000);

    await new Promise((r) => setTimeout(r, 1_100));
    expect((await stripe.deliver(hook('stripe'), stripe.subscriptionDeleted(subscription))).status).toBe(200);
    expect(await plan(admin)).toMatchObject({ plan: 'free', source: 'stripe' });

    // The checkout event again, freshly signed (a provider's retry, a replayed request): nothing changes.
    const replay = await stripe.deliver(hook('stripe'), paid);
    expect(replay).toMatchObject({ status: 200, body: { outcome: 'duplicate' } });
    expect((await plan(admin)).plan).toBe('free');
  }, 30_000);

  it('refuses bad signatures, old ones and bad bodies with 4xx, changing nothing', async () => {
    const admin = await register(server.url, 'Stripe forger team');
    await setPlan(teamOf(admin), { plan: 'free' });
    const checkout = await call(server.url, 'POST', '/api/v1/billing/checkout', {
      token: admin.accessToken,
      body: { plan: 'business', provider: 'stripe' },
    });
    const event = stripe.completeCheckout(String((checkout.body as Json).id));
    const wrongSecret = await stripe.deliver(hook('stripe'), event, { secret: 'whsec_not_the_secret' });
    expect(wrongSecret.status).toBe(400);
    expect((wrongSecret.body as { error: Json }).error.code).toBe('webhook-refused');
    const old = await stripe.deliver(hook('stripe'), event, { t: Math.floor(Date.now() / 1000) - 600 });
    expect(old.status).toBe(400);
    const unsigned = await fetch(hook('stripe'), { method: 'POST', body: JSON.stringify(event) });
    expect(unsigned.status).toBe(400);
    const notJson = await stripe.deliver(hook('stripe'), undefined, { raw: '{"id": ' });
    expect(notJson.status).toBe(400);
    const notEvent = await stripe.deliver(hook('stripe'), undefined, { raw: '[1,2,3]' });
    expect(notEvent.status).toBe(400);
    const huge = await stripe.deliver(hook('stripe'), undefined, { raw: `{"x":"${'a'.repeat(400_000)}"}` });
    expect(huge.status).toBe(413);
    expect((await plan(admin)).plan).toBe('free');
    // The genuine one still works afterwards.
    expect((await stripe.deliver(hook('stripe'), event)).status).toBe(200);
    expect((await plan(admin)).plan).toBe('business');
  });

  it('refuses a checkout of a plan that is not for sale, or of a provider not switched on', async () => {
    const admin = await register(server.url, 'Stripe checkout team');
    const bad = await call(server.url, 'POST', '/api/v1/billing/checkout', {
      token: admin.accessToken,
      body: { plan: 'unlimited', provider: 'stripe' },
    });
    expect(bad.status).toBe(400);
    const unknown = await call(server.url, 'POST', '/api/v1/billing/checkout', {
      token: admin.accessToken,
      body: { plan: 'pro', provider: 'paypal' },
    });
    expect(unknown.status).toBe(400);
  });
});

describe('billing: YooKassa', () => {
  it('moves a team to the plan its payment paid for, read back from the API; a replay or a forgery changes nothing', async () => {
    const admin = await register(server.url, 'YooKassa team');
    await setPlan(teamOf(admin), { plan: 'free' });
    const checkout = await call(server.url, 'POST', '/api/v1/billing/checkout', {
      token: admin.accessToken,
      body: { plan: 'business', provider: 'yookassa' },
    });
    expect(checkout.status).toBe(200);
    const paymentId = String((checkout.body as Json).id);
    expect((checkout.body as Json).url).toContain(`orderId=${paymentId}`);
    const created = yookassa.calls.find((c) => c.method === 'POST' && c.status === 200);
    expect(created?.idempotenceKey).toMatch(/^[0-9a-f-]{36}$/);
    expect(yookassa.payments.get(paymentId)).toMatchObject({
      amount: { value: '9990.00', currency: 'RUB' },
      metadata: { teamId: teamOf(admin), plan: 'business' },
    });

    // A notification that claims success before the payment succeeded: the API says pending, refused.
    const early = await yookassa.post(
      hook('yookassa'),
      JSON.stringify({
        type: 'notification',
        event: 'payment.succeeded',
        object: { id: paymentId, status: 'succeeded', paid: true },
      }),
    );
    expect(early.status).toBe(400);
    expect((await plan(admin)).plan).toBe('free');
    // A payment the shop never made.
    const forged = await yookassa.post(
      hook('yookassa'),
      JSON.stringify({
        type: 'notification',
        event: 'payment.succeeded',
        object: { id: '2f00a0b0-000f-5000-8000-1e2a3b4c5d6e' },
      }),
    );
    expect(forged.status).toBe(400);
    expect((await yookassa.post(hook('yookassa'), '{not json')).status).toBe(400);
    expect((await yookassa.post(hook('yookassa'), '{"type":"notification"}')).status).toBe(400);

    yookassa.succeed(paymentId);
    const ok = await yookassa.notify(hook('yookassa'), paymentId);
    expect(ok).toMatchObject({ status: 200, body: { outcome: 'applied' } });
    const paid = await plan(admin);
    expect(paid).toMatchObject({ plan: 'business', source: 'yookassa', status: 'active' });
    expect(Date.parse(String(paid.paidUntil)) - Date.now()).toBeGreaterThan(30 * 86_400_000);

    // The same notification again: nothing changes.
    await setPlan(teamOf(admin), { plan: 'pro' });
    const replay = await yookassa.notify(hook('yookassa'), paymentId);
    expect(replay).toMatchObject({ status: 200, body: { outcome: 'duplicate' } });
    expect((await plan(admin)).plan).toBe('pro');
  });

  it("ignores a payment whose amount, currency or month is not the plan's (metadata alone names no plan)", async () => {
    const admin = await register(server.url, 'YooKassa underpaid team');
    const teamId = teamOf(admin);
    await setPlan(teamId, { plan: 'free' });
    const paid = (amount: string, metadata: Record<string, string>, currency?: string) => {
      const p = yookassa.payment({ amount, metadata, ...(currency ? { currency } : {}) });
      yookassa.succeed(p.id);
      return yookassa.notify(hook('yookassa'), p.id);
    };
    // 1.00 USD, 9990.00 USD, 1.00 RUB and one kopeck short of the price, each with the team's metadata.
    for (const [amount, currency] of [
      ['1.00', 'USD'],
      ['9990.00', 'USD'],
      ['1.00', undefined],
      ['9989.99', undefined],
    ])
      expect(await paid(amount!, { teamId, plan: 'business' }, currency)).toMatchObject({
        status: 200,
        body: { outcome: 'ignored' },
      });
    // The Pro price named as Business.
    expect((await paid('2990.00', { teamId, plan: 'business' })).body).toMatchObject({ outcome: 'ignored' });
    // A renewal whose month begins a year from now.
    const later = new Date(Date.now() + 365 * 86_400_000).toISOString();
    const future = await paid('2990.00', { teamId, plan: 'pro', renewal: 'true', periodFrom: later });
    expect(future.body).toMatchObject({ outcome: 'ignored' });
    expect(await plan(admin)).toMatchObject({ plan: 'free' });
    // The price in roubles pays for the plan.
    expect((await paid('9990.00', { teamId, plan: 'business' })).body).toMatchObject({ outcome: 'applied' });
    expect(await plan(admin)).toMatchObject({ plan: 'business', source: 'yookassa' });
  });

  it('starts the grace days when a renewal is cancelled, keeping the plan until then', async () => {
    const admin = await register(server.url, 'YooKassa renewal team');
    await setPlan(teamOf(admin), { plan: 'free' });
    const first = yookassa.payment({ amount: '2990.00', metadata: { teamId: teamOf(admin), plan: 'pro' } });
    yookassa.succeed(first.id);
    expect((await yookassa.notify(hook('yookassa'), first.id)).status).toBe(200);
    expect((await plan(admin)).plan).toBe('pro');
    await new Promise((r) => setTimeout(r, 20));
    const renewal = yookassa.payment({
      amount: '2990.00',
      metadata: { teamId: teamOf(admin), plan: 'pro', renewal: 'true' },
    });
    yookassa.cancel(renewal.id);
    expect((await yookassa.notify(hook('yookassa'), renewal.id)).status).toBe(200);
    expect(await plan(admin)).toMatchObject({ plan: 'pro', status: 'grace' });
  });
});

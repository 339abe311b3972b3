// Telegram in webhook mode through a real sync server on loopback: the real grammY client against the
// fake Bot API server, which POSTs updates to the server's webhook route with the secret header. An
// admin switches the demo team's bot to webhook mode through the API (PUBLIC_URL names the server),
// the lease owner registers the webhook, customers get the agents' answers, and switching back to
// polling deletes the webhook.
import { freePort } from '@app/shared/testing';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { webhookSecretFor } from '@app/bot';
import { startFakeTelegram, type FakeTelegram } from '@app/bot/testing';
import { getChannelSecrets } from '../src/channels/telegram/secrets';
import { loadSecrets } from '../src/secrets';
import type { RunningServer } from '../src/server';
import { call, eventually, register, startTestServer, tempDir } from './helpers';

const BOT_TOKEN = '987654321:WebhookModeToken_for_tests-0123456789';

let dir: ReturnType<typeof tempDir>;
let fake: FakeTelegram;
let server: RunningServer;
let token: string;
let teamId: string;
let hookUrl: string;
/** The server's log lines (info and up), to check that no secret reaches them. */
const logLines: string[] = [];
const logSink = new Writable({
  write(chunk: Buffer, _encoding, done) {
    logLines.push(chunk.toString('utf8'));
    done();
  },
});

const sentTo = (chatId: number) => fake.sent.filter((s) => String(s.chatId) === String(chatId));

const updateFor = (chatId: number, messageId: number, text: string) => ({
  update_id: 900_000 + messageId,
  message: {
    message_id: messageId,
    date: Math.floor(Date.now() / 1000),
    chat: { id: chatId, type: 'private', first_name: 'Mallory' },
    from: { id: chatId, is_bot: false, first_name: 'Mallory' },
    text,
  },
});

const postHook = (url: string, body: string, secret?: string) =>
  fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(secret === undefined ? {} : { 'x-telegram-bot-api-secret-token': secret }),
    },
    body,
  });

beforeAll(async () => {
  dir = tempDir('tg-webhook-');
  fake = await startFakeTelegram({ token: BOT_TOKEN, webhookRetryMs: 50 });
  const port = await freePort();
  server = await startTestServer(
    dir.path,
    {
      PORT: String(port),
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      SEED_DEMO: 'true',
      TELEGRAM_API_ROOT: fake.apiRoot,
    },
    { log: pino({ level: 'info' }, logSink) },
  );
  const seeded = server.seeded!;
  teamId = seeded.teamId;
  hookUrl = `${server.url}/telegram/webhook/${encodeURIComponent(teamId)}`;
  const login = await call(server.url, 'POST', '/api/v1/auth/login', {
    body: { email: seeded.email, password: seeded.password },
  });
  token = login.body.accessToken;
}, 60_000);

afterAll(async () => {
  await server.close();
  await fake.close();
  dir.remove();
});

describe('Telegram webhook mode', () => {
  it('a team switched to webhook mode through the API gets its webhook set, with the secret', async () => {
    const put = await call(server.url, 'PUT', '/api/v1/channels/telegram', {
      token,
      body: { token: BOT_TOKEN, mode: 'webhook' },
    });
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({ configured: true, mode: 'webhook' });
    const hook = await eventually(() => fake.webhook());
    expect(hook.url).toBe(hookUrl);
    const { encryptionKey } = loadSecrets(dir.path, {});
    const secrets = await getChannelSecrets(server.store, encryptionKey, teamId);
    expect(hook.secretToken).toBe(secrets.telegram!.webhookSecret);
    expect(fake.calls.filter((c) => c.method === 'setWebhook').at(-1)?.params).toMatchObject({
      url: hookUrl,
      secret_token: secrets.telegram!.webhookSecret,
    });
  }, 30_000);

  it('a customer message delivered to the webhook gets the agent answer by sendMessage', async () => {
    const anna = fake.user({ id: 6101, first_name: 'Анна', language_code: 'ru' });
    const update = anna.says('Здравствуйте! Во сколько работает техподдержка?');
    const [reply] = await fake.waitForSent(1, { chatId: 6101, timeoutMs: 45_000 });
    expect(reply!.text).toMatch(/21:00/); // from the demo knowledge base's support page
    expect(fake.webhookDeliveries.find((d) => d.updateId === update.update_id)?.status).toBe(200);
  }, 60_000);

  it('a duplicate delivery yields one reply', async () => {
    const ivan = fake.user({ id: 6102, first_name: 'Ivan', language_code: 'en' });
    const update = ivan.says('I need a human manager, please');
    fake.redeliver(update);
    await fake.waitForSent(1, { chatId: 6102, timeoutMs: 45_000 });
    // And once more by hand, as a Telegram retry after a lost answer would.
    const again = await postHook(hookUrl, JSON.stringify(update), fake.webhook()!.secretToken);
    expect(again.status).toBe(200);
    await new Promise((r) => setTimeout(r, 2_000));
    expect(sentTo(6102)).toHaveLength(1);
    const messages = await server.store.teamDb(teamId, 'messages').list();
    expect(messages.rows.filter((r) => /^msg:telegram:6102:\d+$/.test(r.id))).toHaveLength(1);
  }, 60_000);

  it('a wrong or missing secret gets 401 and writes nothing; a bad body 400; a huge one 413', async () => {
    const body = JSON.stringify(updateFor(6199, 7001, 'let me in'));
    const wrong = await postHook(hookUrl, body, 'not-the-secret');
    expect(wrong.status).toBe(401);
    expect(((await wrong.json()) as { error: { code: string } }).error.code).toBe('unauthorized');
    expect((await postHook(hookUrl, body)).status).toBe(401);
    const secret = fake.webhook()!.secretToken;
    expect((await postHook(hookUrl, '{not json', secret)).status).toBe(400);
    expect((await postHook(hookUrl, '[1,2]', secret)).status).toBe(400);
    expect((await postHook(hookUrl, JSON.stringify({ pad: 'x'.repeat(2 << 20) }), secret)).status).toBe(413);
    await new Promise((r) => setTimeout(r, 300));
    const messages = server.store.teamDb(teamId, 'messages');
    await expect(messages.get('msg:telegram:6199:7001')).rejects.toMatchObject({ statusCode: 404 });
    expect(sentTo(6199)).toHaveLength(0);
  });

  it('the request logs show the secret header redacted, never its value', async () => {
    const secret = fake.webhook()!.secretToken;
    await postHook(hookUrl, JSON.stringify(updateFor(6196, 7004, 'log me')), secret);
    await new Promise((r) => setTimeout(r, 200));
    const hookLines = logLines.filter((l) => l.includes('/telegram/webhook/'));
    expect(hookLines.length).toBeGreaterThan(0);
    expect(hookLines.join('')).toContain('"x-telegram-bot-api-secret-token":"[redacted]"');
    const all = logLines.join('');
    expect(all).not.toContain(secret);
    expect(all).not.toContain('not-the-secret');
  });

  it('an unknown team, or a team without a webhook bot, gets the answer a wrong secret gets (401)', async () => {
    const body = JSON.stringify(updateFor(6198, 7002, 'hello'));
    const wrong = await postHook(hookUrl, body, 'x');
    const answer = { status: wrong.status, body: await wrong.text() };
    expect(answer.status).toBe(401);
    const unknown = await postHook(`${server.url}/telegram/webhook/no-such-team`, body, 'x');
    expect({ status: unknown.status, body: await unknown.text() }).toEqual(answer);
    const other = await register(server.url, 'No bot here');
    const plain = await postHook(`${server.url}/telegram/webhook/${other.team.id}`, body, 'x');
    expect({ status: plain.status, body: await plain.text() }).toEqual(answer);
  });

  it('switching back to polling deletes the webhook; the bot then polls, and the route answers 401', async () => {
    const secret = fake.webhook()!.secretToken;
    const put = await call(server.url, 'PUT', '/api/v1/channels/telegram', {
      token,
      body: { mode: 'polling' },
    });
    expect(put.status).toBe(200);
    await eventually(() => (fake.webhook() ? undefined : true));
    expect(fake.calls.some((c) => c.method === 'deleteWebhook')).toBe(true);
    const olga = fake.user({ id: 6103, first_name: 'Olga', language_code: 'ru' });
    olga.says('Здравствуйте! Во сколько работает техподдержка?');
    const [reply] = await fake.waitForSent(1, { chatId: 6103, timeoutMs: 45_000 });
    expect(reply!.text).toMatch(/21:00/);
    const late = await postHook(hookUrl, JSON.stringify(updateFor(6197, 7003, 'hi')), secret);
    expect(late.status).toBe(401);
  }, 60_000);
});

describe('disconnecting a bot in webhook mode', () => {
  it('removes its webhook at Telegram', async () => {
    const put = await call(server.url, 'PUT', '/api/v1/channels/telegram', {
      token,
      body: { token: BOT_TOKEN, mode: 'webhook' },
    });
    expect(put.status).toBe(200);
    await eventually(() => fake.webhook() ?? undefined);
    const deletesBefore = fake.calls.filter((c) => c.method === 'deleteWebhook').length;
    const del = await call(server.url, 'DELETE', '/api/v1/channels/telegram', { token });
    expect(del.status).toBe(204);
    await eventually(() => (fake.webhook() ? undefined : true));
    expect(fake.calls.filter((c) => c.method === 'deleteWebhook').length).toBeGreaterThan(deletesBefore);
  }, 60_000);
});

describe('the demo bot in webhook mode (TELEGRAM_MODE=webhook)', () => {
  it('needs PUBLIC_URL, and registers PUBLIC_URL/telegram/webhook/<team> with the secret derived from the token', async () => {
    const demoToken = '123123123:DemoWebhookToken_for_tests-abcdefghij';
    await expect(
      startTestServer(dir.path, { TELEGRAM_MODE: 'webhook', TELEGRAM_BOT_TOKEN: demoToken }),
    ).rejects.toThrow(/PUBLIC_URL: is required when TELEGRAM_MODE=webhook/);
    const demoFake = await startFakeTelegram({ token: demoToken, webhookRetryMs: 50 });
    const demoDir = tempDir('tg-webhook-demo-');
    const port = await freePort();
    const demo = await startTestServer(demoDir.path, {
      PORT: String(port),
      PUBLIC_URL: `http://127.0.0.1:${port}/`,
      SEED_DEMO: 'true',
      TELEGRAM_MODE: 'webhook',
      TELEGRAM_BOT_TOKEN: demoToken,
      TELEGRAM_API_ROOT: demoFake.apiRoot,
    });
    try {
      const hook = await eventually(() => demoFake.webhook());
      expect(hook).toEqual({
        url: `http://127.0.0.1:${port}/telegram/webhook/${encodeURIComponent(demo.seeded!.teamId)}`,
        secretToken: webhookSecretFor(demoToken),
      });
      demoFake
        .user({ id: 6201, first_name: 'Petr', language_code: 'ru' })
        .says('Во сколько работает техподдержка?');
      const [reply] = await demoFake.waitForSent(1, { chatId: 6201, timeoutMs: 45_000 });
      expect(reply!.text).toMatch(/21:00/);
    } finally {
      await demo.close();
      await demoFake.close();
      demoDir.remove();
    }
  }, 90_000);
});

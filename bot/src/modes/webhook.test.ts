// Webhook mode: the fake Bot API server POSTs updates to the bot's handler on a loopback server.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createBot } from '../create-bot';
import { memoryLogger } from '../test-support/bot-harness';
import { startFakeTelegram, type FakeTelegram } from '../testing/fake-telegram';
import { createMemorySink, type MemorySink } from '../testing/memory-ports';
import {
  createWebhookHandler,
  registerWebhook,
  webhookPath,
  webhookSecretFor,
  type WebhookRequest,
} from './webhook';

describe('webhook mode', () => {
  let fake: FakeTelegram;
  let sink: MemorySink;
  let server: Server;
  let url: string;
  const secret = webhookSecretFor('token-of-team-1');
  const path = webhookPath('team-1');

  beforeEach(async () => {
    fake = await startFakeTelegram({ webhookRetryMs: 20 });
    sink = createMemorySink();
    const bot = createBot(fake.token, { teamId: 'team-1', botId: 'bot-1', apiRoot: fake.apiRoot, sink });
    const handler = createWebhookHandler(bot, { secretToken: secret, logger: memoryLogger() });
    server = createServer((req, res) => {
      if (req.method !== 'POST' || req.url !== path) return void res.writeHead(404).end();
      if (req.headers['x-parsed'] === 'yes') {
        // What Express does with express.json() in front: the body arrives parsed.
        const chunks: Buffer[] = [];
        req.on('data', (c: Buffer) => chunks.push(c));
        req.on('end', () => {
          (req as WebhookRequest).body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
          void handler(req, res);
        });
        return;
      }
      void handler(req, res);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}${path}`;
    await registerWebhook(bot, { url, secretToken: secret });
  });

  afterEach(async () => {
    await fake.close();
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  });

  const post = (body: string, headers: Record<string, string>) =>
    fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });

  it('registers the webhook with its secret and handles pushed updates', async () => {
    expect(fake.webhook()).toEqual({ url, secretToken: secret });
    expect(path).toBe('/telegram/webhook/team-1');
    const anna = fake.user({ id: 2001, language_code: 'en' });
    anna.says('hello from a webhook');
    anna.command('help');
    await fake.waitFor(() => sink.created.length === 2);
    await fake.waitForSent(1, { chatId: 2001 });
    await fake.waitFor(() => fake.pendingUpdates().length === 0);
    expect(sink.created.map((m) => m.doc.text)).toEqual(['hello from a webhook', '/help']);
    expect(fake.webhookDeliveries.map((d) => d.status)).toEqual([200, 200]);
    expect(fake.pendingUpdates()).toHaveLength(0);
  });

  it('answers 401 to a wrong or missing secret and handles nothing', async () => {
    const update = JSON.stringify({
      update_id: 99,
      message: {
        message_id: 1,
        date: 1_760_000_000,
        chat: { id: 2002, type: 'private', first_name: 'M' },
        from: { id: 2002, is_bot: false, first_name: 'M' },
        text: 'forged',
      },
    });
    expect((await post(update, { 'x-telegram-bot-api-secret-token': 'wrong' })).status).toBe(401);
    expect((await post(update, {})).status).toBe(401);
    expect((await post(update, { 'x-telegram-bot-api-secret-token': secret })).status).toBe(200);
    expect(sink.created.map((m) => m.doc.text)).toEqual(['forged']);
  });

  it('answers 400 to a body that is not JSON', async () => {
    const res = await post('{not json', { 'x-telegram-bot-api-secret-token': secret });
    expect(res.status).toBe(400);
  });

  it('accepts a body Express already parsed', async () => {
    const update = {
      update_id: 100,
      message: {
        message_id: 5,
        date: 1_760_000_000,
        chat: { id: 2003, type: 'private', first_name: 'E' },
        from: { id: 2003, is_bot: false, first_name: 'E' },
        text: 'parsed by express',
      },
    };
    const res = await post(JSON.stringify(update), {
      'x-telegram-bot-api-secret-token': secret,
      'x-parsed': 'yes',
    });
    expect(res.status).toBe(200);
    expect(sink.created[0]?.doc.text).toBe('parsed by express');
  });

  it('answers 500 while the sink fails, so Telegram redelivers; one doc in the end', async () => {
    sink.failNext(2);
    fake.user({ id: 2004 }).says('eventually stored');
    await fake.waitFor(() => sink.created.length === 1 && fake.pendingUpdates().length === 0);
    expect(fake.webhookDeliveries.map((d) => d.status)).toEqual([500, 500, 200]);
    expect(sink.created[0]!.doc.text).toBe('eventually stored');
  });
});

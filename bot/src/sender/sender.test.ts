// The sender against the fake Bot API server through the real grammY client.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Api } from 'grammy';
import type { MessageDoc } from '@app/shared/schemas';
import { startFakeTelegram, type FakeTelegram } from '../testing/fake-telegram';
import { createMemoryDelivery, type MemoryDelivery } from '../testing/memory-ports';
import { createSender, type SenderOptions } from './sender';

let seq = 0;
function outbound(text: string, extra: Partial<MessageDoc> = {}): MessageDoc {
  seq++;
  return {
    id: `out-${seq}`,
    conversationId: 'conv:telegram:bot-1:1',
    channel: 'telegram',
    direction: 'outbound',
    author: { kind: 'agent', id: 'answer' },
    text,
    attachments: [],
    delivery: { status: 'pending' },
    idempotencyKey: `out-${seq}`,
    createdAt: new Date().toISOString(),
    ...extra,
  };
}

const fast: Partial<SenderOptions> = {
  limits: {
    perChat: { intervalMs: 20, burst: 1 },
    perGroup: { intervalMs: 20, burst: 1 },
    global: { intervalMs: 1, burst: 1 },
  },
  retry: { baseDelayMs: 10, maxDelayMs: 50, jitter: 0.5 },
  requestTimeoutMs: 2000,
};

describe('sender', () => {
  let fake: FakeTelegram;
  let delivery: MemoryDelivery;
  let api: Api;
  beforeEach(async () => {
    fake = await startFakeTelegram();
    delivery = createMemoryDelivery();
    api = new Api(fake.token, { apiRoot: fake.apiRoot });
  });
  afterEach(async () => {
    await fake.close();
  });

  it("sends a message's files before its text, a photo as a photo, through a failed load and a 500", async () => {
    const sender = createSender({ api, delivery, ...fast });
    const photo = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 9, 9, 9]);
    const pdf = new TextEncoder().encode('%PDF-1.4 offer');
    let loads = 0;
    fake.failNext({ status: 500 });
    const result = await sender.enqueue({
      doc: outbound('Here is the offer and the photo'),
      chatId: 7,
      files: [
        {
          fileName: 'offer.pdf',
          mimeType: 'application/pdf',
          asPhoto: false,
          // Not yet on the server the first time (a device's upload still replicating).
          load: async () => {
            if (loads++ === 0) throw new Error('the file is not there yet');
            return pdf;
          },
        },
        { fileName: 'shop.jpg', mimeType: 'image/jpeg', asPhoto: true, load: async () => photo },
      ],
    });
    expect(result.status).toBe('sent');
    const sent = fake.sent.filter((s) => String(s.chatId) === '7');
    expect(sent.map((s) => s.method)).toEqual(['sendDocument', 'sendPhoto', 'sendMessage']);
    expect(sent[0]!.file).toMatchObject({ name: 'offer.pdf', bytes: pdf });
    expect(sent[1]!.file!.bytes).toEqual(photo);
    expect(sent[2]!.text).toBe('Here is the offer and the photo');
    if (result.status === 'sent') expect(result.externalMessageIds).toHaveLength(3);

    // Files alone, without text, go too.
    const alone = await sender.enqueue({
      doc: outbound(''),
      chatId: 8,
      files: [{ fileName: 'a.txt', mimeType: 'text/plain', asPhoto: false, load: async () => pdf }],
    });
    expect(alone.status).toBe('sent');
    expect(fake.sent.filter((s) => String(s.chatId) === '8').map((s) => s.method)).toEqual(['sendDocument']);
    await sender.stop();
  });

  it('keeps the order per chat through 429, 5xx and network errors', async () => {
    const sender = createSender({ api, delivery, ...fast });
    fake.failNext({ status: 500 }, { times: 2 });
    fake.failNext({ status: 502, html: true });
    fake.failNext({ reset: true });
    fake.failNext({ status: 429, retryAfter: 1 });
    const texts = ['one', 'two', 'three', 'four', 'five'];
    const docs = texts.map((t) => outbound(t));
    const results = await Promise.all(docs.map((doc) => sender.enqueue({ doc, chatId: 1 })));
    expect(results.map((r) => r.status)).toEqual(['sent', 'sent', 'sent', 'sent', 'sent']);
    expect(fake.sentTo(1).map((s) => s.text)).toEqual(texts);
    expect(results[0]!.attempts).toBe(6); // 500, 500, 502, reset, 429, then sent
    const first = delivery.state.get(docs[0]!.id)!;
    expect(first).toMatchObject({
      status: 'sent',
      attempts: 6,
      externalMessageId: String(fake.sentTo(1)[0]!.messageId),
    });
    const retries = delivery.events.filter((e) => e.id === docs[0]!.id && e.event === 'retrying');
    expect(retries.map((e) => (e.info as { lastError: string }).lastError)).toEqual([
      '500: Internal Server Error',
      '500: Internal Server Error',
      expect.stringContaining('network'),
      expect.stringContaining('network'),
      '429: Too Many Requests: retry after 1',
    ]);
  });

  it('honours retry_after for the chat and keeps other chats going', async () => {
    const sender = createSender({ api, delivery, ...fast });
    fake.failNext({ status: 429, retryAfter: 1 }, { chatId: 10 });
    const a = [outbound('a1'), outbound('a2')].map((doc) => sender.enqueue({ doc, chatId: 10 }));
    const b = [outbound('b1'), outbound('b2')].map((doc) => sender.enqueue({ doc, chatId: 20 }));
    await Promise.all([...a, ...b]);
    const limited = fake.calls.find((c) => c.status === 429)!;
    const nextToA = fake.calls.find((c) => c.at > limited.at && c.params.chat_id === 10)!;
    expect(nextToA.at - limited.at).toBeGreaterThanOrEqual(990);
    expect(fake.sentTo(10).map((s) => s.text)).toEqual(['a1', 'a2']);
    // Chat 20 was not held by chat 10's pause.
    expect(fake.sentTo(20).at(-1)!.at).toBeLessThan(limited.at + 500);
  });

  it('fails at once on 403 and 400 with the reason, without retrying', async () => {
    const sender = createSender({ api, delivery, ...fast });
    fake.blockChat(30);
    fake.failNext({ status: 400, description: 'Bad Request: chat not found' }, { chatId: 31 });
    const blocked = [outbound('x'), outbound('y')];
    const results = await Promise.all([
      ...blocked.map((doc) => sender.enqueue({ doc, chatId: 30 })),
      sender.enqueue({ doc: outbound('z'), chatId: 31 }),
    ]);
    expect(results.map((r) => r.status)).toEqual(['failed', 'failed', 'failed']);
    expect(results[0]).toMatchObject({ attempts: 1, reason: '403: Forbidden: bot was blocked by the user' });
    expect(results[2]).toMatchObject({ attempts: 1, reason: '400: Bad Request: chat not found' });
    expect(delivery.state.get(blocked[0]!.id)).toEqual({
      status: 'failed',
      attempts: 1,
      lastError: '403: Forbidden: bot was blocked by the user',
    });
    expect(fake.calls.filter((c) => c.method === 'sendMessage' && c.params.chat_id === 30)).toHaveLength(2);
    expect(delivery.events.some((e) => e.event === 'retrying')).toBe(false);
  });

  it('splits a long text into ordered parts, the markup on the last one', async () => {
    const sender = createSender({ api, delivery, ...fast });
    const paragraph = 'Lorem ipsum dolor sit amet, consectetur adipiscing elit. '.repeat(30);
    const text = Array.from({ length: 6 }, (_, i) => `${i}: ${paragraph}`).join('\n\n');
    expect(text.length).toBeGreaterThan(9000);
    const markup = { inline_keyboard: [[{ text: 'Book a call', callback_data: 'book' }]] };
    const doc = outbound(text);
    const result = await sender.enqueue({ doc, chatId: 40, replyMarkup: markup });
    const parts = fake.sentTo(40);
    expect(parts.length).toBeGreaterThanOrEqual(3);
    for (const p of parts) expect(p.text.length).toBeLessThanOrEqual(4096);
    const squash = (t: string) => t.replace(/\s+/g, ' ').trim();
    expect(squash(parts.map((p) => p.text).join(' '))).toBe(squash(text));
    expect(parts.map((p) => p.params.reply_markup ?? null)).toEqual([
      ...parts.slice(1).map(() => null),
      markup,
    ]);
    expect(result).toMatchObject({ status: 'sent', externalMessageIds: parts.map((p) => p.messageId) });
    expect(delivery.state.get(doc.id)?.externalMessageId).toBe(String(parts[0]!.messageId));
  });

  it('retries a request that hangs past the timeout', async () => {
    const sender = createSender({ api, delivery, ...fast, requestTimeoutMs: 200 });
    fake.failNext({ hang: true });
    const result = await sender.enqueue({ doc: outbound('after a hang'), chatId: 50 });
    expect(result).toMatchObject({ status: 'sent', attempts: 2 });
    expect(fake.sentTo(50).map((s) => s.text)).toEqual(['after a hang']);
  });

  it('marks failed after maxAttempts, never silently dropping', async () => {
    const sender = createSender({ api, delivery, ...fast, retry: { ...fast.retry, maxAttempts: 3 } });
    fake.failAlways({ status: 500 });
    const doc = outbound('doomed');
    const next = outbound('next');
    const [r1, r2] = await Promise.all([
      sender.enqueue({ doc, chatId: 60 }),
      sender.enqueue({ doc: next, chatId: 60 }),
    ]);
    expect(r1).toMatchObject({
      status: 'failed',
      attempts: 3,
      reason: 'gave up after 3 attempts: 500: Internal Server Error',
    });
    expect(r2.status).toBe('failed');
    expect(delivery.state.get(doc.id)?.status).toBe('failed');
  });

  it('sends one message once when the same doc is enqueued twice', async () => {
    const sender = createSender({ api, delivery, ...fast });
    const doc = outbound('once');
    const [a, b] = await Promise.all([
      sender.enqueue({ doc, chatId: 70 }),
      sender.enqueue({ doc, chatId: 70 }),
    ]);
    expect(a).toEqual(b);
    expect(fake.sentTo(70)).toHaveLength(1);
  });

  it('never sends a doc whose delivery is already sent or failed', async () => {
    const sender = createSender({ api, delivery, ...fast });
    const sent = outbound('done before', {
      delivery: { status: 'sent', attempts: 1, externalMessageId: '12' },
    });
    const failed = outbound('failed before', {
      delivery: { status: 'failed', attempts: 1, lastError: '403: blocked' },
    });
    expect(await sender.enqueue({ doc: sent, chatId: 75 })).toEqual({
      id: sent.id,
      status: 'sent',
      attempts: 1,
      externalMessageIds: [12],
    });
    expect(await sender.enqueue({ doc: failed, chatId: 75 })).toMatchObject({
      status: 'failed',
      reason: '403: blocked',
    });
    expect(fake.calls).toHaveLength(0);
    expect(delivery.events).toHaveLength(0);
  });

  it('stops: waiting messages resolve stopped and stay undelivered', async () => {
    const sender = createSender({
      api,
      delivery,
      ...fast,
      limits: { perChat: { intervalMs: 60_000, burst: 1 } },
    });
    const first = sender.enqueue({ doc: outbound('goes'), chatId: 80 });
    const second = sender.enqueue({ doc: outbound('waits a minute'), chatId: 80 });
    await first;
    await sender.stop();
    expect((await second).status).toBe('stopped');
    expect(fake.sentTo(80).map((s) => s.text)).toEqual(['goes']);
    expect(sender.pending()).toBe(0);
  });

  it('holds Telegram limits: about 1 message per second per chat, chats in parallel', async () => {
    // The fake answers 429 to anything faster than 900 ms per chat: the sender must never trigger it.
    await fake.close();
    fake = await startFakeTelegram({ floodControl: { perChatIntervalMs: 900 } });
    api = new Api(fake.token, { apiRoot: fake.apiRoot });
    const sender = createSender({ api, delivery });
    const started = Date.now();
    await Promise.all(
      [1, 2].flatMap((chat) =>
        ['m1', 'm2', 'm3'].map((t) => sender.enqueue({ doc: outbound(t), chatId: 90 + chat })),
      ),
    );
    const elapsed = Date.now() - started;
    expect(fake.calls.filter((c) => c.status === 429)).toHaveLength(0);
    for (const chat of [91, 92]) {
      const at = fake.sentTo(chat).map((s) => s.at);
      expect(at).toHaveLength(3);
      for (let i = 1; i < at.length; i++) expect(at[i]! - at[i - 1]!).toBeGreaterThanOrEqual(950);
    }
    expect(elapsed).toBeLessThan(3500); // two chats in parallel, not one after the other (~6 s)
  });

  it('lets many chats wait for the global limit at once without a listener-leak warning', async () => {
    // Every waiting chat listens for a stop on the sender's one signal, and stops listening when its
    // turn comes: 40 waiting at once are not a leak, and Node must not warn that they are.
    const warnings: string[] = [];
    const onWarning = (w: Error) => warnings.push(`${w.name}: ${w.message}`);
    process.on('warning', onWarning);
    try {
      const sender = createSender({
        api,
        delivery,
        ...fast,
        limits: { ...fast.limits!, global: { intervalMs: 5, burst: 1 } },
      });
      const results = await Promise.all(
        Array.from({ length: 40 }, (_, i) => sender.enqueue({ doc: outbound(`m${i}`), chatId: 500 + i })),
      );
      expect(results.every((r) => r.status === 'sent')).toBe(true);
      await new Promise((r) => setImmediate(r));
      expect(warnings.filter((w) => w.includes('MaxListeners'))).toEqual([]);
    } finally {
      process.off('warning', onWarning);
    }
  });
});

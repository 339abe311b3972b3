// The Telegram transport's turns (issue 36): `reserve` takes each message's turn of the bot-wide
// limit at once and answers when it comes (the outbox claims the messages of one claim window
// together, outbox/claim-window.ts), and `send` still goes at the message's own turn, 34 ms apart
// on a paced limit; on Telegram's own (30 in any 1020 ms) a burst of up to 30 has its turns now.
// On a manual clock; no store is read (messages without files).
import { describe, expect, it } from 'vitest';
import type { SendApi } from '@app/bot';
import { createManualClock } from '@app/bot/testing';
import type { ConversationDoc, MessageDoc } from '@app/shared/schemas';
import type { Store } from '../../context';
import { telegramTransport } from './telegram-transport';

const conversation = (chat: number) =>
  ({ id: `conv-${chat}`, channel: 'telegram', externalChatId: String(chat) }) as ConversationDoc;
const message = (chat: number) =>
  ({ id: `msg-${chat}`, text: `hello ${chat}`, attachments: [], author: 'agent' }) as unknown as MessageDoc;

describe("the Telegram transport's turns", () => {
  it('answers each reserve with its turn at once, and sends each message at its turn', async () => {
    const start = 1_000_000;
    const clock = createManualClock(start);
    const sentAt = new Map<string, number>();
    const api = {
      sendMessage: async (chat: string | number) => {
        sentAt.set(String(chat), clock.now() - start);
        return { message_id: sentAt.size };
      },
    } as unknown as SendApi;
    const transport = telegramTransport({
      store: { systemDb: () => ({}) } as unknown as Store,
      teamId: 't',
      botId: 'b',
      api,
      clock,
      limits: { global: { intervalMs: 34, burst: 1 } },
    });
    const signal = new AbortController().signal;
    const turns = await Promise.all(
      Array.from({ length: 10 }, (_, chat) => transport.reserve!(conversation(chat), signal)),
    );
    expect(turns.map((t) => Number(t) - start)).toEqual([0, 34, 68, 102, 136, 170, 204, 238, 272, 306]);
    expect(clock.now()).toBe(start); // nothing waited

    await clock.advance(100);
    const sends = Array.from({ length: 10 }, (_, chat) =>
      transport.send({ doc: message(chat), conversation: conversation(chat) }, signal),
    );
    await clock.advance(400);
    expect((await Promise.all(sends)).every((o) => o.kind === 'sent')).toBe(true);
    // The turns that passed while the outbox claimed go at once; the others at their own.
    for (let chat = 0; chat < 10; chat++) expect(sentAt.get(String(chat))).toBe(Math.max(chat * 34, 100));
  });

  it("on Telegram's own limits, gives a burst of first replies to 20 chats their turns now (issue 65)", async () => {
    const start = 1_000_000;
    const clock = createManualClock(start);
    const transport = telegramTransport({
      store: { systemDb: () => ({}) } as unknown as Store,
      teamId: 't',
      botId: 'b',
      api: {} as SendApi,
      clock,
    });
    const signal = new AbortController().signal;
    const turns = await Promise.all(
      Array.from({ length: 32 }, (_, chat) => transport.reserve!(conversation(chat), signal)),
    );
    // 30 in any 1020 ms: the first 30 at once (no claim window to wait for), the next a window later.
    expect(turns.map((t) => Number(t) - start)).toEqual([...Array<number>(30).fill(0), 1020, 1020]);
    expect(clock.now()).toBe(start);
  });
});

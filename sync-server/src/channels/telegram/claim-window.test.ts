// The Telegram transport's claim window (issue 36): the messages whose rate-limit turns fall in one
// window are let through to their claims together, at the window's start, and each is still sent at
// its own turn, 34 ms apart, as Telegram's bot-wide limit wants. On a manual clock, no store is read
// (a message without files).
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

function setup() {
  const start = 1_000_000; // a window's start (a multiple of 250)
  const clock = createManualClock(start);
  const sentAt: Array<{ chat: string; at: number }> = [];
  const api = {
    sendMessage: async (chat: string | number) => {
      sentAt.push({ chat: String(chat), at: clock.now() - start });
      return { message_id: sentAt.length };
    },
  } as unknown as SendApi;
  const transport = telegramTransport({
    store: { systemDb: () => ({}) } as unknown as Store,
    teamId: 't',
    botId: 'b',
    api,
    clock,
    claimWindowMs: 250,
    limits: { global: { intervalMs: 34, burst: 1 } },
  });
  return { clock, transport, sentAt, start };
}

describe('the Telegram claim window', () => {
  it('lets the messages of one window through together at its start, and sends each at its own turn', async () => {
    const { clock, transport, sentAt, start } = setup();
    const signal = new AbortController().signal;
    const through: Array<{ chat: number; at: number }> = [];
    // Ten chats at once: turns at 0, 34, ..., 306 ms; the window [0, 250) holds eight of them.
    const reserved = Array.from({ length: 10 }, (_, chat) =>
      transport.reserve!(conversation(chat), signal).then(() =>
        through.push({ chat, at: clock.now() - start }),
      ),
    );
    await clock.advance(0);
    expect(through.map((t) => t.chat)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    await clock.advance(249);
    expect(through).toHaveLength(8);
    await clock.advance(1);
    await Promise.all(reserved);
    expect(through.slice(8)).toEqual([
      { chat: 8, at: 250 },
      { chat: 9, at: 250 },
    ]);

    // Each claimed message goes at its own turn, not at the window's start (the first eight's turns
    // passed while they waited here: they go at once).
    const sends = Array.from({ length: 10 }, (_, chat) =>
      transport.send({ doc: message(chat), conversation: conversation(chat) }, signal),
    );
    await clock.advance(400);
    const outcomes = await Promise.all(sends);
    expect(outcomes.every((o) => o.kind === 'sent')).toBe(true);
    const byChat = new Map(sentAt.map((s) => [s.chat, s.at]));
    for (let chat = 0; chat < 10; chat++) expect(byChat.get(String(chat))).toBe(Math.max(chat * 34, 250));
  });

  it('gives the turn back when the outbox stops while it waits for its window', async () => {
    const { clock, transport } = setup();
    const stop = new AbortController();
    const waits = Array.from({ length: 9 }, (_, chat) =>
      transport.reserve!(conversation(chat), stop.signal).then(
        () => 'through',
        () => 'stopped',
      ),
    );
    await clock.advance(0);
    stop.abort(new Error('stopping'));
    expect(await Promise.all(waits)).toEqual([...Array(8).fill('through'), 'stopped']);
  });
});

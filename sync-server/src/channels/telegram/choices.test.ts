// Offered choices in Telegram (issue 61) on real parts: grammY against the fake Bot API server, the
// bot's sink and the outbox over the Telegram transport on the embedded store. An agent message with
// choices goes out with an inline keyboard; a press becomes the customer's pick (text: the label,
// `picked` naming the choice and the offer), the query is answered and the keyboard marked; a second
// press, forged data, another chat's offer and an index out of range write nothing.
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBot, startPolling, type PollingHandle } from '@app/bot';
import { startFakeTelegram, type FakeTelegram } from '@app/bot/testing';
import type { MessageDoc } from '@app/shared/schemas';
import { validateCouchDoc } from '@app/shared/validation';
import type { CouchStore } from '../../store/couch-store';
import {
  createChangeFollower,
  type ChangeFollower,
  type CheckpointDoc,
} from '../../store/feeds/change-follower';
import { eventually, startTestStore, type TestStore } from '../../../test/helpers';
import { offerToken, pickIdFor } from '../choices';
import { createOutbox, type Outbox } from '../outbox/outbox';
import { telegramTransport } from './telegram-transport';
import { createTelegramSink } from './sink';

const log = pino({ level: 'silent' });
const team = 'tgch';
let testStore: TestStore;
let store: CouchStore;
let fake: FakeTelegram;
let polling: PollingHandle;
let follower: ChangeFollower;
let outbox: Outbox;

beforeAll(async () => {
  testStore = await startTestStore('tg-choices-', log);
  store = testStore.store;
  await store.ensureTeam(team);
  fake = await startFakeTelegram();
  const bot = createBot(fake.token, {
    apiRoot: fake.apiRoot,
    sink: createTelegramSink(store, team),
    teamId: team,
    botId: 'bot1',
  });
  polling = startPolling(bot, { timeoutSeconds: 1 });
  await polling.started;
  outbox = createOutbox({
    store,
    teamId: team,
    transport: telegramTransport({ store, teamId: team, botId: 'bot1', api: bot.api }),
    log,
  });
  follower = createChangeFollower<MessageDoc & { _id: string; _rev: string }>({
    server: store.server,
    dbName: store.dbName(team, 'messages'),
    checkpoints: store.systemDb<CheckpointDoc>('app_runtime'),
    checkpointId: `cp:test:${team}`,
    log,
    pollMs: 200,
    handle: outbox.handle,
  });
  follower.start();
});

afterAll(async () => {
  await follower.stop();
  await outbox.stop();
  await polling.stop();
  await fake.close();
  await testStore.close();
});

const messages = () => store.teamDb<Record<string, unknown>>(team, 'messages');
const read = (id: string) =>
  messages()
    .get(id)
    .catch(() => undefined) as Promise<MessageDoc | undefined>;

const choices = [
  { id: 'a1', label: 'Доставка и оплата', sourceId: 'src-delivery' },
  { id: 'a2', label: 'Возврат товара', sourceId: 'src-returns' },
  { id: 'none', label: 'Ничего из этого' },
];

/** A customer's first message, then the agent's offer in that conversation, as sent to Telegram. */
async function offerTo(userId: number, offerId: string) {
  const customer = fake.user({ id: userId, first_name: 'Olga', language_code: 'ru' });
  const update = customer.says('как вернуть?');
  const inbound = await eventually(() => read(`msg:telegram:${userId}:${update.message!.message_id}`));
  await messages().insert({
    _id: offerId,
    conversationId: inbound.conversationId,
    channel: 'telegram',
    direction: 'outbound',
    author: { kind: 'agent', id: 'support' },
    text: 'Уточните, пожалуйста, о чём вопрос:',
    attachments: [],
    choices,
    delivery: { status: 'pending' },
    idempotencyKey: offerId,
    createdAt: new Date().toISOString(),
  });
  const [sent] = await fake.waitForSent(1, { chatId: userId });
  return { customer, sent: sent!, conversationId: inbound.conversationId };
}

describe('offered choices in Telegram', () => {
  it('go as an inline keyboard; a press is the pick, answered, and the keyboard is marked', async () => {
    const { customer, sent, conversationId } = await offerTo(6101, 'offer-1');
    const token = offerToken('offer-1');
    expect(sent.params.reply_markup).toEqual({
      inline_keyboard: choices.map((c, i) => [{ text: c.label, callback_data: `ch:${token}:${i}` }]),
    });
    for (const row of (sent.params.reply_markup as { inline_keyboard: [{ callback_data: string }][] })
      .inline_keyboard)
      expect(Buffer.byteLength(row[0].callback_data)).toBeLessThanOrEqual(64);

    customer.presses(sent, `ch:${token}:1`);
    const pick = await eventually(() => read(pickIdFor('offer-1')));
    expect(pick).toMatchObject({
      conversationId,
      direction: 'inbound',
      text: 'Возврат товара',
      replyToId: 'offer-1',
      picked: { id: 'a2', sourceId: 'src-returns', replyTo: 'offer-1' },
    });
    expect(validateCouchDoc('messages', pick)).toMatchObject({ ok: true });
    await fake.waitFor(() => fake.calls.some((c) => c.method === 'editMessageReplyMarkup'));
    expect(fake.calls.some((c) => c.method === 'answerCallbackQuery')).toBe(true);
    expect(fake.markupOf(6101, sent.messageId)).toEqual({
      inline_keyboard: [[{ text: '✓ Возврат товара', callback_data: 'ch:done' }]],
    });
  });

  it('a second press, forged data, another chat offer and an index out of range write nothing', async () => {
    const { customer, sent } = await offerTo(6102, 'offer-2');
    const other = await offerTo(6103, 'offer-3');
    const answered = () => fake.calls.filter((c) => c.method === 'answerCallbackQuery').length;
    const before = answered();
    // Another chat's offer (a valid token, pressed here), an index past the list, forged data.
    customer.presses(sent, `ch:${offerToken('offer-3')}:0`);
    customer.presses(sent, `ch:${offerToken('offer-2')}:3`);
    customer.presses(sent, 'ch:AAAAAAAAAAAAAAAA:0');
    customer.presses(sent, `x`.repeat(64));
    await fake.waitFor(() => answered() >= before + 4);
    expect(await read(pickIdFor('offer-2'))).toBeUndefined();
    expect(await read(pickIdFor('offer-3'))).toBeUndefined();
    // The refusals said why to the customer (the client shows it as a toast).
    const toasts = fake.calls.filter((c) => c.method === 'answerCallbackQuery').slice(before);
    expect(toasts.filter((c) => c.params.text === 'Этот выбор уже недоступен')).toHaveLength(3);

    // Picked once; a press of a stale keyboard (a client that did not redraw) is the same pick.
    customer.presses(sent, `ch:${offerToken('offer-2')}:2`);
    const pick = await eventually(() => read(pickIdFor('offer-2')));
    expect(pick.picked).toEqual({ id: 'none', replyTo: 'offer-2' });
    customer.presses(sent, `ch:${offerToken('offer-2')}:0`);
    customer.presses(sent, 'ch:done');
    await fake.waitFor(() => answered() >= before + 7);
    expect((await read(pickIdFor('offer-2')))!.text).toBe('Ничего из этого');
    const picks = (await messages().list()).rows.filter((r) => r.id.endsWith(':pick'));
    expect(picks.map((r) => r.id).sort()).toEqual([pickIdFor('offer-1'), pickIdFor('offer-2')].sort());
    expect(fake.pendingUpdates()).toEqual([]);
    void other;
  });
});

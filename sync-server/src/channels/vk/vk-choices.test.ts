// Offered choices in VK (issue 61), against the fake VK API on loopback and the embedded store: the
// offer goes out with an inline keyboard (text buttons, each payload naming the offer's token and the
// choice), and the `message_new` of a press, carrying the button's payload, becomes the customer's pick.
// A payload of another dialog's offer, an index out of range, or forged JSON is no pick: the message is
// taken in as the text it is; a second press of the same offer writes nothing.
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConversationDoc, MessageDoc } from '@app/shared/schemas';
import { validateCouchDoc } from '@app/shared/validation';
import { startFakeVk, type FakeVk } from '../../../test/fake-vk';
import { startTestStore, type TestStore } from '../../../test/helpers';
import { offerToken, pickIdFor } from '../choices';
import { handleVkEvent } from './events';
import { createVkApi } from './vk-api';
import { vkTransport } from './vk-sender';

const log = pino({ level: 'silent' });
const teamId = 'tvkch';
const groupId = 5;
let vk: FakeVk;
let test: TestStore;

beforeAll(async () => {
  [vk, test] = await Promise.all([startFakeVk({ groupId }), startTestStore('vk-choices-')]);
  await test.store.ensureTeam(teamId);
});
afterAll(async () => {
  await vk.close();
  await test.close();
});

const messages = () => test.store.teamDb<Record<string, unknown>>(teamId, 'messages');
const read = (id: string) =>
  messages()
    .get(id)
    .catch(() => undefined) as Promise<MessageDoc | undefined>;
const deps = () => ({ store: test.store, teamId, groupId, log });
const choices = [
  { id: 'a1', label: 'Delivery and payment', sourceId: 'src-delivery' },
  { id: 'a2', label: 'Returns: how to send an item back to us within fourteen days', sourceId: 'src-ret' },
  { id: 'none', label: 'None of these' },
];

/** The customer writes; the agent's offer in that dialog is written and sent through the transport. */
async function offerTo(userId: number, offerId: string) {
  const first = vk.messageEvent(userId, 'how do I return it?');
  expect(await handleVkEvent(deps(), first.type, first.object)).toBe('created');
  const conversationId = `conv:vk:${groupId}:${userId}`;
  const offer: MessageDoc = {
    id: offerId,
    conversationId,
    channel: 'vk',
    direction: 'outbound',
    author: { kind: 'agent', id: 'support' },
    text: 'Which of these is it about?',
    attachments: [],
    choices,
    delivery: { status: 'pending' },
    idempotencyKey: offerId,
    createdAt: new Date().toISOString(),
  };
  const { id, ...rest } = offer;
  await messages().insert({ _id: id, ...rest });
  const conversation = (await test.store
    .teamDb(teamId, 'conversations')
    .get(conversationId)) as unknown as ConversationDoc;
  const api = createVkApi({ apiRoot: vk.apiRoot, token: vk.token, version: '5.199', spacingMs: 0 });
  const transport = vkTransport({ store: test.store, api });
  const outcome = await transport.send({ doc: offer, conversation }, new AbortController().signal);
  expect(outcome.kind).toBe('sent');
  return vk.sent.filter((s) => s.peerId === userId).at(-1)!;
}

/** A press of button `i` as VK delivers it: the label as the text, the button's payload. */
const press = (userId: number, label: string, payload: string) => {
  const e = vk.messageEvent(userId, label, [], payload);
  return handleVkEvent(deps(), e.type, e.object);
};

describe('offered choices in VK', () => {
  it('go as an inline keyboard; the message of a press is the pick', async () => {
    const sent = await offerTo(7101, 'vk-offer-1');
    const token = offerToken('vk-offer-1');
    const keyboard = sent.keyboard as {
      inline: boolean;
      buttons: Array<[{ action: { type: string; label: string; payload: string } }]>;
    };
    expect(keyboard.inline).toBe(true);
    expect(keyboard.buttons.map((r) => r[0].action.label)).toEqual([
      'Delivery and payment',
      'Returns: how to send an item back to us…',
      'None of these',
    ]);
    expect(keyboard.buttons.map((r) => JSON.parse(r[0].action.payload) as unknown)).toEqual([
      { ch: token, i: 0 },
      { ch: token, i: 1 },
      { ch: token, i: 2 },
    ]);

    const button = keyboard.buttons[1]![0].action;
    expect(await press(7101, button.label, button.payload)).toBe('created');
    const pick = await read(pickIdFor('vk-offer-1'));
    expect(pick).toMatchObject({
      conversationId: `conv:vk:${groupId}:7101`,
      direction: 'inbound',
      channel: 'vk',
      text: choices[1]!.label,
      picked: { id: 'a2', sourceId: 'src-ret', replyTo: 'vk-offer-1' },
    });
    expect(validateCouchDoc('messages', pick)).toMatchObject({ ok: true });
    // A second press of the same keyboard: the same pick, nothing new.
    expect(await press(7101, 'None of these', JSON.stringify({ ch: token, i: 2 }))).toBe('duplicate');
    expect((await read(pickIdFor('vk-offer-1')))!.picked!.id).toBe('a2');
  });

  it("another dialog's offer, an index out of range and forged payloads are no pick", async () => {
    await offerTo(7102, 'vk-offer-2');
    await offerTo(7103, 'vk-offer-3');
    const forged = [
      JSON.stringify({ ch: offerToken('vk-offer-3'), i: 0 }),
      JSON.stringify({ ch: offerToken('vk-offer-2'), i: 3 }),
      JSON.stringify({ ch: offerToken('vk-offer-2'), i: -1 }),
      JSON.stringify({ ch: 'x'.repeat(5000), i: 0 }),
      '{"ch":',
      JSON.stringify({ command: 'start' }),
    ];
    for (const payload of forged) expect(await press(7102, 'Delivery and payment', payload)).toBe('created');
    expect(await read(pickIdFor('vk-offer-2'))).toBeUndefined();
    expect(await read(pickIdFor('vk-offer-3'))).toBeUndefined();
    const { docs } = await messages().find({
      selector: { conversationId: `conv:vk:${groupId}:7102`, direction: 'inbound' },
    });
    // The first message and the six presses, each as plain text, none with `picked`.
    expect(docs).toHaveLength(7);
    expect(docs.filter((d) => d.picked)).toEqual([]);
  });
});

// A returning customer after a merge (issue 14), through a real sync server: the demo team's Telegram
// bot (real grammY against the fake Bot API). A rep merges the customer's Telegram contact into another
// contact through the API; the customer's next message, its twin facts and its lead land on the kept
// contact, no contact is created and the customer gets one reply. A second merge (the kept contact into
// a third) makes a chain: the next message follows it to the end. Split again (the chain undone from its
// end), the customer's next message lands on their own contact. Runs on the embedded store and, in
// the CouchDB pass (vitest.couchdb.config.ts), on Apache CouchDB.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FAKE_TOKEN, type FakeTelegram } from '@app/bot/testing';
import type { ContactDoc, LeadDoc, MessageDoc } from '@app/shared/schemas';
import type { RunningServer } from '../src/server';
import { call, eventually } from './helpers';
import { startDemoTelegram, type DemoTelegram } from './telegram-kit';

let dir: DemoTelegram['dir'];
let fake: FakeTelegram;
let server: RunningServer;
let token: string;
let teamId: string;

const chatId = 7171;
const tg = `contact:telegram:${chatId}`;
const conversationId = `conv:telegram:${FAKE_TOKEN.split(':')[0]}:${chatId}`;

beforeAll(async () => {
  ({ dir, fake, server, token, teamId } = await startDemoTelegram('merged-intake-'));
}, 60_000);

afterAll(async () => {
  await server?.close();
  await fake?.close();
  dir?.remove();
});

const api = (method: string, path: string, body?: unknown) =>
  call(server.url, method, `/api/v1${path}`, { token, ...(body === undefined ? {} : { body }) });
const contactOf = async (id: string) =>
  (await api('GET', `/contacts/${encodeURIComponent(id)}`)).body as ContactDoc & { mergedInto?: string };
const contactIds = async () => {
  const all = await server.store.teamDb<{ _id: string }>(teamId, 'contacts').list();
  return all.rows.map((r) => r.id).filter((id) => !id.startsWith('_design/'));
};
const sentTo = () => fake.sent.filter((s) => String(s.chatId) === String(chatId));

/** A contact a rep made by hand (the one the customer's Telegram contact is merged into). */
async function repContact(name: string): Promise<string> {
  const res = await api('POST', '/contacts', { name });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return String(res.body.id);
}

async function merge(into: string, from: string) {
  const res = await api('POST', `/contacts/${encodeURIComponent(into)}/merge`, { from });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  expect((await contactOf(from)).mergedInto).toBe(into);
}

/** The customer writes; waits for the one reply and the inbound message doc. */
async function customerWrites(text: string): Promise<MessageDoc> {
  const before = sentTo().length;
  fake.user({ id: chatId, first_name: 'Анна', language_code: 'ru' }).says(text);
  await fake.waitForSent(before + 1, { chatId, timeoutMs: 45_000 });
  return eventually(async () => {
    const { docs } = await server.store.teamDb<MessageDoc & { _id: string }>(teamId, 'messages').find({
      selector: { conversationId, direction: 'inbound' },
      limit: 200,
    });
    const found = docs.find((m) => m.text === text);
    return found && { ...found, id: found._id };
  });
}

/** The contact holds an active fact of the key, cited from the message (the agents wrote it). */
const factFrom = (c: ContactDoc, key: string, messageId: string) =>
  c.twin.facts.some((f) => f.key === key && f.status === 'active' && f.sourceMessageId === messageId);

describe('a returning Telegram customer after a merge', () => {
  it('lands on the kept contact: message, facts and lead; no new contact; one reply', async () => {
    await customerWrites('Здравствуйте! Во сколько работает техподдержка?');
    expect((await contactOf(tg)).identities).toEqual([
      expect.objectContaining({ channel: 'telegram', externalId: String(chatId) }),
    ]);
    const kept = await repContact('Анна Смирнова');
    await merge(kept, tg);
    const ids = await contactIds();
    const replies = sentTo().length;

    const second = await customerWrites('We are a team of 25 people. Our budget is 300000 rubles.');
    expect(second.contactId).toBe(kept);
    const after = await eventually(async () => {
      const c = await contactOf(kept);
      return factFrom(c, 'team_size', second.id) ? c : undefined;
    });
    expect(factFrom(after, 'budget', second.id)).toBe(true);
    // The tombstone took nothing: no fact, and it still points at the kept contact.
    const tomb = await contactOf(tg);
    expect(tomb.mergedInto).toBe(kept);
    expect(tomb.twin.facts.some((f) => f.sourceMessageId === second.id)).toBe(false);
    // The conversation and its lead stay the kept contact's; no lead of the tombstone.
    const conv = (await api('GET', `/conversations/${encodeURIComponent(conversationId)}`)).body;
    expect(conv.contactId).toBe(kept);
    const leads = (await api('GET', '/leads?limit=200')).body.items as LeadDoc[];
    expect(leads.some((l) => l.contactId === tg)).toBe(false);
    expect(leads.find((l) => l.id === conv.leadId)?.contactId).toBe(kept);
    // No contact was created and the customer got one reply.
    expect((await contactIds()).sort()).toEqual(ids.sort());
    await new Promise((r) => setTimeout(r, 1_500));
    expect(sentTo().length).toBe(replies + 1);
  }, 120_000);

  it('follows a chain of merges to its end', async () => {
    const kept = String((await contactOf(tg)).mergedInto);
    const last = await repContact('Анна С. (CRM)');
    await merge(last, kept);
    const ids = await contactIds();

    const third = await customerWrites('Our budget is 450000 rubles now.');
    expect(third.contactId).toBe(last);
    await eventually(async () => factFrom(await contactOf(last), 'budget', third.id) || undefined);
    for (const id of [tg, kept]) {
      const c = await contactOf(id);
      expect(c.mergedInto).toBeDefined();
      expect(c.twin.facts.some((f) => f.sourceMessageId === third.id)).toBe(false);
    }
    expect((await contactIds()).sort()).toEqual(ids.sort());
  }, 120_000);

  it('lands on their own contact again after the merges are split', async () => {
    const kept = String((await contactOf(tg)).mergedInto);
    const last = String((await contactOf(kept)).mergedInto);
    // The chain is undone from its end: the first link alone is refused (its docs moved on).
    const early = await api('POST', `/contacts/${encodeURIComponent(kept)}/split`, { from: tg });
    expect(early.status).toBe(409);
    for (const [into, from] of [
      [last, kept],
      [kept, tg],
    ] as const) {
      const res = await api('POST', `/contacts/${encodeURIComponent(into)}/split`, { from });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
    }
    const conv = (await api('GET', `/conversations/${encodeURIComponent(conversationId)}`)).body;
    expect(conv.contactId).toBe(tg);
    const ids = await contactIds();

    const next = await customerWrites('Нам нужна демонстрация на следующей неделе.');
    expect(next.contactId).toBe(tg);
    expect((await api('GET', `/conversations/${encodeURIComponent(conversationId)}`)).body.contactId).toBe(
      tg,
    );
    for (const id of [kept, last]) {
      const c = await contactOf(id);
      expect(c.mergedInto).toBeUndefined();
      expect(c.twin.facts.some((f) => f.sourceMessageId === next.id)).toBe(false);
    }
    const own = await contactOf(tg);
    expect(own.mergedInto).toBeUndefined();
    expect(own.notSameAs).toEqual([kept]);
    expect((await contactIds()).sort()).toEqual(ids.sort());
  }, 120_000);
});

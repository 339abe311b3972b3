// What a customer's turn at the server's intake cancels (issue 60): a message the bot answered itself
// (/help) cancels a planned follow-up and keeps a hand-off's status and a reminder before the client's
// event, as a message the agents answer does (planned-messages.ts, one rule); an opt-out (/stop)
// cancels all three.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MessageDoc } from '@app/shared/schemas';
import type { CouchStore } from '../store/couch-store';
import { startTestStore, type TestStore } from '../../test/helpers';
import { ingestInbound, optOutContact } from './intake';

let testStore: TestStore;
let store: CouchStore;
const team = 'intake-follow-ups';
const chat = 7001;
const conversationId = `conv:telegram:bot1:${chat}`;
const contactId = `contact:telegram:${chat}`;

beforeAll(async () => {
  testStore = await startTestStore('intake-follow-ups-');
  store = testStore.store;
  await store.ensureTeam(team);
});
afterAll(async () => {
  await testStore.close();
});

async function write(n: number, text: string, handledByBot = false): Promise<void> {
  await ingestInbound(store, team, {
    doc: {
      id: `msg:telegram:${chat}:${n}`,
      conversationId,
      contactId,
      channel: 'telegram',
      direction: 'inbound',
      author: { kind: 'customer', id: contactId },
      text,
      attachments: [],
      delivery: { status: 'received' },
      idempotencyKey: `telegram:${chat}:${n}`,
      createdAt: new Date(Date.UTC(2026, 2, 2, 10, n)).toISOString(),
      ...(handledByBot ? { signals: { handledByBot: true } } : {}),
    },
    customer: { contactId, name: 'Anna', identity: { channel: 'telegram', externalId: String(chat) } },
    conversation: { id: conversationId, channel: 'telegram', externalChatId: String(chat), botId: 'bot1' },
  });
}

const keys = ['follow-up:1', 'handoff-status:msg-1', 'event-reminder:2026-05-01:1d'];

async function plan(round: number): Promise<void> {
  const at = '2026-03-02T10:30:00.000Z';
  await store.teamDb(team, 'messages').bulk({
    docs: keys.map((key) => ({
      _id: `planned:${round}:${key}`,
      id: `planned:${round}:${key}`,
      conversationId,
      contactId,
      channel: 'telegram',
      direction: 'outbound',
      author: { kind: 'agent', id: 'nurturing' },
      text: 'Planned',
      attachments: [],
      delivery: { status: 'pending' },
      idempotencyKey: `${key}:${round}`,
      scheduledFor: '2026-03-05T10:00:00.000Z',
      createdAt: at,
      updatedAt: at,
    })),
  });
}

async function cancelled(round: number): Promise<Record<string, boolean>> {
  const db = store.teamDb<MessageDoc>(team, 'messages');
  const out: Record<string, boolean> = {};
  for (const key of keys) out[key.split(':')[0]!] = !!(await db.get(`planned:${round}:${key}`)).cancelledAt;
  return out;
}

describe("the customer's turn at the intake", () => {
  it('/help cancels the follow-up only; /stop cancels every planned message', async () => {
    await write(1, 'Hello');
    await plan(1);
    await write(2, '/help', true);
    expect(await cancelled(1)).toEqual({
      'follow-up': true,
      'handoff-status': false,
      'event-reminder': false,
    });
    await plan(2);
    await optOutContact(store, team, contactId, conversationId, '2026-03-02T10:40:00.000Z');
    expect(await cancelled(2)).toEqual({ 'follow-up': true, 'handoff-status': true, 'event-reminder': true });
  });
});

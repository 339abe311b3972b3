// What a delivered agent answer costs the store: its follow-up is planned (delivery.ts, onDelivered)
// with the team's agent settings from memory, not a Mango query per answer (issue 13), and with the
// conversation's messages from the team's cached threads when the thread is cached (issue 36). A
// delivered answer is handed back to the agent engine (engine.afterDelivery), once (issue 63).
import { defaultProfile } from '@app/shared/agents';
import type { MessageDoc } from '@app/shared/schemas';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCollectionMirror, type CollectionMirror } from '../store/feeds/collection-mirror';
import { createCouchStore, type CouchStore } from '../store/couch-store';
import { getDoc, toCouch } from '../store/couch-docs';
import { createThreadCache } from '../agents/thread-cache';
import { eventually, startTestCouch, type TestCouch } from '../../test/helpers';
import { deliveryEngine, type DeliveryEngine } from '../agents/delivery-engine';
import { createDeliveryPort, onDelivered } from './delivery';

const log = pino({ level: 'silent' });
const team = 'deliv1';
const at = '2026-01-01T10:00:00.000Z';
let couch: TestCouch;
let store: CouchStore;
let settings: CollectionMirror<typeof defaultProfile>;
/** Every request the store sent: `METHOD url`. */
const requests: string[] = [];

beforeAll(async () => {
  couch = await startTestCouch('delivery-', log);
  store = createCouchStore({
    url: couch.url,
    log,
    ...(couch.prefix ? { prefix: couch.prefix } : {}),
    onRequest: (method, url) => requests.push(`${method} ${url}`),
  });
  await store.setup();
  await store.ensureTeam(team);
  await store.teamDb(team, 'agent_settings').insert(toCouch({ ...defaultProfile, id: 'profile-1' }));
  settings = startCollectionMirror({ store, teamId: team, collection: 'agent_settings', log });
  await settings.ready;
});

afterAll(async () => {
  await settings?.close();
  await couch?.close();
});

/** A conversation, its contact and an agent answer in it, sent now. */
async function answered(n: number): Promise<MessageDoc> {
  const conversationId = `conv-${n}`;
  const contactId = `contact-${n}`;
  await store.teamDb(team, 'contacts').insert({ _id: contactId, name: `Customer ${n}`, createdAt: at });
  await store.teamDb(team, 'conversations').insert({
    _id: conversationId,
    contactId,
    channel: 'telegram',
    externalChatId: String(n),
    mode: 'ai',
    status: 'open',
    lastInboundAt: at,
    createdAt: at,
  });
  const answer: MessageDoc = {
    id: `answer-${n}`,
    conversationId,
    contactId,
    channel: 'telegram',
    direction: 'outbound',
    author: { kind: 'agent', name: 'answer' },
    text: 'Hello',
    attachments: [],
    delivery: { status: 'sent', sentAt: '2026-01-01T10:00:05.000Z' },
    idempotencyKey: `answer-${n}`,
    createdAt: '2026-01-01T10:00:01.000Z',
  };
  await store.teamDb(team, 'messages').insert(toCouch(answer));
  return answer;
}

async function planned(conversationId: string): Promise<MessageDoc> {
  return eventually(async () => {
    const { docs } = await store
      .teamDb<MessageDoc>(team, 'messages')
      .find({ selector: { conversationId, scheduledFor: { $gt: '' } } });
    return docs.length === 1 ? docs[0] : undefined;
  });
}

describe('onDelivered', () => {
  it('plans the follow-up with the profile from the settings mirror, reading no agent settings', async () => {
    const answer = await answered(1);
    requests.length = 0;
    onDelivered(store, team, log, { agent_settings: settings })(answer, new Date(at));
    const followUp = await planned(answer.conversationId);
    expect(followUp.author).toMatchObject({ kind: 'agent', id: 'profile-1' });
    // The mirror's own feed (its _changes) may come round meanwhile: that is no read of planning's.
    expect(requests.filter((r) => r.includes('_agent_settings') && !r.includes('/_changes'))).toEqual([]);
  });

  it("reads the conversation's messages from its cached thread, the answer as delivered put in first", async () => {
    const answer = await answered(3);
    const written = (await getDoc(store.teamDb(team, 'messages'), answer.id))!;
    const threads = createThreadCache();
    // The thread as the agents' feed left it: the answer still on its way.
    threads.apply([{ ...written, delivery: { status: 'sending' } }], () => true);
    requests.length = 0;
    onDelivered(store, team, log, { agent_settings: settings, threads })(answer, new Date(at), written);
    // Once stored, the planned follow-up is in the thread too (planning again finds it there).
    await eventually(() => threads.get(answer.conversationId)?.some((m) => m.scheduledFor) || undefined);
    expect(requests.filter((r) => r.includes('_messages/_find'))).toEqual([]);
    const followUp = await planned(answer.conversationId);
    expect(followUp.author).toMatchObject({ kind: 'agent', id: 'profile-1' });
  });

  it('without the mirror asks the store for the profiles', async () => {
    const answer = await answered(2);
    requests.length = 0;
    onDelivered(store, team, log)(answer, new Date(at));
    const followUp = await planned(answer.conversationId);
    expect(followUp.author).toMatchObject({ kind: 'agent', id: 'profile-1' });
    expect(requests.filter((r) => r.includes('_agent_settings/_find'))).toHaveLength(1);
  });
});

describe('a delivery handed back to the engine', () => {
  it("plans a delivered answer's follow-up through engine.afterDelivery exactly once", async () => {
    const sent = await answered(4);
    // The answer as the outbox has it before the send: pending.
    await store
      .teamDb(team, 'messages')
      .destroy(sent.id, (await getDoc(store.teamDb(team, 'messages'), sent.id))!._rev);
    const answer: MessageDoc = { ...sent, delivery: { status: 'pending' } };
    await store.teamDb(team, 'messages').insert(toCouch(answer));
    const handed: { id: string; at: string }[] = [];
    // The real engine, told apart by what it is handed.
    const engine: DeliveryEngine = (port) => ({
      afterDelivery: (doc, when) => {
        handed.push({ id: doc.id, at: when!.toISOString() });
        return deliveryEngine(port).afterDelivery(doc, when);
      },
    });
    const hook = onDelivered(store, team, log, { agent_settings: settings }, engine);
    const delivery = createDeliveryPort(store, team, undefined, (doc) => hook(doc, new Date(at)));
    const info = { attempts: 1, sentAt: at, externalMessageId: '7', externalMessageIds: [7] };
    // Two writers of one delivery (a retried mark, a second process): the engine hears of it once.
    await delivery.markSent(answer.id, info);
    await delivery.markSent(answer.id, info);
    const followUp = await planned(answer.conversationId);
    expect(handed).toEqual([{ id: answer.id, at }]);
    expect(followUp.author).toMatchObject({ kind: 'agent', id: 'profile-1' });
  });

  it('hands the engine no customer message and no planned one', async () => {
    const answer = await answered(5);
    let calls = 0;
    const engine: DeliveryEngine = (port) => ({
      afterDelivery: (doc, when) => (calls++, deliveryEngine(port).afterDelivery(doc, when)),
    });
    const hook = onDelivered(store, team, log, {}, engine);
    hook({ ...answer, author: { kind: 'rep', id: 'rep-1', name: 'Rep' } }, new Date(at));
    hook({ ...answer, scheduledFor: at }, new Date(at));
    hook(answer, new Date(at));
    await planned(answer.conversationId);
    expect(calls).toBe(1);
  });
});

// The agent run's store port: reads once, writes once at the end (one request per database), merges
// a rep's concurrent change field by field, answers finds on the run's conversation from one read,
// and writes the reply only after everything else was stored.
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handoffStatusIdFor } from '@app/shared/agents';
import type { ConversationDoc, MessageDoc } from '@app/shared/schemas';
import type { CouchStore } from '../store/couch-store';
import { createCouchStorePort } from './couch-store-port';
import { toCouch } from '../store/couch-docs';
import { createThreadCache } from './thread-cache';
import { startTestStore, type TestStore } from '../../test/helpers';

const log = pino({ level: 'silent' });
const team = 'port1';
let testStore: TestStore;
let store: CouchStore;
const at = '2026-01-01T10:00:00.000Z';

const conversation = (id: string): ConversationDoc => ({
  id,
  contactId: 'contact-1',
  channel: 'telegram',
  externalChatId: '1',
  mode: 'ai',
  status: 'open',
  unreadCount: 0,
  tags: [],
  fieldUpdatedAt: {},
  createdAt: at,
  updatedAt: at,
});

const message = (id: string, conversationId: string, direction: 'inbound' | 'outbound'): MessageDoc => ({
  id,
  conversationId,
  channel: 'telegram',
  direction,
  author: { kind: direction === 'inbound' ? 'customer' : 'agent' },
  text: `text of ${id}`,
  attachments: [],
  delivery: { status: direction === 'inbound' ? 'received' : 'pending' },
  idempotencyKey: id,
  createdAt: at,
});

beforeAll(async () => {
  testStore = await startTestStore('port-', log);
  store = testStore.store;
  await store.ensureTeam(team);
});

afterAll(async () => {
  await testStore.close();
});

describe('couch store port', () => {
  it('writes once at the end and merges what a rep changed meanwhile', async () => {
    const db = store.teamDb<Record<string, unknown>>(team, 'conversations');
    await db.insert(toCouch(conversation('conv-1')));
    const port = createCouchStorePort(store, team);
    const read = (await port.get('conversations', 'conv-1'))!;
    // The rep takes over while the run works.
    const current = await db.get('conv-1');
    await db.insert({ ...current, mode: 'human', fieldUpdatedAt: { mode: '2026-01-01T10:00:01.000Z' } });
    await port.put('conversations', { ...read, tags: ['intent:price'] });
    await port.put('conversations', { ...read, tags: ['intent:price'], leadId: 'lead-1' });
    expect((await port.get('conversations', 'conv-1'))!.leadId).toBe('lead-1');
    expect((await db.get('conv-1')).leadId).toBeUndefined(); // nothing written yet
    await port.flush();
    const stored = await db.get('conv-1');
    expect(stored).toMatchObject({ mode: 'human', tags: ['intent:price'], leadId: 'lead-1' });
    expect(port.stats.gets).toBe(1);
  });

  it('reads the conversation once for every find on it, with the run own writes in', async () => {
    const msgs = store.teamDb<Record<string, unknown>>(team, 'messages');
    const inbound = message('m-in', 'conv-2', 'inbound');
    await msgs.bulk({ docs: [toCouch(inbound), toCouch(message('m-old', 'conv-2', 'outbound'))] });
    const raw = await msgs.get('m-in');
    const port = createCouchStorePort(store, team);
    port.prime('messages', raw as never);
    expect(await port.get('messages', 'm-in:reply')).toBeUndefined();
    await port.put('messages', { ...message('m-in:reply', 'conv-2', 'outbound'), replyToId: 'm-in' });
    const all = await port.find('messages', { conversationId: 'conv-2' }, { sortBy: 'id' });
    expect(all.map((m) => m.id)).toEqual(['m-in', 'm-in:reply', 'm-old']);
    const outbound = await port.find('messages', { conversationId: 'conv-2', direction: 'outbound' });
    expect(outbound.map((m) => m.id).sort()).toEqual(['m-in:reply', 'm-old']);
    expect(port.stats.finds).toBe(1);
    await port.flush();
    expect((await msgs.get('m-in:reply')).replyToId).toBe('m-in');
  });

  it("answers whether the message's hand-off status exists from the conversation's messages", async () => {
    const msgs = store.teamDb<Record<string, unknown>>(team, 'messages');
    await msgs.bulk({
      docs: [
        toCouch(message('m-h1', 'conv-h', 'inbound')),
        toCouch(message('m-h2', 'conv-h', 'inbound')),
        toCouch(message(handoffStatusIdFor('conv-h', 'm-h1'), 'conv-h', 'outbound')),
      ],
    });
    // The first message's status was planned by an earlier try of its run; the second has none.
    const first = createCouchStorePort(store, team);
    first.prime('messages', (await msgs.get('m-h1')) as never);
    expect((await first.get('messages', handoffStatusIdFor('conv-h', 'm-h1')))?.direction).toBe('outbound');
    const second = createCouchStorePort(store, team);
    second.prime('messages', (await msgs.get('m-h2')) as never);
    expect(await second.get('messages', handoffStatusIdFor('conv-h', 'm-h2'))).toBeUndefined();
    // Each read the conversation's messages and (ahead) the conversation doc, not the status doc.
    for (const port of [first, second]) expect(port.stats).toMatchObject({ finds: 1, gets: 1 });
  });

  it('asks the store nothing about a conversation or contact the ingest has just created', async () => {
    const msgs = store.teamDb<Record<string, unknown>>(team, 'messages');
    const leads = store.teamDb<Record<string, unknown>>(team, 'leads');
    const inbound = { ...message('m-new', 'conv-new', 'inbound'), contactId: 'contact-new' };
    await msgs.insert(toCouch(inbound));
    // Written behind the ingest's back: the note says there is nothing, so the run does not see these.
    await msgs.insert(toCouch(message('m-stray', 'conv-new', 'outbound')));
    await leads.insert({ _id: 'lead-stray', contactId: 'contact-new', stage: 'new' });
    store.ingestNotes.note(team, 'm-new', { newConversationId: 'conv-new', newContactId: 'contact-new' });
    const port = createCouchStorePort(store, team);
    port.prime('messages', (await msgs.get('m-new')) as never);
    expect(await port.get('messages', 'm-new:reply')).toBeUndefined();
    expect((await port.find('messages', { conversationId: 'conv-new' })).map((m) => m.id)).toEqual(['m-new']);
    expect(await port.find('leads', { contactId: 'contact-new' })).toEqual([]);
    await port.put('leads', { id: 'lead-new', contactId: 'contact-new', stage: 'new' } as never);
    expect((await port.find('leads', { contactId: 'contact-new' })).map((l) => l.id)).toEqual(['lead-new']);
    // Any other question still goes to the store.
    expect(
      (await port.find('leads', { contactId: 'contact-new', stage: 'new' })).map((l) => l.id).sort(),
    ).toEqual(['lead-new', 'lead-stray']);
    expect(port.stats.finds).toBe(1);

    // The note is taken once: a second run for the message (a retry) asks the store.
    const again = createCouchStorePort(store, team);
    again.prime('messages', (await msgs.get('m-new')) as never);
    expect((await again.find('messages', { conversationId: 'conv-new' })).map((m) => m.id).sort()).toEqual([
      'm-new',
      'm-stray',
    ]);
    expect(again.stats.finds).toBe(1);
  });

  it("keeps a conversation's thread for the next run, with the run's own writes", async () => {
    const msgs = store.teamDb<Record<string, unknown>>(team, 'messages');
    const threads = createThreadCache();
    await msgs.insert(toCouch(message('t-1', 'conv-t', 'inbound')));
    const first = createCouchStorePort(store, team, { threads });
    first.prime('messages', (await msgs.get('t-1')) as never);
    expect(await first.get('messages', 't-1:reply')).toBeUndefined();
    await first.put('messages', message('t-1:reply', 'conv-t', 'outbound'));
    await first.flush();
    expect(first.stats.finds).toBe(1);

    // The customer writes again; the feed brings the message to the cache before the run.
    await msgs.insert(toCouch(message('t-2', 'conv-t', 'inbound')));
    const raw = await msgs.get('t-2');
    threads.apply([raw as never]);
    const second = createCouchStorePort(store, team, { threads });
    second.prime('messages', raw as never);
    expect(await second.get('messages', 't-2:reply')).toBeUndefined();
    const thread = await second.find('messages', { conversationId: 'conv-t' }, { sortBy: 'id' });
    expect(thread.map((m) => m.id)).toEqual(['t-1', 't-1:reply', 't-2']);
    expect(second.stats.finds).toBe(0);
  });

  it('writes the reply only once everything else is stored', async () => {
    const msgs = store.teamDb<Record<string, unknown>>(team, 'messages');
    const port = createCouchStorePort(store, team);
    await port.put('messages', message('m-3:reply', 'conv-3', 'outbound'));
    // A write the store refuses (ids may not start with `_`): the run fails before its reply.
    await port.put('tasks', { id: '_bad', title: 'x' } as never);
    await expect(port.flush()).rejects.toThrow();
    await expect(msgs.get('m-3:reply')).rejects.toMatchObject({ statusCode: 404 });
  });

  it('reads a thread too long for one answer from the conversation index too', async () => {
    const msgs = store.teamDb<Record<string, unknown>>(team, 'messages');
    const docs = Array.from({ length: 1001 }, (_, i) =>
      toCouch(message(`long-${String(i).padStart(4, '0')}`, 'conv-long', i % 2 ? 'outbound' : 'inbound')),
    );
    await msgs.bulk({ docs });
    const selectors: object[] = [];
    const watched = {
      ...store,
      teamDb: (teamId: string, c: Parameters<typeof store.teamDb>[1]) => {
        const db = store.teamDb(teamId, c);
        return Object.assign(Object.create(db) as typeof db, {
          find: (query: Parameters<typeof db.find>[0]) => {
            selectors.push(query.selector);
            return db.find(query);
          },
        });
      },
    } as typeof store;
    const port = createCouchStorePort(watched, team);
    const outbound = await port.find('messages', { conversationId: 'conv-long', direction: 'outbound' });
    expect(outbound).toHaveLength(500);
    // The cached read (1,000 at most) came back full, so the port asked with the run's own selector,
    // and each ask names createdAt: Apache CouchDB reads the whole database otherwise (queries.ts).
    expect(selectors.length).toBe(2);
    for (const selector of selectors) expect(selector).toMatchObject({ createdAt: { $gt: null } });
    expect(selectors[1]).toMatchObject({ conversationId: 'conv-long', direction: 'outbound' });
  });
});

// The headless runtime end to end on real parts: a customer writes to the team's bot (real grammY
// against the fake Bot API server), the message lands in CouchDB, the agents answer from the team's
// knowledge (hybrid index over the knowledge databases), and the sender delivers the reply.
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeTelegram, type FakeTelegram } from '@app/bot/testing';
import type { ConversationDoc, MessageDoc } from '@app/shared/schemas';
import type { CouchStore } from '../store/couch-store';
import { loadServerConfig } from '../config';
import { startRuntime, type Runtime } from '../headless';
import { startTestStore, type TestStore } from '../../test/helpers';

const log = pino({ level: process.env.TEST_LOG ?? 'silent' });
const team = 'e2e';
let testStore: TestStore;
let store: CouchStore;
let fake: FakeTelegram;
let runtime: Runtime;

beforeAll(async () => {
  testStore = await startTestStore('runtime-e2e-', log);
  store = testStore.store;
  await store
    .systemDb('app_teams')
    .insert({ _id: team, type: 'team', name: 'E2E', createdAt: new Date().toISOString() });
  await store.ensureTeam(team);
  const at = new Date().toISOString();
  await store.teamDb(team, 'knowledge_sources').insert({
    _id: 'src-delivery',
    title: 'Delivery terms',
    kind: 'markdown',
    status: 'ready',
    contentHash: 'h1',
    createdAt: at,
    updatedAt: at,
  });
  await store.teamDb(team, 'knowledge_chunks').bulk({
    docs: [
      {
        _id: 'src-delivery:0',
        sourceId: 'src-delivery',
        ordinal: 0,
        text: 'Доставка по России занимает 3–5 рабочих дней и стоит 500 рублей. Delivery across Russia takes 3-5 business days and costs 500 RUB.',
        position: { start: 0, end: 120 },
        contentHash: 'c0',
        createdAt: at,
      },
      {
        _id: 'src-delivery:1',
        sourceId: 'src-delivery',
        ordinal: 1,
        text: 'Возврат товара возможен в течение 14 дней. Returns are accepted within 14 days.',
        position: { start: 121, end: 200 },
        contentHash: 'c1',
        createdAt: at,
      },
    ],
  });
  fake = await startFakeTelegram();
  runtime = startRuntime({
    store,
    log,
    instanceId: 'test-1',
    encryptionKey: Buffer.alloc(32, 7),
    llm: { providers: [] },
    // The demo team's bot, as TELEGRAM_BOT_TOKEN gives it: the wing reads it from the config.
    config: loadServerConfig({ TELEGRAM_API_ROOT: fake.apiRoot, TELEGRAM_BOT_TOKEN: fake.token }),
    demoTeam: () => team,
    checkMs: 500,
  });
});

afterAll(async () => {
  await runtime.close();
  await fake.close();
  await testStore.close();
});

describe('runtime', () => {
  it('answers a Telegram customer from the knowledge base, with a citation, and records contact details', async () => {
    const anna = fake.user({ id: 9001, first_name: 'Анна', language_code: 'ru' });
    anna.says('Здравствуйте! Сколько стоит доставка? Мой телефон +7 999 123-45-67');
    const [reply] = await fake.waitForSent(1, { chatId: 9001, timeoutMs: 30_000 });
    expect(reply!.text).toMatch(/500/);
    const messages = (await store.teamDb(team, 'messages').list({ include_docs: true })).rows.map(
      (r) => r.doc as unknown as MessageDoc,
    );
    const out = messages.find((m) => m.direction === 'outbound' && !m.scheduledFor);
    expect(out?.citations?.[0]?.sourceId).toBe('src-delivery');
    const contact = await store.teamDb(team, 'contacts').get('contact:telegram:9001');
    expect(JSON.stringify(contact)).toContain('79991234567');
  }, 60_000);

  it('hands over to a human on request and stays silent after', async () => {
    const ivan = fake.user({ id: 9002, first_name: 'Ivan', language_code: 'en' });
    ivan.says('I want to talk to a human operator please');
    await fake.waitForSent(1, { chatId: 9002, timeoutMs: 30_000 });
    const conversation = (await store
      .teamDb(team, 'conversations')
      .get('conv:telegram:' + fake.token.split(':')[0] + ':9002')) as unknown as ConversationDoc;
    expect(conversation.mode).toBe('human');
    ivan.says('Hello? How much is delivery?');
    await new Promise((r) => setTimeout(r, 3_000));
    expect(fake.sent.filter((s) => String(s.chatId) === '9002')).toHaveLength(1);
  }, 60_000);

  it('no silence after a hand-off: a status when no rep answered within the wait, then the AI again', async () => {
    // A profile with a short wait (6 s); the sender's sweep delivers the planned status.
    const at = new Date().toISOString();
    await store.teamDb(team, 'agent_settings').insert({
      _id: 'agent-e2e',
      name: 'E2E assistant',
      persona: 'You are a sales assistant.',
      instructions: 'Answer from the knowledge base.',
      language: 'auto',
      allowedTools: ['save_client_info', 'update_lead', 'call_human', 'search_knowledge'],
      channels: [],
      isDefault: true,
      handoffWaitMinutes: 0.1,
      createdAt: at,
      updatedAt: at,
    });
    await new Promise((r) => setTimeout(r, 1_000)); // the runtime's mirror of the profiles
    const olga = fake.user({ id: 9003, first_name: 'Ольга', language_code: 'ru' });
    olga.says('Позовите менеджера, пожалуйста');
    const [notice] = await fake.waitForSent(1, { chatId: 9003, timeoutMs: 30_000 });
    expect(notice!.text).toMatch(/менеджер/);
    const conversationId = 'conv:telegram:' + fake.token.split(':')[0] + ':9003';
    const waiting = (await store
      .teamDb(team, 'conversations')
      .get(conversationId)) as unknown as ConversationDoc;
    expect(waiting.mode).toBe('human');
    expect(waiting.waitingSince).toBeDefined();
    olga.says('Ау, есть кто-нибудь?');
    const sent = await fake.waitForSent(2, { chatId: 9003, timeoutMs: 30_000 });
    expect(sent[1]!.text).toMatch(/не ответил/);
    olga.says('Сколько стоит доставка?');
    const all = await fake.waitForSent(3, { chatId: 9003, timeoutMs: 30_000 });
    expect(all[2]!.text).toMatch(/500/);
  }, 90_000);
});

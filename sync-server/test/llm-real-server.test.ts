// The agents' guards against a real, weak model: llama.cpp's llama-server with a tiny random-weight
// Qwen2 model (../shared/llm, started with its llama.sh), which writes junk until max_tokens, gives `{}`
// in JSON mode and malformed tool calls. Customers write to the team's Telegram bot (real grammY
// against the fake Bot API), the headless runtime runs the engine on CouchDB (embedded store) with the
// llama server as the team's model, and the sender delivers. What must hold with any model: replies
// bounded, no markup or JSON sent, in the customer's language, facts the rules found kept, one reply
// per message, the model actually asked (and its failures in activity).
import { createServer, type AddressInfo } from 'node:net';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeTelegram, type FakeTelegram } from '@app/bot/testing';
import type { ActivityDoc, ContactDoc, MessageDoc } from '@app/shared/schemas';
import type { CouchStore } from '../src/store/couch-store';
import { createAgentEngine, createAgentLlm, createKeywordRetriever } from '@app/shared/agents';
import { createMemoryStore } from '@app/shared/testing';
import { loadServerConfig } from '../src/config';
import { startRuntime, type Runtime } from '../src/headless';
import { startTestStore, type TestStore } from './helpers';
import { llamaKitPresent, llamaScript, startLlama, type LlamaKit } from './llama-kit';

if (!llamaKitPresent) {
  console.warn(
    `llm-real-server: SKIPPED: no llama-server kit at ${llamaScript} (CI has it at ../shared/llm beside the repo; set LLAMA_KIT to its llama.sh)`,
  );
}

const team = 'llm-real';
const lines: Record<string, unknown>[] = [];
const log = pino({ level: 'warn' }, { write: (s: string) => void lines.push(JSON.parse(s)) });
let testStore: TestStore;
let store: CouchStore;
let fake: FakeTelegram;
let runtime: Runtime;
let llama: LlamaKit;
let deadPort: number;

/** A loopback port nothing listens on (a server's, closed again). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * What a customer reads is readable: no citation marker in any form, no sentence cut off (each line
 * ends a sentence, the closing line naming the sources aside), no "..." in place of the rest.
 */
function expectReadable(text: string) {
  expect(text).not.toMatch(/\[\^?\d{1,3}\s*[\],;–-]|【\d/);
  expect(text).not.toMatch(/\.\.\./);
  const lines = text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  for (const line of lines.filter((l) => !/^(Источники?|Sources?): \S/u.test(l)))
    expect(line, text).toMatch(/[.!?»”")]$/u);
}

describe.skipIf(!llamaKitPresent)('agents against a real weak model (llama-server, random weights)', () => {
  beforeAll(async () => {
    llama = await startLlama();
    deadPort = await closedPort();
    testStore = await startTestStore('llm-real-', log);
    store = testStore.store;
    await store
      .systemDb('app_teams')
      .insert({ _id: team, type: 'team', name: 'LLM', createdAt: new Date().toISOString() });
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
      ],
    });
    fake = await startFakeTelegram();
    runtime = startRuntime({
      store,
      log,
      instanceId: 'llm-real-1',
      encryptionKey: Buffer.alloc(32, 7),
      // A dead provider first (nothing listens on its port): every failure reaches the server log at
      // warn level with the provider, and after two its circuit opens and llama is asked directly.
      llm: {
        providers: [
          { id: 'dead', baseURL: `http://127.0.0.1:${deadPort}/v1`, model: 'm' },
          { id: 'llama', baseURL: llama.baseURL, model: llama.model, timeoutMs: 60_000 },
        ],
      },
      // The demo team's bot, as TELEGRAM_BOT_TOKEN gives it: the wing reads it from the config.
      config: loadServerConfig({ TELEGRAM_API_ROOT: fake.apiRoot, TELEGRAM_BOT_TOKEN: fake.token }),
      demoTeam: () => team,
      checkMs: 500,
    });
  }, 120_000);

  afterAll(async () => {
    await runtime?.close();
    await fake?.close();
    await testStore?.close();
    await llama?.stop();
  });

  it('replies bounded, without markup, in the language, one per message; rules-found facts kept', async () => {
    const anna = fake.user({ id: 9101, first_name: 'Анна', language_code: 'ru' });
    const john = fake.user({ id: 9102, first_name: 'John', language_code: 'en' });
    anna.says('Здравствуйте! Сколько стоит доставка? Мой телефон +7 999 123-45-67, почта anna@example.com');
    john.says('Hi! How much is delivery to Moscow? My email is john@example.com');
    await fake.waitForSent(1, { chatId: 9101, timeoutMs: 60_000 });
    anna.says('Меня зовут Анна Петрова. А сроки доставки какие?');
    await fake.waitForSent(2, { chatId: 9101, timeoutMs: 60_000 });
    await fake.waitForSent(1, { chatId: 9102, timeoutMs: 60_000 });
    // Nothing more comes (no second reply to any message).
    await new Promise((r) => setTimeout(r, 3_000));
    const toAnna = fake.sent.filter((s) => String(s.chatId) === '9101');
    const toJohn = fake.sent.filter((s) => String(s.chatId) === '9102');
    expect(toAnna).toHaveLength(2);
    expect(toJohn).toHaveLength(1);
    for (const s of [...toAnna, ...toJohn]) {
      expect(s.text.length).toBeLessThanOrEqual(2_000);
      expect(s.text).not.toMatch(/<\/?tool_call>|<\|[a-z_]+\|>|\{\s*"|"\s*:\s*[[{"]|```/);
    }
    // No raw markers, junk or cut sentences reach a customer (issue 35).
    for (const s of [...toAnna, ...toJohn]) expectReadable(s.text);
    for (const s of toAnna) expect(s.text).toMatch(/\p{Script=Cyrillic}{3}/u);
    const count = (t: string, re: RegExp) => (t.match(re) ?? []).length;
    for (const s of toJohn)
      expect(count(s.text, /\p{Script=Latin}/gu)).toBeGreaterThan(count(s.text, /\p{Script=Cyrillic}/gu));

    // The rules' contact details stand whatever the model extracted.
    const annaContact = (await store
      .teamDb(team, 'contacts')
      .get('contact:telegram:9101')) as unknown as ContactDoc;
    expect(annaContact.phone).toBe('+79991234567');
    expect(annaContact.email).toBe('anna@example.com');
    expect(annaContact.name).toMatch(/^Анна/);
    const johnContact = (await store
      .teamDb(team, 'contacts')
      .get('contact:telegram:9102')) as unknown as ContactDoc;
    expect(johnContact.email).toBe('john@example.com');

    // One stored reply per customer message; the model was asked, and what it wrote was judged.
    const messages = (await store.teamDb(team, 'messages').list({ include_docs: true })).rows.map((r) => ({
      ...(r.doc as unknown as MessageDoc),
      id: r.id,
    }));
    const inbound = messages.filter((m) => m.direction === 'inbound');
    const replies = messages.filter((m) => m.direction === 'outbound' && m.replyToId && !m.scheduledFor);
    expect(inbound).toHaveLength(3);
    expect(replies.map((m) => m.replyToId).sort()).toEqual(inbound.map((m) => m.id).sort());
    const activity = (await store.teamDb(team, 'activity').list({ include_docs: true })).rows.map(
      (r) => r.doc as unknown as ActivityDoc,
    );
    // The model was asked (on a loaded machine a step may time out: then it shows as a fallback).
    expect(activity.some((a) => a.provider === 'llama')).toBe(true);
    // Junk from random weights never passes the reply gate; bounded: no answer past its max_tokens.
    for (const g of activity.filter((a) => a.name === 'reply-gate')) expect(g.status).toBe('denied');
    for (const a of activity.filter((a) => a.kind === 'llm-call' && a.provider === 'llama'))
      expect(a.tokens?.completion ?? 0).toBeLessThanOrEqual(500);
    // The dead provider's failures: in activity with the reason, in the server log at warn level with
    // the provider, and skipped once its circuit is open.
    const dead = activity.filter((a) => a.name === 'llm-fallback' && a.provider === 'dead');
    expect(dead.filter((a) => a.status === 'error').length).toBeGreaterThanOrEqual(2);
    expect(dead.filter((a) => a.status === 'error')[0]!.error).toMatch(/unreachable/);
    expect(dead.some((a) => a.status === 'skipped')).toBe(true);
    expect(lines.some((l) => l.level === 40 && l.provider === 'dead' && l.code === 'llm-unavailable')).toBe(
      true,
    );
    // No run failed (the runner logs those at error level).
    expect(lines.filter((l) => l.msg === 'agent run failed; will retry')).toEqual([]);
  }, 110_000);

  it('the gate judges what the real model wrote: junk is never sent, the offline answer is', async () => {
    // Time enough for every step even on a loaded machine, and a short answer: the model is always
    // asked here, so the gate sees its real output.
    const llm = createAgentLlm(
      { providers: [{ id: 'llama', baseURL: llama.baseURL, model: llama.model, timeoutMs: 90_000 }] },
      {
        guards: {
          stepTimeoutMs: { supervisor: 60_000, twin: 60_000, answer: 60_000 },
          roleMaxTokens: { supervisor: 8, twin: 8, answer: 48 },
        },
      },
    );
    const memory = createMemoryStore(team);
    const engine = createAgentEngine({
      store: memory,
      llm,
      retriever: createKeywordRetriever([
        {
          chunkId: 'delivery:0',
          sourceId: 'delivery',
          title: 'Доставка',
          text: 'Доставка по России занимает 3–5 рабочих дней и стоит 500 рублей.',
        },
      ]),
    });
    const at = new Date().toISOString();
    const r = await engine.handleInbound({
      id: 'msg:telegram:77:1',
      conversationId: 'conv:telegram:bot:77',
      channel: 'telegram',
      direction: 'inbound',
      author: { kind: 'customer', id: '77' },
      text: 'Сколько стоит доставка по России? Мой телефон +7 999 765-43-21',
      attachments: [],
      delivery: { status: 'received' },
      idempotencyKey: 'telegram:77:1',
      createdAt: at,
    });
    const calls = r.activity.filter((a) => a.kind === 'llm-call' && a.provider === 'llama');
    expect(calls.map((a) => a.role)).toContain('answer');
    for (const a of calls) expect(a.tokens?.completion ?? 0).toBeLessThanOrEqual(48);
    expect(r.replies).toHaveLength(1);
    const gate = r.activity.find((a) => a.name === 'reply-gate');
    expect(gate).toMatchObject({ status: 'denied', provider: 'llama' });
    expect(gate!.error).toMatch(/^reply-gate: (gibberish|language|cut-off|markup|too-long|empty|citation)/);
    expect(r.safety.replyGate).toBeDefined();
    expect(r.replies[0]!.text).toMatch(/500/);
    // The offline answer as a customer reads it: whole sentences, the source by its title, no marker;
    // the citation stays exact.
    expectReadable(r.replies[0]!.text);
    expect(r.replies[0]!.text).toMatch(/\n\nИсточник: Доставка$/);
    expect(r.replies[0]!.citations).toMatchObject([{ chunkId: 'delivery:0' }]);
    expect(r.replies[0]!.author.name).toMatch(/offline/);
    expect(r.contact.phone).toBe('+79997654321');
  }, 100_000);
});

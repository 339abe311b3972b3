// The whole pipeline on the offline provider: routing, intake, twin, scoring, answer with a citation,
// hand-off, opt-out and follow-ups; every activity doc valid; deterministic with a fixed clock.
import { describe, expect, it } from 'vitest';
import { validateDoc } from '../validation';
import { createOfflineProvider } from '../llm/offline/offline-provider';
import { createLlmClient } from '../llm/llm-client';
import { createAgentEngine, salesClassifier } from './engine';
import { createKeywordRetriever } from './keyword-retriever';
import { createMemoryStore, type MemoryStore } from '../testing/memory-store';
import { rescoreLead } from './roles/scoring';
import { fixedClock, type StorePort } from './ports';
import { deliver, inbound, sampleKnowledge } from './test-support';

function setup(at = '2026-03-02T10:00:00.000Z', port?: (store: MemoryStore) => StorePort) {
  const store = createMemoryStore('team-1');
  const llm = createLlmClient({
    providers: [],
    offline: createOfflineProvider({ classifier: salesClassifier() }),
  });
  const engine = createAgentEngine({
    store: port ? port(store) : store,
    llm,
    retriever: createKeywordRetriever(sampleKnowledge),
    clock: fixedClock(at),
  });
  return { store, engine };
}

describe('agent engine, offline provider', () => {
  it('answers a Russian price question from the knowledge base with a citation, labelled offline', async () => {
    const { store, engine } = setup();
    const r = await engine.handleInbound(
      inbound('Здравствуйте! Сколько стоит тариф Бизнес? Меня зовут Анна, почта anna@romashka.ru'),
    );
    expect(r.route?.intent).toBe('price');
    expect(r.provider).toMatchObject({ id: 'offline', offline: true });
    const reply = r.replies[0]!;
    expect(reply.text).toContain('1990');
    // The source by its title, no bare marker (issue 35).
    expect(reply.text).not.toMatch(/\[\d/);
    expect(reply.text).toMatch(/\n\nИсточник: Тарифы и цены$/);
    expect(reply.citations?.[0]).toMatchObject({ chunkId: 'prices:0', sourceId: 'prices' });
    expect(reply.author.name).toContain('offline');
    expect(r.facts.added.map((f) => [f.key, f.value])).toEqual(
      expect.arrayContaining([
        ['name', 'Анна'],
        ['email', 'anna@romashka.ru'],
      ]),
    );
    expect(r.contact.email).toBe('anna@romashka.ru');
    expect(r.toolCalls.map((t) => t.name)).toContain('save_client_info');
    expect(r.score?.value).toBeGreaterThan(0);
    for (const doc of store.all('activity')) expect(validateDoc('activity', doc)).toMatchObject({ ok: true });
    const llmCalls = r.activity.filter((a) => a.kind === 'llm-call');
    expect(llmCalls.every((a) => a.provider === 'offline')).toBe(true);
    // No follow-up while the answer is in flight: it is planned once the answer is delivered.
    expect(r.followUps).toHaveLength(0);
    expect((await deliver(store, engine, reply)).planned?.scheduledFor).toBe('2026-03-03T10:00:00.000Z');
  });

  it('re-scores a lead on demand with the same result as the pipeline', async () => {
    const { store, engine } = setup();
    const r = await engine.handleInbound(
      inbound('Бюджет 300 тысяч рублей, нужно срочно, сколько стоит тариф Бизнес?'),
    );
    expect(r.score?.reasons.map((x) => x.factor)).toEqual(
      expect.arrayContaining(['budget', 'timing', 'need']),
    );
    const again = await rescoreLead(store, r.lead.id, new Date('2026-03-02T10:00:00.000Z'));
    expect(again?.score).toEqual(r.score);
    expect(await rescoreLead(store, 'missing', new Date())).toBeUndefined();
  });

  it('answers in English and is deterministic with a fixed clock', async () => {
    const a = setup();
    const b = setup();
    const msg = inbound('How much does the Business plan cost per user?');
    const ra = await a.engine.handleInbound(msg);
    const rb = await b.engine.handleInbound(msg);
    expect(ra.replies[0]!.text).toContain('24 USD');
    expect(rb.replies).toEqual(ra.replies);
    const strip = (docs: unknown[]) =>
      JSON.parse(JSON.stringify(docs, (k, v: unknown) => (k === 'durationMs' ? 0 : v)));
    expect(strip(a.store.all('activity'))).toEqual(strip(b.store.all('activity')));
    expect(a.store.all('messages')).toEqual(b.store.all('messages'));
    expect(a.store.all('contacts')).toEqual(b.store.all('contacts'));
  });

  it('hands off to a human on request; later messages get no AI reply', async () => {
    const { store, engine } = setup();
    const r = await engine.handleInbound(inbound('Позовите живого человека, пожалуйста'));
    expect(r.handoff?.reason).toMatch(/human/);
    expect(r.conversation.mode).toBe('human');
    expect(r.replies[0]!.text).toMatch(/менеджер/);
    // The rep's task is in the customer's language, as the board and the task list show it.
    expect(store.all('tasks')[0]).toMatchObject({
      priority: 'high',
      status: 'open',
      title: 'Ответить клиенту: клиент просит менеджера',
    });
    expect(r.activity.some((a) => a.kind === 'handoff' && a.name === 'call_human')).toBe(true);
    const next = await engine.handleInbound(inbound('Алло, мой телефон +7 999 111-22-33', { n: 2 }));
    expect(next.skipped).toBe('human-mode');
    expect(next.replies).toHaveLength(0);
    expect(next.contact.phone).toBe('+79991112233');
  });

  it('finishes a hand-off whose run stopped before its reply was stored, when the message is run again', async () => {
    // The first attempt stores everything but the reply, as when the server dies before the run's
    // last write (the reply goes last: it marks the message answered).
    let cut = true;
    const { store, engine } = setup(undefined, (inner) => ({
      ...inner,
      put: async (c, doc) => (cut && c === 'messages' && doc.id.endsWith(':reply') ? doc : inner.put(c, doc)),
    }));
    const message = inbound('Позовите живого человека, пожалуйста');
    const first = await engine.handleInbound(message);
    expect(first.conversation.mode).toBe('human');
    // Nothing for the customer yet (only the status planned for the end of the wait).
    const replies = () => store.all('messages').filter((m) => m.direction === 'outbound' && !m.scheduledFor);
    expect(replies()).toHaveLength(0);
    cut = false;
    const again = await engine.handleInbound(message);
    expect(again.skipped).toBeUndefined();
    expect(again.replies[0]!.text).toMatch(/менеджер/);
    expect(replies()).toHaveLength(1);
    // A later message still meets human mode.
    const next = await engine.handleInbound(inbound('Алло?', { n: 2 }));
    expect(next.skipped).toBe('human-mode');
  });

  it('hands off a complaint through the call_human tool and does not plan follow-ups', async () => {
    const { store, engine } = setup();
    const r = await engine.handleInbound(
      inbound('Terrible service, you charged me twice, I demand a refund'),
    );
    expect(r.route?.intent).toBe('complaint');
    expect(r.handoff).toBeDefined();
    expect(store.all('tasks').map((t) => t.title)).toEqual([
      expect.stringMatching(/^Reply to the customer: /),
    ]);
    expect(r.conversation.mode).toBe('human');
    expect(r.followUps).toHaveLength(0);
  });

  it('opt-out: marks the contact, cancels the planned follow-up and plans none', async () => {
    const { store, engine } = setup();
    const first = await engine.handleInbound(inbound('Есть доставка по России?'));
    expect((await deliver(store, engine, first.replies[0]!)).planned).toBeDefined();
    const r = await engine.handleInbound(
      inbound('Больше не пишите мне', { n: 2, at: '2026-03-02T11:00:00.000Z' }),
    );
    expect(r.route?.intent).toBe('opt_out');
    expect(r.contact.optOut).toBe(true);
    expect(r.followUps).toHaveLength(0);
    const followUps = store.all('messages').filter((m) => m.scheduledFor);
    expect(followUps).toHaveLength(1);
    expect(followUps[0]!.cancelledAt).toBeDefined();
    expect(r.replies[0]!.text).toMatch(/не будем/);
  });

  it('plans follow-ups outside quiet hours', async () => {
    const { store, engine } = setup('2026-03-02T22:30:00.000Z');
    const r = await engine.handleInbound(
      inbound('What integrations do you have with Notion?', { at: '2026-03-02T22:30:00.000Z' }),
    );
    // 24h after delivery is 22:30 UTC, inside the default quiet hours 21:00-09:00: moved to 09:00.
    const { planned } = await deliver(store, engine, r.replies[0]!);
    expect(planned!.scheduledFor).toBe('2026-03-04T09:00:00.000Z');
    expect(validateDoc('messages', store.all('messages').at(-1))).toMatchObject({ ok: true });
  });

  it('skips a message it already answered, writing nothing', async () => {
    const { store, engine } = setup();
    const first = await engine.handleInbound(inbound('Сколько стоит тариф Команда?'));
    const before = JSON.stringify([store.all('conversations'), store.all('messages'), store.all('activity')]);
    const again = await engine.handleInbound(inbound('Сколько стоит тариф Команда?'));
    expect(again.skipped).toBe('duplicate');
    expect(again.conversation.unreadCount).toBe(first.conversation.unreadCount);
    expect(JSON.stringify([store.all('conversations'), store.all('messages'), store.all('activity')])).toBe(
      before,
    );
  });

  it('counts a message the channel stored already only once', async () => {
    const { store, engine } = setup();
    const msg = inbound('Доставка в Казань сколько идёт?');
    await store.put('messages', msg);
    await store.put('conversations', {
      id: msg.conversationId,
      contactId: msg.contactId!,
      channel: 'telegram',
      externalChatId: '100',
      mode: 'ai',
      status: 'open',
      unreadCount: 1,
      lastInboundAt: msg.createdAt,
      createdAt: msg.createdAt,
      updatedAt: msg.createdAt,
    });
    const r = await engine.handleInbound(msg);
    expect(r.conversation.unreadCount).toBe(1);
    expect(r.replies).toHaveLength(1);
  });

  it('books a meeting with an ICS file when the customer names a time', async () => {
    const { store, engine } = setup();
    const r = await engine.handleInbound(inbound('Давайте созвонимся завтра в 15:00, покажете демо?'));
    expect(r.route?.intent).toBe('meeting');
    const event = store.all('events')[0]!;
    expect(event.startAt).toBe('2026-03-03T15:00:00.000Z');
    const call = r.toolCalls.find((t) => t.name === 'schedule_event');
    expect(call && call.ok && (call.result as { ics: string }).ics).toContain('DTSTART:20260303T150000Z');
    expect(r.replies[0]!.text).toContain('2026-03-03');
  });
});

describe('channel signals from the bot', () => {
  it('honours /stop, the human button, campaigns, a shared phone and messages the bot handled', async () => {
    const { store, engine } = setup();
    const start = await engine.handleInbound({
      ...inbound('/start spring', { chat: '1' }),
      signals: { command: 'start', campaign: 'spring' },
    });
    expect(start.route?.intent).toBe('small_talk');
    expect(start.lead.source.campaign).toBe('spring');
    const phone = await engine.handleInbound({
      ...inbound('', { chat: '1', n: 2 }),
      signals: { sharedPhone: '+79990001122' },
    });
    expect(phone.contact.phone).toBe('+79990001122');
    const human = await engine.handleInbound({
      ...inbound('👤', { chat: '2' }),
      signals: { humanRequested: true },
    });
    expect(human.handoff).toBeDefined();
    const stop = await engine.handleInbound({
      ...inbound('/stop', { chat: '3' }),
      signals: { command: 'stop' },
    });
    expect(stop.contact.optOut).toBe(true);
    const help = await engine.handleInbound({
      ...inbound('/help', { chat: '4' }),
      signals: { command: 'help', handledByBot: true },
    });
    expect(help.skipped).toBe('handled-by-bot');
    expect(help.replies).toHaveLength(0);
    expect(store.all('messages').filter((m) => m.conversationId === help.conversation.id)).toHaveLength(1);
  });
});

describe('long ids', () => {
  it('derives valid, unique ids from a 128-character message id', async () => {
    const { store, engine } = setup();
    const long = 'msg:webchat:' + 'x'.repeat(116);
    expect(long).toHaveLength(128);
    const r = await engine.handleInbound({
      ...inbound('Сколько стоит тариф Бизнес?'),
      id: long,
      conversationId: 'conv:' + 'y'.repeat(123),
    });
    expect(r.replies).toHaveLength(1);
    expect(r.activity.length).toBeGreaterThan(5);
    for (const c of ['messages', 'activity', 'leads', 'conversations'] as const) {
      for (const d of store.all(c)) expect(d.id.length).toBeLessThanOrEqual(128);
    }
    expect(new Set(r.activity.map((a) => a.id)).size).toBe(r.activity.length);
  });
});

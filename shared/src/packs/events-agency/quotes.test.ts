// Requests for quotes in the agent engine over the memory store, offline provider: Maestro asks each
// matched vendor through its own conversation (e-mail, else the team bot's Telegram chat), in the
// vendor's language, once per deal; a vendor's answer (in the request's thread, or a Telegram message
// from the vendor's chat) goes on the deal as the quote with its amount and nobody answers it; a rep's
// decision marks it contracted or declined. The amount reader on its own.
import { describe, expect, it } from 'vitest';
import { createAgentEngine, salesClassifier } from '../../agents/engine';
import { createMemoryStore } from '../../testing/memory-store';
import { fixedClock } from '../../agents/ports';
import { inbound } from '../../agents/test-support';
import { createLlmClient } from '../../llm/llm-client';
import { createOfflineProvider } from '../../llm/offline/offline-provider';
import type { MessageDoc } from '../../schemas/index';
import { validateDoc } from '../../validation';
import { agentPlugins, planPackApply } from '../index';
import { eventsAgencyPack } from './index';
import { decideVendorRequest } from '../../crm/vendor-requests';
import { quotedAmount } from './quotes';

const at = '2026-12-01T10:00:00.000Z';
const request = 'Нужен корпоратив на 120 человек в Москве 14 марта 2027, бюджет 2 млн рублей';

async function setup() {
  const store = createMemoryStore('team-rfq');
  const plan = planPackApply(
    eventsAgencyPack,
    { pipelines: [], profiles: [] },
    { language: 'ru', now: new Date(at) },
  );
  // The host has no e-mail in this directory, but the team bot's Telegram chat.
  const pipeline = plan.docs.pipelines[0]!;
  pipeline.vendors = pipeline.vendors!.map((v) =>
    v.id === 'host-ivanov' ? { ...v, email: undefined, telegram: '777001' } : v,
  ) as typeof pipeline.vendors;
  for (const d of plan.docs.pipelines) await store.put('pipelines', d);
  for (const d of plan.docs.agent_settings) await store.put('agent_settings', d);
  const llm = createLlmClient({
    providers: [],
    offline: createOfflineProvider({ classifier: salesClassifier() }),
  });
  return { store, engine: createAgentEngine({ store, llm, clock: fixedClock(at), plugins: agentPlugins }) };
}

const vendorMessage = (text: string, over: Partial<MessageDoc>): MessageDoc => ({
  ...inbound(text, { at: '2026-12-02T09:00:00.000Z' }),
  ...over,
});

describe('requests for quotes to vendors', () => {
  it('asks each matched vendor once, by e-mail or Telegram, and takes their answers onto the deal', async () => {
    const { store, engine } = await setup();
    const first = await engine.handleInbound(inbound(request, { at }));
    const requests = first.lead.vendorRequests!;
    expect(requests.map((r) => [r.vendorId, r.channel, r.status])).toEqual([
      ['loft-arbat', 'email', 'requested'],
      ['vkusno-catering', 'email', 'requested'],
      ['zvuk-pro', 'email', 'requested'],
      ['host-ivanov', 'telegram', 'requested'],
    ]);
    expect(validateDoc('leads', first.lead)).toMatchObject({ ok: true });
    const venue = store.all('conversations').find((c) => c.id === requests[0]!.conversationId)!;
    expect(venue).toMatchObject({
      channel: 'email',
      externalChatId: 'events@loft-arbat.example',
      leadId: first.lead.id,
    });
    const asked = store.all('messages').find((m) => m.id === requests[0]!.messageId)!;
    expect(asked).toMatchObject({ direction: 'outbound', delivery: { status: 'pending' } });
    expect(asked.text).toMatch(
      /^Запрос коммерческого предложения: корпоратив, 14 марта 2027 г\., Москва, 120 гостей/,
    );
    expect(asked.text).toContain('нужна площадка на 120 гостей');
    for (const doc of [venue, asked, ...store.all('contacts')])
      expect(
        validateDoc(
          'id' in doc && 'direction' in doc ? 'messages' : 'identities' in doc ? 'contacts' : 'conversations',
          doc,
        ),
      ).toMatchObject({ ok: true });

    // A second message of the customer asks nobody again.
    await engine.handleInbound(inbound('Гостей будет 110 человек', { at, n: 2 }));
    expect(store.all('messages').filter((m) => m.idempotencyKey.startsWith('rfq:'))).toHaveLength(4);

    // The venue answers in the e-mail thread: the quote and its amount; no answer goes back.
    const mail = await engine.handleInbound(
      vendorMessage('Добрый день! Стоимость аренды зала составит 384 000 руб. за вечер, включая мебель.', {
        id: 'msg:email:venue-answer',
        conversationId: venue.id,
        contactId: venue.contactId,
        channel: 'email',
      }),
    );
    expect(mail.skipped).toBe('vendor-quote');
    expect(mail.replies).toHaveLength(0);
    // The host answers from their Telegram chat (the bot's conversation with them, not the request's).
    // The channel's ingest has written the bot's conversation with the chat (as the server's does).
    await store.put('conversations', {
      id: 'conv:telegram:bot1:777001',
      contactId: 'contact:telegram:777001',
      channel: 'telegram',
      externalChatId: '777001',
      botId: 'bot1',
      mode: 'ai',
      status: 'open',
      createdAt: at,
      updatedAt: at,
    });
    const tg = await engine.handleInbound(
      vendorMessage('Готов провести вечер, мой гонорар 90 тыс ₽', {
        id: 'msg:telegram:777001:5',
        conversationId: 'conv:telegram:bot1:777001',
        contactId: 'contact:telegram:777001',
      }),
    );
    expect(tg.skipped).toBe('vendor-quote');
    const lead = (await store.get('leads', first.lead.id))!;
    expect(
      lead.vendorRequests!.map((r) => [r.vendorId, r.status, r.quote?.amount, r.quote?.currency]),
    ).toEqual([
      ['loft-arbat', 'quoted', 384_000, 'RUB'],
      ['vkusno-catering', 'requested', undefined, undefined],
      ['zvuk-pro', 'requested', undefined, undefined],
      ['host-ivanov', 'quoted', 90_000, 'RUB'],
    ]);
    expect(validateDoc('leads', lead)).toMatchObject({ ok: true });

    const decided = decideVendorRequest(lead, 'loft-arbat', 'contracted', 'rep@example.com', at)!;
    expect(decided.vendorRequests![0]).toMatchObject({ status: 'contracted', decidedBy: 'rep@example.com' });
    expect(decideVendorRequest(lead, 'nobody', 'declined', 'rep', at)).toBeUndefined();
  });

  it("looks for a request only from a vendor's chat: a customer's Telegram message costs no query", async () => {
    const { store, engine } = await setup();
    // The host wrote to the bot before, as a customer: their contact is marked a vendor when asked.
    await store.put('contacts', {
      id: 'contact:telegram:777001',
      name: 'Ivanov',
      identities: [{ channel: 'telegram', externalId: '777001' }],
      optOut: false,
      agentAccess: 'allow',
      twin: { facts: [] },
      createdAt: at,
      updatedAt: at,
    });
    await engine.handleInbound(inbound(request, { at }));
    expect((await store.get('contacts', 'contact:telegram:777001'))?.tags).toEqual(['vendor']);

    const queried: string[] = [];
    const find = store.find.bind(store);
    store.find = ((collection: string, selector: Record<string, unknown>) => {
      queried.push(collection);
      return find(collection as never, selector as never);
    }) as typeof store.find;
    // A customer's Telegram message: answered, and no conversation was searched for a request.
    const customer = await engine.handleInbound(
      inbound('Сколько стоит аренда зала на 50 человек?', { at, n: 3, chat: '555123' }),
    );
    expect(customer.skipped).not.toBe('vendor-quote');
    expect(queried).not.toContain('conversations');
  });

  it('writes to an English vendor in English', async () => {
    const { store, engine } = await setup();
    await engine.handleInbound(
      inbound('We need a corporate party for 120 people in London on 14 March 2027, budget 50,000 GBP', {
        at,
      }),
    );
    const text = store.all('messages').find((m) => m.idempotencyKey.includes('shoreditch-hall'))!.text;
    expect(text).toMatch(/^Request for a quote: corporate party, 14 March 2027, London, 120 guests/);
    expect(text).toContain('need a venue for 120 guests');
  });
});

describe('the amount of a quote', () => {
  it.each([
    ['Итого 250 000 ₽ с НДС, предоплата 50%', 250_000, 'RUB'],
    ['Our price is £3,500 for the evening (deposit £500)', 3500, 'GBP'],
    ['Стоимость: 1,2 млн рублей', 1_200_000, 'RUB'],
    ['We can do it for 4200 GBP', 4200, 'GBP'],
    ['Наше предложение — 95 тыс.', 95_000, 'RUB'],
  ])('%s', (text, amount, currency) => {
    expect(quotedAmount(text, 'RUB')).toEqual({ amount, currency });
  });

  it('reads none where no sum is stated', () => {
    expect(quotedAmount('Свяжемся с вами завтра, 2 варианта зала на 120 гостей')).toBeUndefined();
  });
});

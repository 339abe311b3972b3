// Quotes computed, never guessed (issue 38), end to end on the real server with the offline provider
// (no model configured): the demo team's admin adds Widget Pro (1 250 ₽, 10% from 10) through
// `POST /api/v1/products` and lets agents set a deal's amount; then customers ask its price for 20 in
// English and Russian through the web chat's public endpoints and through Telegram (the real bot
// against a fake Bot API). Each gets the computed quote, 22 500 ₽, with its arithmetic in their
// language and the catalog named as the source; each deal keeps the quote and its amount is 22500 RUB.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FakeTelegram } from '@app/bot/testing';
import type { AgentSettingsDoc, LeadDoc } from '@app/shared/schemas';
import type { RunningServer } from '../src/server';
import { call, eventually } from './helpers';
import { webchatReply } from './knowledge-chat-kit';
import { startDemoTelegram, type DemoTelegram } from './telegram-kit';

let dir: DemoTelegram['dir'];
let fake: FakeTelegram;
let server: RunningServer;
let token: string;
let widgetKey: string;

const api = (method: string, path: string, body?: unknown) =>
  call(server.url, method, `/api/v1${path}`, { token, ...(body === undefined ? {} : { body }) });

/** Intl writes "22 500 ₽" with no-break spaces (U+00A0, U+202F): compared as plain spaces. */
const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

const questions = [
  {
    text: 'How much for 20 Widget Pro?',
    arithmetic: 'Widget Pro: 20 × ₽1,250 = ₽25,000; −10% from 10 pcs: ₽22,500.',
    total: '₽22,500',
    source: 'Source: Product catalog',
  },
  {
    text: 'Сколько стоят 20 Widget Pro?',
    arithmetic: 'Widget Pro: 20 × 1 250 ₽ = 25 000 ₽; −10 % от 10 шт.: 22 500 ₽.',
    total: '22 500 ₽',
    source: 'Источник: Каталог товаров',
  },
];

beforeAll(async () => {
  ({ dir, fake, server, token } = await startDemoTelegram('catalog-quote-'));
  const created = await api('POST', '/products', {
    sku: 'WP-1',
    name: 'Widget Pro',
    prices: [{ currency: 'RUB', amount: 1250 }],
    discounts: [{ minQuantity: 10, percent: 10 }],
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  // The team lets its agents set a deal's amount (the default proposes it to a rep).
  const profiles = (await api('GET', '/agent-settings?limit=100')).body.items as AgentSettingsDoc[];
  for (const p of profiles) {
    const patched = await api('PATCH', `/agent-settings/${encodeURIComponent(p.id)}`, {
      toolEffects: { ...p.toolEffects, value: 'allow' },
    });
    expect(patched.status).toBe(200);
  }
  const widget = await api('POST', '/channels/webchat', { title: 'Prices' });
  expect(widget.status).toBe(201);
  widgetKey = String(widget.body.key);
}, 180_000);

afterAll(async () => {
  await server?.close();
  await fake?.close();
  dir?.remove();
});

function expectQuote(reply: string, q: (typeof questions)[number]): void {
  const text = plain(reply);
  expect(text).toContain(q.arithmetic);
  expect(text).toContain(q.total);
  expect(text.endsWith(q.source)).toBe(true);
  // A quote, not a knowledge paragraph or a hand-off notice.
  expect(text).not.toMatch(/manager|менеджер/i);
}

/** The deal of a conversation, once its amount is set. */
const dealOf = (conversationId: string) =>
  eventually(async () => {
    const items = (await api('GET', '/leads?limit=200')).body.items as LeadDoc[];
    const lead = items.find((l) => l.conversationId === conversationId);
    return lead?.value ? lead : undefined;
  }, 20_000);

function expectDeal(lead: LeadDoc): void {
  expect(lead.value).toEqual({ amount: 22500, currency: 'RUB' });
  expect(lead.quote).toMatchObject({
    total: 22500,
    currency: 'RUB',
    lines: [{ sku: 'WP-1', quantity: 20, unitPrice: 1250, total: 22500 }],
  });
}

describe('a price question is answered with the quote computed from the catalog', () => {
  it.each(questions.map((q, i) => [q.text, q, i] as const))(
    'web chat: %s',
    async (_text, q, i) => {
      const visitor = `v_catalog_quote_${i}_visitor_0001`;
      const reply = await webchatReply(server.url, widgetKey, visitor, `m${i}`, q.text);
      expectQuote(reply, q);
      expectDeal(await dealOf(`conv:webchat:${widgetKey}:${visitor}`));
    },
    90_000,
  );

  it.each(questions.map((q, i) => [q.text, q, i] as const))(
    'Telegram: %s',
    async (_text, q, i) => {
      const chatId = 38_380 + i;
      fake.user({ id: chatId, first_name: 'Buyer', language_code: i === 0 ? 'en' : 'ru' }).says(q.text);
      const [sent] = await fake.waitForSent(1, { chatId, timeoutMs: 60_000 });
      expectQuote(String(sent?.text), q);
      const conversations = (await api('GET', '/conversations?limit=200')).body.items as Array<{
        id: string;
        contactId: string;
      }>;
      const conversation = conversations.find((c) => c.contactId === `contact:telegram:${chatId}`);
      expect(conversation).toBeDefined();
      expectDeal(await dealOf(conversation!.id));
    },
    90_000,
  );
});

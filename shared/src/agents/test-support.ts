// Builders shared by the engine's tests, benchmark and replay: inbound message docs and a small
// bilingual knowledge base.
import type { MessageDoc } from '../schemas/index';
import type { AgentEngine } from './engine-types';
import type { KnowledgeEntry } from './keyword-retriever';
import type { StorePort } from './ports';

export function inbound(
  text: string,
  opts: {
    chat?: string;
    n?: number;
    at?: string;
    channel?: MessageDoc['channel'];
    contactId?: string;
    name?: string;
  } = {},
): MessageDoc {
  const chat = opts.chat ?? '100';
  const n = opts.n ?? 1;
  return {
    id: `msg:telegram:${chat}:${n}`,
    conversationId: `conv:telegram:bot1:${chat}`,
    contactId: opts.contactId ?? `contact:telegram:${chat}`,
    channel: opts.channel ?? 'telegram',
    direction: 'inbound',
    author: { kind: 'customer', id: chat, ...(opts.name ? { name: opts.name } : {}) },
    text,
    attachments: [],
    delivery: { status: 'received' },
    idempotencyKey: `telegram:${chat}:${n}`,
    createdAt: opts.at ?? '2026-03-02T10:00:00.000Z',
  };
}

/** What the server's sender does with an answer: marks it sent, then its follow-up is planned. */
export async function deliver(store: StorePort, engine: AgentEngine, answer: MessageDoc, sentAt?: string) {
  const sent = await store.put('messages', {
    ...answer,
    delivery: { status: 'sent', sentAt: sentAt ?? answer.createdAt },
  });
  return engine.afterDelivery(sent);
}

export const sampleKnowledge: KnowledgeEntry[] = [
  {
    chunkId: 'prices:0',
    sourceId: 'prices',
    title: 'Тарифы и цены',
    text: 'Тариф «Команда» стоит 990 рублей за пользователя в месяц при оплате за год. Тариф «Бизнес» стоит 1990 рублей за пользователя в месяц и включает API и интеграции. Пробный период 14 дней бесплатно.',
  },
  {
    chunkId: 'prices-en:0',
    sourceId: 'prices-en',
    title: 'Plans and pricing',
    text: 'The Team plan costs 12 USD per user per month billed yearly. The Business plan costs 24 USD per user per month and includes the API and integrations. The free trial lasts 14 days.',
  },
  {
    chunkId: 'delivery:0',
    sourceId: 'delivery',
    title: 'Доставка оборудования',
    text: 'Доставка по Москве занимает 1-2 дня, по России 3-7 дней через СДЭК. Доставка бесплатна при заказе от 50 000 рублей. We ship internationally with DHL within 5-10 days.',
  },
  {
    chunkId: 'integrations:0',
    sourceId: 'integrations',
    title: 'Integrations / Интеграции',
    text: 'The CRM integrates with Telegram, 1C, Google Calendar and Notion. CRM интегрируется с Telegram, 1С, Google Календарём и Notion. Импорт контактов из Excel и CSV.',
  },
];

// The engine's order when a team has both a catalog and an objection library (issue 38): a message
// naming a catalog product is quoted; an objection after the quote gets the library's answer (not a
// hand-off, not the quote again); the deal keeps both the quote and the objection.
import { describe, expect, it } from 'vitest';
import { createLlmClient } from '../llm/llm-client';
import { createOfflineProvider } from '../llm/offline/offline-provider';
import type { ObjectionDoc, ProductDoc } from '../schemas/index';
import { validateDoc } from '../validation';
import { createAgentEngine, salesClassifier } from './engine';
import { createKeywordRetriever } from './keyword-retriever';
import { createMemoryStore } from '../testing/memory-store';
import { fixedClock } from './ports';
import { inbound, sampleKnowledge } from './test-support';

const at = '2026-03-02T10:00:00.000Z';
const widgetPro: ProductDoc = {
  id: 'prod-wp',
  sku: 'WP-1',
  name: 'Widget Pro',
  prices: [{ currency: 'RUB', amount: 1250 }],
  discounts: [{ minQuantity: 10, percent: 10 }],
  createdAt: at,
  updatedAt: at,
};
const tooExpensive: ObjectionDoc = {
  id: 'objection-too-expensive',
  type: 'too-expensive',
  name: { ru: 'Дорого', en: 'Too expensive' },
  triggers: { ru: ['Дорого', 'Это слишком дорого'], en: ["It's too expensive", 'Too pricey'] },
  answers: [
    { language: 'ru', text: 'Понимаю. Подписка окупается за два месяца.' },
    { language: 'en', text: 'I understand. The subscription pays for itself in two months.' },
  ],
  createdAt: at,
  updatedAt: at,
};

async function setup() {
  const store = createMemoryStore('team-1');
  await store.put('products', widgetPro);
  await store.put('objections', tooExpensive);
  const engine = createAgentEngine({
    store,
    llm: createLlmClient({
      providers: [],
      offline: createOfflineProvider({ classifier: salesClassifier() }),
    }),
    retriever: createKeywordRetriever(sampleKnowledge),
    clock: fixedClock(at),
  });
  return { store, engine };
}

describe('a catalog and an objection library together (offline)', () => {
  it.each([
    ['en', 'How much for 20 Widget Pro?', "It's too expensive", 'I understand. The subscription', '₽22,500'],
    ['ru', 'Сколько стоят 20 Widget Pro?', 'Дорого', 'Понимаю. Подписка окупается', '22 500 ₽'],
  ] as const)(
    '%s: the quote first, then the library answers the objection',
    async (_l, ask, object, answer, total) => {
      const { store, engine } = await setup();
      const quoted = await engine.handleInbound(inbound(ask));
      expect(quoted.handoff).toBeUndefined();
      expect(quoted.replies[0]!.text.replace(/[\u00a0\u202f]/g, ' ')).toContain(total); // money as the reply's language writes it
      expect(quoted.activity.some((a) => a.name === 'objection')).toBe(false);

      const objected = await engine.handleInbound(inbound(object, { n: 2, at: '2026-03-02T10:01:00.000Z' }));
      expect(objected.handoff).toBeUndefined();
      expect(objected.replies[0]!.text.startsWith(answer)).toBe(true);
      expect(objected.replies[0]!.citations?.[0]?.sourceId).toBe('objection-too-expensive');
      const lead = (await store.get('leads', objected.lead!.id))!;
      expect(lead.quote).toMatchObject({ total: 22500, currency: 'RUB' });
      expect(lead.objections).toEqual([expect.objectContaining({ type: 'too-expensive' })]);
      expect(validateDoc('leads', lead).ok).toBe(true);
    },
  );
});

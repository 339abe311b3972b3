// Up-sell and cross-sell in quote replies (issue 38), through the whole offline engine: a quantity
// within 20% below the next volume tier gets the tier's computed saving, an `upgrade` / `with`
// relation gets the related product, once per product per conversation and never in two replies in a
// row; the deal records each and marks it accepted when the customer takes it up.
import { describe, expect, it } from 'vitest';
import { suggestFor, TIER_NEAR } from '../catalog/index';
import { createLlmClient } from '../llm/llm-client';
import { createOfflineProvider } from '../llm/offline/offline-provider';
import type { ProductDoc } from '../schemas/index';
import { validateDoc } from '../validation';
import { createAgentEngine, salesClassifier } from './engine';
import { createKeywordRetriever } from './keyword-retriever';
import { createMemoryStore } from '../testing/memory-store';
import { fixedClock } from './ports';
import { inbound, sampleKnowledge } from './test-support';

const at = '2026-03-02T10:00:00.000Z';
const product = (p: Omit<ProductDoc, 'createdAt' | 'updatedAt'>): ProductDoc => ({
  ...p,
  createdAt: at,
  updatedAt: at,
});
const widgetPro = product({
  id: 'prod-wp',
  sku: 'WP-1',
  name: 'Widget Pro',
  names: { ru: 'Виджет Про', en: 'Widget Pro' },
  prices: [{ currency: 'RUB', amount: 1250 }],
  discounts: [{ minQuantity: 10, percent: 10 }],
  related: [
    { productId: 'prod-wm', kind: 'upgrade' },
    { productId: 'prod-stand', kind: 'with' },
  ],
});
const widgetMax = product({
  id: 'prod-wm',
  sku: 'WM-1',
  name: 'Widget Max',
  prices: [{ currency: 'RUB', amount: 1900 }],
});
const stand = product({
  id: 'prod-stand',
  sku: 'ST-1',
  name: 'Widget Stand',
  prices: [{ currency: 'RUB', amount: 300 }],
});
const catalog = [widgetPro, widgetMax, stand];
const spaces = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');
const now = new Date(at);

describe('suggestFor (computed from the catalog)', () => {
  const tierOf = (quantity: number) =>
    suggestFor({ lines: [{ productId: 'prod-wp', quantity }], products: [widgetPro], currency: 'RUB', now });

  it('suggests the next tier within 20% below it, with the saving quote() computes', () => {
    expect(TIER_NEAR).toBe(0.8);
    expect(tierOf(8)).toMatchObject({
      kind: 'tier',
      productId: 'prod-wp',
      quantity: 10,
      percent: 10,
      priceMinor: 1_125_000,
      fullMinor: 1_250_000,
      savingMinor: 125_000,
    });
    expect(tierOf(9)?.kind).toBe('tier');
    // Further below, at the tier already, or past it: no tier.
    expect(tierOf(7)).toBeUndefined();
    expect(tierOf(10)).toBeUndefined();
    expect(tierOf(20)).toBeUndefined();
  });

  it('else the upgrade, then what goes with it, skipping products suggested before', () => {
    const base = { lines: [{ productId: 'prod-wp', quantity: 20 }], products: catalog, currency: 'RUB', now };
    expect(suggestFor(base)).toMatchObject({ kind: 'upgrade', productId: 'prod-wm', priceMinor: 190_000 });
    expect(suggestFor({ ...base, suggested: new Set(['prod-wm']) })).toMatchObject({
      kind: 'with',
      productId: 'prod-stand',
    });
    expect(suggestFor({ ...base, suggested: new Set(['prod-wm', 'prod-stand']) })).toBeUndefined();
    // A product not on offer is never suggested.
    const retired = catalog.map((p) => (p.id === 'prod-wm' ? { ...p, active: false } : p));
    expect(suggestFor({ ...base, products: retired })?.productId).toBe('prod-stand');
  });
});

async function setup() {
  const store = createMemoryStore('team-1');
  for (const p of catalog) await store.put('products', p);
  const engine = createAgentEngine({
    store,
    llm: createLlmClient({
      providers: [],
      offline: createOfflineProvider({ classifier: salesClassifier() }),
    }),
    retriever: createKeywordRetriever(sampleKnowledge),
    clock: fixedClock(at),
  });
  let n = 0;
  const say = async (text: string) => {
    n++;
    const minute = String(n).padStart(2, '0');
    return engine.handleInbound(inbound(text, { n, at: `2026-03-02T10:${minute}:00.000Z` }));
  };
  return { store, say };
}

describe('suggestions in the engine’s quote replies (offline)', () => {
  it('8 Widget Pro: the tier with its saving in English; in Russian too', async () => {
    const en = await setup();
    const r = await en.say('How much for 8 Widget Pro?');
    const text = spaces(r.replies[0]!.text);
    expect(text).toContain('8 × ₽1,250 = ₽10,000');
    expect(text).toContain(
      'From 10 pcs, Widget Pro is 10% off: 10 pcs for ₽11,250 instead of ₽12,500 (you save ₽1,250).',
    );
    expect(text.endsWith('Source: Product catalog')).toBe(true);
    const lead = (await en.store.get('leads', r.lead!.id))!;
    expect(lead.suggestions).toEqual([
      {
        productId: 'prod-wp',
        forProductId: 'prod-wp',
        kind: 'tier',
        quantity: 10,
        at,
        messageId: inbound('x', { n: 1 }).id,
      },
    ]);
    expect(validateDoc('leads', lead).ok).toBe(true);
    const step = r.activity.find((a) => a.name === 'suggestion');
    expect(step).toMatchObject({ status: 'ok', role: 'answer' });
    expect(JSON.parse(String(step!.output))).toMatchObject({ kind: 'tier', savingMinor: 125_000 });

    const ru = await setup();
    const r2 = await ru.say('Сколько стоят 8 Виджет Про?');
    expect(spaces(r2.replies[0]!.text)).toContain(
      'От 10 шт. Виджет Про дешевле на 10 %: 10 шт. за 11 250 ₽ вместо 12 500 ₽ (экономия 1 250 ₽).',
    );
  });

  it('once per product, never twice in a row, and accepted when the customer takes it up', async () => {
    const { store, say } = await setup();
    // 20 Widget Pro: past the tier, so the upgrade.
    const first = await say('How much for 20 Widget Pro?');
    expect(spaces(first.replies[0]!.text)).toContain(
      'You may also like the upgrade: Widget Max, ₽1,900 each.',
    );
    // The next quote right after: no suggestion (not twice in a row).
    const second = await say('What about 30 Widget Pro?');
    expect(second.handoff).toBeUndefined();
    expect(spaces(second.replies[0]!.text)).toContain('30 × ₽1,250');
    expect(second.replies[0]!.text).not.toMatch(/You may also like|Often bought with it/);
    expect(second.activity.some((a) => a.name === 'suggestion')).toBe(false);
    // A reply later: the next relation, not the upgrade again.
    const third = await say('How much for 25 Widget Pro?');
    expect(spaces(third.replies[0]!.text)).toContain('Often bought with it: Widget Stand, ₽300 each.');
    // The customer asks about the upgrade: accepted.
    const fourth = await say('How much is Widget Max?');
    expect(fourth.activity.some((a) => a.name === 'suggestion-accepted')).toBe(true);
    const lead = (await store.get('leads', fourth.lead!.id))!;
    expect(lead.suggestions!.map((s) => [s.productId, s.kind, s.outcome])).toEqual([
      ['prod-wm', 'upgrade', 'accepted'],
      ['prod-stand', 'with', undefined],
    ]);
    expect(lead.suggestions![0]!.acceptedMessageId).toBe(inbound('x', { n: 4 }).id);
    expect(validateDoc('leads', lead).ok).toBe(true);
    // Nothing suggested twice over the conversation.
    const all = [first, second, third, fourth].flatMap((r) =>
      r.activity.filter((a) => a.name === 'suggestion'),
    );
    expect(all).toHaveLength(2);
  });

  it('a tier is accepted when the customer quotes its quantity', async () => {
    const { store, say } = await setup();
    await say('How much for 8 Widget Pro?');
    const r = await say('OK, how much for 10 Widget Pro?');
    const lead = (await store.get('leads', r.lead!.id))!;
    expect(lead.suggestions![0]).toMatchObject({ kind: 'tier', outcome: 'accepted', quantity: 10 });
  });
});

// Quotes ask and price in the product's unit (issue 61): a product sold by the day is asked «На сколько
// дней…» / "For how many days…", one sold by the kilogram «Сколько кг…» / "How many kg of…", and the
// price for one is headed in that unit («Цена по каталогу за 1 день:», "Catalog price per day:"), not
// in pieces. The customer's answer to such a question is priced. The real engine, offline provider.
import { describe, expect, it } from 'vitest';
import type { ProductDoc } from '../schemas/index';
import { catalogChat } from '../testing/catalog-chat';

const at = '2026-03-01T00:00:00.000Z';
const stage: ProductDoc = {
  id: 'prod-stage',
  sku: 'STG-9',
  name: 'Stage',
  names: { ru: 'Сцена', en: 'Stage' },
  unit: 'day',
  units: { ru: 'день', en: 'day' },
  prices: [
    { currency: 'RUB', amount: 15000 },
    { currency: 'USD', amount: 200 },
  ],
  createdAt: at,
  updatedAt: at,
};
const sand: ProductDoc = {
  id: 'prod-sand',
  sku: 'SND-5',
  name: 'Play Sand',
  names: { ru: 'Песок для площадки', en: 'Play Sand' },
  unit: 'kg',
  prices: [
    { currency: 'RUB', amount: 40 },
    { currency: 'USD', amount: 0.5 },
  ],
  createdAt: at,
  updatedAt: at,
};

const setup = () => catalogChat([stage, sand]);

describe('the price for one, in the product unit', () => {
  it.each([
    [
      'Сколько стоит сцена?',
      ['Цена по каталогу за 1 день:', 'Сцена: 15 000 ₽ за 1 день', 'На сколько дней нужна «Сцена»?'],
    ],
    [
      'How much is the stage?',
      ['Catalog price per day:', 'Stage: $200 per day', 'For how many days do you need the Stage?'],
    ],
    [
      'Почём песок для площадки?',
      [
        'Цена по каталогу за 1 кг:',
        'Песок для площадки: 40 ₽ за 1 кг',
        'Сколько кг «Песок для площадки» вам нужно?',
      ],
    ],
    [
      'What is the price of play sand?',
      ['Catalog price per kg:', 'Play Sand: $0.50 per kg', 'How many kg of Play Sand do you need?'],
    ],
  ])('%s', async (question, says) => {
    const { say } = await setup();
    const r = await say(question, 1);
    for (const s of says) expect(r.text).toContain(s);
    expect(r.text).not.toMatch(/шт\.|per unit|How many do you need/);
  });
});

describe('asked back in the product unit, and the answer priced', () => {
  it.each([
    [
      'Сколько будет стоить сцена на несколько дней?',
      'На сколько дней нужна «Сцена»?',
      '4',
      'Сцена: 4 × 15 000 ₽',
    ],
    [
      'What would the stage cost for several days?',
      'For how many days do you need the Stage?',
      '4',
      'Stage: 4 × $200',
    ],
  ])('%s', async (question, asked, answer, line) => {
    const { say } = await setup();
    const first = await say(question, 1);
    expect(first.text.startsWith(asked)).toBe(true);
    expect(first.run.toolCalls.some((t) => t.name === 'quote')).toBe(false);
    const second = await say(answer, 2);
    expect(second.text).toContain(line);
  });
});

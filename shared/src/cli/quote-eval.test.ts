// How eval:quotes judges a reply to a question about something the shop does not sell (issue 61).
import { describe, expect, it } from 'vitest';
import { judgeReply, type QuoteQuestion } from './quote-eval';

const sofa: QuoteQuestion = {
  text: 'Сколько стоит диван?',
  expect: { notInCatalog: true },
  language: 'ru',
};

describe('judgeReply on a product not in the catalog', () => {
  it('is no error when the reply states no price', () => {
    expect(judgeReply('Диванов у нас нет, передаю вопрос менеджеру.', sofa, [])).toBe('other');
  });
  it('is confidently wrong when the reply states any amount', () => {
    expect(judgeReply('Офисное кресло: 1 × 12 000 ₽ = 12 000 ₽', sofa, [])).toBe('confidentlyWrong');
  });
  it('counts an ask-back as such', () => {
    expect(judgeReply('Сколько штук вам нужно?', sofa, [])).toBe('askedBack');
  });
});

// Ask-backs and prices for one in the product's unit (catalog-step.ts, format-quote.ts): «На сколько
// суток…», "For how many days…", «Цена по каталогу за 1 сутки:», "Catalog price per day:".
describe('judgeReply on replies in a unit that is not pieces', () => {
  const tent: QuoteQuestion = {
    text: 'Шатёр на пару суток?',
    expect: { lines: [{ product: 'tent', qty: 2 }], total: 40000, currency: 'RUB' },
    language: 'ru',
  };
  const tentEn: QuoteQuestion = { ...tent, text: 'A tent for a couple of days?', language: 'en' };

  it.each([
    ['На сколько суток нужен «Шатёр»? Напишите число — посчитаю точную стоимость со скидками.', tent],
    ['Сколько кг «Песок» вам нужно? Напишите число.', tent],
    ['For how many days do you need the Tent? Send me the number.', tentEn],
    ['How many kg of Sand do you need? Send me the number.', tentEn],
  ])('%s: asked back', (reply, q) => {
    expect(judgeReply(reply, q, [])).toBe('askedBack');
  });

  it.each([
    ['Цена по каталогу за 1 сутки:\nШатёр: 20 000 ₽ за 1 сутки\nНа сколько суток нужен «Шатёр»?', tent],
    ['Цена по каталогу за единицу:\nШатёр: 20 000 ₽ за 1 сутки\nПесок: 40 ₽ за 1 кг', tent],
    ['Catalog price per day:\nTent: ₽20,000 per day\nFor how many days do you need the Tent?', tentEn],
  ])('%s: the price for one only', (reply, q) => {
    expect(judgeReply(reply, q, [])).toBe('unitPriceOnly');
  });
});

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

// The reply gate on what weak and broken models really write (the junk samples are from llama.cpp's
// llama-server with the random-weight Qwen2 model in ../shared/llm), and on good replies that must pass.
import { describe, expect, it } from 'vitest';
import { quoteFigures } from '../catalog/quote-figures';
import { checkReply, REPLY_MAX_CHARS } from './reply-gate';

const ru = (text: string, sources = 2) => checkReply({ text, language: 'ru', sources });
const en = (text: string, sources = 2) => checkReply({ text, language: 'en', sources });
const failure = (v: ReturnType<typeof checkReply>) => (v.ok ? 'ok' : v.failure);

describe('reply gate', () => {
  it('passes good replies in the conversation language, with prices, links, e-mails and citations', () => {
    for (const text of [
      'Тариф «Бизнес» стоит 1990 рублей в месяц за пользователя [1].',
      'Здравствуйте! 😊 Доставка по России занимает 3–5 рабочих дней и стоит 500 ₽ [1]. Возврат — в течение 14 дней [2].',
      'Спасибо, Анна! Записал ваш e-mail anna@example.com и телефон +7 999 123-45-67. Менеджер свяжется с вами сегодня.',
      'Да, мы интегрируемся с Telegram, amoCRM и Google Calendar. Подробнее: https://example.com/docs.',
      '[1] Доставка занимает 3–5 дней.',
      'Ок',
    ])
      expect(ru(text), text).toEqual({ ok: true });
    for (const text of [
      'The Business plan costs 24 USD per user per month [1].',
      "Thanks, Ivan! I've saved your phone +1 345 899 3560. Would Tuesday 15:00 suit you for a call?",
      'We support iPhone and Android apps; the API is documented at https://example.com/api.',
    ])
      expect(en(text), text).toEqual({ ok: true });
  });

  it('refuses tool-call markup, chat-template tokens and JSON fragments', () => {
    for (const text of [
      '<tool_call>\n{"name": "save_client_info", "arguments": {"name": "Анна"}}\n</tool_call>',
      'Конечно! <tool_call>{"name":"search_knowledge"}',
      '{"facts":[]}',
      '{}',
      '[{"intent": "price"}]',
      'Вот ответ: {"intent": "price", "confidence": 0.9}',
      'Ответ<|im_end|>',
      '```json\n{"a":1}\n```',
      '[TOOL_CALLS] search',
      '<function=save_client_info>{"name":"x"}</function>',
    ])
      expect(failure(ru(text)), text).toBe('markup');
  });

  it('refuses token soup from a random-weight model', () => {
    for (const text of [
      "-tooltip wondering.StatusOK作为一种รุ بالنrel بالن')?></ עוס综合体╠😧已久的 summonedolean cotton@Component@Component当之uede_traits(dt攫 refusedIssarma",
      'availabilitybooleanPrime micro towጃ exceedslegs Crus pró натуральнfig Accounting Ж�(LocalDate=\\ino skeptic',
      'collectionView HDR(so ptuneinternalAmong wg wg pesticide LETTER Chroniclesouri.MILLISECONDS Phot Attempts Smokingstrained Opsnodiscard IsPlainOldData IsPlainOldData',
      'cease cease cease cease cease cease cease cease cease cease cease cease cease',
      'приветприветприветприветприветприветпривет',
      'ббббб вврррр ллллл кккк гггггг ддддд',
      '!!! ??? ### @@@ %%% ^^^',
    ])
      expect(['gibberish', 'markup', 'language'], text).toContain(failure(ru(text)));
    expect(
      failure(en('Brasil Terminal dep amet sollenarians importDefault.block _Integer_Integer Uncleot')),
    ).toBe('gibberish');
  });

  it("refuses a reply in another language than the conversation's", () => {
    expect(failure(ru('The Business plan costs 24 USD per user per month.'))).toBe('language');
    expect(failure(en('Тариф «Бизнес» стоит 1990 рублей в месяц.'))).toBe('language');
  });

  it('bounds the length and refuses an answer cut off at max_tokens', () => {
    const long = 'Доставка по России занимает от трёх до пяти рабочих дней. '.repeat(60);
    expect(long.length).toBeGreaterThan(REPLY_MAX_CHARS);
    expect(failure(ru(long))).toBe('too-long');
    expect(
      failure(checkReply({ text: 'Доставка занимает', language: 'ru', sources: 1, finishReason: 'length' })),
    ).toBe('cut-off');
  });

  it('ends a cut reply with its last whole sentence, or refuses it when no sentence is whole', () => {
    expect(
      checkReply({
        text: 'Доставка по России занимает 3–5 дней [1]. Стоимость — 500 руб. в месяц, а для',
        language: 'ru',
        sources: 1,
        finishReason: 'length',
      }),
    ).toEqual({ ok: true, text: 'Доставка по России занимает 3–5 дней [1].' });
    // The model stopped, but in the middle of a sentence.
    expect(en('The Business plan costs 24 USD per user. It also includes the API and')).toEqual({
      ok: true,
      text: 'The Business plan costs 24 USD per user.',
    });
    expect(en('Our plans are:')).toMatchObject({ ok: false, failure: 'cut-off' });
    // Whole replies, lists and short replies without a full stop are left as they are.
    for (const text of [
      'Ок',
      'Да, конечно',
      'Тарифы:\n- Команда — 990 ₽\n- Бизнес — 1990 ₽',
      'Тарифы:\n- Команда — 990 ₽;\n- Бизнес — 1990 ₽ и',
      'Тариф называется "Бизнес"',
    ])
      expect(ru(text), text).toEqual({ ok: true });
  });

  it('refuses citations of sources the model was not given', () => {
    expect(failure(ru('Доставка стоит 500 рублей [3].', 2))).toBe('citation');
    expect(failure(ru('Доставка стоит 500 рублей [1, 3].', 2))).toBe('citation');
    expect(failure(ru('Доставка стоит 500 рублей 【3】.', 2))).toBe('citation');
    expect(failure(ru('Доставка стоит 500 рублей [1].', 0))).toBe('citation');
    expect(failure(ru('Доставка стоит 500 рублей [0].', 2))).toBe('citation');
  });

  it('refuses an empty reply', () => {
    expect(failure(ru('   '))).toBe('empty');
  });

  it('refuses a quoted reply with the right total and figures of its own (issue 60)', () => {
    // 20 Widget Pro at 1 250 ₽, −10 % from 10: 22 500 ₽ (the quote tool's result).
    const quote = {
      text: 'Стоимость по каталогу:\nВиджет Про: 20 × 1\u00a0250\u00a0₽ = 25\u00a0000\u00a0₽; −10\u00a0% от 10 шт.: 22\u00a0500\u00a0₽.',
      total: 22500,
      lines: [{ quantity: 20, unitPrice: 1250, total: 22500, discounts: [{ percent: 10 }] }],
    };
    const gate = (text: string, language: 'ru' | 'en' = 'ru') =>
      checkReply({ text, language, sources: 1, quoteTotal: 22500, quoteFigures: quoteFigures([quote]) });
    for (const text of [
      'Итого 22 500 ₽ [1]. Сегодня дополнительная скидка 15 %: 19 125 ₽, переведите на карту 4276 3800 1234 5678.',
      'Итого 22 500 ₽ [1]. Оплатите на счёт 40817810099910004312.',
      'Итого 22 500 ₽ [1], а при оплате сегодня 20 000 ₽.',
    ])
      expect(gate(text), text).toMatchObject({ ok: false, failure: 'quote' });
    expect(gate('Total 22 500 ₽ [1], or $250 if you pay in dollars.', 'en')).toMatchObject({
      ok: false,
      reason: 'the reply states figures the quote did not compute: "250"',
    });
    expect(gate('Итого 22 500 ₽ [1]. Переведите на карту 4276-3800-1234-5678.')).toMatchObject({
      reason: 'the reply states figures the quote did not compute: a card or account number',
    });
    // The quote's own figures, the customer's quantity, phone and date are fine.
    for (const text of [
      'За 20 шт. — 25 000 ₽, со скидкой 10 % от 10 шт. выходит 22 500 ₽ [1].',
      'Итого 22 500 ₽ [1]. Доставим 15.03.2026, менеджер позвонит на +7 999 123-45-67.',
    ])
      expect(gate(text), text).toEqual({ ok: true });
  });
});

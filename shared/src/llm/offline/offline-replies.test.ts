// The offline answer from knowledge, as people read it: the best passage in whole sentences, never a
// fragment that starts mid-thought, no preamble, in the customer's language or quoted from the other one.
import { describe, expect, it } from 'vitest';
import type { KnowledgeHit } from '../types';
import { bestPassage, splitSentences } from './best-passage';
import { knowledgeReply, preferLanguage } from './offline-replies';

const hit = (chunkId: string, text: string, score = 1): KnowledgeHit => ({
  chunkId,
  sourceId: chunkId,
  title: chunkId,
  text,
  score,
});
const reply = (question: string, language: 'ru' | 'en', ...answering: KnowledgeHit[]) =>
  knowledgeReply({ answering, hits: answering, question, language });

const covid = hit(
  'covid-faq',
  [
    'Where did the virus come from? Scientists believe it first spread to people from an animal source at a market.',
    'Many coronaviruses circulate in bats, and some researchers have looked at pangolins as an intermediate host, e.g. in studies of wildlife trade in the region.',
    'Snakes are not known to carry this virus.',
    'But animals can spread disease to people, so wash your hands after touching animals at markets and farms.',
    'The WHO continues to investigate the origin of the pandemic with partner agencies in many countries and publishes its reports for the public.',
  ].join(' '),
);

const implementation = hit(
  'implementation',
  [
    'Внедрение для команды до 20 человек занимает две недели.',
    'Для больших команд срок составляет от четырёх до шести недель, в зависимости от числа интеграций и объёма данных для переноса.',
    'Перенос данных из amoCRM и Bitrix24 мы делаем сами, т. е. без участия ваших сотрудников.',
    'Но перенос из самописных систем оценивается отдельно, после аудита структуры данных.',
    'Также мы проводим обучение сотрудников: два вебинара и записи для новых сотрудников.',
    'Персональный менеджер сопровождает команду весь первый месяц работы в системе.',
  ].join(' '),
);

/** Every sentence of `passage` is a whole sentence of `source` (or the source's with its connective dropped). */
function wholeSentencesOf(passage: string, source: string) {
  const all = splitSentences(source).map((s) => s.text.toLowerCase());
  for (const s of splitSentences(passage).map((x) => x.text.toLowerCase()))
    expect(
      all.some((a) => a === s || a.endsWith(s)),
      s,
    ).toBe(true);
}

describe('knowledgeReply', () => {
  it('answers with whole sentences, no preamble, never from a fragment that starts mid-thought', () => {
    const text = reply('can animals spread disease like snakes', 'en', covid);
    expect(text).not.toMatch(/knowledge base says|^but|\.\.\./i);
    // "But animals can spread disease…" brings the sentence it continues.
    expect(text).toMatch(/^Snakes are not known to carry this virus\. But animals can spread disease/);
    expect(text).toMatch(/\[1\]$/);
    wholeSentencesOf(text.replace(/ \[1\]$/, ''), covid.text);

    const ru = reply('Сколько стоит перенос из самописной системы?', 'ru', implementation);
    expect(ru).not.toMatch(/^(Но|А|И|Также)\s/u);
    expect(ru).toMatch(/Но перенос из самописных систем оценивается отдельно/);
    expect(ru).not.toMatch(/Вот что есть|\.\.\./);
    wholeSentencesOf(ru.replace(/ \[1\]$/, ''), implementation.text);
  });

  it('picks whole sentences within the budget from a long passage', () => {
    for (const [q, h] of [
      ['Where did the virus come from?', covid],
      ['Сколько длится внедрение для большой команды?', implementation],
      ['Есть ли обучение сотрудников?', implementation],
    ] as const) {
      const text = reply(q, /[а-я]/i.test(q) ? 'ru' : 'en', h).replace(/ \[1\]$/, '');
      expect(text.length, q).toBeLessThanOrEqual(560);
      expect(text.length, q).toBeLessThan(h.text.length);
      expect(text, q).toMatch(/[.!?]$/);
      expect(text, q).toMatch(/^\p{Lu}/u);
      wholeSentencesOf(text, h.text);
    }
    // "т. е." and "e.g." do not end a sentence.
    expect(reply('Кто переносит данные из amoCRM?', 'ru', implementation)).toContain(
      'Перенос данных из amoCRM и Bitrix24 мы делаем сами, т. е. без участия ваших сотрудников.',
    );
  });

  it('quotes a short passage whole, and a FAQ answer without its question', () => {
    const prices = hit(
      'prices',
      'Тариф «Команда» стоит 990 рублей в месяц. Тариф «Бизнес» стоит 1990 рублей и включает API.',
    );
    expect(reply('Сколько стоит Бизнес?', 'ru', prices)).toBe(`${prices.text} [1]`);
    const faq = hit(
      'faq',
      'Можно ли оплатить по счёту?\nДа, выставляем счёт юрлицам и ИП. Оплата в течение 5 дней.',
    );
    expect(reply('Можно оплатить по счету?', 'ru', faq)).toBe(
      'Да, выставляем счёт юрлицам и ИП. Оплата в течение 5 дней. [1]',
    );
  });

  it('a chunk that starts mid-sentence or with a connective reads as a whole thought', () => {
    const cut = hit(
      'cut',
      'and costs 500 RUB. Delivery across Russia takes 3-5 business days. Returns are free.',
    );
    expect(reply('How long does delivery take?', 'en', cut)).toBe(
      'Delivery across Russia takes 3-5 business days. Returns are free. [1]',
    );
    const also = hit('also', 'Также доступна оплата по счёту для юрлиц.');
    expect(reply('Можно по счёту?', 'ru', also)).toBe('Доступна оплата по счёту для юрлиц. [1]');
  });

  it("answers in the customer's language, or says what it found in the other one and quotes it", () => {
    const en = hit(
      'prices-en',
      'You can pay by card or by bank invoice. Invoices are issued within one business day.',
    );
    expect(reply('Можно ли оплатить по счёту?', 'ru', en)).toBe(
      `В нашей базе знаний об этом сказано (на английском): «${en.text}» [1]`,
    );
    const ru = hit('integrations', 'CRM интегрируется с 1С и amoCRM. Обмен с 1С идёт каждые 15 минут.');
    expect(reply('Do you integrate with 1C?', 'en', ru)).toBe(
      `Our knowledge base says this (in Russian): “${ru.text}” [1]`,
    );
  });

  it("takes a bilingual chunk's sentences in the customer's language, and its hits in that language", () => {
    const both = hit(
      'delivery',
      'Доставка по России занимает 3–5 рабочих дней и стоит 500 рублей. Delivery across Russia takes 3-5 business days and costs 500 RUB.',
    );
    expect(reply('Сколько стоит доставка?', 'ru', both)).toBe(
      'Доставка по России занимает 3–5 рабочих дней и стоит 500 рублей. [1]',
    );
    expect(reply('How much is delivery?', 'en', both)).toBe(
      'Delivery across Russia takes 3-5 business days and costs 500 RUB. [1]',
    );
    const ruHit = hit('ru', 'Пробный период — 14 дней.');
    const enHit = hit('en', 'The free trial lasts 14 days.');
    expect(
      knowledgeReply({
        answering: [enHit, ruHit],
        hits: [enHit, ruHit],
        question: 'Есть пробный период?',
        language: 'ru',
      }),
    ).toBe('Пробный период — 14 дней. [2]');
  });
});

describe('bestPassage', () => {
  it('never cuts a sentence with "..."; an endless one is cut at a clause', () => {
    const long = `Our platform supports ${Array.from({ length: 120 }, (_, i) => `feature ${i}`).join(', ')}.`;
    const out = bestPassage(long, 'features', 'en').text;
    expect(out).not.toContain('...');
    expect(out.length).toBeLessThanOrEqual(900);
    expect(out).toMatch(/feature \d+…$/);
  });
});

describe('preferLanguage', () => {
  it("puts close hits in the customer's language first, the rest in order", () => {
    const hits = [
      hit('en', 'The trial lasts 14 days.', 3),
      hit('ru', 'Пробный период 14 дней.', 2.5),
      hit('x', 'Other.', 0.5),
    ];
    expect(preferLanguage(hits, 'ru').map((h) => h.chunkId)).toEqual(['ru', 'en', 'x']);
    expect(preferLanguage(hits, 'en').map((h) => h.chunkId)).toEqual(['en', 'ru', 'x']);
  });
});

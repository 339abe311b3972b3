// Objection recognition over a library (RU and EN, several phrasings each; look-alikes that are not
// objections), the library's answer per language and stage, and the whole offline engine answering
// "Дорого" / "It's too expensive" from the library and recording the objection on the deal.
import { describe, expect, it } from 'vitest';
import type { ObjectionDoc } from '../../schemas/index';
import { validateDoc } from '../../validation';
import { createLlmClient } from '../../llm/llm-client';
import { createOfflineProvider } from '../../llm/offline/offline-provider';
import { createAgentEngine, salesClassifier } from '../engine';
import { createKeywordRetriever } from '../keyword-retriever';
import { createMemoryStore } from '../../testing/memory-store';
import { fixedClock } from '../ports';
import { inbound, sampleKnowledge } from '../test-support';
import { libraryAnswer } from './library-answer';
import { recogniseObjection } from './recognise';

const at = '2026-03-02T10:00:00.000Z';
const doc = (o: Omit<ObjectionDoc, 'id' | 'createdAt' | 'updatedAt'>): ObjectionDoc => ({
  id: `objection-${o.type}`,
  ...o,
  createdAt: at,
  updatedAt: at,
});

const library: ObjectionDoc[] = [
  doc({
    type: 'too-expensive',
    name: { ru: 'Дорого', en: 'Too expensive' },
    triggers: {
      ru: ['Дорого', 'Это слишком дорого', 'Дороговато для нас', 'Слишком высокая цена'],
      en: ["It's too expensive", 'The price is too high', 'Too pricey'],
    },
    answers: [
      { language: 'ru', text: 'Понимаю. Подписка окупается за два месяца.' },
      { language: 'en', text: 'I understand. The subscription pays for itself in two months.' },
      { language: 'ru', stage: 'negotiation', text: 'Понимаю. При оплате за год скидка 15%.' },
    ],
  }),
  doc({
    type: 'need-to-think',
    name: { ru: 'Надо подумать', en: 'Need to think' },
    triggers: {
      ru: ['Мне надо подумать', 'Я подумаю'],
      en: ['I need to think about it', 'Let me think it over'],
    },
    answers: [
      { language: 'ru', text: 'Конечно. Что вызывает сомнения?' },
      { language: 'en', text: 'Of course. What makes you hesitate?' },
    ],
  }),
  doc({
    type: 'competitor',
    name: { ru: 'Уже есть CRM', en: 'We use a competitor' },
    triggers: {
      ru: ['У нас уже есть CRM', 'Мы работаем с amoCRM'],
      en: ['We already use another CRM', 'We use Salesforce'],
    },
    answers: [{ language: 'en', text: 'Great, we do not replace everything at once.' }],
    comparisons: [
      { competitor: 'Salesforce', language: 'en', text: 'Unlike Salesforce, the agents come with the plan.' },
    ],
  }),
  doc({
    type: 'send-info',
    name: { ru: 'Пришлите информацию', en: 'Send me info' },
    triggers: { ru: ['Пришлите информацию', 'Скиньте презентацию'], en: ['Send me some info'] },
    answers: [{ language: 'ru', text: 'С удовольствием пришлю.' }],
    active: false,
  }),
];

const typeOf = (text: string) => recogniseObjection(text, library)?.objection.type;

describe('objection recognition (rules over the library)', () => {
  it.each([
    ['Дорого', 'too-expensive'],
    ['Дорого.', 'too-expensive'],
    ['Ну это слишком дорого для нас', 'too-expensive'],
    ['Дороговато', 'too-expensive'],
    ['Почему так дорого?', 'too-expensive'],
    ['Цена слишком высокая', 'too-expensive'],
    ['Мне надо подумать', 'need-to-think'],
    ['Спасибо, я подумаю', 'need-to-think'],
    ['Мы работаем с amoCRM', 'competitor'],
  ])('Russian: %s -> %s', (text, type) => {
    expect(typeOf(text)).toBe(type);
  });

  it.each([
    ["It's too expensive", 'too-expensive'],
    ['That is too expensive for us.', 'too-expensive'],
    ['Hmm, too pricey', 'too-expensive'],
    ['The price is too high, sorry', 'too-expensive'],
    ['I need to think about it', 'need-to-think'],
    ['Let me think it over, please', 'need-to-think'],
    ['We use Salesforce already', 'competitor'],
  ])('English: %s -> %s', (text, type) => {
    expect(typeOf(text)).toBe(type);
  });

  it.each([
    'Дорогой Иван, пришлите, пожалуйста, счёт на оплату',
    'Дорогая Анна, добрый день!',
    'Сколько стоит тариф Бизнес?',
    'Как подключить Telegram к CRM и сколько это займёт времени?',
    'Is it expensive to add ten more users to the Business plan next month?',
    'Hello, what does the Team plan include?',
    'Our dear customers love the app',
    // An inactive objection is never recognised.
    'Пришлите информацию',
  ])('not an objection: %s', (text) => {
    expect(typeOf(text)).toBeUndefined();
  });

  it('names the trigger it matched', () => {
    expect(recogniseObjection('Это слишком дорого', library)).toMatchObject({
      trigger: expect.stringMatching(/дорого/i),
      source: 'rules',
      confidence: expect.any(Number),
    });
  });
});

describe("the library's answer", () => {
  const expensive = library[0]!;
  it('is the approved answer in the language, for the deal stage when there is one, citing the script', () => {
    expect(libraryAnswer(expensive, { language: 'ru', stage: 'new', text: 'Дорого' })?.text).toBe(
      'Понимаю. Подписка окупается за два месяца.\n\nИсточник: библиотека возражений, «Дорого»',
    );
    expect(libraryAnswer(expensive, { language: 'ru', stage: 'negotiation', text: 'Дорого' })?.text).toMatch(
      /^Понимаю. При оплате за год скидка 15%./,
    );
    expect(
      libraryAnswer(expensive, { language: 'en', stage: 'negotiation', text: 'Too pricey' })?.text,
    ).toMatch(/^I understand. The subscription pays .*\n\nSource: objection library, “Too expensive”$/);
  });

  it('tells one success story in the language, the same for the same message, several across customers', () => {
    const storied = {
      ...library[0]!,
      successStories: [
        {
          language: 'ru' as const,
          text: 'Студия «Кедр» сомневалась из-за цены и окупила подписку за месяц.',
        },
        { language: 'ru' as const, text: 'Сеть «Линия» перешла на годовой тариф и сэкономила 15%.' },
        { language: 'en' as const, text: 'Cedar Studio doubted the price and paid it back in a month.' },
      ],
    };
    const ru = (text: string) => libraryAnswer(storied, { language: 'ru', text })!.text;
    expect(ru('Дорого')).toMatch(/^Понимаю. Подписка окупается за два месяца. (Студия «Кедр»|Сеть «Линия»)/);
    expect(ru('Дорого')).toBe(ru('Дорого'));
    const told = new Set(['Дорого', 'Это слишком дорого', 'Дороговато', 'Слишком высокая цена'].map(ru));
    expect(told.size).toBe(2);
    expect(libraryAnswer(storied, { language: 'en', text: 'Too pricey' })!.text).toContain('Cedar Studio');
    expect(libraryAnswer(storied, { language: 'en', text: 'Too pricey' })!.text).not.toContain('Кедр');
  });

  it('adds the comparison with a competitor the customer named; no answer in the language: none', () => {
    const competitor = library[2]!;
    expect(libraryAnswer(competitor, { language: 'en', text: 'We use Salesforce' })?.text).toContain(
      'Unlike Salesforce, the agents come with the plan.',
    );
    expect(
      libraryAnswer(competitor, { language: 'en', text: 'We already use another CRM' })?.text,
    ).not.toContain('Unlike');
    expect(libraryAnswer(competitor, { language: 'ru', text: 'Мы работаем с amoCRM' })).toBeUndefined();
  });
});

describe('the engine answers objections from the library (offline)', () => {
  async function setup(withLibrary = true) {
    const store = createMemoryStore('team-1');
    if (withLibrary) for (const o of library) await store.put('objections', o);
    const llm = createLlmClient({
      providers: [],
      offline: createOfflineProvider({ classifier: salesClassifier() }),
    });
    const engine = createAgentEngine({
      store,
      llm,
      retriever: createKeywordRetriever(sampleKnowledge),
      clock: fixedClock(at),
    });
    return { store, engine };
  }

  it.each([
    ['Дорого', 'ru', 'Понимаю. Подписка окупается за два месяца.', '«Дорого»'],
    [
      "It's too expensive",
      'en',
      'I understand. The subscription pays for itself in two months.',
      '“Too expensive”',
    ],
  ])(
    '%s: the approved answer, the objection on the deal and in the activity log',
    async (text, _lang, answer, title) => {
      const { store, engine } = await setup();
      const r = await engine.handleInbound(inbound(text));
      expect(r.handoff).toBeUndefined();
      const reply = r.replies[0]!;
      expect(reply.text.startsWith(answer)).toBe(true);
      expect(reply.text).toContain(title);
      expect(reply.citations).toEqual([
        {
          chunkId: 'objection-too-expensive',
          sourceId: 'objection-too-expensive',
          title: expect.any(String),
        },
      ]);
      const lead = (await store.get('leads', r.lead!.id))!;
      expect(lead.objections).toEqual([
        {
          type: 'too-expensive',
          at,
          messageId: inbound(text).id,
          objectionId: 'objection-too-expensive',
          language: _lang,
        },
      ]);
      expect(validateDoc('leads', lead).ok).toBe(true);
      const step = r.activity.find((a) => a.name === 'objection');
      expect(step).toMatchObject({ status: 'ok', role: 'answer' });
      for (const a of r.activity) expect(validateDoc('activity', a).ok).toBe(true);
      // Run again (a redelivery): nothing new.
      await engine.handleInbound(inbound(text));
      expect((await store.get('leads', r.lead!.id))!.objections).toHaveLength(1);
    },
  );

  it('without a library, or for a message that is no objection, the run goes on as before', async () => {
    const { engine } = await setup(false);
    const r = await engine.handleInbound(inbound('Дорого'));
    expect(r.activity.some((a) => a.name === 'objection')).toBe(false);
    expect(r.replies[0]?.text ?? '').not.toContain('библиотека возражений');
    const withLib = await setup();
    const price = await withLib.engine.handleInbound(inbound('Сколько стоит тариф Бизнес?', { chat: '200' }));
    expect(price.replies[0]!.text).toContain('1990');
    expect(price.lead!.objections ?? []).toEqual([]);
  });
});

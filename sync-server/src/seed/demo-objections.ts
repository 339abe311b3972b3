// The demo team's objection library (issue 38): the common objections of a software sale, each with
// customer phrasings in Russian and English, approved answers in both languages (one per stage where
// it matters), a success story and competitor comparisons. The agents answer objections from it.
import type { ObjectionDoc } from '@app/shared/schemas';

type Entry = Omit<ObjectionDoc, 'id' | 'createdAt' | 'updatedAt'>;

const library: Entry[] = [
  {
    type: 'too-expensive',
    name: { ru: 'Дорого', en: 'Too expensive' },
    triggers: {
      ru: [
        'Дорого',
        'Это слишком дорого',
        'Дороговато для нас',
        'У вас дорого',
        'Слишком высокая цена',
        'Цена кусается',
      ],
      en: [
        "It's too expensive",
        'Too expensive for us',
        'That is a lot of money',
        'The price is too high',
        'Too pricey',
      ],
    },
    answers: [
      {
        language: 'ru',
        text: 'Понимаю, цена важна. Обычно команда окупает подписку за 2–3 месяца: агенты отвечают клиентам круглосуточно, и менеджеры тратят время только на горячие сделки. Давайте посчитаем окупаемость для вашей команды — сколько у вас менеджеров?',
      },
      {
        language: 'en',
        text: 'I understand, price matters. Teams usually pay the subscription back in 2–3 months: the agents answer customers around the clock and reps spend their time on hot deals only. Shall we work out the payback for your team — how many reps do you have?',
      },
      {
        language: 'ru',
        stage: 'negotiation',
        text: 'Понимаю. Для годовой оплаты у нас есть скидка, и можно начать с меньшего числа мест. Подготовить расчёт на год?',
      },
      {
        language: 'en',
        stage: 'negotiation',
        text: 'I understand. Paying yearly comes with a discount, and you can start with fewer seats. Shall I prepare a yearly quote?',
      },
    ],
    successStories: [
      { language: 'ru', text: 'Агентство «Ромашка» (12 менеджеров) окупило подписку за два месяца.' },
      { language: 'en', text: 'Northwind (12 reps) paid the subscription back in two months.' },
    ],
    comparisons: [],
    active: true,
  },
  {
    type: 'need-to-think',
    name: { ru: 'Надо подумать', en: 'Need to think' },
    triggers: {
      ru: [
        'Мне надо подумать',
        'Я подумаю',
        'Нужно подумать',
        'Дайте время подумать',
        'Посоветуюсь с коллегами',
      ],
      en: [
        'I need to think about it',
        'Let me think about it',
        "I'll think it over",
        'I need to discuss it with my team',
      ],
    },
    answers: [
      {
        language: 'ru',
        text: 'Конечно, решение важное. Чтобы было проще, подскажите: что вызывает сомнения — цена, сроки внедрения или функции? Могу прислать короткое сравнение или открыть пробный доступ на 14 дней.',
      },
      {
        language: 'en',
        text: 'Of course, it is an important decision. To make it easier: what makes you hesitate — the price, the rollout time or the features? I can send a short comparison or open a 14-day trial.',
      },
    ],
    successStories: [],
    comparisons: [],
    active: true,
  },
  {
    type: 'competitor',
    name: { ru: 'Уже пользуемся конкурентом', en: 'We use a competitor' },
    triggers: {
      ru: [
        'Мы уже пользуемся другой CRM',
        'У нас уже есть CRM',
        'Мы работаем с amoCRM',
        'Мы используем Битрикс24',
      ],
      en: [
        'We already use another CRM',
        'We already have a CRM',
        'We use Salesforce',
        'We are happy with HubSpot',
      ],
    },
    answers: [
      {
        language: 'ru',
        text: 'Отлично, что процесс продаж уже выстроен. Мы не заменяем всё сразу: ИИ-агенты берут на себя первые ответы и квалификацию, а данные переносятся импортом CSV за один день.',
      },
      {
        language: 'en',
        text: 'Great that your sales process is in place already. We do not replace everything at once: the AI agents take over first replies and qualification, and your data moves over by CSV import in a day.',
      },
    ],
    successStories: [],
    comparisons: [
      {
        competitor: 'amoCRM',
        language: 'ru',
        text: 'В отличие от amoCRM, ИИ-агенты и база знаний уже входят в тариф и работают офлайн.',
      },
      {
        competitor: 'Битрикс24',
        language: 'ru',
        text: 'В отличие от Битрикс24, приложение работает без интернета и синхронизируется само.',
      },
      {
        competitor: 'Salesforce',
        language: 'en',
        text: 'Unlike Salesforce, the AI agents and the knowledge base come with the plan and work offline.',
      },
      {
        competitor: 'HubSpot',
        language: 'en',
        text: 'Unlike HubSpot, every seat includes the AI agents, with no add-on to buy.',
      },
    ],
    active: true,
  },
  {
    type: 'no-budget',
    name: { ru: 'Нет бюджета', en: 'No budget now' },
    triggers: {
      ru: ['Сейчас нет бюджета', 'Бюджета нет', 'Бюджет уже распределён', 'Денег сейчас нет'],
      en: ['We have no budget right now', 'No budget at the moment', 'Our budget is spent this year'],
    },
    answers: [
      {
        language: 'ru',
        text: 'Понимаю. Можно начать с бесплатного пробного периода, а оплату запланировать на следующий квартал. Когда у вас планируется новый бюджет?',
      },
      {
        language: 'en',
        text: 'I understand. You can start with the free trial and plan the payment for next quarter. When is your next budget planned?',
      },
    ],
    successStories: [],
    comparisons: [],
    active: true,
  },
  {
    type: 'not-now',
    name: { ru: 'Не сейчас', en: 'Not the right time' },
    triggers: {
      ru: ['Сейчас не время', 'Давайте позже', 'Вернёмся к этому через пару месяцев', 'Не сейчас'],
      en: ['Not the right time', 'Maybe later', "Let's come back to this in a few months", 'Not now'],
    },
    answers: [
      {
        language: 'ru',
        text: 'Хорошо, не буду торопить. Когда вам удобно вернуться к разговору? Я поставлю напоминание и напишу в этот день.',
      },
      {
        language: 'en',
        text: 'All right, no rush. When would suit you to pick this up again? I will set a reminder and write to you that day.',
      },
    ],
    successStories: [],
    comparisons: [],
    active: true,
  },
  {
    type: 'send-info',
    name: { ru: 'Пришлите информацию', en: 'Send me info' },
    triggers: {
      ru: [
        'Пришлите информацию',
        'Скиньте презентацию',
        'Отправьте материалы на почту',
        'Пришлите коммерческое предложение',
      ],
      en: [
        'Send me some info',
        'Just send me the information',
        'Email me a presentation',
        'Send me the materials',
      ],
    },
    answers: [
      {
        language: 'ru',
        text: 'С удовольствием пришлю. Чтобы материалы были по делу, подскажите: сколько у вас менеджеров и из каких каналов приходят клиенты? И на какой адрес отправить?',
      },
      {
        language: 'en',
        text: 'Happy to send it. So the materials fit, could you tell me how many reps you have and which channels your customers come from? And which address should I send it to?',
      },
    ],
    successStories: [],
    comparisons: [],
    active: true,
  },
];

/** The demo library, one doc per objection type. */
export function demoObjectionDocs(at: string): ObjectionDoc[] {
  return library.map((entry) => ({ id: `objection-${entry.type}`, ...entry, createdAt: at, updatedAt: at }));
}

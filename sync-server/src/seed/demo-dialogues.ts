// The demo team's conversations: what customers asked (price, integrations, timing, a complaint, a
// request for a human, contact details in the text) and what the assistant or a rep answered, in
// Russian and English. The customers' lines are what the agents' pipeline reads to build the twins
// (demo-twins.ts); nothing here is a fact written by hand.

export type Line = {
  dir: 'in' | 'out';
  text: string;
  /** Who wrote an outbound line: the AI assistant (default) or the deal's rep. */
  by?: 'agent' | 'rep';
};

/** What a dialogue may say about its customer (filled in from the generated person and deal). */
export type Persona = {
  first: string;
  full: string;
  company: string;
  email: string;
  /** As the customer would type it (spaces, dashes), not E.164. */
  phoneTyped: string;
  team: number;
  /** Budget as the customer would write it ("300 тысяч рублей", "$12,000"). */
  budget: string;
  rep: string;
  /** A weekday name in the customer's language, for "let's meet on …". */
  weekday: string;
};

export type Scenario = {
  id: string;
  /** The conversation is with a rep now (the customer asked for one, or complained). */
  human?: boolean;
  lines: (p: Persona) => Line[];
};

const ru: Scenario[] = [
  {
    id: 'price',
    lines: (p) => [
      { dir: 'in', text: `Здравствуйте! Сколько стоит ваша CRM для команды из ${p.team} человек?` },
      {
        dir: 'out',
        text: 'Здравствуйте! Тариф «Команда» — 990 рублей за пользователя в месяц при оплате за год, «Бизнес» с API и интеграциями — 1990 рублей. Есть 14 дней бесплатного пробного периода.',
      },
      {
        dir: 'in',
        text: `Меня зовут ${p.full}, компания «${p.company}». Бюджет у нас примерно ${p.budget}.`,
      },
      {
        dir: 'out',
        text: `Спасибо, ${p.first}! Для ${p.team} человек подойдёт «Команда». Подготовить расчёт?`,
      },
      { dir: 'in', text: `Да, пришлите, пожалуйста, на ${p.email}` },
    ],
  },
  {
    id: 'integration',
    lines: (p) => [
      { dir: 'in', text: 'Добрый день. Интеграция с 1С и с нашим сайтом на Битриксе есть?' },
      {
        dir: 'out',
        text: 'Добрый день! Да: обмен с 1С через API тарифа «Бизнес», заявки с сайта приходят через веб-чат или вебхук.',
      },
      {
        dir: 'in',
        text: `Я ${p.first} из компании ${p.company}, отвечаю за ИТ. Нас ${p.team} сотрудников в продажах.`,
      },
      { dir: 'out', text: 'Отлично. Могу показать настройку обмена с 1С на коротком созвоне.' },
      { dir: 'in', text: `Давайте в ${p.weekday} в 11:00. Мой телефон ${p.phoneTyped}` },
      { dir: 'out', text: `Записал: ${p.weekday}, 11:00. Пришлю приглашение в календарь.` },
    ],
  },
  {
    id: 'timing',
    lines: (p) => [
      { dir: 'in', text: 'Сколько занимает внедрение? Нам нужно запуститься срочно, до конца месяца.' },
      {
        dir: 'out',
        text: 'Облачная версия готова сразу, перенос данных из Excel или другой CRM — от 3 до 5 рабочих дней.',
      },
      { dir: 'in', text: `Понял. В отделе продаж ${p.team} человек, бюджет до ${p.budget}.` },
      { dir: 'out', text: 'Укладываемся. Подскажите, как к вам обращаться и куда прислать план внедрения?' },
      { dir: 'in', text: `${p.full}, ${p.email}, телефон ${p.phoneTyped}` },
    ],
  },
  {
    id: 'complaint',
    human: true,
    lines: (p) => [
      {
        dir: 'in',
        text: `Добрый день, это ${p.full}, компания «${p.company}». Третий день не приходят уведомления о новых заявках, продавцы пропускают клиентов!`,
      },
      {
        dir: 'out',
        text: 'Приносим извинения. Проверьте, пожалуйста, включены ли уведомления в настройках приложения.',
      },
      { dir: 'in', text: 'Всё включено. Прошу передать мою жалобу руководителю.' },
      { dir: 'out', text: 'Передаю ваш вопрос менеджеру, он ответит в ближайшее время.' },
      {
        dir: 'out',
        by: 'rep',
        text: `${p.first}, здравствуйте, это ${p.rep}. Нашли причину — сбой в доставке уведомлений, уже исправили. Проверите сегодня?`,
      },
      { dir: 'in', text: 'Да, уведомления снова приходят. Спасибо за быструю реакцию.' },
    ],
  },
  {
    id: 'human',
    human: true,
    lines: (p) => [
      { dir: 'in', text: 'Здравствуйте, можно поговорить с живым человеком по поводу договора?' },
      { dir: 'out', text: 'Конечно, передаю менеджеру. Он ответит в рабочее время.' },
      {
        dir: 'out',
        by: 'rep',
        text: `Добрый день! Меня зовут ${p.rep}, я ваш менеджер. Что нужно поправить в договоре?`,
      },
      {
        dir: 'in',
        text: `Меня зовут ${p.full}, я генеральный директор ООО «${p.company}». Юрист просит оплату по счёту в два этапа.`,
      },
      {
        dir: 'out',
        by: 'rep',
        text: 'Два этапа возможно: 50% при подписании и 50% через месяц. Пришлю проект.',
      },
    ],
  },
  {
    id: 'demo',
    lines: (p) => [
      { dir: 'in', text: 'Добрый день, нужна CRM с ботом в Telegram. Есть демо?' },
      { dir: 'out', text: 'Добрый день! Да, можем показать демо. Когда вам удобно созвониться?' },
      { dir: 'in', text: `Завтра в 15:00 удобно. Это ${p.first} из ${p.company}.` },
      { dir: 'out', text: 'Отлично, завтра в 15:00. Ссылку на встречу пришлём в этот чат.' },
    ],
  },
  {
    id: 'migration',
    lines: (p) => [
      {
        dir: 'in',
        text: 'Здравствуйте! Сколько стоит тариф для команды и входит ли перенос данных из Excel?',
      },
      {
        dir: 'out',
        text: 'Здравствуйте! Тариф «Команда» — 990 рублей за пользователя в месяц, перенос из Excel входит в стоимость.',
      },
      { dir: 'in', text: `Хорошо. У нас ${p.team} пользователей, думаем начать в следующем месяце.` },
      { dir: 'out', text: 'Подходит. Пришлите файл выгрузки — оценим объём переноса.' },
      { dir: 'in', text: `Пришлю с почты ${p.email}. Я ${p.full}.` },
      { dir: 'out', text: 'Спасибо! Как получим файл, вернёмся с планом.' },
      { dir: 'in', text: 'Отправили выгрузку, там около четырёх тысяч контактов.' },
    ],
  },
];

const en: Scenario[] = [
  {
    id: 'price',
    lines: (p) => [
      { dir: 'in', text: `Hi, what does the CRM cost for a team of ${p.team}?` },
      {
        dir: 'out',
        text: 'Hi! The Team plan is 12 USD per user per month billed yearly; Business, with the API and integrations, is 24 USD. There is a 14-day free trial.',
      },
      {
        dir: 'in',
        text: `I'm ${p.full} from ${p.company}. Our budget is around ${p.budget} for the first year.`,
      },
      { dir: 'out', text: `Thanks, ${p.first}! The Team plan fits. Shall I send a quote?` },
      { dir: 'in', text: `Yes please, to ${p.email}` },
    ],
  },
  {
    id: 'integration',
    lines: (p) => [
      { dir: 'in', text: 'Do you integrate with Shopify and HubSpot? We would move off HubSpot.' },
      {
        dir: 'out',
        text: 'Yes: orders come in through the webhook, and we import HubSpot contacts and deals from CSV.',
      },
      {
        dir: 'in',
        text: `Good. My name is ${p.full}, I run the sales ops at ${p.company}. We are ${p.team} reps.`,
      },
      { dir: 'out', text: 'Happy to walk you through the import on a short call. When suits you?' },
      { dir: 'in', text: `${p.weekday} at 10am works. You can reach me at ${p.phoneTyped}` },
      { dir: 'out', text: `Booked for ${p.weekday} at 10am. A calendar invite is on its way.` },
    ],
  },
  {
    id: 'timing',
    lines: (p) => [
      { dir: 'in', text: 'Hi, how long does onboarding take for a self-hosted install?' },
      {
        dir: 'out',
        text: 'Self-hosted installs take 3 to 5 business days including data migration.',
      },
      {
        dir: 'in',
        text: `We need it live this month. ${p.team} people will use it, budget up to ${p.budget}.`,
      },
      { dir: 'out', text: 'That is doable. Who should get the onboarding plan?' },
      { dir: 'in', text: `This is ${p.full}, ${p.email}, phone ${p.phoneTyped}` },
    ],
  },
  {
    id: 'complaint',
    human: true,
    lines: (p) => [
      {
        dir: 'in',
        text: `Hi, this is ${p.full} from ${p.company}. We were charged twice for our last invoice. This is not acceptable.`,
      },
      {
        dir: 'out',
        text: 'I am sorry about that. Billing questions go to our team; I am passing this on now.',
      },
      { dir: 'in', text: 'Please put me through to a manager.' },
      {
        dir: 'out',
        by: 'rep',
        text: `Hi ${p.first}, ${p.rep} here. I see the double charge; the refund is on its way, 3 to 5 business days.`,
      },
      { dir: 'in', text: 'Thank you for sorting it out quickly.' },
    ],
  },
  {
    id: 'human',
    human: true,
    lines: (p) => [
      { dir: 'in', text: 'Great, can I talk to a human about Enterprise pricing?' },
      { dir: 'out', text: 'Of course, a manager will get back to you during working hours.' },
      {
        dir: 'out',
        by: 'rep',
        text: `Hello! I'm ${p.rep}, I look after Enterprise accounts. How many seats are you planning?`,
      },
      {
        dir: 'in',
        text: `I'm ${p.full}, CEO at ${p.company}. About ${p.team} seats; we need SSO and an SLA.`,
      },
      { dir: 'out', by: 'rep', text: 'Both are in Enterprise. I will send a proposal with SLA terms today.' },
    ],
  },
  {
    id: 'demo',
    lines: (p) => [
      { dir: 'in', text: 'Hello, do you have a demo of the Telegram bot and the inbox?' },
      { dir: 'out', text: 'Hi! Yes, we can show both in 30 minutes. When is good for you?' },
      { dir: 'in', text: `Tomorrow at 2pm. I'm ${p.first} from ${p.company}.` },
      { dir: 'out', text: 'Great, tomorrow at 2pm. We will send the meeting link here.' },
    ],
  },
  {
    id: 'migration',
    lines: (p) => [
      { dir: 'in', text: 'Can you migrate our data out of Pipedrive? Around 6,000 contacts and open deals.' },
      {
        dir: 'out',
        text: 'Yes, migration is included in the onboarding; we map stages and owners with you first.',
      },
      { dir: 'in', text: `Sounds good. We are ${p.team} people, no rush, next month is fine.` },
      { dir: 'out', text: 'Noted. Where should I send the mapping template?' },
      { dir: 'in', text: `To ${p.email}. This is ${p.full}.` },
      { dir: 'out', text: 'Sent. Fill it in when you can and we will schedule the migration.' },
      { dir: 'in', text: 'Done, the file is attached to my email.' },
      { dir: 'out', text: 'Thank you! We start the dry run this week.' },
    ],
  },
];

export const scenarios: Record<'ru' | 'en', Scenario[]> = { ru, en };

// The events-agency pack: the events pipeline (inquiry to event held), the event's custom deal fields,
// rate cards in roubles, pounds, dollars and euros, the Maestro profile (it reads a request, has Planning and Finance
// make the plan and the estimate, and answers once), the events intents and knowledge templates.
import { coreToolNames } from '../../agents/profiles';
import type { DomainPack } from '../types';
import { intentSplit } from './eval/intent-set';
import { eventExamples, eventIntents } from './intents';
import { eventsPipelineName, eventsStageNames as stage, maestroName } from './names';

export const EVENTS_PACK_ID = 'events-agency';
export const EVENTS_PIPELINE_ID = 'events';

export const eventsAgencyPack: DomainPack = {
  id: EVENTS_PACK_ID,
  name: { en: 'Events agency', ru: 'Ивент-агентство' },
  description: {
    en: 'Corporate parties, weddings and conferences: an events pipeline with the event fields, a rate card, and Maestro, who plans the event and estimates its budget from the first message.',
    ru: 'Корпоративы, свадьбы и конференции: воронка мероприятий с полями события, прайс-лист и Маэстро, который по первому сообщению составляет план и смету.',
  },
  pipelines: [
    {
      id: EVENTS_PIPELINE_ID,
      name: eventsPipelineName,
      description: {
        en: 'Event requests, from inquiry to the event held',
        ru: 'Заявки на мероприятия: от запроса до проведения',
      },
      stages: [
        { id: 'inquiry', kind: 'open', probability: 10, name: stage.inquiry },
        { id: 'brief', kind: 'open', probability: 25, name: stage.brief },
        { id: 'estimate', kind: 'open', probability: 45, name: stage.estimate },
        { id: 'contract', kind: 'open', probability: 75, name: stage.contract },
        { id: 'preparation', kind: 'open', probability: 90, name: stage.preparation },
        { id: 'held', kind: 'won', probability: 100, name: stage.held },
        { id: 'lost', kind: 'lost', probability: 0, name: stage.lost },
      ],
      currencies: ['RUB', 'GBP', 'USD', 'EUR'],
      fields: [
        { id: 'eventType', type: 'text', labels: { en: 'Event type', ru: 'Тип мероприятия' } },
        { id: 'eventDate', type: 'date', labels: { en: 'Event date', ru: 'Дата мероприятия' } },
        { id: 'city', type: 'text', labels: { en: 'City', ru: 'Город' } },
        { id: 'guests', type: 'number', labels: { en: 'Guests', ru: 'Гостей' } },
        { id: 'budget', type: 'money', labels: { en: 'Customer budget', ru: 'Бюджет клиента' } },
        { id: 'format', type: 'text', labels: { en: 'Format', ru: 'Формат' } },
        { id: 'wishes', type: 'text', labels: { en: 'Wishes', ru: 'Пожелания' } },
        { id: 'estimate', type: 'money', labels: { en: 'Our estimate', ru: 'Наша смета' } },
        // What social monitoring looks for in the team's VK community and VK's news search, comma
        // separated (sync-server/src/social/vk-monitor.ts).
        {
          id: 'socialKeywords',
          type: 'text',
          labels: { en: 'Watch on social media (comma separated)', ru: 'Следить в соцсетях (через запятую)' },
        },
      ],
      rateCards: [
        {
          currency: 'RUB',
          venuePerGuest: 3500,
          cateringPerGuest: 5500,
          av: 150_000,
          staff: 100_000,
          decor: 120_000,
          marginPercent: 15,
          economyVenuePerGuest: 2000,
          economyCateringPerGuest: 3500,
        },
        {
          currency: 'GBP',
          venuePerGuest: 90,
          cateringPerGuest: 120,
          av: 4000,
          staff: 3000,
          decor: 3500,
          marginPercent: 15,
          economyVenuePerGuest: 55,
          economyCateringPerGuest: 75,
        },
        // USD and EUR: a budget in either is estimated in it (an estimate never switches currency).
        {
          currency: 'USD',
          venuePerGuest: 110,
          cateringPerGuest: 150,
          av: 5000,
          staff: 3800,
          decor: 4400,
          marginPercent: 15,
          economyVenuePerGuest: 70,
          economyCateringPerGuest: 95,
        },
        {
          currency: 'EUR',
          venuePerGuest: 100,
          cateringPerGuest: 140,
          av: 4600,
          staff: 3500,
          decor: 4000,
          marginPercent: 15,
          economyVenuePerGuest: 65,
          economyCateringPerGuest: 90,
        },
      ],
      vendors: [
        {
          id: 'loft-arbat',
          kind: 'venue',
          name: 'Loft Arbat',
          city: 'Москва',
          capacity: 150,
          pricePerGuest: 3200,
          currency: 'RUB',
          email: 'events@loft-arbat.example',
        },
        {
          id: 'hall-neva',
          kind: 'venue',
          name: 'Зал «Нева»',
          city: 'Москва',
          capacity: 400,
          pricePerGuest: 3800,
          currency: 'RUB',
          email: 'book@hall-neva.example',
        },
        {
          id: 'vkusno-catering',
          kind: 'catering',
          name: 'Вкусно Кейтеринг',
          city: 'Москва',
          pricePerGuest: 5200,
          currency: 'RUB',
          email: 'order@vkusno.example',
        },
        {
          id: 'zvuk-pro',
          kind: 'av',
          name: 'Звук Про',
          city: 'Москва',
          price: 140_000,
          currency: 'RUB',
          email: 'rent@zvukpro.example',
        },
        {
          id: 'host-ivanov',
          kind: 'host',
          name: 'Ведущий Иван Петров',
          city: 'Москва',
          price: 80_000,
          currency: 'RUB',
          email: 'ivan@host.example',
        },
        {
          id: 'shoreditch-hall',
          kind: 'venue',
          name: 'Shoreditch Hall',
          city: 'London',
          capacity: 200,
          pricePerGuest: 85,
          currency: 'GBP',
          email: 'events@shoreditch-hall.example',
        },
        {
          id: 'thames-kitchen',
          kind: 'catering',
          name: 'Thames Kitchen',
          city: 'London',
          pricePerGuest: 110,
          currency: 'GBP',
          email: 'hello@thames-kitchen.example',
        },
        {
          id: 'city-av',
          kind: 'av',
          name: 'City AV',
          city: 'London',
          price: 3800,
          currency: 'GBP',
          email: 'hire@city-av.example',
        },
        {
          id: 'mc-harper',
          kind: 'host',
          name: 'MC Harper',
          city: 'London',
          price: 1500,
          currency: 'GBP',
          email: 'book@mcharper.example',
        },
      ],
    },
  ],
  profiles: [
    {
      id: 'agent-pack-events-maestro',
      name: maestroName,
      persona: {
        en: 'You are Maestro, the lead event manager of the agency: warm, precise, and practical.',
        ru: 'Вы — Маэстро, ведущий менеджер ивент-агентства: доброжелательный, точный и практичный.',
      },
      instructions: {
        en: 'Read the request for the event type, date, city, guests, budget, format and wishes. Ask for what is missing. Planning makes the plan, Finance the estimate from the rate card; answer once with both. Never promise a vendor or a price the estimate does not hold.',
        ru: 'Определите тип мероприятия, дату, город, число гостей, бюджет, формат и пожелания. Уточните недостающее. План составляет Планирование, смету — Финансы по прайс-листу; ответьте одним сообщением с обоими. Не обещайте подрядчиков и цены, которых нет в смете.',
      },
      allowedTools: [...coreToolNames],
      toolEffects: { closeStage: 'propose', value: 'allow', owner: 'propose' },
      // GigaChat writes Maestro's replies where the team has it (the other roles as the team's first).
      preferredModels: { maestro: { kind: 'gigachat', model: 'GigaChat' } },
      roles: [
        {
          id: 'planning',
          name: { en: 'Planning', ru: 'Планирование' },
          prompt: {
            en: 'Make the event plan: milestones and checklist tasks per event type, due dates counted back from the event date, each with a role.',
            ru: 'Составьте план: вехи и задачи по типу мероприятия, сроки от даты события назад, у каждой задачи роль.',
          },
        },
        {
          id: 'finance',
          name: { en: 'Finance', ru: 'Финансы' },
          prompt: {
            en: 'Estimate the budget from the rate card (venue and catering per guest, AV, staff, decor, agency margin) and compare it with the customer budget; offer a cheaper option when it does not fit.',
            ru: 'Посчитайте смету по прайс-листу (площадка и кейтеринг на гостя, техника, персонал, декор, комиссия агентства) и сравните с бюджетом клиента; если не помещается, предложите вариант дешевле.',
          },
        },
      ],
    },
  ],
  intents: eventIntents,
  // The hand-written examples and the evaluation set's tuning split (never its held-out split).
  examples: [...eventExamples, ...intentSplit('tuning').map(({ text, label }) => ({ text, label }))],
  knowledge: [
    {
      id: 'events-faq',
      title: { en: 'Events agency: how we work', ru: 'Ивент-агентство: как мы работаем' },
      text: {
        en: 'We organise corporate parties, weddings, conferences and team building events. A project starts with a brief, then an estimate from our rate card, a contract and a 50% deposit; the rest is paid 5 days before the event. Cancellation more than 30 days before the event is free of charge.',
        ru: 'Мы организуем корпоративы, свадьбы, конференции и тимбилдинги. Проект начинается с брифа, затем смета по прайс-листу, договор и предоплата 50%; остаток оплачивается за 5 дней до мероприятия. Отмена более чем за 30 дней до события бесплатна.',
      },
    },
  ],
};

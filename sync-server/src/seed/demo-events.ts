// The events demo team's data (issue 39): the events pack applied (the events pipeline with its vendor
// directory and rate cards, Maestro as the default profile), clients in Russian and English, an event
// deal in every stage of the pipeline with its fields (type, date, city, guests, budget, the estimate
// from the rate card, the vendors Vendors would ask), Planning's tasks and the event day on the
// calendar for the events ahead, and social mentions of the events (for the Social media agent's
// report; stored through the hook the seed is given, since mentions are kept by the server, not
// synced). Everything is computed by the pack's own Planning, Finance and Vendors, so the demo shows
// what the agents make.
import {
  cardFor,
  checkBudget,
  eventsAgencyPack,
  matchVendors,
  planEvent,
  planPackApply,
  EVENTS_PIPELINE_ID,
} from '@app/shared/packs';
import type {
  AgentSettingsDoc,
  CalendarEventDoc,
  ContactDoc,
  LeadDoc,
  PipelineDoc,
  SocialMention,
  TaskDoc,
} from '@app/shared/schemas';
import { socialMentionId } from '@app/shared/schemas';
import type { DemoRep } from './demo-data';

type Lang = 'ru' | 'en';
type DemoEvent = {
  key: string;
  client: string;
  company: string;
  lang: Lang;
  stage: string;
  type: 'corporate' | 'wedding' | 'conference' | 'birthday' | 'teambuilding' | 'launch';
  typeName: string;
  city: string;
  guests: number;
  /** Days from now to the event (negative: held). */
  inDays: number;
  budget: number;
};

const events: DemoEvent[] = [
  {
    key: 'sokolova',
    client: 'Анна Соколова',
    company: 'ООО «Вектор»',
    lang: 'ru',
    stage: 'inquiry',
    type: 'corporate',
    typeName: 'Корпоратив',
    city: 'Москва',
    guests: 120,
    inDays: 103,
    budget: 2_000_000,
  },
  {
    key: 'petrov',
    client: 'Игорь Петров',
    company: 'АО «Северсталь-Сервис»',
    lang: 'ru',
    stage: 'brief',
    type: 'conference',
    typeName: 'Конференция',
    city: 'Москва',
    guests: 250,
    inDays: 75,
    budget: 4_500_000,
  },
  {
    key: 'hughes',
    client: 'Emma Hughes',
    company: 'Brightline Ltd',
    lang: 'en',
    stage: 'estimate',
    type: 'launch',
    typeName: 'Product launch',
    city: 'London',
    guests: 150,
    inDays: 60,
    budget: 60_000,
  },
  {
    key: 'lebedev',
    client: 'Дмитрий Лебедев',
    company: 'ГК «Альфа-Строй»',
    lang: 'ru',
    stage: 'contract',
    type: 'teambuilding',
    typeName: 'Тимбилдинг',
    city: 'Москва',
    guests: 60,
    inDays: 40,
    budget: 900_000,
  },
  {
    key: 'clarke',
    client: 'Oliver Clarke',
    company: 'Clarke & Finch',
    lang: 'en',
    stage: 'preparation',
    type: 'wedding',
    typeName: 'Wedding',
    city: 'London',
    guests: 90,
    inDays: 21,
    budget: 45_000,
  },
  {
    key: 'morozova',
    client: 'Елена Морозова',
    company: 'Студия «Форма»',
    lang: 'ru',
    stage: 'held',
    type: 'birthday',
    typeName: 'День рождения',
    city: 'Москва',
    guests: 40,
    inDays: -12,
    budget: 600_000,
  },
  {
    key: 'patel',
    client: 'Priya Patel',
    company: 'Northwind Capital',
    lang: 'en',
    stage: 'lost',
    type: 'corporate',
    typeName: 'Corporate party',
    city: 'London',
    guests: 200,
    inDays: 30,
    budget: 25_000,
  },
];

/** What the Social media agent saw about the events, with the lexicon's reading (negative first). */
const mentions: {
  key: string;
  source: SocialMention['source'];
  text: string;
  label: 'negative' | 'neutral' | 'positive';
  score: number;
  lang: Lang;
  daysAgo: number;
}[] = [
  {
    key: 'morozova',
    source: 'vk-comment',
    text: 'Очень долго ждали горячее, и звук был ужасный.',
    label: 'negative',
    score: -3,
    lang: 'ru',
    daysAgo: 11,
  },
  {
    key: 'morozova',
    source: 'vk-wall',
    text: 'Спасибо организаторам, праздник получился отличный!',
    label: 'positive',
    score: 3,
    lang: 'ru',
    daysAgo: 11,
  },
  {
    key: 'morozova',
    source: 'telegram-channel',
    text: 'Фотографии с дня рождения студии уже в альбоме.',
    label: 'neutral',
    score: 0,
    lang: 'ru',
    daysAgo: 10,
  },
  {
    key: 'clarke',
    source: 'telegram-comment',
    text: 'Can not wait for the wedding, the venue looks lovely!',
    label: 'positive',
    score: 2,
    lang: 'en',
    daysAgo: 2,
  },
];

const DAY = 86_400_000;

export type EventsDemo = {
  pipelines: PipelineDoc[];
  agent_settings: AgentSettingsDoc[];
  contacts: ContactDoc[];
  leads: LeadDoc[];
  tasks: TaskDoc[];
  events: CalendarEventDoc[];
  mentions: SocialMention[];
};

/** The events demo's docs for a team (`teamId` names its mentions), owned by `reps`. */
export function eventsDemoDocs(teamId: string, now: Date, reps: readonly DemoRep[]): EventsDemo {
  const at = now.toISOString();
  const plan = planPackApply(eventsAgencyPack, { pipelines: [], profiles: [] }, { language: 'ru', now });
  const pipeline = plan.docs.pipelines.find((p) => p.id === EVENTS_PIPELINE_ID)!;
  const out: EventsDemo = {
    pipelines: plan.docs.pipelines,
    agent_settings: plan.docs.agent_settings,
    contacts: [],
    leads: [],
    tasks: [],
    events: [],
    mentions: [],
  };
  events.forEach((e, i) => {
    const owner = reps[i % reps.length]!;
    const date = new Date(now.getTime() + e.inDays * DAY).toISOString().slice(0, 10);
    const currency = e.lang === 'ru' ? 'RUB' : 'GBP';
    const check = checkBudget(cardFor(pipeline.rateCards ?? [], currency)!, e.guests, {
      amount: e.budget,
      currency,
    });
    const request = { type: e.type, date, city: e.city, guests: e.guests, wishes: [], language: e.lang };
    const vendors = matchVendors(pipeline.vendors ?? [], request, [e.city]);
    const created = new Date(now.getTime() - (20 + i * 3) * DAY).toISOString();
    out.contacts.push({
      id: `contact-ev-${e.key}`,
      name: e.client,
      company: e.company,
      email: `${e.key}@clients.example`,
      language: e.lang,
      identities: [{ channel: 'manual', externalId: `${e.key}@clients.example` }],
      tags: ['demo', 'events'],
      optOut: false,
      agentAccess: 'default',
      twin: { facts: [] },
      createdAt: created,
      updatedAt: created,
    });
    const leadId = `lead-ev-${e.key}`;
    out.leads.push({
      id: leadId,
      contactId: `contact-ev-${e.key}`,
      title: `${e.typeName}, ${e.guests} ${e.lang === 'ru' ? 'гостей' : 'guests'}, ${date}`,
      pipelineId: EVENTS_PIPELINE_ID,
      stage: e.stage,
      ownerId: owner.id,
      value: { amount: e.budget, currency },
      source: { channel: i % 2 ? 'email' : 'webchat' },
      company: e.company,
      ...(e.stage === 'held' || e.stage === 'lost' ? {} : { expectedCloseDate: date }),
      ...(e.stage === 'lost' ? { lostReason: 'Chose another agency' } : {}),
      customFields: {
        eventType: e.typeName,
        eventTypeId: e.type,
        eventDate: date,
        city: e.city,
        guests: String(e.guests),
        budget: `${e.budget} ${currency}`,
        estimate: `${check.estimate.total} ${check.estimate.currency}`,
        ...(vendors.length ? { vendors: vendors.map((v) => v.name).join(', ') } : {}),
      },
      stageChangedAt: new Date(Date.parse(created) + 2 * DAY).toISOString(),
      tags: ['demo', 'events'],
      createdAt: created,
      updatedAt: at,
    });
    if (e.inDays > 0 && e.stage !== 'lost') {
      planEvent(e.type, date, now, e.lang).forEach((t, k) =>
        out.tasks.push({
          id: `task-ev-${e.key}-${k}`,
          title: t.title,
          description: `${e.lang === 'ru' ? 'Роль' : 'Role'}: ${t.role}`,
          status: 'open',
          priority: t.milestone ? 'high' : 'normal',
          dueAt: t.dueAt,
          contactId: `contact-ev-${e.key}`,
          leadId,
          assigneeId: owner.id,
          createdBy: { kind: 'agent', name: 'planning' },
          createdAt: at,
          updatedAt: at,
        }),
      );
      out.events.push({
        id: `event-ev-${e.key}`,
        title: `${e.typeName}, ${e.guests} ${e.lang === 'ru' ? 'гостей' : 'guests'}`,
        startAt: `${date}T10:00:00.000Z`,
        endAt: `${date}T22:00:00.000Z`,
        location: e.city,
        status: 'scheduled',
        contactId: `contact-ev-${e.key}`,
        leadId,
        createdBy: { kind: 'agent', name: 'planning' },
        createdAt: at,
        updatedAt: at,
      });
    }
  });
  mentions.forEach((m, i) => {
    const when = new Date(now.getTime() - m.daysAgo * DAY).toISOString();
    const externalId = `demo_${i + 1}`;
    out.mentions.push({
      id: socialMentionId(teamId, m.source, externalId),
      teamId,
      leadId: `lead-ev-${m.key}`,
      source: m.source,
      externalId,
      text: m.text,
      at: when,
      seenAt: when,
      language: m.lang,
      sentiment: { label: m.label, score: m.score },
    });
  });
  return out;
}

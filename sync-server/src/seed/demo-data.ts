// Sample CRM data of the demo team, generated the same way every time (a seeded PRNG) with dates
// relative to `now`: 40 customers in Russian and English, 60 deals across the default pipeline's
// stages (won and lost ones with their reasons) owned by the team's reps, 25 conversations over
// Telegram, web chat, e-mail and VK, tasks (overdue, due today, done), meetings this week and next,
// and follow-ups due. The twins are not written here: demo-twins.ts runs the agents' pipeline over
// the conversations' customer messages. Every doc passes the shared schema (checked when seeding).
// The conversations belong to no real bot (DEMO_BOT_ID): nothing written into them is ever sent.
import { DEMO_BOT_ID } from '@app/shared/crm';
import {
  DEFAULT_PIPELINE_ID,
  defaultPipeline,
  type AgentSettingsDoc,
  type CalendarEventDoc,
  type ContactDoc,
  type ConversationDoc,
  type LeadDoc,
  type MessageDoc,
  type PipelineDoc,
  type StageChangeDoc,
  type TaskDoc,
  stageChangeOf,
} from '@app/shared/schemas';
import { scenarios, type Line, type Scenario } from './demo-dialogues';

export { DEMO_BOT_ID };

type Lang = 'ru' | 'en';
type Channel = 'telegram' | 'webchat' | 'email' | 'vk';
type Stage = 'new' | 'qualified' | 'proposal' | 'negotiation' | 'won' | 'lost';

/** A rep of the demo team: `id` is the user id the seed created. */
export type DemoRep = { id: string; name: string };

export type Person = {
  key: string;
  first: string;
  last: string;
  company: string;
  email: string;
  phone: string;
  phoneTyped: string;
  language: Lang;
  currency: 'RUB' | 'USD' | 'EUR';
};

/** A conversation as generated: its docs, and the order the pipeline reads its messages in. */
export type DemoConversation = {
  conversation: ConversationDoc;
  messages: MessageDoc[];
  scenario: Scenario['id'];
};

const DAY = 86_400_000;
const HOUR = 3_600_000;
const MIN = 60_000;

/** mulberry32: a small seeded PRNG (the same data on every first start). */
function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  return {
    next,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!,
    shuffle<T>(list: readonly T[]): T[] {
      const out = [...list];
      for (let i = out.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        [out[i], out[j]] = [out[j]!, out[i]!];
      }
      return out;
    },
  };
}

// [Cyrillic, Latin] pairs: names as written, e-mail local parts in Latin.
const ruMale: [string, string][] = [
  ['Алексей', 'aleksey'],
  ['Дмитрий', 'dmitry'],
  ['Сергей', 'sergey'],
  ['Михаил', 'mikhail'],
  ['Павел', 'pavel'],
  ['Андрей', 'andrey'],
  ['Николай', 'nikolay'],
  ['Артём', 'artyom'],
];
const ruFemale: [string, string][] = [
  ['Мария', 'maria'],
  ['Екатерина', 'ekaterina'],
  ['Ольга', 'olga'],
  ['Татьяна', 'tatiana'],
  ['Наталья', 'natalia'],
  ['Юлия', 'yulia'],
  ['Елена', 'elena'],
  ['Ксения', 'ksenia'],
];
const ruLast: [string, string][] = [
  ['Кузнецов', 'kuznetsov'],
  ['Соколов', 'sokolov'],
  ['Попов', 'popov'],
  ['Лебедев', 'lebedev'],
  ['Козлов', 'kozlov'],
  ['Новиков', 'novikov'],
  ['Морозов', 'morozov'],
  ['Волков', 'volkov'],
  ['Фёдоров', 'fedorov'],
  ['Орлов', 'orlov'],
  ['Зайцев', 'zaitsev'],
  ['Белов', 'belov'],
];
const ruCompanies: [string, string][] = [
  ['Вектор', 'vektor'],
  ['ТехноПарк', 'technopark'],
  ['СтройМаркет', 'stroymarket'],
  ['Лайм', 'laim'],
  ['МедиаСфера', 'mediasfera'],
  ['Заря', 'zarya'],
  ['Уралснаб', 'uralsnab'],
  ['Северный ветер', 'sevveter'],
  ['Кедр', 'kedr'],
  ['Полюс', 'polus'],
  ['Гранит', 'granit'],
  ['Мегаполис', 'megapolis'],
  ['Спектр', 'spektr'],
  ['Ладога', 'ladoga'],
  ['Акварель', 'akvarel'],
  ['Бирюза', 'biryuza'],
];
const enFirst = [
  'James',
  'Emily',
  'Michael',
  'Olivia',
  'David',
  'Sophie',
  'Daniel',
  'Hannah',
  'Thomas',
  'Laura',
  'Peter',
  'Grace',
];
const enLast = [
  'Carter',
  'Hughes',
  'Bennett',
  'Foster',
  'Walsh',
  'Turner',
  'Reed',
  'Hayes',
  'Brooks',
  'Murphy',
];
const enCompanies: [string, 'USD' | 'EUR'][] = [
  ['Northwind Foods', 'USD'],
  ['Bluepeak Software', 'USD'],
  ['Greenline Energy', 'EUR'],
  ['Atlas Freight', 'USD'],
  ['Pinewood Dental', 'USD'],
  ['Copperleaf Hotels', 'EUR'],
  ['Kestrel Analytics', 'EUR'],
  ['Summit Outdoor', 'USD'],
  ['Lumen Studio', 'EUR'],
  ['Oakridge Realty', 'USD'],
  ['Vela Fintech', 'EUR'],
  ['Harbor Mills', 'USD'],
];

/** The four customers the demo always had (the walkthroughs and tests open their pages). */
const classics: Person[] = [
  {
    key: 'anna',
    first: 'Анна',
    last: 'Петрова',
    company: 'Ромашка',
    email: 'anna@romashka.example',
    phone: '+79991234567',
    phoneTyped: '+7 999 123-45-67',
    language: 'ru',
    currency: 'RUB',
  },
  {
    key: 'ivan',
    first: 'Иван',
    last: 'Смирнов',
    company: 'СеверТорг',
    email: 'ivan@severtorg.example',
    phone: '+79161112233',
    phoneTyped: '8 916 111-22-33',
    language: 'ru',
    currency: 'RUB',
  },
  {
    key: 'john',
    first: 'John',
    last: 'Miller',
    company: 'Acme Logistics',
    email: 'john@acme.example',
    phone: '+14155550100',
    phoneTyped: '(415) 555-0100',
    language: 'en',
    currency: 'USD',
  },
  {
    key: 'sara',
    first: 'Sara',
    last: 'Lee',
    company: 'Bright Retail',
    email: 'sara@bright.example',
    phone: '+442079460000',
    phoneTyped: '+44 20 7946 0000',
    language: 'en',
    currency: 'EUR',
  },
];

export const DEMO_CONTACTS = 40;
export const DEMO_DEALS = 60;
export const DEMO_CONVERSATIONS = 25;

function people(rnd: ReturnType<typeof prng>): Person[] {
  const out = [...classics];
  const used = new Set(out.map((p) => p.key));
  let ruCo = 0;
  let enCo = 0;
  while (out.length < DEMO_CONTACTS) {
    const i = out.length;
    // Mixed: a little over half of the customers write in Russian.
    if (i % 9 !== 2 && i % 9 !== 5 && i % 9 !== 7 && i % 9 !== 8) {
      const female = rnd.next() < 0.5;
      const [first, firstLat] = rnd.pick(female ? ruFemale : ruMale);
      const [lastM, lastLat] = rnd.pick(ruLast);
      const key = `${firstLat}-${lastLat}`;
      if (used.has(key)) continue;
      used.add(key);
      const [company, domain] = ruCompanies[ruCo++ % ruCompanies.length]!;
      const a = rnd.int(900, 999);
      const b = rnd.int(100, 999);
      const c = rnd.int(10, 99);
      const d = rnd.int(10, 99);
      out.push({
        key,
        first,
        last: female ? `${lastM}а` : lastM,
        company,
        email: `${firstLat}.${lastLat}${female ? 'a' : ''}@${domain}.example`,
        phone: `+7${a}${b}${c}${d}`,
        phoneTyped: rnd.next() < 0.5 ? `+7 ${a} ${b}-${c}-${d}` : `8 (${a}) ${b}-${c}-${d}`,
        language: 'ru',
        currency: 'RUB',
      });
    } else {
      const first = rnd.pick(enFirst);
      const last = rnd.pick(enLast);
      const key = `${first}-${last}`.toLowerCase();
      if (used.has(key)) continue;
      used.add(key);
      const [company, currency] = enCompanies[enCo++ % enCompanies.length]!;
      const n = rnd.int(100, 199);
      out.push({
        key,
        first,
        last,
        company,
        email: `${first}.${last}@${company.split(' ')[0]!.toLowerCase()}.example`.toLowerCase(),
        phone: `+1415555${String(n).padStart(4, '0')}`,
        phoneTyped: `+1 415 555 ${String(n).padStart(4, '0')}`,
        language: 'en',
        currency,
      });
    }
  }
  return out;
}

/** The stage a conversation's scenario has reached. */
const stageOfScenario: Record<string, Stage[]> = {
  price: ['new', 'qualified'],
  integration: ['qualified', 'proposal'],
  timing: ['proposal', 'negotiation'],
  complaint: ['won'],
  human: ['negotiation', 'proposal'],
  demo: ['qualified', 'new'],
  migration: ['proposal', 'lost'],
};
const targetCounts: Record<Stage, number> = {
  new: 12,
  qualified: 11,
  proposal: 10,
  negotiation: 8,
  won: 11,
  lost: 8,
};

const lostReasons: Record<Lang, string[]> = {
  ru: [
    'Выбрали конкурента: дешевле на 20%',
    'Нет бюджета до следующего года',
    'Не нужна интеграция с 1С, остались в Excel',
    'Перестали отвечать после демо',
  ],
  en: [
    'Chose a competitor on price',
    'Budget frozen until next year',
    'Needed an on-premise Outlook plugin we do not have',
    'Went silent after the demo',
  ],
};
const dealTitles: Record<Lang, string[]> = {
  ru: [
    'Внедрение CRM',
    'Лицензии на отдел продаж',
    'Интеграция с 1С',
    'Пилот на два месяца',
    'Продление на год',
    'Бот в Telegram для поддержки',
    'Переход на тариф «Бизнес»',
  ],
  en: [
    'CRM rollout',
    'Seats for the sales team',
    'Shopify integration',
    'Two-month pilot',
    'Annual renewal',
    'Support bot on Telegram',
    'Upgrade to Business',
  ],
};
const nextSteps: Record<Lang, string[]> = {
  ru: [
    'Отправить коммерческое предложение',
    'Согласовать договор с юристом',
    'Провести демо для отдела',
    'Дождаться выгрузки из Excel',
  ],
  en: [
    'Send the proposal',
    'Review the contract with legal',
    'Run a demo for the team',
    'Wait for the data export',
  ],
};
const campaigns = [
  'yandex-direct-autumn',
  'webinar-november',
  'partner-referral',
  'google-ads-crm',
  'newsletter',
];
const weekdays: Record<Lang, string[]> = {
  // Day of week 0..6 (Sunday first), as "on …" in the customer's language.
  ru: ['в воскресенье', 'в понедельник', 'во вторник', 'в среду', 'в четверг', 'в пятницу', 'в субботу'],
  en: ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'],
};

const iso = (ms: number) => new Date(ms).toISOString();

function budgetText(p: Person, amount: number): string {
  if (p.currency === 'RUB') return `${Math.round(amount / 1000)} тысяч рублей`;
  const n = amount.toLocaleString('en-US');
  return p.currency === 'USD' ? `$${n}` : `€${n}`;
}

function amountFor(p: Person, rnd: ReturnType<typeof prng>): number {
  if (p.currency === 'RUB') return rnd.int(12, 240) * 10_000;
  return rnd.int(4, 120) * 500;
}

/** The external chat of a conversation on its channel (none of them reaches anyone: DEMO_BOT_ID). */
function chatIdOf(channel: Channel, p: Person, i: number): string {
  if (channel === 'telegram') return String(100_200_300 + i);
  if (channel === 'vk') return String(700_100_000 + i);
  if (channel === 'email') return p.email;
  return `v_demo${String(i).padStart(18, '0')}`;
}

export type DemoCrm = {
  pipelines: PipelineDoc[];
  contacts: ContactDoc[];
  leads: LeadDoc[];
  conversations: DemoConversation[];
  tasks: TaskDoc[];
  events: CalendarEventDoc[];
  stage_changes: StageChangeDoc[];
  agent_settings: AgentSettingsDoc[];
};

export function demoCrmDocs(now: Date, reps: readonly DemoRep[]): DemoCrm {
  if (reps.length === 0) throw new Error('the demo needs at least one rep');
  const rnd = prng(20261118);
  const nowMs = now.getTime();
  const persons = people(rnd);
  const monthAgo = nowMs - 30 * DAY;
  const ownerOf = (i: number) => reps[i % reps.length]!;

  // Which customers talk to us and in which scenario: the first 25, every scenario in both languages.
  const counters: Record<Lang, number> = { ru: 0, en: 0 };
  const plan = persons.slice(0, DEMO_CONVERSATIONS).map((p, i) => {
    const list = scenarios[p.language];
    const scenario =
      p.key === 'john' ? list.find((s) => s.id === 'human')! : list[counters[p.language]++ % list.length]!;
    const channel: Channel = (['telegram', 'telegram', 'webchat', 'email', 'telegram', 'vk'] as const)[
      i % 6
    ]!;
    return { p, i, scenario, channel };
  });

  // Stages: each conversation's scenario decides its deal's; the others fill the pipeline up.
  const stages: Stage[] = [];
  const left = { ...targetCounts };
  for (const { scenario, i } of plan) {
    const options = stageOfScenario[scenario.id]!;
    const stage =
      options.find((s) => left[s] > 0 && (i % 2 === 0 || s === options[options.length - 1])) ??
      options.find((s) => left[s] > 0) ??
      'new';
    left[stage]--;
    stages.push(stage);
  }
  const rest = rnd.shuffle(
    (Object.entries(left) as [Stage, number][]).flatMap(([s, n]) => Array.from({ length: n }, () => s)),
  );
  stages.push(...rest);

  const contacts: ContactDoc[] = [];
  const leads: LeadDoc[] = [];
  const conversations: DemoConversation[] = [];
  const tasks: TaskDoc[] = [];
  const events: CalendarEventDoc[] = [];

  persons.forEach((p, i) => {
    const talks = i < DEMO_CONVERSATIONS;
    const createdAt = iso(monthAgo + rnd.int(0, 2 * DAY));
    const channelOf = talks ? plan[i]!.channel : undefined;
    // A customer who wrote is known by what the channel says (a first name; an address for e-mail):
    // the rest of the contact comes from the twin the pipeline builds. The others were imported.
    contacts.push({
      id: `contact-${p.key}`,
      name: talks ? (channelOf === 'email' ? '' : p.first) : `${p.first} ${p.last}`,
      ...(talks
        ? {}
        : {
            company: p.company,
            email: p.email,
            phone: p.phone,
            fieldUpdatedAt: { name: createdAt, company: createdAt },
          }),
      language: p.language,
      identities: [
        channelOf
          ? { channel: channelOf, externalId: chatIdOf(channelOf, p, i) }
          : { channel: 'manual', externalId: p.email },
      ],
      tags: ['demo'],
      optOut: false,
      agentAccess: 'default',
      twin: { facts: [] },
      createdAt,
      updatedAt: createdAt,
    });
  });

  for (let d = 0; d < DEMO_DEALS; d++) {
    const ci = d < DEMO_CONTACTS ? d : (d - DEMO_CONTACTS) * 2 + 1;
    const p = persons[ci]!;
    const stage = stages[d]!;
    const owner = ownerOf(d);
    const second = d >= DEMO_CONTACTS;
    const talks = d < DEMO_CONVERSATIONS;
    const created = talks
      ? // Conversations: spread over the month, the open ones mostly recent.
        nowMs -
        (stage === 'won' || stage === 'lost' ? rnd.int(12, 28) : rnd.int(1, 20)) * DAY -
        rnd.int(0, 8) * HOUR
      : nowMs - rnd.int(2, 30) * DAY - rnd.int(0, 20) * HOUR;
    const closed = stage === 'won' || stage === 'lost';
    const stageChanged = closed
      ? Math.min(nowMs - HOUR, created + rnd.int(3, 10) * DAY)
      : stage === 'new'
        ? created
        : created +
          rnd.int(1, Math.max(1, Math.floor((nowMs - created) / DAY) - 1)) * DAY -
          rnd.int(1, 20) * HOUR;
    const amount = amountFor(p, rnd);
    const titles = dealTitles[p.language];
    const title = second
      ? `${titles[4]!} — ${p.company}`
      : `${titles[d % titles.length === 4 ? 0 : d % titles.length]!} — ${p.company}`;
    const source: LeadDoc['source'] = talks
      ? {
          channel: plan[d]!.channel,
          botId: DEMO_BOT_ID,
          ...(d % 4 === 1 ? { campaign: campaigns[d % campaigns.length]! } : {}),
        }
      : {
          channel: rnd.pick(['email', 'webchat', 'phone', 'manual', 'telegram', 'vk'] as const),
          ...(rnd.next() < 0.5 ? { campaign: rnd.pick(campaigns) } : {}),
        };
    const open = !closed;
    const closeDay = iso(nowMs + rnd.int(5, 60) * DAY).slice(0, 10);
    const followUp =
      open && d % 3 !== 2
        ? nowMs + ([-2 * DAY, -3 * HOUR, 2 * HOUR, 6 * HOUR, DAY + 2 * HOUR, 4 * DAY] as const)[d % 6]!
        : undefined;
    leads.push({
      id: second ? `lead-${p.key}-2` : `lead-${p.key}`,
      contactId: `contact-${p.key}`,
      title,
      pipelineId: DEFAULT_PIPELINE_ID,
      stage,
      ownerId: owner.id,
      value: { amount, currency: p.currency },
      source,
      company: p.company,
      ...(talks ? { conversationId: `conv-${p.key}` } : {}),
      ...(open ? { expectedCloseDate: closeDay } : {}),
      ...(open && d % 2 === 0 ? { nextStep: nextSteps[p.language][d % 4]! } : {}),
      ...(stage === 'lost' ? { lostReason: lostReasons[p.language][d % 4]! } : {}),
      ...(followUp ? { nextFollowUpAt: iso(followUp) } : {}),
      ...(d % 7 === 3 && open ? { probability: 60 } : {}),
      stageChangedAt: iso(stageChanged),
      tags: ['demo'],
      createdAt: iso(created),
      updatedAt: iso(Math.max(stageChanged, created)),
    });

    if (talks) conversations.push(conversationOf(plan[d]!, leads[leads.length - 1]!, owner, rnd, nowMs));
  }

  // Tasks: rep work on open deals (overdue, due today, tomorrow, later, done) and what the agents
  // asked a rep to do in conversations that were handed over.
  const taskTitles: Record<Lang, string[]> = {
    ru: [
      'Позвонить и уточнить потребность',
      'Отправить коммерческое предложение',
      'Согласовать скидку с руководителем',
      'Подготовить договор',
      'Напомнить об оплате счёта',
    ],
    en: [
      'Call to qualify the need',
      'Send the proposal',
      'Agree the discount with the manager',
      'Prepare the contract',
      'Chase the invoice',
    ],
  };
  const dueOffsets = [-3 * DAY, -DAY - 2 * HOUR, -2 * HOUR, 2 * HOUR, 5 * HOUR, DAY + HOUR, 3 * DAY, 8 * DAY];
  leads
    .filter((l) => l.stage !== 'won' && l.stage !== 'lost')
    .slice(0, 22)
    .forEach((lead, k) => {
      const p = persons.find((x) => `contact-${x.key}` === lead.contactId)!;
      const due = nowMs + dueOffsets[k % dueOffsets.length]!;
      const done = k % 5 === 4;
      const at = iso(Math.min(nowMs - HOUR, Date.parse(lead.createdAt) + HOUR));
      tasks.push({
        id: `task-demo-${k + 1}`,
        title: `${taskTitles[p.language][k % 5]!}: ${p.first} ${p.last}`,
        status: done ? 'done' : 'open',
        priority: k % 4 === 0 ? 'high' : 'normal',
        dueAt: iso(done ? nowMs - (k % 3) * DAY - 3 * HOUR : due),
        assigneeId: lead.ownerId!,
        contactId: lead.contactId,
        leadId: lead.id,
        createdBy: { kind: 'rep', id: lead.ownerId!, name: reps.find((r) => r.id === lead.ownerId)!.name },
        createdAt: at,
        updatedAt: done ? iso(nowMs - (k % 3) * DAY - 2 * HOUR) : at,
      });
    });
  for (const c of conversations.filter((x) => x.conversation.mode === 'human')) {
    const p = persons.find((x) => `contact-${x.key}` === c.conversation.contactId)!;
    const asked = c.messages.find(
      (m) => m.direction === 'inbound' && /человек|менеджер|human|manager/i.test(m.text),
    );
    const lead = leads.find((l) => l.id === c.conversation.leadId)!;
    const at = asked?.createdAt ?? c.conversation.createdAt;
    tasks.push({
      id: `task-demo-handoff-${p.key}`,
      title:
        p.language === 'ru'
          ? `Клиент просит менеджера: ${p.first} ${p.last}`
          : `Customer asked for a human: ${p.first} ${p.last}`,
      description: asked?.text ?? '',
      status: c.scenario === 'complaint' ? 'done' : 'open',
      priority: 'high',
      dueAt: iso(Math.min(Date.parse(at) + 4 * HOUR, nowMs + 2 * HOUR)),
      assigneeId: lead.ownerId!,
      contactId: lead.contactId,
      leadId: lead.id,
      conversationId: c.conversation.id,
      createdBy: { kind: 'agent', name: 'call_human' },
      createdAt: at,
      updatedAt: at,
    } as TaskDoc);
  }

  // Meetings a rep booked this week and next (the agents' ones come from the twins: demo-twins.ts).
  const meetingTitles: Record<Lang, string> = { ru: 'Встреча', en: 'Meeting' };
  const openLeads = leads.filter((l) => l.stage === 'proposal' || l.stage === 'negotiation');
  const monday = startOfWeek(now);
  [1, 2, 3, 4, 8, 9, 10].forEach((day, k) => {
    const lead = openLeads[(k * 3) % openLeads.length]!;
    const p = persons.find((x) => `contact-${x.key}` === lead.contactId)!;
    const start = monday + day * DAY + (9 + ((k * 2) % 8)) * HOUR - DAY;
    events.push({
      id: `event-demo-${k + 1}`,
      title: `${meetingTitles[p.language]}: ${p.company}`,
      description: lead.nextStep ?? lead.title,
      startAt: iso(start),
      endAt: iso(start + (k % 2 ? 60 : 30) * MIN),
      timezone: p.language === 'ru' ? 'Europe/Moscow' : 'UTC',
      attendees: [{ name: `${p.first} ${p.last}`, email: p.email, contactId: lead.contactId }],
      status: start < nowMs ? 'done' : 'scheduled',
      contactId: lead.contactId,
      leadId: lead.id,
      createdBy: { kind: 'rep', id: lead.ownerId!, name: reps.find((r) => r.id === lead.ownerId)!.name },
      createdAt: iso(start - 3 * DAY),
      updatedAt: iso(start - 3 * DAY),
    });
  });

  // Each deal's way through the pipeline to where it is: created in `new` (by the agents' intake for
  // a conversation, an import for the others), then moved by its owner, the last move at the lead's
  // `stageChangedAt`. A lost deal was lost from one of the open stages.
  const order: Stage[] = ['new', 'qualified', 'proposal', 'negotiation'];
  const stage_changes: StageChangeDoc[] = [];
  for (const lead of leads) {
    const stage = lead.stage as Stage;
    const path: Stage[] =
      stage === 'won'
        ? [...order, 'won']
        : stage === 'lost'
          ? [...order.slice(0, 1 + (lead.title.length % 4)), 'lost']
          : order.slice(0, order.indexOf(stage) + 1);
    const from = Date.parse(lead.createdAt);
    const to = Date.parse(lead.stageChangedAt!);
    const owner = reps.find((r) => r.id === lead.ownerId)!;
    let before: LeadDoc | null = null;
    path.forEach((step, k) => {
      const when = k === 0 ? from : k === path.length - 1 ? to : from + ((to - from) * k) / (path.length - 1);
      const after = { ...lead, stage: step, stageChangedAt: iso(when) };
      const change =
        k === 0
          ? stageChangeOf(
              null,
              after,
              lead.conversationId ? { kind: 'agent', name: 'intake' } : { kind: 'system', name: 'import' },
              iso(when),
              lead.conversationId ? 'agent' : 'import',
            )
          : stageChangeOf(
              before,
              after,
              { kind: 'rep', id: owner.id, name: owner.name },
              iso(when),
              k % 2 ? 'board' : 'editor',
            );
      if (change) stage_changes.push(change);
      before = after;
    });
  }

  const at = iso(monthAgo);
  // The default pipeline with the currencies the demo's deals are in.
  const pipeline = defaultPipeline(at, ['RUB', 'USD', 'EUR']);
  return {
    pipelines: [pipeline],
    contacts,
    leads,
    conversations,
    tasks,
    events,
    stage_changes,
    agent_settings: [agentSettings(at)],
  };
}

/** Monday 00:00 UTC of the week of `now`. */
function startOfWeek(now: Date): number {
  const day = (now.getUTCDay() + 6) % 7;
  return Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()) - day * DAY;
}

function conversationOf(
  plan: { p: Person; i: number; scenario: Scenario; channel: Channel },
  lead: LeadDoc,
  owner: DemoRep,
  rnd: ReturnType<typeof prng>,
  nowMs: number,
): DemoConversation {
  const { p, i, scenario, channel } = plan;
  const start = Date.parse(lead.createdAt);
  // Times first (the weekday a customer names depends on the day they write).
  const draft = scenario.lines(personaOf(p, lead, owner, 'в среду'));
  const times: number[] = [];
  let t = start;
  for (const line of draft) {
    times.push(t);
    t += line.dir === 'in' ? rnd.int(1, 4) * MIN : rnd.int(8, 300) * MIN;
  }
  // The whole conversation happened before now: shifted back when it would end in the future.
  const overflow = times[times.length - 1]! - (nowMs - 20 * MIN);
  const at = overflow > 0 ? times.map((x) => x - overflow) : times;
  const lastIn = at[draft.length - 1]!;
  // A meeting proposed two or three working days after the customer wrote.
  let day = new Date(lastIn + 2 * DAY).getUTCDay();
  if (day === 0 || day === 6 || (p.language === 'ru' && day === 2)) day = day === 2 ? 3 : 1;
  const lines: Line[] = scenario.lines(personaOf(p, lead, owner, weekdays[p.language][day]!));
  const id = `conv-${p.key}`;
  const messages: MessageDoc[] = lines.map((line, n) => {
    const createdAt = iso(at[n]!);
    const inbound = line.dir === 'in';
    return {
      id: `msg-${p.key}-${n + 1}`,
      conversationId: id,
      contactId: `contact-${p.key}`,
      channel,
      direction: inbound ? 'inbound' : 'outbound',
      author: inbound
        ? { kind: 'customer', id: `contact-${p.key}` }
        : line.by === 'rep'
          ? { kind: 'rep', id: owner.id, name: owner.name }
          : { kind: 'agent', name: 'answer' },
      text: line.text,
      attachments: [],
      delivery: inbound ? { status: 'received' } : { status: 'sent', attempts: 1, sentAt: createdAt },
      // Sample history: the agents' pipeline reads it for the twin, and answers none of it.
      ...(inbound ? { signals: { handledByBot: true } } : {}),
      idempotencyKey: `demo:${p.key}:${n + 1}`,
      createdAt,
    };
  });
  const last = messages[messages.length - 1]!;
  const lastInbound = [...messages].reverse().find((m) => m.direction === 'inbound');
  const human = !!scenario.human;
  const closed = lead.stage === 'lost' || (lead.stage === 'won' && i % 2 === 0);
  return {
    scenario: scenario.id,
    messages,
    conversation: {
      id,
      contactId: `contact-${p.key}`,
      leadId: lead.id,
      channel,
      externalChatId: chatIdOf(channel, p, i),
      // Sample chats belong to no real bot: nothing written into them is ever sent (shared/src/crm/demo.ts).
      botId: DEMO_BOT_ID,
      mode: human ? 'human' : 'ai',
      ...(human ? { assigneeId: owner.id } : {}),
      status: closed ? 'closed' : 'open',
      lastMessageAt: last.createdAt,
      ...(lastInbound ? { lastInboundAt: lastInbound.createdAt } : {}),
      lastMessagePreview: last.text.slice(0, 300),
      unreadCount: last.direction === 'inbound' && !closed ? 1 : 0,
      createdAt: messages[0]!.createdAt,
      updatedAt: last.createdAt,
    },
  };
}

function personaOf(p: Person, lead: LeadDoc, owner: DemoRep, weekday: string) {
  return {
    first: p.first,
    full: `${p.first} ${p.last}`,
    company: p.company,
    email: p.email,
    phoneTyped: p.phoneTyped,
    team: 5 + (lead.value!.amount % 7) * 5,
    budget: budgetText(p, lead.value!.amount),
    rep: owner.name.split(' ')[0]!,
    weekday,
  };
}

function agentSettings(at: string): AgentSettingsDoc {
  return {
    id: 'agent-default',
    name: 'Sales assistant',
    persona: 'A friendly, concise sales assistant of Daisy CRM (Ромашка CRM).',
    instructions:
      'Answer from the knowledge base with a citation; ask for contact details politely; hand over to a human when unsure or when asked.',
    // The same in Russian, followed when the reply is in Russian (and shown first in a Russian UI).
    localized: {
      ru: {
        persona: 'Дружелюбный и немногословный ассистент по продажам Ромашка CRM (Daisy CRM).',
        instructions:
          'Отвечай по базе знаний со ссылкой на источник; вежливо спрашивай контакты; передавай разговор менеджеру, если не уверен или клиент об этом просит.',
      },
    },
    language: 'auto',
    allowedTools: [
      'save_client_info',
      'update_lead',
      'search_knowledge',
      'create_task',
      'schedule_event',
      'call_human',
    ],
    channels: ['telegram', 'webchat', 'email', 'vk'],
    workingHours: {
      timezone: 'Europe/Moscow',
      days: [1, 2, 3, 4, 5].map((day) => ({ day, from: '09:00', to: '21:00' })),
    },
    quietHours: { from: '22:00', to: '08:00' },
    followUp: { enabled: true, afterHours: 48, maxAttempts: 2 },
    handoffThreshold: 0.45,
    // A running A/B test (issue 38): the seeded conversations get their variants from the agents'
    // own runs (demo-twins.ts), so the Agents screen shows both variants with data. No greeting: the
    // demo's answers stay as they are.
    experiments: [
      {
        id: 'exp-demo-style',
        name: 'Brief or consultative',
        status: 'running',
        variants: [
          {
            id: 'a',
            name: 'Brief',
            weight: 50,
            instructions:
              'Answer from the knowledge base with a citation, in two sentences at most; ask for contact details politely; hand over to a human when unsure or when asked.',
          },
          {
            id: 'b',
            name: 'Consultative',
            weight: 50,
            instructions:
              'Answer from the knowledge base with a citation, then ask one question about the team and its goals and offer a demo; hand over to a human when unsure or when asked.',
          },
        ],
        startedAt: at,
      },
    ],
    isDefault: true,
    createdAt: at,
    updatedAt: at,
  };
}

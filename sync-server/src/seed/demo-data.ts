// Sample CRM data of the demo team: contacts, leads, conversations and messages in Russian and
// English, and the default agent profile. Every doc passes the shared schema (checked when seeding).
import type { AgentSettingsDoc, ContactDoc, ConversationDoc, LeadDoc, MessageDoc } from '@app/shared/schemas';

/** The bot id of the sample conversations: matches no real bot, so their messages never leave. */
export const DEMO_BOT_ID = 'demo';

type Person = {
  key: string;
  name: string;
  company: string;
  email: string;
  phone: string;
  tg: string;
  language: 'ru' | 'en';
};

const people: Person[] = [
  {
    key: 'anna',
    name: 'Анна Петрова',
    company: 'Ромашка',
    email: 'anna@romashka.example',
    phone: '+79991234567',
    tg: '100200300',
    language: 'ru',
  },
  {
    key: 'ivan',
    name: 'Иван Смирнов',
    company: 'СеверТорг',
    email: 'ivan@severtorg.example',
    phone: '+79161112233',
    tg: '100200301',
    language: 'ru',
  },
  {
    key: 'john',
    name: 'John Miller',
    company: 'Acme Logistics',
    email: 'john@acme.example',
    phone: '+14155550100',
    tg: '100200302',
    language: 'en',
  },
  {
    key: 'sara',
    name: 'Sara Lee',
    company: 'Bright Retail',
    email: 'sara@bright.example',
    phone: '+442079460000',
    tg: '100200303',
    language: 'en',
  },
];

const chats: Record<string, Array<[dir: 'in' | 'out', text: string]>> = {
  anna: [
    ['in', 'Здравствуйте! Сколько стоит тариф для команды из 20 человек?'],
    ['out', 'Здравствуйте, Анна! Тариф «Команда» — 990 рублей за пользователя в месяц при оплате за год.'],
    ['in', 'А перенос данных из Excel входит в стоимость?'],
  ],
  ivan: [
    ['in', 'Добрый день, нужна CRM с ботом в Telegram. Есть демо?'],
    ['out', 'Добрый день! Да, можем показать демо. Когда вам удобно созвониться?'],
  ],
  john: [
    ['in', 'Hi, how long does onboarding take for a self-hosted install?'],
    ['out', 'Hi John! Self-hosted installs take 3 to 5 business days including data migration.'],
    ['in', 'Great, can I talk to a human about Enterprise pricing?'],
  ],
};

export function demoCrmDocs(now: Date) {
  const t = (minutesAgo: number) => new Date(now.getTime() - minutesAgo * 60_000).toISOString();
  const at = t(600);
  const contacts: ContactDoc[] = people.map((p) => ({
    id: `contact-${p.key}`,
    name: p.name,
    company: p.company,
    email: p.email,
    phone: p.phone,
    language: p.language,
    identities: [{ channel: 'telegram', externalId: p.tg }],
    tags: ['demo'],
    optOut: false,
    agentAccess: 'default',
    twin: { facts: [] },
    createdAt: at,
    updatedAt: at,
  }));
  const stages = ['qualified', 'new', 'proposal', 'new'] as const;
  const leads: LeadDoc[] = people.map((p, i) => ({
    id: `lead-${p.key}`,
    contactId: `contact-${p.key}`,
    title: p.language === 'ru' ? `CRM для ${p.company}` : `CRM for ${p.company}`,
    stage: stages[i]!,
    score: {
      value: 40 + i * 10,
      reasons: [{ factor: 'need', points: 10, note: 'Asked about price' }],
      scoredAt: at,
    },
    value: { amount: (i + 1) * 120_000, currency: p.language === 'ru' ? 'RUB' : 'USD' },
    source: { channel: 'telegram', campaign: 'demo' },
    ...(chats[p.key] ? { conversationId: `conv-${p.key}` } : {}),
    tags: ['demo'],
    createdAt: at,
    updatedAt: at,
  }));
  const conversations: ConversationDoc[] = [];
  const messages: MessageDoc[] = [];
  for (const p of people) {
    const lines = chats[p.key];
    if (!lines) continue;
    const last = t(lines.length);
    conversations.push({
      id: `conv-${p.key}`,
      contactId: `contact-${p.key}`,
      leadId: `lead-${p.key}`,
      channel: 'telegram',
      externalChatId: p.tg,
      // Sample chats belong to no real bot: nothing of them is ever sent to Telegram.
      botId: DEMO_BOT_ID,
      mode: 'ai',
      status: 'open',
      lastMessageAt: last,
      lastMessagePreview: lines[lines.length - 1]![1].slice(0, 300),
      unreadCount: lines[lines.length - 1]![0] === 'in' ? 1 : 0,
      createdAt: at,
      updatedAt: last,
    });
    lines.forEach(([dir, text], i) => {
      messages.push({
        id: `msg-${p.key}-${i + 1}`,
        conversationId: `conv-${p.key}`,
        contactId: `contact-${p.key}`,
        channel: 'telegram',
        direction: dir === 'in' ? 'inbound' : 'outbound',
        author:
          dir === 'in' ? { kind: 'customer', id: `contact-${p.key}` } : { kind: 'agent', name: 'answer' },
        text,
        attachments: [],
        delivery: dir === 'in' ? { status: 'received' } : { status: 'sent', sentAt: t(lines.length - i) },
        // Sample history: the agents do not answer it when the server starts.
        ...(dir === 'in' ? { signals: { handledByBot: true } } : {}),
        idempotencyKey: `demo:${p.key}:${i + 1}`,
        createdAt: t(lines.length - i),
      });
    });
  }
  const agentSettings: AgentSettingsDoc = {
    id: 'agent-default',
    name: 'Sales assistant',
    persona: 'A friendly, concise sales assistant of Daisy CRM (Ромашка CRM).',
    instructions:
      'Answer from the knowledge base with a citation; ask for contact details politely; hand over to a human when unsure or when asked.',
    language: 'auto',
    allowedTools: [
      'save_client_info',
      'update_lead',
      'search_knowledge',
      'create_task',
      'schedule_event',
      'call_human',
    ],
    channels: ['telegram'],
    workingHours: {
      timezone: 'Europe/Moscow',
      days: [1, 2, 3, 4, 5].map((day) => ({ day, from: '09:00', to: '21:00' })),
    },
    quietHours: { from: '22:00', to: '08:00' },
    followUp: { enabled: true, afterHours: 48, maxAttempts: 2 },
    handoffThreshold: 0.45,
    isDefault: true,
    createdAt: at,
    updatedAt: at,
  };
  return { contacts, leads, conversations, messages, agent_settings: [agentSettings] };
}

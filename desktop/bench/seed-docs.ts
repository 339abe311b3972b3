// The documents the desktop benchmark seeds, made one at a time from their index so batches can be
// made in the page (bulk inserts, no data crossing from Node) and checked against the shared schemas
// in a test (desktop/test/bench-docs.test.ts). `benchDoc` must stay self-contained: its source is
// sent to the page as text (it may not use anything from this module's scope).
//
// A year of a sales team: deals spread across a ten-stage pipeline (the team's edited default), with
// createdAt over the last 364 days, a stageChangedAt after it, amounts in three currencies, twelve
// owners, six channels and a few campaigns; contacts; conversations (one per ten messages) linked to
// the first deals; messages alternating customer and agent (a rep in every third conversation).

export type SeedSizes = {
  deals: number;
  contacts: number;
  conversations: number;
  messages: number;
  /** The time the data ends (ms): every date is within the year before it. */
  now: number;
};

export type SeedCollection = 'pipelines' | 'contacts' | 'leads' | 'conversations' | 'messages';

export function benchDoc(name: SeedCollection, i: number, s: SeedSizes): Record<string, unknown> {
  const DAY = 86_400_000;
  // A deterministic value in [0, 1) per (index, purpose).
  const rnd = (n: number, k: number) => {
    let x = Math.imul(n ^ Math.imul(k + 1, 0x9e3779b1), 0x85ebca6b);
    x ^= x >>> 13;
    x = Math.imul(x, 0xc2b2ae35);
    x ^= x >>> 16;
    x = Math.imul(x ^ (n >>> 7), 0x27d4eb2d);
    x ^= x >>> 15;
    return (x >>> 0) / 4294967296;
  };
  const iso = (ms: number) => new Date(ms).toISOString();
  const words = [
    'delivery',
    'price',
    'доставка',
    'цена',
    'тариф',
    'demo',
    'contract',
    'invoice',
    'склад',
    'integration',
  ];
  const channels = ['telegram', 'webchat', 'email', 'vk', 'phone', 'manual'];
  // Stage id, kind, probability, share of deals.
  const stages: [string, string, number, number][] = [
    ['new', 'open', 5, 18],
    ['contacted', 'open', 10, 13],
    ['qualified', 'open', 20, 11],
    ['demo', 'open', 30, 8],
    ['proposal', 'open', 45, 7],
    ['negotiation', 'open', 60, 6],
    ['contract', 'open', 80, 4],
    ['invoiced', 'open', 90, 3],
    ['won', 'won', 100, 14],
    ['lost', 'lost', 0, 16],
  ];
  const names = [
    'New',
    'Contacted',
    'Qualified',
    'Demo',
    'Proposal',
    'Negotiation',
    'Contract',
    'Invoiced',
    'Won',
    'Lost',
  ];
  const convCreated = (c: number) => s.now - DAY - rnd(c, 11) * 362 * DAY;
  switch (name) {
    case 'pipelines':
      return {
        id: 'default',
        name: 'Sales',
        stages: stages.map(([id, kind, probability], k) => ({ id, name: names[k], kind, probability })),
        currencies: ['USD', 'EUR', 'RUB'],
        position: 0,
        createdAt: iso(s.now - 366 * DAY),
        updatedAt: iso(s.now - 366 * DAY),
      };
    case 'contacts':
      return {
        id: `c${i}`,
        name: `Contact ${i} ${words[i % 10]}`,
        company: `Company ${i % 700}`,
        email: `c${i}@example.com`,
        identities: [],
        optOut: false,
        agentAccess: 'default',
        twin: { facts: [] },
        createdAt: iso(s.now - 365 * DAY + i * 1000),
        updatedAt: iso(s.now - 365 * DAY + i * 1000),
      };
    case 'leads': {
      let pick = rnd(i, 1) * 100;
      let at = 0;
      while (at < stages.length - 1 && pick >= stages[at]![3]) pick -= stages[at++]![3];
      const [stage, kind] = stages[at]!;
      const created = s.now - 60_000 - rnd(i, 2) * 363 * DAY;
      const changed = created + rnd(i, 3) * (s.now - created);
      const cur = rnd(i, 4);
      const campaign = rnd(i, 7);
      return {
        id: `l${i}`,
        contactId: `c${i % s.contacts}`,
        title: `Deal ${i} ${words[(i * 7) % 10]} Company ${i % 700}`,
        pipelineId: 'default',
        stage,
        score: { value: Math.floor(rnd(i, 5) * 100), reasons: [] },
        ownerId: `u${Math.floor(rnd(i, 6) * 12)}`,
        value: {
          amount: Math.round(500 + rnd(i, 8) ** 2 * 49_500),
          currency: cur < 0.7 ? 'USD' : cur < 0.9 ? 'EUR' : 'RUB',
        },
        source: {
          channel: channels[i % 6],
          ...(campaign < 0.4
            ? { campaign: ['spring', 'webinar', 'partners'][Math.floor(campaign * 7.5)] }
            : {}),
        },
        ...(i < s.conversations ? { conversationId: `v${i}` } : {}),
        company: `Company ${i % 700}`,
        ...(kind === 'open'
          ? { expectedCloseDate: iso(s.now + rnd(i, 9) * 90 * DAY).slice(0, 10), nextStep: 'Call back' }
          : {}),
        ...(kind === 'lost' ? { lostReason: ['price', 'timing', 'competitor'][i % 3] } : {}),
        stageChangedAt: iso(changed),
        createdAt: iso(created),
        updatedAt: iso(changed),
      };
    }
    case 'conversations': {
      const created = convCreated(i);
      const per = Math.max(1, Math.floor(s.messages / s.conversations));
      return {
        id: `v${i}`,
        contactId: `c${i % s.contacts}`,
        channel: channels[i % 6],
        externalChatId: String(i),
        mode: i % 3 ? 'ai' : 'human',
        status: i % 4 ? 'closed' : 'open',
        ...(i % 7 === 0 ? { handoffReason: 'Customer asked for a human' } : {}),
        lastMessageAt: iso(created + (per - 1) * 60_000),
        lastMessagePreview: `Message about ${words[i % 10]}`,
        createdAt: iso(created),
        updatedAt: iso(created + (per - 1) * 60_000),
      };
    }
    case 'messages': {
      const per = Math.max(1, Math.floor(s.messages / s.conversations));
      const c = Math.min(s.conversations - 1, Math.floor(i / per));
      const k = i - c * per;
      const inbound = k % 2 === 0;
      return {
        id: `m${i}`,
        conversationId: `v${c}`,
        contactId: `c${c % s.contacts}`,
        channel: channels[c % 6],
        direction: inbound ? 'inbound' : 'outbound',
        author: { kind: inbound ? 'customer' : c % 3 === 0 && k > 4 ? 'rep' : 'agent' },
        text: `Hello, question ${i} about ${words[i % 10]} and ${words[(i * 3) % 10]}`,
        attachments: [],
        delivery: { status: inbound ? 'received' : 'sent' },
        idempotencyKey: `k${i}`,
        createdAt: iso(convCreated(c) + k * 60_000 + (inbound ? 0 : 20_000 + rnd(i, 12) * 600_000)),
      };
    }
  }
}

/** The sizes of a run: conversations are a tenth of the messages, one contact per deal. */
export function seedSizes(deals: number, messages: number, now = Date.now()): SeedSizes {
  return { deals, contacts: deals, conversations: Math.max(1, Math.ceil(messages / 10)), messages, now };
}

/** What each collection gets, in insert order. */
export const seedPlan = (s: SeedSizes): [SeedCollection, number][] => [
  ['pipelines', 1],
  ['contacts', s.contacts],
  ['leads', s.deals],
  ['conversations', s.conversations],
  ['messages', s.messages],
];

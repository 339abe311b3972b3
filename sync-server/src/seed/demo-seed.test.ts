import { describe, expect, it } from 'vitest';
import { DEMO_BOT_ID } from '@app/shared/crm';
import {
  collections,
  defaultStages,
  type CollectionName,
  type ContactDoc,
  type ConversationDoc,
  type LeadDoc,
  type MessageDoc,
  type TaskDoc,
  type CalendarEventDoc,
  type ProductDoc,
  isVolumeTier,
  productIssues,
} from '@app/shared/schemas';
import { validateCouchDoc } from '@app/shared/validation';
import { demoDocs } from './demo-seed';

const now = new Date('2026-11-18T10:00:00Z');
const DAY = 86_400_000;
const docs = await demoDocs(now);
const as = <T>(name: CollectionName) =>
  (docs[name] ?? []).map(({ _id, ...rest }) => ({ id: _id, ...rest })) as unknown as T[];
const contacts = as<ContactDoc>('contacts');
const leads = as<LeadDoc>('leads');
const conversations = as<ConversationDoc>('conversations');
const messages = as<MessageDoc>('messages');
const tasks = as<TaskDoc>('tasks');
const events = as<CalendarEventDoc>('events');

describe('demo seed', () => {
  it('holds valid docs of CRM data, agent settings and knowledge, in Russian and English', () => {
    for (const [name, list] of Object.entries(docs) as [CollectionName, Record<string, unknown>[]][]) {
      for (const doc of list) expect(validateCouchDoc(name, doc).ok, `${name} ${String(doc._id)}`).toBe(true);
      expect(collections[name]).toBeDefined();
    }
    expect(docs.knowledge_sources!.length).toBeGreaterThanOrEqual(3);
    const text = docs.knowledge_chunks!.map((c) => String(c.text)).join(' ');
    expect(text).toMatch(/рублей/);
    expect(text).toMatch(/business day/);
    expect(docs.agent_settings).toHaveLength(1);
  });

  it('has a help centre of at least 30 sections in each language, each a heading and 1 to 4 whole sentences', () => {
    type Source = { _id: string; title: string; language: string; chunkCount: number };
    type Chunk = { sourceId: string; text: string; headings: string[]; language: string };
    const sources = docs.knowledge_sources as unknown as Source[];
    const chunks = docs.knowledge_chunks as unknown as Chunk[];
    for (const language of ['ru', 'en']) {
      const own = sources.filter((s) => s.language === language);
      expect(own.length, language).toBeGreaterThanOrEqual(7);
      const sections = chunks.filter((c) => own.some((s) => s._id === c.sourceId));
      expect(sections.length, language).toBeGreaterThanOrEqual(30);
      expect(sections.every((c) => c.language === language)).toBe(true);
    }
    for (const s of sources)
      expect(
        chunks.filter((c) => c.sourceId === s._id),
        s._id,
      ).toHaveLength(s.chunkCount);
    for (const c of chunks) {
      expect(c.headings, c.text).toHaveLength(1);
      expect(c.text, c.text).toMatch(/[.!?]$/);
      const sentences = c.text.split(/(?<=[.!?])\s+(?=[\p{Lu}«])/u).length;
      expect(sentences, c.text).toBeLessThanOrEqual(4);
      // Cyrillic in a Russian section; an English one has none.
      expect(/[а-яё]/i.test(c.text), c.text).toBe(c.language === 'ru');
    }
    const text = (language: string) =>
      chunks
        .filter((c) => c.language === language)
        .map((c) => c.text)
        .join(' ');
    for (const fact of [
      /1С/,
      /amoCRM/,
      /Битрикс24/,
      /152-ФЗ/,
      /по счёту/,
      /ЭДО/,
      /14 дней/,
      /3–5 рабочих дней/,
    ])
      expect(fact.test(text('ru')), String(fact)).toBe(true);
    for (const fact of [/1C/, /amoCRM/, /Bitrix24/, /152-FZ/, /invoice/, /14 days/, /3 to 5 business days/])
      expect(fact.test(text('en')), String(fact)).toBe(true);
  });

  it('has about 60 deals in every stage of the default pipeline, owned by 3 people, in RUB, USD and EUR', () => {
    expect(leads).toHaveLength(60);
    for (const stage of defaultStages) {
      expect(leads.filter((l) => l.stage === stage.id).length, stage.id).toBeGreaterThanOrEqual(5);
    }
    expect(leads.every((l) => l.pipelineId === 'default')).toBe(true);
    expect(new Set(leads.map((l) => l.ownerId)).size).toBe(3);
    expect(new Set(leads.map((l) => l.value?.currency))).toEqual(new Set(['RUB', 'USD', 'EUR']));
    // Lost deals say why; open ones say when they should close.
    for (const l of leads.filter((x) => x.stage === 'lost')) expect(l.lostReason, l.id).toBeTruthy();
    for (const l of leads.filter((x) => x.stage !== 'lost' && x.stage !== 'won'))
      expect(l.expectedCloseDate, l.id).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const sources = new Set(leads.map((l) => l.source.channel));
    for (const channel of ['telegram', 'webchat', 'email', 'vk'] as const)
      expect(sources.has(channel)).toBe(true);
    expect(new Set(leads.flatMap((l) => l.source.campaign ?? [])).size).toBeGreaterThanOrEqual(3);
    // Every lead's contact exists.
    const ids = new Set(contacts.map((c) => c.id));
    expect(leads.every((l) => ids.has(String(l.contactId)))).toBe(true);
  });

  it('has 25 conversations of 3 to 8 messages in both languages over a month, all of them demo samples', () => {
    expect(conversations).toHaveLength(25);
    for (const c of conversations) {
      const own = messages.filter((m) => m.conversationId === c.id);
      expect(own.length, c.id).toBeGreaterThanOrEqual(3);
      expect(own.length, c.id).toBeLessThanOrEqual(8);
      expect(c.botId).toBe(DEMO_BOT_ID);
      expect(leads.find((l) => l.id === c.leadId)?.conversationId).toBe(c.id);
    }
    const languages = new Set(conversations.map((c) => contacts.find((x) => x.id === c.contactId)!.language));
    expect(languages).toEqual(new Set(['ru', 'en']));
    expect(messages.some((m) => /[а-яё]/i.test(m.text))).toBe(true);
    expect(messages.some((m) => /^[\x20-\x7e’€$]+$/.test(m.text))).toBe(true);
    const times = messages.map((m) => Date.parse(m.createdAt));
    expect(Math.max(...times)).toBeLessThanOrEqual(now.getTime());
    expect(now.getTime() - Math.min(...times)).toBeGreaterThan(20 * DAY);
    expect(now.getTime() - Math.min(...leads.map((l) => Date.parse(l.createdAt)))).toBeGreaterThan(25 * DAY);
    expect(new Set(conversations.map((c) => c.channel)).size).toBeGreaterThanOrEqual(4);
    expect(conversations.some((c) => c.mode === 'human')).toBe(true);
    // Only what the assistant or the reps sent long ago is outbound: nothing waits to be sent.
    expect(
      messages.filter((m) => m.direction === 'outbound').every((m) => m.delivery.status === 'sent'),
    ).toBe(true);
  });

  it('builds the twins with the pipeline: every fact cites a seeded customer message that says it', () => {
    const byId = new Map(messages.map((m) => [m.id, m]));
    const facts = contacts.flatMap((c) => c.twin.facts.map((f) => ({ c, f })));
    expect(facts.length).toBeGreaterThan(60);
    for (const { c, f } of facts) {
      const source = byId.get(f.sourceMessageId!);
      expect(source, `${c.id} ${f.key}`).toBeDefined();
      expect(source!.direction).toBe('inbound');
      expect(source!.contactId).toBe(c.id);
      expect(f.conversationId).toBe(source!.conversationId);
      expect(f.observedAt).toBe(source!.createdAt);
      expect(f.extractedBy).toBe('rules');
    }
    // Typed contact details become facts (an e-mail and a phone as written in the message).
    for (const { f } of facts.filter((x) => x.f.key === 'email'))
      expect(byId.get(f.sourceMessageId!)!.text.toLowerCase()).toContain(f.value);
    expect(facts.some(({ f }) => f.key === 'phone')).toBe(true);
    expect(facts.some(({ f }) => f.key === 'budget')).toBe(true);
    // Nearly every customer who wrote has a twin; those who never wrote have none.
    const talked = new Set(conversations.map((c) => c.contactId));
    expect(contacts.filter((c) => talked.has(c.id) && c.twin.facts.length > 0).length).toBeGreaterThanOrEqual(
      22,
    );
    expect(contacts.filter((c) => !talked.has(c.id)).every((c) => c.twin.facts.length === 0)).toBe(true);
    // The pipeline scored the leads of the conversations, with reasons.
    for (const c of conversations)
      expect(leads.find((l) => l.id === c.leadId)!.score?.reasons.length).toBeGreaterThan(0);
  });

  it('has tasks overdue, due today and done, meetings this week and next, and follow-ups due', () => {
    const t = now.getTime();
    const open = tasks.filter((x) => x.status === 'open');
    expect(open.some((x) => Date.parse(x.dueAt!) < t)).toBe(true);
    expect(open.some((x) => Date.parse(x.dueAt!) > t && Date.parse(x.dueAt!) < t + DAY)).toBe(true);
    expect(tasks.some((x) => x.status === 'done')).toBe(true);
    expect(tasks.some((x) => x.createdBy.kind === 'agent' && x.conversationId)).toBe(true);
    expect(tasks.some((x) => x.createdBy.kind === 'rep')).toBe(true);
    const monday = Date.parse('2026-11-16T00:00:00Z');
    expect(
      events.some((e) => Date.parse(e.startAt) >= monday && Date.parse(e.startAt) < monday + 7 * DAY),
    ).toBe(true);
    expect(
      events.some(
        (e) => Date.parse(e.startAt) >= monday + 7 * DAY && Date.parse(e.startAt) < monday + 14 * DAY,
      ),
    ).toBe(true);
    // Meetings the customers agreed to in a conversation: booked by the agent, at the time they said.
    const agents = events.filter((e) => e.createdBy.kind === 'agent');
    expect(agents.length).toBeGreaterThan(0);
    for (const e of agents) {
      const contact = contacts.find((c) => c.id === e.contactId)!;
      expect(
        contact.twin.facts.some(
          (f) => f.key === 'meeting_at' && Date.parse(f.value) === Date.parse(e.startAt),
        ),
      ).toBe(true);
    }
    const followUps = leads.flatMap((l) => (l.nextFollowUpAt ? [Date.parse(l.nextFollowUpAt)] : []));
    expect(followUps.some((x) => x < t)).toBe(true);
    expect(followUps.some((x) => x > t && x < t + DAY)).toBe(true);
  });

  it('has the stage history of each deal, from its creation to where it is now', () => {
    const changes = (docs.stage_changes ?? []) as unknown as {
      leadId: string;
      from?: string;
      to: string;
      at: string;
    }[];
    for (const lead of leads) {
      const own = changes.filter((c) => c.leadId === lead.id).sort((a, b) => a.at.localeCompare(b.at));
      expect(own[0], lead.id).toMatchObject({ to: 'new', at: lead.createdAt });
      expect(own[0]!.from).toBeUndefined();
      expect(own[own.length - 1], lead.id).toMatchObject({ to: lead.stage, at: lead.stageChangedAt });
      for (let i = 1; i < own.length; i++) expect(own[i]!.from).toBe(own[i - 1]!.to);
    }
  });

  it('is the same for the same time (seeded, no randomness left)', async () => {
    const again = await demoDocs(now);
    expect(JSON.stringify(again.leads)).toBe(JSON.stringify(docs.leads));
    expect(JSON.stringify(again.contacts)).toBe(JSON.stringify(docs.contacts));
  });

  it('has a catalog of 20+ products and services in RUB and USD, named in both languages, with tiers', () => {
    const products = as<ProductDoc>('products');
    expect(products.length).toBeGreaterThanOrEqual(20);
    expect(new Set(products.map((p) => p.sku)).size).toBe(products.length);
    for (const p of products) {
      expect(p.prices.map((price) => price.currency).sort(), p.sku).toEqual(['RUB', 'USD']);
      expect(p.names?.ru, p.sku).toMatch(/[а-яё]/i);
      expect(p.names?.en, p.sku).toMatch(/^[\x20-\x7e–]+$/);
      expect(productIssues(p), p.sku).toEqual([]);
    }
    expect(products.filter((p) => p.kind === 'service').length).toBeGreaterThanOrEqual(5);
    expect(products.some((p) => p.discounts?.some(isVolumeTier))).toBe(true);
    const subscriptions = products.filter((p) => p.active && p.prices.every((x) => x.period === 'month'));
    expect(subscriptions.length).toBeGreaterThanOrEqual(5);
    for (const s of subscriptions)
      expect(
        s.discounts?.some((d) => d.period === 'year'),
        s.sku,
      ).toBe(true);
    const promos = products.flatMap((p) => (p.discounts ?? []).filter((d) => d.code));
    expect(promos).toHaveLength(1);
    expect(promos[0]!.validFrom! <= now.toISOString() && now.toISOString() <= promos[0]!.validTo!).toBe(true);
    // The help centre's prices: Team at 12 USD and 990 RUB per seat and month billed annually.
    const team = products.find((p) => p.sku === 'PLAN-TEAM')!;
    const yearly = team.discounts!.find((d) => d.period === 'year')!.percent;
    for (const [currency, annual] of [
      ['USD', 12],
      ['RUB', 990],
    ] as const) {
      const monthly = team.prices.find((p) => p.currency === currency)!.amount;
      expect(Math.abs(monthly * (1 - yearly / 100) - annual) / annual).toBeLessThan(0.01);
    }
  });
});

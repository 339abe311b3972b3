// Domain packs end to end (issue 39) on the real server with its agent runtime and the offline
// provider (no model configured): a new team's admin lists the packs, previews the events pack, applies
// it (the events pipeline with its fields and rate cards, Maestro as the team's profile) and applies it
// again (nothing changes); a rep may not. Then customers write to the team's web chat in Russian and in
// English: each request makes one deal in the events pipeline with the customer's budget as its amount
// and the event in its fields, a plan of tasks due before the event, an estimate within the budget, and
// one reply that says all of it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LeadDoc, MessageDoc, PipelineDoc, TaskDoc } from '@app/shared/schemas';
import type { RunningServer } from '../src/server';
import { acceptInvite, call, eventually, register, startTestServer, tempDir, uniqueEmail } from './helpers';
import type { Loose } from './api-kit';

let dir: ReturnType<typeof tempDir>;
let server: RunningServer;
let admin: string;
let rep: string;
let widgetKey: string;

const api = (method: string, path: string, body?: unknown, token = admin) =>
  call(server.url, method, `/api/v1${path}`, { token, ...(body === undefined ? {} : { body }) });
const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

beforeAll(async () => {
  dir = tempDir('packs-e2e-');
  server = await startTestServer(dir.path);
  admin = (await register(server.url, 'Events team')).accessToken;
  const invite = await api('POST', '/members/invite', { email: uniqueEmail('rep'), role: 'rep' });
  expect(invite.status).toBe(201);
  rep = (await acceptInvite(server.url, invite.body)).accessToken;
}, 120_000);

afterAll(async () => {
  await server?.close();
  dir?.remove();
});

describe('applying a pack', () => {
  it('lists the packs in both languages with what each adds', async () => {
    const res = await api('GET', '/packs', undefined, rep);
    expect(res.status).toBe(200);
    const events = (res.body.items as Loose[]).find((p) => p.id === 'events-agency');
    expect(res.body.items.map((p: Loose) => p.id)).toEqual(['software-sales', 'events-agency']);
    expect(events.name).toEqual({ en: 'Events agency', ru: 'Ивент-агентство' });
    expect(events.adds.pipelines).toEqual([{ id: 'events', name: { en: 'Events', ru: 'Мероприятия' } }]);
    expect(events.adds.customFields).toContainEqual({ en: 'Guests', ru: 'Гостей' });
    expect(events.adds.rateCards).toEqual(['RUB', 'GBP', 'USD', 'EUR']);
    expect(events.adds.vendors).toContainEqual({
      id: 'loft-arbat',
      kind: 'venue',
      name: 'Loft Arbat',
      city: 'Москва',
    });
    expect(events.adds.intents.map((i: Loose) => i.label)).toContain('event_request');
  });

  it('refuses bad ids, unknown packs, bad input and non-admins with a reason', async () => {
    const bad = await api('POST', '/packs/Not%20a%20pack!/apply');
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('pack id');
    const unknown = await api('POST', '/packs/real-estate/apply?preview=1');
    expect(unknown.status).toBe(404);
    expect(JSON.stringify(unknown.body)).toContain('events-agency');
    expect((await api('POST', '/packs/events-agency/apply', { language: 'de' })).status).toBe(400);
    expect((await api('POST', '/packs/events-agency/apply?preview=yes')).status).toBe(400);
    const byRep = await api('POST', '/packs/events-agency/apply', {}, rep);
    expect(byRep.status).toBe(403);
    const noEvents = await api('GET', '/analytics/events');
    expect(noEvents.status).toBe(404);
    expect(JSON.stringify(noEvents.body)).toContain('apply the events-agency pack');
  });

  it('previews, applies once, and applying again changes nothing', async () => {
    const preview = await api('POST', '/packs/events-agency/apply?preview=1', { language: 'ru' });
    expect(preview.status, JSON.stringify(preview.body)).toBe(200);
    expect(preview.body.preview).toBe(true);
    expect(preview.body.added.map((a: Loose) => `${a.kind}:${a.id}`)).toEqual([
      'pipeline:events',
      'custom-fields:events.fields',
      'rate-cards:events.rateCards',
      'vendors:events.vendors',
      'profile:agent-pack-events-maestro',
      'knowledge:pack-events-agency-events-faq',
      'intents:events-agency.intents',
    ]);
    const before = (await api('GET', '/pipelines')).body.items as PipelineDoc[];
    expect(before.map((p) => p.id)).toEqual(['default']);

    const applied = await api('POST', '/packs/events-agency/apply', { language: 'ru' });
    expect(applied.status).toBe(200);
    expect(applied.body.added).toEqual(preview.body.added);
    const pipeline = (await api('GET', '/pipelines/events')).body as PipelineDoc & { rev: string };
    expect(pipeline).toMatchObject({ name: 'Мероприятия', pack: 'events-agency' });
    expect(pipeline.stages[0]).toMatchObject({ id: 'inquiry', name: 'Запрос', kind: 'open' });
    expect(pipeline.fields?.map((f) => f.id)).toContain('guests');
    const profile = (await api('GET', '/agent-settings/agent-pack-events-maestro')).body;
    expect(profile).toMatchObject({ isDefault: true, name: 'Маэстро (мероприятия)' });
    // The knowledge template is a source like an upload, indexed for the agents.
    const faq = await eventually(async () => {
      const s = await api('GET', '/knowledge/sources/pack-events-agency-events-faq');
      return s.body.status === 'ready' ? s.body : undefined;
    }, 60_000);
    expect(faq).toMatchObject({ title: 'Ивент-агентство: как мы работаем', kind: 'markdown' });

    // The team edits the pipeline; applying again keeps it as the team has it and adds nothing.
    const renamed = await api('PATCH', '/pipelines/events', { name: 'Наши события' });
    expect(renamed.status).toBe(200);
    const again = await api('POST', '/packs/events-agency/apply', { language: 'en' });
    expect(again.status).toBe(200);
    expect(again.body.added).toEqual([]);
    expect(again.body.kept.map((k: Loose) => k.id)).toEqual(
      expect.arrayContaining(['events', 'agent-pack-events-maestro', 'pack-events-agency-events-faq']),
    );
    const after = (await api('GET', '/pipelines/events')).body;
    expect(after.name).toBe('Наши события');
    expect(after.rev).toBe((await api('GET', '/pipelines/events')).body.rev);
    expect((await api('GET', '/agent-settings?limit=100')).body.items).toHaveLength(1);

    // The built-in software-sales pack stores nothing.
    const builtin = await api('POST', '/packs/software-sales/apply');
    expect(builtin.status).toBe(200);
    expect(builtin.body.added).toEqual([]);
    expect((await api('GET', '/pipelines')).body.items.map((p: Loose) => p.id)).toEqual([
      'default',
      'events',
    ]);
  });
});

type Case = {
  lang: 'ru' | 'en';
  text: string;
  amount: number;
  currency: string;
  says: string[];
  vendor: { name: string; asks: string };
};
const cases: Case[] = [
  {
    lang: 'ru',
    text: 'Нужен корпоратив на 120 человек в Москве 14 марта 2027, бюджет 2 млн рублей',
    amount: 2_000_000,
    currency: 'RUB',
    says: [
      'корпоратив',
      '14 марта 2027',
      'Москва',
      '120 гостей',
      '2 000 000 ₽',
      'План подготовки',
      'смета: 1 667 500 ₽',
      'укладываемся в ваш бюджет',
      'Запрашиваем предложения у подрядчиков: Loft Arbat (площадка), Вкусно Кейтеринг (кейтеринг), Звук Про (техника), Ведущий Иван Петров (ведущий).',
    ],
    vendor: { name: 'Loft Arbat', asks: 'Запрос коммерческого предложения: корпоратив' },
  },
  {
    lang: 'en',
    text: 'We need a corporate party for 120 people in London on 14 March 2027, budget 50,000 GBP',
    amount: 50_000,
    currency: 'GBP',
    says: [
      'corporate party',
      '14 March 2027',
      'London',
      '120 guests',
      '£50,000',
      'Preparation plan',
      'estimate: £41,055',
      'within your budget',
      'We are asking these vendors for quotes: Shoreditch Hall (venue), Thames Kitchen (catering), City AV (AV), MC Harper (host).',
    ],
    vendor: { name: 'Shoreditch Hall', asks: 'Request for a quote: corporate party' },
  },
];

describe('Maestro answers an event request through the web chat', () => {
  beforeAll(async () => {
    const widget = await api('POST', '/channels/webchat', { title: 'Events' });
    expect(widget.status).toBe(201);
    widgetKey = String(widget.body.key);
  });

  it.each(cases.map((c) => [c.lang, c] as const))(
    '%s: one deal with the event, a plan before the date, an estimate within budget, one reply',
    async (lang, c) => {
      const visitor = `v_packs_${lang}_visitor_00001`;
      const started = performance.now();
      const sent = await fetch(`${server.url}/webchat/v1/${widgetKey}/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ visitorId: visitor, clientMessageId: 'm1', text: c.text }),
      });
      expect(sent.status).toBe(202);
      const conversationId = `conv:webchat:${widgetKey}:${visitor}`;
      let reminders: MessageDoc[] = [];
      const replies = await eventually(async () => {
        const res = await api(
          'GET',
          `/conversations/${encodeURIComponent(conversationId)}/messages?limit=50`,
        );
        // The reply; the reminders before the event are planned beside it (scheduled, checked below).
        const all = (res.body.items ?? []) as MessageDoc[];
        const out = all.filter((m) => m.direction === 'outbound' && !m.scheduledFor);
        reminders = all.filter((m) => m.direction === 'outbound' && m.scheduledFor);
        return out.length ? out : undefined;
      }, 45_000);
      // The target is under 1 s with the offline provider; here the reply is polled for (and a
      // loaded CI machine is slower), so only a wide bound is checked and the time is printed.
      const elapsed = Math.round(performance.now() - started);
      console.info(
        `${lang}: event request answered in ${elapsed} ms (web chat post to stored reply, polled)`,
      );
      expect(elapsed).toBeLessThan(10_000);
      expect(replies).toHaveLength(1);
      expect(reminders.map((m) => m.scheduledFor).sort()).toEqual([
        '2027-03-07T09:00:00.000Z',
        '2027-03-13T09:00:00.000Z',
      ]);
      const text = plain(replies[0]!.text);
      for (const s of c.says) expect(text).toContain(s);

      const leads = ((await api('GET', '/leads?limit=200')).body.items as LeadDoc[]).filter(
        (l) => l.conversationId === conversationId,
      );
      expect(leads).toHaveLength(1);
      const lead = leads[0]!;
      expect(lead.pipelineId).toBe('events');
      expect(lead.stage).toBe('inquiry');
      expect(lead.value).toEqual({ amount: c.amount, currency: c.currency });
      expect(lead.customFields).toMatchObject({
        guests: '120',
        eventDate: '2027-03-14',
        budget: `${c.amount} ${c.currency}`,
      });
      const [estimate, currency] = String(lead.customFields?.estimate).split(' ');
      expect(currency).toBe(c.currency);
      expect(Number(estimate)).toBeGreaterThan(0);
      expect(Number(estimate)).toBeLessThanOrEqual(c.amount);

      const tasks = (await api('GET', `/tasks?leadId=${encodeURIComponent(lead.id)}&limit=100`)).body
        .items as TaskDoc[];
      // The plan's tasks; a request for a quote to each matching vendor, by e-mail in their language.
      expect(tasks.filter((t) => t.createdBy.name === 'planning').length).toBeGreaterThanOrEqual(5);
      expect(tasks.filter((t) => t.createdBy.name === 'vendors')).toHaveLength(0);
      expect(lead.vendorRequests).toHaveLength(4);
      const asked = lead.vendorRequests!.find((r) => r.name === c.vendor.name)!;
      expect(asked).toMatchObject({ channel: 'email', status: 'requested' });
      const rfq = await api('GET', `/conversations/${encodeURIComponent(asked.conversationId)}/messages`);
      expect(rfq.body.items).toMatchObject([
        { direction: 'outbound', channel: 'email', delivery: { status: 'pending' } },
      ]);
      expect(rfq.body.items[0].text).toContain(c.vendor.asks);
      for (const t of tasks) {
        expect(t.createdBy).toMatchObject({ kind: 'agent' });
        expect(Date.parse(String(t.dueAt))).toBeLessThan(Date.parse('2027-03-14T00:00:00Z'));
      }
      const events = (await api('GET', `/events?leadId=${encodeURIComponent(lead.id)}&limit=10`)).body.items;
      expect(events.map((e: Loose) => e.startAt.slice(0, 10))).toEqual(['2027-03-14']);
    },
    90_000,
  );
  it("answers from the team's own rate card, with the cheaper option once it is over budget", async () => {
    const pipeline = (await api('GET', '/pipelines/events')).body as PipelineDoc;
    const incomplete = await api('PATCH', '/pipelines/events', { rateCards: [{ currency: 'RUB' }] });
    expect(incomplete.status).toBe(400);
    const cards = pipeline.rateCards!.map((c) => (c.currency === 'RUB' ? { ...c, venuePerGuest: 9000 } : c));
    const edited = await api('PATCH', '/pipelines/events', { rateCards: cards });
    expect(edited.status, JSON.stringify(edited.body)).toBe(200);
    expect((await api('GET', '/pipelines/events')).body).toMatchObject({
      pack: 'events-agency',
      name: 'Наши события',
    });
    const visitor = 'v_packs_ru_dear_visitor_00001';
    const sent = await fetch(`${server.url}/webchat/v1/${widgetKey}/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ visitorId: visitor, clientMessageId: 'm1', text: cases[0]!.text }),
    });
    expect(sent.status).toBe(202);
    const conversationId = `conv:webchat:${widgetKey}:${visitor}`;
    const reply = await eventually(async () => {
      const res = await api('GET', `/conversations/${encodeURIComponent(conversationId)}/messages?limit=50`);
      const all = (res.body.items ?? []) as MessageDoc[];
      return all.find((m) => m.direction === 'outbound' && !m.scheduledFor);
    }, 45_000);
    // (9000 + 5500) x 120 + 370 000 = 2 110 000, +15% = 2 426 500: over 2 million.
    const text = plain(reply.text);
    expect(text).toContain('смета: 2 426 500 ₽');
    expect(text).toContain('это больше вашего бюджета');
    expect(text).toContain('Вариант дешевле');
  }, 90_000);
  it("reports the events pipeline's deals per type, the average budget and the estimated margin", async () => {
    const res = await api('GET', '/analytics/events', undefined, rep);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({
      pipelineId: 'events',
      deals: 3,
      byType: [{ type: 'corporate', deals: 3, won: 0, lost: 0, winRate: null }],
      averageBudget: { RUB: 2_000_000, GBP: 50_000 },
      estimated: { RUB: 1_667_500 + 2_426_500, GBP: 41_055 },
      // 15% on top of each estimate's costs: 217 500 + 316 500 ₽ and 5 355 £.
      estimatedMargin: { RUB: 534_000, GBP: 5355 },
    });
    expect((await api('GET', '/analytics/events?from=2020-01-01&to=2019-01-01')).status).toBe(400);
  });
});

// Objection handling end to end (issue 38): the demo team seeded on a real server (with its objection
// library), a web chat made through the API, and customers writing objections through the widget's
// public endpoints with the offline provider (no model configured). "It's too expensive" and "Дорого"
// get the library's approved answer in their language, citing the script, not a hand-off; the deal
// records the objection; an admin's edit of the Russian answer is what the next customer gets; a
// salutation that only looks like "дорого" is no objection. With a product in the catalog, "How much for 20
// Widget Pro?" is quoted and "It's too expensive" after it still gets the library's answer; "9 Widget
// Pro" gets the next volume tier's computed saving, taken up when the customer asks for 10, and the
// analytics count both.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { conversationIdFor } from '@app/shared/ids';
import type { ConversationDoc, LeadDoc, ObjectionDoc } from '@app/shared/schemas';
import type { RunningServer } from '../src/server';
import { call, eventually, startTestServer, tempDir } from './helpers';

let dir: ReturnType<typeof tempDir>;
let server: RunningServer;
let teamId: string;
let token: string;
let base: string;
let key: string;

beforeAll(async () => {
  dir = tempDir('objections-e2e-');
  server = await startTestServer(dir.path, { SEED_DEMO: 'true', WEBCHAT_NEW_VISITORS_PER_HOUR: '100' });
  teamId = server.seeded!.teamId;
  const login = await call(server.url, 'POST', '/api/v1/auth/login', {
    body: { email: server.seeded!.email, password: server.seeded!.password },
  });
  token = login.body.accessToken;
  const created = await call(server.url, 'POST', '/api/v1/channels/webchat', {
    token,
    body: { title: 'Чат' },
  });
  expect(created.status).toBe(201);
  key = String(created.body.key);
  base = `${server.url}/webchat/v1/${key}`;
}, 120_000);

afterAll(async () => {
  await server?.close();
  dir?.remove();
});

const visitorOf = (name: string) => `v_objections_${name}_visitor_0001`;

/** The visitor's n-th message (from 1) and the n-th reply. */
async function say(visitor: string, text: string, language: 'ru' | 'en', n = 1): Promise<string> {
  const res = await fetch(`${base}/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'accept-language': language === 'ru' ? 'ru-RU' : 'en-US' },
    body: JSON.stringify({ visitorId: visitorOf(visitor), clientMessageId: `m${n}`, text }),
  });
  expect(res.status, text).toBe(202);
  return eventually(async () => {
    const polled = await fetch(`${base}/messages?visitorId=${visitorOf(visitor)}`);
    const { messages } = (await polled.json()) as { messages: { direction: string; text: string }[] };
    return messages.filter((m) => m.direction === 'outbound')[n - 1]?.text;
  }, 60_000);
}

async function dealOf(visitor: string): Promise<{ conversation: ConversationDoc; lead: LeadDoc }> {
  // The store's doc as stored (`_id`): its id is the one the channel derives.
  const id = conversationIdFor('webchat', key, visitorOf(visitor));
  const stored = (await server.store
    .teamDb<ConversationDoc>(teamId, 'conversations')
    .get(id)) as unknown as ConversationDoc;
  const conversation = { ...stored, id };
  const res = await call(server.url, 'GET', `/api/v1/leads/${conversation.leadId}`, { token });
  expect(res.status).toBe(200);
  return { conversation, lead: res.body as LeadDoc };
}

async function tooExpensive(): Promise<ObjectionDoc & { rev: string }> {
  const res = await call(server.url, 'GET', '/api/v1/objections?type=too-expensive', { token });
  expect(res.status).toBe(200);
  return res.body.items[0];
}

const answerIn = (o: ObjectionDoc, language: 'ru' | 'en') =>
  o.answers.find((a) => a.language === language && !a.stage)!.text;

describe('objections through the web chat (offline provider, demo library)', () => {
  it.each([
    ['en-expensive', "It's too expensive", 'en', /Source: objection library, “Too expensive”/],
    ['ru-expensive', 'Дорого', 'ru', /Источник: библиотека возражений, «Дорого»/],
  ] as const)(
    '%s: the library’s answer, and the deal shows the objection',
    async (visitor, text, language, source) => {
      const library = await tooExpensive();
      const reply = await say(visitor, text, language);
      expect(reply).toContain(answerIn(library, language));
      expect(reply).toMatch(source);
      const { conversation, lead } = await dealOf(visitor);
      expect(conversation.mode).toBe('ai');
      expect(lead.objections).toEqual([
        expect.objectContaining({ type: 'too-expensive', objectionId: library.id, language }),
      ]);
      // The step reps see in the conversation's activity.
      const { docs } = await server.store
        .teamDb(teamId, 'activity')
        .find({ selector: { conversationId: conversation.id, name: 'objection' } });
      expect(docs).toHaveLength(1);
      expect(docs[0]).toMatchObject({
        status: 'ok',
        role: 'answer',
        messageId: expect.stringContaining(visitor),
      });
    },
    90_000,
  );

  it('answers with what an admin wrote in the library; a salutation is no objection', async () => {
    const library = await tooExpensive();
    const edited = 'Понимаю вас. Давайте начнём с пяти мест и посчитаем окупаемость через месяц.';
    const answers = library.answers.map((a) =>
      a.language === 'ru' && !a.stage ? { ...a, text: edited } : a,
    );
    const patched = await call(server.url, 'PATCH', `/api/v1/objections/${library.id}`, {
      token,
      body: { answers },
    });
    expect(patched.status).toBe(200);
    // The runs read the library from memory, current a moment after the write.
    await eventually(async () => {
      const reply = await say(`ru-edited-${Date.now() % 100000}`, 'Слишком дорого для нас', 'ru');
      return reply.includes(edited) ? reply : undefined;
    }, 30_000);
    const reply = await say('ru-dear', 'Дорогой Иван, пришлите, пожалуйста, счёт на оплату', 'ru');
    expect(reply).not.toMatch(/библиотека возражений/);
    const { lead } = await dealOf('ru-dear');
    expect(lead.objections ?? []).toEqual([]);
  }, 120_000);

  it('after a quote of 20 Widget Pro, an objection gets the library’s answer; a near tier is suggested', async () => {
    const product = await call(server.url, 'POST', '/api/v1/products', {
      token,
      body: {
        sku: 'WP-1',
        name: 'Widget Pro',
        prices: [{ currency: 'RUB', amount: 1250 }],
        discounts: [{ minQuantity: 10, percent: 10 }],
      },
    });
    expect(product.status).toBe(201);
    const library = await tooExpensive();
    // The runs read the catalog from memory, current a moment after the write.
    const quoted = await say('en-quoted', 'How much for 20 Widget Pro?', 'en');
    expect(quoted.replace(/[\u00a0\u202f]/g, ' ')).toContain('₽22,500');
    expect(quoted).toMatch(/Source: Product catalog/);
    const objected = await say('en-quoted', "It's too expensive", 'en', 2);
    expect(objected).toContain(answerIn(library, 'en'));
    const { conversation, lead } = await dealOf('en-quoted');
    expect(conversation.mode).toBe('ai');
    expect(lead.quote).toMatchObject({ total: 22500, currency: 'RUB' });
    expect(lead.objections).toEqual([
      expect.objectContaining({ type: 'too-expensive', objectionId: library.id, language: 'en' }),
    ]);

    // 9 of a 10-piece tier: the tier's saving, computed from the catalog; 10 asked next takes it up.
    const near = await say('en-near', 'How much for 9 Widget Pro?', 'en');
    expect(near.replace(/[\u00a0\u202f]/g, ' ')).toContain(
      'From 10 pcs, Widget Pro is 10% off: 10 pcs for ₽11,250 instead of ₽12,500 (you save ₽1,250).',
    );
    await say('en-near', 'How much for 10 Widget Pro?', 'en', 2);
    const { lead: nearLead } = await dealOf('en-near');
    expect(nearLead.suggestions).toEqual([
      expect.objectContaining({
        kind: 'tier',
        productId: product.body.id,
        quantity: 10,
        outcome: 'accepted',
      }),
    ]);
    const report = await call(server.url, 'GET', '/api/v1/analytics/summary', { token });
    expect(report.status).toBe(200);
    expect(report.body.suggestions).toMatchObject({ made: 1, accepted: 1, rate: 1 });
  }, 180_000);
});

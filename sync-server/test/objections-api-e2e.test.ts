// The objection library (issue 38) through the admin API of a real sync server (embedded store,
// loopback): an admin creates, reads, changes and deletes objections; malformed bodies answer a
// readable 4xx; a type is unique within the team (409); reps and viewers read but are refused writes
// (403); another team's ids answer 404; the filters; the same docs through the sync gateway.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApiTestServer, type ApiTestServer, type Loose, type TestTeam } from './api-kit';
import { call } from './helpers';

let api: ApiTestServer;
let a: TestTeam;
let b: TestTeam;

const objection = (type: string, extra: Record<string, unknown> = {}) => ({
  type,
  name: { ru: `Возражение ${type}`, en: `Objection ${type}` },
  triggers: { ru: ['Дорого'], en: ["It's too expensive"] },
  answers: [
    { language: 'ru', text: 'Понимаю, давайте посчитаем окупаемость.' },
    { language: 'en', text: 'I understand, let us work out the payback.' },
  ],
  ...extra,
});

async function created(token: string, body: Record<string, unknown>): Promise<Loose> {
  const res = await api.as(token)('POST', '/objections', body);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

async function listTypes(token: string, query = ''): Promise<string[]> {
  const res = await api.as(token)('GET', `/objections?limit=100${query ? `&${query}` : ''}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return (res.body as Loose).items.map((i: { type: string }) => i.type).sort();
}

beforeAll(async () => {
  api = await startApiTestServer();
  a = await api.team('Objections A');
  b = await api.team('Objections B');
}, 60_000);
afterAll(() => api?.close());

describe('objections API', () => {
  it('an admin creates, reads, changes (an answer in Russian) and deletes an objection', async () => {
    const admin = api.as(b.admin);
    const made = await created(
      b.admin,
      objection('too-expensive', {
        comparisons: [{ competitor: 'Acme', language: 'en', text: 'Unlike Acme, agents are included.' }],
      }),
    );
    expect(made).toMatchObject({ active: true, rev: expect.stringMatching(/^1-/) });
    expect(made.id).toMatch(/^objection/);
    expect((await admin('GET', `/objections/${made.id}`)).body).toEqual(made);
    const answers = [
      { language: 'ru', text: 'Понимаю. Годовая оплата дешевле на 15%.' },
      { language: 'en', text: 'I understand, let us work out the payback.' },
      { language: 'ru', stage: 'negotiation', text: 'Могу подготовить расчёт на год.' },
    ];
    const changed = await admin('PATCH', `/objections/${made.id}`, { answers });
    expect(changed.status, JSON.stringify(changed.body)).toBe(200);
    expect(changed.body.answers).toEqual(answers);
    expect(changed.body.fieldUpdatedAt.answers).toBeDefined();
    expect((await admin('DELETE', `/objections/${made.id}`)).status).toBe(204);
    const gone = await admin('GET', `/objections/${made.id}`);
    expect(gone.status).toBe(404);
    expect(gone.body.error.code).toBe('not-found');
  });

  it('answers malformed objections with a readable 400', async () => {
    const admin = api.as(b.admin);
    const cases: [unknown, RegExp][] = [
      [{ ...objection('no-answers'), answers: [] }, /answers/],
      [{ ...objection('no-name'), name: undefined }, /name/],
      [objection('Too Expensive!'), /type/],
      [objection('no-triggers', { triggers: {} }), /triggers: needs at least one/],
      [objection('blank', { triggers: { ru: ['  '] } }), /triggers/],
      [objection('bad-lang', { answers: [{ language: 'de', text: 'Zu teuer' }] }), /language/],
      [
        objection('twice', {
          answers: [
            { language: 'ru', text: 'Один' },
            { language: 'ru', text: 'Два' },
          ],
        }),
        /second answer for ru/,
      ],
      [objection('bad-stage', { answers: [{ language: 'en', stage: 'Not A Stage!', text: 'x' }] }), /stage/],
      [objection('extra', { colour: 'red' }), /colour|additional/],
      [[objection('array')], /body|object/i],
      [objection('long', { answers: [{ language: 'en', text: 'x'.repeat(2001) }] }), /text/],
    ];
    for (const [body, message] of cases) {
      const res = await admin('POST', '/objections', body);
      expect(res.status, JSON.stringify(body).slice(0, 80)).toBe(400);
      expect(res.body.error.message).toMatch(message);
      expect(res.body.error.code).toMatch(/^[a-z-]+$/);
    }
    expect(await listTypes(b.admin)).toEqual([]);
  });

  it('keeps types unique within the team (409 objection-type-taken)', async () => {
    const first = await created(b.admin, objection('not-now'));
    const second = await created(b.admin, objection('no-budget'));
    const again = await api.as(b.admin)('POST', '/objections', objection('not-now'));
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('objection-type-taken');
    const retyped = await api.as(b.admin)('PATCH', `/objections/${second.id}`, { type: 'not-now' });
    expect(retyped.status).toBe(409);
    const elsewhere = await created(a.admin, objection('not-now'));
    for (const [team, id] of [
      [b, first.id],
      [b, second.id],
      [a, elsewhere.id],
    ] as const) {
      expect((await api.as(team.admin)('DELETE', `/objections/${id}`)).status).toBe(204);
    }
  });

  it("lets reps and viewers read the library but refuses them writes (403); another team's is 404", async () => {
    const made = await created(b.admin, objection('send-info'));
    for (const token of [b.rep, b.viewer]) {
      const who = api.as(token);
      expect((await who('GET', `/objections/${made.id}`)).body.type).toBe('send-info');
      const refused = [
        await who('POST', '/objections', objection('rep-made')),
        await who('PATCH', `/objections/${made.id}`, { answers: [{ language: 'ru', text: 'Мой ответ' }] }),
        await who('DELETE', `/objections/${made.id}`),
      ];
      for (const res of refused) {
        expect(res.status).toBe(403);
        expect(res.body.error.code).toMatch(/forbidden/);
      }
    }
    expect((await api.as(b.admin)('GET', `/objections/${made.id}`)).body.rev).toBe(made.rev);
    expect((await api.as(a.admin)('GET', `/objections/${made.id}`)).status).toBe(404);
    expect((await api.as(a.admin)('PATCH', `/objections/${made.id}`, { active: false })).status).toBe(404);
    expect((await api.as(b.admin)('DELETE', `/objections/${made.id}`)).status).toBe(204);
  });

  it('filters by type, active and text; replicates through /sync/objections/ to the team only', async () => {
    await created(a.admin, objection('too-expensive'));
    await created(
      a.admin,
      objection('competitor', { triggers: { en: ['We use Salesforce'] }, active: false }),
    );
    expect(await listTypes(a.rep)).toEqual(['competitor', 'too-expensive']);
    expect(await listTypes(a.rep, 'active=false')).toEqual(['competitor']);
    expect(await listTypes(a.rep, 'type=too-expensive')).toEqual(['too-expensive']);
    expect(await listTypes(a.rep, 'q=salesforce')).toEqual(['competitor']);
    for (const bad of ['active=maybe', 'type=Not%20Kebab', 'colour=red']) {
      expect((await api.as(a.rep)('GET', `/objections?${bad}`)).status, bad).toBe(400);
    }
    const changes = await call(api.base, 'GET', '/sync/objections/_changes?include_docs=true', {
      token: a.rep,
    });
    expect(changes.status).toBe(200);
    // Live docs only (the earlier test's deleted one is a tombstone), and none of team B's.
    expect((changes.body as Loose).results.filter((r: Loose) => !r.deleted).length).toBe(2);
    const push = await call(api.base, 'PUT', '/sync/objections/objection-by-rep', {
      token: a.rep,
      body: {
        ...objection('by-rep'),
        createdAt: '2026-03-02T10:15:00.000Z',
        updatedAt: '2026-03-02T10:15:00.000Z',
      },
    });
    expect(push.status).toBe(403);
    const doc = (await call(api.base, 'GET', '/api/v1/openapi.json')).body as Loose;
    expect(Object.keys(doc.paths['/api/v1/objections'])).toEqual(expect.arrayContaining(['get', 'post']));
    expect(Object.keys(doc.paths['/api/v1/objections/{id}'])).toEqual(
      expect.arrayContaining(['get', 'patch', 'delete']),
    );
  });
});

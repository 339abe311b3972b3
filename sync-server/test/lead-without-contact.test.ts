// A deal may exist without a contact (issue 17): through the API and the sync gateway a lead without
// `contactId` is stored as it is, and nothing makes up a contact for it (the desktop editor made one
// named after the deal). A contact the lead does name must still exist.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApiTestServer, type ApiTestServer, type TestTeam } from './api-kit';
import { call, leadDoc } from './helpers';

let t: ApiTestServer;
let team: TestTeam;

beforeAll(async () => {
  t = await startApiTestServer();
  team = await t.team('No contact');
});
afterAll(() => t?.close());

const contactCount = async () => (await t.as(team.rep)('GET', '/contacts')).body.items.length;

describe('a lead without a contact', () => {
  it('is created, read, moved and listed through the API, and no contact appears', async () => {
    const rep = t.as(team.rep);
    const before = await contactCount();
    const created = await rep('POST', '/leads', {
      title: 'Website redesign',
      value: { amount: 5000, currency: 'EUR' },
    });
    expect(created.status).toBe(201);
    expect(created.body.contactId).toBeUndefined();
    expect(created.body.stage).toBe('new');
    const moved = await rep('PATCH', `/leads/${created.body.id}`, { stage: 'qualified' });
    expect(moved.status).toBe(200);
    expect(moved.body.contactId).toBeUndefined();
    expect((await rep('GET', '/leads?q=redesign')).body.items.map((l: { id: string }) => l.id)).toEqual([
      created.body.id,
    ]);
    expect(await contactCount()).toBe(before);
    // A contact named later must exist; one that does is taken.
    const unknown = await rep('PATCH', `/leads/${created.body.id}`, { contactId: 'nobody' });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('contact-not-found');
    const anna = await rep('POST', '/contacts', { name: 'Anna' });
    const tied = await rep('PATCH', `/leads/${created.body.id}`, { contactId: anna.body.id });
    expect(tied.status).toBe(200);
    expect(tied.body.contactId).toBe(anna.body.id);
  });

  it('is accepted when a device pushes it through the gateway, and no contact appears', async () => {
    const before = await contactCount();
    const { contactId: _none, ...doc } = leadDoc('lead-bare');
    const res = await call(t.base, 'POST', '/sync/leads/_bulk_docs', {
      token: team.rep,
      body: { docs: [doc] },
    });
    expect(res.status).toBe(201);
    expect(res.body[0]).toMatchObject({ id: 'lead-bare', ok: true });
    const got = await t.as(team.rep)('GET', '/leads/lead-bare');
    expect(got.status).toBe(200);
    expect(got.body.contactId).toBeUndefined();
    expect(await contactCount()).toBe(before);
  });
});

// Contacts, leads, agent settings and conversations through the real server and embedded store.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  conversationDoc,
  messageDoc,
  startApiTestServer,
  type ApiTestServer,
  type TestTeam,
} from '../../test/api-kit';

let t: ApiTestServer;
let team: TestTeam;

beforeAll(async () => {
  t = await startApiTestServer();
  team = await t.team('CRUD');
});
afterAll(() => t?.close());

describe('contacts', () => {
  it('creates with defaults and server stamps, reads, patches and deletes', async () => {
    const rep = t.as(team.rep);
    const created = await rep('POST', '/contacts', {
      name: 'Анна Петрова',
      phone: '+79991234567',
      tags: ['b2b'],
    });
    expect(created.status).toBe(201);
    const c = created.body;
    expect(c).toMatchObject({
      name: 'Анна Петрова',
      identities: [],
      optOut: false,
      agentAccess: 'default',
      twin: { facts: [] },
    });
    expect(c.createdAt).toBe(c.updatedAt);
    expect(Object.keys(c.fieldUpdatedAt).sort()).toEqual(['name', 'phone', 'tags']);

    const got = await rep('GET', `/contacts/${c.id}`);
    expect(got.status).toBe(200);
    expect(got.body.rev).toBe(c.rev);

    await new Promise((r) => setTimeout(r, 5));
    const patched = await rep('PATCH', `/contacts/${c.id}`, { company: 'Ромашка', tags: null });
    expect(patched.status).toBe(200);
    expect(patched.body.company).toBe('Ромашка');
    expect(patched.body.tags).toBeUndefined();
    expect(patched.body.fieldUpdatedAt.company > c.fieldUpdatedAt.name).toBe(true);
    expect(patched.body.fieldUpdatedAt.name).toBe(c.fieldUpdatedAt.name);

    expect(
      (await rep('PATCH', `/contacts/${c.id}`, { company: 'X' }, { 'if-match': 'garbage' })).status,
    ).toBe(400);
    expect((await rep('DELETE', `/contacts/${c.id}`, undefined, { 'if-match': '"1-zz"' })).status).toBe(400);
    const stale = await rep('PATCH', `/contacts/${c.id}`, { company: 'X' }, { 'if-match': `"${c.rev}"` });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('conflict');

    const deleted = await rep('DELETE', `/contacts/${c.id}`);
    expect(deleted.status).toBe(204);
    expect((await rep('GET', `/contacts/${c.id}`)).body.error.code).toBe('contact-not-found');
  });

  it('validates every write against the shared schema and refuses server fields', async () => {
    const rep = t.as(team.rep);
    const bad = await rep('POST', '/contacts', { name: 'x', agentAccess: 'sometimes', extra: 1 });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('validation-failed');
    expect(bad.body.error.message).toMatch(/agentAccess|extra/);
    expect((await rep('POST', '/contacts', { name: 'x', createdAt: '2020-01-01T00:00:00Z' })).status).toBe(
      400,
    );
    const ok = await rep('POST', '/contacts', { name: 'Fine' });
    expect((await rep('PATCH', `/contacts/${ok.body.id}`, { id: 'other' })).status).toBe(400);
    expect((await rep('PATCH', `/contacts/${ok.body.id}`, { optOut: 'yes' })).status).toBe(400);
    expect((await rep('POST', '/contacts', { id: ok.body.id, name: 'Dup' })).status).toBe(409);
  });

  it('pages with a cursor and filters by tag, owner, channel, updatedSince and text', async () => {
    const rep = t.as(team.rep);
    for (let i = 0; i < 7; i++) {
      const res = await rep('POST', '/contacts', {
        id: `page-${i}`,
        name: `Page Person ${i}`,
        company: i % 2 ? 'Odd LLC' : 'Even Inc',
        email: `p${i}@example.com`,
        tags: i < 3 ? ['vip'] : [],
        ownerId: i === 4 ? 'user-4' : undefined,
        identities: i === 5 ? [{ channel: 'telegram', externalId: '555000', username: 'five' }] : [],
      });
      expect(res.status).toBe(201);
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res = await rep('GET', `/contacts?q=page%20person&limit=3${cursor ? `&cursor=${cursor}` : ''}`);
      expect(res.status).toBe(200);
      expect(res.body.items.length).toBeLessThanOrEqual(3);
      seen.push(...res.body.items.map((c: { id: string }) => c.id));
      cursor = res.body.nextCursor;
      pages++;
    } while (cursor && pages < 10);
    expect(seen).toEqual([0, 1, 2, 3, 4, 5, 6].map((i) => `page-${i}`));

    // Unfiltered pages: every contact once, in id order.
    const all: string[] = [];
    let next: string | null = null;
    for (let i = 0; i < 20; i++) {
      const res = await rep('GET', `/contacts?limit=2${next ? `&cursor=${next}` : ''}`);
      all.push(...res.body.items.map((c: { id: string }) => c.id));
      next = res.body.nextCursor;
      if (!next) break;
    }
    expect(all).toEqual([...new Set(all)].sort());
    expect(all.filter((id) => id.startsWith('page-'))).toHaveLength(7);

    const ids = async (query: string) =>
      ((await rep('GET', `/contacts?${query}`)).body.items as { id: string }[]).map((c) => c.id);
    expect(await ids('tag=vip')).toEqual(['page-0', 'page-1', 'page-2']);
    expect(await ids('owner=user-4')).toEqual(['page-4']);
    expect(await ids('channel=telegram')).toEqual(['page-5']);
    expect(await ids('q=ODD%20llc')).toEqual(['page-1', 'page-3', 'page-5']);
    expect(await ids('q=p6%40example')).toEqual(['page-6']);
    expect(await ids('q=555000')).toEqual(['page-5']);
    expect(await ids(`updatedSince=${encodeURIComponent('2999-01-01T00:00:00Z')}`)).toEqual([]);
    expect((await ids('updatedSince=2000-01-01T00:00:00Z')).length).toBeGreaterThanOrEqual(7);
    expect((await rep('GET', '/contacts?limit=0')).status).toBe(400);
    expect((await rep('GET', '/contacts?limit=5000')).status).toBe(400);
    expect((await rep('GET', '/contacts?cursor=***')).status).toBe(400);
    expect((await rep('GET', '/contacts?tag=a&tag=b')).status).toBe(400);
    expect((await rep('GET', '/contacts?bogus=1')).status).toBe(400);
  });

  it('finds phones by their digits', async () => {
    const rep = t.as(team.rep);
    await rep('POST', '/contacts', { id: 'phone-1', name: 'Phone', phone: '+7 (912) 345-67-89' });
    const res = await rep('GET', `/contacts?q=${encodeURIComponent('79123456789')}`);
    expect(res.body.items.map((c: { id: string }) => c.id)).toEqual(['phone-1']);
  });
});

describe('contact phones (issue 60: one number typed two ways was two contacts)', () => {
  it('stores every phone in E.164 and refuses a second contact with the same number', async () => {
    const fresh = await t.team('Phones');
    const rep = t.as(fresh.rep);
    const typed = await rep('POST', '/contacts', { name: 'Typed', phone: '8 (915) 123-45-67' });
    expect(typed.status).toBe(201);
    expect(typed.body.phone).toBe('+79151234567');
    const again = await rep('POST', '/contacts', { name: 'E.164', phone: '+79151234567' });
    expect(again.status, JSON.stringify(again.body)).toBe(409);
    expect(again.body.error).toMatchObject({ code: 'conflict', details: { contactId: typed.body.id } });
    const listed = await rep('GET', '/contacts');
    expect(listed.body.items.filter((c: { phone?: string }) => c.phone === '+79151234567')).toHaveLength(1);
    // A patch and the list of phones are stored the same way.
    const other = await rep('POST', '/contacts', { name: 'Other' });
    const patched = await rep('PATCH', `/contacts/${other.body.id}`, {
      phone: '(916) 765 43 21',
      phones: [{ value: '8 916 765-43-21', at: new Date().toISOString() }],
    });
    expect(patched.status).toBe(200);
    expect(patched.body.phone).toBe('+79167654321');
    expect(patched.body.phones[0].value).toBe('+79167654321');
  });
});

describe('roles', () => {
  it('lets viewers read but not write', async () => {
    const viewer = t.as(team.viewer);
    expect((await viewer('GET', '/contacts')).status).toBe(200);
    const res = await viewer('POST', '/contacts', { name: 'Nope' });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('role-forbidden');
    expect((await viewer('PATCH', '/contacts/page-1', { name: 'Nope' })).status).toBe(403);
    expect((await viewer('DELETE', '/contacts/page-1')).status).toBe(403);
    expect((await viewer('POST', '/leads', { contactId: 'page-1', title: 'x' })).status).toBe(403);
  });

  it('lets only admins write agent settings', async () => {
    const profile = {
      name: 'Sales',
      persona: 'Friendly',
      instructions: 'Be brief',
      allowedTools: ['search_knowledge'],
      channels: ['telegram'],
    };
    expect((await t.as(team.rep)('POST', '/agent-settings', profile)).status).toBe(403);
    const created = await t.as(team.admin)('POST', '/agent-settings', profile);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      language: 'auto',
      isDefault: false,
      toolEffects: { closeStage: 'propose', value: 'propose', owner: 'propose' },
    });
    const bad = await t.as(team.admin)('PATCH', `/agent-settings/${created.body.id}`, {
      quietHours: { from: '25:00', to: '08:00' },
    });
    expect(bad.status).toBe(400);
    const ok = await t.as(team.admin)('PATCH', `/agent-settings/${created.body.id}`, {
      handoffThreshold: 0.3,
    });
    expect(ok.body.handoffThreshold).toBe(0.3);
    // Unset (null removes the field) the threshold is automatic again: the classifier's calibrated one.
    const automatic = await t.as(team.admin)('PATCH', `/agent-settings/${created.body.id}`, {
      handoffThreshold: null,
    });
    expect(automatic.status).toBe(200);
    expect('handoffThreshold' in automatic.body).toBe(false);
    expect(automatic.body.fieldUpdatedAt.handoffThreshold).toBeDefined();
    expect((await t.as(team.viewer)('GET', '/agent-settings')).body.items.length).toBe(1);

    const first = await t.as(team.admin)('PATCH', `/agent-settings/${created.body.id}`, { isDefault: true });
    expect(first.body.isDefault).toBe(true);
    const second = await t.as(team.admin)('POST', '/agent-settings', {
      ...profile,
      name: 'Support',
      isDefault: true,
    });
    expect(second.status).toBe(201);
    const defaults = (await t.as(team.viewer)('GET', '/agent-settings')).body.items.filter(
      (p: { isDefault: boolean }) => p.isDefault,
    );
    expect(defaults.map((p: { id: string }) => p.id)).toEqual([second.body.id]);
  });
});

describe('members', () => {
  it('lists members; admins invite, change roles and remove; others cannot', async () => {
    const admin = t.as(team.admin);
    const list = await t.as(team.viewer)('GET', '/members');
    expect(list.status).toBe(200);
    expect(list.body.items.map((m: { role: string }) => m.role).sort()).toEqual(['admin', 'rep', 'viewer']);
    expect(
      (await t.as(team.rep)('POST', '/members/invite', { email: 'x@example.com', role: 'rep' })).status,
    ).toBe(403);
    expect((await admin('POST', '/members/invite', { email: 'x@example.com', role: 'owner' })).status).toBe(
      400,
    );
    expect((await admin('POST', '/members/invite', { email: 'not-mail', role: 'rep' })).status).toBe(400);
    const invite = await admin('POST', '/members/invite', { email: 'newbie@example.com', role: 'viewer' });
    expect(invite.status).toBe(201);
    expect(invite.body).toMatchObject({ email: 'newbie@example.com', role: 'viewer' });
    expect(invite.body.inviteToken.length).toBeGreaterThan(20);

    const rep = list.body.items.find((m: { role: string }) => m.role === 'rep');
    expect((await t.as(team.rep)('PATCH', `/members/${rep.id}`, { role: 'admin' })).status).toBe(403);
    // A role change ends the member's sessions: done on a member of its own, the team's rep goes on.
    const changing = await t.member(team.admin, 'rep');
    const changingId = (await t.as(changing)('GET', '/me')).body.user.id as string;
    const demoted = await admin('PATCH', `/members/${changingId}`, { role: 'viewer' });
    expect(demoted.status).toBe(200);
    expect(demoted.body.role).toBe('viewer');
    expect((await t.as(changing)('GET', '/me')).body.error.code).toBe('token-revoked');
    expect((await admin('PATCH', `/members/${changingId}`, { role: 'rep' })).body.role).toBe('rep');
    expect((await admin('PATCH', '/members/nobody', { role: 'rep' })).status).toBe(404);
    expect((await admin('DELETE', `/members/${team.session.user.id}`)).status).toBe(403);

    const temp = await t.member(team.admin, 'viewer');
    const tempId = (await t.as(temp)('GET', '/me')).body.user.id as string;
    expect((await t.as(team.rep)('DELETE', `/members/${tempId}`)).status).toBe(403);
    expect((await admin('DELETE', `/members/${tempId}`)).status).toBe(204);
    const after = (await admin('GET', '/members')).body.items.map((m: { id: string }) => m.id);
    expect(after).not.toContain(tempId);
  });
});

describe('leads', () => {
  it('needs an existing contact of the team, filters by stage and channel, stamps stage changes', async () => {
    const rep = t.as(team.rep);
    const missing = await rep('POST', '/leads', { contactId: 'nobody', title: 'Deal' });
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('contact-not-found');
    const a = await rep('POST', '/leads', {
      contactId: 'page-1',
      title: 'CRM deal',
      source: { channel: 'telegram' },
    });
    expect(a.status).toBe(201);
    expect(a.body).toMatchObject({ stage: 'new', stageChangedAt: a.body.createdAt });
    const b = await rep('POST', '/leads', {
      contactId: 'page-2',
      title: 'Other',
      stage: 'proposal',
      value: { amount: 1000, currency: 'RUB' },
    });
    expect(b.status).toBe(201);
    expect((await rep('POST', '/leads', { contactId: 'page-2', title: 'Bad', stage: 'maybe' })).status).toBe(
      400,
    );

    const stage = await rep('GET', '/leads?stage=proposal');
    expect(stage.body.items.map((l: { id: string }) => l.id)).toEqual([b.body.id]);
    const channel = await rep('GET', '/leads?channel=telegram');
    expect(channel.body.items.map((l: { id: string }) => l.id)).toEqual([a.body.id]);
    expect((await rep('GET', '/leads?stage=Bogus!')).status).toBe(400);
    const moved = await rep('PATCH', `/leads/${a.body.id}`, { stage: 'won' });
    expect(moved.body.stageChangedAt).toBe(moved.body.updatedAt);
    expect((await rep('GET', `/leads?contactId=page-2`)).body.items).toHaveLength(1);
    // Text search finds leads by their title and by their contact's name or company.
    expect((await rep('GET', '/leads?q=crm')).body.items.map((l: { id: string }) => l.id)).toEqual([
      a.body.id,
    ]);
    expect(
      (await rep('GET', '/leads?q=Page%20Person%202')).body.items.map((l: { id: string }) => l.id),
    ).toEqual([b.body.id]);
  });
});

describe('conversations', () => {
  it('lists conversations and their messages oldest first with a cursor', async () => {
    const store = t.server.store;
    await store.teamDb(team.teamId, 'conversations').insert(conversationDoc('conv-a', 'page-1'));
    const messages = store.teamDb(team.teamId, 'messages');
    for (let i = 0; i < 5; i++) {
      await messages.insert(
        messageDoc(`m-${4 - i}`, 'conv-a', { text: `hello ${i}`, createdAt: `2026-03-02T10:1${i}:00.000Z` }),
      );
    }
    const viewer = t.as(team.viewer);
    expect(
      (await viewer('GET', '/conversations?contactId=page-1')).body.items.map((c: { id: string }) => c.id),
    ).toEqual(['conv-a']);
    const first = await viewer('GET', '/conversations/conv-a/messages?limit=3');
    expect(first.status).toBe(200);
    expect(first.body.items.map((m: { text: string }) => m.text)).toEqual(['hello 0', 'hello 1', 'hello 2']);
    const second = await viewer(
      'GET',
      `/conversations/conv-a/messages?limit=3&cursor=${first.body.nextCursor}`,
    );
    expect(second.body.items.map((m: { text: string }) => m.text)).toEqual(['hello 3', 'hello 4']);
    expect(second.body.nextCursor).toBeNull();
    expect((await viewer('GET', '/conversations/none/messages')).body.error.code).toBe(
      'conversation-not-found',
    );
  });
});

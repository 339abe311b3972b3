// Splitting a merged contact again (issue 14) through a real sync server, on the embedded store (and on
// Apache CouchDB in the CouchDB pass): a Telegram contact and a mail contact are merged, then split.
// The mail contact gets back its conversation (with a message its customer wrote after the merge), its
// deal, task, meeting and messages, its e-mail identity, phone and twin facts; the kept contact keeps
// what was its own and what was made on it after the merge; both name each other in `notSameAs`; a
// history line and an activity entry name the rep. A merge made before merges were recorded is split by
// the mail contact's channel identity. Unknown ids, a pair never merged, a second split and viewers are
// refused; the pair can be merged again afterwards.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApiTestServer, messageDoc, type ApiTestServer, type Loose, type TestTeam } from './api-kit';
import { activityOn, at, fact, putDoc, seedContactPair } from './contact-pair-kit';
import { mergeClaimId } from '../src/store/contact-merge';
import { call } from './helpers';

let t: ApiTestServer;
let team: TestTeam;

const put = (token: string, collection: string, doc: { _id: string } & Record<string, unknown>) =>
  putDoc(t, token, collection, doc);
const getDoc = async (collection: string, id: string) =>
  (await call(t.base, 'GET', `/sync/${collection}/${encodeURIComponent(id)}`, { token: team.rep }))
    .body as Loose;
/** A Telegram contact and a mail contact (its own chat, deal, task, meeting, message and facts). */
const seedPair = (tag: string) => seedContactPair(t, team, tag);

async function merge(tg: string, mail: string) {
  const res = await t.as(team.rep)('POST', `/contacts/${tg}/merge`, { from: mail });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
}

/** After the merge: the mail customer writes again (in its chat), a rep adds a deal to the kept one. */
async function afterMerge(tg: string, mail: string) {
  const later = [
    await put(
      team.admin,
      'messages',
      messageDoc(`m2-${mail}`, `c-${mail}`, { contactId: tg, channel: 'email' }),
    ),
    await put(team.admin, 'messages', messageDoc(`m2-${tg}`, `c-${tg}`, { contactId: tg })),
    await call(t.base, 'POST', '/api/v1/leads', {
      token: team.rep,
      body: { id: `l2-${tg}`, title: 'Deal after the merge', contactId: tg },
    }),
  ];
  for (const r of later) expect(r.status, JSON.stringify(r.body)).toBeLessThan(300);
  // The agents' facts of both later messages, on the kept contact.
  const kept = (await t.as(team.rep)('GET', `/contacts/${tg}`)).body as Loose;
  const patch = await t.as(team.admin)('PATCH', `/contacts/${tg}`, {
    twin: {
      ...kept.twin,
      facts: [
        ...kept.twin.facts,
        fact(`f2-${mail}`, `m2-${mail}`, `c-${mail}`, 'need'),
        fact(`f2-${tg}`, `m2-${tg}`, `c-${tg}`, 'team_size'),
      ],
    },
  });
  expect(patch.status, JSON.stringify(patch.body)).toBe(200);
}

const splitActivity = (contactId: string) => activityOn(t, team.rep, 'contact-split', contactId);

async function expectSplit(tg: string, mail: string, address: string) {
  const rep = t.as(team.rep);
  for (const id of [`c-${mail}`]) expect((await getDoc('conversations', id)).contactId).toBe(mail);
  expect((await getDoc('conversations', `c-${tg}`)).contactId).toBe(tg);
  expect((await getDoc('messages', `m-${mail}`)).contactId).toBe(mail);
  expect((await getDoc('messages', `m2-${mail}`)).contactId).toBe(mail);
  expect((await getDoc('messages', `m2-${tg}`)).contactId).toBe(tg);
  expect((await getDoc('leads', `l-${mail}`)).contactId).toBe(mail);
  expect((await getDoc('leads', `l2-${tg}`)).contactId).toBe(tg);
  expect((await getDoc('tasks', `task-${mail}`)).contactId).toBe(mail);
  expect(await getDoc('events', `ev-${mail}`)).toMatchObject({
    contactId: mail,
    attendees: [{ name: 'Anna', contactId: mail }],
  });

  const restored = (await rep('GET', `/contacts/${mail}`)).body as Loose;
  expect(restored.mergedInto).toBeUndefined();
  expect(restored.mergedAt).toBeUndefined();
  expect(restored.notSameAs).toEqual([tg]);
  expect(restored.identities).toEqual([{ channel: 'email', externalId: address }]);
  expect(restored.twin.facts.map((f: Loose) => f.id).sort()).toEqual([`f-${mail}`, `f2-${mail}`]);

  const kept = (await rep('GET', `/contacts/${tg}`)).body as Loose;
  expect(kept.identities).toEqual([{ channel: 'telegram', externalId: `100${tg.slice(3)}` }]);
  expect(kept.email).toBeUndefined();
  expect(kept.emails).toBeUndefined();
  expect(kept.phones).toBeUndefined();
  expect(kept.contactPoints).toBeUndefined();
  expect(kept.name).toBe('Анна Петрова');
  expect(kept.twin.facts.map((f: Loose) => f.id).sort()).toEqual([`f-${tg}`, `f2-${tg}`]);
  expect(kept.mergedFrom).toEqual([]);
  expect(kept.notSameAs).toEqual([mail]);
  expect(kept.history.at(-1)).toMatchObject({ field: 'splitFrom', value: expect.stringContaining(mail) });
  const activity = await splitActivity(tg);
  expect(activity).toHaveLength(1);
  expect(JSON.parse(activity[0].input)).toMatchObject({
    from: mail,
    into: tg,
    by: { email: expect.stringContaining('rep') },
  });
}

beforeAll(async () => {
  t = await startApiTestServer();
  team = await t.team('Split');
}, 60_000);

afterAll(async () => {
  await t?.close();
});

describe('splitting a merged contact', () => {
  it('gives the merged contact back what was its own; what came after stays on the kept one', async () => {
    const { tg, mail, address } = await seedPair('a');
    await merge(tg, mail);
    await afterMerge(tg, mail);
    const res = await t.as(team.rep)('POST', `/contacts/${tg}/split`, { from: mail });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.recorded).toBe(true);
    expect(res.body.moved).toEqual({
      conversations: 1,
      leads: 1,
      tasks: 1,
      events: 1,
      messages: 2,
      facts: 2,
    });
    await expectSplit(tg, mail, address);
    // The merge claim is gone: the pair can be merged again (either way).
    expect(
      await t.server.store
        .systemDb('app_runtime')
        .get(mergeClaimId(team.teamId, tg, mail))
        .catch(() => null),
    ).toBeNull();
    const again = await t.as(team.rep)('POST', `/contacts/${mail}/merge`, { from: tg });
    expect(again.status, JSON.stringify(again.body)).toBe(200);
    expect((await t.as(team.rep)('GET', `/contacts/${tg}`)).body.mergedInto).toBe(mail);
  });

  it('splits a merge made before merges were recorded by the channel identities', async () => {
    const { tg, mail, address } = await seedPair('b');
    await merge(tg, mail);
    await afterMerge(tg, mail);
    // What a merge made before the record existed left behind: the claim without `moved`.
    const db = t.server.store.systemDb<Loose>('app_runtime');
    const claim = await db.get(mergeClaimId(team.teamId, tg, mail));
    const { moved: _m, keptBefore: _k, ...old } = claim;
    await db.insert(old);
    const res = await t.as(team.rep)('POST', `/contacts/${tg}/split`, { from: mail });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.recorded).toBe(false);
    await expectSplit(tg, mail, address);
  });

  it('refuses unknown ids, a pair not merged, a second split, viewers and bad bodies', async () => {
    const { tg, mail } = await seedPair('c');
    const rep = t.as(team.rep);
    const unknown = await rep('POST', `/contacts/${tg}/split`, { from: 'no-such-contact' });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('contact-not-found');
    expect((await rep('POST', '/contacts/no-such-contact/split', { from: tg })).status).toBe(404);
    const never = await rep('POST', `/contacts/${tg}/split`, { from: mail });
    expect(never.status).toBe(409);
    expect(never.body.error.code).toBe('contact-not-merged');
    expect((await rep('POST', `/contacts/${tg}/split`, { from: tg })).status).toBe(409);
    expect((await rep('POST', `/contacts/${tg}/split`, {})).status).toBe(400);
    expect((await rep('POST', `/contacts/${tg}/split`, { from: mail, extra: 1 })).status).toBe(400);

    await merge(tg, mail);
    const viewer = await t.as(team.viewer)('POST', `/contacts/${tg}/split`, { from: mail });
    expect(viewer.status).toBe(403);
    expect(viewer.body.error.code).toBe('role-forbidden');
    // The wrong way round: the kept contact is not merged into the merged one.
    expect((await rep('POST', `/contacts/${mail}/split`, { from: tg })).status).toBe(409);
    expect((await rep('POST', `/contacts/${tg}/split`, { from: mail })).status).toBe(200);
    const second = await rep('POST', `/contacts/${tg}/split`, { from: mail });
    expect(second.status).toBe(409);
    expect(second.body.error.code).toBe('contact-not-merged');
    expect(await splitActivity(tg)).toHaveLength(1);
  });

  it('after a split that died before dropping the merge record, the pair merges either way', async () => {
    const { tg, mail } = await seedPair('d');
    await merge(tg, mail);
    const db = t.server.store.systemDb<Loose>('app_runtime');
    const claimId = mergeClaimId(team.teamId, tg, mail);
    const record = await db.get(claimId);
    expect((await t.as(team.rep)('POST', `/contacts/${tg}/split`, { from: mail })).status).toBe(200);
    // What a split that died after restoring both contacts leaves behind: the record, marked.
    const { _rev: _r, ...kept } = record;
    await db.insert({ ...kept, splitAt: at });
    const other = await t.as(team.rep)('POST', `/contacts/${mail}/merge`, { from: tg });
    expect(other.status, JSON.stringify(other.body)).toBe(200);
    expect((await db.get(claimId)).into).toBe(mail);
    expect((await t.as(team.rep)('GET', `/contacts/${tg}`)).body.mergedInto).toBe(mail);
  });
});

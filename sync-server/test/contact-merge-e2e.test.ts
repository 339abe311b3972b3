// Merging two contacts (issue 14) through a real sync server, on the embedded store (and on Apache
// CouchDB in the CouchDB pass): a Telegram contact that claimed an address and the address's own mail
// contact. The merge moves the mail contact's conversations, deals, tasks, meetings and messages, the
// twin facts keep the message they came from, identifiers are united (verified wins), an activity
// entry and a history line name the rep, and the mail contact stays as a tombstone (`mergedInto`).
// A retry does nothing twice; a concurrent edit of the kept contact is kept; two reps merging the pair
// both ways at once leave one tombstone; self-merge, unknown ids,
// another team's contact, a tombstone and a viewer are refused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApiTestServer, type ApiTestServer, type Loose, type TestTeam } from './api-kit';
import { activityOn, at, seedContactPair } from './contact-pair-kit';
import { mergeClaimId } from '../src/store/contact-merge';
import { call } from './helpers';

let t: ApiTestServer;
let team: TestTeam;
let other: TestTeam;

/** A Telegram contact that typed an address (claimed) and the mail contact that wrote from it. */
const seedPair = (tm: TestTeam, tag: string) => seedContactPair(t, tm, tag, { claimsAddress: true });

/** The team's `contact-merged` activity entries on a contact (read as a replica would). */
const mergeActivity = (contactId: string) => activityOn(t, team.rep, 'contact-merged', contactId);

beforeAll(async () => {
  t = await startApiTestServer();
  team = await t.team('Merge');
  other = await t.team('Other');
}, 60_000);

afterAll(async () => {
  await t?.close();
});

describe('merging two contacts', () => {
  it('previews, then moves everything to the kept contact and leaves a tombstone', async () => {
    const { tg, mail, address } = await seedPair(team, 'a');
    const rep = t.as(team.rep);
    const preview = await rep('GET', `/contacts/${tg}/merge?from=${mail}`);
    expect(preview.status).toBe(200);
    expect(preview.body).toEqual({
      into: { id: tg, name: 'Анна Петрова' },
      from: { id: mail, name: '' },
      moves: { conversations: 1, leads: 1, tasks: 1, events: 1, messages: 1, facts: 1 },
    });

    const res = await rep('POST', `/contacts/${tg}/merge`, { from: mail });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.moved).toEqual({
      conversations: 1,
      leads: 1,
      tasks: 1,
      events: 1,
      messages: 1,
      facts: 1,
    });
    expect(res.body.alreadyMerged).toBe(false);

    const kept = (await rep('GET', `/contacts/${tg}`)).body as Loose;
    expect(kept.name).toBe('Анна Петрова');
    expect(kept.contactPoints.email).toMatchObject({ value: address, status: 'verified' });
    expect(kept.phones).toEqual([expect.objectContaining({ value: '+79990001122', status: 'claimed' })]);
    expect(kept.identities.map((i: Loose) => i.channel).sort()).toEqual(['email', 'telegram']);
    expect(kept.twin.facts.map((f: Loose) => [f.id, f.sourceMessageId, f.conversationId])).toEqual([
      [`f-${tg}`, `m-${tg}`, `c-${tg}`],
      [`f-${mail}`, `m-${mail}`, `c-${mail}`],
    ]);
    expect(kept.mergedFrom).toEqual([mail]);
    expect(kept.history).toEqual([
      expect.objectContaining({
        field: 'mergedFrom',
        value: expect.stringContaining(mail),
        by: expect.any(String),
      }),
    ]);

    const gone = (await rep('GET', `/contacts/${mail}`)).body as Loose;
    expect(gone.mergedInto).toBe(tg);
    expect(typeof gone.mergedAt).toBe('string');

    const convs = (await rep('GET', '/conversations?limit=200')).body.items as Loose[];
    expect(
      convs
        .filter((c) => c.contactId === tg)
        .map((c) => c.id)
        .sort(),
    ).toEqual([`c-${mail}`, `c-${tg}`]);
    expect(convs.some((c) => c.contactId === mail)).toBe(false);
    expect((await rep('GET', `/leads/l-${mail}`)).body.contactId).toBe(tg);
    const task = await call(t.base, 'GET', `/sync/tasks/task-${mail}`, { token: team.rep });
    expect(task.body.contactId).toBe(tg);
    const ev = await call(t.base, 'GET', `/sync/events/ev-${mail}`, { token: team.rep });
    expect(ev.body).toMatchObject({ contactId: tg, attendees: [{ name: 'Anna', contactId: tg }] });
    const msg = await call(t.base, 'GET', `/sync/messages/m-${mail}`, { token: team.rep });
    expect(msg.body.contactId).toBe(tg);

    const activity = await mergeActivity(tg);
    expect(activity).toHaveLength(1);
    const input = JSON.parse(activity[0].input);
    expect(input).toMatchObject({ from: mail, into: tg, by: { email: expect.stringContaining('rep') } });
  });

  it('does nothing twice on a retry, also when two retries race', async () => {
    const { tg, mail } = await seedPair(team, 'b');
    const rep = t.as(team.rep);
    const both = await Promise.all([
      rep('POST', `/contacts/${tg}/merge`, { from: mail }),
      rep('POST', `/contacts/${tg}/merge`, { from: mail }),
    ]);
    for (const r of both) expect(r.status, JSON.stringify(r.body)).toBe(200);
    // Each doc moved once in all: one request moved it, the other found it moved.
    const total = both.reduce((n, r) => n + (r.body.moved.conversations as number), 0);
    expect(total).toBe(1);
    const first = (await rep('GET', `/contacts/${tg}`)).body as Loose;
    const again = await rep('POST', `/contacts/${tg}/merge`, { from: mail });
    expect(again.status).toBe(200);
    expect(again.body.alreadyMerged).toBe(true);
    expect(again.body.moved).toEqual({
      conversations: 0,
      leads: 0,
      tasks: 0,
      events: 0,
      messages: 0,
      facts: 0,
    });
    const after = (await rep('GET', `/contacts/${tg}`)).body as Loose;
    expect(after.rev).toBe(first.rev);
    expect(after.history.filter((h: Loose) => h.field === 'mergedFrom')).toHaveLength(1);
    expect(await mergeActivity(tg)).toHaveLength(1);
  });

  it('merges one way only when two reps merge the pair both ways at once', async () => {
    const { tg, mail } = await seedPair(team, 'h');
    const rep = t.as(team.rep);
    const [one, other] = await Promise.all([
      rep('POST', `/contacts/${tg}/merge`, { from: mail }),
      t.as(team.admin)('POST', `/contacts/${mail}/merge`, { from: tg }),
    ]);
    expect([one.status, other.status].sort()).toEqual([200, 409]);
    const [a, b] = await Promise.all([rep('GET', `/contacts/${tg}`), rep('GET', `/contacts/${mail}`)]);
    const tombstones = [a.body, b.body].filter((c: Loose) => c.mergedInto);
    expect(tombstones).toHaveLength(1);
    const kept = [a.body, b.body].find((c: Loose) => !c.mergedInto) as Loose;
    expect(tombstones[0].mergedInto).toBe(kept.id);
    const convs = (await rep('GET', '/conversations?limit=200')).body.items as Loose[];
    expect(convs.filter((c) => [`c-${tg}`, `c-${mail}`].includes(c.id)).map((c) => c.contactId)).toEqual([
      kept.id,
      kept.id,
    ]);
  });

  it('after a merge that died half way, goes on the same way and refuses the other', async () => {
    const { tg, mail } = await seedPair(team, 'i');
    // What a request that claimed the direction (mail into tg) and then died leaves behind.
    await t.server.store.systemDb('app_runtime').insert({
      _id: mergeClaimId(team.teamId, mail, tg),
      type: 'contact-merge',
      teamId: team.teamId,
      into: tg,
      from: mail,
      at,
    });
    const rep = t.as(team.rep);
    const backwards = await rep('POST', `/contacts/${mail}/merge`, { from: tg });
    expect(backwards.status).toBe(409);
    expect(backwards.body.error.code).toBe('contact-merged');
    expect((await rep('GET', `/contacts/${tg}`)).body.mergedInto).toBeUndefined();
    const onwards = await rep('POST', `/contacts/${tg}/merge`, { from: mail });
    expect(onwards.status).toBe(200);
    expect((await rep('GET', `/contacts/${mail}`)).body.mergedInto).toBe(tg);
  });

  it('keeps a rep edit made while the merge runs', async () => {
    const { tg, mail } = await seedPair(team, 'c');
    const rep = t.as(team.rep);
    const [merged, edited] = await Promise.all([
      rep('POST', `/contacts/${tg}/merge`, { from: mail }),
      rep('PATCH', `/contacts/${tg}`, { company: 'Ромашка' }),
    ]);
    expect(merged.status).toBe(200);
    expect(edited.status).toBe(200);
    const kept = (await rep('GET', `/contacts/${tg}`)).body as Loose;
    expect(kept.company).toBe('Ромашка');
    expect(kept.mergedFrom).toEqual([mail]);
    expect(kept.twin.facts).toHaveLength(2);
  });

  it('refuses self-merge, unknown ids, tombstones, viewers and bad bodies', async () => {
    const { tg, mail } = await seedPair(team, 'd');
    const third = await seedPair(team, 'e');
    const rep = t.as(team.rep);
    const self = await rep('POST', `/contacts/${tg}/merge`, { from: tg });
    expect(self.status).toBe(400);
    expect(self.body.error.code).toBe('merge-self');
    const unknown = await rep('POST', `/contacts/${tg}/merge`, { from: 'no-such-contact' });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('contact-not-found');
    expect((await rep('POST', '/contacts/no-such-contact/merge', { from: tg })).status).toBe(404);
    expect((await rep('POST', `/contacts/${tg}/merge`, {})).status).toBe(400);
    expect((await rep('POST', `/contacts/${tg}/merge`, { from: tg, extra: 1 })).status).toBe(400);
    expect((await rep('GET', `/contacts/${tg}/merge`)).status).toBe(400);
    const viewer = await t.as(team.viewer)('POST', `/contacts/${tg}/merge`, { from: mail });
    expect(viewer.status).toBe(403);
    expect(viewer.body.error.code).toBe('role-forbidden');
    expect((await t.as(team.viewer)('GET', `/contacts/${tg}/merge?from=${mail}`)).status).toBe(200);

    expect((await rep('POST', `/contacts/${tg}/merge`, { from: mail })).status).toBe(200);
    // Into a tombstone, or a tombstone into a third contact: 409, nothing moved.
    const into = await rep('POST', `/contacts/${mail}/merge`, { from: third.tg });
    expect(into.status).toBe(409);
    expect(into.body.error.code).toBe('contact-merged');
    const again = await rep('POST', `/contacts/${third.tg}/merge`, { from: mail });
    expect(again.status).toBe(409);
    expect((await rep('GET', `/contacts/${third.tg}`)).body.mergedFrom).toBeUndefined();
  });

  it("never reaches another team's contacts", async () => {
    const mine = await seedPair(team, 'f');
    const theirs = await seedPair(other, 'g');
    const rep = t.as(team.rep);
    const cross = await rep('POST', `/contacts/${mine.tg}/merge`, { from: theirs.mail });
    expect(cross.status).toBe(404);
    expect((await rep('POST', `/contacts/${theirs.tg}/merge`, { from: mine.mail })).status).toBe(404);
    expect((await rep('GET', `/contacts/${mine.tg}/merge?from=${theirs.mail}`)).status).toBe(404);
    // Both teams' contacts are as they were.
    const theirMail = (await t.as(other.rep)('GET', `/contacts/${theirs.mail}`)).body as Loose;
    expect(theirMail.mergedInto).toBeUndefined();
    const convs = (await t.as(other.rep)('GET', '/conversations?limit=200')).body.items as Loose[];
    expect(convs.find((c) => c.id === `c-${theirs.mail}`)?.contactId).toBe(theirs.mail);
    expect((await rep('GET', `/contacts/${mine.mail}`)).body.mergedInto).toBeUndefined();
  });
});

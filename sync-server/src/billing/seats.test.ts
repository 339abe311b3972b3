// A team's seats (usage.ts countSeats) on a real store: members, pending invites, and an invite being
// accepted (marked accepted, its member not written yet) hold a seat; an expired invite, an accepted
// one whose member is there (counted once, as the member) and one whose accept died an hour ago do not.
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStore, type TestStore } from '../../test/helpers';
import { countSeats } from './usage';

let t: TestStore;

beforeAll(async () => {
  t = await startTestStore('seats-', pino({ level: 'silent' }));
});
afterAll(async () => {
  await t.store.close();
  await t.close();
});

describe('seats', () => {
  it('counts an invite being accepted until its member is written', async () => {
    const now = new Date('2026-12-03T12:00:00Z');
    const at = (minutes: number) => new Date(now.getTime() + minutes * 60_000).toISOString();
    const users = t.store.systemDb('app_users');
    const teamId = 'seats-team';
    const invite = (id: string, email: string, extra: Record<string, unknown>) =>
      users.insert({
        _id: `invite:${id}`,
        type: 'invite',
        teamId,
        email,
        role: 'rep',
        expiresAt: at(60 * 24),
        ...extra,
      });
    await users.insert({ _id: 'user:a', type: 'user', teamId, email: 'a@seats.test' });
    await invite('a', 'a@seats.test', { acceptedAt: at(-5) });
    await invite('b', 'b@seats.test', {});
    await invite('e', 'e@seats.test', { expiresAt: at(-1) });
    expect(await countSeats(t.store, teamId, now)).toBe(2);
    // Marked accepted, its member not written yet: it still holds its seat.
    await invite('c', 'c@seats.test', { acceptedAt: at(0) });
    expect(await countSeats(t.store, teamId, now)).toBe(3);
    await users.insert({ _id: 'user:c', type: 'user', teamId, email: 'c@seats.test' });
    expect(await countSeats(t.store, teamId, now)).toBe(3);
    // An accept that died an hour ago frees its seat.
    await invite('d', 'd@seats.test', { acceptedAt: at(-61) });
    expect(await countSeats(t.store, teamId, now)).toBe(3);
    // Another team's people do not count.
    await users.insert({ _id: 'user:x', type: 'user', teamId: 'other', email: 'x@seats.test' });
    expect(await countSeats(t.store, teamId, now)).toBe(3);
    // A removed member (the doc kept, marked disabled) frees their seat.
    const c = await users.get('user:c');
    await users.insert({ ...c, disabledAt: at(0) });
    expect(await countSeats(t.store, teamId, now)).toBe(2);
  });
});

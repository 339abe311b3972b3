// The session guard against a real store: a bump written by another process reaches this one through
// the users feed within a poll; when the feed has not been read for `maxStaleMs`, a check reads the
// user's doc itself; long-poll watchers hear of an ended session.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStore, until, type TestStore } from '../../test/helpers';
import { userDocId, type UserDoc } from './docs';
import { createSessionGuard, type SessionGuard } from './session-guard';

let t: TestStore;
const guards: SessionGuard[] = [];
beforeAll(async () => {
  t = await startTestStore('session-guard-');
});
afterAll(async () => {
  await Promise.all(guards.map((g) => g.close()));
  await t.close();
});

const users = () => t.store.systemDb<UserDoc>('app_users');
let n = 0;
async function newUser(): Promise<string> {
  const id = `ug${n++}`;
  await users().insert({
    _id: userDocId(id),
    type: 'user',
    teamId: 't1',
    email: `${id}@example.com`,
    role: 'rep',
    passwordHash: 'x',
    createdAt: '2026-03-01T00:00:00.000Z',
    updatedAt: '2026-03-01T00:00:00.000Z',
  });
  return id;
}
/** What another server process does: rewrites the user doc, without telling this guard. */
async function elsewhere(id: string, change: Partial<UserDoc>) {
  const doc = await users().get(userDocId(id));
  await users().insert({ ...doc, ...change });
}
const outcome = async (g: SessionGuard, id: string, version: number) => {
  try {
    await g.check(id, version);
    return 'ok';
  } catch (e) {
    return (e as { code?: string }).code;
  }
};
function guard(opts: Partial<Parameters<typeof createSessionGuard>[0]> = {}) {
  const g = createSessionGuard({ store: t.another(), pollMs: 50, ...opts });
  guards.push(g);
  g.start();
  return g;
}

describe('session guard', () => {
  it("learns another process's bumps and removals from the feed, and tells watchers", async () => {
    const g = guard();
    await until(() => g.fresh);
    const id = await newUser();
    expect(await outcome(g, id, 0)).toBe('ok');
    await until(async () => (await outcome(g, id, 0)) === 'ok'); // trusted from memory once synced
    await elsewhere(id, { tokenVersion: 1 });
    await until(async () => (await outcome(g, id, 0)) === 'token-revoked', 3000);
    expect(await outcome(g, id, 1)).toBe('ok');
    let ended = 0;
    g.watch(id, 1, () => ended++);
    await elsewhere(id, { disabledAt: '2026-03-02T00:00:00.000Z' });
    await until(() => ended === 1, 3000);
    expect(await outcome(g, id, 1)).toBe('token-revoked');
    // A bump made here counts at once, and a watcher of an ended session is told at once.
    const other = await newUser();
    expect(await outcome(g, other, 0)).toBe('ok');
    g.bumped(other, 4);
    expect(await outcome(g, other, 3)).toBe('token-revoked');
    g.watch(other, 3, () => ended++);
    expect(ended).toBe(2);
  });

  it('reads no feed while no session is checked or watched, and a check then reads the user and the feed again (issue 65)', async () => {
    let feedReads = 0;
    // The store of another process, its users feed reads counted.
    const store = t.another();
    const counted = new Proxy(store, {
      get(target, prop, receiver) {
        if (prop !== 'systemDb') return Reflect.get(target, prop, receiver) as unknown;
        return (name: Parameters<typeof target.systemDb>[0]) => {
          const db = target.systemDb(name);
          return new Proxy(db, {
            get(d, p, r) {
              if (p === 'changes') feedReads++;
              return Reflect.get(d, p, r) as unknown;
            },
          });
        };
      },
    });
    const g = guard({ store: counted, pollMs: 50, idleMs: 400, maxStaleMs: 1000 });
    const id = await newUser();
    expect(await outcome(g, id, 0)).toBe('ok');
    await until(() => g.fresh);
    // Nothing checked for idleMs: the feed rests (no read begins for many polls), however loaded the
    // machine is, and then goes stale.
    const quiet = async (ms: number) => {
      const before = feedReads;
      await new Promise((r) => setTimeout(r, ms));
      return feedReads === before;
    };
    await until(() => quiet(600), 20_000, 0);
    const resting = feedReads;
    await until(() => !g.fresh);
    await new Promise((r) => setTimeout(r, 600));
    expect(feedReads).toBe(resting);
    // A bump elsewhere meanwhile: the next check reads the user's doc, and the feed is read again.
    await elsewhere(id, { tokenVersion: 1 });
    expect(await outcome(g, id, 0)).toBe('token-revoked');
    await until(() => g.fresh);
    expect(feedReads).toBeGreaterThan(resting);
    // A watched session keeps the feed read, checked or not, past idleMs.
    g.watch(id, 1, () => undefined);
    await new Promise((r) => setTimeout(r, 800));
    const watched = feedReads;
    await until(() => feedReads > watched);
    expect(g.fresh).toBe(true);
  });

  it('reads the user doc itself once the feed is older than maxStaleMs', async () => {
    let clock = 1_000_000;
    // One feed read at start, then none for a long time.
    const g = guard({ pollMs: 1_000_000_000, maxStaleMs: 5000, now: () => clock });
    await until(() => g.fresh);
    const id = await newUser();
    await until(async () => (await outcome(g, id, 0)) === 'ok');
    await elsewhere(id, { tokenVersion: 1 });
    // Within the bound the remembered version answers (this is the window the bound allows)...
    clock += 4000;
    expect(await outcome(g, id, 0)).toBe('ok');
    // ...past it, the store does.
    clock += 1001;
    expect(await outcome(g, id, 0)).toBe('token-revoked');
    expect(await outcome(g, 'nobody', 0)).toBe('token-revoked');
  });
});

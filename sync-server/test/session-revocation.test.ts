// Sessions end across server processes: two servers share one store and one JWT secret; a member
// removed or demoted through one is refused by the other within the session guard's bound (it reads
// the users feed every second), on the API and the /sync gateway alike.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuthContext } from '../src/context';
import type { RunningServer } from '../src/server';
import {
  CORE,
  acceptInvite,
  call,
  register,
  sameStoreEnv,
  startTestServer,
  tempDir,
  uniqueEmail,
  type Session,
} from './helpers';

const secrets = { JWT_SECRET: 'x'.repeat(40), ENCRYPTION_KEY: 'y'.repeat(64) };
const dirA = tempDir();
const dirB = tempDir();
let a: RunningServer;
let b: RunningServer;

beforeAll(async () => {
  a = await startTestServer(dirA.path, { ...CORE, ...secrets });
  b = await startTestServer(dirB.path, { ...CORE, ...secrets, ...sameStoreEnv(a, dirA.path) });
}, 60_000);
afterAll(async () => {
  await b?.close();
  await a?.close();
  dirA.remove();
  dirB.remove();
});

const authOf = (s: Session): AuthContext => ({
  userId: s.user.id,
  teamId: s.team.id,
  role: 'admin',
  email: s.user.email,
});

/** Milliseconds until every path answers 401 token-revoked on `server` (throws after 10 s). */
async function refusedAfter(server: RunningServer, token: string): Promise<number> {
  const t0 = Date.now();
  for (;;) {
    const answers = await Promise.all(
      ['/api/v1/me', '/sync/leads/_changes'].map((p) => call(server.url, 'GET', p, { token })),
    );
    if (answers.every((r) => r.status === 401 && r.body.error.code === 'token-revoked'))
      return Date.now() - t0;
    if (Date.now() - t0 > 10_000)
      throw new Error(`still answered ${answers.map((r) => r.status).join(', ')}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('sessions across server processes', () => {
  it('a member removed through one server is refused by the other within about a second', async () => {
    const admin = await register(a.url);
    const rep = await acceptInvite(
      a.url,
      await a.members.invite(authOf(admin), { email: uniqueEmail('rep'), role: 'rep' }),
    );
    // Server B has seen the rep's token (and cached it as verified) before the removal.
    for (const p of ['/api/v1/me', '/sync/leads/_changes']) {
      expect((await call(b.url, 'GET', p, { token: rep.accessToken })).status).toBe(200);
    }
    await a.members.remove(authOf(admin), rep.user.id);
    expect(await refusedAfter(a, rep.accessToken)).toBeLessThan(100);
    expect(await refusedAfter(b, rep.accessToken)).toBeLessThan(3000);
  });

  it('a role changed through one server ends the old token on the other', async () => {
    const admin = await register(b.url);
    const rep = await acceptInvite(
      b.url,
      await b.members.invite(authOf(admin), { email: uniqueEmail('rep'), role: 'rep' }),
    );
    expect((await call(a.url, 'GET', '/sync/leads/_changes', { token: rep.accessToken })).status).toBe(200);
    await b.members.setRole(authOf(admin), rep.user.id, 'viewer');
    expect(await refusedAfter(a, rep.accessToken)).toBeLessThan(3000);
  });
});

// A team always keeps an admin: the only admin is neither demoted nor removed, whoever asks (an admin
// of the team is refused their own role change and removal by the API; a caller whose session still
// names them an admin after losing the role, or a script through the service, by the admin count).
// With a second admin, either may be demoted or removed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuthContext } from '../src/context';
import type { RunningServer } from '../src/server';
import { CORE, acceptInvite, call, register, startTestServer, tempDir, uniqueEmail } from './helpers';

let server: RunningServer;
const dir = tempDir();

beforeAll(async () => {
  server = await startTestServer(dir.path, CORE);
});
afterAll(async () => {
  await server.close();
  dir.remove();
});

const statusOf = async (p: Promise<unknown>) =>
  p.then(
    () => 200,
    (e: unknown) => (e as { code?: string }).code ?? 'thrown',
  );

describe('the last admin of a team', () => {
  it('is neither demoted nor removed; a second admin may be', async () => {
    const admin = await register(server.url);
    const adminAuth: AuthContext = {
      userId: admin.user.id,
      teamId: admin.team.id,
      role: 'admin',
      email: admin.user.email,
    };
    const repInvite = await server.members.invite(adminAuth, { email: uniqueEmail('rep'), role: 'rep' });
    const rep = await acceptInvite(server.url, repInvite);

    // Through the API: the admin's own demotion and removal are refused.
    const selfDemote = await call(server.url, 'PATCH', `/api/v1/members/${admin.user.id}`, {
      token: admin.accessToken,
      body: { role: 'rep' },
    });
    expect(selfDemote.status).toBe(403);
    const selfRemove = await call(server.url, 'DELETE', `/api/v1/members/${admin.user.id}`, {
      token: admin.accessToken,
    });
    expect(selfRemove.status).toBe(403);

    // A caller that is not that admin (a rep whose stale session names them an admin): still refused.
    const stale: AuthContext = {
      userId: rep.user.id,
      teamId: admin.team.id,
      role: 'admin',
      email: rep.user.email,
    };
    expect(await statusOf(server.members.setRole(stale, admin.user.id, 'viewer'))).toBe('conflict');
    expect(await statusOf(server.members.remove(stale, admin.user.id))).toBe('conflict');
    const roles = (await server.members.list(admin.team.id)).map((m) => [m.id, m.role]);
    expect(roles).toContainEqual([admin.user.id, 'admin']);

    // With a second admin, the first may be demoted (by the other) and the second removed.
    await server.members.setRole(adminAuth, rep.user.id, 'admin');
    const second: AuthContext = { ...stale, role: 'admin' };
    expect((await server.members.setRole(second, admin.user.id, 'rep')).role).toBe('rep');
    await server.members.setRole(second, admin.user.id, 'admin');
    await server.members.remove(adminAuth, rep.user.id);
    expect((await server.members.list(admin.team.id)).map((m) => m.id)).toEqual([admin.user.id]);
  });
});

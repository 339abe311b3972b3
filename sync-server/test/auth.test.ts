// Auth flows against the real server and embedded store: register, login, me, refresh rotation with
// reuse detection, logout, password change, invites, bad and expired tokens, login and password
// rate limiting, weak passwords, answers that do not tell whether an e-mail has an account, and
// sessions that end at once when a member is removed or their role or password changes.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRateLimiter } from '../src/auth/rate-limit';
import type { AuthContext } from '../src/context';
import type { RunningServer } from '../src/server';
import {
  CORE,
  acceptInvite,
  call,
  login,
  register,
  startTestServer,
  tempDir,
  uniqueEmail,
  type Session,
} from './helpers';

let server: RunningServer;
const dir = tempDir();

beforeAll(async () => {
  // Long-polls wait long enough here to see one cut short. This suite registers more than the
  // default 20 teams an hour from one IP.
  server = await startTestServer(
    dir.path,
    { ...CORE, LONGPOLL_MAX_MS: '30000' },
    { authLimits: { register: createRateLimiter({ max: 1000, windowMs: 60_000 }) } },
  );
});
afterAll(async () => {
  await server.close();
  dir.remove();
});

describe('register, login, me', () => {
  it('registers a team with its admin and signs in', async () => {
    const email = uniqueEmail('Admin');
    const reg = await call(server.url, 'POST', '/api/v1/auth/register', {
      body: { teamName: 'Acme', email, password: 'correct horse battery' },
    });
    expect(reg.status).toBe(202);
    expect(reg.body.email).toBe(email.toLowerCase());
    expect(reg.body.accessToken).toBeUndefined();

    const signedIn = await call(server.url, 'POST', '/api/v1/auth/login', {
      body: { email, password: 'correct horse battery' },
    });
    expect(signedIn.status).toBe(200);
    expect(signedIn.body).toMatchObject({
      user: { email: email.toLowerCase(), role: 'admin' },
      team: { name: 'Acme' },
    });
    expect(typeof signedIn.body.accessToken).toBe('string');
    expect(typeof signedIn.body.refreshToken).toBe('string');
    const me = await call(server.url, 'GET', '/api/v1/me', { token: signedIn.body.accessToken });
    expect(me.status).toBe(200);
    expect(me.body.team.id).toBe(signedIn.body.team.id);
    const wrong = await call(server.url, 'POST', '/api/v1/auth/login', {
      body: { email, password: 'nope nope nope' },
    });
    expect(wrong.status).toBe(401);
    expect(wrong.body.error.code).toBe('invalid-credentials');
  });

  it('answers a registration alike whether or not the e-mail has an account, and makes no second one', async () => {
    const email = uniqueEmail('dup');
    const first = await call(server.url, 'POST', '/api/v1/auth/register', {
      body: { teamName: 'One', email, password: 'correct horse battery' },
    });
    const owner = await login(server.url, email);
    const teams = await server.auth.teamCount();
    const again = await call(server.url, 'POST', '/api/v1/auth/register', {
      body: { teamName: 'Two', email: email.toUpperCase(), password: 'another strong phrase 7' },
    });
    // Same status, same body: nothing says the e-mail was taken.
    expect(again.status).toBe(first.status);
    expect(again.body).toEqual(first.body);
    expect(await server.auth.teamCount()).toBe(teams);
    const wrong = await call(server.url, 'POST', '/api/v1/auth/login', {
      body: { email, password: 'another strong phrase 7' },
    });
    expect(wrong.status).toBe(401);
    // Its owner, registering again with their own password, simply signs in to their team.
    const own = await call(server.url, 'POST', '/api/v1/auth/register', {
      body: { teamName: 'Three', email, password: 'correct horse battery' },
    });
    expect(own.body).toEqual(first.body);
    expect((await login(server.url, email)).team).toEqual(owner.team);
  });
});

describe('weak passwords', () => {
  it('refuses them at registration, invite acceptance and password change, saying why', async () => {
    const weak = await call(server.url, 'POST', '/api/v1/auth/register', {
      body: { teamName: 'Weak', email: uniqueEmail('weak'), password: '12345678' },
    });
    expect(weak.status).toBe(400);
    expect(weak.body.error.code).toBe('password-too-weak');
    expect(weak.body.error.message).toMatch(/too weak.*heavily used password/);

    const admin = await register(server.url);
    const invite = await server.members.invite(authOf(admin), { email: uniqueEmail('w'), role: 'rep' });
    const weakAccept = await call(server.url, 'POST', '/api/v1/auth/accept-invite', {
      body: { token: invite.inviteToken, password: 'qwertyuiop' },
    });
    expect(weakAccept.status).toBe(400);
    expect(weakAccept.body.error.code).toBe('password-too-weak');
    // The invite was not spent on the refused password.
    await acceptInvite(server.url, invite);

    const weakChange = await call(server.url, 'POST', '/api/v1/auth/password', {
      token: admin.accessToken,
      body: { currentPassword: 'correct horse battery', newPassword: 'password1' },
    });
    expect(weakChange.status).toBe(400);
    expect(weakChange.body.error.code).toBe('password-too-weak');
    expect((await call(server.url, 'GET', '/api/v1/me', { token: admin.accessToken })).status).toBe(200);
  });
});

describe('tokens', () => {
  it('rotates refresh tokens and revokes the whole family when one is reused', async () => {
    const s = await register(server.url);
    const r1 = await call(server.url, 'POST', '/api/v1/auth/refresh', {
      body: { refreshToken: s.refreshToken },
    });
    expect(r1.status).toBe(200);
    expect(r1.body.refreshToken).not.toBe(s.refreshToken);
    // The first token again: reuse. It fails, and so does the token it was traded for.
    const reuse = await call(server.url, 'POST', '/api/v1/auth/refresh', {
      body: { refreshToken: s.refreshToken },
    });
    expect(reuse.status).toBe(401);
    expect(reuse.body.error.code).toBe('token-invalid');
    const r2 = await call(server.url, 'POST', '/api/v1/auth/refresh', {
      body: { refreshToken: r1.body.refreshToken },
    });
    expect(r2.status).toBe(401);
    // Other sessions of the same user are untouched.
    const login = await call(server.url, 'POST', '/api/v1/auth/login', {
      body: { email: s.user.email, password: 'correct horse battery' },
    });
    const other = await call(server.url, 'POST', '/api/v1/auth/refresh', {
      body: { refreshToken: login.body.refreshToken },
    });
    expect(other.status).toBe(200);
  });

  it('logs out: the refresh token stops working', async () => {
    const s = await register(server.url);
    const out = await call(server.url, 'POST', '/api/v1/auth/logout', {
      body: { refreshToken: s.refreshToken },
    });
    expect(out.status).toBe(204);
    const r = await call(server.url, 'POST', '/api/v1/auth/refresh', {
      body: { refreshToken: s.refreshToken },
    });
    expect(r.status).toBe(401);
  });

  it('answers 401 JSON for missing, malformed, forged and expired access tokens', async () => {
    const s = await register(server.url);
    const none = await call(server.url, 'GET', '/api/v1/me');
    expect(none.status).toBe(401);
    expect(none.body.error.code).toBe('unauthorized');
    const junk = await call(server.url, 'GET', '/api/v1/me', { token: 'not.a.jwt' });
    expect(junk.status).toBe(401);
    expect(junk.body.error.code).toBe('token-invalid');
    const forged = await new SignJWT({ team: s.team.id, role: 'admin', email: 'x@example.com' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(s.user.id)
      .setIssuer('sales-workspace')
      .setAudience('sales-workspace-api')
      .setExpirationTime('5m')
      .sign(new TextEncoder().encode('some-other-secret-some-other-secret'));
    expect((await call(server.url, 'GET', '/api/v1/me', { token: forged })).status).toBe(401);
    const secret = JSON.parse(readFileSync(join(dir.path, 'secrets.json'), 'utf8')).jwtSecret as string;
    const expired = await new SignJWT({ team: s.team.id, role: 'admin', email: s.user.email, ver: 0 })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(s.user.id)
      .setIssuer('sales-workspace')
      .setAudience('sales-workspace-api')
      .setIssuedAt(Math.floor(Date.now() / 1000) - 3600)
      .setExpirationTime(Math.floor(Date.now() / 1000) - 60)
      .sign(new TextEncoder().encode(secret));
    for (const path of ['/api/v1/me', '/sync/leads/_changes']) {
      const res = await call(server.url, 'GET', path, { token: expired });
      expect(res.status).toBe(401);
      expect(res.body.error.code).toBe('token-expired');
    }
    const bad = await call(server.url, 'POST', '/api/v1/auth/refresh', { body: { refreshToken: 'abc.def' } });
    expect(bad.status).toBe(401);
  });

  it('refuses a token signed with the server secret but without exp (or iat, or ver)', async () => {
    const s = await register(server.url);
    const secret = JSON.parse(readFileSync(join(dir.path, 'secrets.json'), 'utf8')).jwtSecret as string;
    const claims = { team: s.team.id, role: 'admin', email: s.user.email, ver: 0 };
    const base = (payload: Record<string, unknown>) =>
      new SignJWT(payload)
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject(s.user.id)
        .setIssuer('sales-workspace')
        .setAudience('sales-workspace-api');
    const t = Math.floor(Date.now() / 1000);
    const forever = await base(claims).setIssuedAt(t).sign(new TextEncoder().encode(secret));
    const noIat = await base(claims)
      .setExpirationTime(t + 600)
      .sign(new TextEncoder().encode(secret));
    const noVer = await base({ team: s.team.id, role: 'admin', email: s.user.email })
      .setIssuedAt(t)
      .setExpirationTime(t + 600)
      .sign(new TextEncoder().encode(secret));
    for (const token of [forever, noIat, noVer]) {
      for (const path of ['/api/v1/me', '/sync/leads/_changes']) {
        const res = await call(server.url, 'GET', path, { token });
        expect(res.status, path).toBe(401);
        expect(res.body.error.code).toBe('token-invalid');
      }
    }
    const good = await base(claims)
      .setIssuedAt(t)
      .setExpirationTime(t + 600)
      .sign(new TextEncoder().encode(secret));
    expect((await call(server.url, 'GET', '/api/v1/me', { token: good })).status).toBe(200);
  });
});

describe('password change and invites', () => {
  it('changes the password and ends other sessions', async () => {
    const s = await register(server.url);
    const wrong = await call(server.url, 'POST', '/api/v1/auth/password', {
      token: s.accessToken,
      body: { currentPassword: 'wrong password', newPassword: 'another good password' },
    });
    expect(wrong.status).toBe(401);
    const ok = await call(server.url, 'POST', '/api/v1/auth/password', {
      token: s.accessToken,
      body: { currentPassword: 'correct horse battery', newPassword: 'another good password' },
    });
    expect(ok.status).toBe(200);
    expect(
      (await call(server.url, 'POST', '/api/v1/auth/refresh', { body: { refreshToken: s.refreshToken } }))
        .status,
    ).toBe(401);
    expect(
      (
        await call(server.url, 'POST', '/api/v1/auth/refresh', {
          body: { refreshToken: ok.body.refreshToken },
        })
      ).status,
    ).toBe(200);
    const login = await call(server.url, 'POST', '/api/v1/auth/login', {
      body: { email: s.user.email, password: 'another good password' },
    });
    expect(login.status).toBe(200);
  });

  it('invites a member who signs up with the token once, into the inviting team, with the role', async () => {
    const admin = await register(server.url);
    const auth = {
      userId: admin.user.id,
      teamId: admin.team.id,
      role: 'admin' as const,
      email: admin.user.email,
    };
    const email = uniqueEmail('invitee');
    const invite = await server.members.invite(auth, { email, role: 'viewer' });
    const answer = await call(server.url, 'POST', '/api/v1/auth/accept-invite', {
      body: { token: invite.inviteToken, password: 'viewer password 1' },
    });
    expect(answer.status).toBe(202);
    expect(answer.body.accessToken).toBeUndefined();
    const accepted = await login(server.url, email, 'viewer password 1');
    expect(accepted.user).toMatchObject({ role: 'viewer', teamId: admin.team.id });
    const again = await call(server.url, 'POST', '/api/v1/auth/accept-invite', {
      body: { token: invite.inviteToken, password: 'viewer password 1' },
    });
    expect(again.status).toBe(401);
    const members = await server.members.list(admin.team.id);
    expect(members.map((m) => m.role).sort()).toEqual(['admin', 'viewer']);
    await server.members.remove(auth, accepted.user.id);
    const removed = await call(server.url, 'POST', '/api/v1/auth/login', {
      body: { email, password: 'viewer password 1' },
    });
    expect(removed.status).toBe(401);
  });
});

describe('login rate limiting', () => {
  it('answers 429 after repeated failures for one e-mail and IP, even with the right password', async () => {
    const s = await register(server.url);
    for (let i = 0; i < 10; i++) {
      const res = await call(server.url, 'POST', '/api/v1/auth/login', {
        body: { email: s.user.email, password: `wrong-${i}` },
      });
      expect(res.status).toBe(401);
    }
    const blocked = await call(server.url, 'POST', '/api/v1/auth/login', {
      body: { email: s.user.email, password: 'correct horse battery' },
    });
    expect(blocked.status).toBe(429);
    expect(blocked.body.error.code).toBe('rate-limited');
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});

describe('password change rate limiting', () => {
  it('answers 429 after repeated wrong current passwords, even with the right one', async () => {
    const s = await register(server.url);
    for (let i = 0; i < 10; i++) {
      const res = await call(server.url, 'POST', '/api/v1/auth/password', {
        token: s.accessToken,
        body: { currentPassword: `wrong-${i}`, newPassword: 'another good password' },
      });
      expect(res.status).toBe(401);
    }
    const blocked = await call(server.url, 'POST', '/api/v1/auth/password', {
      token: s.accessToken,
      body: { currentPassword: 'correct horse battery', newPassword: 'another good password' },
    });
    expect(blocked.status).toBe(429);
    expect(blocked.body.error.code).toBe('rate-limited');
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
    // Nothing changed: the old password still signs in.
    await login(server.url, s.user.email);
  });
});

const authOf = (s: Session): AuthContext => ({
  userId: s.user.id,
  teamId: s.team.id,
  role: s.user.role as AuthContext['role'],
  email: s.user.email,
});

describe('invites of e-mails that have an account elsewhere', () => {
  it('are made and accepted with the same answers as for a new e-mail; the own password moves the account', async () => {
    const a = await register(server.url, 'A');
    const b = await register(server.url, 'B');
    // `elsewhere` is a rep of team B; `fresh` has no account anywhere.
    const elsewhere = await acceptInvite(
      server.url,
      await server.members.invite(authOf(b), { email: uniqueEmail('elsewhere'), role: 'rep' }),
      'elsewhere phrase 42',
    );
    const fresh = uniqueEmail('fresh');
    const inviteBody = (email: string) => ({ token: a.accessToken, body: { email, role: 'viewer' } });
    const toFresh = await call(server.url, 'POST', '/api/v1/members/invite', inviteBody(fresh));
    const toTaken = await call(
      server.url,
      'POST',
      '/api/v1/members/invite',
      inviteBody(elsewhere.user.email),
    );
    expect(toTaken.status).toBe(toFresh.status);
    expect(Object.keys(toTaken.body).sort()).toEqual(Object.keys(toFresh.body).sort());

    const accept = (token: string, password: string) =>
      call(server.url, 'POST', '/api/v1/auth/accept-invite', { body: { token, password } });
    const freshAnswer = await accept(toFresh.body.inviteToken, 'some fresh phrase 9');
    // Someone who does not know the account's password: the same answer, and nothing changes.
    const guess = await accept(toTaken.body.inviteToken, 'a guessed phrase 77');
    expect(guess.status).toBe(freshAnswer.status);
    expect(Object.keys(guess.body).sort()).toEqual(Object.keys(freshAnswer.body).sort());
    expect(guess.body.message).toBe(freshAnswer.body.message);
    expect((await login(server.url, elsewhere.user.email, 'elsewhere phrase 42')).team.id).toBe(b.team.id);
    expect((await login(server.url, fresh, 'some fresh phrase 9')).team.id).toBe(a.team.id);

    // The account's owner: with their own password the account joins team A with the invited role.
    const again = await call(server.url, 'POST', '/api/v1/members/invite', inviteBody(elsewhere.user.email));
    const joined = await accept(again.body.inviteToken, 'elsewhere phrase 42');
    expect(joined.status).toBe(freshAnswer.status);
    const moved = await login(server.url, elsewhere.user.email, 'elsewhere phrase 42');
    expect(moved.user).toMatchObject({ id: elsewhere.user.id, role: 'viewer', teamId: a.team.id });
    // Its sessions in team B ended at once.
    const old = await call(server.url, 'GET', '/sync/leads/_changes', { token: elsewhere.accessToken });
    expect(old.status).toBe(401);
    expect(old.body.error.code).toBe('token-revoked');
    expect((await server.members.list(b.team.id)).map((m) => m.id)).not.toContain(elsewhere.user.id);

    // The only admin of a team is not moved out of it (the answer is the same all the same).
    const lone = await register(server.url, 'Lone');
    const toLone = await call(server.url, 'POST', '/api/v1/members/invite', inviteBody(lone.user.email));
    expect((await accept(toLone.body.inviteToken, 'correct horse battery')).status).toBe(freshAnswer.status);
    expect((await login(server.url, lone.user.email)).team.id).toBe(lone.team.id);
  });
});

describe('sessions end at once', () => {
  async function teamWithRep() {
    const admin = await register(server.url);
    const rep = await acceptInvite(
      server.url,
      await server.members.invite(authOf(admin), { email: uniqueEmail('rep'), role: 'rep' }),
    );
    for (const path of ['/api/v1/me', '/sync/leads/_changes']) {
      expect((await call(server.url, 'GET', path, { token: rep.accessToken })).status).toBe(200);
    }
    return { admin, rep };
  }

  async function expectRevoked(token: string) {
    for (const path of ['/api/v1/me', '/api/v1/leads', '/sync/leads/_changes', '/sync/leads/_all_docs']) {
      const res = await call(server.url, 'GET', path, { token });
      expect(res.status, path).toBe(401);
      expect(res.body.error.code, path).toBe('token-revoked');
    }
  }

  it('when a member is removed: API and gateway refuse their token, refresh fails', async () => {
    const { admin, rep } = await teamWithRep();
    const removed = await call(server.url, 'DELETE', `/api/v1/members/${rep.user.id}`, {
      token: admin.accessToken,
    });
    expect(removed.status).toBe(204);
    await expectRevoked(rep.accessToken);
    const refresh = await call(server.url, 'POST', '/api/v1/auth/refresh', {
      body: { refreshToken: rep.refreshToken },
    });
    expect(refresh.status).toBe(401);
  });

  it('when a role changes: the old token (with the old role) is refused, and so is its refresh token', async () => {
    const { admin, rep } = await teamWithRep();
    const demoted = await call(server.url, 'PATCH', `/api/v1/members/${rep.user.id}`, {
      token: admin.accessToken,
      body: { role: 'viewer' },
    });
    expect(demoted.status).toBe(200);
    await expectRevoked(rep.accessToken);
    const refresh = await call(server.url, 'POST', '/api/v1/auth/refresh', {
      body: { refreshToken: rep.refreshToken },
    });
    expect(refresh.status).toBe(401);
    // Signing in again gives a token with the new role, which works.
    const again = await login(server.url, rep.user.email);
    expect(again.user.role).toBe('viewer');
    expect((await call(server.url, 'GET', '/sync/leads/_changes', { token: again.accessToken })).status).toBe(
      200,
    );
    const me = await call(server.url, 'GET', '/api/v1/me', { token: again.accessToken });
    expect(me.body.role).toBe('viewer');
  });

  it('when the password changes: other tokens end, the new session works', async () => {
    const s = await register(server.url);
    const other = await login(server.url, s.user.email);
    const changed = await call(server.url, 'POST', '/api/v1/auth/password', {
      token: s.accessToken,
      body: { currentPassword: 'correct horse battery', newPassword: 'another good password' },
    });
    expect(changed.status).toBe(200);
    await expectRevoked(other.accessToken);
    await expectRevoked(s.accessToken);
    expect((await call(server.url, 'GET', '/api/v1/me', { token: changed.body.accessToken })).status).toBe(
      200,
    );
  });

  it("ends a removed member's waiting long-poll at once", async () => {
    const { admin, rep } = await teamWithRep();
    const t0 = Date.now();
    const poll = call(server.url, 'GET', '/sync/leads/_changes?feed=longpoll&since=now&heartbeat=60000', {
      token: rep.accessToken,
    });
    await new Promise((r) => setTimeout(r, 300));
    await server.members.remove(authOf(admin), rep.user.id);
    const res = await poll;
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('token-revoked');
    // LONGPOLL_MAX_MS is 30 s here: it did not just time out.
    expect(Date.now() - t0).toBeLessThan(10_000);
  });
});

// Auth flows against the real server and embedded store: register, login, me, refresh rotation with
// reuse detection, logout, password change, invites, bad and expired tokens, login rate limiting.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../src/server';
import { CORE, call, register, startTestServer, tempDir, uniqueEmail } from './helpers';

let server: RunningServer;
const dir = tempDir();

beforeAll(async () => {
  server = await startTestServer(dir.path, CORE);
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
    expect(reg.status).toBe(201);
    expect(reg.body).toMatchObject({
      user: { email: email.toLowerCase(), role: 'admin' },
      team: { name: 'Acme' },
    });
    expect(typeof reg.body.accessToken).toBe('string');
    expect(typeof reg.body.refreshToken).toBe('string');
    const me = await call(server.url, 'GET', '/api/v1/me', { token: reg.body.accessToken });
    expect(me.status).toBe(200);
    expect(me.body.team.id).toBe(reg.body.team.id);

    const login = await call(server.url, 'POST', '/api/v1/auth/login', {
      body: { email, password: 'correct horse battery' },
    });
    expect(login.status).toBe(200);
    expect(login.body.user.id).toBe(reg.body.user.id);
    const wrong = await call(server.url, 'POST', '/api/v1/auth/login', {
      body: { email, password: 'nope nope nope' },
    });
    expect(wrong.status).toBe(401);
    expect(wrong.body.error.code).toBe('invalid-credentials');
  });

  it('refuses a second account with the same e-mail (any case)', async () => {
    const email = uniqueEmail('dup');
    await register(server.url, 'One', email);
    const again = await call(server.url, 'POST', '/api/v1/auth/register', {
      body: { teamName: 'Two', email: email.toUpperCase(), password: 'correct horse battery' },
    });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('email-taken');
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
    const expired = await new SignJWT({ team: s.team.id, role: 'admin', email: s.user.email })
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
    const accepted = await call(server.url, 'POST', '/api/v1/auth/accept-invite', {
      body: { token: invite.inviteToken, password: 'viewer password 1' },
    });
    expect(accepted.status).toBe(201);
    expect(accepted.body.user).toMatchObject({ role: 'viewer', teamId: admin.team.id });
    const again = await call(server.url, 'POST', '/api/v1/auth/accept-invite', {
      body: { token: invite.inviteToken, password: 'viewer password 1' },
    });
    expect(again.status).toBe(401);
    const members = await server.members.list(admin.team.id);
    expect(members.map((m) => m.role).sort()).toEqual(['admin', 'viewer']);
    await server.members.remove(auth, accepted.body.user.id);
    const login = await call(server.url, 'POST', '/api/v1/auth/login', {
      body: { email, password: 'viewer password 1' },
    });
    expect(login.status).toBe(401);
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

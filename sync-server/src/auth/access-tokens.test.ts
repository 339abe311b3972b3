// Access tokens are remembered once verified, and remembering changes no answer: an expired token is
// refused at its expiry, a token with another signature is refused however often its twin was seen.
// A token must carry exp, iat, sub and the user's token version, even when its signature is right.
import { SignJWT, type JWTPayload } from 'jose';
import { describe, expect, it } from 'vitest';
import { createAccessTokens } from './access-tokens';

const auth = { userId: 'u1', teamId: 't1', role: 'rep' as const, email: 'rep@example.com' };
const secret = new Uint8Array(32).fill(7);

describe('access tokens', () => {
  it('verifies from memory until the token expires, and only that exact token', async () => {
    let now = new Date('2026-03-01T10:00:00.000Z');
    const tokens = createAccessTokens(secret, 60, () => now);
    const token = await tokens.sign(auth, 3);
    const [a, b] = await Promise.all([tokens.verify(token), tokens.verify(token)]);
    expect(a).toEqual({ auth, version: 3, signIn: { method: 'password' } });
    expect(b).toEqual({ auth, version: 3, signIn: { method: 'password' } });
    a.auth.role = 'admin'; // answers are copies
    expect(await tokens.verify(token)).toEqual({ auth, version: 3, signIn: { method: 'password' } });

    const [head, body] = token.split('.');
    const forged = `${head}.${body}.${'A'.repeat(43)}`;
    await expect(tokens.verify(forged)).rejects.toMatchObject({ code: 'token-invalid' });
    const other = createAccessTokens(new Uint8Array(32).fill(8), 60, () => now);
    await expect(other.verify(token)).rejects.toMatchObject({ code: 'token-invalid' });

    now = new Date('2026-03-01T10:00:59.000Z');
    expect(await tokens.verify(token)).toEqual({ auth, version: 3, signIn: { method: 'password' } });
    now = new Date('2026-03-01T10:01:00.000Z');
    await expect(tokens.verify(token)).rejects.toMatchObject({ code: 'token-expired' });
  });

  it('carries how the session began: the provider and its id, the password by default', async () => {
    const tokens = createAccessTokens(secret, 60, () => new Date('2026-03-01T10:00:00.000Z'));
    const viaCorp = await tokens.sign(auth, 1, { method: 'provider', provider: 'corp' });
    expect((await tokens.verify(viaCorp)).signIn).toEqual({ method: 'provider', provider: 'corp' });
    expect((await tokens.verify(await tokens.sign(auth, 1))).signIn).toEqual({ method: 'password' });
  });

  it('refuses a rightly signed token without exp, iat, sub or ver, or living longer than the TTL', async () => {
    const now = new Date('2026-03-01T10:00:00.000Z');
    const t = Math.floor(now.getTime() / 1000);
    const tokens = createAccessTokens(secret, 900, () => now);
    const full: JWTPayload = {
      team: 't1',
      role: 'rep',
      email: 'rep@example.com',
      ver: 0,
      sub: 'u1',
      iss: 'sales-workspace',
      aud: 'sales-workspace-api',
      iat: t,
      exp: t + 900,
    };
    const signed = (claims: JWTPayload) =>
      new SignJWT(claims).setProtectedHeader({ alg: 'HS256', typ: 'JWT' }).sign(secret);
    expect(await tokens.verify(await signed(full))).toEqual({
      auth,
      version: 0,
      signIn: { method: 'password' },
    });
    for (const claim of ['exp', 'iat', 'sub', 'ver'] as const) {
      const { [claim]: _left, ...rest } = full;
      await expect(tokens.verify(await signed(rest)), claim).rejects.toMatchObject({ code: 'token-invalid' });
    }
    await expect(tokens.verify(await signed({ ...full, ver: '0' }))).rejects.toMatchObject({
      code: 'token-invalid',
    });
    await expect(tokens.verify(await signed({ ...full, exp: t + 10 * 365 * 86_400 }))).rejects.toMatchObject({
      code: 'token-invalid',
    });
  });
});

// Short-lived JWT access tokens (HS256, jose). The role travels in the token; a role change takes
// effect at the next refresh, at most one access-token lifetime later. A verified token is remembered
// until it expires: a client sends the same token with every request for its whole lifetime, and
// checking its signature again (WebCrypto HMAC) cost more than the rest of a cached list request.
import { errors, jwtVerify, SignJWT } from 'jose';
import { DomainError } from '@app/shared/errors';
import type { AuthContext, Role } from '../context';

const ISSUER = 'sales-workspace';
const AUDIENCE = 'sales-workspace-api';
const roles: readonly Role[] = ['admin', 'rep', 'viewer'];

export type AccessTokens = {
  sign(auth: AuthContext): Promise<string>;
  verify(token: string): Promise<AuthContext>;
  readonly ttlSeconds: number;
};

/** Verified tokens remembered at most (the oldest are forgotten first). */
const MAX_VERIFIED = 10_000;

export function createAccessTokens(secret: Uint8Array, ttlSeconds: number, now: () => Date): AccessTokens {
  const seconds = () => Math.floor(now().getTime() / 1000);
  /** Token -> who it names and when it expires (seconds), for tokens whose signature checked out. */
  const verified = new Map<string, { auth: AuthContext; exp: number }>();
  const checking = new Map<string, Promise<AuthContext>>();
  const tokens: AccessTokens = {
    ttlSeconds,
    sign(auth) {
      const iat = seconds();
      return new SignJWT({ team: auth.teamId, role: auth.role, email: auth.email })
        .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
        .setSubject(auth.userId)
        .setIssuer(ISSUER)
        .setAudience(AUDIENCE)
        .setIssuedAt(iat)
        .setExpirationTime(iat + ttlSeconds)
        .sign(secret);
    },
    async verify(token) {
      const known = verified.get(token);
      // jose's rule: expired when exp <= now (whole seconds).
      if (known && seconds() < known.exp) return { ...known.auth };
      if (known) verified.delete(token);
      // A client's first requests often come together: one check for all of them.
      let check = checking.get(token);
      if (!check) {
        check = verifySigned(token).finally(() => checking.delete(token));
        checking.set(token, check);
      }
      return { ...(await check) };
    },
  };
  return tokens;

  async function verifySigned(token: string): Promise<AuthContext> {
    try {
      const { payload } = await jwtVerify(token, secret, {
        issuer: ISSUER,
        audience: AUDIENCE,
        algorithms: ['HS256'],
        currentDate: now(),
      });
      const { sub, team, role, email } = payload;
      if (
        typeof sub !== 'string' ||
        typeof team !== 'string' ||
        typeof email !== 'string' ||
        !roles.includes(role as Role)
      ) {
        throw new DomainError('token-invalid', 'The access token is malformed');
      }
      const auth: AuthContext = { userId: sub, teamId: team, role: role as Role, email };
      if (typeof payload.exp === 'number') {
        if (verified.size >= MAX_VERIFIED) verified.delete(verified.keys().next().value!);
        verified.set(token, { auth, exp: payload.exp });
      }
      return auth;
    } catch (e) {
      if (e instanceof DomainError) throw e;
      if (e instanceof errors.JWTExpired) throw new DomainError('token-expired', 'The access token expired');
      throw new DomainError('token-invalid', 'The access token is invalid');
    }
  }
}

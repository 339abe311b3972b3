// Short-lived JWT access tokens (HS256, jose). The role travels in the token; a role change takes
// effect at the next refresh, at most one access-token lifetime later.
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

export function createAccessTokens(secret: Uint8Array, ttlSeconds: number, now: () => Date): AccessTokens {
  const seconds = () => Math.floor(now().getTime() / 1000);
  return {
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
        return { userId: sub, teamId: team, role: role as Role, email };
      } catch (e) {
        if (e instanceof DomainError) throw e;
        if (e instanceof errors.JWTExpired)
          throw new DomainError('token-expired', 'The access token expired');
        throw new DomainError('token-invalid', 'The access token is invalid');
      }
    },
  };
}

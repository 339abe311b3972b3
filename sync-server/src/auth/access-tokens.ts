// Short-lived JWT access tokens (HS256, jose). The role, the user's token version (`ver`) and how the
// session began (`sim`: password or provider, `idp`: which provider; absent: the password) travel in
// the token; `exp`, `iat`, `sub` and `ver` are required, and `exp` may be at most the lifetime after
// `iat`. Whether the version still holds is the session guard's check
// (session-guard.ts, on every request). A verified token is remembered until it expires: a client
// sends the same token with every request for its whole lifetime, and checking its signature again
// (WebCrypto HMAC) cost more than the rest of a cached list request.
import { errors, jwtVerify, SignJWT } from 'jose';
import { roles } from '@app/shared/access';
import { DomainError } from '@app/shared/errors';
import type { AuthContext, Role } from '../context';
import { passwordSignIn, type SignIn } from './docs';

const ISSUER = 'sales-workspace';
const AUDIENCE = 'sales-workspace-api';

/** A verified token: who it names, the user's token version it was signed with, how its session began. */
export type VerifiedToken = { auth: AuthContext; version: number; signIn: SignIn };

export type AccessTokens = {
  /**
   * `version`: the user's current token version (UserDoc.tokenVersion); tests' tokens leave it 0.
   * `signIn`: how the session began (default: the password).
   */
  sign(auth: AuthContext, version?: number, signIn?: SignIn): Promise<string>;
  verify(token: string): Promise<VerifiedToken>;
  readonly ttlSeconds: number;
};

const copy = (v: VerifiedToken): VerifiedToken => ({
  auth: { ...v.auth },
  version: v.version,
  signIn: { ...v.signIn },
});

/** The claims of a sign-in method, and back (anything but a provider with a string id: the password). */
const signInClaims = (s: SignIn) =>
  s.method === 'provider'
    ? { sim: 'provider', ...(s.provider ? { idp: s.provider } : {}) }
    : { sim: 'password' };
const signInOf = (sim: unknown, idp: unknown): SignIn =>
  sim === 'provider'
    ? { method: 'provider', ...(typeof idp === 'string' ? { provider: idp } : {}) }
    : passwordSignIn;

/** Verified tokens remembered at most (the oldest are forgotten first). */
const MAX_VERIFIED = 10_000;

export function createAccessTokens(secret: Uint8Array, ttlSeconds: number, now: () => Date): AccessTokens {
  const seconds = () => Math.floor(now().getTime() / 1000);
  /** Token -> who it names and when it expires (seconds), for tokens whose signature checked out. */
  const verified = new Map<string, { token: VerifiedToken; exp: number }>();
  const checking = new Map<string, Promise<VerifiedToken>>();
  const tokens: AccessTokens = {
    ttlSeconds,
    sign(auth, version = 0, signIn = passwordSignIn) {
      const iat = seconds();
      return new SignJWT({
        team: auth.teamId,
        role: auth.role,
        email: auth.email,
        ver: version,
        ...signInClaims(signIn),
      })
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
      if (known && seconds() < known.exp) return copy(known.token);
      if (known) verified.delete(token);
      // A client's first requests often come together: one check for all of them.
      let check = checking.get(token);
      if (!check) {
        check = verifySigned(token).finally(() => checking.delete(token));
        checking.set(token, check);
      }
      return copy(await check);
    },
  };
  return tokens;

  async function verifySigned(token: string): Promise<VerifiedToken> {
    try {
      const { payload } = await jwtVerify(token, secret, {
        issuer: ISSUER,
        audience: AUDIENCE,
        algorithms: ['HS256'],
        currentDate: now(),
        // jose checks exp and iat only when present: a token without them would never expire.
        requiredClaims: ['exp', 'iat', 'sub', 'ver'],
      });
      const { sub, team, role, email, ver, exp, iat, sim, idp } = payload;
      if (
        typeof sub !== 'string' ||
        typeof team !== 'string' ||
        typeof email !== 'string' ||
        !roles.includes(role as Role) ||
        !Number.isSafeInteger(ver) ||
        (ver as number) < 0 ||
        typeof exp !== 'number' ||
        typeof iat !== 'number' ||
        // No longer-lived than the tokens this server signs (not checked against the clock: the
        // servers' clocks may differ a little).
        exp - iat > ttlSeconds
      ) {
        throw new DomainError('token-invalid', 'The access token is malformed');
      }
      const verifiedToken: VerifiedToken = {
        auth: { userId: sub, teamId: team, role: role as Role, email },
        version: ver as number,
        signIn: signInOf(sim, idp),
      };
      if (verified.size >= MAX_VERIFIED) verified.delete(verified.keys().next().value!);
      verified.set(token, { token: verifiedToken, exp });
      return copy(verifiedToken);
    } catch (e) {
      if (e instanceof DomainError) throw e;
      if (e instanceof errors.JWTExpired) throw new DomainError('token-expired', 'The access token expired');
      throw new DomainError('token-invalid', 'The access token is invalid');
    }
  }
}

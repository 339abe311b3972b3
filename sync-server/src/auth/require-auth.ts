// `requireAuth`: verifies `Authorization: Bearer <access token>`, checks that its session still holds
// (session-guard.ts: not revoked by a removal, a role, team or password change) and that the team's
// sign-in rule allows how it began (sso-policy.ts: "SSO required" ends password sessions at once), and
// sets `res.locals.auth`, `res.locals.tokenVersion` and `res.locals.signIn`.
import type { Request, RequestHandler, Response } from 'express';
import { DomainError } from '@app/shared/errors';
import type { AccessTokens } from './access-tokens';
import { passwordSignIn, type SignIn } from './docs';
import type { SessionGuard } from './session-guard';
import type { SsoPolicy } from './sso-policy';

export function bearerToken(req: Request): string | undefined {
  const header = req.headers.authorization;
  if (typeof header !== 'string') return undefined;
  const m = /^Bearer\s+([A-Za-z0-9._~+/=-]{1,4096})\s*$/i.exec(header);
  return m?.[1];
}

export function createRequireAuth(
  tokens: AccessTokens,
  guard: SessionGuard,
  sso?: Pick<SsoPolicy, 'check'>,
): RequestHandler {
  return (req, res, next) => {
    const token = bearerToken(req);
    if (!token) {
      next(new DomainError('unauthorized', 'Send Authorization: Bearer <access token>'));
      return;
    }
    tokens
      .verify(token)
      .then(async ({ auth, version, signIn }) => {
        await guard.check(auth.userId, version);
        await sso?.check(auth.teamId, signIn);
        res.locals.auth = auth;
        res.locals.tokenVersion = version;
        res.locals.signIn = signIn;
      })
      .then(
        () => next(),
        (e: unknown) => next(e),
      );
  };
}

/** How the caller's session began (set by `requireAuth`; none: the password). */
export const signInOf = (res: Response): SignIn =>
  (res.locals.signIn as SignIn | undefined) ?? passwordSignIn;

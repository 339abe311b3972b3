// `requireAuth`: verifies `Authorization: Bearer <access token>`, checks that its session still holds
// (session-guard.ts: not revoked by a removal, a role, team or password change) and sets
// `res.locals.auth` and `res.locals.tokenVersion`.
import type { Request, RequestHandler } from 'express';
import { DomainError } from '@app/shared/errors';
import type { AccessTokens } from './access-tokens';
import type { SessionGuard } from './session-guard';

export function bearerToken(req: Request): string | undefined {
  const header = req.headers.authorization;
  if (typeof header !== 'string') return undefined;
  const m = /^Bearer\s+([A-Za-z0-9._~+/=-]{1,4096})\s*$/i.exec(header);
  return m?.[1];
}

export function createRequireAuth(tokens: AccessTokens, guard: SessionGuard): RequestHandler {
  return (req, res, next) => {
    const token = bearerToken(req);
    if (!token) {
      next(new DomainError('unauthorized', 'Send Authorization: Bearer <access token>'));
      return;
    }
    tokens
      .verify(token)
      .then(async ({ auth, version }) => {
        await guard.check(auth.userId, version);
        res.locals.auth = auth;
        res.locals.tokenVersion = version;
      })
      .then(
        () => next(),
        (e: unknown) => next(e),
      );
  };
}

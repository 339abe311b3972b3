// `requireAuth`: verifies `Authorization: Bearer <access token>` and sets `res.locals.auth`.
import type { Request, RequestHandler } from 'express';
import { DomainError } from '@app/shared/errors';
import type { AccessTokens } from './access-tokens';

export function bearerToken(req: Request): string | undefined {
  const header = req.headers.authorization;
  if (typeof header !== 'string') return undefined;
  const m = /^Bearer\s+([A-Za-z0-9._~+/=-]{1,4096})\s*$/i.exec(header);
  return m?.[1];
}

export function createRequireAuth(tokens: AccessTokens): RequestHandler {
  return (req, res, next) => {
    const token = bearerToken(req);
    if (!token) {
      next(new DomainError('unauthorized', 'Send Authorization: Bearer <access token>'));
      return;
    }
    tokens.verify(token).then(
      (auth) => {
        res.locals.auth = auth;
        next();
      },
      (e: unknown) => next(e),
    );
  };
}

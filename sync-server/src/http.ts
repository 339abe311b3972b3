// HTTP helpers shared by every router: async handlers, schema-parsed bodies, coded errors.
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { z } from 'zod';
import { DomainError } from '@app/shared/errors';
import type { AuthContext, Role } from './context';

/** Wraps an async handler so a rejection reaches the error middleware. */
export function route(
  fn: (req: Request, res: Response, next: NextFunction) => Promise<unknown>,
): RequestHandler {
  return (req, res, next) => {
    fn(req, res, next).catch(next);
  };
}

/** Parses a value with a zod schema, or throws `validation-failed` naming the bad fields. */
export function parse<S extends z.ZodType>(schema: S, value: unknown): z.infer<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issues = result.error.issues
    .slice(0, 10)
    .map((i) => ({ path: i.path.join('.') || '(body)', message: i.message }));
  throw new DomainError('validation-failed', issues.map((i) => `${i.path}: ${i.message}`).join('; '), {
    details: issues,
  });
}

/** The verified caller, set by the auth middleware. */
export function authOf(res: Response): AuthContext {
  const auth = res.locals.auth as AuthContext | undefined;
  if (!auth) throw new DomainError('unauthorized', 'Sign in first');
  return auth;
}

const rank: Record<Role, number> = { viewer: 0, rep: 1, admin: 2 };

/** Middleware: the caller needs at least `role` (viewer < rep < admin). */
export function requireRole(role: Role): RequestHandler {
  return (_req, res, next) => {
    const auth = authOf(res);
    if (rank[auth.role] < rank[role]) {
      next(new DomainError('role-forbidden', `This needs the ${role} role; you are ${auth.role}`));
      return;
    }
    next();
  };
}

// HTTP helpers shared by every router: async handlers, schema-parsed bodies, coded errors, and the
// access check every route makes through the shared access table.
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { z } from 'zod';
import { DomainError } from '@app/shared/errors';
import { can, refusal, type Permission } from '@app/shared/access';
import type { AuthContext } from '../context';

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

/** Middleware: the caller's role may do every one of `permissions` (the shared access table). */
export function requireAccess(...permissions: Permission[]): RequestHandler {
  return (_req, res, next) => {
    const auth = authOf(res);
    const denied = permissions.find((p) => !can(auth.role, p.resource, p.op));
    if (denied) {
      next(new DomainError('role-forbidden', refusal(auth.role, denied.resource, denied.op)));
      return;
    }
    next();
  };
}

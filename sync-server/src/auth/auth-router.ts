// Auth endpoints under /api/v1 (DESIGN §6): register, login, refresh, logout, password, me,
// accepting an invite, and resetting a forgotten password by e-mail (password-reset.ts). Login is
// rate-limited per e-mail+IP and per IP, password changes per user and per IP, registration per IP,
// reset links per e-mail and per IP. Registering, accepting an invite and asking for a reset link
// answer 202 with no session, the same whether or not the e-mail has an account (auth-service
// `signUp`); the client then signs in.
import { Router, type RequestHandler } from 'express';
import { z } from 'zod';
import { DomainError } from '@app/shared/errors';
import { authOf, parse, route } from '../http/route';
import type { AuthService } from './auth-service';
import type { PasswordReset } from './password-reset';
import { cleanDisplayName, displayNameBody, normalizeEmail, userView } from './docs';
import { createRateLimiter, type RateLimiter } from './rate-limit';
import { codeVerifier } from './oidc-native';
import { signInOf } from './require-auth';
import { browserKeyOf, mountOidcRoutes } from './oidc-router';
import type { OidcService } from './oidc-service';

const email = z.string().trim().email().max(254);
const password = z.string().min(8, { message: 'must be at least 8 characters' }).max(200);
const token = z.string().min(1).max(512);

const registerBody = z.object({ teamName: z.string().trim().min(1).max(200), email, password }).strict();
const loginBody = z
  .object({
    email,
    password: z.string().min(1).max(200),
    /** A pending provider link (oidc-service.ts) this sign-in confirms. */
    linkToken: token.optional(),
    /** The desktop app's pending link: the PKCE verifier of the challenge it was bound to. */
    linkVerifier: codeVerifier.optional(),
  })
  .strict();
const refreshBody = z.object({ refreshToken: token }).strict();
const passwordBody = z
  .object({ currentPassword: z.string().min(1).max(200), newPassword: password })
  .strict();
const acceptBody = z.object({ token, password }).strict();
const forgotBody = z.object({ email }).strict();
const resetBody = z.object({ token, password }).strict();

export type AuthLimits = {
  login: RateLimiter;
  loginPerIp: RateLimiter;
  register: RateLimiter;
  /** Failed password changes (wrong current password, weak new one) per user. */
  password: RateLimiter;
  passwordPerIp: RateLimiter;
  /** Reset links asked for, per e-mail and per IP (each is a mail sent). */
  forgot: RateLimiter;
  forgotPerIp: RateLimiter;
  /** Reset attempts per IP (a token is 32 random bytes; this keeps the log quiet). */
  resetPerIp: RateLimiter;
};

export function defaultAuthLimits(): AuthLimits {
  return {
    login: createRateLimiter({ max: 10, windowMs: 15 * 60_000 }),
    loginPerIp: createRateLimiter({ max: 100, windowMs: 15 * 60_000 }),
    register: createRateLimiter({ max: 20, windowMs: 60 * 60_000 }),
    password: createRateLimiter({ max: 10, windowMs: 15 * 60_000 }),
    passwordPerIp: createRateLimiter({ max: 100, windowMs: 15 * 60_000 }),
    forgot: createRateLimiter({ max: 3, windowMs: 60 * 60_000 }),
    forgotPerIp: createRateLimiter({ max: 30, windowMs: 60 * 60_000 }),
    resetPerIp: createRateLimiter({ max: 30, windowMs: 15 * 60_000 }),
  };
}

function limited(limiter: RateLimiter, key: string) {
  const wait = limiter.blockedFor(key);
  if (wait > 0) {
    throw new DomainError('rate-limited', 'Too many attempts; try again later', {
      details: { retryAfterSeconds: Math.ceil(wait / 1000) },
    });
  }
}

type AuthRouterDeps = {
  auth: AuthService;
  acceptInvite: (input: { token: string; password: string }) => Promise<unknown>;
  passwordReset: PasswordReset;
  requireAuth: RequestHandler;
  /** Sign-in through the operator's providers (none configured: the routes answer so). */
  oidc?: OidcService;
  /** Where this server is reached (PUBLIC_URL), for the providers' redirects. */
  publicUrl?: () => string;
  /** Any left out: the defaults. */
  limits?: Partial<AuthLimits>;
};

const ip = (req: { ip?: string }) => req.ip ?? 'unknown';

/** A forgotten password's e-mail and reset, and a signed-in member's password change. */
function mountPasswordRoutes(r: Router, deps: AuthRouterDeps, limits: AuthLimits): void {
  r.post(
    '/auth/forgot-password',
    route(async (req, res) => {
      const body = parse(forgotBody, req.body);
      const key = normalizeEmail(body.email);
      limited(limits.forgot, key);
      limited(limits.forgotPerIp, ip(req));
      limits.forgot.hit(key);
      limits.forgotPerIp.hit(ip(req));
      res.status(202).json(await deps.passwordReset.request(body.email));
    }),
  );
  r.post(
    '/auth/reset-password',
    route(async (req, res) => {
      limited(limits.resetPerIp, ip(req));
      const body = parse(resetBody, req.body);
      try {
        res.json(await deps.passwordReset.reset(body));
      } catch (e) {
        limits.resetPerIp.hit(ip(req));
        throw e;
      }
    }),
  );
  r.post(
    '/auth/password',
    deps.requireAuth,
    route(async (req, res) => {
      const auth = authOf(res);
      // Per user, whatever the IP: the caller holds the user's token already, so a lock-out only
      // slows down that user's own sessions, while guessing the current password from many IPs stops.
      const key = auth.userId;
      limited(limits.password, key);
      limited(limits.passwordPerIp, ip(req));
      const body = parse(passwordBody, req.body);
      try {
        const session = await deps.auth.changePassword(auth, body, signInOf(res));
        limits.password.reset(key);
        res.json(session);
      } catch (e) {
        limits.password.hit(key);
        limits.passwordPerIp.hit(ip(req));
        throw e;
      }
    }),
  );
}

export function createAuthRouter(deps: AuthRouterDeps): Router {
  const r = Router();
  const limits: AuthLimits = { ...defaultAuthLimits(), ...deps.limits };

  r.post(
    '/auth/register',
    route(async (req, res) => {
      limited(limits.register, ip(req));
      const body = parse(registerBody, req.body);
      limits.register.hit(ip(req));
      res.status(202).json(await deps.auth.signUp(body));
    }),
  );
  r.post(
    '/auth/login',
    route(async (req, res) => {
      const body = parse(loginBody, req.body);
      const key = `${normalizeEmail(body.email)}|${ip(req)}`;
      limited(limits.login, key);
      limited(limits.loginPerIp, ip(req));
      try {
        const { linkToken, linkVerifier, ...credentials } = body;
        const oidc = deps.oidc;
        const session =
          linkToken && oidc
            ? await deps.auth.login(credentials, (user) =>
                oidc.confirmPending(userView(user).id, linkToken, browserKeyOf(req), linkVerifier),
              )
            : await deps.auth.login(credentials);
        limits.login.reset(key);
        res.json(session);
      } catch (e) {
        limits.login.hit(key);
        limits.loginPerIp.hit(ip(req));
        throw e;
      }
    }),
  );
  r.post(
    '/auth/refresh',
    route(async (req, res) => {
      res.json(await deps.auth.refresh(parse(refreshBody, req.body).refreshToken));
    }),
  );
  r.post(
    '/auth/logout',
    route(async (req, res) => {
      await deps.auth.logout(parse(refreshBody, req.body).refreshToken);
      res.status(204).end();
    }),
  );
  r.post(
    '/auth/accept-invite',
    route(async (req, res) => {
      res.status(202).json(await deps.acceptInvite(parse(acceptBody, req.body)));
    }),
  );
  mountPasswordRoutes(r, deps, limits);
  mountOidcRoutes(r, {
    requireAuth: deps.requireAuth,
    ...(deps.oidc ? { oidc: deps.oidc } : {}),
    ...(deps.publicUrl ? { publicUrl: deps.publicUrl } : {}),
  });
  r.get(
    '/me',
    deps.requireAuth,
    route(async (_req, res) => {
      const auth = authOf(res);
      res.json({ ...(await deps.auth.me(auth)), role: auth.role });
    }),
  );
  r.patch(
    '/me',
    deps.requireAuth,
    route(async (req, res) => {
      const body = parse(displayNameBody, req.body);
      res.json(await deps.auth.setDisplayName(authOf(res), cleanDisplayName(body.displayName)));
    }),
  );
  return r;
}

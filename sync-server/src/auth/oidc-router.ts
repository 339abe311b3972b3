// Routes of sign-in through the operator's providers (oidc-service.ts), mounted by auth-router.ts:
//   GET  /auth/providers                  what is configured (id, name; no secrets)
//   GET  /auth/oidc/:provider/start       the browser goes to the provider (a sign-in; ?invite=<token>:
//                                         joining; the desktop app's ?link=<ticket>: its member's link)
//   POST /auth/oidc/:provider/link        a signed-in member's link: answers the provider's URL, or for the
//                                         desktop app ({client_id}) a ticket its system browser starts with
//   GET  /auth/oidc/:provider/callback    the provider's redirect back; the browser goes on to /app/#...
//   POST /auth/oidc/exchange              the app trades the handoff code for the session
//   POST /auth/oidc/link/confirm          the desktop app confirms its pending link (session, PKCE verifier)
//   GET  /auth/identities, DELETE /auth/identities/:provider   the member's linked accounts
//   GET, PUT /auth/sso-policy             whether the team signs in through providers only, and which
//                                         (admins set it; from a session the new rule allows)
// The browser key of a flow is an HttpOnly, SameSite=Lax cookie on /api/v1/auth. A refused callback
// answers its 4xx with a short page that sends the browser to the app with the error's code. The
// desktop app starts with its loopback redirect and PKCE challenge (oidc-native.ts, RFC 8252): its
// flow ends at that redirect with a code, a pending link or an OAuth error, and it trades the code
// (or confirms the link) with its verifier.
import type { Request, RequestHandler, Response, Router } from 'express';
import { z } from 'zod';
import { DomainError } from '@app/shared/errors';
import { authOf, parse, requireAccess, route } from '../http/route';
import {
  NATIVE_CLIENT_ID,
  codeVerifier,
  loopbackTarget,
  nativeFlowOf,
  nativeStartQuery,
} from './oidc-native';
import { FLOW_MINUTES, type OidcService } from './oidc-service';
import { signInOf } from './require-auth';

export const OIDC_COOKIE = 'sw_oidc';
const providerId = z.string().regex(/^[a-z][a-z0-9-]{0,30}$/, { message: 'is not a provider id' });
const oneTimeToken = z.string().min(1).max(512);
const exchangeBody = z.strictObject({
  code: oneTimeToken,
  /** A native client's PKCE verifier. */
  code_verifier: codeVerifier.optional(),
});
/** The web app sends none; the desktop app names itself and gets a ticket instead of the provider's URL. */
const linkBody = z.strictObject({ client_id: z.literal(NATIVE_CLIENT_ID).optional() });
const confirmLinkBody = z.strictObject({ token: oneTimeToken, code_verifier: codeVerifier });
const policyBody = z.strictObject({
  required: z.boolean(),
  /** The providers that may sign members in (none, or left out: any configured one). */
  providers: z
    .array(providerId)
    .max(20)
    .refine((ids) => new Set(ids).size === ids.length, { message: 'names a provider twice' })
    .optional(),
});
/**
 * `invite`: accept this invite through the provider (a new member of the inviting team); `link`: the
 * desktop app's ticket for its member's link.
 */
const startQuery = z
  .object({ invite: oneTimeToken.optional(), link: oneTimeToken.optional() })
  .refine((q) => !(q.invite && q.link), { message: 'takes an invite or a link ticket, not both' });

/** The flow's browser key from the request's cookies. */
export function browserKeyOf(req: Request): string | undefined {
  const header = req.headers.cookie;
  if (typeof header !== 'string') return undefined;
  for (const part of header.split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === OIDC_COOKIE) return value.join('=') || undefined;
  }
  return undefined;
}

function setBrowserKey(res: Response, key: string, secure: boolean) {
  res.cookie(OIDC_COOKIE, key, {
    httpOnly: true,
    sameSite: 'lax',
    secure,
    path: '/api/v1/auth',
    maxAge: (FLOW_MINUTES + 20) * 60_000,
  });
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export function mountOidcRoutes(r: Router, deps: OidcDeps): void {
  const oidc = (): OidcService => {
    if (!deps.oidc) throw new DomainError('sso-provider-unknown', 'No sign-in provider is configured');
    return deps.oidc;
  };
  const secure = () => deps.publicUrl?.().startsWith('https:') ?? false;
  const base = () => (deps.publicUrl?.() ?? '').replace(/\/+$/, '');

  /**
   * A person's browser (it asks for HTML) gets the refusal as a short page with the reason that takes
   * it on to the app (`#sso-error=`), which says it in the UI's language; an API caller the JSON error.
   */
  const refusedPage =
    (req: Request, res: Response, next: (e: unknown) => void) =>
    (error: unknown): void => {
      // HTML only for a client that asks for it over JSON (a browser's navigation does); one that
      // names no preference (no Accept header, or */*) is an API caller.
      if (
        !(error instanceof DomainError) ||
        error.status === 500 ||
        req.accepts(['json', 'html']) !== 'html'
      ) {
        next(error);
        return;
      }
      const target = `${base()}/app/#sso-error=${encodeURIComponent(error.code)}&reason=${encodeURIComponent(error.message)}`;
      res
        .status(error.status)
        .type('html')
        .send(
          `<!doctype html><meta charset="utf-8"><meta http-equiv="refresh" content="0;url=${escapeHtml(target)}">` +
            `<title>Sign-in refused</title><p>${escapeHtml(error.message)}</p>` +
            `<p><a href="${escapeHtml(target)}">Back to the workspace</a></p>`,
        );
    };

  r.get(
    '/auth/providers',
    route(async (_req, res) => {
      res.json({ providers: deps.oidc?.providers() ?? [] });
    }),
  );
  r.get('/auth/oidc/:provider/start', (req, res, next) => {
    const answer = async () => {
      const provider = parse(providerId, req.params.provider);
      const { invite, link } = parse(startQuery, req.query);
      // A native client (the desktop app) names itself; its redirect is checked before anything else.
      const native = 'client_id' in req.query ? nativeFlowOf(parse(nativeStartQuery, req.query)) : undefined;
      const by = native ? { native } : {};
      const { url, browserKey } = link
        ? await oidc().start(provider, 'link', { ...by, linkTicket: link })
        : invite
          ? await oidc().start(provider, 'invite', { ...by, inviteToken: invite })
          : await oidc().start(provider, 'signin', by);
      setBrowserKey(res, browserKey, secure());
      res.redirect(303, url);
    };
    answer().catch(refusedPage(req, res, next));
  });
  r.post(
    '/auth/oidc/:provider/link',
    deps.requireAuth,
    route(async (req, res) => {
      const provider = parse(providerId, req.params.provider);
      // The desktop app's link begins in the system browser, which has no session: a ticket takes it there.
      if (parse(linkBody, req.body ?? {}).client_id) {
        res.json(await oidc().linkTicket(authOf(res), provider));
        return;
      }
      const { url, browserKey } = await oidc().start(provider, 'link', { auth: authOf(res) });
      setBrowserKey(res, browserKey, secure());
      res.json({ url });
    }),
  );
  r.post(
    '/auth/oidc/link/confirm',
    deps.requireAuth,
    route(async (req, res) => {
      const body = parse(confirmLinkBody, req.body);
      res.json({ provider: await oidc().confirmLink(authOf(res), body.token, body.code_verifier) });
    }),
  );
  r.get('/auth/oidc/:provider/callback', (req, res, next) => {
    const answer = async () => {
      const provider = parse(providerId, req.params.provider);
      const url = new URL(req.originalUrl, `${base() || 'http://localhost'}/`);
      const outcome = await oidc().callback(provider, url, browserKeyOf(req));
      if (outcome.native) {
        res.redirect(303, loopbackTarget(outcome.native, outcome.outcome));
        return;
      }
      const fragment =
        outcome.kind === 'signed-in'
          ? `sso=${encodeURIComponent(outcome.handoff)}`
          : outcome.kind === 'linked'
            ? `sso-linked=${encodeURIComponent(outcome.provider)}`
            : `sso-pending=${encodeURIComponent(outcome.token)}&provider=${encodeURIComponent(outcome.provider)}&email=${encodeURIComponent(outcome.email)}`;
      res.redirect(303, `${base()}/app/#${fragment}`);
    };
    answer().catch(refusedPage(req, res, next));
  });
  r.post(
    '/auth/oidc/exchange',
    route(async (req, res) => {
      const body = parse(exchangeBody, req.body);
      res.json(await oidc().exchange(body.code, browserKeyOf(req), body.code_verifier));
    }),
  );
  mountAccountRoutes(r, deps, oidc);
}

type OidcDeps = { oidc?: OidcService; requireAuth: RequestHandler; publicUrl?: () => string };

/** A member's linked provider accounts and the team's SSO rule. */
function mountAccountRoutes(r: Router, deps: OidcDeps, oidc: () => OidcService): void {
  r.get(
    '/auth/identities',
    deps.requireAuth,
    route(async (_req, res) => {
      res.json({ identities: deps.oidc ? await deps.oidc.identities(authOf(res)) : [] });
    }),
  );
  r.delete(
    '/auth/identities/:provider',
    deps.requireAuth,
    route(async (req, res) => {
      await oidc().unlink(authOf(res), parse(providerId, req.params.provider));
      res.status(204).end();
    }),
  );
  r.get(
    '/auth/sso-policy',
    deps.requireAuth,
    route(async (_req, res) => {
      res.json(
        deps.oidc ? await deps.oidc.ssoRequired(authOf(res).teamId) : { required: false, providers: [] },
      );
    }),
  );
  r.put(
    '/auth/sso-policy',
    deps.requireAuth,
    requireAccess({ resource: 'members', op: 'update' }),
    route(async (req, res) => {
      const body = parse(policyBody, req.body);
      res.json(await oidc().setSsoRequired(authOf(res), body.required, body.providers, signInOf(res)));
    }),
  );
}

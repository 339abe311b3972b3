// Descriptions of the core's auth routes (src/auth/auth-router.ts) for the OpenAPI document; the
// openapi test checks them against the routes the app really mounts.
import { z } from 'zod';
import { roles } from '@app/shared/access';
import { displayNameBody } from '../auth/docs';
import type { RouteRegistry } from '../http/registry';

const email = z.email().max(254);
const password = z.string().min(8).max(200);
const user = z.object({
  id: z.string(),
  email: z.string(),
  role: z.enum(roles),
  teamId: z.string(),
  createdAt: z.string(),
  displayName: z.string().optional(),
});
const session = z.object({
  accessToken: z.string(),
  refreshToken: z.string(),
  user,
  team: z.object({ id: z.string(), name: z.string() }),
});
const refreshBody = z.strictObject({ refreshToken: z.string().min(1).max(512) });
/** Registering and accepting an invite answer this, the same whether or not the e-mail has an account. */
const signUpAnswer = z.object({ email: z.string(), message: z.string() });

export function describeAuthRoutes(registry: RouteRegistry): void {
  const tag = 'auth';
  registry.describe({
    method: 'post',
    path: '/auth/register',
    summary:
      'Register a team with its first admin (a strong password: 400 password-too-weak otherwise), then sign in; ' +
      'the same 202 answer, with no session, whether or not the e-mail has an account (rate limited)',
    tag,
    access: 'public',
    body: z.strictObject({ teamName: z.string().min(1).max(200), email, password }),
    response: signUpAnswer,
    status: 202,
  });
  registry.describe({
    method: 'post',
    path: '/auth/login',
    summary: 'Log in (rate limited)',
    tag,
    access: 'public',
    body: z.strictObject({
      email,
      password: z.string().min(1).max(200),
      linkToken: z.string().min(1).max(512).optional(),
      linkVerifier: z.string().min(43).max(128).optional(),
    }),
    response: session,
  });
  registry.describe({
    method: 'post',
    path: '/auth/refresh',
    summary: 'Rotate the refresh token (a reused token revokes its family)',
    tag,
    access: 'public',
    body: refreshBody,
    response: session,
  });
  registry.describe({
    method: 'post',
    path: '/auth/logout',
    summary: 'Revoke a refresh token',
    tag,
    access: 'public',
    body: refreshBody,
    status: 204,
  });
  registry.describe({
    method: 'post',
    path: '/auth/accept-invite',
    summary:
      'Redeem an invite token with a password (a new account, or the own password of an account the e-mail ' +
      'has, which then joins the team), then sign in; the same 202 answer either way',
    tag,
    access: 'public',
    body: z.strictObject({ token: z.string().min(1).max(512), password }),
    response: signUpAnswer,
    status: 202,
  });
  registry.describe({
    method: 'post',
    path: '/auth/forgot-password',
    summary:
      "Mail a single-use link to set a new password (valid for an hour; sent through the team's e-mail " +
      'channel); the same 202 answer whether or not the e-mail has an account; rate limited',
    tag,
    access: 'public',
    body: z.strictObject({ email: z.email().max(254) }),
    response: signUpAnswer,
    status: 202,
  });
  registry.describe({
    method: 'post',
    path: '/auth/reset-password',
    summary:
      'Set a new (strong) password with the token of a reset link; the token works once, and every ' +
      'session of the account ends',
    tag,
    access: 'public',
    body: z.strictObject({ token: z.string().min(1).max(512), password }),
    response: signUpAnswer,
  });
  registry.describe({
    method: 'post',
    path: '/auth/password',
    summary: 'Change your password (a strong one; ends every other session at once; rate limited)',
    tag,
    access: 'member',
    body: z.strictObject({ currentPassword: z.string().min(1).max(200), newPassword: password }),
    response: session,
  });
  describeOidcRoutes(registry);
  registry.describe({
    method: 'get',
    path: '/me',
    summary: 'The caller, their team and role',
    tag,
    access: 'member',
    response: z.object({ user, team: z.object({ id: z.string(), name: z.string() }), role: z.string() }),
  });
  registry.describe({
    method: 'patch',
    path: '/me',
    summary:
      'Set your display name (it signs your messages to customers in every channel; null clears it; ' +
      'at most 80 characters, not an e-mail address)',
    tag,
    access: 'member',
    body: displayNameBody,
    response: user,
  });
}

const identity = z.object({
  provider: z.string(),
  name: z.string(),
  email: z.string().optional(),
  linkedAt: z.string(),
});

/** Sign-in through the operator's OIDC providers (src/auth/oidc-router.ts). */
function describeOidcRoutes(registry: RouteRegistry): void {
  const tag = 'auth';
  registry.describe({
    method: 'get',
    path: '/auth/providers',
    summary: 'The sign-in providers the operator configured (OIDC_PROVIDERS): id and name, no secrets',
    tag,
    access: 'public',
    response: z.object({ providers: z.array(z.object({ id: z.string(), name: z.string() })) }),
  });
  registry.describe({
    method: 'get',
    path: '/auth/oidc/:provider/start',
    summary:
      'Begin a sign-in through a provider: 303 to its authorization page (code flow with PKCE, state and ' +
      'nonce kept here for 10 minutes, bound to this browser by an HttpOnly cookie); with `invite`, accept ' +
      'that invite as a new member whose provider-verified e-mail is the invited one. The desktop app (a ' +
      'native client, RFC 8252) adds client_id=desktop, its loopback redirect_uri ' +
      '(http://127.0.0.1:<any port>/callback), an S256 code_challenge and its state: the flow ends there ' +
      'with ?code=, ?pending= (a link to confirm with the code_verifier) or ?error=, and the state; with ' +
      '`link` (its ticket from POST /auth/oidc/:provider/link), it links a provider to the signed-in member',
    tag,
    access: 'public',
    query: z.object({
      invite: z.string().min(1).max(512).optional(),
      link: z.string().min(1).max(512).optional(),
      client_id: z.literal('desktop').optional(),
      redirect_uri: z.string().max(100).optional(),
      code_challenge: z.string().optional(),
      code_challenge_method: z.literal('S256').optional(),
      state: z.string().optional(),
    }),
    status: 303,
  });
  registry.describe({
    method: 'post',
    path: '/auth/oidc/:provider/link',
    summary:
      "Link a provider account to you: answers the provider's URL to open in this browser; the desktop " +
      'app (client_id) gets a one-time ticket (2 minutes) to start the link with in the system browser',
    tag,
    access: 'member',
    body: z.strictObject({ client_id: z.literal('desktop').optional() }),
    response: z.union([z.object({ url: z.string() }), z.object({ ticket: z.string() })]),
  });
  registry.describe({
    method: 'post',
    path: '/auth/oidc/link/confirm',
    summary:
      "The desktop app's link: confirm the pending link its loopback got (?pending=), on the session of " +
      'the member who asked for the ticket, with its PKCE code_verifier (once, within 2 minutes)',
    tag,
    access: 'member',
    body: z.strictObject({
      token: z.string().min(1).max(512),
      code_verifier: z.string().min(43).max(128),
    }),
    response: z.object({ provider: z.string() }),
  });
  registry.describe({
    method: 'get',
    path: '/auth/oidc/:provider/callback',
    summary:
      "The provider's redirect back: state, code and ID token checked (once, in time, same browser); 303 to " +
      '/app/ with a one-time handoff code (#sso=), a linked account (#sso-linked=) or a link the member must ' +
      'confirm with the password (#sso-pending=); a refused one answers its 4xx',
    tag,
    access: 'public',
    status: 303,
  });
  registry.describe({
    method: 'post',
    path: '/auth/oidc/exchange',
    summary:
      "Trade a sign-in's handoff code (once, within 2 minutes; same browser, or a native client's PKCE " +
      'code_verifier) for the session',
    tag,
    access: 'public',
    body: z.strictObject({
      code: z.string().min(1).max(512),
      code_verifier: z.string().min(43).max(128).optional(),
    }),
    response: session,
  });
  describeOidcAccountRoutes(registry);
}

/** A member's linked provider accounts and the team's SSO rule (oidc-router.ts' mountAccountRoutes). */
function describeOidcAccountRoutes(registry: RouteRegistry): void {
  const tag = 'auth';
  registry.describe({
    method: 'get',
    path: '/auth/identities',
    summary: 'The provider accounts linked to you',
    tag,
    access: 'member',
    response: z.object({ identities: z.array(identity) }),
  });
  registry.describe({
    method: 'delete',
    path: '/auth/identities/:provider',
    summary: 'Unlink a provider account (not the last one while the team requires SSO)',
    tag,
    access: 'member',
    status: 204,
  });
  registry.describe({
    method: 'get',
    path: '/auth/sso-policy',
    summary: 'Whether your team signs in through providers only, and which (none listed: any configured)',
    tag,
    access: 'member',
    response: z.object({ required: z.boolean(), providers: z.array(z.string()) }),
  });
  registry.describe({
    method: 'put',
    path: '/auth/sso-policy',
    summary:
      'Require sign-in through a provider for the team, through any configured one or the ones listed ' +
      '(password sign-in, other sessions and their access tokens refused with 403 sso-required; turned on, ' +
      "the team's calendar feeds end); the admin must have a linked account of an allowed provider and " +
      'set it from a session the rule allows',
    tag,
    access: { resource: 'members', op: 'update' },
    body: z.strictObject({ required: z.boolean(), providers: z.array(z.string()).max(20).optional() }),
    response: z.object({ required: z.boolean(), providers: z.array(z.string()) }),
  });
}

// The desktop app as a native client of this server's provider sign-in (RFC 8252): the app opens
// /auth/oidc/:provider/start in the system browser with its own PKCE challenge, state and a loopback
// redirect (http://127.0.0.1:<any port>/callback, §7.3: any port, the registered path); the server
// runs the provider's flow as for the web app and, at its end, sends the browser to that loopback
// address with a one-time code (or an OAuth error) and the app's state. The app trades the code with
// its PKCE verifier (the code is bound to the challenge, not to the browser's cookie, which the app
// never sees). One native client is registered: `desktop`.
// The same flow links a provider to the signed-in member from the app: the app asks for a one-time
// ticket on the member's session (POST /auth/oidc/:provider/link) and starts with `link=<ticket>`; the
// flow ends at the loopback as a pending link bound to the app's challenge, which the app confirms on
// the member's session with its verifier (POST /auth/oidc/link/confirm). A first sign-in whose
// e-mail is a member's ends as a pending link too, which the member confirms with the password and
// the verifier (POST /auth/login).
import { z } from 'zod';

export const NATIVE_CLIENT_ID = 'desktop';
/** The registered redirect's path; its host is the loopback address, its port any. */
export const NATIVE_REDIRECT_PATH = '/callback';

/** What a native client's start carries, kept with the flow. */
export type NativeFlow = { redirectUri: string; codeChallenge: string; appState: string };

const base64url = (length: string) => new RegExp(`^[A-Za-z0-9_-]{${length}}$`);

/** A native client's PKCE verifier (RFC 7636: 43 to 128 unreserved characters). */
export const codeVerifier = z
  .string()
  .regex(/^[A-Za-z0-9._~-]{43,128}$/, { message: 'is not a PKCE verifier' });

/** Why `uri` is not the native client's loopback redirect (RFC 8252 §7.3), or undefined. */
export function loopbackRedirectProblem(uri: string): string | undefined {
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    return 'is not an address';
  }
  if (url.protocol !== 'http:') return 'must use http on the loopback address';
  if (url.hostname !== '127.0.0.1' && url.hostname !== '[::1]')
    return 'must be the loopback address 127.0.0.1 or [::1] (not a name)';
  if (!url.port) return 'must name its port';
  if (url.username || url.password || url.search || url.hash) return 'must carry no credentials or query';
  if (url.pathname !== NATIVE_REDIRECT_PATH) return `must have the path ${NATIVE_REDIRECT_PATH}`;
  return undefined;
}

/** A native client's query on the start route (absent: the web app's start). */
export const nativeStartQuery = z.object({
  client_id: z.literal(NATIVE_CLIENT_ID, { message: `is not a registered client (${NATIVE_CLIENT_ID})` }),
  redirect_uri: z
    .string()
    .max(100)
    .superRefine((uri, ctx) => {
      const problem = loopbackRedirectProblem(uri);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    }),
  code_challenge: z.string().regex(base64url('43'), { message: 'is not an S256 challenge' }),
  code_challenge_method: z.literal('S256', { message: 'must be S256' }),
  state: z.string().regex(base64url('16,128'), { message: 'must be 16 to 128 URL-safe characters' }),
});

export const nativeFlowOf = (q: z.infer<typeof nativeStartQuery>): NativeFlow => ({
  redirectUri: q.redirect_uri,
  codeChallenge: q.code_challenge,
  appState: q.state,
});

/**
 * The binding of a code given to a native client: the sha256 (hex) its verifier must hash to, the
 * same form as a browser key's binding, so one check serves both.
 */
export const challengeBinding = (codeChallenge: string) =>
  Buffer.from(codeChallenge, 'base64url').toString('hex');

/**
 * How a native client's flow ended: signed in (a code to trade with the verifier), a pending link (the
 * app confirms it: a link it started, on the member's session; a first sign-in, with the password),
 * or refused.
 */
export type NativeOutcome =
  | { kind: 'signed-in'; handoff: string }
  | { kind: 'pending'; token: string; provider: string; email?: string }
  | { kind: 'refused'; code: string; message: string };

/** Where the browser goes at the end of a native flow: the loopback redirect, its answer and the state. */
export function loopbackTarget(flow: NativeFlow, outcome: NativeOutcome): string {
  const params: Record<string, string> =
    outcome.kind === 'signed-in'
      ? { code: outcome.handoff }
      : outcome.kind === 'pending'
        ? { pending: outcome.token, ...(outcome.email ? { email: outcome.email } : {}) }
        : { error: 'access_denied', error_code: outcome.code, error_description: outcome.message };
  const to = new URL(flow.redirectUri);
  for (const [k, v] of Object.entries(params)) to.searchParams.set(k, v);
  to.searchParams.set('state', flow.appState);
  return to.href;
}

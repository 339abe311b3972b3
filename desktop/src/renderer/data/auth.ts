// Signing in and authenticated requests. `createAuthFetch` adds the bearer token to every request
// (API and sync gateway) and, on a 401, refreshes the token once via POST /api/v1/auth/refresh and
// retries; concurrent 401s share one refresh. A failed refresh signs the user out.
import type { StoredSession } from '@app/shared/ipc';

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

type AuthResponse = {
  accessToken: string;
  refreshToken: string;
  user?: { id?: string; email?: string };
  team?: { id?: string; name?: string };
};

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** The error's `details` (a plan limit's name and numbers), as the server sent them. */
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export function normalizeServerUrl(raw: string): string {
  const trimmed = raw.trim().replace(/\/+$/, '');
  const url = new URL(trimmed.includes('://') ? trimmed : `http://${trimmed}`);
  return url.origin + url.pathname.replace(/\/+$/, '');
}

async function errorOf(res: Response): Promise<ApiError> {
  try {
    const body = (await res.json()) as { error?: { code?: string; message?: string; details?: unknown } };
    return new ApiError(
      res.status,
      body.error?.code ?? 'http-error',
      body.error?.message ?? res.statusText,
      body.error?.details,
    );
  } catch {
    return new ApiError(res.status, 'http-error', res.statusText || `HTTP ${res.status}`);
  }
}

function toSession(serverUrl: string, body: AuthResponse): StoredSession {
  return {
    serverUrl,
    accessToken: body.accessToken,
    refreshToken: body.refreshToken,
    ...(body.user?.id ? { userId: body.user.id } : {}),
    ...(body.team?.id ? { teamId: body.team.id } : {}),
    ...(body.user?.email ? { email: body.user.email } : {}),
  };
}

async function postJson<T = AuthResponse>(fetchImpl: FetchLike, url: string, body: unknown): Promise<T> {
  const res = await fetchImpl(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw await errorOf(res);
  return (await res.json()) as T;
}

export async function signIn(
  serverUrl: string,
  email: string,
  password: string,
  fetchImpl: FetchLike = fetch,
  /** A pending provider link (#sso-pending=, or the desktop app's loopback answer) this sign-in confirms. */
  linkToken?: string,
  /** The desktop app's PKCE verifier its pending link is bound to. */
  linkVerifier?: string,
): Promise<StoredSession> {
  const base = normalizeServerUrl(serverUrl);
  const body = {
    email,
    password,
    ...(linkToken ? { linkToken } : {}),
    ...(linkToken && linkVerifier ? { linkVerifier } : {}),
  };
  return toSession(base, await postJson(fetchImpl, `${base}/api/v1/auth/login`, body));
}

/** A sign-in provider the server offers (GET /api/v1/auth/providers). */
export type SsoProvider = { id: string; name: string };

/** The server's sign-in providers; none when it cannot say (an older server, not reachable). */
export async function listProviders(serverUrl: string, fetchImpl: FetchLike = fetch): Promise<SsoProvider[]> {
  try {
    const base = normalizeServerUrl(serverUrl);
    const res = await fetchImpl(`${base}/api/v1/auth/providers`);
    if (!res.ok) return [];
    const body = (await res.json()) as { providers?: SsoProvider[] };
    return Array.isArray(body.providers) ? body.providers : [];
  } catch {
    return [];
  }
}

/**
 * Where the browser goes to sign in through `provider` (it comes back to /app/#sso=...); with an
 * invite's token, to accept that invite through the provider.
 */
export const providerStartUrl = (serverUrl: string, provider: string, inviteToken?: string) =>
  `${normalizeServerUrl(serverUrl)}/api/v1/auth/oidc/${encodeURIComponent(provider)}/start` +
  (inviteToken ? `?invite=${encodeURIComponent(inviteToken)}` : '');

/**
 * Trades the one-time code of a provider sign-in (#sso=, or the desktop app's loopback answer with
 * its PKCE verifier) for the session.
 */
export async function exchangeSsoCode(
  serverUrl: string,
  code: string,
  fetchImpl: FetchLike = fetch,
  codeVerifier?: string,
): Promise<StoredSession> {
  const base = normalizeServerUrl(serverUrl);
  const body = codeVerifier ? { code, code_verifier: codeVerifier } : { code };
  return toSession(base, await postJson(fetchImpl, `${base}/api/v1/auth/oidc/exchange`, body));
}

/** What a provider's redirect back left in the page address. */
export type SsoReturn =
  | { kind: 'code'; code: string }
  | { kind: 'pending'; token: string; provider: string; email: string }
  | { kind: 'linked'; provider: string }
  | { kind: 'error'; code: string; reason: string };

export function ssoReturnOf(hash: string): SsoReturn | undefined {
  if (!/^#sso(-pending|-linked|-error)?=/.test(hash)) return undefined;
  const p = new URLSearchParams(hash.slice(1));
  const code = p.get('sso');
  if (code) return { kind: 'code', code };
  const token = p.get('sso-pending');
  if (token) return { kind: 'pending', token, provider: p.get('provider') ?? '', email: p.get('email') ?? '' };
  const linked = p.get('sso-linked');
  if (linked) return { kind: 'linked', provider: linked };
  const error = p.get('sso-error');
  return error ? { kind: 'error', code: error, reason: p.get('reason') ?? '' } : undefined;
}

/**
 * Registers a team, then signs in: the server answers a registration alike whether or not the e-mail
 * already has an account (202, no session), so a taken e-mail shows as a failed sign-in.
 */
export async function registerTeam(
  serverUrl: string,
  input: { teamName: string; email: string; password: string },
  fetchImpl: FetchLike = fetch,
): Promise<StoredSession> {
  const base = normalizeServerUrl(serverUrl);
  await postJson(fetchImpl, `${base}/api/v1/auth/register`, input);
  return signIn(base, input.email, input.password, fetchImpl);
}

/** The server's answer to asking for a reset link, setting a password with one, or accepting an invite. */
export type AccountAnswer = { email: string; message: string };

async function postAccount(fetchImpl: FetchLike, url: string, body: unknown): Promise<AccountAnswer> {
  return postJson<AccountAnswer>(fetchImpl, url, body);
}

/** Asks for a password reset link by e-mail (the same answer whether or not the e-mail has an account). */
export function requestPasswordReset(
  serverUrl: string,
  email: string,
  fetchImpl: FetchLike = fetch,
): Promise<AccountAnswer> {
  const base = normalizeServerUrl(serverUrl);
  return postAccount(fetchImpl, `${base}/api/v1/auth/forgot-password`, { email });
}

/** Sets a new password with the token of a reset link. */
export function resetPassword(
  serverUrl: string,
  token: string,
  password: string,
  fetchImpl: FetchLike = fetch,
): Promise<AccountAnswer> {
  const base = normalizeServerUrl(serverUrl);
  return postAccount(fetchImpl, `${base}/api/v1/auth/reset-password`, { token, password });
}

/** Accepts an invite with a password, then signs in with the invited e-mail. */
export async function acceptInvite(
  serverUrl: string,
  token: string,
  password: string,
  fetchImpl: FetchLike = fetch,
): Promise<StoredSession> {
  const base = normalizeServerUrl(serverUrl);
  const answer = await postAccount(fetchImpl, `${base}/api/v1/auth/accept-invite`, { token, password });
  return signIn(base, answer.email, password, fetchImpl);
}

/** A link's token in the page address: `#reset=<token>` or `#invite=<token>`. */
export function accountLinkOf(hash: string): { kind: 'reset' | 'invite'; token: string } | undefined {
  const m = /^#(reset|invite)=([^&]+)$/.exec(hash);
  if (!m) return undefined;
  try {
    return { kind: m[1] as 'reset' | 'invite', token: decodeURIComponent(m[2]!) };
  } catch {
    return undefined;
  }
}

export type AuthFetchDeps = {
  getSession(): StoredSession | null;
  setSession(session: StoredSession): void | Promise<void>;
  onSignedOut(): void;
  fetchImpl?: FetchLike;
};

export function createAuthFetch(deps: AuthFetchDeps): FetchLike {
  const fetchImpl = deps.fetchImpl ?? ((input, init) => fetch(input, init));
  let refreshing: Promise<StoredSession | null> | null = null;

  const withToken = (init: RequestInit | undefined, token: string): RequestInit => {
    const headers = new Headers(init?.headers);
    headers.set('Authorization', `Bearer ${token}`);
    return { ...init, headers };
  };

  async function refresh(session: StoredSession): Promise<StoredSession | null> {
    try {
      const body = await postJson(fetchImpl, `${session.serverUrl}/api/v1/auth/refresh`, {
        refreshToken: session.refreshToken,
      });
      const next = { ...session, ...toSession(session.serverUrl, body) };
      await deps.setSession(next);
      return next;
    } catch (error) {
      if (error instanceof ApiError && error.status >= 400 && error.status < 500) {
        deps.onSignedOut();
        return null;
      }
      throw error;
    }
  }

  return async (input, init) => {
    const session = deps.getSession();
    if (!session) throw new ApiError(401, 'unauthorized', 'Not signed in');
    const res = await fetchImpl(input, withToken(init, session.accessToken));
    if (res.status !== 401) return res;
    // Another request may already have refreshed while this one was in flight.
    const current = deps.getSession();
    if (current && current.accessToken !== session.accessToken) {
      return fetchImpl(input, withToken(init, current.accessToken));
    }
    refreshing ??= refresh(session).finally(() => (refreshing = null));
    const next = await refreshing;
    if (!next) return res;
    return fetchImpl(input, withToken(init, next.accessToken));
  };
}

/** GET/POST JSON helpers on top of an authenticated fetch, throwing ApiError on error bodies. */
export function createApi(serverUrl: string, authFetch: FetchLike) {
  const call = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const res = await authFetch(`${serverUrl}/api/v1${path}`, {
      method,
      ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
    });
    if (!res.ok) throw await errorOf(res);
    return res.status === 204 ? (undefined as T) : ((await res.json()) as T);
  };
  return {
    get: <T>(path: string) => call<T>('GET', path),
    post: <T>(path: string, body?: unknown) => call<T>('POST', path, body),
    put: <T>(path: string, body?: unknown) => call<T>('PUT', path, body),
    patch: <T>(path: string, body?: unknown) => call<T>('PATCH', path, body),
    delete: <T = void>(path: string) => call<T>('DELETE', path),
    /** POSTs a file's bytes as they are (a CSV to import), answering the JSON reply. */
    postRaw: async <T>(path: string, body: Uint8Array, contentType: string): Promise<T> => {
      const res = await authFetch(`${serverUrl}/api/v1${path}`, {
        method: 'POST',
        headers: { 'content-type': contentType },
        body: body as BodyInit,
      });
      if (!res.ok) throw await errorOf(res);
      return (await res.json()) as T;
    },
  };
}
export type Api = ReturnType<typeof createApi>;

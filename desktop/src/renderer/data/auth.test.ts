import { describe, expect, it, vi } from 'vitest';
import type { StoredSession } from '@app/shared/ipc';
import {
  ApiError,
  createAuthFetch,
  listProviders,
  normalizeServerUrl,
  providerStartUrl,
  registerTeam,
  signIn,
  ssoReturnOf,
  type FetchLike,
} from './auth';

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

function server(validToken: { value: string }, refreshOk = true) {
  const calls: string[] = [];
  const fetchImpl: FetchLike = vi.fn(async (url: string, init?: RequestInit) => {
    calls.push(url);
    if (url.endsWith('/api/v1/auth/refresh')) {
      if (!refreshOk) return json(401, { error: { code: 'token-invalid', message: 'no' } });
      await new Promise((r) => setTimeout(r, 5));
      validToken.value = `access-${calls.length}`;
      return json(200, { accessToken: validToken.value, refreshToken: 'r2', user: { id: 'u1' } });
    }
    const auth = new Headers(init?.headers).get('authorization');
    return auth === `Bearer ${validToken.value}` ? json(200, { ok: true }) : json(401, { error: { code: 'token-expired', message: 'x' } });
  });
  return { fetchImpl, calls };
}

describe('auth', () => {
  it('normalises server URLs', () => {
    expect(normalizeServerUrl('localhost:8080/')).toBe('http://localhost:8080');
    expect(normalizeServerUrl(' https://crm.example.com/base/ ')).toBe('https://crm.example.com/base');
  });

  it('signs in and maps errors to ApiError with the server code', async () => {
    const ok = vi.fn(async () => json(200, { accessToken: 'a', refreshToken: 'r', user: { id: 'u', email: 'e@x' }, team: { id: 't' } }));
    expect(await signIn('http://localhost:1', 'e@x', 'pw', ok)).toEqual({
      serverUrl: 'http://localhost:1',
      accessToken: 'a',
      refreshToken: 'r',
      userId: 'u',
      teamId: 't',
      email: 'e@x',
    });
    const bad = vi.fn(async () => json(401, { error: { code: 'invalid-credentials', message: 'Wrong' } }));
    await expect(signIn('http://localhost:1', 'e', 'p', bad)).rejects.toMatchObject({ status: 401, code: 'invalid-credentials' });
  });

  it('registers (202, no session) and then signs in with the same e-mail and password', async () => {
    const bodies: Array<[string, unknown]> = [];
    const fetchImpl: FetchLike = vi.fn(async (url: string, init?: RequestInit) => {
      bodies.push([new URL(url).pathname, JSON.parse(String(init?.body))]);
      return url.endsWith('/register')
        ? json(202, { email: 'e@x', message: 'Sign in' })
        : json(200, { accessToken: 'a', refreshToken: 'r', user: { id: 'u', email: 'e@x' }, team: { id: 't' } });
    });
    const session = await registerTeam('http://s', { teamName: 'T', email: 'e@x', password: 'pw' }, fetchImpl);
    expect(session).toMatchObject({ accessToken: 'a', teamId: 't' });
    expect(bodies).toEqual([
      ['/api/v1/auth/register', { teamName: 'T', email: 'e@x', password: 'pw' }],
      ['/api/v1/auth/login', { email: 'e@x', password: 'pw' }],
    ]);
  });

  it('adds the bearer token, refreshes once on 401 for concurrent requests and retries', async () => {
    const token = { value: 'fresh' };
    const { fetchImpl, calls } = server(token);
    let session: StoredSession = { serverUrl: 'http://s', accessToken: 'stale', refreshToken: 'r1' };
    const authFetch = createAuthFetch({
      getSession: () => session,
      setSession: (s) => void (session = s),
      onSignedOut: vi.fn(),
      fetchImpl,
    });
    const results = await Promise.all([authFetch('http://s/sync/leads/'), authFetch('http://s/api/v1/me')]);
    expect(results.map((r) => r.status)).toEqual([200, 200]);
    expect(calls.filter((c) => c.endsWith('/refresh'))).toHaveLength(1);
    expect(session).toMatchObject({ accessToken: token.value, refreshToken: 'r2', userId: 'u1' });
  });

  it('signs out when the refresh token is refused', async () => {
    const { fetchImpl } = server({ value: 'other' }, false);
    const onSignedOut = vi.fn();
    const authFetch = createAuthFetch({
      getSession: () => ({ serverUrl: 'http://s', accessToken: 'stale', refreshToken: 'r1' }),
      setSession: vi.fn(),
      onSignedOut,
      fetchImpl,
    });
    expect((await authFetch('http://s/api/v1/me')).status).toBe(401);
    expect(onSignedOut).toHaveBeenCalledOnce();
  });

  it('refuses to call without a session', async () => {
    const authFetch = createAuthFetch({ getSession: () => null, setSession: vi.fn(), onSignedOut: vi.fn(), fetchImpl: vi.fn() });
    await expect(authFetch('http://s/x')).rejects.toBeInstanceOf(ApiError);
  });
});

describe("a sign-in provider's return", () => {
  it('reads the code, a pending link, a linked provider and a refusal from the address, nothing else', () => {
    expect(ssoReturnOf('#sso=abc')).toEqual({ kind: 'code', code: 'abc' });
    expect(ssoReturnOf('#sso-pending=t1&provider=corp&email=a%40b.test')).toEqual({
      kind: 'pending',
      token: 't1',
      provider: 'corp',
      email: 'a@b.test',
    });
    expect(ssoReturnOf('#sso-linked=google')).toEqual({ kind: 'linked', provider: 'google' });
    expect(ssoReturnOf('#sso-error=sso-no-account&reason=No%20member')).toEqual({
      kind: 'error',
      code: 'sso-no-account',
      reason: 'No member',
    });
    expect(ssoReturnOf('#/settings')).toBeUndefined();
    expect(ssoReturnOf('#invite=x')).toBeUndefined();
    expect(ssoReturnOf('#sso=')).toBeUndefined();
  });

  it('starts at the server, with an invite when one is accepted; lists no providers when the server cannot', async () => {
    expect(providerStartUrl('https://crm.example.com/', 'corp')).toBe(
      'https://crm.example.com/api/v1/auth/oidc/corp/start',
    );
    expect(providerStartUrl('https://crm.example.com', 'corp', 'a b')).toBe(
      'https://crm.example.com/api/v1/auth/oidc/corp/start?invite=a%20b',
    );
    const ok: FetchLike = async () => json(200, { providers: [{ id: 'corp', name: 'Corp' }] });
    expect(await listProviders('https://crm.example.com', ok)).toEqual([{ id: 'corp', name: 'Corp' }]);
    const old: FetchLike = async () => json(404, { error: { code: 'route-not-found', message: 'no' } });
    expect(await listProviders('https://crm.example.com', old)).toEqual([]);
    const down: FetchLike = async () => {
      throw new TypeError('fetch failed');
    };
    expect(await listProviders('https://crm.example.com', down)).toEqual([]);
  });
});

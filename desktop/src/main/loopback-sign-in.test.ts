// The desktop app's sign-in through the system browser (RFC 8252) with a real loopback listener: the
// start URL the browser opens (native client, loopback redirect with the system's port, S256
// challenge, state), the code taken once with its verifier, an answer with another state refused
// while the listener waits on, nothing listening after the answer, the server's refusal, a timeout,
// and a browser that cannot be opened. A link: the start carries the member's ticket, the pending link
// comes back with the verifier, and a refused link says so on the browser's page; a first sign-in's
// pending link comes back with the verifier too.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { ProviderLinkRequest, ProviderSignInRequest } from '@app/shared/ipc';
import { listenForRedirect, signInWithProvider } from './loopback-sign-in';

const request: ProviderSignInRequest = {
  serverUrl: 'https://crm.example.com/',
  provider: 'corp',
  language: 'en',
};

/** What the server's start would be given: its query, and where its flow ends. */
function readStart(url: string) {
  const u = new URL(url);
  const q = Object.fromEntries(u.searchParams);
  return {
    path: u.origin + u.pathname,
    q,
    back: (params: Record<string, string>) => {
      const to = new URL(q.redirect_uri!);
      for (const [k, v] of Object.entries(params)) to.searchParams.set(k, v);
      return to.href;
    },
  };
}

describe('sign-in through the system browser', () => {
  it('opens the start with a loopback redirect and S256 challenge, and takes the code once', async () => {
    const opened: string[] = [];
    const pagesSeen: { status: number; text: string }[] = [];
    const result = await signInWithProvider(
      {
        openExternal: async (url) => {
          opened.push(url);
          const { back, q } = readStart(url);
          // The browser, at the end of the server's flow (not awaited: the app answers it).
          void fetch(back({ code: 'one-time-code', state: q.state! })).then(async (res) =>
            pagesSeen.push({ status: res.status, text: await res.text() }),
          );
        },
      },
      { ...request, language: 'ru' },
    );
    const { path, q } = readStart(opened[0]!);
    expect(path).toBe('https://crm.example.com/api/v1/auth/oidc/corp/start');
    expect(q).toMatchObject({ client_id: 'desktop', code_challenge_method: 'S256' });
    expect(q.redirect_uri).toMatch(/^http:\/\/127\.0\.0\.1:\d{2,5}\/callback$/);
    expect(q.state).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(result).toEqual({ kind: 'code', code: 'one-time-code', codeVerifier: expect.any(String) });
    if (result.kind !== 'code') return;
    expect(createHash('sha256').update(result.codeVerifier).digest('base64url')).toBe(q.code_challenge);
    await expect.poll(() => pagesSeen.length).toBe(1);
    expect(pagesSeen[0]).toMatchObject({ status: 200, text: expect.stringContaining('Вход выполнен') });
    // One-shot: nothing listens on the port any more.
    await expect(fetch(readStart(opened[0]!).back({ code: 'again', state: q.state! }))).rejects.toThrow();
  });

  it('refuses an answer with another state and waits on for its own', async () => {
    const listener = await listenForRedirect({
      state: 'the-right-state-0123',
      timeoutMs: 5_000,
      language: 'en',
    });
    const wrong = await fetch(`${listener.redirectUri}?code=forged&state=another-state-0123`);
    expect(wrong.status).toBe(400);
    expect(await wrong.text()).toContain('not for the sign-in this app started');
    const noState = await fetch(`${listener.redirectUri}?code=forged`);
    expect(noState.status).toBe(400);
    const otherPath = await fetch(
      listener.redirectUri.replace('/callback', '/other') + '?code=x&state=the-right-state-0123',
    );
    expect(otherPath.status).toBe(400);
    const right = await fetch(`${listener.redirectUri}?code=genuine&state=the-right-state-0123`);
    expect(right.status).toBe(200);
    expect(await listener.answer).toEqual({ kind: 'code', code: 'genuine' });
  });

  it("passes the server's refusal on with its code and reason", async () => {
    const result = await signInWithProvider(
      {
        openExternal: async (url) => {
          const { back, q } = readStart(url);
          void fetch(
            back({
              error: 'access_denied',
              error_code: 'sso-no-account',
              error_description: 'No member signs in with this Corp account',
              state: q.state!,
            }),
          );
        },
      },
      request,
    );
    expect(result).toEqual({
      kind: 'refused',
      code: 'sso-no-account',
      message: 'No member signs in with this Corp account',
    });
  });

  it('links with the ticket: the pending link comes back with the verifier of its challenge', async () => {
    const link: ProviderLinkRequest = { ...request, language: 'ru', ticket: 'ticket-of-the-member-0123' };
    const opened: string[] = [];
    let shown = '';
    const result = await signInWithProvider(
      {
        openExternal: async (url) => {
          opened.push(url);
          const { back, q } = readStart(url);
          void fetch(back({ pending: 'link-token', email: 'ada@sso.test', state: q.state! })).then(
            async (res) => (shown = await res.text()),
          );
        },
      },
      link,
    );
    const { path, q } = readStart(opened[0]!);
    expect(path).toBe('https://crm.example.com/api/v1/auth/oidc/corp/start');
    expect(q).toMatchObject({ client_id: 'desktop', code_challenge_method: 'S256', link: link.ticket });
    expect(result).toEqual({
      kind: 'pending',
      token: 'link-token',
      email: 'ada@sso.test',
      codeVerifier: expect.any(String),
    });
    if (result.kind !== 'pending') return;
    expect(createHash('sha256').update(result.codeVerifier).digest('base64url')).toBe(q.code_challenge);
    await expect.poll(() => shown).toContain('Почти готово');
  });

  it('a sign-in carries no ticket, and its pending link (a first sign-in) comes back with the verifier', async () => {
    let start = '';
    const result = await signInWithProvider(
      {
        openExternal: async (url) => {
          start = url;
          const { back, q } = readStart(url);
          void fetch(back({ pending: 'first-sign-in', state: q.state! }));
        },
      },
      request,
    );
    expect(readStart(start).q.link).toBeUndefined();
    expect(result).toEqual({ kind: 'pending', token: 'first-sign-in', codeVerifier: expect.any(String) });
  });

  it("a refused link: the server's reason for the app, and the browser's page says the account was not linked", async () => {
    let shown = '';
    const result = await signInWithProvider(
      {
        openExternal: async (url) => {
          const { back, q } = readStart(url);
          void fetch(
            back({
              error: 'access_denied',
              error_code: 'identity-taken',
              error_description: 'This Corp account is linked to another member',
              state: q.state!,
            }),
          ).then(async (res) => (shown = await res.text()));
        },
      },
      { ...request, ticket: 'ticket-of-the-member-0123' },
    );
    expect(result).toEqual({
      kind: 'refused',
      code: 'identity-taken',
      message: 'This Corp account is linked to another member',
    });
    await expect.poll(() => shown).toContain('The account was not linked');
  });

  it('gives up after its time, and stops listening', async () => {
    let redirect = '';
    const started = Date.now();
    const result = await signInWithProvider(
      { openExternal: async (url) => void (redirect = readStart(url).q.redirect_uri!), timeoutMs: 300 },
      request,
    );
    expect(result).toEqual({ kind: 'timeout' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
    await expect(fetch(`${redirect}?code=late&state=x`)).rejects.toThrow();
  });

  it('stops listening when the browser cannot be opened', async () => {
    let redirect = '';
    await expect(
      signInWithProvider(
        {
          openExternal: async (url) => {
            redirect = readStart(url).q.redirect_uri!;
            throw new Error('no browser');
          },
        },
        request,
      ),
    ).rejects.toThrow('no browser');
    await expect(fetch(`${redirect}?code=x&state=y`)).rejects.toThrow();
  });
});

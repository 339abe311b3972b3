// Sign-in through OpenID Connect providers against a real one (oidc-provider on loopback, opened to the
// server's outbound policy with OUTBOUND_ALLOW_PRIVATE, as an operator opens an internal Keycloak): the
// full code flow by redirects, the first sign-in that waits for the member's password, linking a
// second provider, and the attacks: a wrong state, a replayed code, a late callback, an expired ID
// token, a token for another client, a token signed by a key outside the provider's JWKS, a nonce that
// is not the flow's, a callback from another browser, an unverified e-mail. The desktop app (native client `desktop`, loopback redirect, its own PKCE):
// signing in, confirming a first sign-in's link in the app with the password, and linking a provider
// from the app on the member's session, where a wrong state, a replayed code, a used ticket, another
// app's verifier, another member's session and an account linked to another member are refused.
// Each is refused with a 4xx that says why; none reaches a 500. Yandex ID (OAuth
// 2.0, no discovery, no ID token) against a fake that follows its documented API (authorize, token with
// PKCE, login.yandex.ru/info with `Authorization: OAuth`): its e-mail never links, a link from Settings does.
import { createHash, randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { generateKeyPair, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../src/server';
import {
  CORE,
  TEST_PASSWORD,
  call,
  login,
  register,
  startTestServer,
  tempDir,
  until,
  type Session,
} from './helpers';
import type { ClientMetadata } from 'oidc-provider';
import { browser, listenOidcProvider, pkcePair, type TestOidcProvider } from './oidc-kit';

const dir = tempDir();
let server: RunningServer;
let base: string;
let corp: TestOidcProvider;
let second: TestOidcProvider;
/** An issuer the operator did not open to the outbound policy. */
let unopened: TestOidcProvider;
let admin: Session;
let offsetMs = 0;
let yandex: Server;
let yandexRoot: string;
/** The Yandex account the fake's authorize page signs in (as a person would, at Yandex). */
let yandexUser = { id: '1130000012345678', default_email: 'ada@sso.test' };

/**
 * A fake Yandex OAuth + Yandex ID API, as documented (yandex.ru/dev/id): /authorize redirects back with
 * a code and the state; /token takes the code once with the client's credentials and the PKCE verifier
 * (S256); /info?format=json answers the account for `Authorization: OAuth <token>`.
 */
async function startFakeYandex(): Promise<void> {
  const codes = new Map<string, { challenge: string; redirect: string; user: typeof yandexUser }>();
  const tokens = new Map<string, typeof yandexUser>();
  yandex = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const json = (status: number, body: object) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (req.method === 'GET' && url.pathname === '/authorize') {
      const q = url.searchParams;
      if (q.get('client_id') !== 'yandex-app' || q.get('code_challenge_method') !== 'S256')
        return json(400, {});
      const code = randomBytes(8).toString('hex');
      codes.set(code, {
        challenge: q.get('code_challenge')!,
        redirect: q.get('redirect_uri')!,
        user: yandexUser,
      });
      const back = new URL(q.get('redirect_uri')!);
      back.searchParams.set('code', code);
      back.searchParams.set('state', q.get('state')!);
      res.writeHead(302, { location: back.href }).end();
      return;
    }
    if (req.method === 'POST' && url.pathname === '/token') {
      let raw = '';
      req.on('data', (d: Buffer) => (raw += d.toString()));
      req.on('end', () => {
        const form = new URLSearchParams(raw);
        const basic = /^Basic (.+)$/.exec(req.headers.authorization ?? '')?.[1];
        const [id, secret] = basic
          ? Buffer.from(basic, 'base64').toString().split(':').map(decodeURIComponent)
          : [form.get('client_id'), form.get('client_secret')];
        if (id !== 'yandex-app' || secret !== SECRET) return json(401, { error: 'invalid_client' });
        const code = codes.get(form.get('code') ?? '');
        codes.delete(form.get('code') ?? '');
        const verifier = form.get('code_verifier') ?? '';
        if (!code || createHash('sha256').update(verifier).digest('base64url') !== code.challenge)
          return json(400, { error: 'invalid_grant', error_description: 'Code has expired' });
        const token = randomBytes(16).toString('hex');
        tokens.set(token, code.user);
        json(200, { token_type: 'bearer', access_token: token, expires_in: 31536000 });
      });
      return;
    }
    if (req.method === 'GET' && url.pathname === '/info') {
      const user = tokens.get(/^OAuth (\S+)$/.exec(req.headers.authorization ?? '')?.[1] ?? '');
      if (!user) return json(401, {});
      return json(200, { ...user, login: 'ada', client_id: 'yandex-app' });
    }
    json(404, {});
  });
  await new Promise<void>((ok) => yandex.listen(0, '127.0.0.1', ok));
  yandexRoot = `http://127.0.0.1:${(yandex.address() as { port: number }).port}`;
}
const SECRET = 'workspace-client-secret-0123456789';
const NEW_PASSWORD = 'quite another battery staple';
const OTHER_SECRET = 'other-client-secret-0123456789abcd';

/** The server's address as its redirect URIs name it (PUBLIC_URL unset: localhost and its port). */
const publicBase = () => `http://localhost:${server.port}`;
const callbackOf = (id: string) => `${publicBase()}/api/v1/auth/oidc/${id}/callback`;
/** Requests go to 127.0.0.1 (the server listens there); the addresses it hands out say localhost. */
const local = (url: URL | string) => new URL(String(url).replace('//localhost:', '//127.0.0.1:'));

beforeAll(async () => {
  corp = await listenOidcProvider();
  second = await listenOidcProvider();
  await startFakeYandex();
  unopened = await listenOidcProvider();
  server = await startTestServer(
    dir.path,
    {
      ...CORE,
      OIDC_PROVIDERS: 'corp,second,yandex,unopened',
      OIDC_UNOPENED_ISSUER: unopened.issuer,
      OIDC_UNOPENED_CLIENT_ID: 'workspace',
      OIDC_UNOPENED_CLIENT_SECRET: SECRET,
      OIDC_YANDEX_ISSUER: yandexRoot,
      OIDC_YANDEX_CLIENT_ID: 'yandex-app',
      OIDC_YANDEX_CLIENT_SECRET: SECRET,
      OIDC_CORP_ISSUER: corp.issuer,
      OIDC_CORP_CLIENT_ID: 'workspace',
      OIDC_CORP_CLIENT_SECRET: SECRET,
      OIDC_CORP_NAME: 'Corp SSO',
      OIDC_SECOND_ISSUER: second.issuer,
      OIDC_SECOND_CLIENT_ID: 'workspace',
      OIDC_SECOND_CLIENT_SECRET: SECRET,
      OUTBOUND_ALLOW_PRIVATE: `127.0.0.1:${corp.port},127.0.0.1:${second.port},${yandexRoot.slice('http://'.length)}`,
    },
    { now: () => new Date(Date.now() + offsetMs) },
  );
  base = `http://127.0.0.1:${server.port}`;
  admin = await register(base, 'SSO team', 'ada@sso.test');
  const workspace = (id: string): ClientMetadata => ({
    client_id: 'workspace',
    client_secret: SECRET,
    redirect_uris: [callbackOf(id)],
    grant_types: ['authorization_code'],
    response_types: ['code'],
  });
  corp.configure({
    clients: [
      workspace('corp'),
      {
        ...workspace('corp'),
        client_id: 'other',
        client_secret: OTHER_SECRET,
        redirect_uris: ['http://127.0.0.1:9/cb'],
        grant_types: ['authorization_code'],
        response_types: ['code'],
      },
    ],
    accounts: {
      ada: { email: 'ada@sso.test', email_verified: true, name: 'Ada' },
      mallory: { email: 'ada@sso.test', email_verified: false },
      stranger: { email: 'nobody@sso.test', email_verified: true },
      joiner: { email: 'joiner@sso.test', email_verified: true },
      'joiner-unverified': { email: 'late@sso.test', email_verified: false },
      desk: { email: 'desk@sso.test', email_verified: true },
    },
  });
  second.configure({ clients: [workspace('second')], accounts: { 'ada-2': { email: 'ada@sso.test' } } });
}, 60_000);

afterAll(async () => {
  await server?.close();
  await corp?.close();
  await second?.close();
  yandex?.close();
  await unopened?.close();
  dir.remove();
});

type Browser = ReturnType<typeof browser>;

/** Starts a sign-in in `b`, logs in at the provider as `account`: the callback URL (not yet asked). */
async function throughProvider(b: Browser, account: string, provider = 'corp'): Promise<URL> {
  const start = await b.request(local(`${publicBase()}/api/v1/auth/oidc/${provider}/start`));
  expect(start.status).toBe(303);
  return b.toCallback(start.headers.get('location')!, account, callbackOf(provider));
}

/** Asks the callback: its status, where it sends the browser, and its page. */
async function callback(b: Browser, url: URL) {
  const res = await b.request(local(url));
  return { status: res.status, location: res.headers.get('location') ?? '', page: await res.text() };
}

const fragment = (location: string) => new URLSearchParams(new URL(location).hash.slice(1));

/** A sign-in through `provider` as `account`, to the app's exchange of the handoff code: its answer. */
async function exchangeVia(account: string, provider = 'corp') {
  const b = browser();
  const code = fragment((await callback(b, await throughProvider(b, account, provider))).location).get('sso');
  expect(code).toBeTruthy();
  return call(base, 'POST', '/api/v1/auth/oidc/exchange', {
    body: { code },
    headers: { cookie: `sw_oidc=${b.cookie(base, 'sw_oidc')}` },
  });
}

/** The session a sign-in through `provider` as `account` gives. */
async function providerSession(account: string, provider = 'corp'): Promise<Session> {
  const res = await exchangeVia(account, provider);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body as Session;
}

/** The desktop app's start in the system browser (oidc-native.ts): loopback redirect, challenge, state. */
const nativeStart = (
  port: number,
  pkce: { challenge: string },
  state: string,
  extra: Record<string, string> = {},
  provider = 'corp',
) =>
  local(
    `${publicBase()}/api/v1/auth/oidc/${provider}/start?` +
      new URLSearchParams({
        client_id: 'desktop',
        redirect_uri: `http://127.0.0.1:${port}/callback`,
        code_challenge: pkce.challenge,
        code_challenge_method: 'S256',
        state,
        ...extra,
      }).toString(),
  );

/** What the app's loopback listener gets at the end of a native flow: where, and its query. */
const atLoopback = (location: string) => {
  const url = new URL(location);
  return { at: `${url.origin}${url.pathname}`, q: Object.fromEntries(url.searchParams) };
};

describe('OIDC sign-in', () => {
  it('lists the configured providers, without secrets', async () => {
    const res = await call(base, 'GET', '/api/v1/auth/providers');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      providers: [
        { id: 'corp', name: 'Corp SSO' },
        { id: 'second', name: 'second' },
        { id: 'yandex', name: 'Yandex ID' },
        { id: 'unopened', name: 'unopened' },
      ],
    });
    expect(JSON.stringify(res.body)).not.toContain(SECRET);
  });

  it('a first sign-in whose verified e-mail is a member waits for the password, then signs in', async () => {
    const b = browser();
    const first = await callback(b, await throughProvider(b, 'ada'));
    expect(first.status).toBe(303);
    const pending = fragment(first.location);
    expect(pending.get('email')).toBe('ada@sso.test');
    const token = pending.get('sso-pending')!;
    expect(token).toBeTruthy();
    // Not signed in by the e-mail alone: no handoff code was given.
    expect(pending.get('sso')).toBeNull();

    // The pending link from another browser (no cookie) does not link, even with the right password.
    const elsewhere = await call(base, 'POST', '/api/v1/auth/login', {
      body: { email: 'ada@sso.test', password: TEST_PASSWORD, linkToken: token },
    });
    expect(elsewhere.status).toBe(400);
    expect(elsewhere.body.error.message).toMatch(/another browser/);

    // The member confirms with the password, in the browser that signed in at the provider.
    const confirm = await b.request(local(`${publicBase()}/api/v1/auth/login`), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'ada@sso.test', password: TEST_PASSWORD, linkToken: token }),
    });
    expect(confirm.status).toBe(200);
    const linked = await call(base, 'GET', '/api/v1/auth/identities', {
      token: ((await confirm.json()) as Session).accessToken,
    });
    expect(linked.body.identities).toEqual([
      expect.objectContaining({ provider: 'corp', name: 'Corp SSO', email: 'ada@sso.test' }),
    ]);

    // From now on the provider signs Ada in: a handoff code the app trades for the usual session.
    const again = await callback(b, await throughProvider(b, 'ada'));
    const code = fragment(again.location).get('sso')!;
    expect(code).toBeTruthy();
    const exchange = await b.request(local(`${publicBase()}/api/v1/auth/oidc/exchange`), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code }),
    });
    expect(exchange.status).toBe(200);
    const session = (await exchange.json()) as Session;
    expect(session.user.email).toBe('ada@sso.test');
    expect(session.refreshToken).toBeTruthy();
    const me = await call(base, 'GET', '/api/v1/me', { token: session.accessToken });
    expect(me.status).toBe(200);
    expect(me.body.user.id).toBe(admin.user.id);
    // The handoff code works once.
    const twice = await b.request(local(`${publicBase()}/api/v1/auth/oidc/exchange`), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code }),
    });
    expect(twice.status).toBe(400);
  });

  it('a signed-in member links a second provider, and can unlink it', async () => {
    const b = browser();
    const session = await login(base, 'ada@sso.test');
    const res = await b.request(local(`${publicBase()}/api/v1/auth/oidc/second/link`), {
      method: 'POST',
      headers: { authorization: `Bearer ${session.accessToken}` },
    });
    expect(res.status).toBe(200);
    const { url } = (await res.json()) as { url: string };
    const done = await callback(b, await b.toCallback(url, 'ada-2', callbackOf('second')));
    expect(done.status).toBe(303);
    expect(fragment(done.location).get('sso-linked')).toBe('second');
    const ids = await call(base, 'GET', '/api/v1/auth/identities', { token: session.accessToken });
    expect(ids.body.identities.map((i: { provider: string }) => i.provider).sort()).toEqual([
      'corp',
      'second',
    ]);

    // The second provider now signs Ada in (its e-mail was never verified: only the link does it).
    const b2 = browser();
    const signIn = await callback(b2, await throughProvider(b2, 'ada-2', 'second'));
    expect(fragment(signIn.location).get('sso')).toBeTruthy();

    const unlink = await call(base, 'DELETE', '/api/v1/auth/identities/second', {
      token: session.accessToken,
    });
    expect(unlink.status).toBe(204);
    const b3 = browser();
    const refused = await callback(b3, await throughProvider(b3, 'ada-2', 'second'));
    expect(refused.status).toBe(403);
    expect(refused.page).toMatch(/No member signs in with this second account/);
  });

  it('Yandex ID: its e-mail never links; linked from Settings, it signs the member in', async () => {
    const b = browser();
    const refused = await callback(b, await throughProvider(b, 'yandex', 'yandex'));
    expect(refused.status).toBe(403);
    expect(refused.page).toMatch(/No member signs in with this Yandex ID account/);

    const session = await login(base, 'ada@sso.test');
    const res = await b.request(local(`${publicBase()}/api/v1/auth/oidc/yandex/link`), {
      method: 'POST',
      headers: { authorization: `Bearer ${session.accessToken}` },
    });
    const { url } = (await res.json()) as { url: string };
    const authorize = new URL(url);
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorize.searchParams.get('scope')).toBe('login:info login:email');
    const linked = await callback(b, await b.toCallback(url, '', callbackOf('yandex')));
    expect(fragment(linked.location).get('sso-linked')).toBe('yandex');

    const b2 = browser();
    const signIn = await callback(b2, await throughProvider(b2, '', 'yandex'));
    expect(fragment(signIn.location).get('sso')).toBeTruthy();
    // Another Yandex account with Ada's e-mail is not Ada.
    yandexUser = { id: '1130000099999999', default_email: 'ada@sso.test' };
    const other = await callback(b2, await throughProvider(b2, '', 'yandex'));
    expect(other.status).toBe(403);
  });

  it('an unverified e-mail never links, and an unknown account is refused with what to do', async () => {
    const b = browser();
    const mallory = await callback(b, await throughProvider(b, 'mallory'));
    expect(mallory.status).toBe(403);
    expect(mallory.location).toBe('');
    expect(mallory.page).toMatch(/No member signs in with this Corp SSO account/);
    expect(mallory.page).toContain('#sso-error=sso-no-account');
    const stranger = await callback(b, await throughProvider(b, 'stranger'));
    expect(stranger.status).toBe(403);
    // A JSON caller gets the API's error body.
    const json = await b.request(local(await throughProvider(b, 'stranger')), {
      headers: { accept: 'application/json' },
    });
    expect(json.status).toBe(403);
    expect(((await json.json()) as { error: { code: string } }).error.code).toBe('sso-no-account');
  });

  it('refuses a wrong state, a replayed code and a callback from another browser', async () => {
    const b = browser();
    const url = await throughProvider(b, 'ada');
    const wrong = new URL(url);
    wrong.searchParams.set('state', 'forged-state-value');
    const forged = await callback(b, wrong);
    expect(forged.status).toBe(400);
    expect(forged.page).toMatch(/not started by this server/);

    const other = browser();
    const stolen = await callback(other, url);
    expect(stolen.status).toBe(400);
    expect(stolen.page).toMatch(/another browser/);

    // The stolen attempt did not use the flow up; the right browser signs in once, and only once.
    const ok = await callback(b, url);
    expect(ok.status).toBe(303);
    const replay = await callback(b, url);
    expect(replay.status).toBe(400);
    expect(replay.page).toMatch(/used already/);
  });

  it('refuses a callback after the flow expired, and an ID token past its expiry', async () => {
    const b = browser();
    const late = await throughProvider(b, 'ada');
    offsetMs = 11 * 60_000;
    try {
      const res = await callback(b, late);
      expect(res.status).toBe(400);
      expect(res.page).toMatch(/expired/);
    } finally {
      offsetMs = 0;
    }
    // The provider's ID tokens live 60 s; the server's clock 5 minutes on: the flow is still open
    // (10 minutes), the token is not.
    const url = await throughProvider(b, 'ada');
    offsetMs = 5 * 60_000;
    try {
      const res = await callback(b, url);
      expect(res.status).toBe(400);
      expect(res.page).toMatch(/"exp"|expired|timestamp/i);
    } finally {
      offsetMs = 0;
    }
  });

  it('refuses an ID token made for another client (a substituted token endpoint answer)', async () => {
    const b = browser();
    const start = await b.request(local(`${publicBase()}/api/v1/auth/oidc/corp/start`));
    const authorize = new URL(start.headers.get('location')!);
    const nonce = authorize.searchParams.get('nonce')!;
    // A real, signed ID token of this issuer, for client "other", even with the flow's nonce.
    const pkce = pkcePair();
    const foreign = new URL(`${corp.issuer}/auth`);
    foreign.search = new URLSearchParams({
      client_id: 'other',
      response_type: 'code',
      scope: 'openid email',
      redirect_uri: 'http://127.0.0.1:9/cb',
      state: 'other-state',
      nonce,
      code_challenge: pkce.challenge,
      code_challenge_method: 'S256',
    }).toString();
    const otherCallback = await browser().toCallback(foreign.href, 'ada', 'http://127.0.0.1:9/cb');
    const tokenRes = await fetch(`${corp.issuer}/token`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        authorization: `Basic ${Buffer.from(`other:${OTHER_SECRET}`).toString('base64')}`,
      },
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        code: otherCallback.searchParams.get('code')!,
        redirect_uri: 'http://127.0.0.1:9/cb',
        code_verifier: pkce.verifier,
      }).toString(),
    });
    expect(tokenRes.status).toBe(200);
    const { id_token } = (await tokenRes.json()) as { id_token: string };
    expect(JSON.parse(Buffer.from(id_token.split('.')[1]!, 'base64url').toString()).aud).toBe('other');

    const url = await b.toCallback(authorize.href, 'ada', callbackOf('corp'));
    corp.tamperToken({ access_token: 'substituted', token_type: 'Bearer', expires_in: 60, id_token });
    try {
      const res = await callback(b, url);
      expect(res.status).toBe(400);
      expect(res.page).toMatch(/aud/);
    } finally {
      corp.tamperToken(undefined);
    }
  });

  it("refuses an ID token signed by a key outside the provider's JWKS, with every claim right; the provider's key signs in", async () => {
    const b = browser();
    const start = await b.request(local(`${publicBase()}/api/v1/auth/oidc/corp/start`));
    const authorize = new URL(start.headers.get('location')!);
    const url = await b.toCallback(authorize.href, 'ada', callbackOf('corp'));
    // A key of the attacker's, under the key id of the provider's own key: only the signature differs.
    const published = (await (await fetch(`${corp.issuer}/jwks`)).json()) as { keys: { kid?: string }[] };
    const kid = published.keys[0]!.kid!;
    const { privateKey } = await generateKeyPair('RS256');
    const now = Math.floor(Date.now() / 1000);
    const id_token = await new SignJWT({ nonce: authorize.searchParams.get('nonce')!, email: 'ada@sso.test' })
      .setProtectedHeader({ alg: 'RS256', kid })
      .setIssuer(corp.issuer)
      .setAudience('workspace')
      .setSubject('ada')
      .setIssuedAt(now)
      .setExpirationTime(now + 60)
      .sign(privateKey);
    corp.tamperToken({ access_token: 'substituted', token_type: 'Bearer', expires_in: 60, id_token });
    try {
      const res = await callback(b, url);
      expect(res.status).toBe(400);
      expect(res.page).toMatch(/signature/);
    } finally {
      corp.tamperToken(undefined);
    }
    // The provider's own token, signed with its key, signs in.
    const own = await callback(b, await throughProvider(b, 'ada'));
    expect(fragment(own.location).get('sso')).toBeTruthy();
  });

  it("refuses an ID token whose nonce is not the flow's (a tampered authorization request)", async () => {
    const b = browser();
    const start = await b.request(local(`${publicBase()}/api/v1/auth/oidc/corp/start`));
    const authorize = new URL(start.headers.get('location')!);
    authorize.searchParams.set('nonce', 'a-nonce-of-the-attacker');
    const res = await callback(b, await b.toCallback(authorize.href, 'ada', callbackOf('corp')));
    expect(res.status).toBe(400);
    expect(res.page).toMatch(/nonce/);
  });

  it('reaches providers only through the outbound policy: an issuer it does not open is refused', async () => {
    const res = await call(base, 'GET', '/api/v1/auth/oidc/unopened/start', {
      headers: { accept: 'application/json' },
    });
    expect(res.status).toBe(502);
    expect(res.body.error.code).toBe('sso-provider-unavailable');
    expect(res.body.error.message).toMatch(/outbound policy/);
    // A person's browser is told so on a page that leads back to the app.
    const page = await call(base, 'GET', '/api/v1/auth/oidc/unopened/start', {
      headers: { accept: 'text/html' },
    });
    expect(page.status).toBe(502);
    expect(page.body).toContain('#sso-error=sso-provider-unavailable');
  });

  it('an invite is accepted through a provider whose verified e-mail is the invited one', async () => {
    const session = await login(base, 'ada@sso.test');
    const invite = async (email: string) => {
      const res = await call(base, 'POST', '/api/v1/members/invite', {
        token: session.accessToken,
        body: { email, role: 'rep' },
      });
      expect(res.status).toBe(201);
      return res.body.inviteToken as string;
    };
    const startWith = (b: Browser, token: string) =>
      b.request(local(`${publicBase()}/api/v1/auth/oidc/corp/start?invite=${encodeURIComponent(token)}`));

    // Another e-mail at the provider than the invited one: refused, the invite kept.
    const token = await invite('joiner@sso.test');
    const b = browser();
    let start = await startWith(b, token);
    expect(start.status).toBe(303);
    const wrong = await callback(
      b,
      await b.toCallback(start.headers.get('location')!, 'stranger', callbackOf('corp')),
    );
    expect(wrong.status).toBe(400);
    expect(wrong.page).toMatch(/This invite is for joiner@sso.test/);

    const b2 = browser();
    start = await startWith(b2, token);
    const joined = await callback(
      b2,
      await b2.toCallback(start.headers.get('location')!, 'joiner', callbackOf('corp')),
    );
    expect(joined.status).toBe(303);
    const exchange = await b2.request(local(`${publicBase()}/api/v1/auth/oidc/exchange`), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code: fragment(joined.location).get('sso') }),
    });
    const member = (await exchange.json()) as Session;
    expect(member.user).toMatchObject({ email: 'joiner@sso.test', role: 'rep', teamId: admin.team.id });
    // Linked: the provider signs the new member in from now on; the invite is spent.
    const b3 = browser();
    expect(
      fragment((await callback(b3, await throughProvider(b3, 'joiner'))).location).get('sso'),
    ).toBeTruthy();
    const again = await call(
      base,
      'GET',
      `/api/v1/auth/oidc/corp/start?invite=${encodeURIComponent(token)}`,
      {
        headers: { accept: 'application/json' },
      },
    );
    expect(again.status).toBe(401);
    expect(again.body.error.code).toBe('token-invalid');

    // An unverified e-mail does not accept an invite either.
    const late = await invite('late@sso.test');
    const b4 = browser();
    start = await startWith(b4, late);
    const unverified = await callback(
      b4,
      await b4.toCallback(start.headers.get('location')!, 'joiner-unverified', callbackOf('corp')),
    );
    expect(unverified.status).toBe(400);
    expect(unverified.page).toMatch(/This invite is for late@sso.test/);
  });

  it('signs the desktop app in by its loopback redirect (RFC 8252): any port, its state, its PKCE verifier', async () => {
    const exchange = (body: object) => call(base, 'POST', '/api/v1/auth/oidc/exchange', { body });
    for (const port of [49152, 61003]) {
      const b = browser();
      const pkce = pkcePair();
      const state = randomBytes(16).toString('base64url');
      const start = await b.request(nativeStart(port, pkce, state));
      expect(start.status).toBe(303);
      const done = await callback(
        b,
        await b.toCallback(start.headers.get('location')!, 'ada', callbackOf('corp')),
      );
      expect(done.status).toBe(303);
      const back = new URL(done.location);
      expect(`${back.origin}${back.pathname}`).toBe(`http://127.0.0.1:${port}/callback`);
      expect(back.searchParams.get('state')).toBe(state);
      const code = back.searchParams.get('code')!;
      expect(code).toBeTruthy();
      // The browser's cookie does not open a native client's code; another verifier does not either.
      const withCookie = await b.request(local(`${publicBase()}/api/v1/auth/oidc/exchange`), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ code }),
      });
      expect(withCookie.status).toBe(400);
      const wrong = await exchange({ code, code_verifier: pkcePair().verifier });
      expect(wrong.status).toBe(400);
      expect(wrong.body.error.message).toMatch(/PKCE verifier does not match/);
      const session = await exchange({ code, code_verifier: pkce.verifier });
      expect(session.status).toBe(200);
      expect(session.body.user.id).toBe(admin.user.id);
      expect((await exchange({ code, code_verifier: pkce.verifier })).status).toBe(400);
    }

    // A refusal goes back to the app too, with its code and the app's state.
    const b = browser();
    const state = randomBytes(16).toString('base64url');
    const start = await b.request(nativeStart(50000, pkcePair(), state));
    const refused = await callback(
      b,
      await b.toCallback(start.headers.get('location')!, 'stranger', callbackOf('corp')),
    );
    const back = new URL(refused.location);
    expect(back.host).toBe('127.0.0.1:50000');
    expect(Object.fromEntries(back.searchParams)).toMatchObject({
      error: 'access_denied',
      error_code: 'sso-no-account',
      state,
    });
    expect(back.searchParams.get('code')).toBeNull();

    // Only the registered native client, only a loopback redirect: refused before the provider is asked.
    const pkce = pkcePair();
    const refuse = async (extra: Record<string, string>, port = 50001) => {
      const res = await browser().request(nativeStart(port, pkce, state, extra), {
        headers: { accept: 'application/json' },
      });
      expect(res.status, JSON.stringify(extra)).toBe(400);
      expect(res.headers.get('location')).toBeNull();
    };
    await refuse({ client_id: 'other-app' });
    await refuse({ redirect_uri: 'http://localhost:50001/callback' });
    await refuse({ redirect_uri: 'https://127.0.0.1:50001/callback' });
    await refuse({ redirect_uri: 'http://127.0.0.1/callback' });
    await refuse({ redirect_uri: 'http://127.0.0.1.evil.test:50001/callback' });
    await refuse({ redirect_uri: 'http://10.0.0.7:50001/callback' });
    await refuse({ redirect_uri: 'http://127.0.0.1:50001/elsewhere' });
    await refuse({ redirect_uri: 'http://user@127.0.0.1:50001/callback' });
    await refuse({ code_challenge_method: 'plain' });
    await refuse({ state: 'short' });
  });

  it('a first sign-in from the desktop app whose e-mail is a member is confirmed in the app: password and its verifier', async () => {
    await register(base, 'Desk team', 'desk@sso.test');
    const b = browser();
    const pkce = pkcePair();
    const state = randomBytes(16).toString('base64url');
    const start = await b.request(nativeStart(50100, pkce, state));
    const done = await callback(
      b,
      await b.toCallback(start.headers.get('location')!, 'desk', callbackOf('corp')),
    );
    expect(done.status).toBe(303);
    // Not signed in by the e-mail alone: the loopback gets a pending link, no code.
    const { at, q } = atLoopback(done.location);
    expect(at).toBe('http://127.0.0.1:50100/callback');
    expect(q).toMatchObject({ email: 'desk@sso.test', state });
    expect(q.code).toBeUndefined();
    const confirm = (body: object, via: (url: URL, init: RequestInit) => Promise<Response> = fetch) =>
      via(local(`${publicBase()}/api/v1/auth/login`), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          email: 'desk@sso.test',
          password: TEST_PASSWORD,
          linkToken: q.pending,
          ...body,
        }),
      });
    // The system browser's cookie does not open it, nor another app's verifier, nor a wrong password.
    const withCookie = await confirm({}, (url, init) => b.request(url, init));
    expect(withCookie.status).toBe(400);
    const otherApp = await confirm({ linkVerifier: pkcePair().verifier });
    expect(otherApp.status).toBe(400);
    expect(((await otherApp.json()) as { error: { message: string } }).error.message).toMatch(
      /PKCE verifier does not match/,
    );
    expect((await confirm({ linkVerifier: pkce.verifier, password: 'not the password' })).status).toBe(401);
    // The member's password with the app's verifier links it, once.
    const linked = await confirm({ linkVerifier: pkce.verifier });
    expect(linked.status).toBe(200);
    const session = (await linked.json()) as Session;
    const ids = await call(base, 'GET', '/api/v1/auth/identities', { token: session.accessToken });
    expect(ids.body.identities).toEqual([
      expect.objectContaining({ provider: 'corp', email: 'desk@sso.test' }),
    ]);
    expect((await confirm({ linkVerifier: pkce.verifier })).status).toBe(400);

    // From now on the provider signs the member into the app.
    const b2 = browser();
    const again = pkcePair();
    const next = await b2.request(nativeStart(50101, again, state));
    const back = await callback(
      b2,
      await b2.toCallback(next.headers.get('location')!, 'desk', callbackOf('corp')),
    );
    const exchange = await call(base, 'POST', '/api/v1/auth/oidc/exchange', {
      body: { code: atLoopback(back.location).q.code, code_verifier: again.verifier },
    });
    expect(exchange.status).toBe(200);
    expect(exchange.body.user.id).toBe(session.user.id);
  });

  it("links a provider from the desktop app: a ticket on the member's session, the system browser, confirmed with its verifier", async () => {
    const ada = await login(base, 'ada@sso.test');
    const ticketFor = async (session: Session, provider = 'second') => {
      const res = await call(base, 'POST', `/api/v1/auth/oidc/${provider}/link`, {
        token: session.accessToken,
        body: { client_id: 'desktop' },
      });
      expect(res.status).toBe(200);
      expect(res.body.url).toBeUndefined();
      return res.body.ticket as string;
    };
    // A ticket only for a signed-in member, and only for the registered native client.
    expect(
      (await call(base, 'POST', '/api/v1/auth/oidc/second/link', { body: { client_id: 'desktop' } })).status,
    ).toBe(401);
    expect(
      (
        await call(base, 'POST', '/api/v1/auth/oidc/second/link', {
          token: ada.accessToken,
          body: { client_id: 'other-app' },
        })
      ).status,
    ).toBe(400);

    const b = browser();
    const pkce = pkcePair();
    const state = randomBytes(16).toString('base64url');
    const ticket = await ticketFor(ada);
    const start = await b.request(nativeStart(50200, pkce, state, { link: ticket }, 'second'));
    expect(start.status).toBe(303);
    expect(new URL(start.headers.get('location')!).origin).toBe(second.issuer);
    // The ticket starts one flow; the web app's start does not take one.
    const twice = await call(
      base,
      'GET',
      `/api/v1/auth/oidc/second/start?${nativeStart(50200, pkce, state, { link: ticket }).searchParams}`,
      { headers: { accept: 'application/json' } },
    );
    expect(twice.status).toBe(400);
    expect(twice.body.error.message).toMatch(/used already/);
    const webWithTicket = await call(
      base,
      'GET',
      `/api/v1/auth/oidc/second/start?link=${await ticketFor(ada)}`,
      { headers: { accept: 'application/json' } },
    );
    expect(webWithTicket.status).toBe(400);

    const url = await b.toCallback(start.headers.get('location')!, 'ada-2', callbackOf('second'));
    // A state this server never handed out: refused before the code is exchanged.
    const wrong = new URL(url);
    wrong.searchParams.set('state', 'forged-state-value');
    const forged = await callback(b, wrong);
    expect(forged.status).toBe(400);
    expect(forged.page).toMatch(/not started by this server/);

    const done = await callback(b, url);
    expect(done.status).toBe(303);
    const { at, q } = atLoopback(done.location);
    expect(at).toBe('http://127.0.0.1:50200/callback');
    expect(q.state).toBe(state);
    expect(q.code).toBeUndefined();
    const token = q.pending!;
    expect(token).toBeTruthy();
    // The provider's code is traded once: the same callback again is refused.
    const replay = await callback(b, url);
    expect(replay.status).toBe(400);
    expect(replay.page).toMatch(/used already/);

    // Not linked until the app confirms it, on the member's session, with its verifier.
    const providersOf = async (session: Session) =>
      (
        await call(base, 'GET', '/api/v1/auth/identities', { token: session.accessToken })
      ).body.identities.map((i: { provider: string }) => i.provider);
    expect(await providersOf(ada)).not.toContain('second');
    const confirm = (session: Session | undefined, body: object) =>
      call(base, 'POST', '/api/v1/auth/oidc/link/confirm', {
        ...(session ? { token: session.accessToken } : {}),
        body,
      });
    expect((await confirm(undefined, { token, code_verifier: pkce.verifier })).status).toBe(401);
    const otherApp = await confirm(ada, { token, code_verifier: pkcePair().verifier });
    expect(otherApp.status).toBe(400);
    expect(otherApp.body.error.message).toMatch(/PKCE verifier does not match/);
    const desk = await login(base, 'desk@sso.test');
    const otherMember = await confirm(desk, { token, code_verifier: pkce.verifier });
    expect(otherMember.status).toBe(400);
    expect(otherMember.body.error.message).toMatch(/waits for another account/);
    const linked = await confirm(ada, { token, code_verifier: pkce.verifier });
    expect(linked.status).toBe(200);
    expect(linked.body).toEqual({ provider: 'second' });
    expect(await providersOf(ada)).toContain('second');
    expect(await providersOf(desk)).toEqual(['corp']);
    expect((await confirm(ada, { token, code_verifier: pkce.verifier })).status).toBe(400);

    // The linked account signs Ada in from now on.
    const b2 = browser();
    const signIn = await callback(b2, await throughProvider(b2, 'ada-2', 'second'));
    expect(fragment(signIn.location).get('sso')).toBeTruthy();

    // Another member linking the same account from the app: refused at the callback, and told so at
    // the loopback; nothing changes hands.
    const b3 = browser();
    const deskPkce = pkcePair();
    const deskState = randomBytes(16).toString('base64url');
    const deskStart = await b3.request(
      nativeStart(50201, deskPkce, deskState, { link: await ticketFor(desk) }, 'second'),
    );
    const taken = await callback(
      b3,
      await b3.toCallback(deskStart.headers.get('location')!, 'ada-2', callbackOf('second')),
    );
    expect(taken.status).toBe(303);
    expect(atLoopback(taken.location).q).toMatchObject({
      error: 'access_denied',
      error_code: 'identity-taken',
      error_description: expect.stringMatching(/linked to another member/),
      state: deskState,
    });
    expect(atLoopback(taken.location).q.pending).toBeUndefined();
    expect(await providersOf(desk)).toEqual(['corp']);
    expect(await providersOf(ada)).toContain('second');
  });

  it('refuses unknown providers and bad input with a 4xx', async () => {
    expect((await call(base, 'GET', '/api/v1/auth/oidc/nope/start')).status).toBe(404);
    expect((await call(base, 'GET', '/api/v1/auth/oidc/BAD!/start')).status).toBe(400);
    const noState = await call(base, 'GET', '/api/v1/auth/oidc/corp/callback?code=x', {
      headers: { accept: 'application/json' },
    });
    expect(noState.status).toBe(400);
    expect(noState.body.error.code).toBe('sso-refused');
    const denied = await call(base, 'GET', '/api/v1/auth/oidc/corp/callback?error=access_denied', {
      headers: { accept: 'application/json' },
    });
    expect(denied.status).toBe(400);
    expect((await call(base, 'POST', '/api/v1/auth/oidc/exchange', { body: { code: 'nope' } })).status).toBe(
      400,
    );
    expect((await call(base, 'POST', '/api/v1/auth/oidc/exchange', { body: {} })).status).toBe(400);
  });

  it('a team that requires SSO refuses password sign-in, with a readable reason, and ends password sessions: their refresh, access tokens and password changes', async () => {
    const viaProvider = await providerSession('ada');
    const withPassword = await login(base, 'ada@sso.test');
    const policy = (s: Session, body: object) =>
      call(base, 'PUT', '/api/v1/auth/sso-policy', { token: s.accessToken, body });
    // Not from a password session, which the rule would end at once.
    const fromPassword = await policy(withPassword, { required: true });
    expect(fromPassword.status).toBe(409);
    const set = await policy(viaProvider, { required: true });
    expect(set.status).toBe(200);
    expect(set.body).toEqual({ required: true, providers: [] });
    // The password session ends whole: no refresh, its access token refused at once, and no new
    // session from a password change (each used to give a fresh 15 minutes, for ever).
    const refresh = (s: Session) =>
      call(base, 'POST', '/api/v1/auth/refresh', { body: { refreshToken: s.refreshToken } });
    const ended = await refresh(withPassword);
    expect(ended.status).toBe(403);
    expect(ended.body.error.code).toBe('sso-required');
    const me = await call(base, 'GET', '/api/v1/me', { token: withPassword.accessToken });
    expect(me.status).toBe(403);
    expect(me.body.error.code).toBe('sso-required');
    const changePassword = (s: Session, currentPassword: string, newPassword: string) =>
      call(base, 'POST', '/api/v1/auth/password', {
        token: s.accessToken,
        body: { currentPassword, newPassword },
      });
    const renewed = await changePassword(withPassword, TEST_PASSWORD, NEW_PASSWORD);
    expect(renewed.status).toBe(403);
    expect(renewed.body.error.code).toBe('sso-required');
    expect(renewed.body.accessToken).toBeUndefined();
    // The provider's session goes on, and so does the one a password change on it gives.
    const kept = await refresh(viaProvider);
    expect(kept.status).toBe(200);
    const changed = await changePassword(kept.body as Session, TEST_PASSWORD, NEW_PASSWORD);
    expect(changed.status).toBe(200);
    expect((await call(base, 'GET', '/api/v1/me', { token: changed.body.accessToken })).status).toBe(200);
    const next = await refresh(changed.body as Session);
    expect(next.status).toBe(200);
    const back = await changePassword(next.body as Session, NEW_PASSWORD, TEST_PASSWORD);
    expect(back.status).toBe(200);
    const refused = await call(base, 'POST', '/api/v1/auth/login', {
      body: { email: 'ada@sso.test', password: TEST_PASSWORD },
    });
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('sso-required');
    expect(refused.body.error.message).toMatch(/sign-in provider/);
    // The provider still signs in.
    const b = browser();
    expect(fragment((await callback(b, await throughProvider(b, 'ada'))).location).get('sso')).toBeTruthy();
    const off = await policy(back.body as Session, { required: false });
    expect(off.status).toBe(200);
    await login(base, 'ada@sso.test');
  });

  it('SSO required through named providers refuses the others (a linked personal account, its sessions) and ends calendar feeds', async () => {
    yandexUser = { id: '1130000012345678', default_email: 'ada@sso.test' };
    const viaCorp = await providerSession('ada');
    const viaYandex = await providerSession('', 'yandex');
    const policy = (s: Session, body: object) =>
      call(base, 'PUT', '/api/v1/auth/sso-policy', { token: s.accessToken, body });
    const feed = await call(base, 'POST', '/api/v1/calendar/feed', { token: viaCorp.accessToken });
    expect(feed.status).toBe(201);
    const feedUrl = local(feed.body.url as string);
    expect((await fetch(feedUrl)).status).toBe(200);

    // Bad lists: a provider that is not configured, one named twice, not a provider id.
    for (const providers of [['nope'], ['corp', 'corp'], ['Corp SSO'], 'corp'])
      expect((await policy(viaCorp, { required: true, providers })).status).toBe(400);
    // The admin keeps access: not from a session of a provider the rule leaves out.
    expect((await policy(viaYandex, { required: true, providers: ['corp'] })).status).toBe(409);
    const set = await policy(viaCorp, { required: true, providers: ['corp'] });
    expect(set.status).toBe(200);
    expect(set.body).toEqual({ required: true, providers: ['corp'] });
    const read = await call(base, 'GET', '/api/v1/auth/sso-policy', { token: viaCorp.accessToken });
    expect(read.body).toEqual({ required: true, providers: ['corp'] });

    // The calendar feed ended with the switch.
    expect((await fetch(feedUrl)).status).toBe(404);
    // Yandex ID, linked to Ada, no longer does: its session's access token and refresh, and a new sign-in.
    const me = await call(base, 'GET', '/api/v1/me', { token: viaYandex.accessToken });
    expect(me.status).toBe(403);
    expect(me.body.error.code).toBe('sso-required');
    const refreshed = await call(base, 'POST', '/api/v1/auth/refresh', {
      body: { refreshToken: viaYandex.refreshToken },
    });
    expect(refreshed.status).toBe(403);
    const again = await exchangeVia('', 'yandex');
    expect(again.status).toBe(403);
    expect(again.body.error.code).toBe('sso-required');
    expect(again.body.error.message).toMatch(/corp/);
    // Corp SSO does; its last allowed account cannot be unlinked.
    expect((await call(base, 'GET', '/api/v1/me', { token: viaCorp.accessToken })).status).toBe(200);
    expect((await exchangeVia('ada')).status).toBe(200);
    const unlink = await call(base, 'DELETE', '/api/v1/auth/identities/corp', { token: viaCorp.accessToken });
    expect(unlink.status).toBe(409);
    expect((await policy(viaCorp, { required: false })).body).toEqual({ required: false, providers: [] });
    expect((await exchangeVia('', 'yandex')).status).toBe(200);
  });

  it('sweeps flows, handoff codes, pending links and tickets an hour past their expiry', async () => {
    const db = server.store.systemDb<{ _id: string }>('app_users');
    const count = async (prefix: string) =>
      (await db.list({ startkey: prefix, endkey: `${prefix}\ufff0` })).rows.length;
    expect(await count('oidc-flow:')).toBeGreaterThan(3);
    expect(await count('oidc-handoff:')).toBeGreaterThan(0);
    expect(await count('oidc-pending:')).toBeGreaterThan(0);
    expect(await count('oidc-ticket:')).toBeGreaterThan(0);
    offsetMs = 2 * 3_600_000;
    try {
      // The next start sweeps (the first one of this process did, an hour of the server's clock ago).
      const start = await browser().request(local(`${publicBase()}/api/v1/auth/oidc/corp/start`));
      expect(start.status).toBe(303);
      await until(
        async () =>
          (await count('oidc-flow:')) === 1 &&
          (await count('oidc-handoff:')) === 0 &&
          (await count('oidc-pending:')) === 0 &&
          (await count('oidc-ticket:')) === 0,
      );
    } finally {
      offsetMs = 0;
    }
  });
});

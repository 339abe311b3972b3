// The sign-in providers the operator configured (OIDC_PROVIDERS), spoken to through openid-client:
// discovery (`.well-known/openid-configuration`, found once and kept; retried after a failure), the
// authorization request (code flow, PKCE S256, state, nonce) and the callback (the library checks the
// state, exchanges the code with the PKCE verifier, and checks the ID token's issuer, audience,
// expiry and nonce; its signature, which the library leaves unchecked in the code flow, is checked
// against the provider's JWKS with jose: oidc-signatures.ts). Nothing here verifies a token by hand.
// Yandex ID is OAuth 2.0 without discovery or ID tokens: fixed endpoints, code flow with PKCE and
// state, and the account read from its user-info API with the access token (its `id` is the subject);
// its e-mail is never counted as verified (oidc-service.ts links a Yandex account only from Settings).
// Every request goes through the server's outbound policy (`fetch`: ops/outbound.ts guardedFetch), so
// an issuer on a private address needs the operator's OUTBOUND_ALLOW_PRIVATE.
import * as client from 'openid-client';
import { DomainError } from '@app/shared/errors';
import type { OidcProviderConfig } from '../config';
import { createIdTokenSignatures } from './oidc-signatures';

type Fetch = typeof globalThis.fetch;

/** What a provider says of the account that signed in, after the library's checks. */
export type ProviderIdentity = {
  subject: string;
  email?: string;
  /** The provider vouches for the e-mail (OIDC `email_verified` true); Yandex: never. */
  emailVerified: boolean;
  name?: string;
};

/** What the callback must check, kept server-side from the start of the flow. */
export type FlowChecks = { state: string; nonce?: string; codeVerifier: string };

export type OidcProviders = {
  list(): { id: string; name: string }[];
  get(id: string): OidcProviderConfig | undefined;
  /** The provider's authorization URL and the checks its callback needs. */
  authorization(id: string, redirectUri: string): Promise<{ url: string; checks: FlowChecks }>;
  /** Completes the flow from the callback's full URL; throws `sso-refused` for any failed check. */
  finish(id: string, callbackUrl: URL, checks: FlowChecks): Promise<ProviderIdentity>;
};

const YANDEX_ROOT = 'https://oauth.yandex.ru';
const YANDEX_INFO = 'https://login.yandex.ru/info?format=json';
const TIMEOUT_SECONDS = 10;

/** `error` or one of its causes matches. */
function causedBy(error: unknown, match: (e: unknown) => boolean): boolean {
  for (let e = error, depth = 0; e && depth < 6; e = (e as { cause?: unknown }).cause, depth++)
    if (match(e)) return true;
  return false;
}

const codeOf = (e: unknown) => (e as { code?: unknown }).code;
/** Refused by the outbound policy (ops/outbound.ts OutboundRefused). */
const policyRefused = (e: unknown) => codeOf(e) === 'ESSRF';
/** A failure of the network or a timeout: the provider is unavailable, not the user wrong. */
const networkFailed = (e: unknown) =>
  (e instanceof TypeError && /fetch failed/i.test(e.message)) ||
  ['OAUTH_TIMEOUT', 'OAUTH_ABORT', 'ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND'].includes(String(codeOf(e)));

/** The most specific message of the library's error (its cause says which claim or check failed). */
function reasonOf(error: unknown): string {
  if (error instanceof client.ResponseBodyError)
    return `${error.error}${error.error_description ? `: ${error.error_description}` : ''}`;
  if (error instanceof client.AuthorizationResponseError)
    return `${error.error}${error.error_description ? `: ${error.error_description}` : ''}`;
  const cause = (error as { cause?: unknown }).cause;
  if (cause instanceof Error && cause.message) return cause.message;
  return error instanceof Error ? error.message : String(error);
}

export function providerFailure(name: string, error: unknown): DomainError {
  if (error instanceof DomainError) return error;
  if (causedBy(error, policyRefused))
    return new DomainError(
      'sso-provider-unavailable',
      `${name} cannot be reached: the server's outbound policy refuses its address (OUTBOUND_ALLOW_PRIVATE opens private ones)`,
      { cause: error },
    );
  if (causedBy(error, networkFailed))
    return new DomainError('sso-provider-unavailable', `${name} did not answer; try again later`, {
      cause: error,
    });
  if (error instanceof client.AuthorizationResponseError)
    return new DomainError('sso-refused', `${name} refused the sign-in (${reasonOf(error)})`, {
      cause: error,
    });
  return new DomainError('sso-refused', `The sign-in through ${name} failed its checks: ${reasonOf(error)}`, {
    cause: error,
  });
}

/** Yandex publishes no discovery document: its endpoints under the issuer. */
function yandexMetadata(p: OidcProviderConfig): client.ServerMetadata {
  const root = p.issuer.replace(/\/+$/, '');
  return {
    issuer: root,
    authorization_endpoint: `${root}/authorize`,
    token_endpoint: `${root}/token`,
    code_challenge_methods_supported: ['S256'],
  };
}

/** Yandex's user-info API (`Authorization: OAuth <token>`, as its documentation asks). */
async function yandexIdentity(
  fetch: Fetch,
  p: OidcProviderConfig,
  accessToken: string,
): Promise<ProviderIdentity> {
  const root = p.issuer.replace(/\/+$/, '');
  const info = root === YANDEX_ROOT ? YANDEX_INFO : `${root}/info?format=json`;
  const res = await fetch(info, {
    headers: { authorization: `OAuth ${accessToken}`, accept: 'application/json' },
    signal: AbortSignal.timeout(TIMEOUT_SECONDS * 1000),
  });
  if (!res.ok)
    throw new DomainError('sso-refused', `${p.name} did not give the account (HTTP ${res.status})`);
  const body = (await res.json().catch(() => ({}))) as {
    id?: unknown;
    default_email?: unknown;
    real_name?: unknown;
  };
  if (typeof body.id !== 'string' || !body.id)
    throw new DomainError('sso-refused', `${p.name} answered no account id`);
  return {
    subject: body.id,
    ...(typeof body.default_email === 'string' ? { email: body.default_email } : {}),
    emailVerified: false,
    ...(typeof body.real_name === 'string' ? { name: body.real_name } : {}),
  };
}

export function createOidcProviders(deps: {
  providers: readonly OidcProviderConfig[];
  fetch: Fetch;
  now: () => Date;
}): OidcProviders {
  const byId = new Map(deps.providers.map((p) => [p.id, p]));
  const discovered = new Map<string, Promise<client.Configuration>>();
  const insecure = (p: OidcProviderConfig) => new URL(p.issuer).protocol === 'http:';
  const customFetch: client.CustomFetch = deps.fetch;
  const signatures = createIdTokenSignatures({ fetch: deps.fetch, now: deps.now });

  function provider(id: string): OidcProviderConfig {
    const p = byId.get(id);
    if (!p) throw new DomainError('sso-provider-unknown', `No sign-in provider "${id}" is configured`);
    return p;
  }

  async function discover(p: OidcProviderConfig): Promise<client.Configuration> {
    if (p.kind === 'yandex') {
      const config = new client.Configuration(yandexMetadata(p), p.clientId, p.clientSecret);
      config[client.customFetch] = customFetch;
      config.timeout = TIMEOUT_SECONDS;
      if (insecure(p)) client.allowInsecureRequests(config);
      return config;
    }
    return client.discovery(new URL(p.issuer), p.clientId, p.clientSecret, undefined, {
      [client.customFetch]: customFetch,
      timeout: TIMEOUT_SECONDS,
      ...(insecure(p) ? { execute: [client.allowInsecureRequests] } : {}),
    });
  }

  /** The provider's configuration, discovered once (a failed discovery is tried again next time). */
  async function configOf(p: OidcProviderConfig): Promise<client.Configuration> {
    let pending = discovered.get(p.id);
    if (!pending) {
      pending = discover(p);
      discovered.set(p.id, pending);
      pending.catch(() => discovered.delete(p.id));
    }
    try {
      return await pending;
    } catch (error) {
      throw providerFailure(p.name, error);
    }
  }

  /**
   * A configuration for one callback whose clock is the server's (`now`, which tests move): ID token
   * expiry is judged by it.
   */
  function withServerClock(p: OidcProviderConfig, base: client.Configuration): client.Configuration {
    const skew = Math.round((deps.now().getTime() - Date.now()) / 1000);
    const config = new client.Configuration(base.serverMetadata(), p.clientId, {
      client_secret: p.clientSecret,
      [client.clockSkew]: skew,
    });
    config[client.customFetch] = customFetch;
    config.timeout = TIMEOUT_SECONDS;
    if (insecure(p)) client.allowInsecureRequests(config);
    return config;
  }

  return {
    list: () => deps.providers.map((p) => ({ id: p.id, name: p.name })),
    get: (id) => byId.get(id),
    async authorization(id, redirectUri) {
      const p = provider(id);
      const config = await configOf(p);
      const codeVerifier = client.randomPKCECodeVerifier();
      const checks: FlowChecks = {
        state: client.randomState(),
        codeVerifier,
        ...(p.kind === 'oidc' ? { nonce: client.randomNonce() } : {}),
      };
      const url = client.buildAuthorizationUrl(config, {
        redirect_uri: redirectUri,
        scope: p.scope,
        response_type: 'code',
        code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
        code_challenge_method: 'S256',
        state: checks.state,
        ...(checks.nonce ? { nonce: checks.nonce } : {}),
      });
      return { url: url.href, checks };
    },
    async finish(id, callbackUrl, checks) {
      const p = provider(id);
      const config = withServerClock(p, await configOf(p));
      try {
        const tokens = await client.authorizationCodeGrant(config, callbackUrl, {
          pkceCodeVerifier: checks.codeVerifier,
          expectedState: checks.state,
          ...(p.kind === 'oidc' ? { expectedNonce: checks.nonce, idTokenExpected: true } : {}),
        });
        if (p.kind === 'yandex') return await yandexIdentity(deps.fetch, p, tokens.access_token);
        const claims = tokens.claims();
        if (!claims || !tokens.id_token) throw new DomainError('sso-refused', `${p.name} sent no ID token`);
        await signatures.verify(p, config.serverMetadata(), tokens.id_token);
        let email = typeof claims.email === 'string' ? claims.email : undefined;
        let verified = claims.email_verified === true;
        // Providers that keep the e-mail out of the ID token (oidc-provider's default, some Azure AD
        // set-ups) give it at the user-info endpoint; the library checks its `sub` is the token's.
        if (!email && config.serverMetadata().userinfo_endpoint) {
          const info = await client.fetchUserInfo(config, tokens.access_token, claims.sub);
          email = typeof info.email === 'string' ? info.email : undefined;
          verified = info.email_verified === true;
        }
        return {
          subject: claims.sub,
          ...(email ? { email } : {}),
          emailVerified: Boolean(email) && verified,
          ...(typeof claims.name === 'string' ? { name: claims.name } : {}),
        };
      } catch (error) {
        throw providerFailure(p.name, error);
      }
    },
  };
}
